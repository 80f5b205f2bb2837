"""Officers' updates in the app: U on an action writes one (into the pack, or on a snapshot into
the officer's own draft return), it shows on the action at once; the returns screen accepts and
declines (audited, undoable), imports returns and sends the officer's own; the agenda and the
rating dialog show what officers proposed."""

from __future__ import annotations

from apphelp import make_app, notices, screen_text, settle
from conftest import pack_query as rows

from boardtui.app.dialogs.rating import RatingDialog
from boardtui.app.dialogs.update import UpdateDialog
from boardtui.app.screens.action_detail import ActionDetailScreen
from boardtui.app.screens.returns import ReturnsScreen
from boardtui.store.db import open_store
from boardtui.store.snapshot import export_snapshot


async def open_ip25_09_2(pilot) -> None:
    await pilot.press(*["down"] * 8, "enter")
    await settle(pilot)
    await pilot.press(*["down"] * 5)
    await settle(pilot)


async def test_u_writes_an_update_into_the_pack_and_the_action_shows_it(demo_pack):
    app = make_app(demo_pack, user="Grace Lin")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_ip25_09_2(pilot)
        await pilot.press("U")
        await settle(pilot)
        assert isinstance(app.screen, UpdateDialog)
        await pilot.press(*"Consultation with schools done", "tab", "G", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, UpdateDialog)
        assert "submitted for the secretary to accept" in notices(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen)
        app.screen.query_one("#detail").scroll_end(animate=False)
        await settle(pilot)
        assert "Consultation with schools done" in screen_text(app)
    app.close_pack()
    assert rows(demo_pack, "SELECT action, author, progress, proposed_brag, state FROM officer_update") == [
        ("IP25-09.2", "Grace Lin", "Consultation with schools done", "G", "submitted")
    ]


async def test_on_a_snapshot_the_update_goes_into_the_officers_draft_return_and_shows(demo_pack, tmp_path):
    store = open_store(demo_pack)
    try:
        export_snapshot(store, tmp_path / "snap")
    finally:
        store.close()
    app = make_app(tmp_path / "snap", user="Grace Lin")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_ip25_09_2(pilot)
        await pilot.press("U")
        await settle(pilot)
        await pilot.press(*"Offline progress", "ctrl+s")
        await settle(pilot)
        assert "draft return" in notices(app)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.query_one("#detail").scroll_end(animate=False)
        await settle(pilot)
        assert "Offline progress" in screen_text(app) and "not sent yet" in screen_text(app)
        # R, then s: the return is written into the returns folder.
        await pilot.press("R")
        await settle(pilot)
        assert isinstance(app.screen, ReturnsScreen) and "Your updates not yet sent (1)" in screen_text(app)
        await pilot.press("s")
        await settle(pilot)
        assert "Return written" in notices(app)
    app.close_pack()
    returns = list((tmp_path / "returns").glob("*.boardreturn"))
    assert len(returns) == 1


async def test_the_secretary_imports_accepts_and_declines_and_undo_takes_it_back(demo_pack, tmp_path):
    # An officer's return, made on a snapshot, waits in the returns folder beside the pack.
    from boardtui.store.returns import OfficerDesk, export_return
    from boardtui.store.updates import UpdateText

    store = open_store(demo_pack)
    try:
        export_snapshot(store, tmp_path / "snap")
    finally:
        store.close()
    snap = open_store(tmp_path / "snap")
    try:
        desk = OfficerDesk(snap, "Grace Lin")
        desk.save(UpdateText("IP25-09.2", "Audit finished", proposed_brag="G"))
        desk.save(UpdateText("IP25-09.3", "Survey delayed", proposed_brag="A"))
    finally:
        snap.close()
    (demo_pack.parent / "returns").mkdir()
    export_return(tmp_path / "snap", demo_pack.parent / "returns", "Grace Lin")
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        assert "1 return(s) to import" in screen_text(app)
        await pilot.press("i")
        await settle(pilot)
        assert "2 update(s) submitted" in notices(app)
        text = screen_text(app)
        assert "Waiting for your decision (2)" in text and "Audit finished" in text
        await pilot.press("home", "down", "a")  # the first update: accepted
        await settle(pilot)
        await pilot.press("home", "down", "d")  # the next: declined, with a reason
        await settle(pilot)
        await pilot.press(*"Not this quarter", "ctrl+s")
        await settle(pilot)
        states = dict(app_rows(app, "SELECT progress, state FROM officer_update"))
        assert sorted(states.values()) == ["accepted", "declined"]
        await pilot.press("u")  # the decline is taken back
        await settle(pilot)
        assert sorted(dict(app_rows(app, "SELECT progress, state FROM officer_update")).values()) == [
            "accepted",
            "submitted",
        ]
        # The rating dialog shows the accepted proposal and starts from its BRAG; its words
        # reach the rationale only when the secretary takes them (Ctrl+T).
        accepted = next(p for p, s in states.items() if s == "accepted")
        action = app_rows(app, "SELECT action FROM officer_update WHERE progress = ?", accepted)[0][0]
        await pilot.press("escape", *["down"] * 8, "enter")
        await settle(pilot)
        table = app.screen.query_one("BoardTable")
        table.move_cursor(table.get_row_index(action))
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RatingDialog) and accepted in screen_text(app)
        assert "Ctrl+T takes these words" in screen_text(app)
        assert app.screen.query_one("#rationale").text == ""
        assert app.screen.query_one("BragPicker").letter == "G"
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert app.screen.query_one("#rationale").text == accepted
        await pilot.press(*" Confirmed.", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, RatingDialog)
        assert app_rows(
            app, "SELECT brag, rationale FROM rag_rating WHERE action = ? ORDER BY id DESC LIMIT 1", action
        ) == [("G", f"{accepted} Confirmed.")]
        await settle(pilot)
    app.close_pack()
    audit = rows(demo_pack, "SELECT field, new_value FROM audit_log WHERE table_name = 'officer_update' ORDER BY id")
    assert ("state", "accepted") in audit and ("state", "declined") in audit


def app_rows(app, sql, *params):
    cur = app.views.opened_store().cursor()
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


async def test_the_header_says_how_many_returns_wait_in_the_folder(demo_pack, tmp_path):
    from boardtui.store.returns import OfficerDesk, export_return
    from boardtui.store.updates import UpdateText

    store = open_store(demo_pack)
    try:
        export_snapshot(store, tmp_path / "snap")
    finally:
        store.close()
    snap = open_store(tmp_path / "snap")
    try:
        OfficerDesk(snap, "Sam Lee").save(UpdateText("IP25-09.3", "Survey sent"))
    finally:
        snap.close()
    folder = tmp_path / "shared"
    folder.mkdir()
    export_return(tmp_path / "snap", folder, "Sam Lee")
    config = tmp_path / "boardtui.toml"
    config.write_text(f'returns = "{folder}"\n')
    from boardtui.app.run import load_app
    from boardtui.config import load_config

    app = load_app(demo_pack, load_config(str(config)))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.count_returns_waiting()
        await settle(pilot)
        assert "1 return(s) to import: R" in screen_text(app).splitlines()[0]
    app.close_pack()
