"""A lake of many boards' snapshots against the same data in one DuckDB file, in a real terminal
(pty), as benchmarks/terminal.py measures a pack: start-up until the dashboard is on screen, and
each key until the screen it opens is written. Interleaved with their floor, an empty Textual app.

  python benchmarks/lake.py --boards 150 [--runs 7] [--keep DIR]

Start-up is timed three ways: with the first frame kept here from the last start (as a board
opens the same lake again), with nothing kept here (a lake copied from elsewhere: it paints the
first frame `lake add` gave it), and with neither (a lake written before lakes had their own).

Builds (once, into DIR when given) `demo --scale N` (the same data in one file), `demo --scale N
--boards` (N boards' public snapshots) and a lake of them (`lake add`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from terminal import ESC, Terminal, boardtui_argv, keep_first_frame, start_up, start_up_floor, start_up_nothing_kept

KEYS = [  # (label, keys, text the screen writes, keys back)
    ("Enter on a weakness", "\r", "8 of 8 actions", None),
    ("Esc back to the board", ESC, "To rate", None),
    ("x exceptions", "x", "exception(s) in", ESC),
    ("m matrix", "m", "Each cell: the weakness", ESC),
    ("/ search", "/", "Search ids, titles", ESC),
    ("[ time travel", "[", "earlier meeting", "]"),
    ("Ctrl+P palette", "\x10", "words of a name or title", ESC),
]


def build(folder: Path, boards: int) -> tuple[Path, Path]:
    pack, snaps, lake = folder / f"scale{boards}.duckdb", folder / f"boards{boards}", folder / f"lake{boards}"
    run = [sys.executable, "-m", "boardtui"]
    if not pack.exists():
        subprocess.run([*run, "demo", str(pack), "--scale", str(boards)], check=True, capture_output=True)
    if not lake.exists():
        if not snaps.exists():
            subprocess.run(
                [*run, "demo", str(snaps), "--scale", str(boards), "--boards"], check=True, capture_output=True
            )
        subprocess.run(
            [*run, "lake", "add", str(lake), *map(str, sorted(snaps.iterdir()))], check=True, capture_output=True
        )
    return pack, lake


def keys(path: Path, runs: int) -> dict[str, list[float]]:
    term = Terminal(boardtui_argv(path))
    out: dict[str, list[float]] = {label: [] for label, *_ in KEYS}
    try:
        term.wait_for("as at", "W13")
        term.settle()
        term.press("j" * 8)  # the first area's W09: eight actions
        term.settle()
        for _ in range(runs):
            for label, pressed, text, back in KEYS:
                term.press(pressed)
                out[label].append(term.wait_for(text))
                term.settle()
                if back:
                    term.press(back)
                    term.settle()
    finally:
        term.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boards", type=int, default=150)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", help="a folder to build the pack and lake in, and to reuse next time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        pack, lake = build(folder, args.boards)
        start_up_floor(), start_up(pack, "W13"), start_up(lake, "W13")  # warm the OS file cache
        # Each start as a board opens the same pack or lake again (its first frame kept from the
        # last start: app/frame_cache.py), and with nothing kept (as after any change to it).
        # A lake opened on this machine for the first time (copied from elsewhere) paints the
        # first frame `lake add` gave it (store/lake_frame.py); one without it (written by an
        # older boardtui) is read whole: the same lake, linked file by file, less that frame.
        kept, empty = Path(scratch) / "kept", Path(scratch) / "empty"
        bare = Path(scratch) / "bare-lake"
        shutil.copytree(lake, bare, copy_function=os.link)
        (bare / "_index" / "first_frame.json").unlink()
        keep_first_frame(pack, "W13", str(kept / "pack"))
        keep_first_frame(lake, "W13", str(kept / "lake"))

        runs = {
            "floor": start_up_floor,
            "pack": lambda: start_up(pack, "W13", {"XDG_CACHE_HOME": str(kept / "pack")}),
            "lake": lambda: start_up(lake, "W13", {"XDG_CACHE_HOME": str(kept / "lake")}),
            "pack, nothing kept": lambda: start_up_nothing_kept(pack, "W13", empty),
            "lake, nothing kept": lambda: start_up_nothing_kept(lake, "W13", empty),
            "lake, without its own frame": lambda: start_up_nothing_kept(bare, "W13", empty),
        }
        times: dict[str, list[float]] = {name: [] for name in runs}
        for run_number in range(args.runs):
            for name in list(runs) if run_number % 2 == 0 else list(reversed(runs)):
                times[name].append(runs[name]())
        key_runs = max(3, args.runs // 2)
        pack_keys, lake_keys = keys(pack, key_runs), keys(lake, key_runs)
    ms = lambda values: statistics.median(values) * 1000  # noqa: E731
    print(f"{args.boards} boards, median ms (runs: start-up {args.runs}, keys {key_runs})")
    print(f"{'':<36}{'one DuckDB file':>16}{'lake (Parquet)':>16}")
    floor = ms(times["floor"])
    print(f"{'empty Textual app (floor)':<36}{floor:16.0f}{floor:16.0f}")
    for label, suffix in (("start-up, kept here", ""), ("start-up, nothing kept here", ", nothing kept")):
        on_pack, on_lake = ms(times["pack" + suffix]), ms(times["lake" + suffix])
        print(f"{label:<36}{on_pack:10.0f} {on_pack / floor:4.2f}x{on_lake:10.0f} {on_lake / floor:4.2f}x")
    bare_ms = ms(times["lake, without its own frame"])
    print(f"{'  ... and no first frame of its own':<36}{'':16}{bare_ms:10.0f} {bare_ms / floor:4.2f}x")
    for label in pack_keys:
        print(
            f"{label:<36}{ms(pack_keys[label]):16.0f}{ms(lake_keys[label]):16.0f}"
            f"   (max {max(lake_keys[label]) * 1000:.0f})"
        )


if __name__ == "__main__":
    main()
