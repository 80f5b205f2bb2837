"""Property tests: over small random packs, built as text and loaded into a real DuckDB file,
what the app shows as at every board meeting (dashboard, actions, exceptions, matrix, agenda)
equals the rules read plainly in Python (tests/rulepack.py Rules).

The packs are drawn so the rules' edges come up often: every date (start, target, revised
target and the day it was agreed, closing, judgement) is a meeting's date or the day before or
after one; actions of every status; ratings skipped at some meetings; the board's own weakness
ratings at some; review meetings between board meetings.

Hypothesis runs a fixed number of examples, derandomized (the same packs every run, so CI is
repeatable): 10 by default, CI_EXAMPLES in CI (HYPOTHESIS_PROFILE=ci); HYPOTHESIS_PROFILE=explore
runs many more, drawn afresh.
"""

from __future__ import annotations

import itertools
import os
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rulepack import MONITORING_OUTCOMES, Action, Board, Judgement, Meeting, Rules, build_board, empty_pack

from boardtui.store.db import open_store
from boardtui.store.views import BoardViews

CI_EXAMPLES = 60
settings.register_profile(
    "suite",
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# CI (.ci/run sets HYPOTHESIS_PROFILE=ci): more of the same derandomized packs, as many as run in
# under a minute on one core of the 2-core machine the suite is timed on.
settings.register_profile("ci", parent=settings.get_profile("suite"), max_examples=CI_EXAMPLES)
settings.register_profile(
    "explore",
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The mutation run (tests/mutate_rules.py): the suite's packs, and a failure is not shrunk (a
# mutant only needs to be caught, and shrinking takes minutes).
settings.register_profile(
    "mutate", parent=settings.get_profile("suite"), phases=[Phase.explicit, Phase.reuse, Phase.generate]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))

START = date(2024, 1, 1)
LETTERS = st.sampled_from("RAGB")
STATUSES = st.sampled_from(["open", "open", "complete", "carried forward", "withdrawn"])


@st.composite
def boards(draw) -> Board:
    weaknesses = [f"W{n}" for n in range(1, draw(st.integers(1, 2)) + 1)]
    board_count = draw(st.integers(2, 3))
    reviews = draw(st.integers(0, 1))
    offsets = sorted(
        draw(st.lists(st.integers(0, 120), min_size=board_count + reviews, max_size=board_count + reviews, unique=True))
    )
    review_at = draw(st.sampled_from(range(1, len(offsets)))) if reviews else None
    meetings, numbers = [], itertools.count(1)
    for index, offset in enumerate(offsets):
        day = START + timedelta(days=offset)
        meetings.append(Meeting("R1", day, "review") if index == review_at else Meeting(f"M{next(numbers)}", day))
    # Every date falls on a meeting's date or either side of it, or well before or after them all.
    days = sorted(
        {m.date + timedelta(days=k) for m in meetings for k in (-1, 0, 1)}
        | {START - timedelta(days=30), meetings[-1].date + timedelta(days=30)}
    )
    day = st.sampled_from(days)
    actions = []
    for n in range(draw(st.integers(1, 5))):
        status = draw(STATUSES)
        revised = draw(st.booleans())
        actions.append(
            Action(
                id=f"A{n + 1}",
                weakness=draw(st.sampled_from(weaknesses)),
                start=draw(day),
                target=draw(day),
                revised=draw(day) if revised else None,
                revised_on=draw(day) if revised else None,
                status=status,
                closed=None if status == "open" else draw(day),
            )
        )
    ratings = {
        (a.id, m.id): letter for a in actions for m in meetings if (letter := draw(st.none() | LETTERS)) is not None
    }
    own = {
        (w, m.id): letter
        for w in weaknesses
        for m in meetings
        if m.kind == "board"
        if (letter := draw(st.none() | st.none() | LETTERS)) is not None
    }
    judgements = [
        Judgement(w, when, draw(st.sampled_from([*MONITORING_OUTCOMES, "significant weakness"])))
        for w in weaknesses
        for when in draw(st.lists(day, max_size=2, unique=True))
    ]
    return Board(weaknesses, meetings, actions, ratings, own, judgements)


def project(rows, keys):
    # The views' rows are typed; the plain reading's are dicts.
    value = lambda r, k: r[k] if isinstance(r, dict) else getattr(r, k)  # noqa: E731
    return sorted(({k: value(r, k) for k in keys} for r in rows), key=lambda r: r.get("id") or r.get("code"))


ACTION_KEYS = ("id", "brag", "direction", "overdue", "revised_as_at", "last_rated")
EXCEPTION_KEYS = ACTION_KEYS[:-1]  # the exceptions list does not say when last rated
DASHBOARD_KEYS = (
    "code",
    "monitored",
    "monitoring",
    "brag",
    "board_rated",
    "b",
    "r",
    "a",
    "g",
    "unrated",
    "overdue_actions",
    "direction",
)


@pytest.fixture(scope="module")
def empty(tmp_path_factory):
    return empty_pack(tmp_path_factory.mktemp("empty") / "empty.duckdb")


@given(board=boards())
def test_every_view_as_at_every_board_meeting_follows_the_rules(board, tmp_path, empty):
    pack = build_board(board, tmp_path / f"pack{next(COUNTER)}", empty)
    rules = Rules(board)
    views = BoardViews(open_store(pack, read_only=True))
    try:
        assert [m.id for m in views.meetings()] == [m.id for m in rules.board_meetings]
        for meeting in rules.board_meetings:
            m = meeting.id
            assert project(views.dashboard(m), DASHBOARD_KEYS) == project(rules.dashboard(m), DASHBOARD_KEYS), m
            for w in board.weaknesses:
                assert project(views.actions(w, m), ACTION_KEYS) == rules.actions(w, m), (w, m)
            assert project(views.exceptions(m), EXCEPTION_KEYS) == project(rules.exceptions(m), EXCEPTION_KEYS), m
            agenda = [
                (i.weakness, i.monitored, i.brag, i.derived_brag, i.board_rated_here, i.direction)
                for i in views.agenda(m)
            ]
            assert agenda[0][0] is None and agenda[1:] == rules.agenda(m), m
        shown = {key: {"brag": cell.brag, "board_rated": cell.board_rated} for key, cell in views.matrix().items()}
        assert shown == rules.matrix()
    finally:
        views.close()


COUNTER = itertools.count()
