"""The app's memory key by key, in a real terminal (pty): on a copy of PACK, each key pressed
once the screen is quiet, then the app's resident memory (VmRSS) and its peak so far (VmHWM).

  python benchmarks/memory_keys.py PACK "e,wait,p,wait,P,esc,D,esc"

Keys are names (esc, enter, down, ctrlp) or the characters to type; "wait" presses nothing and
waits for the screen to be quiet again (a snapshot or meeting pack written in the background).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from fuzz import rss_mb
from terminal import Terminal, boardtui_argv

NAMED = {"esc": "\x1b", "enter": "\r", "down": "\x1b[B", "ctrlp": "\x10", "wait": ""}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", type=Path)
    parser.add_argument("keys", help="comma-separated key names")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="memory-keys-") as work:
        pack = Path(work) / "pack.duckdb"
        shutil.copyfile(args.pack, pack)
        term = Terminal(boardtui_argv(pack), env={"HOME": work, "XDG_DATA_HOME": work})
        try:
            term.wait_for("as at")
            term.settle(quiet=3, most=60)
            print(f"{'start':8s} RSS {rss_mb(term.pid):5.0f} MB  peak {rss_mb(term.pid, 'VmHWM'):5.0f} MB", flush=True)
            for key in args.keys.split(","):
                pressed = NAMED.get(key, key)
                if pressed:
                    term.press(pressed)
                term.settle(quiet=2.5, most=120)
                print(f"{key:8s} RSS {rss_mb(term.pid):5.0f} MB  peak {rss_mb(term.pid, 'VmHWM'):5.0f} MB", flush=True)
        finally:
            term.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
