"""Issue 28 in the app, through Pilot: an update shows on its action the moment it is saved (on a
snapshot too, where it goes into the draft return), the update dialog names where the draft
really goes, the returns screen says what each conflict is, and the officer's own actions (y)
and the returns due for the next meeting (D) on the demo pack."""

from __future__ import annotations

from pathlib import Path

from apphelp import make_app, notices, screen_text, settle
from boardtui.app.dialogs.update import UpdateDialog
from boardtui.app.screens.action_detail import ActionDetailScreen
from boardtui.store.db import open_store
from boardtui.store.snapshot import export_snapshot


def snapshot(pack: Path, folder: Path) -> Path:
    store = open_store(pack)
    try:
        export_snapshot(store, folder)
    finally:
        store.close()
    return folder


async def open_action_detail(pilot, downs: int = 5) -> None:
    await pilot.press(*["down"] * 8, "enter")  # W09's actions
    await settle(pilot)
    await pilot.press(*["down"] * downs, "enter")  # IP25-09.2's page
    await settle(pilot)


async def test_on_a_snapshot_an_update_shows_on_its_action_the_moment_it_is_saved(demo_pack, tmp_path):
    app = make_app(snapshot(demo_pack, tmp_path / "snap"), user="Grace Lin")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await open_action_detail(pilot)
        detail = app.screen
        assert isinstance(detail, ActionDetailScreen) and detail.action_id == "IP25-09.2"
        detail.query_one("#detail").scroll_end(animate=False)
        await settle(pilot)
        assert "Officers' updates (0, newest first)" in screen_text(app)
        await pilot.press("U")
        await settle(pilot)
        assert isinstance(app.screen, UpdateDialog)
        where = str(app.screen.query_one("#where").render())
        assert str(tmp_path / "snap.grace-lin.draft-return") in where.replace("\n", "")
        await pilot.press(*"Saved and shown at once", "ctrl+s")
        await settle(pilot)
        assert app.screen is detail  # the same page, not left and come back to
        detail.query_one("#detail").scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(app)
        assert "Officers' updates (1, newest first)" in text
        assert "Saved and shown at once" in text and "not sent yet" in text
        assert "draft return" in notices(app)


async def test_on_a_writable_pack_too_the_action_shows_the_update_at_once(demo_pack):
    app = make_app(demo_pack, user="Grace Lin")
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await open_action_detail(pilot)
        detail = app.screen
        await pilot.press("U")
        await settle(pilot)
        await pilot.press(*"Into the pack", "ctrl+s")
        await settle(pilot)
        assert app.screen is detail
        detail.query_one("#detail").scroll_end(animate=False)
        await settle(pilot)
        assert "Officers' updates (1, newest first)" in screen_text(app) and "Into the pack" in screen_text(app)
    app.close_pack()
