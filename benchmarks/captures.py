"""Screens as a person sees them on the projector, with their colours: the app runs in tmux at
80x24 and 120x40, with colour and with NO_COLOR=1, and `tmux capture-pane -p -e` writes each
screen as text with its SGR colour sequences (view one with `cat FILE` in a terminal; the cursor
row, the focus and the BRAG cells are in the styles, not only the text).

  python benchmarks/captures.py [--pack PACK] [--to benchmarks/captures]

Each screen: the dashboard with the cursor on the fourth weakness, the matrix (the meeting shown,
the newest, in view) and an actions list with the cursor on its second action.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SIZES = ((80, 24), (120, 40))
# name: keys typed after the dashboard shows, and a text the screen shows when they are done
SCREENS = {
    "dashboard": (["Down", "Down", "Down"], "as at"),
    "matrix": (["m"], "RAG matrix"),
    "actions": (["Down", "Down", "Down", "Enter", "Down"], "r Rate"),
}


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", "-L", "captures", *args], check=True, capture_output=True, text=True).stdout


def _wait_for(text: str, most: float = 20.0) -> None:
    end = time.monotonic() + most
    while time.monotonic() < end:
        if text in _tmux("capture-pane", "-p", "-t", "c"):
            return
        time.sleep(0.1)
    raise SystemExit(f"the screen never showed {text!r}: {_tmux('capture-pane', '-p', '-t', 'c')}")


def _settled() -> None:
    """Until the screen is the same twice 0.3 s apart (the last key's screen is painted)."""
    last = None
    while (now := _tmux("capture-pane", "-p", "-e", "-t", "c")) != last:
        last = now
        time.sleep(0.3)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pack", type=Path, help="the pack (default: a fresh demo pack)")
    parser.add_argument("--to", type=Path, default=HERE / "captures")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        raise SystemExit("captures.py needs tmux.")
    boardtui = Path(sys.executable).with_name("boardtui")
    args.to.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        master = Path(folder) / "master.duckdb"
        if args.pack:
            shutil.copy(args.pack, master)
        else:
            subprocess.run([str(boardtui), "demo", str(master)], check=True, capture_output=True)
        for columns, rows in SIZES:
            for colour in ("colour", "no-colour"):
                for name, (keys, shows) in SCREENS.items():
                    pack = Path(folder) / "run.duckdb"
                    shutil.copy(master, pack)
                    env = "NO_COLOR=1" if colour == "no-colour" else "NO_COLOR="
                    _tmux("kill-server") if subprocess.run(
                        ["tmux", "-L", "captures", "has-session"], capture_output=True
                    ).returncode == 0 else None
                    _tmux(
                        "new-session",
                        "-d",
                        "-s",
                        "c",
                        "-x",
                        str(columns),
                        "-y",
                        str(rows),
                        f"env {env} COLORTERM=truecolor TERM=xterm-256color {boardtui} {pack}",
                    )
                    _wait_for("as at")
                    _settled()
                    for key in keys:
                        _tmux("send-keys", "-t", "c", key)
                        _settled()
                    _wait_for(shows)
                    target = args.to / f"{name}-{columns}x{rows}-{colour}.ansi"
                    target.write_text(_tmux("capture-pane", "-p", "-e", "-t", "c"), encoding="utf-8")
                    print(target)
                    _tmux("kill-server")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
