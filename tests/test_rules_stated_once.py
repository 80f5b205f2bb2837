"""Each board rule is stated once, in queries/rules.sql: no other query and no module restates one.

A rule restated drifts from its one definition (the target in force was written by hand in five
places, one of them Python). So every .sql file but rules.sql, and every module of boardtui, is
searched for each rule's characteristic expression; a query applies a rule by calling its macro.
The rules read plainly in Python live in tests/rulepack.py only, where the property test checks
the macros against them. Each pattern is shown to find a restatement planted in a copy of a query.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
QUERIES = REPO / "queries"
RULES = QUERIES / "rules.sql"

# What restating each rule in SQL looks like (case-insensitive, across lines).
SQL_RESTATEMENTS = {
    # The revised target chosen over the original by hand: a CASE on when it was agreed, or a
    # coalesce of a revised target (or one in force) with the original.
    "target in force": [
        r"WHEN\s+[\w.]*target_revised_on\s*(<=|<|IS\s+NOT\s+NULL)[^;]*?THEN\s+[\w.]*revised",
        r"coalesce\s*\(\s*[\w.]*revised\w*\s*,\s*[\w.]*target_date\s*\)",
    ],
    # Overdue is "not Blue and the target in force has passed"; the "not Blue" half gives it away.
    "overdue": [r"(<>|!=)\s*'B'", r"'B'\s*(<>|!=)"],
    # A weakness's BRAG: the worst of its actions' (a min or max over BRAG ranks), BRAG ranked by
    # hand, or the board's own rating put before the derived one (or taken as its last word).
    "weakness BRAG": [
        r"\b(min|max|arg_min|arg_max)\s*\(\s*brag_rank\s*\(",
        r"WHEN\s+'[RAGB]'\s+THEN\s+\d",
        r"WHEN\s+\d\s+THEN\s+'[RAGB]'",
        r"coalesce\s*\(\s*own\w*\.brag\b",
    ],
    # The latest rating: ratings ordered, or an arg_max keyed, by when recorded other than
    # through rating_order and latest_rating / board_rating.
    "latest rating": [
        r"ORDER\s+BY\s+[^()\n;]*\brecorded_at\b",
        r"\b(arg_max|arg_min|max_by|min_by)\s*\([^;]*?\(\s*[\w.]*recorded_at\s*,",
    ],
    # Live: the statuses that take an action out of the record.
    "live": [r"'carried forward'\s*,\s*'withdrawn'", r"'withdrawn'\s*,\s*'carried forward'"],
}

# What restating them in Python looks like.
PY_RESTATEMENTS = {
    "target in force": [
        r"revised_(?:target_date|as_at)[\"']\s*\]\s*or\b",
        r"revised_(?:target_date|as_at)[\"']\s*\)\s*or\b",
        r"target_revised_on[\"']?\s*\]?\s*<=",
    ],
    "overdue": [r"!=\s*[\"']B[\"']\s*and\b"],
    "weakness BRAG": [r"\{\s*[\"']R[\"']\s*:\s*\d", r"[\"']RAGB[\"']\.index", r"[\"']RAGB[\"']\.find"],
    "latest rating": [r"key\s*=\s*lambda[^\n]*recorded_at"],
    "live": [r"[\"']carried forward[\"']\s*,\s*[\"']withdrawn[\"']\s*\)\s*and\b"],
}

# Allowed, as they apply no rule to what the board is shown: the demo builder words the
# rationales of its invented history (a rating "up" on the one before); the actions list sorts
# rows it was given by their BRAG column, worst first (left for typed rows, issue 29, to carry
# the rank from SQL).
PY_ALLOWED = {("weakness BRAG", "boardtui/store/build.py"), ("weakness BRAG", "boardtui/app/screens/actions.py")}


def restatements(text: str, patterns: dict[str, list[str]]) -> list[tuple[str, str]]:
    """(rule, what matched) for every restatement in ``text``."""
    found = []
    for rule, regexes in patterns.items():
        for regex in regexes:
            found += [(rule, m.group(0)) for m in re.finditer(regex, text, re.IGNORECASE)]
    return found


def without_comments(sql: str) -> str:
    return re.sub(r"--[^\n]*", "", sql)


def sql_files() -> list[Path]:
    # Migrations state the schema (a CHECK lists every status), not a rule applied to rows.
    return sorted(p for p in QUERIES.rglob("*.sql") if p != RULES and "migrations" not in p.parts)


def test_no_query_restates_a_rule():
    found = {
        str(p.relative_to(REPO)): hits
        for p in sql_files()
        if (hits := restatements(without_comments(p.read_text(encoding="utf-8")), SQL_RESTATEMENTS))
    }
    assert found == {}, "a rule restated by hand: call its macro in queries/rules.sql instead"


def test_no_module_restates_a_rule():
    found = {}
    for path in sorted((REPO / "boardtui").rglob("*.py")):
        name = str(path.relative_to(REPO))
        hits = [
            hit
            for hit in restatements(path.read_text(encoding="utf-8"), PY_RESTATEMENTS)
            if (hit[0], name) not in PY_ALLOWED
        ]
        if hits:
            found[name] = hits
    assert found == {}, "a rule computed in Python: ask SQL, which applies queries/rules.sql"


def test_every_rule_is_defined_in_rules_sql():
    macros = set(re.findall(r"CREATE OR REPLACE TEMP MACRO (\w+)", RULES.read_text(encoding="utf-8")))
    assert {
        "weakness_brag",
        "derived_brag",
        "board_rating",
        "target_in_force",
        "revised_in_force",
        "latest_rating",
        "rating_order",
        "is_overdue",
        "is_live",
    } <= macros
    elsewhere = {
        p.name: m
        for p in sql_files()
        if (m := macros & set(re.findall(r"TEMP MACRO (\w+)", p.read_text(encoding="utf-8"))))
    }
    assert elsewhere == {}, "a rule's macro defined again outside queries/rules.sql"


# Restatements planted in real queries: the search must find each (or the tests above prove nothing).
PLANTED = [
    (
        "queries/returns_due_actions.sql",
        "target_in_force(a.target_date, a.revised_target_date, a.target_revised_on, $as_of)",
        "CASE WHEN a.target_revised_on <= $as_of THEN a.revised_target_date ELSE a.target_date END",
        "target in force",
    ),
    ("queries/exceptions.sql", "a.target_in_force", "coalesce(a.revised_as_at, a.target_date)", "target in force"),
    (
        "queries/returns_due_actions.sql",
        "is_overdue(r.brag, a.target_date, a.revised_target_date, a.target_revised_on, $as_of)",
        "coalesce(r.brag, '') <> 'B' AND a.target_date < $as_of",
        "overdue",
    ),
    ("queries/matrix.sql", "derived_brag(h.brag, true)", "brag_of_rank(min(brag_rank(h.brag)))", "weakness BRAG"),
    (
        "queries/dashboard.sql",
        "weakness_brag(own_now.brag, c.derived) AS brag",
        "coalesce(own_now.brag, c.derived) AS brag",
        "weakness BRAG",
    ),
    ("queries/matrix.sql", "board_rating(brag, recorded_at, id)", "arg_max(brag, (recorded_at, id))", "latest rating"),
    (
        "queries/update_action_state.sql",
        "WHERE r.action = $id\n),",
        "WHERE r.action = $id\n    ORDER BY m.date DESC, r.recorded_at DESC, r.id DESC\n),",
        "latest rating",
    ),
    (
        "queries/agenda_actions.sql",
        "WHERE a.weakness = $weakness",
        "WHERE a.weakness = $weakness AND NOT x.status IN ('carried forward', 'withdrawn')",
        "live",
    ),
]


@pytest.mark.parametrize(("path", "old", "new", "rule"), PLANTED, ids=[f"{p[3]}: {p[0]}" for p in PLANTED])
def test_a_planted_restatement_is_found(path, old, new, rule):
    text = (REPO / path).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"update the planted restatement: {old!r} is not in {path} once"
    assert restatements(without_comments(text), SQL_RESTATEMENTS) == []
    assert rule in {r for r, _ in restatements(without_comments(text.replace(old, new)), SQL_RESTATEMENTS)}


@pytest.mark.parametrize(
    ("code", "rule"),
    [
        ('target = now["revised_target_date"] or now["target_date"]', "target in force"),
        ('was = seen.get("revised_target_date") or seen.get("target_date")', "target in force"),
        ('late = a["brag"] != "B" and target < day', "overdue"),
        ('RANK = {"R": 1, "A": 2, "G": 3, "B": 4}', "weakness BRAG"),
        ('latest = max(ratings, key=lambda r: (r["date"], r["recorded_at"], r["id"]))', "latest rating"),
        ('live = start <= day and not (status in ("carried forward", "withdrawn") and closed <= day)', "live"),
    ],
)
def test_a_planted_python_restatement_is_found(code, rule):
    assert rule in {r for r, _ in restatements(code, PY_RESTATEMENTS)}
