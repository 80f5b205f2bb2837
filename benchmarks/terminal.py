"""What a person at a real terminal waits for: the app runs in a pseudo-terminal, as a shell
starts it, and each figure is the time until the screen it asked for has been written to the
terminal (its text found in the bytes the app writes, escape sequences removed).

  python benchmarks/terminal.py [--runs 9] [--pack PACK]

  start-up  spawn of `boardtui PACK` until the dashboard is on screen with its header ("as at")
            and its last weakness row, against an empty Textual app (a header, a line, a footer) until its first frame is
            on screen, each spawned the same way, interleaved
  keys      each key a meeting uses, from writing its bytes to the terminal until the screen it
            opens is written: Enter on a weakness, Esc back to the board, x, m, /, [, Ctrl+P,
            the first n, Esc from an action's detail and from an actions list to the agenda

Prints a table and, with --json, the figures as JSON on the last line.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ESCAPES = re.compile(rb"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|.)")
SIZE = (40, 120)  # rows, columns: the projector size the README's figures use
EMPTY_APP = r"""
import boardtui.app  # the app's frame rate, so the floor paints at the same rate
from textual.app import App
from textual.widgets import Footer, Header, Static

class Empty(App):  # with a header and a footer, as the issue's floor (issue 25) was measured
    def compose(self):
        yield Header()
        yield Static("empty app ready")
        yield Footer()

Empty().run()
"""


class Terminal:
    """A program in a pseudo-terminal; ``wait_for`` reads what it writes until a text appears."""

    def __init__(self, argv: list[str], env: dict | None = None) -> None:
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.environ.update(env or {})
            # As a user's install runs: with Python's compiled modules kept. A developer's
            # PYTHONDONTWRITEBYTECODE would make boardtui (not Textual, compiled when pip
            # installed it) compile every module on every start, ~50 ms no user waits for.
            os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
            os.environ["TERM"] = "xterm-256color"
            os.execv(argv[0], argv)
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
        self.seen = bytearray()  # everything written since the last mark, escapes removed

    def mark(self) -> None:
        self.seen.clear()

    def wait_for(self, *texts: str, timeout: float = 20.0) -> float:
        """Seconds from now until every text has been written since the last mark."""
        start = time.perf_counter()
        wanted = [t.encode() for t in texts]
        raw = bytearray()
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([self.fd], [], [], 0.01)
            if ready:
                try:
                    raw.extend(os.read(self.fd, 1 << 16))
                except OSError:
                    break
                self.seen.extend(ESCAPES.sub(b"", bytes(raw)))
                raw.clear()
                if all(w in self.seen for w in wanted):
                    return time.perf_counter() - start
        raise SystemExit(f"never saw {texts!r}; last text: {bytes(self.seen[-400:])!r}")

    def settle(self, quiet: float = 0.4, most: float = 60.0) -> None:
        """Read until the program has written nothing for ``quiet`` seconds (the last of it kept
        in ``seen``), or for ``most`` seconds at the most."""
        began = time.perf_counter()
        while time.perf_counter() - began < most:
            ready, _, _ = select.select([self.fd], [], [], quiet)
            if not ready:
                return
            try:
                self.seen.extend(ESCAPES.sub(b"", os.read(self.fd, 1 << 16)))
            except OSError:
                return
            del self.seen[:-20_000]

    def press(self, keys: str) -> None:
        self.mark()
        os.write(self.fd, keys.encode())

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass
        os.close(self.fd)


def boardtui_argv(pack: Path) -> list[str]:
    return [sys.executable, "-m", "boardtui", str(pack)]


def start_up(pack: Path, last_code: str, env: dict | None = None) -> float:
    term = Terminal(boardtui_argv(pack), env=env)
    try:
        term.wait_for("as at", last_code)
        return time.perf_counter() - term.started
    finally:
        term.close()


def start_up_nothing_kept(pack: Path, last_code: str, cache: str | Path, env: dict | None = None) -> float:
    """Start-up with no first frame kept (app/frame_cache.py): ``cache`` emptied first of what
    the last run kept, as after any change to the pack."""
    shutil.rmtree(cache, ignore_errors=True)
    return start_up(pack, last_code, {**(env or {}), "XDG_CACHE_HOME": str(cache)})


def keep_first_frame(pack: Path, last: str, cache: str) -> None:
    """One start left running until the app has opened the pack and kept its first frame (a
    start timed to its first screen ends before that)."""
    term = Terminal(boardtui_argv(pack), env={"XDG_CACHE_HOME": cache})
    try:
        term.wait_for("as at", last)
        began = time.monotonic()
        while not list(Path(cache).glob("boardtui/first-frames/*.pickle")):
            if time.monotonic() - began > 30:
                raise SystemExit("the app kept no first frame in 30 s")
            time.sleep(0.05)
    finally:
        term.close()


def start_up_floor() -> float:
    term = Terminal([sys.executable, "-c", EMPTY_APP])
    try:
        term.wait_for("empty app ready")
        return time.perf_counter() - term.started
    finally:
        term.close()


# (label, keys, text the new screen writes, keys that go back to where the next one starts)
ESC = "\x1b"
KEYS = [
    ("Enter on a weakness", "\r", "8 of 8 actions", ESC),
    ("Esc back to the board", None, None, None),  # measured from the actions list (below)
    ("x exceptions", "x", "exception(s) in", ESC),
    ("m matrix", "m", "Each cell: the weakness", ESC),
    ("/ search", "/", "Search ids, titles", ESC),
    ("[ time travel", "[", "earlier meeting", "]"),
    ("Ctrl+P palette", "\x10", "words of a name or title", ESC),
]


def key_figures(pack: Path, runs: int) -> dict[str, list[float]]:
    """Each key's time to screen, ``runs`` times, in one long-lived app (as in a meeting)."""
    term = Terminal(boardtui_argv(pack))
    figures: dict[str, list[float]] = {label: [] for label, *_ in KEYS}
    figures.update(
        {
            "first n (start or resume a meeting)": [],
            "Esc from an action's detail": [],
            "Esc from an actions list to the agenda": [],
        }
    )
    try:
        term.wait_for("as at", "W13")
        term.settle()
        term.press("j" * 8)  # W09: eight actions
        term.settle()
        for _ in range(runs):
            for label, keys, text, back in KEYS:
                if keys is None:
                    continue
                term.press(keys)
                figures[label].append(term.wait_for(text))
                term.settle()
                if label.startswith("Enter"):  # Esc back to the board, from the list just opened
                    term.press(ESC)
                    figures["Esc back to the board"].append(term.wait_for("To rate"))
                    term.settle()
                    continue
                term.press(back)
                term.settle()
            # Into an action's detail, and Esc back to its list.
            term.press("\r")
            term.settle()
            term.press("\r")
            term.wait_for("BRAG history")
            term.settle()
            term.press(ESC)
            figures["Esc from an action's detail"].append(term.wait_for("8 of 8 actions"))
            term.settle()
            term.press(ESC)
            term.settle()
        # The first n of a session (its dialog's code is imported then), and the agenda's Esc.
        term.press("n")
        figures["first n (start or resume a meeting)"].append(term.wait_for("Start or resume a meeting"))
        term.settle()
        term.press("\r")
        term.wait_for("MEETING IN PROGRESS")
        term.settle()
        for _ in range(runs):
            term.press(".")
            term.settle()
            term.press("o")
            term.wait_for("actions · sorted by")
            term.settle()
            term.press(ESC)
            figures["Esc from an actions list to the agenda"].append(term.wait_for("Minutes recorded under"))
            term.settle()
    finally:
        term.close()
    return figures


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--pack", help="a pack to open (default: a demo pack built here)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON on the last line")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(args.pack) if args.pack else Path(folder) / "demo.duckdb"
        if not args.pack:
            subprocess.run([sys.executable, "-m", "boardtui", "demo", str(pack)], check=True, capture_output=True)
        last = "W13"
        # Start-up as a board opens the same pack again (its first frame kept from the last
        # start, in a cache folder of this run's own: app/frame_cache.py), and with nothing kept
        # (as after another program changed the pack). The first start warms the OS file cache.
        kept, empty = Path(folder) / "kept", Path(folder) / "empty"
        start_up_floor(), keep_first_frame(pack, last, str(kept))
        floor, ours, cold = [], [], []
        for _ in range(args.runs):
            floor.append(start_up_floor())
            ours.append(start_up(pack, last, {"XDG_CACHE_HOME": str(kept)}))
            cold.append(start_up_nothing_kept(pack, last, empty))
        keys = key_figures(pack, max(3, args.runs // 2))
    result = {
        "start_up": {"ours": ours, "floor": floor, "ratio": median(ours) / median(floor)},
        "start_up_nothing_kept": {"ours": cold, "ratio": median(cold) / median(floor)},
        "keys": keys,
        "runs": args.runs,
    }
    print(f"{'in a real terminal (pty, 120x40)':<44}{'median':>9}{'min':>9}{'max':>9}")
    print(
        f"{'empty Textual app, first frame on screen':<44}{median(floor) * 1000:8.0f} {min(floor) * 1000:8.0f} "
        f"{max(floor) * 1000:8.0f}"
    )
    for label, values, ratio in (
        ("boardtui, dashboard with header and rows", ours, result["start_up"]["ratio"]),
        ("  ... with nothing kept", cold, result["start_up_nothing_kept"]["ratio"]),
    ):
        print(
            f"{label:<44}{median(values) * 1000:8.0f} {min(values) * 1000:8.0f} "
            f"{max(values) * 1000:8.0f}   {ratio:.2f}x the floor"
        )
    for label, values in keys.items():
        print(f"{label:<44}{median(values) * 1000:8.0f} {min(values) * 1000:8.0f} {max(values) * 1000:8.0f}")
    if args.json:
        print(json.dumps(result))


if __name__ == "__main__":
    main()
