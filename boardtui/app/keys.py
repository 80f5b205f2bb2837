"""Every binding with an id, in one place, so boardtui.toml [keys] can rebind any of them
and the help screen lists the keys actually in force."""

from __future__ import annotations

from textual.binding import Binding, BindingType

APP_BINDINGS: list[BindingType] = [
    Binding("question_mark,f1", "help", "Help", id="help"),
    Binding("x", "exceptions", "Exceptions", id="exceptions"),
    Binding("m", "matrix", "Matrix", id="matrix"),
    Binding("slash", "search", "Search", id="search"),
    Binding("left_square_bracket", "prev_meeting", "◀ Meeting", id="prev_meeting"),
    Binding("right_square_bracket", "next_meeting", "Meeting ▶", id="next_meeting"),
    Binding("n", "start_meeting", "Meeting", id="start_meeting"),
    Binding("d", "minute('decision')", "Decision", id="decision"),
    Binding("a", "minute('action arising')", "Arising", id="action_arising"),
    Binding("u,ctrl+z", "undo", "Undo", id="undo"),
    Binding("q", "quit", "Quit", id="quit"),
    # Not in the key bar, which has room for the keys a meeting uses most; ? lists them all.
    Binding("t", "minute('note')", "Note", id="note", show=False),
    Binding("A", "attendance", "Attendance", id="attendance", show=False),
    Binding("R", "returns", "Returns", id="returns", show=False),
    Binding("ctrl+y,ctrl+r", "redo", "Redo", id="redo", show=False),
    Binding("e", "export", "Export", id="export", show=False),
    Binding("p", "report", "Pack", id="report", show=False),
    Binding("P", "review", "Publication review", id="publication_review", show=False),
    Binding("y", "my_actions", "My actions", id="my_actions", show=False),
    Binding("D", "returns_due", "Returns due", id="returns_due", show=False),
    # From anywhere in a meeting (the agenda screen shows them).
    Binding("full_stop", "agenda_step(1)", show=False, id="next_item"),
    Binding("comma", "agenda_step(-1)", show=False, id="prev_item"),
]
BACK = Binding("escape", "back", "Back", id="back")
RATE = Binding("r", "rate", "Rate", id="rate")
REVISE_TARGET = Binding("T", "revise_target", "Revise target", id="revise_target")
UPDATE = Binding("U", "update", "Update", id="update")
REOPEN = Binding("O", "reopen", "Reopen", id="reopen", show=False)
RATE_WEAKNESS = Binding("asterisk", "rate_weakness", "Board rating", id="rate_weakness")
ACTIONS_BINDINGS: list[BindingType] = [
    RATE,
    REVISE_TARGET,
    UPDATE,
    REOPEN,
    Binding("s", "sort_next", "Sort", id="sort"),
    Binding("S", "sort_reverse", "Reverse", id="sort_reverse", show=False),
    Binding("f", "filter", "Filter", id="filter"),
    Binding("w", "weakness_detail", "Weakness detail", id="weakness_detail"),
]
AGENDA_BINDINGS: list[BindingType] = [
    Binding("full_stop", "next_item", "Next item", id="next_item"),
    Binding("comma", "prev_item", "Prev item", id="prev_item"),
    Binding("o,enter", "open_item", "Actions", id="open_item"),
    RATE_WEAKNESS,
    # The item above the minutes can be longer than the screen (80x24): page through it.
    Binding("space", "scroll_item(1)", "More", id="item_down"),
    Binding("b", "scroll_item(-1)", "Back up", id="item_up", show=False),
    Binding("c", "toggle_confidential", "Confidential", id="confidential"),
    Binding("E", "edit_minute", "Edit minute", id="edit_minute"),
    Binding("M", "approve_minutes", "Approve minutes", id="approve_minutes"),
    # Time travel would change what the agenda is about mid-meeting; say so instead.
    Binding("left_square_bracket,right_square_bracket", "time_travel_off", show=False),
]

RETURNS_BINDINGS: list[BindingType] = [
    Binding("a", "accept", "Accept", id="accept_update"),
    Binding("d", "decline", "Decline", id="decline_update"),
    Binding("i", "import_returns", "Import returns", id="import_returns"),
    Binding("s", "send_return", "Send my return", id="send_return"),
]
MY_ACTIONS_BINDINGS: list[BindingType] = [
    UPDATE,
    Binding("c", "choose_person", "Choose who", id="choose_person"),
]
REVIEW_BINDINGS: list[BindingType] = [
    Binding("h", "withhold", "Withhold", id="review_withhold"),
    Binding("s", "keep", "Keep", id="review_keep"),
    Binding("t", "public_title", "Public title", id="review_public_title"),
]
# In every dialog (dialogs/base.py): listed here so the help and the keymap know them.
DIALOG_BINDINGS: list[BindingType] = [
    Binding("ctrl+s", "save", "Save", priority=True, id="dialog_save"),
    Binding("enter", "next_field", "Next field", show=False, priority=True, id="dialog_next"),
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
    "start_meeting": "start or resume a meeting: its agenda, one item at a time",
    "decision": "record a decision in the minutes (of the meeting in progress, else the latest draft)",
    "note": "record a note in the minutes",
    "action_arising": "record an action arising: owner and due date; it joins the action log",
    "attendance": "record who is present and who sent apologies",
    "returns": "officers' returns: decide updates (a accept, d decline), import returns (i), send yours (s)",
    "update": "write your progress update on the action (works on a read-only pack or a snapshot too)",
    "reopen": "reopen a closed action, with the reason (its own audited change; then it can be rated)",
    "rate_weakness": "the board's own rating of the weakness at the meeting (dashboard, agenda): shown *",
    "accept_update": "returns: accept the update (audited; u undoes)",
    "decline_update": "returns: decline the update, with the reason",
    "import_returns": "returns: import the return files waiting in the returns folder",
    "send_return": "returns: write your updates not yet sent as one return file",
    "my_actions": "my actions: every action you lead or oversee (user in boardtui.toml), every weakness, with "
    "targets, last BRAG and where your update is (drafted, sent, decided); c chooses who you are",
    "returns_due": "returns due: the next meeting's actions by lead officer, who has sent an update since the last "
    "meeting and who has not",
    "choose_person": "my actions: choose whose actions to show (everyone who leads or oversees one)",
    "publication_review": "publication review: words that look like names in the public outputs, each withheld or "
    "kept (h / s), and public titles for confidential actions arising (t)",
    "review_withhold": "review: withhold the words from every public output (audited; u undoes)",
    "review_keep": "review: keep the words in the public outputs, as written (audited; u undoes)",
    "review_public_title": "review: a neutral public title for a confidential action arising (blank: left out)",
    "dialog_save": "in any dialog: save, from any field",
    "dialog_next": "in a dialog: the next field (saves from the last); in long text, a new line",
    "revise_target": "revise the action's target date (the original is kept)",
    "next_item": "meeting: the next agenda item",
    "prev_item": "meeting: the previous agenda item",
    "open_item": "meeting: this item's actions, to rate them (Esc comes back); Enter on a minute too",
    "item_down": "meeting: page down through the agenda item (its reds, overdue actions, arising)",
    "item_up": "meeting: page back up through the agenda item",
    "confidential": "meeting: mark the selected minute item confidential, or not",
    "edit_minute": "meeting: correct the selected minute item (approved minutes: an audited amendment)",
    "approve_minutes": "meeting: approve the previous meeting's minutes at this one",
    "undo": "undo this session's last recorded change (the undo is audited too)",
    "redo": "redo: record again the change undo took back (until a new change is recorded)",
    "rate": "record a rating for the action (Blue asks for the evidence)",
    "quit": "quit",
    "back": "back one level, cursor where it was",
    "sort": "actions list: sort by the next column",
    "sort_reverse": "actions list: reverse the sort order",
    "filter": "actions list: filter by BRAG, overdue, lead organisation, plan",
    "weakness_detail": "actions list: the weakness's judgements, measures and minutes",
}
# Every entry above is a Binding (Textual also takes tuples): the filter says so to the type checker.
ALL = [
    b
    for b in (
        *APP_BINDINGS,
        BACK,
        *ACTIONS_BINDINGS,
        *AGENDA_BINDINGS[:-1],
        *RETURNS_BINDINGS,
        *MY_ACTIONS_BINDINGS,
        *REVIEW_BINDINGS,
        *DIALOG_BINDINGS,
    )
    if isinstance(b, Binding)
]


def keys_in_force(keymap: dict[str, str]) -> list[tuple[str, str, str]]:
    """(keys, id, explanation) for every binding, after the user's keymap."""
    seen: set[str] = set()
    out = []
    for b in ALL:
        if b.id and b.id not in seen:  # . and , are bound twice (agenda screen, and anywhere in a meeting)
            seen.add(b.id)
            out.append((keymap.get(b.id, b.key), b.id, EXPLAIN.get(b.id, b.description)))
    return out
