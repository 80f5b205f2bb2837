"""Every binding with an id, in one place, so boardtui.toml [keys] can rebind any of them
and the help screen lists the keys actually in force."""

from __future__ import annotations

from textual.binding import Binding

APP_BINDINGS = [
    Binding("question_mark,f1", "help", "Help", id="help"),
    Binding("x", "exceptions", "Exceptions", id="exceptions"),
    Binding("m", "matrix", "Matrix", id="matrix"),
    Binding("slash", "search", "Search", id="search"),
    Binding("e", "export", "Export", id="export"),
    Binding("p", "report", "Pack", id="report"),
    Binding("u,ctrl+z", "undo", "Undo", id="undo"),
    Binding("left_square_bracket", "prev_meeting", "◀ Meeting", id="prev_meeting"),
    Binding("right_square_bracket", "next_meeting", "Meeting ▶", id="next_meeting"),
    Binding("q", "quit", "Quit", id="quit"),
]
BACK = Binding("escape", "back", "Back", id="back")
RATE = Binding("r", "rate", "Rate", id="rate")
ACTIONS_BINDINGS = [
    RATE,
    Binding("s", "sort_next", "Sort", id="sort"),
    Binding("S", "sort_reverse", "Reverse", id="sort_reverse", show=False),
    Binding("f", "filter", "Filter", id="filter"),
    Binding("w", "weakness_detail", "Weakness detail", id="weakness_detail"),
]

# What each binding does, for the help screen (binding id -> explanation).
EXPLAIN = {
    "help": "this help",
    "exceptions": "every red or overdue action, grouped by weakness",
    "matrix": "RAG matrix: weaknesses down, meetings across",
    "search": "search action ids, titles, descriptions and minutes",
    "prev_meeting": "time travel: show everything as at the previous board meeting",
    "next_meeting": "time travel: the next board meeting",
    "export": "export a Parquet snapshot of the pack into the snapshots folder",
    "report": "write the meeting pack (HTML) for the meeting shown into the reports folder",
    "undo": "undo this session's last recorded change (the undo is audited too)",
    "rate": "record a rating for the action (Blue asks for the evidence)",
    "quit": "quit",
    "back": "back one level, cursor where it was",
    "sort": "actions list: sort by the next column",
    "sort_reverse": "actions list: reverse the sort order",
    "filter": "actions list: filter by BRAG, overdue, lead organisation, plan",
    "weakness_detail": "actions list: the weakness's judgements, measures and minutes",
}
ALL = [*APP_BINDINGS, BACK, *ACTIONS_BINDINGS]  # RATE is in ACTIONS_BINDINGS


def keys_in_force(keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(keys, id, explanation) for every binding, after the user's keymap."""
    return [(keymap.get(b.id or "", b.key), b.id or "", EXPLAIN.get(b.id or "", b.description)) for b in ALL]
