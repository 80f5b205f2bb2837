"""What an import can read, in the README's words, and the headers trackers use for each.

Messages and mapping files use the words in ``FIELDS`` ("action lead", "target date"), never
the pack's column names.
"""

from __future__ import annotations

import difflib

from boardtui.store.importer.values import fold

# field -> the README's word for it (mapping files use these; messages show them).
FIELDS = {
    "id": "action id",
    "weakness": "weakness",
    "plan": "plan",
    "title": "action title",
    "description": "description",
    "success_criteria": "success criteria",
    "action_lead": "action lead",
    "senior_officer": "senior officer",
    "lead_org": "lead organisation",
    "start_date": "start date",
    "target_date": "target date",
    "revised_target_date": "revised target date",
    "status": "status",
    "rag": "RAG",
    "update": "progress update",
    "rationale": "rationale",
    "risks": "risks",
    "impact": "impact",
    "evidence": "evidence",
    "meeting": "meeting date",
    "text": "minute",
    "kind": "minute type",
    "due_date": "due date",
    "confidential": "confidential",
    "measure": "measure",
    "period_end": "period end",
    "value": "value",
    "ignore": "ignore",
}
DATE_FIELDS = ("start_date", "target_date", "revised_target_date", "meeting", "due_date", "period_end")

_HEADER_WORDS = {
    "id": (
        "id",
        "action id",
        "ref",
        "ref no",
        "reference",
        "action ref",
        "action reference",
        "action no",
        "action number",
        "code",
        "action code",
        "no",
    ),
    "weakness": (
        "weakness",
        "area",
        "area of weakness",
        "weakness code",
        "priority area",
        "area for improvement",
        "area of improvement",
        "improvement area",
    ),
    "plan": ("plan", "plan code"),
    "title": ("action", "title", "action title", "action required", "actions", "what we will do"),
    "description": ("description", "detail", "details", "action description", "action detail"),
    "success_criteria": (
        "success criteria",
        "success measure",
        "success measures",
        "measure of success",
        "how we will know",
    ),
    "action_lead": (
        "lead",
        "action lead",
        "action owner",
        "owner",
        "responsible officer",
        "lead officer",
        "officer",
        "lead officer name",
        "action lead officer",
        "responsible",
        "named lead",
    ),
    "senior_officer": (
        "senior officer",
        "sro",
        "accountable officer",
        "senior responsible officer",
        "accountable senior officer",
        "accountable lead",
        "executive lead",
        "sponsor",
    ),
    "lead_org": (
        "organisation",
        "lead organisation",
        "org",
        "agency",
        "lead agency",
        "partner",
        "lead partner",
        "organisation responsible",
        "service",
        "lead service",
    ),
    "start_date": ("start", "start date", "date started"),
    "target_date": (
        "target",
        "target date",
        "due date",
        "deadline",
        "original target",
        "original target date",
        "target date original",
        "target completion date",
        "original deadline",
        "completion target",
    ),
    "revised_target_date": (
        "revised",
        "revised target",
        "revised target date",
        "revised date",
        "target date revised",
        "new target date",
        "revised deadline",
        "revised completion date",
    ),
    "status": ("status", "action status", "current status"),
    "rag": (
        "rag",
        "brag",
        "rating",
        "rag rating",
        "current rag",
        "rag status",
        "brag rating",
        "brag status",
        "current rag status",
        "overall rag",
        "current rating",
    ),
    "update": (
        "update",
        "latest update",
        "progress update",
        "progress",
        "commentary",
        "comment",
        "comments",
        "progress since last report",
        "progress to date",
        "update on progress",
        "narrative",
        "position statement",
        "latest position",
        "progress comments",
    ),
    "rationale": ("rationale", "reason for rating", "rag rationale", "reason"),
    "risks": (
        "risks",
        "risk",
        "issues",
        "risks and issues",
        "issues and risks",
        "risks issues",
        "risks and mitigation",
        "risks and mitigations",
        "mitigation",
        "risks issues and mitigation",
    ),
    "impact": (
        "impact",
        "impact on children and families",
        "impact for children and families",
        "impact on children and young people",
        "difference made",
    ),
    "evidence": ("evidence", "evidence of impact", "evidence reference", "evidence references", "evidence ref"),
    "meeting": ("meeting", "meeting date", "date", "board date", "board meeting", "board meeting date"),
    "text": ("minute", "minutes", "text", "decision", "item", "minute text"),
    "kind": ("type", "kind", "minute type", "item type"),
    "due_date": ("due", "due by"),
    "confidential": ("confidential", "confidential item"),
    "measure": ("measure", "kpi", "measure code", "indicator"),
    "period_end": ("period", "period end", "period ending", "as at"),
    "value": ("value", "result", "figure"),
}
# A usual header (folded) -> field.
HEADERS = {header: name for name, headers in _HEADER_WORDS.items() for header in headers}

# Every way a mapping file may name a field: its word, its header words, the column name.
_ALIASES = {
    **HEADERS,
    **{fold(word): name for name, word in FIELDS.items()},
    **{fold(name): name for name in FIELDS},
    "brag": "rag",
    "skip": "ignore",
    "owner": "action_lead",
}


def field_named(word: object) -> str | None:
    """The field a mapping file means by ``word``, or None."""
    return _ALIASES.get(fold(word))


def nearest_field(word: object) -> str | None:
    """The README's word for the field nearest to ``word``."""
    choices = {fold(w): w for w in FIELDS.values()}
    near = difflib.get_close_matches(fold(word), list(choices), n=1, cutoff=0.5)
    return choices[near[0]] if near else None


def field_word(name: str) -> str:
    return FIELDS.get(name, name.replace("_", " "))
