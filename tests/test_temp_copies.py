"""A pack another process holds is read through a private copy, and no copy is left behind:
not by a normal exit, not by the forked first-frame child, not by a process killed with SIGKILL
(its copy is gone from the disk once opened, and its folder is swept at the next start)."""

from __future__ import annotations

import fcntl
import os
import random
import select
import signal
import stat
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from boardtui.store import copies
from boardtui.store.db import open_store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="launches the app in a pseudo-terminal")


def launch(pack: Path, env: dict, end: float | str) -> tuple[int, bytes]:
    """Start `boardtui PACK` in a 120x40 pseudo-terminal and end it: ``"quit"`` presses q once the
    banner is on screen, ``"kill"`` sends SIGKILL then, and a number of seconds sends SIGKILL that
    long after starting, whatever it is doing."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "boardtui", str(pack)],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    shown, started, quit_sent = b"", time.monotonic(), False
    try:
        while proc.poll() is None and time.monotonic() - started < 60:
            up = b"held for writing" in shown
            if (end == "kill" and up) or (isinstance(end, float) and time.monotonic() - started >= end):
                proc.send_signal(signal.SIGKILL)
                break
            if end == "quit" and up and not quit_sent:
                os.write(master, b"q")
                quit_sent = True
            ready, _, _ = select.select([master], [], [], 0.02)
            if ready:
                try:
                    shown += os.read(master, 65536)
                except OSError:
                    break
        code = proc.wait(timeout=60)
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return code, shown


def copies_in(folder: Path) -> list[Path]:
    return sorted(folder.glob(f"{copies.PREFIX}*"))


def pack_files_in(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and p.name != copies.OWNER]


def test_ten_launches_on_a_locked_pack_leave_no_copy(demo_pack, holder_of, tmp_path):
    holder_of(demo_pack)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "TMPDIR": str(temp), "TERM": "xterm-256color"}
    rng = random.Random(10)
    # Killed at random moments (copying, forking, painting), and once the screen is up; the
    # last launch quits normally.
    plan = [rng.uniform(0.05, 1.2) for _ in range(4)] + ["quit", "kill", "quit", rng.uniform(0.3, 1.0), "kill", "quit"]
    for end in plan:
        code, shown = launch(demo_pack, env, end)
        assert code == (0 if end == "quit" else -signal.SIGKILL), shown[-2000:]
        if isinstance(end, str):
            # Up and running when it ended: the copy was open, so its files were already gone.
            assert b"held for writing" in shown and pack_files_in(temp) == []
    assert copies_in(temp) == [] and pack_files_in(temp) == []


def test_a_copy_is_private_and_its_files_go_once_open(demo_pack, holder_of, tmp_path, monkeypatch):
    holder_of(demo_pack)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    store = open_store(demo_pack, copy_if_locked=True)
    try:
        (folder,) = copies_in(tmp_path / "tmp")
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert (folder / copies.OWNER).read_text().strip() == str(os.getpid())
        assert pack_files_in(folder) == []  # unlinked: readable only through DuckDB's open handle
        assert store.con.execute("SELECT count(*) FROM action").fetchone()[0] == 102
        assert store.read_only and store.file is None and "held for writing" in store.banner
    finally:
        store.close()
    assert copies_in(tmp_path / "tmp") == []


def test_sweep_removes_only_copies_whose_owner_is_gone(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        made = {}
        for name, pid in (("dead", dead.pid), ("alive", alive.pid), ("mine", os.getpid())):
            folder = tmp_path / f"{copies.PREFIX}{name}"
            folder.mkdir()
            (folder / copies.OWNER).write_text(f"{pid}\n")
            (folder / "pack.duckdb").write_bytes(b"x" * 1024)
            made[name] = folder
        unowned_old = tmp_path / f"{copies.PREFIX}unowned-old"
        unowned_old.mkdir()
        os.utime(unowned_old, (time.time() - 3600, time.time() - 3600))
        unowned_new = tmp_path / f"{copies.PREFIX}unowned-new"
        unowned_new.mkdir()
        other = tmp_path / "someone-else"
        other.mkdir()
        removed = copies.sweep_stale_copies(tmp_path)
        assert sorted(removed) == sorted([made["dead"], unowned_old])
        assert made["alive"].exists() and made["mine"].exists() and unowned_new.exists() and other.exists()
    finally:
        alive.kill()
        alive.wait()


def test_the_forked_child_removes_its_copy(demo_pack, holder_of, tmp_path):
    """The first frame is read by a forked child that exits with os._exit: its copy goes too."""
    holder_of(demo_pack)
    temp = tmp_path / "tmp"
    temp.mkdir()
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from boardtui.app.run import FirstFrameChild\n"
        "child = FirstFrameChild(Path(sys.argv[1]))\n"
        "assert child.pid\n"
        "first = child.result()\n"
        "print(first.banner)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(demo_pack)],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(temp)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "held for writing" in done.stdout
    assert copies_in(temp) == []


def test_a_spill_folder_left_by_a_process_that_died_is_swept(tmp_path):
    """copies.spill_folder(): made and swept as a copy's folder is (a forked first-frame reader
    ends without cleaning up; so does a process killed)."""
    code = (
        "import os, sys, tempfile\n"
        f"tempfile.tempdir = {str(tmp_path)!r}\n"
        "from boardtui.store.copies import spill_folder\n"
        "print(spill_folder(), flush=True)\n"
        "os._exit(0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    left = Path(done.stdout.strip())
    assert left.parent == tmp_path and left.is_dir()
    assert copies.sweep_stale_copies(tmp_path) == [left]
    assert not left.exists()
