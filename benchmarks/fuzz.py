"""A long random-key run in a real terminal, watching memory: keys from every binding (and the
letters and words dialogs take), one every 20 ms, into the app on a copy of the demo pack.

  python benchmarks/fuzz.py [--minutes 10] [--seed N] [--every 20] [--scale N | --pack PACK]

A pack is copied first (the keys change it); a lake or a snapshot (a folder) is opened where it
is, read-only as the app opens it.

Every 10 s it reads the app's resident memory (VmRSS in /proc/PID/status). It ends with the app
alive or the last screen and the keys that ended it, and RSS per minute: whether memory levels
off over the last half of the run (the slope of a line through those samples, in MB a minute).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from keyset import every_key, key_bytes  # noqa: E402  the keys the suite's short run uses, as a terminal sends them
from terminal import Terminal  # noqa: E402


def rss_mb(pid: int, field: str = "VmRSS") -> float | None:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    found = re.search(rf"{field}:\s+(\d+) kB", text)
    return int(found.group(1)) / 1024 if found else None


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and "State:\tZ" not in Path(f"/proc/{pid}/status").read_text()


def slope(samples: list[tuple[float, float]]) -> float:
    """MB a minute, least squares through (seconds, MB)."""
    if len(samples) < 2:
        return 0.0
    xs, ys = [s / 60 for s, _ in samples], [m for _, m in samples]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / (sum((x - mx) ** 2 for x in xs) or 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=random.randrange(10**6))
    parser.add_argument("--every", type=float, default=20, help="milliseconds between keys")
    parser.add_argument("--scale", type=int, default=1, help="local areas in the pack (demo --scale N)")
    parser.add_argument("--pack", type=Path, help="a copy of this pack (or this lake) instead of a new demo pack")
    args = parser.parse_args()
    keys = [k for k in every_key() if k != "q"]
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        pack = work / "pack.duckdb"
        if args.pack and args.pack.is_dir():  # a lake or a snapshot: the app only reads it
            pack = args.pack
        elif args.pack:
            shutil.copyfile(args.pack, pack)
        else:
            subprocess.run(
                [sys.executable, "-m", "boardtui", "demo", str(pack), "--scale", str(args.scale)],
                check=True,
                capture_output=True,
            )
        term = Terminal([sys.executable, "-m", "boardtui", str(pack)])
        term.wait_for("as at", "W13")
        began, sent, samples, last_sample = time.monotonic(), [], [], 0.0
        samples.append((0.0, rss_mb(term.pid)))
        peak = 0.0  # VmHWM: the most the app has held at any moment, not only at a sample
        while time.monotonic() - began < args.minutes * 60:
            key = rng.choice(keys)
            sent.append(key)
            os.write(term.fd, key_bytes(key).encode())  # not press(): what it wrote is kept
            time.sleep(args.every / 1000)
            term.settle(0)  # drain what it wrote, without waiting
            now = time.monotonic() - began
            if len(sent) % 50 == 0 and not alive(term.pid):
                break
            if now - last_sample >= 10:
                last_sample = now
                samples.append((now, rss_mb(term.pid)))
                peak = max(peak, rss_mb(term.pid, "VmHWM") or 0)
        time.sleep(2)
        term.settle(0.5)
        peak = max(peak, rss_mb(term.pid, "VmHWM") or 0)
        survived = alive(term.pid)
        end = time.monotonic() - began
        print(
            f"{len(sent)} keys in {end / 60:.1f} min, one every {args.every:.0f} ms (seed {args.seed}): "
            f"the app {'is alive' if survived else 'DIED'}"
        )
        if not survived:
            print("what it wrote last:", bytes(term.seen[-4000:]).decode(errors="replace"))
            print("last 40 keys:", " ".join(sent[-40:]))
        print("RSS (MB) by minute:", " ".join(f"{m:.0f}" for s, m in samples if m and int(s) % 60 < 10))
        half = [(s, m) for s, m in samples if s >= end / 2 and m]
        print(
            f"start {samples[0][1]:.0f} MB, peak (VmHWM) {peak:.0f} MB, end "
            f"{samples[-1][1]:.0f} MB; over the second half {slope(half):+.2f} MB a minute"
        )
        term.close()
        return 0 if survived else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
