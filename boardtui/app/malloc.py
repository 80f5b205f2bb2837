"""One C allocator arena for the whole app, set before its first thread.

glibc gives each thread that allocates its own arena (up to eight per core), and keeps what a
thread freed in that thread's arena. The app runs each read, save and export on a worker thread
of its own, and DuckDB allocates on whichever thread runs a query, so freed memory piled up in a
dozen arenas: a 3-minute random-key run at 1,000 areas held 600-770 MB at its peak, 450-590 MB
with one arena (benchmarks/fuzz.py; README Performance). Reads take turns on one cursor anyway,
so the threads seldom wait on the arena's lock.
"""

from __future__ import annotations

import contextlib
import sys

M_ARENA_MAX = -8  # glibc's malloc.h


def one_arena() -> None:
    """Ask glibc for one arena (nothing elsewhere: macOS, Windows, musl have their own ways)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    with contextlib.suppress(OSError, AttributeError):  # not glibc
        ctypes.CDLL("libc.so.6").mallopt(M_ARENA_MAX, 1)
