"""Whether a pack is sound: every table's data reads back, and every block of the file matches
its checksum.

DuckDB checks a block's checksum only when it reads that block, and it reads a block only when
a query needs it: reading every table's data covers the table blocks, but not the blocks of the
indexes behind primary keys, unique and foreign keys, which only a write or a lookup touches.
So the file itself is read too: it is a set of fixed-size blocks, each starting with a 64-bit
checksum of the rest of it. Our reading of that layout is confirmed on each file first, against
the checksum of its own header; a file laid out some other way (a later storage format, an
encrypted file) is left to DuckDB's checks alone.

Cost on the 86 MB national pack (`boardtui demo --scale 1000`): about 65 ms for the tables and
75-110 ms for the blocks (see README, Command reference). `boardtui check` runs both; so does
every writing command before its first write (Store.transaction).
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardtui.store.queries import rows

if TYPE_CHECKING:
    import duckdb


_FILE_HEADER = 4096  # a main header, then two database headers, then the blocks
_CHECKSUM_SEED = 5381
_CHECKSUM_MULTIPLIER = 0xBF58476D1CE4E5B9
_MASK = (1 << 64) - 1
_BLOCKS_AT_ONCE = 32  # 8 MB of 256 KB blocks per step: bounded memory on any size of pack


def read_every_table(cur: duckdb.DuckDBPyConnection) -> list[tuple[str, int]]:
    """(table, rows) for every table, after reading every column of every row."""
    return [(name, count) for name, count, _digest in rows(cur, "check_read_all")]


def _checksum(words: list[int]) -> int:
    result = _CHECKSUM_SEED
    for word in words:
        result ^= (word * _CHECKSUM_MULTIPLIER) & _MASK
    return result


def _xor_per_block(values: Any, width: int) -> list[int]:
    """XOR of each run of ``width`` values in a uint64 Arrow array, folded in halves."""
    import pyarrow as pa
    import pyarrow.compute as pc

    leftovers = []
    while width > 1:
        lists = pa.FixedSizeListArray.from_arrays(values, width)
        half = width // 2
        if width % 2:
            leftovers.append(pc.list_flatten(pc.list_slice(lists, width - 1, width)))
        left = pc.list_flatten(pc.list_slice(lists, 0, half))
        right = pc.list_flatten(pc.list_slice(lists, half, 2 * half))
        values, width = pc.bit_wise_xor(left, right), half
    for leftover in leftovers:
        values = pc.bit_wise_xor(values, leftover)
    xors: list[int] = values.to_pylist()
    return xors


def damaged_blocks(path: Path, free_blocks: int, fd: int | None = None) -> str | None:
    """Why the file at ``path`` is damaged (a block that fails its checksum, or a file shorter
    than its blocks), or None when every block is sound or the layout is not one we read.

    ``fd``: a descriptor of the file this process keeps open, to read it through. A process
    holding DuckDB's lock on the pack must read it that way: the lock is a POSIX record lock, and
    closing *any* descriptor of the file in that process drops it (opening the file to read it,
    then closing it, let a second writer open a pack held for writing)."""
    if fd is None:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        try:
            return damaged_blocks(path, free_blocks, fd)
        finally:
            os.close(fd)
    import pyarrow as pa
    import pyarrow.compute as pc

    head = os.pread(fd, 3 * _FILE_HEADER, 0)
    if len(head) < 3 * _FILE_HEADER or head[8:12] != b"DUCK":
        return "its header is cut short"
    if any(struct.unpack_from("<4Q", head, 20)):  # flags: encrypted, or newer than we know
        return None
    headers = []
    for number in (1, 2):
        start = number * _FILE_HEADER
        stored = struct.unpack_from("<Q", head, start)[0]
        words = list(struct.unpack_from(f"<{(_FILE_HEADER - 8) // 8}Q", head, start + 8))
        if _checksum(words) == stored:
            headers.append(words[:5])  # iteration, meta block, free list, block count, block size
    if not headers:
        return None  # neither header checks out our way: leave the file to DuckDB
    _iteration, _meta, _free, block_count, block_size = max(headers)
    if block_size < 16 or block_size % 8:
        return None
    size = os.fstat(fd).st_size
    needed = 3 * _FILE_HEADER + block_count * block_size
    # DuckDB gives free blocks at the end of the file back to the disk after a checkpoint without
    # lowering the count in its header: blocks missing from the end are sound as long as no more
    # are missing than DuckDB counts free.
    present = max(0, size - 3 * _FILE_HEADER) // block_size
    missing = max(0, block_count - present)
    if missing > free_blocks or (size < needed and (size - 3 * _FILE_HEADER) % block_size):
        return f"it is cut short: {size:,} of its {needed:,} bytes are there"
    block_count -= missing
    width = block_size // 8
    multiplier = pa.scalar(_CHECKSUM_MULTIPLIER, pa.uint64())
    bad: list[int] = []
    for first in range(0, block_count, _BLOCKS_AT_ONCE):
        count = min(_BLOCKS_AT_ONCE, block_count - first)
        data = os.pread(fd, count * block_size, 3 * _FILE_HEADER + first * block_size)
        if len(data) < count * block_size:
            return f"it is cut short: {size:,} of its {needed:,} bytes are there"
        words = pa.Array.from_buffers(pa.uint64(), count * width, [None, pa.py_buffer(data)])
        stored = pc.list_flatten(pc.list_slice(pa.FixedSizeListArray.from_arrays(words, width), 0, 1))
        xors = _xor_per_block(pc.multiply(words, multiplier), width)
        for number, (checksum, xor) in enumerate(zip(stored.to_pylist(), xors, strict=True)):
            # The XOR took in the stored checksum's own word too: take it out again.
            if _CHECKSUM_SEED ^ xor ^ ((checksum * _CHECKSUM_MULTIPLIER) & _MASK) != checksum:
                bad.append(first + number)
    # A free block the OS gave back reads as zeros: not damage, as long as there are no more
    # of them than DuckDB counts free.
    zeros = [b for b in bad if not os.pread(fd, block_size, 3 * _FILE_HEADER + b * block_size).strip(b"\0")]
    if bad and (len(bad) != len(zeros) or len(zeros) + missing > free_blocks):
        where = ", ".join(f"{3 * _FILE_HEADER + b * block_size:,}" for b in bad[:3])
        more = f" and {len(bad) - 3} more" if len(bad) > 3 else ""
        fail = "fails its" if len(bad) == 1 else "fail their"
        return f"{len(bad)} of its {block_count} blocks {fail} checksum, at byte {where}{more}"
    return None


def damaged_blocks_elsewhere(path: Path, free_blocks: int) -> str | None:
    """damaged_blocks, run in a process of its own: the app (a long-lived process) need not
    import pyarrow (tens of MB it would keep) for one look at its file's blocks."""
    import subprocess
    import sys

    done = subprocess.run(  # noqa: S603 - our own module
        [sys.executable, "-m", "boardtui.store.integrity", str(path), str(free_blocks)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode != 0:
        raise OSError(done.returncode, (done.stderr.strip().splitlines() or ["the block check stopped"])[-1])
    return done.stdout.strip() or None


if __name__ == "__main__":  # damaged_blocks_elsewhere: print why the file is damaged, or nothing
    import sys

    print(damaged_blocks(Path(sys.argv[1]), int(sys.argv[2])) or "")
