"""A pack with weaknesses and actions but no board meeting yet (every meeting a review): the
screens shown as at a board meeting are still reached (the palette goes to a weakness or an
action; w opens a weakness's detail), and each says why there is nothing to show rather than
failing."""

from __future__ import annotations

from apphelp import make_app, screen_text, settle
from conftest import build_from, pack_query, update_rows

from boardtui.app.screens.action_detail import ActionDetailScreen
from boardtui.app.screens.actions import ActionsScreen
from boardtui.app.screens.weakness_detail import WeaknessDetailScreen

SAID = "This pack has no board meeting yet"


def _no_board_meeting(data_copy, tmp_path):
    update_rows(data_copy / "meetings.csv", lambda r: True, kind="review")
    pack = build_from(data_copy, tmp_path / "reviews.duckdb")
    assert pack_query(pack, "SELECT count(*) FROM meeting WHERE kind = 'board'") == [(0,)]
    assert pack_query(pack, "SELECT count(*) > 0 FROM action") == [(True,)]
    return pack


async def test_a_pack_with_no_board_meeting_says_so_on_the_screens_shown_as_at_one(data_copy, tmp_path):
    app = make_app(_no_board_meeting(data_copy, tmp_path))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.meeting is None
        # The palette goes to a weakness: its actions (none as at no meeting), then w its detail.
        await pilot.press("ctrl+p", *"W09")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("enter")  # Enter on an empty list: nothing to open
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WeaknessDetailScreen)
        assert SAID in screen_text(app)
        assert "Could not read" not in screen_text(app)
        # And to an action: its detail says the same.
        await pilot.press("ctrl+p", *"IP25-09.2")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen)
        text = screen_text(app)
        assert SAID in text and "Could not read" not in text
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
    app.close_pack()
