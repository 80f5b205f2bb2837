"""The differential key harness at length: every script, and many seeded random sequences, each
typed slowly and at machine speed (tests/keyrace.py), in a real pseudo-terminal. Prints one line
per run and the totals: scripts, keys, and how many fast runs ended differently from their slow
run (0 is the only right answer).

  python benchmarks/keyrace.py [--random 40] [--length 60] [--seed 1] [--scale 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

import keyrace  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=40, help="random sequences, after every script")
    parser.add_argument("--length", type=int, default=60, help="keys in each random sequence")
    parser.add_argument("--seed", type=int, default=1, help="the first random sequence's seed")
    parser.add_argument("--scripts", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    runs: list[tuple[str, list[str], tuple[str, ...]]] = []
    if args.scripts:
        runs += [(name, keys, ("burst", "launch")) for name, keys in keyrace.SCRIPTS.items()]
    runs += [
        (f"random seed {seed}", keyrace.random_script(seed, args.length), ("burst", "launch"))
        for seed in range(args.seed, args.seed + args.random)
    ]
    different = keys_typed = 0
    began = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        master = keyrace.build_master(Path(folder) / "master")
        for name, keys, modes in runs:
            start = time.monotonic()
            found = keyrace.compare(master, Path(folder) / "runs", "run", keys, modes)
            keys_typed += len(keys) * (1 + len(modes))
            print(
                f"{'SAME     ' if not found else 'DIFFERENT'} {name} ({len(keys)} keys, "
                f"{time.monotonic() - start:.0f} s)",
                flush=True,
            )
            for mode, lines in found.items():
                different += 1
                print(f"  typed {mode}: keys {' '.join(keys)}")
                for line in lines:
                    print("    " + line.replace("\n", "\n    "))
    print(
        f"{len(runs)} sequences ({sum(1 for n, *_ in runs if not n.startswith('random'))} scripts, "
        f"{sum(1 for n, *_ in runs if n.startswith('random'))} random), {keys_typed} keys typed in all, "
        f"{len(runs) * 2} fast runs: {different} ended differently from the slow run "
        f"({(time.monotonic() - began) / 60:.1f} min)"
    )
    return 1 if different else 0


if __name__ == "__main__":
    raise SystemExit(main())
