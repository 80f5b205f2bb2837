"""Nothing from the pack reaches the terminal raw: the real app, in a pseudo-terminal, on a demo
pack with hostile text in every text column, visits every screen and dialog; the bytes it writes
hold no control sequence but the ones Textual itself draws with, no payload of the corpus, and
nothing that could set the window title or the clipboard."""

from __future__ import annotations

import os
import re
import select
import signal
import struct
import sys
import time

import pytest
from hostile import MARKERS, write_hostile_pack

pty = pytest.importorskip("pty")  # POSIX: the app is run as a terminal runs it
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")

# Every escape sequence Textual 8.2 writes (the test extra pins 8.2): colours and attributes,
# cursor position, private modes on and off and their queries, the kitty keyboard protocol,
# and the mouse pointer's shape (OSC 22). Nothing else may appear.
TEXTUALS_OWN = re.compile(
    rb"\x1b\[[0-9;]*m|\x1b\[\d+;\d+H|\x1b\[\?\d+[hl]|\x1b\[\?\d+\$p|\x1b\[[>=<]\d*u|\x1b\[<u"
    rb"|\x1b\]22;[a-z-]+\x07|\x1b\[\d*[ABCDJK]|\x1b\[H"
)
ANY_ESCAPE = re.compile(
    rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[P^_X][^\x1b]*(?:\x1b\\)?|.)", re.DOTALL
)
# Characters no drawing needs: C0 controls but ESC, CR, LF and the BEL that ends OSC 22; DEL; C1;
# bidi embeddings, overrides and isolates.
STRAY = re.compile("[\x00-\x06\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# A tour of every screen and dialog, keys as a terminal sends them.
ESC, ENTER, CTRL_S, CTRL_P = "\x1b", "\r", "\x13", "\x10"
TOUR = [
    "j",
    "j",
    ENTER,  # a weakness with hostile names: breadcrumb and actions list
    "j",
    "f",
    ESC,  # the filter dialog: lead organisations
    "r",
    ESC,  # the rating dialog: the meeting's title
    "T",
    ESC,  # revise target
    "w",
    ESC,  # weakness detail: judgements, measures, minutes
    ENTER,
    "j",
    "j",
    ESC,  # action detail: every field, history, evidence, audit
    ESC,
    "x",
    "j",
    ESC,  # exceptions
    "m",
    "l",
    ESC,  # matrix
    "/",
    "a",
    "e",
    ESC,  # search
    "?",
    ESC,  # help: the board's BRAG definitions
    CTRL_P,
    "W",
    ESC,  # the command palette
    "n",
    ENTER,  # the agenda of the draft meeting: items, minutes, arising
    ".",
    ".",
    " ",
    ".",  # step on, page through an item
    "d",
    ESC,
    "a",
    ESC,  # minute forms: the weakness choices
    "A",
    ESC,  # attendance: people, roles, organisations
    "E",
    ESC,  # correct a minute: its text in the field
]


def run_in_terminal(pack, keys, *, pause=0.25, start=4.0) -> tuple[bytes, bool]:
    """Every byte the app writes while ``keys`` are typed, and whether it was still running."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, as a person starts it
        os.environ.update(TERM="xterm-256color", COLUMNS="120", LINES="40")
        os.execv(sys.executable, [sys.executable, "-m", "boardtui", str(pack)])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    out = bytearray()

    def read_for(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    out.extend(os.read(fd, 1 << 16))
                except OSError:
                    return

    try:
        read_for(start)
        for key in keys:
            os.write(fd, key.encode())
            read_for(pause)
        alive = os.waitpid(pid, os.WNOHANG) == (0, 0)
    finally:
        try:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        except OSError:
            pass
        os.close(fd)
    return bytes(out), alive


def test_the_app_writes_nothing_from_the_pack_but_text(demo_master, tmp_path):
    pack = write_hostile_pack(demo_master, tmp_path / "hostile.duckdb")
    out, alive = run_in_terminal(pack, TOUR)
    assert alive, out[-3000:].decode(errors="replace")
    assert len(out) > 50_000  # it drew every screen
    text = out.decode("utf-8", errors="surrogateescape")
    assert "Board" in text and "as at" in text
    assert [m for m in MARKERS if m in text] == []
    stray = sorted({repr(m.group()) for m in STRAY.finditer(text)})
    assert stray == []
    foreign = sorted({m.group() for m in ANY_ESCAPE.finditer(out) if not TEXTUALS_OWN.fullmatch(m.group())})
    assert foreign == [], foreign[:10]
    assert not re.search(rb"\x1b\][012];", out)  # the window's title is never set
