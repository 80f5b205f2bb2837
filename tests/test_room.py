"""In the room: keys typed at machine speed land where they were typed, the cursor can be seen
in every theme and without colour, and keys that are hard to take back ask first."""

from __future__ import annotations

import time

import pytest
from apphelp import make_app, notices, screen_text, settle, type_at_once, wait_until

from boardtui.app.dialogs.confirm import ConfirmDialog
from boardtui.app.dialogs.form import FormDialog
from boardtui.app.dialogs.rating import RatingDialog
from boardtui.app.screens.actions import ActionsScreen
from boardtui.app.widgets.table import CURSOR_MARK, BoardTable


async def open_w09_actions(pilot, row: int) -> str:
    await pilot.press(*["down"] * 8, "enter")
    await settle(pilot)
    await pilot.press(*["down"] * row)
    await settle(pilot)
    assert isinstance(pilot.app.screen, ActionsScreen)
    return pilot.app.screen.query_one(BoardTable).selected_key


async def test_r_then_a_letter_and_a_rationale_typed_at_once_are_recorded_exactly(demo_pack):
    # Keys sent straight after r used to reach the dialog before it had any widgets, and were
    # lost; Enter used to save half a sentence and the rest became commands (p, u).
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        action = await open_w09_actions(pilot, 5)  # IP25-09.2, open
        before = ratings_of_app(app, action)
        type_at_once(app, "r", "G", *"On track", "enter", *"p u and more", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RatingDialog)
        assert "Writing the meeting pack" not in notices(app)
        rows = ratings_of_app(app, action)
        assert rows[len(before) :] == [("G", "On track\np u and more")]
    app.close_pack()


def ratings_of_app(app, action):
    cur = app.views.opened_store().cursor()
    try:
        return cur.execute("SELECT brag, rationale FROM rag_rating WHERE action = ? ORDER BY id", [action]).fetchall()
    finally:
        cur.close()


async def test_keys_typed_after_a_save_go_to_the_screen_below_and_undo_can_be_redone(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        action = await open_w09_actions(pilot, 5)
        before = ratings_of_app(app, action)
        # u typed on the heels of the save lands on the list (not in the closing dialog) and
        # takes the rating back, saying so; ctrl+y makes it again.
        type_at_once(app, "r", "R", *"Slipping", "ctrl+s", "u")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        assert ratings_of_app(app, action) == before
        assert "Undone: rating R for IP25-09.2" in notices(app)
        type_at_once(app, "ctrl+y")
        await settle(pilot)
        assert ratings_of_app(app, action)[len(before) :] == [("R", "Slipping")]
        assert "Redone: rating R for IP25-09.2" in notices(app)
    app.close_pack()


async def test_keys_typed_straight_after_slash_are_the_search(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        type_at_once(app, "slash", *"backlog")
        await settle(pilot)
        assert "result(s) for “backlog”" in screen_text(app)
    app.close_pack()


async def test_enter_walks_a_form_and_ctrl_s_saves_from_any_field(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # resume M19
        await settle(pilot)
        type_at_once(
            app, "a", *"Bring the list", "enter", *"W10", "enter", *"Lucy Hart", "enter", *"19/03/2026", "enter"
        )
        await settle(pilot)
        assert not isinstance(app.screen, FormDialog)
        rows = app_rows(app, "SELECT weakness, text, owner FROM minute_item WHERE text = 'Bring the list'")
        assert rows == [("W10", "Bring the list", "Lucy Hart")]
    app.close_pack()


def app_rows(app, sql, *params):
    cur = app.views.opened_store().cursor()
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


async def test_quit_during_a_meeting_asks_first_and_approval_asks_too(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "end", "ctrl+u", *"2026-01-22", "enter")  # M20: M19's minutes are draft
        await settle(pilot)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and app.is_running
        await pilot.press("n")
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, ConfirmDialog)
        await pilot.press("M", "x", "enter")  # stray keys neither approve nor cancel
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app_rows(app, "SELECT minutes_status FROM meeting WHERE id = 'M19'") == [("draft",)]
    app.close_pack()


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "ansi-dark", "ansi-light", "nocolor"])
async def test_the_cursor_row_differs_visibly_from_its_neighbours(demo_pack, theme, monkeypatch):
    if theme == "nocolor":
        monkeypatch.setenv("NO_COLOR", "1")
        theme = "textual-dark"
    app = make_app(demo_pack, theme=theme)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down")
        await settle(pilot)
        table = app.screen.query_one(BoardTable)
        lines = [table.render_line(table.header_height + row) for row in (1, 2, 3)]
        cursor_line, neighbours = lines[1], (lines[0], lines[2])
        assert cursor_line.text.startswith(CURSOR_MARK) and not any(n.text.startswith(CURSOR_MARK) for n in neighbours)
        # Not by the mark alone, nor by bold alone: the name cell's look (colours or reverse).
        name_style = _style_at(cursor_line, 8)
        for neighbour in neighbours:
            other = _style_at(neighbour, 8)
            assert (name_style.bgcolor, name_style.reverse) != (other.bgcolor, other.reverse)
            # As the terminal shows them (reverse swaps the colours): a background of its own,
            # far from its neighbours', and text that reads on it.
            shown, beside = _as_shown(name_style), _as_shown(other)
            if shown and beside:
                assert _contrast(shown[1], beside[1]) >= 3, (theme, shown, beside)
                assert _contrast(*shown) >= 4.5, (theme, shown)
    app.close_pack()


def _luminance(rgb) -> float:
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _contrast(one, other) -> float:
    """WCAG 2 contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _as_shown(style):
    """(text, background) as RGB triplets as a terminal shows the style, or None when either is
    the terminal's own default (an ANSI theme: only reverse video can be checked)."""
    if style.color is None or style.bgcolor is None or style.color.is_default or style.bgcolor.is_default:
        return None
    fg, bg = tuple(style.color.get_truecolor()), tuple(style.bgcolor.get_truecolor())
    return (bg, fg) if style.reverse else (fg, bg)


async def test_the_cursor_reads_in_every_theme_focused_or_not(demo_pack):
    """In every theme Textual has, the cursor row's text contrasts 4.5:1 or more with its
    background, in a list that has the focus and in one that has not (search results while
    the search words keep the focus)."""
    from boardtui.app.screens.search import SearchScreen

    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"pathway")
        await settle(pilot)
        assert isinstance(app.screen, SearchScreen)
        results = app.screen.query_one(BoardTable)
        weak = []
        for theme in sorted(app.available_themes):
            app.theme = theme
            await settle(pilot)
            for focused in (False, True):
                (results.focus() if focused else app.screen.query_one("Input").focus())
                await settle(pilot)
                shown = _as_shown(_style_at(results.render_line(results.header_height), 8))
                if shown and _contrast(*shown) < 4.5:
                    weak.append((theme, focused, round(_contrast(*shown), 2)))
        assert not weak, weak
    app.close_pack()


def _style_at(strip, x: int):
    position = 0
    for segment in strip:
        if position + len(segment.text) > x:
            return segment.style
        position += len(segment.text)
    raise AssertionError("beyond the line")


async def test_a_row_chosen_just_before_the_exceptions_list_is_filled_again_still_opens(demo_pack):
    # Enter, then [ at machine speed: the selection arrives after the list changed meetings.
    from boardtui.app.screens.action_detail import ActionDetailScreen
    from boardtui.app.screens.exceptions import ExceptionsScreen

    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        table = app.screen.query_one(BoardTable)
        key = next(k for k in table.row_keys if k.startswith("a:") and k.endswith("IP25-04.2"))
        await pilot.press(*["left_square_bracket"] * 6)  # far enough back that it was not an exception
        await settle(pilot)
        assert isinstance(app.screen, ExceptionsScreen) and key not in table.row_keys
        app.screen.post_message(BoardTable.RowSelected(table, key))
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen) and app.screen.action_id == "IP25-04.2"
    app.close_pack()


async def test_the_pack_is_found_sound_in_the_background_before_the_first_save(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not app.views.opened_store().found_sound
        # The check starts on a timer (SOUNDNESS_CHECK_AFTER) with nothing typed: the first
        # r … Ctrl+S will not wait for it.
        await wait_until(pilot, lambda: app.views.opened_store().found_sound, "the pack found sound")
    app.close_pack()


async def test_at_80_by_24_what_a_meeting_needs_stays_on_screen(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The matrix: codes fixed on the left, the meeting shown (◆) in view, even scrolled.
        await pilot.press("m")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert "◆" in "\n".join(lines[:8])
        await pilot.press("right", "right", "right")
        await settle(pilot)
        text = screen_text(app)
        assert all(f"W{n:02d}" in text for n in range(1, 14))  # the codes never scroll away
        await pilot.press("escape", *["down"] * 8, "enter")  # W09's actions
        await settle(pilot)
        text = screen_text(app)
        # APP-09.1's target was revised to 10 Jul 2023: the list shows the one in force, marked.
        assert "10 Jul 2023*" in text and "13 Mar 2023" not in text
        assert "OVERDUE" in text  # IP25-09.1
        await pilot.press("escape", "n", "enter")
        await settle(pilot)
        assert "MEETING IN PROGRESS" in screen_text(app).splitlines()[0]
    app.close_pack()


async def test_enter_on_an_agenda_item_with_no_minutes_opens_its_actions(demo_pack):
    from boardtui.app.screens.agenda import AgendaScreen

    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "end", "ctrl+u", *"2026-01-22", "enter", "full_stop")  # M20, item W02
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen) and app.screen.query_one(BoardTable).row_count == 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen) and app.screen.weakness == "W02"
    app.close_pack()


async def test_a_step_typed_while_the_agenda_is_still_read_is_not_lost(demo_pack):
    from boardtui.app.screens.agenda import AgendaScreen

    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        read = app.views.agenda

        def read_slowly(meeting_id):
            time.sleep(0.4)  # a loaded machine: the agenda arrives after the next key
            return read(meeting_id)

        app.views.agenda = read_slowly
        await pilot.press("n", "enter", "full_stop")  # resume M19, then on to item 2 at once
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen) and app.screen.position == 1
        assert "item 2 of" in screen_text(app)
    app.close_pack()


async def test_dot_from_a_screen_outside_the_agenda_goes_on_to_the_next_item(demo_pack):
    from boardtui.app.screens.agenda import AgendaScreen

    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter", "full_stop")  # item 2: W02
        await settle(pilot)
        await pilot.press("slash", *"backlog", "enter", "enter")  # search, open a result
        await settle(pilot)
        assert not isinstance(app.screen, AgendaScreen)
        await pilot.press("full_stop")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen) and app.screen.position == 2  # on, not the same again
    app.close_pack()


async def test_space_pages_through_a_long_agenda_item_and_says_there_is_more(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter", *["full_stop"] * 9)  # W10: more than the screen holds
        await settle(pilot)
        assert "more line(s) of this item: Space" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert "▲ b back up" in screen_text(app)
    app.close_pack()


async def test_ctrl_p_then_esc_and_page_keys_at_once_leave_the_palette_and_the_app_running(demo_pack):
    # Textual's palette raised from its search worker after Esc closed it (NoMatches), and on
    # PageDown before its list had a height (KeyError): either stopped the app. The app's own
    # palette takes the page keys once its list is there (the key gate waits for its search).
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(5):
            type_at_once(app, "ctrl+p", "pagedown", "pageup", "escape")
            await settle(pilot)
        assert app.is_running and type(app.screen).__name__ == "DashboardScreen"
        type_at_once(app, "ctrl+p", "pagedown", "enter")  # the 11th listed: a meeting, then shown as at it
        await settle(pilot)
        assert app.is_running and app.meeting.id == "M11"
    app.close_pack()
