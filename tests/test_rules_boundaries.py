"""The rules the help screen and README state, each at its boundary, on one small pack built from
text (tests/rulepack.py): what the dashboard, the actions list, exceptions, the matrix and the
agenda show as at each meeting.

The pack: board meetings M1 (10 Mar 2024), M2 (10 May 2024) and M3 (10 Jul 2024), and a review
meeting R1 (1 Jun 2024) between M2 and M3. Each case is an action, or a weakness of its own.
"""

from __future__ import annotations

from datetime import date

import pytest
from rulepack import Action, Board, Judgement, Meeting, Rules, build_board

from boardtui.app.screens.help import AS_AT_RULE, WEAKNESS_RULE
from boardtui.store.db import open_store
from boardtui.store.views import BoardViews

M1, M2, R1, M3 = date(2024, 3, 10), date(2024, 5, 10), date(2024, 6, 1), date(2024, 7, 10)
BEGUN = date(2024, 1, 1)
LATER = date(2024, 12, 31)


def day(d: date, offset: int) -> date:
    return date.fromordinal(d.toordinal() + offset)


def cases() -> Board:
    meetings = [Meeting("M1", M1), Meeting("M2", M2), Meeting("R1", R1, "review"), Meeting("M3", M3)]
    actions, ratings, own, judgements = [], {}, {}, []

    def action(
        id_, weakness, *, start=BEGUN, target=LATER, revised=None, revised_on=None, status="open", closed=None, rated=()
    ):
        actions.append(Action(id_, weakness, start, target, revised, revised_on, status, closed))
        for meeting, brag in rated:
            ratings[(id_, meeting)] = brag

    on_track = (("M1", "G"), ("M2", "G"), ("M3", "G"))
    # Overdue: the target date in force has passed (is before the meeting's date) and not Blue.
    action("T-BEFORE", "WO", target=day(M2, -1), rated=on_track)
    action("T-ON", "WO", target=M2, rated=on_track)
    action("T-AFTER", "WO", target=day(M2, 1), rated=on_track)
    action("BLUE", "WO", target=day(M1, -9), status="complete", closed=M2, rated=(("M1", "G"), ("M2", "B")))
    action("UNRATED", "WO", target=day(M1, -9))
    # A revised target counts from the day it was agreed.
    action("REV-ON", "WO", target=day(M2, -9), revised=LATER, revised_on=M2, rated=on_track)
    action("REV-AFTER", "WO", target=day(M2, -9), revised=LATER, revised_on=day(M2, 1), rated=on_track)
    action("REV-BEFORE", "WO", target=day(M2, -9), revised=LATER, revised_on=day(M2, -1), rated=on_track)
    action("REV-PASSED", "WO", target=LATER, revised=day(M2, -1), revised_on=M1, rated=on_track)
    # BRAG: the latest rating at or before the meeting; direction against the board meeting before.
    action("SKIP", "WR", rated=(("M1", "A"), ("M3", "G")))
    action("AT", "WR", rated=(("M2", "R"),))
    action("REVIEW", "WR", rated=(("M1", "G"), ("M2", "G"), ("R1", "A")))
    action("UP", "WR", rated=(("M1", "R"), ("M2", "A"), ("M3", "B")))
    action("DOWN", "WR", rated=(("M1", "G"), ("M2", "A"), ("M3", "R")))
    action("SAME", "WR", rated=(("M1", "A"), ("M2", "A"), ("M3", "A")))
    # A weakness's BRAG derived from its live actions: the worst, Blue only when every rated one is.
    for code, letters in {
        "WD-RAG": "RAG",
        "WD-AGB": "AGB",
        "WD-GB": "GB",
        "WD-BB": "BB",
        "WD-B_": "B-",
        "WD-__": "--",
        "WD-GR": "GR",
    }.items():
        for n, letter in enumerate(letters):
            action(f"{code}.{n}", code, rated=() if letter == "-" else (("M2", letter),))
    # Live: from its start date; until withdrawn or carried forward (a completed one stays).
    action(
        "GONE-ON.R", "WL-GONE-ON", target=day(M1, -9), status="withdrawn", closed=M2, rated=(("M1", "R"), ("M2", "R"))
    )
    action("GONE-ON.G", "WL-GONE-ON", rated=(("M1", "G"), ("M2", "G")))
    action("GONE-AFTER.R", "WL-GONE-AFTER", status="carried forward", closed=day(M2, 1), rated=(("M2", "R"),))
    action("GONE-AFTER.G", "WL-GONE-AFTER", rated=(("M2", "G"),))
    action("DONE.R", "WL-DONE", status="complete", closed=day(M1, 1), rated=(("M1", "R"),))
    action("DONE.G", "WL-DONE", rated=(("M2", "G"),))
    action("START-ON.R", "WL-START-ON", start=M2, rated=(("M2", "R"),))
    action("START-ON.G", "WL-START-ON", rated=(("M2", "G"),))
    action("START-AFTER.R", "WL-START-AFTER", start=day(M2, 1), rated=(("M2", "R"),))
    action("START-AFTER.G", "WL-START-AFTER", rated=(("M2", "G"),))
    # The board's own rating stands for the weakness at that meeting only.
    action("OWN.G", "WB", rated=on_track)
    own[("WB", "M2")] = "A"
    action("OWN-PREV.G", "WB-PREV", rated=on_track)
    own[("WB-PREV", "M1")] = "R"
    # Monitoring from the judgements on or before the meeting's date (the latest one counts).
    judgements += [
        Judgement("WM-ON", M2, "sufficient"),
        Judgement("WM-AFTER", day(M2, 1), "sufficient"),
        Judgement("WM-BACK", day(M1, -9), "sufficient"),
        Judgement("WM-BACK", M2, "remains under monitoring"),
        Judgement("WM-FOUND", day(M1, -9), "significant weakness"),
        Judgement("WM-REFOUND", day(M1, -9), "sufficient"),
        Judgement("WM-REFOUND", M2, "significant weakness"),
        Judgement("WA-RED", day(M1, -9), "left formal monitoring"),
        Judgement("WA-LATE", day(M1, -9), "left formal monitoring"),
        Judgement("WA-QUIET", day(M1, -9), "left formal monitoring"),
    ]
    # The agenda: every weakness monitored, and any other with a red or overdue action.
    action("RED", "WA-RED", rated=(("M2", "R"),))
    action("LATE", "WA-LATE", target=day(M2, -1), rated=(("M2", "G"),))
    action("QUIET", "WA-QUIET", target=M2, rated=(("M2", "G"),))
    weaknesses = sorted({a.weakness for a in actions} | {j.weakness for j in judgements} | {"WB"})
    return Board(weaknesses, meetings, actions, ratings, own, judgements)


@pytest.fixture(scope="module")
def board():
    return cases()


@pytest.fixture(scope="module")
def views(board, tmp_path_factory):
    views = BoardViews(open_store(build_board(board, tmp_path_factory.mktemp("rules")), read_only=True))
    yield views
    views.close()


def action(views, board, action_id, meeting):
    weakness = next(a.weakness for a in board.actions if a.id == action_id)
    return {r.id: r for r in views.actions(weakness, meeting)}.get(action_id)


def weakness(views, code, meeting):
    return {r.code: r for r in views.dashboard(meeting)}[code]


def test_the_rules_tested_here_are_the_ones_the_help_screen_states():
    # If the help's wording changes, the cases below must be read again against it.
    assert "latest rating at or before that meeting" in AS_AT_RULE
    assert "a revised target counts from the date it was agreed" in AS_AT_RULE
    assert "had passed and it was not Blue" in AS_AT_RULE
    assert "board's own rating of the weakness at that meeting" in WEAKNESS_RULE
    assert "Blue only when every rated action is Blue" in WEAKNESS_RULE
    assert "compares with the same rule at the previous board meeting" in WEAKNESS_RULE


# -- overdue: the target in force had passed, and not Blue ----------------------------------------


@pytest.mark.parametrize("action_id, at_m2", [("T-BEFORE", True), ("T-ON", False), ("T-AFTER", False)])
def test_overdue_from_the_day_after_the_target_date(views, board, action_id, at_m2):
    shown = action(views, board, action_id, "M2")
    assert shown.overdue is at_m2
    assert shown.overdue is (action_id in {r.id for r in views.exceptions("M2")})
    assert action(views, board, action_id, "M3").overdue is True  # all three passed by M3
    assert action(views, board, action_id, "M1").overdue is False


def test_a_blue_action_is_not_overdue_and_an_unrated_one_can_be(views, board):
    assert action(views, board, "BLUE", "M1").overdue is True  # target passed, rated Green
    assert action(views, board, "BLUE", "M2").overdue is False  # closed with Blue
    assert action(views, board, "BLUE", "M3").overdue is False  # complete, still listed, still Blue
    assert action(views, board, "UNRATED", "M1").overdue is True  # no rating is not Blue


@pytest.mark.parametrize(
    "action_id, revised_at_m2, overdue_at_m2",
    [
        ("REV-ON", LATER, False),  # agreed at M2: in force there
        ("REV-BEFORE", LATER, False),
        ("REV-AFTER", None, True),  # agreed the day after M2: M2 saw the original, passed
        ("REV-PASSED", day(M2, -1), True),  # the revised target in force had passed (the original had not)
    ],
)
def test_a_revised_target_counts_from_the_day_it_was_agreed(views, board, action_id, revised_at_m2, overdue_at_m2):
    shown = action(views, board, action_id, "M2")
    assert (shown.revised_as_at, shown.overdue) == (revised_at_m2, overdue_at_m2)
    assert shown.target_date == next(a.target for a in board.actions if a.id == action_id)  # the original kept
    assert (action_id in {r.id for r in views.exceptions("M2")}) is overdue_at_m2
    if action_id == "REV-AFTER":
        assert action(views, board, action_id, "M3").revised_as_at == LATER
        assert action(views, board, action_id, "M3").overdue is False


# -- BRAG: the latest rating at or before the meeting; direction against the one before ----------


@pytest.mark.parametrize(
    "action_id, shown",
    [
        ("SKIP", {"M1": ("A", ""), "M2": ("A", "→"), "M3": ("G", "↑")}),  # no rating at M2: M1's stands
        ("AT", {"M1": (None, ""), "M2": ("R", ""), "M3": ("R", "→")}),  # a later rating is not seen before it
        ("REVIEW", {"M2": ("G", "→"), "M3": ("A", "↓")}),  # a review meeting's rating counts from its date
        ("UP", {"M2": ("A", "↑"), "M3": ("B", "↑")}),
        ("DOWN", {"M2": ("A", "↓"), "M3": ("R", "↓")}),
        ("SAME", {"M2": ("A", "→"), "M3": ("A", "→")}),
    ],
)
def test_brag_is_the_latest_rating_at_or_before_and_direction_compares_with_the_board_meeting_before(
    views, board, action_id, shown
):
    for meeting, (brag, arrow) in shown.items():
        found = action(views, board, action_id, meeting)
        assert (found.brag, found.direction) == (brag, arrow), meeting


def test_last_rated_is_the_latest_rating_at_or_before(views, board):
    assert action(views, board, "SKIP", "M2").last_rated == M1
    assert action(views, board, "REVIEW", "M3").last_rated == R1
    assert action(views, board, "AT", "M1").last_rated is None


def test_the_rationale_shown_is_the_latest_ratings(views, board):
    # UP was rated R, A, B at M1, M2, M3: each meeting shows the rationale given at it.
    cur = views.opened_store().cursor()
    try:
        given = dict(cur.execute("SELECT meeting, rationale FROM rag_rating WHERE action = 'UP'").fetchall())
    finally:
        cur.close()
    assert len(set(given.values())) == 3
    for meeting in ("M1", "M2", "M3"):
        assert action(views, board, "UP", meeting).last_rationale == given[meeting]


# -- a weakness's BRAG: the board's own at that meeting, else the worst of its live actions -------


@pytest.mark.parametrize(
    "code, brag",
    [("WD-RAG", "R"), ("WD-AGB", "A"), ("WD-GB", "G"), ("WD-BB", "B"), ("WD-B_", "B"), ("WD-__", None), ("WD-GR", "R")],
)
def test_a_weakness_is_as_its_worst_action_and_blue_only_when_every_rated_one_is(views, code, brag):
    found = weakness(views, code, "M2")
    assert (found.brag, found.board_rated) == (brag, False)
    assert views.matrix()[(code, "M2")].brag == brag
    assert {i.weakness: (i.brag, i.derived_brag) for i in views.agenda("M2")}[code] == (brag, brag)
    # Rated at M2 only: M3 shows the same, and says so (→), on the dashboard and the agenda.
    expected = "→" if brag else ""
    assert weakness(views, code, "M3").direction == expected
    assert {i.weakness: i.direction for i in views.agenda("M3")}[code] == expected


@pytest.mark.parametrize(
    "code, at_m1, at_m2, listed_at_m2",
    [
        ("WL-GONE-ON", "R", "G", False),  # withdrawn on M2's date: off the record from then
        ("WL-GONE-AFTER", None, "R", True),  # carried forward the day after M2: live at M2
        ("WL-DONE", "R", "R", True),  # completed (not rated Blue): stays on the record
        ("WL-START-ON", None, "R", True),  # started on M2's date: live at M2
        ("WL-START-AFTER", None, "G", False),  # started the day after: not yet live at M2
    ],
)
def test_only_actions_live_at_the_meeting_count(views, board, code, at_m1, at_m2, listed_at_m2):
    assert weakness(views, code, "M1").brag == at_m1
    assert weakness(views, code, "M2").brag == at_m2
    assert views.matrix()[(code, "M2")].brag == at_m2
    assert {i.weakness: i.brag for i in views.agenda("M2")}[code] == at_m2
    red = next(a.id for a in board.actions if a.weakness == code and a.id.endswith(".R"))
    assert (action(views, board, red, "M2") is not None) is listed_at_m2


def test_the_dashboard_counts_the_actions_live_at_the_meeting(views):
    counts = ("b", "r", "a", "g", "unrated", "overdue_actions")
    assert [getattr(weakness(views, "WL-GONE-ON", m), k) for m in ("M1", "M2") for k in counts] == [
        0,
        1,
        0,
        1,
        0,
        1,  # M1: the red one is live, and overdue
        0,
        0,
        0,
        1,
        0,
        0,
    ]  # M2: withdrawn that day, it counts for nothing
    assert [getattr(weakness(views, "WD-B_", "M2"), k) for k in counts] == [1, 0, 0, 0, 1, 0]


def test_the_boards_own_rating_stands_at_its_meeting_only(views):
    assert [(weakness(views, "WB", m).brag, weakness(views, "WB", m).board_rated) for m in ("M1", "M2", "M3")] == [
        ("G", False),
        ("A", True),
        ("G", False),
    ]
    assert [weakness(views, "WB", m).direction for m in ("M1", "M2", "M3")] == ["", "↓", "↑"]
    assert [(views.matrix()[("WB", m)].brag, views.matrix()[("WB", m)].board_rated) for m in ("M1", "M2", "M3")] == [
        ("G", False),
        ("A", True),
        ("G", False),
    ]
    agenda = {i.weakness: i for i in views.agenda("M2")}["WB"]
    assert (agenda.brag, agenda.derived_brag, agenda.board_rated_here, agenda.direction) == ("A", "G", True, "↓")
    # The board's own rating at the meeting before is what direction compares with.
    assert [weakness(views, "WB-PREV", m).direction for m in ("M1", "M2")] == ["", "↑"]


# -- monitoring from the judgements on or before the meeting's date --------------------------------


@pytest.mark.parametrize(
    "code, at_m1, at_m2",
    [
        ("WM-ON", (True, "monitored"), (False, "sufficient, May 2024")),  # judged on M2's date
        ("WM-AFTER", (True, "monitored"), (True, "monitored")),  # the day after: not yet
        ("WM-BACK", (False, "sufficient, Mar 2024"), (True, "monitored")),  # the latest judgement counts
        ("WM-FOUND", (True, "monitored"), (True, "monitored")),  # a finding is not a monitoring judgement
        ("WM-REFOUND", (False, "sufficient, Mar 2024"), (False, "sufficient, Mar 2024")),  # nor is a later one
    ],
)
def test_monitoring_comes_from_the_judgements_on_or_before_the_date(views, code, at_m1, at_m2):
    for meeting, expected in (("M1", at_m1), ("M2", at_m2)):
        found = weakness(views, code, meeting)
        assert (found.monitored, found.monitoring) == expected
        agenda = {i.weakness: i for i in views.agenda(meeting)}
        assert (code in agenda) is expected[0]  # none of these has a red or overdue action


# -- the agenda: every weakness with a red or overdue action reaches the board --------------------


def test_the_agenda_brings_red_and_overdue_from_weaknesses_not_monitored(views):
    agenda = {i.weakness: i for i in views.agenda("M2")}
    assert (agenda["WA-RED"].monitored, agenda["WA-RED"].monitoring) == (False, "left formal monitoring, Mar 2024")
    assert agenda["WA-LATE"].monitored is False  # overdue, rated Green
    assert "WA-QUIET" not in agenda  # due on M2's date: not overdue there
    assert "WA-QUIET" in {i.weakness for i in views.agenda("M3")}  # overdue by M3


# -- and the plain reading agrees with all of the above -------------------------------------------


def test_the_plain_reading_of_the_rules_gives_the_same_answers(views, board):
    rules = Rules(board)
    keys = ("id", "brag", "direction", "overdue", "revised_as_at")
    for meeting in ("M1", "M2", "M3"):
        assert sorted(({k: getattr(r, k) for k in keys} for r in views.exceptions(meeting)), key=lambda r: r["id"]) == [
            {k: r[k] for k in keys} for r in rules.exceptions(meeting)
        ], meeting
        assert [
            {k: getattr(r, k) for k in rules.dashboard(meeting)[0]} for r in views.dashboard(meeting)
        ] == rules.dashboard(meeting), meeting
        assert [
            (i.weakness, i.monitored, i.brag, i.derived_brag, i.board_rated_here, i.direction)
            for i in views.agenda(meeting)[1:]
        ] == rules.agenda(meeting), meeting


def test_latest_is_by_meeting_then_by_when_recorded_and_the_boards_last_word_counts(tmp_path):
    # Ratings recorded out of meeting order (a late rating for the earlier meeting): the latest
    # as at a meeting is the one at the latest meeting, and at one meeting the last recorded.
    from boardtui.store.recording import Recorder

    board = Board(["W1"], [Meeting("M1", M1), Meeting("M2", M2)], [Action("A1", "W1", BEGUN, LATER)])
    store = open_store(build_board(board, tmp_path))
    views = BoardViews(store)
    try:
        recorder = Recorder(store, "Sam Secretary")
        recorder.record_rating("A1", "M2", "G", "recorded first, at the later meeting")
        recorder.record_rating("A1", "M2", "A", "the board's second word at M2")
        recorder.record_rating("A1", "M1", "R", "recorded last, for the earlier meeting")
        assert [(r.brag, r.direction) for r in views.actions("W1", "M2")] == [("A", "↑")]
        assert [r.brag for r in views.actions("W1", "M1")] == ["R"]
        assert views.matrix()[("W1", "M2")].brag == "A"
        recorder.rate_weakness("W1", "M2", "R", "first view")
        recorder.rate_weakness("W1", "M2", "G", "on reflection")
        assert (
            weakness(views, "W1", "M2").brag,
            views.matrix()[("W1", "M2")].brag,
            views.agenda("M2")[1].brag,
        ) == ("G", "G", "G")
    finally:
        views.close()
