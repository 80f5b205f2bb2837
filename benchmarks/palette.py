"""Ctrl+P in a real terminal: from writing a query's keys until the palette lists what they name,
here against another checkout, interleaved (terminal.py's pty).

  python benchmarks/palette.py PACK [--other OTHER_CHECKOUT [--other-pack PACK]] [--runs 5]

Each run starts the app on PACK, waits for the dashboard, opens the palette, and types each query
in one write (as fast as a person who knows the id): the figure is the time from that write until
the text the query names is on screen. OTHER_CHECKOUT (e.g. `git worktree add /tmp/before REV`)
runs with the same Python, put first on PYTHONPATH, on --other-pack when given (the same data
built by that version, when it reads an older schema). Both palettes list a match by its title.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from terminal import Terminal, boardtui_argv

# (what is typed, a text on screen once it is listed)
QUERIES = [
    ("IP25-09.2", "Quality of annual review amendments"),  # an action's id, typed whole
    ("annual review amend", "Quality of annual review amendments"),  # words of a title
]
REST = float(os.environ.get("PALETTE_REST", "0"))
OPEN_MARKERS = ("an id (W09", "Search for commands")  # this palette's placeholder, or Textual's


def one_run(pack: Path, env: dict) -> dict[str, float]:
    term = Terminal(boardtui_argv(pack), env=env)
    try:
        term.wait_for("as at")
        term.settle(quiet=1.0)
        time.sleep(REST)  # the dashboard's read-ahead (a national pack's matrix and exceptions) done
        figures = {}
        for query, shows in QUERIES:
            term.press("\x10")  # Ctrl+P
            _until_open(term)
            term.press(query)
            figures[query] = term.wait_for(shows, timeout=120)
            term.settle()
            term.press("\x1b")
            term.settle()
        return figures
    finally:
        term.close()


def _until_open(term: Terminal) -> None:
    """Until the palette has opened and written all it lists before anything is typed."""
    import time

    end = time.perf_counter() + 120
    while not any(marker.encode() in term.seen for marker in OPEN_MARKERS):
        if time.perf_counter() > end:
            raise SystemExit(f"the palette never opened: {bytes(term.seen[-300:])!r}")
        term.settle(quiet=0.2, most=1)
    term.settle(quiet=0.5, most=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pack", type=Path)
    parser.add_argument("--other", type=Path)
    parser.add_argument("--other-pack", type=Path, help="the pack the other checkout opens (default: PACK)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    versions = {"this": ({}, args.pack)}
    if args.other:
        versions["other"] = ({"PYTHONPATH": str(args.other.resolve())}, args.other_pack or args.pack)
    times: dict[str, dict[str, list[float]]] = {v: {q: [] for q, _ in QUERIES} for v in versions}
    for run in range(args.runs):
        for version in list(versions) if run % 2 == 0 else list(reversed(versions)):
            env, pack = versions[version]
            for query, seconds in one_run(pack, env).items():
                times[version][query].append(seconds)
    for version, figures in times.items():
        for query, values in figures.items():
            print(
                f"{version:5s} {query!r:24s} median {statistics.median(values) * 1000:8.0f} ms  "
                f"min {min(values) * 1000:8.0f}  max {max(values) * 1000:8.0f}"
            )


if __name__ == "__main__":
    main()
