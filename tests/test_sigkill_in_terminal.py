"""The app as a person runs it, in a pseudo-terminal: a note recorded (t, its words, Ctrl+S), the
confirmation waited for on screen, then the app killed with SIGKILL. Round after round, the
.duckdb file copied alone (without PACK.wal, as a backup or an email carries it) holds every
note the screen confirmed."""

from __future__ import annotations

import os
import select
import shutil
import signal
import struct
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from conftest import run_cli

pty = pytest.importorskip("pty")  # POSIX: the app is run as a terminal runs it
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

CTRL_S = "\x13"
ROUNDS = 6


class Terminal:
    """The real app started in a pseudo-terminal of 120 by 40, its output kept."""

    def __init__(self, pack: Path) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: the app, as a person starts it
            os.environ.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
            os.execv(sys.executable, [sys.executable, "-m", "boardtui", str(pack)])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
        self.out = bytearray()

    def wait_for(self, text: bytes, seconds: float = 20.0) -> None:
        """Read the app's output until ``text`` has appeared in it."""
        end = time.monotonic() + seconds
        while text not in self.out:
            assert time.monotonic() < end, f"{text!r} never appeared; last output: {bytes(self.out[-2000:])!r}"
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                self.out.extend(os.read(self.fd, 1 << 16))

    def type(self, keys: str) -> None:
        os.write(self.fd, keys.encode())

    def kill(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def notes_in_file_alone(pack: Path, folder: Path) -> set[str]:
    """The minutes' notes in a copy of the .duckdb file alone."""
    copy = folder / pack.name
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    shutil.copyfile(pack, copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        return {text for (text,) in con.execute("SELECT text FROM minute_item WHERE kind = 'note'").fetchall()}
    finally:
        con.close()


def test_every_note_confirmed_on_screen_is_in_the_file_alone_after_sigkill(demo_pack, tmp_path):
    soon = (date.today() + timedelta(days=7)).isoformat()
    assert run_cli("meeting", "new", str(demo_pack), "--date", soon, "--yes").returncode == 0
    confirmed: set[str] = set()
    for number in range(ROUNDS):
        text = f"Round {number}: kept through a SIGKILL"
        terminal = Terminal(demo_pack)
        try:
            terminal.wait_for(b"as at")  # the dashboard is on screen
            terminal.type("t" + text + CTRL_S)  # keys after t wait for the note's dialog
            terminal.wait_for(b"Recorded: note")
        finally:
            terminal.kill()  # straight after the confirmation, the app still open
        confirmed.add(text)
        assert confirmed <= notes_in_file_alone(demo_pack, tmp_path / f"alone-{number}")
