"""Recording in the app: r on an action, one key for the rating, a rationale, Enter; Blue asks
for evidence; errors show next to the field; u undoes; a read-only pack says why."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
from apphelp import make_app, screen_text, settle

from boardtui.app.dialogs.rating import RatingDialog
from boardtui.app.screens.action_detail import ActionDetailScreen


def latest_rating(pack, action):
    con = duckdb.connect(str(pack), read_only=True)
    try:
        return con.execute(
            "SELECT meeting, brag, rationale FROM rag_rating WHERE action = ? "
            "ORDER BY recorded_at DESC, id DESC LIMIT 1",
            [action],
        ).fetchone()
    finally:
        con.close()


def audit_rows(pack, key):
    con = duckdb.connect(str(pack), read_only=True)
    try:
        return con.execute(
            "SELECT field, new_value, why FROM audit_log WHERE row_key = ? ORDER BY id", [key]
        ).fetchall()
    finally:
        con.close()


async def open_w09_action(pilot, row: int = 0):
    """From the dashboard: W09's actions list, then the action on the given row (row 5 is
    IP25-09.2, open; the rows above it are complete, and a closed action is not rated)."""
    await pilot.press(*["down"] * 8, "enter")
    await settle(pilot)
    await pilot.press(*["down"] * row, "enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ActionDetailScreen)
    return pilot.app.screen.action_id


async def rate_w09_row(pilot, row: int) -> None:
    """From the dashboard: W09's actions list, then r on the given row."""
    await pilot.press(*["down"] * 8, "enter")
    await settle(pilot)
    await pilot.press(*["down"] * row, "r")
    await settle(pilot)


async def test_r_g_rationale_enter_records_at_the_current_meeting(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        action = await open_w09_action(pilot, 5)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RatingDialog)
        assert "M19" in screen_text(app)  # the meeting the rating belongs to is shown
        await pilot.press("G", *"Evidence reviewed", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen)
    app.close_pack()
    assert latest_rating(demo_pack, action) == ("M19", "G", "Evidence reviewed")
    assert ("brag", "G", "Evidence reviewed") in audit_rows(demo_pack, f"{action}@M19")


async def test_screens_below_show_the_change_when_you_come_back(demo_pack):
    # Rated from the action: Esc to the actions list and the dashboard shows it, not what they
    # showed (or read ahead) before the change.
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reds_before = table_of(app).get_cell("W09", "r").plain
        action = await open_w09_action(pilot, 5)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("R", *"Slipped again", "ctrl+s")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert table_of(app).get_cell(action, "brag").plain.strip() == "R"
        await pilot.press("escape")
        await settle(pilot)
        assert int(table_of(app).get_cell("W09", "r").plain) == int(reds_before) + 1
    app.close_pack()


def table_of(app):
    return app.screen.query_one("BoardTable")


async def test_errors_show_next_to_the_field_and_nothing_is_written(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await rate_w09_row(pilot, 5)  # IP25-09.2, an open action
        await pilot.press("G", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RatingDialog)
        assert "rationale: required" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
    app.close_pack()
    assert latest_rating(demo_pack, "IP25-09.2")[0:2] == ("M19", "G")  # the demo's own rating, unchanged
    assert audit_rows(demo_pack, "IP25-09.2@M19") == []


async def test_blue_asks_for_evidence_then_closes_the_action(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await rate_w09_row(pilot, 6)  # IP25-09.3
        await pilot.press("B", *"Delivered", "ctrl+s")
        await settle(pilot)
        assert "evidence: required" in screen_text(app)
        await pilot.press(*"Feedback report", "enter", "enter")  # on to the reference, then save
        await settle(pilot)
        assert not isinstance(app.screen, RatingDialog)
        # u takes it back, and says so.
        await pilot.press("u")
        await settle(pilot)
    app.close_pack()
    con = duckdb.connect(str(demo_pack), read_only=True)
    assert con.execute("SELECT status FROM action WHERE id = 'IP25-09.3'").fetchone() == ("open",)
    whys = [
        r[0] for r in con.execute("SELECT why FROM audit_log WHERE row_key LIKE 'IP25-09.3%' ORDER BY id").fetchall()
    ]
    con.close()
    assert "Delivered" in whys and any(w.startswith("undo: ") for w in whys)


async def test_a_read_only_pack_says_why_recording_is_off(demo_pack, holder_of):
    holder = holder_of(demo_pack)
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await open_w09_action(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert not isinstance(app.screen, RatingDialog)
        assert any(
            "Recording is off" in str(n.message) and f"PID {holder.pid}" in str(n.message) for n in app._notifications
        )
    app.close_pack()


KILLED = r"""
import asyncio, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from apphelp import make_app, settle, wait_until

app = make_app(Path(sys.argv[1]))

def recorded():
    return sum("Recorded" in str(n.message) for n in app._notifications)

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*["down"] * 8, "enter")
        await settle(pilot)
        await pilot.press(*["down"] * 5, "enter")  # IP25-09.2, open
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("A", *"Killed straight after", "ctrl+s")
        await wait_until(pilot, lambda: recorded() >= 1, "the rating said Recorded")
        await pilot.press("d")  # and a decision, as in a meeting
        await settle(pilot)
        await pilot.press(*"Decided just before the crash", "ctrl+s")
        await wait_until(pilot, lambda: recorded() >= 2, "the decision said Recorded")
        print("confirmed", flush=True)
        await asyncio.Event().wait()  # killed here, with the app still open

asyncio.run(main())
"""


def test_a_confirmed_rating_and_decision_survive_sigkill_straight_after(demo_pack):
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(demo_pack), str(Path(__file__).parent)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "confirmed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # Read from the .duckdb file alone, as a backup or an email carries it, without PACK.wal.
    (demo_pack.parent / "alone").mkdir()
    demo_pack = shutil.copyfile(demo_pack, demo_pack.parent / "alone" / demo_pack.name)
    assert latest_rating(demo_pack, "IP25-09.2") == ("M19", "A", "Killed straight after")
    assert audit_rows(demo_pack, "IP25-09.2@M19")[-1] == ("brag", "A", "Killed straight after")
    con = duckdb.connect(str(demo_pack), read_only=True)
    try:
        [(kind, weakness, action, order)] = con.execute(
            "SELECT kind, weakness, action, item_order FROM minute_item WHERE text = 'Decided just before the crash'"
        ).fetchall()
    finally:
        con.close()
    assert (kind, weakness, action) == ("decision", "W09", "IP25-09.2")
    assert ("decision", "Decided just before the crash", "recorded at M19") in audit_rows(
        demo_pack, f"M19 item {order}"
    )
