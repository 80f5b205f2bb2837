"""boardtui demo --scale N: N local areas in one file, deterministic, and the app's rules hold."""

from __future__ import annotations

import duckdb
import pytest
from apphelp import make_app, screen_text, settle
from conftest import run_cli

from boardtui.app.screens.dashboard import DashboardScreen, weakness_cells
from boardtui.app.screens.exceptions import ExceptionsScreen
from boardtui.app.screens.matrix import MatrixScreen
from boardtui.store.db import open_store
from boardtui.store.views import PAGE, BoardViews, page_of


def counts(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(
            "SELECT (SELECT count(*) FROM weakness), (SELECT count(*) FROM action), "
            "(SELECT count(*) FROM rag_rating), (SELECT count(*) FROM minute_item), "
            "(SELECT count(*) FROM meeting)"
        ).fetchone()
    finally:
        con.close()


def test_scale_three_is_three_areas_and_checks_clean(tmp_path):
    one, three = tmp_path / "one.duckdb", tmp_path / "three.duckdb"
    assert run_cli("demo", str(one)).returncode == 0
    done = run_cli("demo", str(three), "--scale", "3")
    assert done.returncode == 0 and "3 local areas" in done.stdout
    w, a, r, m, meetings = counts(one)
    assert counts(three) == (3 * w, 3 * a, 3 * r, 3 * m, meetings)  # meetings are shared
    assert run_cli("check", str(three)).returncode == 0
    store = open_store(three, read_only=True)
    try:
        views = BoardViews(store)
        latest = views.meetings()[-1].id
        area3 = views.actions("A0003-W09", latest)
        assert [row.id for row in area3] == [f"A0003-{row.id}" for row in views.actions("W09", latest)]
    finally:
        views.close()


def test_scale_is_deterministic_and_bad_scale_is_one_sentence(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    for path in (first, second):
        assert run_cli("demo", str(path), "--scale", "2").returncode == 0
    sums = []
    for path in (first, second):
        con = duckdb.connect(str(path), read_only=True)
        sums.append(con.execute("SELECT sum(hash(action, meeting, brag, rationale)) FROM rag_rating").fetchone())
        con.close()
    assert sums[0] == sums[1]
    bad = run_cli("demo", str(tmp_path / "c.duckdb"), "--scale", "0")
    assert bad.returncode == 2 and "--scale 0" in bad.stderr and "Traceback" not in bad.stderr


def test_dashboard_brag_follows_the_weakness_rule_at_every_meeting(demo_pack):
    # The dashboard derives a weakness's BRAG from the same pass as its counts; it must agree
    # with weakness_brag_at, the rule's one statement, at every board meeting.
    store = open_store(demo_pack, read_only=True)
    try:
        views = BoardViews(store)
        cur = store.cursor()
        for meeting in views.meetings():
            rule = {
                w: (b, p)
                for w, b, p in cur.execute(
                    "SELECT weakness, brag, direction(brag, prev_brag) FROM weakness_brag_at(?)", [meeting.id]
                ).fetchall()
            }
            shown = {row.code: (row.brag, row.direction) for row in views.dashboard(meeting.id)}
            assert shown == rule, meeting.id
        cur.close()
    finally:
        views.close()


def test_matrix_follows_the_weakness_rule_at_every_meeting_and_pages_agree(demo_pack):
    # The matrix computes every meeting in one pass; it must agree with weakness_brag_at, and a
    # page of weaknesses must read exactly what the whole matrix holds for them.
    store = open_store(demo_pack, read_only=True)
    try:
        views = BoardViews(store)
        cur = store.cursor()
        whole = views.matrix()
        for meeting in views.meetings():
            rule = {
                w: b for w, b in cur.execute("SELECT weakness, brag FROM weakness_brag_at(?)", [meeting.id]).fetchall()
            }
            assert {w: whole[(w, meeting.id)].brag for w in rule} == rule, meeting.id
        page = views.matrix(["W02", "W09"])
        assert page and page == {key: row for key, row in whole.items() if key[0] in ("W02", "W09")}
        cur.close()
    finally:
        views.close()


@pytest.fixture(scope="module")
def twenty_areas(tmp_path_factory):
    """20 areas: 260 weaknesses, more than one page of them. The tests only read it."""
    pack = tmp_path_factory.mktemp("scale") / "twenty.duckdb"
    assert run_cli("demo", str(pack), "--scale", "20").returncode == 0
    return pack


def test_a_page_of_the_dashboard_or_exceptions_is_what_the_whole_holds_for_it(twenty_areas):
    store = open_store(twenty_areas, read_only=True)
    try:
        views = BoardViews(store)
        codes = list(views.weakness_names())
        assert page_of(codes, 0) == codes[:PAGE] and page_of(codes, 1) == codes[PAGE:]
        assert page_of(codes[:PAGE], 0) is None  # one page: all of them
        for meeting in views.meetings()[-2:]:
            whole = views.dashboard(meeting.id)
            assert [w.code for w in whole] == codes
            assert views.dashboard(meeting.id, codes[PAGE:]) == whole[PAGE:]
            exceptions = views.exceptions(meeting.id)
            later = views.exceptions(meeting.id, codes[PAGE:])
            assert later and later == [r for r in exceptions if r.weakness in set(codes[PAGE:])]
    finally:
        views.close()


async def test_dashboard_reads_later_pages_as_they_are_drawn(twenty_areas):
    app = make_app(twenty_areas)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("BoardTable")
        assert isinstance(screen, DashboardScreen) and table.row_count == 260
        assert screen.pages_read == {0}
        last = table.row_keys[-1]
        await pilot.press("end")
        await settle(pilot)
        assert screen.pages_read == {0, 1}
        expected = weakness_cells(app.views.dashboard(app.meetings[-1].id, [last])[0])
        for column in ("brag", "r", "overdue", "monitoring"):
            assert table.get_cell(last, column).plain == expected[column].plain
        # Time travel reads the page on show again, as at the other meeting.
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.pages_read == {0, 1} and table.selected_key == last
        before = weakness_cells(app.views.dashboard(app.meetings[-2].id, [last])[0])
        assert [table.get_cell(last, c).plain for c in ("brag", "overdue")] == [
            before["brag"].plain,
            before["overdue"].plain,
        ]
    app.close_pack()


async def opened_with(pilot, key: str, screen_type):
    """The screen a key on the dashboard opens, once it has read what it shows."""
    await settle(pilot)
    await pilot.press(key)
    await settle(pilot)
    assert isinstance(pilot.app.screen, screen_type)
    return pilot.app.screen


async def test_exceptions_read_the_next_page_when_the_end_is_reached(twenty_areas):
    app = make_app(twenty_areas)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_with(pilot, "x", ExceptionsScreen)
        table = screen.query_one("BoardTable")
        first_page = [k for k in table.row_keys if k.startswith("a:")]
        assert table.row_keys[-1] == "more:1" and "First 200 of 260 weaknesses: " in screen_text(app)
        await pilot.press("end")
        await settle(pilot)
        everything = app.views.exceptions(app.meetings[-1].id)
        shown = [k for k in table.row_keys if k.startswith("a:")]
        assert len(everything) > len(first_page)
        assert shown == [f"a:{r.weakness}\t{r.id}" for r in everything]
        assert not any(k.startswith("more:") for k in table.row_keys)
        assert table.cursor_row == len(first_page) + len({r.weakness for r in everything[: len(first_page)]})
        assert f"{len(everything)} exception(s) in" in screen_text(app)
    app.close_pack()


async def test_matrix_reads_later_pages_as_they_are_drawn(twenty_areas):
    # End shows the last weakness, whose page is read when drawn.
    app = make_app(twenty_areas)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await opened_with(pilot, "m", MatrixScreen)
        assert len(screen.codes) == 260 > PAGE
        assert screen.pages_read == {0}
        await pilot.press("end")
        await settle(pilot)
        assert screen.pages_read == {0, 1}
        table = screen.query_one("BoardTable")
        last = table.row_keys[-1]
        latest = app.meetings[-1].id
        expected = app.views.matrix([last])[(last, latest)].brag
        assert table.get_cell(last, latest).plain.strip() == (expected or "·")
    app.close_pack()


async def test_the_palette_lists_meetings_and_weaknesses_and_finds_any_typed(twenty_areas):
    # A national pack's 13,000 weaknesses made Ctrl+P take 2.5 s to list them all; the palette
    # lists a screenful before anything is typed and searches the pack for what is.
    from boardtui.app.dialogs.palette import LISTED, PaletteDialog
    from boardtui.app.screens.actions import ActionsScreen

    app = make_app(twenty_areas)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        last = list(app.weakness_names)[-1]
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, PaletteDialog)
        from boardtui.app.widgets.table import BoardTable

        results = app.screen.query_one("#palette-results", BoardTable)
        listed = [key for key in results.row_keys if not key.startswith("command:")]
        meetings = [m.id for m in app.meetings]
        assert listed[: len(meetings)] == [f"meeting:{m}" for m in meetings]
        assert listed[len(meetings) :] == [f"weakness:{c}" for c in list(app.weakness_names)[: LISTED - len(meetings)]]
        await pilot.press(*last, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen) and app.screen.weakness == last
    app.close_pack()
