"""The C allocator (glibc's malloc): one arena for the whole app, set before its first thread,
and freed memory handed back to the system after work over the whole pack.

glibc gives each thread that allocates its own arena (up to eight per core), and keeps what a
thread freed in that thread's arena. The app runs each read, save and export on a worker thread
of its own, and DuckDB allocates on whichever thread runs a query, so freed memory piled up in a
dozen arenas: a 3-minute random-key run at 1,000 areas held 600-770 MB at its peak, 450-590 MB
with one arena (benchmarks/fuzz.py; README Performance). Reads take turns on one cursor anyway,
so the threads seldom wait on the arena's lock.
"""

from __future__ import annotations

import sys
from typing import Any

M_ARENA_MAX = -8  # glibc's malloc.h


def _glibc() -> Any:
    """glibc, or None (macOS, Windows and musl have their own ways)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def one_arena() -> None:
    """Ask glibc for one arena."""
    if (libc := _glibc()) is not None:
        libc.mallopt(M_ARENA_MAX, 1)


def trim() -> None:
    """Hand the memory glibc holds free back to the system."""
    if (libc := _glibc()) is not None:
        libc.malloc_trim(0)
