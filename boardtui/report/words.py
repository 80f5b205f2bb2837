"""What the meeting pack and the public update say in our own words: the two audiences'
wording, the ratings' and arrows' names, and what each judgement's outcome means for families."""

from __future__ import annotations

from typing import Any

BRAG_LETTERS = ("B", "R", "A", "G")
BRAG_ORDER = ("R", "A", "G", "B", "-")
# The board's own labels come from rag_definition; these stand in when a pack has none.
BRAG_NAME = {
    "B": "Blue - complete",
    "R": "Red - off track",
    "A": "Amber - at risk",
    "G": "Green - on track",
    "-": "not yet rated",
}
UNRATED = "-"
ARROWS = {
    "↑": "better than at the board meeting before",
    "→": "the same as at the board meeting before",
    "↓": "worse than at the board meeting before",
}
ARROW_WORD = {"↑": "better", "→": "same", "↓": "worse"}
WITHHELD = "a named officer"

# The same report has two audiences; the public one is in plain words throughout.
WORDS: dict[bool, dict[str, Any]] = {
    False: {
        "kind": "Meeting pack",
        "cover": "Meeting",
        "key": "Key",
        "summary": "Summary",
        "exceptions": "Exceptions: red and overdue actions",
        "matrix": "RAG matrix",
        "weaknesses": "Areas of weakness",
        "decisions": "Decisions and actions arising",
        "due": "Actions arising due",
        "judgements": "Judgement history",
        "measures": "Measures",
        "actions": "Actions",
        "rating": "BRAG",
        "direction": "Dir",
        "target": "Target",
        "revised": "Revised",
        "overdue": "Overdue",
        "overdue_mark": "OVERDUE",
        "rationale": "Latest rationale",
        "lead": "Lead",
        "title": "Title",
        "area": "Area",
        "action": "Action",
        "count": "Actions",
        "change": "Change since previous meeting",
        "monitoring": "Monitoring",
        "summary_caption": "Actions by BRAG",
        "exceptions_caption": "Red or overdue actions",
        "matrix_caption": "BRAG by area and meeting",
        "matrix_note": "Each cell is the area's BRAG letter at that meeting (see the key).",
        "no_exceptions": "No red or overdue actions.",
        "recorded": ("{n} rating was recorded at this meeting.", "{n} ratings were recorded at this meeting."),
        "none_recorded": "No ratings have been recorded at this meeting yet; the figures are each "
        "action's latest rating.",
        "kinds": {"decision": "decision", "action arising": "action arising", "note": "note"},
        "progress": "Progress since last report",
        "proposed": "proposed BRAG",
        "risks": "Risks and mitigation",
        "impact": "Impact",
        "evidence": "Evidence",
    },
    True: {
        "kind": "Public update",
        "cover": "About this update",
        "key": "How to read this update",
        "summary": "How the plan is going",
        "exceptions": "Where we are behind",
        "matrix": "Progress over time",
        "weaknesses": "What we are working on",
        "decisions": "What the board decided",
        "due": "What was due since the last meeting",
        "judgements": "What inspectors and reviewers said",
        "measures": "How we measure progress",
        "actions": "What we are doing",
        "glossary": "Words and letters used in this update",
        "rating": "Progress",
        "direction": "Since the last meeting",
        "target": "Due by",
        "revised": "New date agreed",
        "overdue": "Late",
        "overdue_mark": "Late",
        "rationale": "What the board heard",
        "lead": "Who leads it",
        "title": "What we are doing",
        "area": "Area",
        "action": "Action",
        "count": "Actions",
        "change": "Change since the last meeting",
        "monitoring": "Monitoring",
        "summary_caption": "Actions by progress",
        "exceptions_caption": "Actions that are off track or late",
        "matrix_caption": "Progress of each area at each board meeting",
        "matrix_note": "Each letter is an area's progress at that board meeting: the key above says "
        "what each letter means.",
        "no_exceptions": "No action is off track or late.",
        "recorded": (
            "The board gave {n} progress rating at this meeting.",
            "The board gave {n} progress ratings at this meeting.",
        ),
        "none_recorded": "The board has not rated progress at this meeting yet; the figures are "
        "each action's latest rating.",
        "kinds": {"decision": "Decision", "action arising": "Action agreed", "note": "Note"},
        "progress": "Progress since the last report",
        "impact": "What it means for children and families",
    },
}
# What each judgement's outcome means, for families (the pack's own words are the inspectors').
OUTCOME_WORDS = {
    "significant weakness": "a significant weakness: inspectors found this area of the local services was "
    "not working well enough for children and young people with SEND",
    "written statement accepted": "written statement accepted: Ofsted and CQC accepted the area's written "
    "statement of action, its plan for putting the weaknesses right",
    "sufficient": "sufficient progress: inspectors found enough improvement here",
    "not sufficient": "not sufficient progress: inspectors found not enough improvement here yet",
    "remains under monitoring": "remains under monitoring: the Department for Education and NHS England "
    "keep checking progress here",
    "left formal monitoring": "left formal monitoring: enough progress was shown, so the Department for "
    "Education and NHS England no longer check this area formally",
    "middle of three outcomes": "the middle of three outcomes: inspections now give one of three results, and "
    "this one means children's experiences and outcomes are inconsistent, so "
    "the partners must keep working together to improve them",
}
PUBLIC_NOTE = (
    "This is the public version of the board's update. It leaves out confidential items and the names of individuals."
)
