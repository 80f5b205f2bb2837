"""The first frame kept from a pack's last read (boardtui/app/frame_cache.py): a start paints it
only while the pack is as it was, the pack is read again before any key acts on it, and a kept
entry never builds anything but the frame's own rows."""

from __future__ import annotations

import io
import json
import os
import pickle
import stat
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from apphelp import make_app, screen_text, settle, type_at_once, wait_until
from conftest import run_cli

from boardtui.app import frame_cache
from boardtui.errors import BoardError
from boardtui.store import lake_frame
from boardtui.store.db import open_store
from boardtui.store.views import BoardViews, FirstFrame

TESTS = Path(__file__).resolve().parent


def frame_of(path: Path) -> FirstFrame:
    """The first frame read straight from the pack."""
    store = open_store(path, read_only=True, lake=True)
    try:
        return BoardViews(store).first_frame()
    finally:
        store.close()


class Ended:
    """What a start showed when its keys were done."""

    def __init__(self, app, painted_from_kept: bool) -> None:
        self.painted_from_kept = painted_from_kept
        self.screen = type(app.screen).__name__
        self.weakness = getattr(app.screen, "weakness", None)
        self.text = screen_text(app)
        self.dashboard_rows = dict(app.screen_stack[0].rows)


async def start(path: Path, *keys: str, at_once: bool = False) -> Ended:
    """Start the app on ``path``, type ``keys`` (each once the last is done, or all at once
    before the first frame is painted), let it settle and close it."""
    app = make_app(path)
    painted_from_kept = app._kept is not None
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            if at_once:
                type_at_once(app, *keys)
            await wait_until(pilot, lambda: not app.first_frame_pending, "the first frame came")
            await settle(pilot)
            if not at_once:
                for key in keys:
                    await pilot.press(key)
                    await settle(pilot)
            ended = Ended(app, painted_from_kept)
    finally:
        app.close_pack()
    return ended


async def test_the_second_start_paints_the_kept_frame_which_is_the_packs_own(demo_pack):
    assert not (await start(demo_pack)).painted_from_kept  # nothing kept yet: read from the pack
    kept = frame_cache.kept(demo_pack)
    assert kept is not None and kept == frame_of(demo_pack)
    entries = list((frame_cache.cache_dir() / "first-frames").iterdir())
    assert len(entries) == 1
    assert stat.S_IMODE(entries[0].stat().st_mode) == 0o600  # the board's titles: its owner's only
    assert stat.S_IMODE(entries[0].parent.stat().st_mode) == 0o700

    ended = await start(demo_pack, *["down"] * 8, "enter", at_once=True)
    assert ended.painted_from_kept
    assert (ended.screen, ended.weakness) == ("ActionsScreen", "W09")
    assert "IP25-09.2" in ended.text


RENAME = (
    "import duckdb, sys\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "con.execute(\"UPDATE board SET name = 'Renamed by another program'\")\n"
    "con.close()\n"
)


async def test_a_pack_changed_since_is_read_not_painted_from_its_kept_frame(demo_pack):
    await start(demo_pack)
    assert frame_cache.kept(demo_pack) is not None
    # Another program (not boardtui) changes the pack, and closes it properly (no log left).
    done = subprocess.run([sys.executable, "-c", RENAME, str(demo_pack)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert not Path(f"{demo_pack}.wal").exists()
    assert frame_cache.kept(demo_pack) is None
    ended = await start(demo_pack)
    assert not ended.painted_from_kept
    assert "Renamed by another program" in ended.text
    kept = frame_cache.kept(demo_pack)  # kept again, as the pack now is
    assert kept is not None and kept == frame_of(demo_pack)


def test_a_command_that_changed_the_pack_keeps_its_new_frame(demo_pack):
    assert run_cli("check", str(demo_pack)).returncode == 0
    assert not list((frame_cache.cache_dir() / "first-frames").glob("*.pickle"))  # a read keeps nothing
    result = run_cli("meeting", "new", str(demo_pack), "--date", "2026-01-22")
    assert result.returncode == 0, result.stderr
    # Kept by the command as it ended, equal to the pack's frame: the next start paints it.
    assert kept_as_read(demo_pack) == "True None True"
    assert any(m.date.isoformat() == "2026-01-22" for m in frame_of(demo_pack).meetings)


async def test_what_the_app_records_is_in_the_frame_kept_at_close(demo_pack):
    started = run_cli("meeting", "new", str(demo_pack), "--date", "2026-01-22")
    assert started.returncode == 0, started.stderr
    before = frame_of(demo_pack)
    # At the meeting in progress, IP25-09.2 (the sixth action of the ninth weakness) rated Green.
    await start(demo_pack, *["down"] * 8, "enter", *["down"] * 5, "r", "G", "x", "ctrl+s")
    kept = frame_cache.kept(demo_pack)
    assert kept is not None
    assert kept == frame_of(demo_pack) != before  # the closing frame, and the file as closed
    assert (await start(demo_pack)).painted_from_kept


async def test_a_kept_frame_the_pack_does_not_match_is_replaced_before_any_key_acts(demo_pack, monkeypatch):
    await start(demo_pack)
    real, identity = frame_cache.kept(demo_pack), frame_cache.identity(demo_pack)
    assert real is not None
    # A kept frame that disagrees with the pack although the pack's identity has not changed
    # (no tool can do that to a pack; made here by writing the entry): W01 and W02 swapped.
    stale_rows = [real.dashboard[1], real.dashboard[0], *real.dashboard[2:]]
    names = list(real.weakness_names.items())
    stale = replace(
        real,
        weakness_names=dict([names[1], names[0], *names[2:]]),
        dashboard=[stale_rows[0]._replace(short_name="Stale name"), *stale_rows[1:]],
    )
    assert frame_cache.keep(demo_pack, identity, stale)
    assert frame_cache.kept(demo_pack) == stale

    # The pack's read takes its time (a slow disk): Enter must wait for it all the same.
    identity_now = frame_cache.identity

    def slowly(path):
        time.sleep(0.5)
        return identity_now(path)

    monkeypatch.setattr(frame_cache, "identity", slowly)
    ended = await start(demo_pack, "enter", at_once=True)
    assert ended.painted_from_kept
    # Enter, typed before the pack was read again, opened the pack's first weakness.
    assert (ended.screen, ended.weakness) == ("ActionsScreen", "W01")
    assert "Stale name" not in ended.text
    assert list(ended.dashboard_rows)[:2] == ["W01", "W02"]  # under it, the pack's rows
    assert "Stale name" not in {row.short_name for row in ended.dashboard_rows.values()}
    assert frame_cache.kept(demo_pack) == frame_of(demo_pack)  # kept again, right


async def test_a_pack_refused_after_its_kept_frame_was_painted_ends_the_app_saying_why(demo_pack, monkeypatch):
    await start(demo_pack)
    import boardtui.store.db as db

    def refused(*args, **kwargs):
        raise BoardError(f"{demo_pack} is refused for this test.")

    monkeypatch.setattr(db, "open_store", refused)
    app = make_app(demo_pack)
    assert app._kept is not None
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await wait_until(pilot, lambda: app.startup_error is not None, "the refusal was taken")
    finally:
        app.close_pack()
    assert app.return_code == 2 and "refused for this test" in str(app.startup_error)


class _Runs:
    def __reduce__(self):
        return (os.system, ("touch ran",))


def test_an_entry_that_would_build_anything_else_is_not_loaded(demo_pack, tmp_path, monkeypatch):
    frame = frame_of(demo_pack)
    identity = frame_cache.identity(demo_pack)
    assert frame_cache.keep(demo_pack, identity, frame)
    entry = next((frame_cache.cache_dir() / "first-frames").iterdir())
    entry.write_bytes(pickle.dumps((frame_cache.FORMAT, frame_cache._code(), identity, _Runs())))
    monkeypatch.chdir(tmp_path)
    assert frame_cache.kept(demo_pack) is None
    assert not (tmp_path / "ran").exists()  # os.system was never called
    entry.write_bytes(b"not a pickle at all")
    assert frame_cache.kept(demo_pack) is None
    with pytest.raises(pickle.UnpicklingError, match="not part of a first frame"):
        frame_cache._RowsOnly(io.BytesIO(pickle.dumps(_Runs()))).load()


def test_an_entry_larger_than_any_frame_is_not_read(demo_pack, monkeypatch):
    assert frame_cache.keep(demo_pack, frame_cache.identity(demo_pack), frame_of(demo_pack))
    assert frame_cache.kept(demo_pack) is not None
    entry = next((frame_cache.cache_dir() / "first-frames").iterdir())
    monkeypatch.setattr(frame_cache, "MOST_BYTES", entry.stat().st_size - 1)
    assert frame_cache.kept(demo_pack) is None


def test_a_pack_with_a_log_beside_it_is_never_kept(demo_pack):
    identity = frame_cache.identity(demo_pack)
    assert identity is not None
    assert frame_cache.keep(demo_pack, identity, frame_of(demo_pack))
    # Changes left in the log, not yet in the file (a writer that ended without saving them):
    # DuckDB replays them on opening, so the file's identity says nothing about them.
    writer = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, os, sys\n"
            "con = duckdb.connect(sys.argv[1])\n"
            "con.execute(\"SET checkpoint_threshold='1GB'\")\n"
            "con.execute(\"UPDATE board SET name = 'Renamed in the log'\")\n"
            "os._exit(0)\n",
            str(demo_pack),
        ],
        capture_output=True,
        text=True,
    )
    assert writer.returncode == 0, writer.stderr
    assert Path(f"{demo_pack}.wal").exists()
    assert frame_cache.identity(demo_pack) is None
    assert frame_cache.kept(demo_pack) is None


def test_a_snapshot_kept_is_not_used_once_a_file_in_it_changes(demo_pack, tmp_path):
    snapshot = tmp_path / "snap"
    result = run_cli("export", str(demo_pack), "--to", str(snapshot))
    assert result.returncode == 0, result.stderr
    frame = frame_of(snapshot)
    assert frame_cache.keep(snapshot, frame_cache.identity(snapshot), frame)
    assert frame_cache.kept(snapshot) is not None
    table = next(p for p in snapshot.rglob("*.parquet"))
    table.write_bytes(table.read_bytes())  # the same bytes, written again: a new change time
    assert frame_cache.kept(snapshot) is None


# Run as `boardtui` commands run (the installed boardtui: CI runs the tests from the checkout,
# whose files, and so whose code, frame_cache tells apart from the installed copy's).
KEPT_AS_READ = r"""
import sys
from pathlib import Path
from boardtui.app import frame_cache
from boardtui.app.run import KeptFrame, read_first_frame_early
from boardtui.store.db import open_store
from boardtui.store.views import BoardViews

path = Path(sys.argv[1])
kept = frame_cache.kept(path)
store = open_store(path, read_only=True, lake=True)
try:
    print(kept is not None and kept == BoardViews(store).first_frame(), kept is not None and kept.banner)
finally:
    store.close()
print(isinstance(read_first_frame_early(path), KeptFrame))
"""


def kept_as_read(path: Path) -> str:
    """Whether a frame is kept for ``path`` equal to the one read from it, its banner, and
    whether the app's start would paint it: as a `boardtui` command finds them."""
    done = subprocess.run([sys.executable, "-c", KEPT_AS_READ, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


def test_lake_add_keeps_the_lakes_first_frame_for_the_app(demo_pack, tmp_path):
    snapshot, lake = tmp_path / "snap", tmp_path / "lake"
    done = run_cli("export", str(demo_pack), "--to", str(snapshot), "--public")
    assert done.returncode == 0, done.stderr
    done = run_cli("lake", "add", str(lake), str(snapshot))
    assert done.returncode == 0, done.stderr
    shown = kept_as_read(lake)  # kept and equal, the lake's own banner, painted at once
    assert shown.startswith("True Read-only lake of 1 board(s)") and shown.endswith(" True")


LOCKED = r"""
import asyncio, sys
from pathlib import Path
from boardtui.app.run import load_app
from boardtui.config import Config
sys.path.insert(0, sys.argv[2])
from apphelp import settle, wait_until

app = load_app(Path(sys.argv[1]), Config())
painted_from_kept = app._kept is not None

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until(pilot, lambda: not app.first_frame_pending, "the first frame came")
        await settle(pilot)
        print(painted_from_kept, app.banner or "")

asyncio.run(main())
app.close_pack()
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the forked first frame is POSIX only")
def test_a_kept_start_on_a_pack_locked_since_shows_the_banner(demo_pack, holder_of):
    def drive() -> str:
        done = subprocess.run(
            [sys.executable, "-c", LOCKED, str(demo_pack), str(TESTS)], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout.strip()

    assert drive() == "False"  # read by the child; kept once the app had opened the pack
    holder = holder_of(demo_pack)
    shown = drive()
    assert shown.startswith("True ") and f"PID {holder.pid}" in shown and "Read-only" in shown
    holder.stdin.close()
    holder.wait()
    assert kept_as_read(demo_pack) == "True None True"  # still the pack's own frame, no banner in it


def test_entries_kept_are_bounded(tmp_path, demo_pack):
    frame = frame_of(demo_pack)
    for number in range(frame_cache.MOST_ENTRIES + 5):
        copy = tmp_path / f"copy-{number}.duckdb"
        copy.write_bytes(demo_pack.read_bytes())
        assert frame_cache.keep(copy, frame_cache.identity(copy), frame)
    assert len(list((frame_cache.cache_dir() / "first-frames").glob("*.pickle"))) == frame_cache.MOST_ENTRIES


# A lake's own first frame (store/lake_frame.py) ----------------------------------------------
@pytest.fixture
def lake_of_demo(demo_pack, tmp_path, monkeypatch):
    """A lake of the demo board, opened next on a machine that has kept nothing of it."""
    snapshot, lake = tmp_path / "snap", tmp_path / "lake"
    done = run_cli("export", str(demo_pack), "--to", str(snapshot), "--public")
    assert done.returncode == 0, done.stderr
    done = run_cli("lake", "add", str(lake), str(snapshot))
    assert done.returncode == 0, done.stderr
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "another-cache"))
    return lake


def test_a_lake_new_to_this_machine_paints_the_first_frame_lake_add_gave_it(lake_of_demo):
    own = lake_frame.path_in(lake_of_demo)
    assert own.is_file() and stat.S_IMODE(own.stat().st_mode) & 0o044  # public, as the lake is
    # Another user's machine: nothing kept in its cache, the lake's own frame painted at once.
    found = frame_cache.find(lake_of_demo)
    assert found is not None and not found.here
    assert found.frame == frame_of(lake_of_demo)
    assert kept_as_read(lake_of_demo).endswith(" True")  # the app's start paints it


async def test_a_lake_frame_the_lake_does_not_match_is_replaced_before_any_key_acts(lake_of_demo, monkeypatch):
    real = frame_of(lake_of_demo)
    first, second = real.dashboard[0].code, real.dashboard[1].code
    # A frame written for this lake's record but holding other rows (made here by hand):
    # the first two weaknesses swapped, one renamed.
    rows = [real.dashboard[1]._replace(short_name="Forged name"), real.dashboard[0], *real.dashboard[2:]]
    names = list(real.weakness_names.items())
    forged = replace(real, weakness_names=dict([names[1], names[0], *names[2:]]), dashboard=rows)
    lake_frame.path_in(lake_of_demo).write_text(lake_frame.dumps(forged, lake_frame.tag(lake_of_demo)))
    found = frame_cache.find(lake_of_demo)
    assert found is not None and found.frame == forged and not found.here

    ended = await start(lake_of_demo, "enter", at_once=True)
    assert ended.painted_from_kept
    assert (ended.screen, ended.weakness) == ("ActionsScreen", first)  # the lake's own first row
    assert "Forged name" not in ended.text
    assert list(ended.dashboard_rows)[:2] == [first, second]
    found = frame_cache.find(lake_of_demo)  # the lake's frame as read, kept here
    assert found is not None and found.here and found.frame == real


def test_a_lake_frame_of_the_lake_before_its_last_add_is_not_used(lake_of_demo, demo_pack, tmp_path):
    before = lake_frame.path_in(lake_of_demo).read_bytes()
    assert lake_frame.read(lake_of_demo) is not None
    done = run_cli("export", str(demo_pack), "--to", str(tmp_path / "again"), "--public")
    assert done.returncode == 0, done.stderr
    done = run_cli("lake", "add", str(lake_of_demo), str(tmp_path / "again"))  # the board's newer snapshot
    assert done.returncode == 0, done.stderr
    assert lake_frame.read(lake_of_demo) is not None
    lake_frame.path_in(lake_of_demo).write_bytes(before)  # the frame of the lake as it was
    assert lake_frame.read(lake_of_demo) is None


def _spoiled(document: dict, how: str) -> object:
    if how == "a count that is true":
        document["dashboard"][0][8] = True
    elif how == "a name that is a number":
        document["weakness_names"][0] = 7
    elif how == "a row one field short":
        document["dashboard"][0].pop()
    elif how == "a date that is not":
        document["meetings"][0][1] = "2021-02-30"
    elif how == "other code's":
        document["boardtui"] = "0.0.0"
    elif how == "codes and names of two lengths":
        document["weakness_codes"].pop()
    elif how == "no board":
        del document["board"]
    elif how == "a banner that is a list":
        document["banner"] = ["x"]
    elif how == "not an object":
        return [document]
    return document


@pytest.mark.parametrize(
    "how",
    [
        "a count that is true",
        "a name that is a number",
        "a row one field short",
        "a date that is not",
        "other code's",
        "codes and names of two lengths",
        "no board",
        "a banner that is a list",
        "not an object",
    ],
)
def test_a_lake_frame_that_is_not_one_is_not_used(lake_of_demo, how):
    own = lake_frame.path_in(lake_of_demo)
    spoiled = _spoiled(json.loads(own.read_text()), how)
    own.write_text(json.dumps(spoiled))
    assert lake_frame.read(lake_of_demo) is None
    assert frame_cache.find(lake_of_demo) is None or frame_cache.find(lake_of_demo).here


def test_a_lake_frame_not_json_or_larger_than_any_is_not_read(lake_of_demo, monkeypatch):
    own = lake_frame.path_in(lake_of_demo)
    good = own.read_bytes()
    monkeypatch.setattr(lake_frame, "MOST_BYTES", len(good) - 1)
    assert lake_frame.read(lake_of_demo) is None
    monkeypatch.setattr(lake_frame, "MOST_BYTES", len(good))
    assert lake_frame.read(lake_of_demo) is not None
    own.write_bytes(b"[" * 100_000)  # deeper than Python's reader goes
    assert lake_frame.read(lake_of_demo) is None


def test_a_lake_frame_holds_text_as_typed(lake_of_demo):
    real = frame_of(lake_of_demo)
    hostile = "[/] [@click=app.quit] \x1b]52;c;aGk=\x07 \u202e\n" + "x" * 10_000
    row = real.dashboard[0]._replace(short_name=hostile)
    frame = replace(
        real, dashboard=[row, *real.dashboard[1:]], weakness_names={**real.weakness_names, row.code: hostile}
    )
    lake_frame.path_in(lake_of_demo).write_text(lake_frame.dumps(frame, lake_frame.tag(lake_of_demo)))
    assert lake_frame.read(lake_of_demo) == frame  # as data; the screens show it as they show any
