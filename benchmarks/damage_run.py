"""The random-block damage run at any length (tests/test_damaged_files.py runs 30 packs).

    python benchmarks/damage_run.py [--packs 200] [--seed 1] [--scale 1]

Builds the demo pack (``--scale`` local areas), then for each of ``--packs`` copies overwrites
one random 4 KB block with random bytes and runs ``boardtui check`` on it in this process. It
prints how each damaged pack was caught (refused on opening, a table's data failed to read, or
only the block checksums found it) and exits 1 if any damaged pack passed.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boardtui.cli import write_demo
from boardtui.errors import BoardError
from boardtui.store.check import check_pack
from boardtui.store.db import open_store

BLOCK = 4096


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    how = Counter()
    with tempfile.TemporaryDirectory(prefix="boardtui-damage-") as folder:
        master = Path(folder) / "master.duckdb"
        write_demo(master, args.scale)
        size = master.stat().st_size
        pack = Path(folder) / "damaged.duckdb"
        for _ in range(args.packs):
            shutil.copyfile(master, pack)
            with pack.open("r+b") as handle:
                handle.seek(rng.randrange(size // BLOCK) * BLOCK)
                handle.write(rng.randbytes(BLOCK))
            try:
                store = open_store(pack, read_only=True)
            except BoardError:
                how["refused on opening"] += 1
                continue
            try:
                check_pack(store)
                how["PASSED CHECK"] += 1
            except BoardError as err:
                how["only the block checksums" if "blocks" in str(err) else "a table's data"] += 1
            finally:
                store.close()
    for what, count in how.most_common():
        print(f"{count:>6}  {what}")
    return 1 if how["PASSED CHECK"] else 0


if __name__ == "__main__":
    sys.exit(main())
