"""A pack's write-ahead log (``PACK.wal``): whether it is whole, and how many changes it holds.

DuckDB commits a change to ``PACK.wal`` first and moves it into the pack's own file at a
checkpoint; boardtui checkpoints after every change (db.Store.transaction), so a log beside a
pack nobody has open means a program stopped between the two. DuckDB replays the log when the
pack is next opened, but a log that is cut short or damaged is replayed only up to the damage and
the rest is dropped without a word (and a writer then deletes the log). So the log is read here
first: a pack whose log is not whole is refused, before DuckDB touches it, with one sentence.

The layout (DuckDB's WAL version 2, the one this DuckDB writes): a first entry saying the
version, the database it belongs to and the checkpoint it follows, written bare; then entries of
[size: u64][checksum: u64][size bytes], each the serialized record of one step (a table used, rows
inserted, …), a transaction's steps ending with a WAL_FLUSH record when it commits. The
checksum is DuckDB's (common/checksum.cpp). A log in any other layout (an older or encrypted
one) is left to DuckDB.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

_SEED = 5381
_MULTIPLIER = 0xBF58476D1CE4E5B9
_MASK = (1 << 64) - 1
_REMAINDER_M = 0xC6A4A7935BD1E995
_REMAINDER_SEED = 0xE17A1465
_WAL_VERSION_TYPE = 98  # WALType::WAL_VERSION
_WAL_FLUSH_TYPE = 100  # WALType::WAL_FLUSH: a transaction committed
_END_OF_OBJECT = 0xFFFF
_VECTORISED_FROM = 1 << 16  # entries this long are checksummed with pyarrow


@dataclass(frozen=True)
class LogState:
    """What a pack's log holds: its size, the changes (committed transactions) in it, and what is
    wrong with it in words (None: it is whole)."""

    path: Path
    size: int
    changes: int
    problem: str | None = None


def log_path(pack: Path) -> Path:
    return pack.with_name(pack.name + ".wal")


def _remainder(data: bytes) -> int:
    """DuckDB's ChecksumRemainder: the last 0-7 bytes of an entry (from robin-hood hashing)."""
    h = _REMAINDER_SEED ^ ((len(data) * _REMAINDER_M) & _MASK)
    if data:
        for shift, byte in reversed(list(enumerate(data))):
            h ^= byte << (8 * shift)
        h = (h * _REMAINDER_M) & _MASK
    h ^= h >> 47
    h = (h * _REMAINDER_M) & _MASK
    h ^= h >> 47
    return h


def checksum(data: bytes) -> int:
    """DuckDB's Checksum(buffer, size) over ``data``."""
    whole = len(data) // 8 * 8
    if whole >= _VECTORISED_FROM:
        import pyarrow as pa
        import pyarrow.compute as pc

        from boardtui.store.integrity import _xor_per_block

        words = pa.Array.from_buffers(pa.uint64(), whole // 8, [None, pa.py_buffer(data[:whole])])
        (folded,) = _xor_per_block(pc.multiply(words, pa.scalar(_MULTIPLIER, pa.uint64())), whole // 8)
        result = _SEED ^ folded
    else:
        result = _SEED
        for (word,) in struct.iter_unpack("<Q", data[:whole]):
            result ^= (word * _MULTIPLIER) & _MASK
    if whole < len(data):
        result ^= _remainder(data[whole:])
    return result


class _Unknown(Exception):
    """A layout this reader does not know: left to DuckDB."""


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data) or shift > 63:
            raise _Unknown
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def _version_entry_end(head: bytes) -> int:
    """Where the bare first entry ends; _Unknown unless it says WAL version 2."""
    at, version = 0, None
    while True:
        if at + 2 > len(head):
            raise _Unknown
        (field,) = struct.unpack_from("<H", head, at)
        at += 2
        if field == _END_OF_OBJECT:
            break
        if field == 100:
            kind, at = _varint(head, at)
            if kind != _WAL_VERSION_TYPE:
                raise _Unknown
        elif field == 101:
            version, at = _varint(head, at)
        elif field == 102:  # the database's identifier: a list of bytes
            count, at = _varint(head, at)
            for _ in range(count):
                _, at = _varint(head, at)
        elif field == 103:  # the checkpoint it follows
            _, at = _varint(head, at)
        else:
            raise _Unknown
    if version != 2:
        raise _Unknown
    return at


def _entry_type(payload: bytes) -> int | None:
    if len(payload) < 3 or payload[:2] != b"\x64\x00":  # field 100, wal_type
        return None
    try:
        return _varint(payload, 2)[0]
    except _Unknown:
        return None


def read_log(pack: Path) -> LogState | None:
    """The state of ``pack``'s log; None when it has none (or an empty one), or one in a layout
    this reader does not know."""
    path = log_path(pack)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return None
    with handle:
        size = handle.seek(0, 2)
        if size == 0:
            return None
        handle.seek(0)
        try:
            at = _version_entry_end(handle.read(min(size, 4096)))
        except _Unknown:
            return None
        changes, committed_to = 0, at
        while at < size:
            handle.seek(at)
            header = handle.read(16)
            if len(header) < 16:
                break
            length, stored = struct.unpack("<QQ", header)
            if length > size - at - 16:
                break
            payload = handle.read(length)
            if checksum(payload) != stored:
                return LogState(
                    path, size, changes, f"a record at byte {at:,} fails its checksum, after {changes} whole change(s)"
                )
            at += 16 + length
            if _entry_type(payload) == _WAL_FLUSH_TYPE:
                changes += 1
                committed_to = at
    if committed_to < size:
        return LogState(
            path,
            size,
            changes,
            f"cut short after {changes} whole change(s): the last "
            f"{size - committed_to:,} of its {size:,} bytes are part of a change",
        )
    return LogState(path, size, changes)
