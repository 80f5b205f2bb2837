"""The same keys typed slowly and at machine speed must leave the same pack and the same screen.

A differential harness in a real pseudo-terminal (not Pilot, which waits for the app between
keys): each script runs on a fresh copy of a pack three ways, and the outcomes are compared.

- ``slow``: the dashboard shows, then each key is written once the app has written nothing for
  a moment (its screen settled), as a person types who watches the screen;
- ``burst``: the dashboard shows, then every key in one write, as keys typed ahead of the app;
- ``launch``: every key in one write as soon as the app has taken the terminal, long before it
  has imported Textual or read the pack (``launch_at_spawn`` writes them even before the
  program starts: see ``run``).

The outcome: every table of the pack (timestamps aside: each run writes at its own time), the
breadcrumb (which screen it ends on, and where) and the line under the cursor. The screen is read
with pyte, a VT100 emulator, from the bytes the app wrote.

Used by tests/test_keys_typed_ahead.py (the suite) and benchmarks/keyrace.py (longer, random runs).
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import re
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyte
from keyset import every_key, key_bytes

SIZE = (40, 120)  # rows, columns: the projector


def typed(text: str) -> list[str]:
    """The keys that type ``text``, one character each."""
    return list(text)


# After the app says it has finished with the keys, how long it must then write nothing for its
# screen to count as settled: after each key typed slowly, and at the end of a run. (Long enough
# for the frame that shows the last change: frames come every 8 ms.)
QUIET_SLOW = 0.2
QUIET_END = 0.5
# A run that has not settled by then has hung: that is a failure in itself.
MOST = 60.0


class AppInTerminal:
    """``boardtui PACK`` in a pseudo-terminal of SIZE, its output fed to a pyte screen."""

    def __init__(self, pack: Path, *, env: dict | None = None) -> None:
        # Where the app's key gate says how many keys it has read whenever all of them are handled
        # and what they started is done (boardtui/app/key_gate.py SETTLED_FILE).
        self.settled_file = pack.with_name(pack.name + ".keys-settled")
        self.settled_file.unlink(missing_ok=True)
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(env or {})
            os.environ["BOARDTUI_KEYS_SETTLED_FILE"] = str(self.settled_file)
            os.environ["TERM"] = "xterm-256color"
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            os.execv(sys.executable, [sys.executable, "-m", "boardtui", str(pack)])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
        self.screen = pyte.Screen(SIZE[1], SIZE[0])
        self.stream = pyte.ByteStream(self.screen)
        self.written = bytearray()  # everything the app wrote, raw

    def read(self, timeout: float) -> bool:
        """Read what the app wrote within ``timeout``; False if it wrote nothing."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 1 << 16)
        except OSError:  # the app has gone
            raise AppEnded(self.text()) from None
        if not chunk:
            raise AppEnded(self.text())
        self.written += chunk
        self.stream.feed(chunk)
        return True

    def until_quiet(self, quiet: float, most: float = MOST) -> None:
        """Until the characters on screen have not changed for ``quiet`` seconds (a text field's
        blinking cursor changes only a cell's colours, and goes on for ever)."""
        start = changed = time.monotonic()
        shown = self.text()
        while time.monotonic() - changed < quiet:
            self.read(max(0.0, quiet - (time.monotonic() - changed)))
            now = self.text()
            if now != shown:
                shown, changed = now, time.monotonic()
            if time.monotonic() - start > most:
                raise AssertionError(f"the app never settled in {most:.0f} s:\n{self.text()}")

    def keys_settled(self) -> int:
        """How many keys the app had read when it last had handled every one (0: none yet)."""
        try:
            return int(self.settled_file.read_text(encoding="ascii") or 0)
        except (FileNotFoundError, ValueError):  # not written yet, or being written
            return 0

    def until_settled(self, keys: int, quiet: float = QUIET_SLOW, most: float = MOST) -> None:
        """Until the app has handled ``keys`` keys and finished what they started (a save that
        takes seconds on a loaded machine included), and has then painted what that shows."""
        start = time.monotonic()
        while self.keys_settled() < keys:
            self.read(0.02)
            if time.monotonic() - start > most:
                raise AssertionError(
                    f"the app never finished with {keys} keys in {most:.0f} s "
                    f"(it had with {self.keys_settled()}):\n{self.text()}"
                )
        self.until_quiet(quiet)

    def until_shows(self, *texts: str, most: float = MOST) -> None:
        start = time.monotonic()
        while not all(t in self.text() for t in texts):
            self.read(0.05)
            if time.monotonic() - start > most:
                raise AssertionError(f"never showed {texts!r}:\n{self.text()}")

    def has_the_terminal(self) -> bool:
        """Whether the app has put the terminal in its own (non-canonical) mode."""
        return not termios.tcgetattr(self.fd)[3] & termios.ICANON

    def write(self, keys: list[str]) -> None:
        data = "".join(key_bytes(k) for k in keys).encode()
        while data:
            sent = os.write(self.fd, data)
            data = data[sent:]

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


class AppEnded(Exception):
    """The app's process ended (a quit typed, or a crash): its last screen."""


@dataclass
class Outcome:
    tables: dict[str, list[tuple]]
    breadcrumb: str
    cursor: str  # the line under the cursor mark (❯) on the top screen, if any
    ended: bool = False  # the app quit
    screen: str = field(default="", compare=False)

    def differences(self, other: Outcome) -> list[str]:
        out = []
        if self.ended != other.ended:
            out.append(f"app ended: {self.ended} against {other.ended}")
        if not _same_under_notices(self.breadcrumb, other.breadcrumb):
            out.append(f"breadcrumb: {self.breadcrumb!r} against {other.breadcrumb!r}")
        if not _same_under_notices(self.cursor, other.cursor):
            out.append(f"cursor line: {self.cursor!r} against {other.cursor!r}")
        for table in sorted(set(self.tables) | set(other.tables)):
            mine, theirs = self.tables.get(table, []), other.tables.get(table, [])
            if mine != theirs:
                only_mine = [r for r in mine if r not in theirs][:3]
                only_theirs = [r for r in theirs if r not in mine][:3]
                out.append(
                    f"table {table}: {len(mine)} rows against {len(theirs)}; only in the first "
                    f"{only_mine}, only in the second {only_theirs}"
                )
        return out


RANDOM_ID = re.compile(r"\b[0-9a-f]{32}\b")  # an officer's update id (uuid4().hex)


def _as_compared(row: tuple, pack: Path) -> tuple:
    """Random ids and the copy's own path (an update's base names the file it was written on)
    written the same in every run."""
    return tuple(RANDOM_ID.sub("<id>", v).replace(str(pack), "<pack>") if isinstance(v, str) else v for v in row)


NOTICE_EDGE = "▌"  # the left edge of a notice (toast), drawn over the screen on the right


def _same_under_notices(one: str, other: str) -> bool:
    """Equal as far as both are visible: a notice still showing in one run (typed fast, the run
    is shorter) may cover the end of a line that the other shows whole."""
    cut = min(len(s.split(NOTICE_EDGE)[0]) if NOTICE_EDGE in s else len(s) for s in (one, other))
    if NOTICE_EDGE not in one and NOTICE_EDGE not in other:
        return one == other
    return one[:cut].rstrip() == other[:cut].rstrip()


def pack_tables(pack: Path) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, without timestamps, random ids and the copy's path (each run
    writes at its own time, on its own copy, and an officer's update gets an id of its own)."""
    con = duckdb.connect(str(pack), read_only=True)
    try:
        out = {}
        tables = [
            t
            for (t,) in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() ORDER BY 1"
            ).fetchall()
        ]
        for table in tables:
            columns = [
                c
                for c, kind in con.execute(
                    "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ? "
                    "AND database_name = current_database() ORDER BY column_index",
                    [table],
                ).fetchall()
                if not kind.startswith("TIMESTAMP")
            ]
            select_list = ", ".join(f'"{c}"' for c in columns)
            rows = [_as_compared(r, pack) for r in con.execute(f'SELECT {select_list} FROM "{table}"').fetchall()]
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def breadcrumb_of(lines: list[str]) -> str:
    return lines[1].strip() if len(lines) > 1 else ""


def cursor_of(lines: list[str]) -> str:
    # The top screen's cursor: a dialog's list is drawn over the screen's, lower down or not;
    # the last mark drawn is the one on top in every screen this app has. The row's first
    # cell (its id) says which row it is; a notice (a toast, on the right) may cover the rest.
    marked = [line[line.index("❯") :] for line in lines if "❯" in line]
    return marked[-1].split("  ")[0] if marked else ""


DASHBOARD = ("as at", "To rate")


def keep_first_frame(pack: Path) -> None:
    """Start the app on ``pack`` and end it once it has kept the pack's first frame, so the next
    start paints that (boardtui/app/frame_cache.py), as a board's second start of the day does."""
    from boardtui.app import frame_cache

    app = AppInTerminal(pack)
    try:
        app.until_shows(*DASHBOARD)
        start = time.monotonic()
        # The entry's file, not frame_cache.kept: this process may import boardtui from the
        # checkout while the app runs the installed copy, whose code is another (CI does).
        while not frame_cache.entry_path(pack).exists():
            if time.monotonic() - start > MOST:
                raise AssertionError("the app never kept the pack's first frame")
            app.read(0.02)
    finally:
        app.close()


def run(pack: Path, keys: list[str], mode: str, *, quiet_slow: float = QUIET_SLOW) -> Outcome:
    """Run ``keys`` on ``pack`` (changed in place) the way ``mode`` says; the outcome.
    ``kept_launch``: as ``launch``, on a start painted from the pack's kept first frame."""
    if mode == "kept_launch":
        keep_first_frame(pack)
        mode = "launch"
    app = AppInTerminal(pack)
    ended = False
    try:
        try:
            if mode == "launch_at_spawn":
                app.write(keys)  # before the program has even started: the terminal is as the shell left it
            elif mode == "launch":
                start = time.monotonic()
                while not app.has_the_terminal():
                    if time.monotonic() - start > MOST:
                        raise AssertionError("the app never took the terminal")
                    app.read(0.0005)
                app.write(keys)
            else:
                app.until_shows(*DASHBOARD)
                app.until_quiet(QUIET_SLOW)
                if mode == "burst":
                    app.write(keys)
                elif mode == "slow":
                    for typed_so_far, key in enumerate(keys, start=1):
                        app.write([key])
                        app.until_settled(typed_so_far, quiet_slow)
                else:
                    raise ValueError(mode)
            app.until_settled(len(keys), QUIET_END)
        except AppEnded:
            ended = True
        lines = app.lines()
        screen = app.text()
    finally:
        app.close()
    return Outcome(pack_tables(pack), breadcrumb_of(lines), cursor_of(lines), ended, screen)


def fresh_copy(master: Path, folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.duckdb"
    shutil.copy2(master, path)
    wal, copied_wal = master.with_name(master.name + ".wal"), path.with_name(path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, copied_wal)
    else:
        copied_wal.unlink(missing_ok=True)  # a log left by an earlier run would replay into this copy
    return path


def build_master(folder: Path) -> Path:
    """The demo pack with a board meeting started after the last one (its minutes draft)."""
    folder.mkdir(parents=True, exist_ok=True)
    pack = folder / "master.duckdb"
    subprocess.run([sys.executable, "-m", "boardtui", "demo", str(pack)], check=True, capture_output=True)
    subprocess.run(
        [sys.executable, "-m", "boardtui", "meeting", "new", str(pack), "--date", "2026-01-22"],
        check=True,
        capture_output=True,
    )
    return pack


def compare(
    master: Path, folder: Path, name: str, keys: list[str], modes: tuple[str, ...] = ("burst", "launch")
) -> dict[str, list[str]]:
    """The differences between the slow run and each fast one ({} when every run agrees)."""
    slow = run(fresh_copy(master, folder, f"{name}-slow"), keys, "slow")
    out = {}
    for mode in modes:
        fast = run(fresh_copy(master, folder, f"{name}-{mode}"), keys, mode)
        found = slow.differences(fast)
        if found:
            out[mode] = [*found, f"slow screen:\n{slow.screen}", f"{mode} screen:\n{fast.screen}"]
    return out


# The scripts: every flow a secretary or an officer uses, as keys -------------------------------
D, U, E, ESC, S = "down", "up", "enter", "escape", "ctrl+s"

SCRIPTS: dict[str, list[str]] = {
    # Drill-down and back
    "drill to an action and back": [D] * 8 + [E, D, D, E, ESC, D, ESC, D],
    "drill down and rate": [D] * 8 + [E] + [D] * 5 + [E, ESC, "r", "G", *typed("typed fast xyz"), S],
    "rate from the actions list": [D] * 8 + [E] + [D] * 5 + ["r", "G", *typed("typed fast xyz"), S],
    "rate blue with evidence": [D] * 3 + [E, D, "r", "B", *typed("done now"), "tab", *typed("report"), S],
    "weakness detail and back": [D] * 4 + [E, "w", "j", "j", ESC, D, E],
    # Meeting mode: the agenda walk
    "start the meeting and open an item": ["n", E, ".", "o"],
    "agenda walk with ratings": [
        "n",
        E,
        ".",
        ".",
        "o",
        D,
        "r",
        "A",
        *typed("at risk"),
        S,
        ESC,
        ".",
        "o",
        "r",
        "R",
        *typed("off track"),
        S,
    ],
    "agenda back and forth": ["n", E, ".", ".", ".", ",", "o", D, D, ESC, ".", "o", D, D, D],
    "kept list reopened for another weakness": ["n", E, ".", "o", ESC, ".", "o"]
    + [D] * 5
    + ["T", *typed("2026-06-30"), E, *typed("slipped"), E],
    "board rating of a weakness": ["n", E, ".", "*", "A", *typed("mixed picture"), S, "."],
    "decision in the meeting": ["n", E, ".", "d", *typed("Agreed the plan"), S, "."],
    "note and arising": [
        "n",
        E,
        ".",
        "t",
        *typed("A note"),
        S,
        "a",
        *typed("Write to schools"),
        E,
        E,
        *typed("Grace Lin"),
        E,
        *typed("2026-03-31"),
        E,
    ],
    "attendance roll call": ["A", "a", "a", "p", "a", "p", "p", "a", "p", ESC],
    "attendance add a person": ["A", "n", *typed("Sam Okoro"), E, *typed("Parent rep"), E, *typed("PCF"), E, "p", ESC],
    "confidential and edit a minute": [
        "n",
        E,
        "d",
        *typed("First decision"),
        S,
        "c",
        "E",
        "ctrl+a",
        *typed("Changed"),
        E,
        *typed("typo"),
        E,
    ],
    "approve the minutes": ["n", E, "M", "y", "."],
    "quit during a meeting asks": ["n", E, "q", "n", "."],
    "reopen a closed action": [D] * 3 + [E, D, "O", *typed("not done after all"), S, "r", "A", *typed("reopened"), S],
    "revise a target outside a meeting": [D] * 8
    + [E, D, D, "T", *typed("2026-05-31"), E, *typed("slipped"), E, *typed("M19"), E],
    "officer update": [D] * 8 + [E, D, "U", "A", *typed("progress made"), S],
    # Time travel, exceptions, matrix
    "time travel and drill": ["[", "[", D, D, E, D, E, ESC, ESC, "]"],
    "exceptions and open one": ["x", D, D, E, ESC, ESC],
    "matrix then board": ["m", D, D, D, ESC, D, E],
    "help and back": ["question_mark", ESC, D, D, E],
    # Palette, search, filter, sort
    "palette to an action and rate": ["ctrl+p", *typed("IP25-09.2"), E, "r", "G", *typed("from the palette"), S],
    "palette to a weakness": ["ctrl+p", *typed("W07"), E, D, D, E],
    "palette to a meeting": ["ctrl+p", *typed("M15"), E, D, E],
    "search and open": ["slash", *typed("pathway"), E, D, E],
    "filter the actions": [D] * 8 + [E, "f", D, "space", S, D, E],
    "sort the actions": [D] * 8 + [E, "s", "s", "S", D, D, E],
    # Returns, undo and redo
    "returns screen": ["R", D, ESC, D, E],
    # An officer's own actions (y; c chooses who, the login name leads none) and returns due (D)
    "my actions, choose who, update one": ["y", "c", *typed("Grace"), E, D, "U", *typed("from my list"), S, D, E],
    "returns due and open an action": ["D", D, D, E, ESC, D, D, D, D, E],
    "undo and redo": ["n", E, "d", *typed("To be undone"), S, "u", "ctrl+y", "u", "."],
    "rate then undo": [D] * 8 + [E, D, "r", "R", *typed("red now"), S, "u", D, "r", "G", *typed("green"), S],
}


def random_script(seed: int, length: int = 40) -> list[str]:
    """Keys drawn from every binding and the words dialogs take; never q (it would end the run
    before there was anything to compare), always Esc-free at the start so the run begins on
    the dashboard. Never Esc straight before ``[`` or ``O``: typed at once, those bytes are the
    start of an arrow's or a function key's, which no terminal program can tell apart (README,
    *Using the app*); a person's Esc comes in a read of its own."""
    keys = [k for k in every_key() if k not in ("q", "ctrl+p")]
    rng = random.Random(seed)
    script: list[str] = []
    while len(script) < length:
        key = rng.choice(keys)
        if script and script[-1] == "escape" and key_bytes(key)[:1] in ("[", "O"):
            continue
        script.append(key)
    return script
