"""Start-up as `boardtui PACK` does it, in fresh processes: the first frame read by a forked
child, the pack opened after the first paint, and every bad file refused before the screen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_cli

TESTS = Path(__file__).resolve().parent  # the scripts below import apphelp from here

DRIVE = r"""
import asyncio, sys
from pathlib import Path
from boardtui.app.run import load_app
from boardtui.config import Config

assert "duckdb" not in sys.modules
app = load_app(Path(sys.argv[1]), Config())
forked = app.views.store is None  # the first frame came from the child; no pack open yet
sys.path.insert(0, sys.argv[2])
from apphelp import settle, wait_until

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        # Still coming from the child while the app paints.
        await wait_until(pilot, lambda: not app.first_frame_pending, "the first frame came")
        await pilot.pause()
        first = list(app.screen.query_one("BoardTable").row_keys)
        await pilot.press(*["down"] * 8, "enter")
        await settle(pilot)  # the pack opens after the first paint; the read waits for it
        print(forked, len(first), type(app.screen).__name__,
              app.screen.query_one("BoardTable").row_keys[0], app.banner or "")

asyncio.run(main())
app.close_pack()
"""


def drive(pack):
    return subprocess.run(
        [sys.executable, "-c", DRIVE, str(pack), str(TESTS)], capture_output=True, text=True, timeout=120
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked first frame is POSIX only")
def test_first_frame_from_a_forked_child_then_the_pack_opens(demo_pack):
    result = drive(demo_pack)
    assert result.returncode == 0, result.stderr
    forked, rows, screen, first_action, *banner = result.stdout.split()
    assert (forked, rows, screen, first_action) == ("True", "13", "ActionsScreen", "APP-09.1")
    assert banner == []


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked first frame is POSIX only")
def test_forked_start_on_a_locked_pack_shows_the_banner(demo_pack, holder_of):
    holder = holder_of(demo_pack)
    result = drive(demo_pack)
    assert result.returncode == 0, result.stderr
    assert f"PID {holder.pid}" in result.stdout and "Read-only" in result.stdout


SLOW_CHILD = r"""
import asyncio, sys, time
from pathlib import Path
import boardtui.app.run as run
from boardtui.config import Config

read_first_frame = run._first_frame
def slowly(views, path):  # the forked child reads its first frame late: a big pack, a slow disk
    time.sleep(0.6)
    return read_first_frame(views, path)
run._first_frame = slowly

app = run.load_app(Path(sys.argv[1]), Config())

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        painted_before_the_data = app.first_frame_pending and app.screen.is_mounted
        await pilot.press("down", "down", "enter")  # typed before the data came: they wait for it
        sys.path.insert(0, sys.argv[2])
        from apphelp import settle
        await settle(pilot)
        print(painted_before_the_data, type(app.screen).__name__, app.screen.weakness)

asyncio.run(main())
app.close_pack()
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked first frame is POSIX only")
def test_the_app_paints_while_the_child_still_reads_and_keys_wait_for_the_data(demo_pack):
    result = subprocess.run(
        [sys.executable, "-c", SLOW_CHILD, str(demo_pack), str(TESTS)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "ActionsScreen", "W03"]


CLOSED_AT_ONCE = r"""
import asyncio, os, sys, time
from pathlib import Path
import boardtui.app.run as run
from boardtui.config import Config

when = sys.argv[2]
if when == "before the first frame":
    read_first_frame = run._first_frame
    def slowly(views, path):  # the child would take half a minute
        time.sleep(30)
        return read_first_frame(views, path)
    run._first_frame = slowly

app = run.load_app(Path(sys.argv[1]), Config())
from boardtui.app.screens.dashboard import DashboardScreen

if when == "straight after the first paint":  # before the pack's own connection has opened
    arrived = DashboardScreen.first_frame_arrived
    def arrive_then_close(screen):
        arrived(screen)
        screen.app.call_after_refresh(screen.app.exit)
    DashboardScreen.first_frame_arrived = arrive_then_close
    app.run(headless=True, size=(120, 40))
else:
    async def main():
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.exit()
    asyncio.run(main())
app.close_pack()
print("closed", app.views.store is None)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked first frame is POSIX only")
@pytest.mark.parametrize("when", ["before the first frame", "straight after the first paint"])
def test_the_app_closes_cleanly_however_soon_it_is_closed(demo_pack, when):
    # Closing used to wait for a connection whose opening was asked for but never began (the
    # app was already closing): it waited for ever. And a child still reading must not keep
    # the app (or itself) alive: it is stopped, as it only reads.
    result = subprocess.run(
        [sys.executable, "-c", CLOSED_AT_ONCE, str(demo_pack), when], capture_output=True, text=True, timeout=25
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "closed"


@pytest.mark.parametrize("content", [None, "not a database\n" * 20])
def test_opening_a_bad_file_in_the_app_is_one_line_and_exit_2(tmp_path, content):
    pack = tmp_path / "board.duckdb"
    if content is not None:
        pack.write_text(content)
    result = run_cli(str(pack))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert ("does not exist" if content is None else "not a DuckDB database file") in lines[0]


@pytest.mark.parametrize("set_by_user", [None, "30"])
def test_the_app_paints_at_120_frames_a_second_unless_told_otherwise(set_by_user):
    # Textual reads TEXTUAL_FPS once, when imported; the app's package sets it first.
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_FPS"}
    if set_by_user:
        env["TEXTUAL_FPS"] = set_by_user
    code = "import boardtui.app.run; from textual import constants; print(constants.MAX_FPS)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == (set_by_user or "120")


@pytest.mark.parametrize("set_by_user", [None, "200"])
def test_a_lone_escape_waits_25_ms_for_a_sequence_unless_told_otherwise(set_by_user):
    # Esc is the key a meeting uses most; Textual's 100 ms wait was most of what it cost.
    env = {k: v for k, v in os.environ.items() if k != "ESCDELAY"}
    if set_by_user:
        env["ESCDELAY"] = set_by_user
    code = "import boardtui.app.run; from textual import constants; print(constants.ESCAPE_DELAY)"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert float(done.stdout) == int(set_by_user or "25") / 1000
