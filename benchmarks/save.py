"""What saving each change into the pack's own file costs: a change recorded, committed and
checkpointed (as boardtui does) against the same change committed to the log alone (the floor),
interleaved in one run.

    python benchmarks/save.py [--changes 40] [--scale 1] [--kind rating|note|confidential]

Builds the demo pack (``--scale`` local areas), then records ``--changes`` changes of one kind
through the Recorder, alternating one saved (Store.save after the commit) and one left in the
log, and prints the median milliseconds of each and their ratio. A "confidential" change is an
UPDATE (marking a minute item confidential and back), the kind DuckDB checkpoints with most care.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boardtui.cli import write_demo
from boardtui.store.db import Store, open_store
from boardtui.store.recording import Recorder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--kind", choices=("rating", "note", "confidential"), default="rating")
    args = parser.parse_args()
    real_save = Store.save
    with tempfile.TemporaryDirectory(prefix="boardtui-save-") as folder:
        pack = Path(folder) / "board.duckdb"
        write_demo(pack, args.scale)
        store = open_store(pack)
        try:
            recorder = Recorder(store, "Benchmark")
            store.ensure_sound()  # once, before the first write, as in any session: not timed
            item = None
            if args.kind == "confidential":
                recorder.add_minute("M19", "note", "The item marked and unmarked")
                item = store.con.execute("SELECT max(id) FROM minute_item").fetchall()[0][0]
            timed: dict[bool, list[float]] = {True: [], False: []}
            for number in range(args.changes):
                saved = number % 2 == 0
                Store.save = real_save if saved else (lambda self, cur=None: None)
                start = time.perf_counter()
                if args.kind == "rating":
                    recorder.record_rating("IP25-09.2", "M19", "RAG"[number % 3], f"benchmark {number}")
                elif args.kind == "note":
                    recorder.add_minute("M19", "note", f"benchmark note {number}")
                else:
                    recorder.set_confidential(item, number % 4 < 2)
                timed[saved].append((time.perf_counter() - start) * 1000)
                Store.save = real_save
                store.save()  # what the floor left in the log goes into the file, untimed
        finally:
            Store.save = real_save
            store.close()
        size = pack.stat().st_size
    saved, floor = statistics.median(timed[True]), statistics.median(timed[False])
    print(f"{args.kind}, scale {args.scale} ({size / 1e6:.0f} MB), {args.changes} changes, median ms:")
    print(f"  committed and saved into the file: {saved:.1f}")
    print(f"  committed to the log only (floor): {floor:.1f}")
    print(f"  saving costs {saved - floor:.1f} ms a change, {saved / floor:.2f}x the floor")
    return 0


if __name__ == "__main__":
    sys.exit(main())
