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


async def test_y_shows_the_officers_own_actions_and_c_chooses_another(demo_pack, tmp_path):
    snap = snapshot(demo_pack, tmp_path / "snap")
    app = make_app(snap, user="Grace Lin")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        from boardtui.app.screens.my_actions import MyActionsScreen

        assert isinstance(app.screen, MyActionsScreen)
        text = screen_text(app)
        assert "Board › My actions" in text
        assert "Grace Lin: 3 open action(s) (3 as lead), 1 overdue" in text
        rows = [
            line for line in text.splitlines() if line.lstrip("❯ ").startswith(("IP25-", "APP-")) and "  lead  " in line
        ]  # the list's rows, not the line under it
        assert [r.lstrip("❯ ").split()[0] for r in rows] == ["IP25-09.1", "IP25-09.4", "IP25-09.2", "APP-09.1"]
        assert "OVERDUE" in rows[0] and "none yet" in rows[0]
        # U on a row writes an update; the list says at once that it is drafted, not sent.
        await pilot.press("down", "U")
        await settle(pilot)
        await pilot.press(*"From my actions", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MyActionsScreen)
        row = next(line for line in screen_text(app).splitlines() if "IP25-09.4" in line)
        assert "drafted, not sent" in row
        # Enter opens the action; Esc comes back.
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen) and app.screen.action_id == "IP25-09.4"
        await pilot.press("escape")
        await settle(pilot)
        # c: someone else, by typing their name.
        await pilot.press("c")
        await settle(pilot)
        await pilot.press(*"Dani", "enter")
        await settle(pilot)
        assert app.me == "Daniel Okafor"
        assert "Daniel Okafor: 3 open action(s) (3 as lead)" in screen_text(app)


async def test_d_shows_whose_returns_are_due_with_grace_lins_sent(demo_pack, tmp_path):
    from conftest import run_cli

    from boardtui.store.returns import OfficerDesk
    from boardtui.store.updates import UpdateText

    snap = snapshot(demo_pack, tmp_path / "snap")
    store = open_store(snap)
    try:
        OfficerDesk(store, "Grace Lin").save(UpdateText("IP25-09.2", "Sent before the meeting"))
    finally:
        store.close()
    (demo_pack.parent / "returns").mkdir()
    assert (
        run_cli(
            "returns", "export", str(snap), "--to", str(demo_pack.parent / "returns"), "--author", "Grace Lin"
        ).returncode
        == 0
    )
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 50)) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        text = screen_text(app)
        assert "Board › Returns due" in text
        assert "Returns due for the next board meeting: updates since M19 (20 Nov 2025)" in text
        lines = text.splitlines()
        grace = next(i for i, line in enumerate(lines) if line.lstrip("❯ ").startswith("Grace Lin"))
        assert "1 of 3 updated · reminder due" in lines[grace]
        block = "\n".join(lines[grace + 1 : grace + 4])
        assert "IP25-09.2" in block and "waiting to be imported" in block
        assert block.count("none yet") == 2
        # Enter on an action opens it.
        from boardtui.app.widgets.table import BoardTable

        table = app.screen.query_one(BoardTable)
        table.move_cursor(table.get_row_index("a:W09\tIP25-09.2"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen) and app.screen.action_id == "IP25-09.2"
        await pilot.press("question_mark")
        await settle(pilot)
        help_text = screen_text(app)
        assert "my actions: every action you lead or oversee" in help_text and "(returns_due)" in help_text
    app.close_pack()
