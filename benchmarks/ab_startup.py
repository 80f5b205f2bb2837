"""Start-up of this checkout against another one, interleaved with the empty-app floor, in a
real terminal (terminal.py's pty): on a noisy machine only figures taken side by side compare.

  python benchmarks/ab_startup.py OTHER_CHECKOUT PACK [--rounds 20] [--last W13]

OTHER_CHECKOUT is a folder holding another version's `boardtui` package (for example
`git worktree add /tmp/before HEAD~1`); it runs with the same Python, put first on PYTHONPATH.
Each round spawns the floor, this checkout and the other, in alternating order, and times each
until its first screen is written (for boardtui, the "as at" header and the row named --last).
This checkout runs twice a round: with the first frame kept from the last start (the pack
unchanged since, as a board opens it again and again: app/frame_cache.py), and with nothing
kept (an empty cache folder each time, as after any change to the pack).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from terminal import keep_first_frame, start_up, start_up_floor, start_up_nothing_kept


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("other", type=Path)
    parser.add_argument("pack", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--last", default="W13", help="a code on the dashboard's last row on screen")
    args = parser.parse_args()
    other = {"PYTHONPATH": str(args.other.resolve())}
    kept = tempfile.mkdtemp(prefix="boardtui-kept-")
    empty = tempfile.mkdtemp(prefix="boardtui-empty-")

    runs = {
        "floor": lambda: start_up_floor(),
        "this": lambda: start_up(args.pack, args.last, {"XDG_CACHE_HOME": kept}),
        "this, nothing kept": lambda: start_up_nothing_kept(args.pack, args.last, empty),
        "other": lambda: start_up(args.pack, args.last, other),
    }
    for run in runs.values():  # warm the OS file cache and each checkout's compiled modules
        run()
    keep_first_frame(args.pack, args.last, kept)
    times: dict[str, list[float]] = {name: [] for name in runs}
    for round_number in range(args.rounds):
        order = list(runs) if round_number % 2 == 0 else list(reversed(runs))
        for name in order:
            times[name].append(runs[name]())
    floor = statistics.median(times["floor"])
    for name, values in times.items():
        median = statistics.median(values)
        print(
            f"{name:18s} median {median * 1000:6.0f} ms  min {min(values) * 1000:6.0f}  "
            f"max {max(values) * 1000:6.0f}  {median / floor:.2f}x the floor"
        )


if __name__ == "__main__":
    main()
