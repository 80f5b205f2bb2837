"""Start to first frame: boardtui's dashboard (with data) against an empty Textual app,
both as separate headless processes, interleaved, in the same run.

  python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def time_to_frame(*args: str) -> float:
    start = time.perf_counter()
    # Compiled modules kept, as a user's install runs (see terminal.py).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "first_frame.py"), *args], stdout=subprocess.PIPE, text=True, env=env
    )
    line = proc.stdout.readline()
    elapsed = time.perf_counter() - start
    proc.wait(timeout=60)
    if line.strip() != "frame":
        raise SystemExit(f"first_frame.py {' '.join(args)} did not report a frame")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder) / "demo.duckdb"
        subprocess.run([sys.executable, "-m", "boardtui", "demo", str(pack)], check=True, capture_output=True)
        time_to_frame("empty"), time_to_frame("boardtui", str(pack))  # warm the OS file cache
        floor, ours = [], []
        for _ in range(runs):
            floor.append(time_to_frame("empty"))
            ours.append(time_to_frame("boardtui", str(pack)))
    f, o = statistics.median(floor), statistics.median(ours)
    print(f"{'figure':<34}{'median':>9}{'min':>9}{'max':>9}")
    print(f"{'empty Textual app, first frame':<34}{f:>8.3f}s{min(floor):>8.3f}s{max(floor):>8.3f}s")
    print(f"{'boardtui dashboard with data':<34}{o:>8.3f}s{min(ours):>8.3f}s{max(ours):>8.3f}s")
    print(f"ratio to floor: {o / f:.2f}x  (runs: {runs})")


if __name__ == "__main__":
    main()
