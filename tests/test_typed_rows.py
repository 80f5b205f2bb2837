"""Every query a screen, dialog or report reads gives exactly its row class's fields
(store/rows.py), on the real demo pack; the views hand out those rows, never dicts; and one
name means one thing across the list queries."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from contextlib import closing
from datetime import date
from types import SimpleNamespace
from typing import NamedTuple

import pytest

from boardtui.store import rows as rows_module
from boardtui.store import views as views_module
from boardtui.store.db import open_store
from boardtui.store.queries import sql, typed
from boardtui.store.rows import ROW_OF, ActionRow, Board
from boardtui.store.views import AgendaItem, BoardViews, FirstFrame, Meeting

LAST, PREVIOUS = "M19", "M18"
ON = date(2025, 11, 20)

# Each query's parameters on the demo pack, chosen so most of them find rows.
PARAMS: dict[str, dict] = {
    "board_info": {},
    "board_meetings": {},
    "rag_definitions": {},
    "dashboard": {"meeting": LAST, "codes": None},
    "actions_of_weakness": {"weakness": "W09", "meeting": LAST},
    "exceptions": {"meeting": LAST, "codes": None},
    "matrix": {"codes": None},
    "action_one": {"id": "IP25-09.2", "meeting": LAST},
    "action_ratings": {"id": "IP25-09.2", "as_of": ON},
    "action_evidence": {"id": "IP25-09.2", "as_of": ON},
    "action_minutes": {"id": "IP25-09.2", "as_of": ON},
    "action_audit": {"id": "IP25-09.2"},
    "weakness_one": {"code": "W09"},
    "weakness_judgements": {"code": "W09"},
    "weakness_measures": {"code": "W09", "as_of": ON},
    "weakness_minutes": {"code": "W09", "as_of": ON},
    "agenda_weaknesses": {"meeting": LAST},
    "report_arising_due": {"meeting": LAST, "include_confidential": True},
    "agenda_minutes": {"meeting": PREVIOUS, "weakness": None, "weakness_only": False},
    "agenda_actions": {"meeting": LAST, "weakness": "W09"},
    "agenda_measures_since": {"meeting": LAST, "weakness": "W09"},
    "attendance_people": {"meeting": LAST},
    "updates_of_action": {"action": "IP25-09.2"},
    "updates_for_meeting": {"meeting": LAST, "weakness": None, "states": ["submitted", "accepted"]},
    "updates_waiting": {},
    "update_one": {"uid": "none"},
    "search": {"pattern": "%school%", "limit": 200},
    "palette_search": {"words": ["w09"], "whole": "w09", "discover": False, "limit": 50},
    "report_attendance": {"meeting": LAST},
    "report_brag_counts": {"meeting": LAST, "public": False},
    "report_ratings_recorded": {"meeting": LAST, "public": False},
    "report_meeting_minutes": {"meeting": LAST, "include_confidential": True},
    "report_plans": {},
    "glossary_terms": {},
    "report_judgements": {"as_of": ON, "codes": ["W01", "W09"]},
    "report_measures": {"as_of": ON, "codes": ["W01", "W09"]},
    "report_actions": {"meeting": LAST, "codes": ["W01", "W09"]},
}

# The queries that list actions as at a meeting: their target is the one in force then.
ACTION_LISTS = ["actions_of_weakness", "exceptions", "agenda_actions", "report_actions"]


@pytest.fixture(scope="module")
def cursor(tmp_path_factory):
    from boardtui.cli import write_demo

    path = tmp_path_factory.mktemp("typed") / "demo.duckdb"
    write_demo(path)
    store = open_store(path, read_only=True)
    with closing(store.cursor()) as cur:
        yield cur
    store.close()


def _columns(cur, name: str) -> tuple[str, ...]:
    return tuple(d[0] for d in cur.execute(sql(name), PARAMS[name] or None).description)


def test_every_row_class_has_its_parameters_here():
    assert set(PARAMS) == set(ROW_OF)


@pytest.mark.parametrize("name", sorted(ROW_OF))
def test_each_query_gives_exactly_its_row_class_fields_in_order(cursor, name):
    row = ROW_OF[name]
    assert _columns(cursor, name) == row._fields, name
    found = typed(cursor, name, row, **PARAMS[name])
    assert all(isinstance(r, row) for r in found)


def test_every_row_class_is_a_named_tuple_and_every_one_is_registered():
    classes = [c for _, c in inspect.getmembers(rows_module, inspect.isclass) if c.__module__ == rows_module.__name__]
    for cls in classes:
        if issubclass(cls, tuple):  # a row: immutable, no dict of its own
            assert hasattr(cls, "_fields") and "__slots__" in cls.__dict__ and cls.__slots__ == (), cls
        else:  # what holds rows: a frozen dataclass
            assert dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen, cls  # type: ignore[attr-defined]
    # The rows built from a query are in ROW_OF; the rest hold rows (ActionDetail, WeaknessDetail, AgendaDetail).
    holders = {c.__name__ for c in classes} - {c.__name__ for c in ROW_OF.values()}
    assert holders == {"ActionDetail", "WeaknessDetail", "AgendaDetail"}
    assert all(issubclass(c, tuple) for c in ROW_OF.values())


def test_a_query_and_a_class_that_disagree_raise_naming_the_columns(cursor):
    class Short(NamedTuple):
        name: str
        area: str
        founded: date

    with pytest.raises(RuntimeError) as raised:
        typed(cursor, "board_info", Short)
    said = str(raised.value)
    assert "'board_info'" in said and "Short" in said
    assert "lacks founded" in said and "Short lacks illustrative" in said


def test_the_same_columns_in_another_order_are_taken_by_name(cursor):
    class Turned(NamedTuple):
        illustrative: bool
        area: str
        name: str

    [turned] = typed(cursor, "board_info", Turned)
    [board] = typed(cursor, "board_info", Board)
    assert (turned.name, turned.area, turned.illustrative) == (board.name, board.area, board.illustrative)


def _plain_dict(annotation: object) -> bool:
    """Whether an annotation is, or holds, a dict of str to Any (a row as a dict)."""
    if annotation is typing.Any:
        return False
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is dict and args == (str, typing.Any):
        return True
    return any(_plain_dict(a) for a in args)


def test_the_views_hand_out_typed_rows_never_dicts():
    public = [
        (name, method)
        for name, method in inspect.getmembers(BoardViews, inspect.isfunction)
        if not name.startswith("_")
    ]
    # The names views.py imports only for the type checker, as stand-ins.
    names = {**vars(views_module), "Store": object, "duckdb": SimpleNamespace(DuckDBPyConnection=object)}
    for name, method in public:
        hints = typing.get_type_hints(method, globalns=names)
        if "return" in hints:
            assert not _plain_dict(hints["return"]), f"BoardViews.{name} returns {hints['return']}"
    for holder in (FirstFrame, AgendaItem, Meeting):
        for name, hint in typing.get_type_hints(holder).items():
            assert not _plain_dict(hint), f"{holder.__name__}.{name} is {hint}"
    assert not hasattr(BoardViews, "_dicts") and not hasattr(BoardViews, "_kept_dicts")


def test_the_action_lists_carry_the_target_in_force_never_the_raw_revision(cursor):
    for name in ACTION_LISTS:
        columns = _columns(cursor, name)
        assert "target_in_force" in columns and "revised_as_at" in columns, name
        assert "revised_target_date" not in columns, name
    # The raw column is the action's own, in the one query that shows every field of an action.
    assert "revised_target_date" in _columns(cursor, "action_one")
    assert "target_in_force" not in _columns(cursor, "action_one")


def test_overdue_is_a_flag_on_an_action_and_a_count_only_as_overdue_actions(cursor):
    for name in [*ACTION_LISTS, "action_one"]:
        hint = typing.get_type_hints(ROW_OF[name])["overdue"]
        assert bool in typing.get_args(hint) or hint is bool, name
    assert "overdue" not in _columns(cursor, "dashboard")
    assert typing.get_type_hints(ROW_OF["dashboard"])["overdue_actions"] is int


def test_present_is_the_attendance_word_in_both_attendance_queries(cursor):
    assert "present" in _columns(cursor, "attendance_people") and "state" not in _columns(cursor, "attendance_people")
    assert "present" in _columns(cursor, "report_attendance")


def test_the_kept_rows_are_the_same_rows_each_in_a_list_of_its_own(demo_master):
    views = BoardViews(open_store(demo_master, read_only=True))
    try:
        first, again = views.actions("W09", LAST), views.actions("W09", LAST)
        assert first == again and first is not again
        assert all(isinstance(r, ActionRow) for r in first)
        with pytest.raises(AttributeError):
            first[0].title = "changed"  # type: ignore[misc]
    finally:
        views.close()
