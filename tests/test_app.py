"""The meeting-room app driven through Pilot on a real demo pack."""

from __future__ import annotations

import re
import threading
from collections import Counter

import pytest
from apphelp import make_app, screen_text, settle, wait_until
from textual.worker import NoActiveWorker, get_current_worker

from boardtui.app.screens.action_detail import ActionDetailScreen
from boardtui.app.screens.actions import ActionsScreen
from boardtui.app.screens.dashboard import DashboardScreen
from boardtui.app.screens.exceptions import ExceptionsScreen
from boardtui.app.screens.help import WEAKNESS_RULE, HelpScreen
from boardtui.app.screens.matrix import MatrixScreen
from boardtui.app.screens.search import SearchScreen
from boardtui.app.screens.weakness_detail import WeaknessDetailScreen
from boardtui.app.widgets.table import BoardTable
from boardtui.store.views import NotKept


async def read_ahead_done(pilot) -> None:
    """Wait for the cursor's rest to pass and the read-ahead it starts to keep every read the
    next keys' screens make (on a loaded machine the reads take longer than the rest)."""
    app = pilot.app
    await wait_until(pilot, lambda: all_read_ahead(app), "the dashboard kept what the next keys show")


def all_read_ahead(app) -> bool:
    reads = app.screen.reads_ahead()
    try:
        with app.views.kept_only():  # a read not kept raises instead of going to DuckDB
            for read in reads:
                read.run(app.views)
    except NotKept:
        return False
    return bool(reads)


def table(app) -> BoardTable:
    return app.screen.query_one(BoardTable)


def row_keys(app) -> list[str]:
    return table(app).row_keys


def cell(app, row_key: str, column_key: str) -> str:
    return table(app).get_cell(row_key, column_key).plain


@pytest.fixture
async def running(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield app, pilot
    app.close_pack()


async def test_settle_fails_loudly_when_the_app_does_not_settle(running):
    app, pilot = running
    release = threading.Event()
    app.run_worker(release.wait, thread=True, group="stuck", name="never-ends")
    try:
        with pytest.raises(AssertionError, match=r"did not settle .* \['stuck/never-ends RUNNING'\]"):
            await settle(pilot, seconds=1)
    finally:
        release.set()
    await settle(pilot)  # and it settles once the worker ends


async def test_dashboard_lists_every_weakness_with_brag_letters(running):
    app, _ = running
    assert isinstance(app.screen, DashboardScreen)
    assert row_keys(app) == [f"W{n:02d}" for n in range(1, 14)]
    for code in row_keys(app):
        assert cell(app, code, "brag").strip()[0] in "BRAG"
    text = screen_text(app)
    assert "as at 20 Nov 2025" in text and "SEND & AP Improvement Board" in text and "pack.duckdb" in text
    assert "left formal monitoring, Feb 2024" in text and "sufficient, Jul 2021" in text


async def test_drill_down_and_back_keeps_the_cursor(running):
    app, pilot = running
    await pilot.press(*["down"] * 8, "enter")
    await settle(pilot)
    assert isinstance(app.screen, ActionsScreen) and app.screen.weakness == "W09"
    keys = row_keys(app)
    assert any(k.startswith("APP-09.") for k in keys) and all(k.split("-")[1].startswith("09.") for k in keys)
    text = screen_text(app)
    assert "Board › W09 EHC plan quality" in text
    # The highlighted action's lead and organisation, whatever columns fit.
    assert "Lead Grace Lin, Birmingham City Council · senior officer Helena Marsh" in text
    await pilot.press("down", "enter")
    await settle(pilot)
    assert isinstance(app.screen, ActionDetailScreen)
    assert app.screen.action_id == keys[1]
    text = screen_text(app)
    assert f"Board › W09 EHC plan quality › {keys[1]}" in text and "BRAG history" in text
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, ActionsScreen) and table(app).cursor_row == 1
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, DashboardScreen) and table(app).cursor_row == 8


async def test_j_and_k_move(running):
    app, pilot = running
    await pilot.press("j", "j", "j", "k")
    assert table(app).cursor_row == 2


async def test_time_travel_changes_the_date_and_the_figures(running):
    app, pilot = running
    before = {code: [cell(app, code, c) for c in ("brag", "b", "r", "a", "g", "overdue")] for code in row_keys(app)}
    await pilot.press("left_square_bracket")
    await settle(pilot)
    assert "as at 25 Sep 2025" in screen_text(app)
    after = {code: [cell(app, code, c) for c in ("brag", "b", "r", "a", "g", "overdue")] for code in row_keys(app)}
    assert before != after
    for _ in range(30):  # back to the first meeting; stepping past it says so and stays
        await pilot.press("left_square_bracket")
    await settle(pilot)
    assert "as at 21 Oct 2021" in screen_text(app)
    # In October 2021 the strategy weakness was still monitored.
    assert cell(app, "W01", "monitoring") == "monitored"
    await pilot.press("right_square_bracket")
    await settle(pilot)
    assert "as at 16 Dec 2021" in screen_text(app)


async def test_time_travel_deep_in_the_stack_reaches_the_dashboard(running):
    app, pilot = running
    await pilot.press(*["down"] * 9, "enter")  # W10
    await settle(pilot)
    await pilot.press(*["left_square_bracket"] * 3)
    await settle(pilot)
    assert app.meeting.id == "M16"
    assert "as at 23 Jan 2025" in screen_text(app)
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, DashboardScreen) and table(app).cursor_row == 9
    assert "as at 23 Jan 2025" in screen_text(app)


async def test_actions_sort_and_filter(running):
    app, pilot = running
    await pilot.press(*["down"] * 9, "enter")  # W10
    await settle(pilot)
    assert row_keys(app) == sorted(row_keys(app))
    await pilot.press("S")
    assert row_keys(app) == sorted(row_keys(app), reverse=True)
    await pilot.press("s")  # next column: title
    titles = [cell(app, k, "title") for k in row_keys(app)]
    assert titles == sorted(titles)
    await pilot.press("f")
    await settle(pilot)
    await pilot.press("A", "ctrl+s")  # typing jumps to the choice; Ctrl+S applies
    await settle(pilot)
    assert isinstance(app.screen, ActionsScreen)
    assert row_keys(app) and all(cell(app, k, "brag").strip() == "A" for k in row_keys(app))
    assert "filter: BRAG A" in screen_text(app)
    assert str(app.screen.query_one("#row-detail").content).startswith(table(app).selected_key)
    # A filter nothing passes (a Blue action is never overdue): no action's detail is left.
    await pilot.press("f")
    await settle(pilot)
    await pilot.press("B", "enter", "down", "enter", "ctrl+s")  # Blue, then Enter on to "overdue only"
    await settle(pilot)
    assert row_keys(app) == [] and "0 of " in screen_text(app)
    assert str(app.screen.query_one("#row-detail").content) == ""


async def test_a_screen_shown_again_starts_over_as_a_new_one_would(running):
    # The actions list, exceptions and matrix are kept between visits (composing is most of a
    # screen's cost); coming back must look like a new screen: its own weakness, the default
    # sort, no filter, the cursor at the top, as at the meeting now shown.
    app, pilot = running
    await pilot.press(*["down"] * 9, "enter")  # W10
    await settle(pilot)
    first = app.screen
    await pilot.press("S", "down", "down")
    await pilot.press("escape", "up", "up")  # W08, and rest there: its actions are read ahead
    await read_ahead_done(pilot)
    await settle(pilot)
    assert app.views.is_kept("actions_of_weakness", weakness="W08", meeting=app.meetings[-1].id)
    await pilot.press("enter")
    await settle(pilot)
    assert app.screen is first and first.weakness == "W08"
    assert screen_text(app).splitlines()[-3].split()[0] == row_keys(app)[0]  # the detail: that row
    assert row_keys(app) == sorted(row_keys(app)) and all(k.startswith(("APP-08", "IP25-08")) for k in row_keys(app))
    assert table(app).cursor_row == 0 and "W08" in screen_text(app) and "W10" not in screen_text(app)
    await pilot.press("escape", "x")
    await settle(pilot)
    exceptions, latest = app.screen, set(row_keys(app))
    await pilot.press("end", "escape", "left_square_bracket", "left_square_bracket", "x")
    await settle(pilot)
    assert app.screen is exceptions and table(app).cursor_row == 0
    assert set(row_keys(app)) != latest and "as at 24 Apr 2025" in screen_text(app)
    # Asked for while it is on the stack below: come back to it, the screens above it gone
    # (keys that open screens never pile them up).
    app.action_matrix()
    await settle(pilot)
    kept_matrix = app.screen
    await pilot.press("enter")  # a weakness's actions, from the matrix
    await settle(pilot)
    assert len(app.screen_stack) > 1  # the actions list over the dashboard
    for key in ("question_mark", "m", "question_mark", "x", "m", "x", "m"):
        await pilot.press(key)
        await settle(pilot)
    assert app.screen is kept_matrix and row_keys(app)[0] == "W01"
    kinds = [type(screen) for screen in app.screen_stack]
    assert len(kinds) == len(set(kinds))  # each kind of screen once at most, however often asked for


async def test_weakness_detail_from_the_actions_screen(running):
    app, pilot = running
    await pilot.press(*["down"] * 9, "enter", "w")
    await settle(pilot)
    assert isinstance(app.screen, WeaknessDetailScreen)
    text = screen_text(app)
    assert "Judgement history" in text and "06 Jul 2021" in text and "not sufficient" in text
    assert "Average wait for neurodevelopmental assessment" in text and "48 (30 Sep 2021)" in text


async def test_exceptions_are_red_or_overdue_grouped_by_weakness(running):
    app, pilot = running
    await pilot.press("x")
    await settle(pilot)
    assert isinstance(app.screen, ExceptionsScreen)
    keys = row_keys(app)
    actions = [k for k in keys if k.startswith("a:")]
    assert actions
    for key in actions:
        assert cell(app, key, "brag").strip() == "R" or cell(app, key, "overdue") == "OVERDUE"
    # Grouped: each action row comes after its weakness heading.
    index = keys.index(actions[0])
    assert keys[index - 1].startswith("w:")
    table(app).move_cursor(index)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ActionDetailScreen) and app.screen.action_id == actions[0].split("\t")[1]


async def test_matrix_shows_every_weakness_at_every_meeting(running):
    app, pilot = running
    await pilot.press("m")
    await settle(pilot)
    assert isinstance(app.screen, MatrixScreen)
    assert row_keys(app) == [f"W{n:02d}" for n in range(1, 14)]
    assert len(table(app).column_keys) == 2 + len(app.meetings)
    # W01 was Blue by the time it left formal monitoring.
    assert cell(app, "W01", "M13").strip() == "B"


async def test_search_finds_actions_and_minutes_and_opens_them(running):
    app, pilot = running
    await pilot.press("slash")
    await settle(pilot)
    assert isinstance(app.screen, SearchScreen)
    await pilot.press(*"SENAR")
    await settle(pilot)
    kinds = {cell(app, k, "kind") for k in row_keys(app)}
    assert kinds == {"action", "minute"}
    await pilot.press("enter")  # from the input to the results
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ActionDetailScreen)


async def test_help_lists_keys_definitions_and_the_rule(running):
    app, pilot = running
    for key in ("question_mark", "f1"):
        await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "this help  (help)" in text and "(exceptions)" in text
        assert all(
            f"{label}:" in text
            for label in ("Blue - complete", "Green - on track", "Amber - at risk", "Red - off track")
        )
        # The rule, whole, as the right-hand column wraps it, less the scrollbar's blocks (the
        # rule's older wording said "worst").
        start = text.splitlines()[0].index("The board's BRAG definitions")
        column = re.sub("[\u2580-\u259f]", " ", " ".join(line[start:] for line in text.splitlines()))
        assert " ".join(WEAKNESS_RULE.split()) in " ".join(column.split()) and "worst" not in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)


async def test_command_palette_goes_to_an_action(running):
    app, pilot = running
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"APP-09.3")
    await settle(pilot)  # the palette's search is a worker
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ActionDetailScreen) and app.screen.action_id == "APP-09.3"
    assert "Board › W09 EHC plan quality › APP-09.3" in screen_text(app)


async def test_keys_rebound_in_config(demo_pack):
    app = make_app(demo_pack, keys={"exceptions": "f6"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "f6 Exceptions" in screen_text(app).replace("F6", "f6")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("f6")
        await settle(pilot)
        assert isinstance(app.screen, ExceptionsScreen)
    app.close_pack()


async def test_a_pack_held_by_another_process_opens_read_only_with_a_banner(demo_pack, holder_of):
    holder = holder_of(demo_pack)
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Read-only" in text and f"PID {holder.pid}" in text
        assert len(row_keys(app)) == 13
    app.close_pack()


@pytest.mark.parametrize("theme", ["ansi-dark", "ansi-light", "no-color"])
async def test_letters_carry_the_meaning_in_ansi_themes_and_without_colour(demo_pack, theme, monkeypatch):
    if theme == "no-color":
        monkeypatch.setenv("NO_COLOR", "1")
        theme = "textual-dark"
    app = make_app(demo_pack, theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == theme
        assert app.no_color == (theme == "textual-dark")  # set from NO_COLOR in that case
        text = screen_text(app)
        assert "W09" in text and any(f" {letter} " in text for letter in "RAG")
    app.close_pack()


async def test_resting_on_a_weakness_reads_ahead_what_the_next_keys_show(running):
    app, pilot = running
    await pilot.press("down", "down")  # W03, and let the cursor rest there
    await read_ahead_done(pilot)
    await settle(pilot)
    views, latest, before = app.views, app.meetings[-1].id, app.meetings[-2].id
    assert views.is_kept("actions_of_weakness", weakness="W03", meeting=latest)
    assert not views.is_kept("actions_of_weakness", weakness="W02", meeting=latest)  # only passed over
    assert views.is_kept("dashboard", meeting=before, codes=None)
    assert views.is_kept("exceptions", meeting=latest, codes=None)
    assert views.is_kept("matrix", codes=None)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, ActionsScreen) and row_keys(app)[0].startswith("APP-03")


async def test_back_on_the_dashboard_the_resting_cursor_reads_ahead_again(running):
    # Esc back leaves the cursor resting on a row as surely as moving it there does.
    app, pilot = running
    await pilot.press("down", "enter")  # W02's actions
    await settle(pilot)
    app.views.forget()  # as a change recorded deeper down would drop every kept read
    await pilot.press("escape")
    await read_ahead_done(pilot)
    await settle(pilot)
    assert isinstance(app.screen, DashboardScreen)
    assert app.views.is_kept("actions_of_weakness", weakness="W02", meeting=app.meetings[-1].id)
    assert app.views.is_kept("matrix", codes=None)


async def test_a_kept_screen_has_all_its_first_frame_shows_when_pushed(running):
    # Its breadcrumb and the highlighted action's detail are set before the push, not by a
    # message handled after the first paint (a second paint waits for the next frame).
    app, pilot = running
    await pilot.press("enter", "escape", "down", "down")  # the actions screen is kept; rest on W03
    await read_ahead_done(pilot)
    await settle(pilot)
    app.show_actions("W03")  # no pause: nothing queued has been handled yet
    screen = app.screen
    assert isinstance(screen, ActionsScreen) and screen.weakness == "W03"
    crumbs = f"Board › W03 {app.weakness_names['W03']}"
    assert str(screen.query_one("BoardHeader").content).splitlines()[-1] == crumbs
    first = table(app).row_keys[0]
    assert str(screen.query_one("#row-detail").content).startswith(first)
    await settle(pilot)
    text = screen_text(app)
    assert crumbs in text and text.splitlines()[-3].split()[0] == first  # the detail line


async def test_a_list_gains_and_loses_its_scrollbar_as_its_rows_change(running):
    # Rows that fit, before and after, are repainted without a layout; rows that do not fit
    # still bring the scrollbar, and it goes again when they fit.
    app, pilot = running
    await pilot.press("slash")
    await settle(pilot)
    results = app.screen.query_one(BoardTable)
    height = results.container_size.height

    async def search(words: str) -> None:
        app.screen.query_one("Input").value = words
        await settle(pilot)
        assert results.virtual_size.height == results.row_count + 1  # the rows and the header

    await search("SENAR")
    few = results.row_count
    assert 0 < few + 1 <= height and not results.show_vertical_scrollbar
    await search("a")
    assert results.row_count + 1 > height and results.show_vertical_scrollbar
    await pilot.press("enter", "end")
    await settle(pilot)
    assert results.max_scroll_y > 0 and results.scroll_offset.y == results.max_scroll_y
    assert results.selected_key == results.row_keys[-1]
    await search("SENAR")
    assert results.row_count == few and not results.show_vertical_scrollbar
    assert results.max_scroll_y == 0 and results.scroll_offset.y == 0


async def test_rows_take_the_new_colours_when_the_theme_changes(running):
    # The table keeps each row's rendered line; a new theme must not leave rows in the old one.
    app, pilot = running
    weaknesses = table(app)

    def row_background():
        line = weaknesses.render_line(3)  # the third row: even, away from the cursor
        cells = Counter()
        for seg in line:  # the colour most of the line is in (a BRAG cell has its own)
            cells[seg.style.bgcolor if seg.style else None] += len(seg.text)
        return cells.most_common(1)[0][0]

    assert row_background() == weaknesses.rich_style.bgcolor
    before = row_background()
    app.theme = "textual-light" if app.theme != "textual-light" else "textual-dark"
    await settle(pilot)
    assert row_background() == weaknesses.rich_style.bgcolor != before


async def test_usable_at_80_by_24(running):
    app, pilot = running
    await pilot.resize_terminal(80, 24)
    await settle(pilot)
    lines = screen_text(app).splitlines()
    assert any(line.startswith(("W01", "❯W01")) or " W01 " in line for line in lines)
    assert all(len(line) <= 80 for line in lines)


async def test_each_screen_a_read_ahead_prepares_uses_exactly_that_read(running):
    # The read-ahead builds the very reads the screens make: opening each of them after a
    # rest asks DuckDB for nothing.
    app, pilot = running
    await pilot.press("down", "down", "down")  # W04
    await read_ahead_done(pilot)
    await settle(pilot)
    ahead = app.screen.reads_ahead()
    reads = Counter()
    cursor = app.views._cur

    def counting():
        # A read-ahead that starts as the cursor rests on the new screens is not what this
        # counts: the screens' own reads are (kept, or in their "load" workers).
        try:
            group = get_current_worker().group
        except NoActiveWorker:
            group = None
        if group != "read-ahead":
            reads["duckdb"] += 1
        return cursor()

    app.views._cur = counting
    for keys, screen_type in (
        (("enter",), ActionsScreen),
        (("escape", "x"), ExceptionsScreen),
        (("escape", "m"), MatrixScreen),
        (("escape", "left_square_bracket"), DashboardScreen),
    ):
        await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(app.screen, screen_type)
        assert app.screen.current_read() in ahead
    assert app.meeting == app.meetings[-2]  # the dashboard as at the meeting before, read ahead too
    assert reads["duckdb"] == 0
