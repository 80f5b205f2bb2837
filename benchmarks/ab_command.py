"""One command of this checkout against the same command of another, interleaved: wall time and
peak memory (the command's own, read by a wrapper process that ran only it).

    python benchmarks/ab_command.py OTHER_CHECKOUT [--runs 3] [--fresh PACK] -- COMMAND ARGS...

OTHER_CHECKOUT is a folder holding another version's ``boardtui`` package (for example
``git archive d89a3c3 | tar -x -C /tmp/old``); it is put first on PYTHONPATH. ``--fresh PACK``
copies PACK to a new file before each run and puts its path where ``{pack}`` stands in the
arguments (for commands that change the pack); ``{out}`` is a new path for what a command
writes. On this shared 2-core machine only figures from one run compare.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
WRAPPER = r"""
import json, resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "boardtui", *sys.argv[1:]], capture_output=True, text=True)
print(json.dumps({"code": done.returncode, "err": done.stderr[-500:],
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def main() -> int:
    argv = sys.argv[1:]
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--fresh", help="a pack copied afresh for each run, as {pack}")
    args = parser.parse_args(argv[:split])
    command = argv[split + 1 :]
    found: dict[str, list[tuple[float, float]]] = {"this": [], "other": []}
    with tempfile.TemporaryDirectory(prefix="boardtui-ab-") as folder:
        for run in range(args.runs):
            for label, root in (("other", Path(args.other).resolve()), ("this", HERE)):
                where = Path(folder) / f"{label}-{run}"
                where.mkdir()
                pack = where / "pack.duckdb"
                if args.fresh:
                    shutil.copyfile(args.fresh, pack)
                filled = [a.replace("{pack}", str(pack)).replace("{out}", str(where / "out")) for a in command]
                env = dict(os.environ, PYTHONPATH=str(root))
                start = time.perf_counter()
                # Run from the run's own folder: `python -m` puts the working folder first on the
                # path, and from a checkout that would import the checkout's package, not root's.
                done = subprocess.run(
                    [sys.executable, "-c", WRAPPER, *filled], capture_output=True, text=True, env=env, cwd=where
                )
                seconds = time.perf_counter() - start
                result = json.loads(done.stdout)
                if result["code"] not in (0, 1):
                    print(f"{label}: exit {result['code']}: {result['err']}", file=sys.stderr)
                    return 1
                found[label].append((seconds, result["peak_mb"]))
    for label in ("other", "this"):
        times = [t for t, _ in found[label]]
        peaks = [p for _, p in found[label]]
        print(
            f"{label:>5}: median {statistics.median(times):.2f} s (runs {', '.join(f'{t:.2f}' for t in times)}), "
            f"peak {max(peaks):.0f} MB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
