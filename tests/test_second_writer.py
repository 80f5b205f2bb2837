"""A second writer is told at open, never at commit. DuckDB's lock on a pack is a POSIX record
lock, which a process loses when it closes any descriptor of the file: checking the pack's
blocks by opening the file (and closing it) used to drop it, so a second writer opened a pack
held for writing. Now a process holding a pack reads its bytes through one descriptor it keeps
open, and every other writer is refused on opening with one sentence naming the holder."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from conftest import run_cli
from test_damaged_files import app, one_sentence, tracker

# A writer as `meeting new`, `import` and `returns import` are, between checking the pack and
# writing: opened, found sound (tables read, every block checked), holding the pack.
HOLDING_A_CHECKED_PACK = r"""
import sys
from boardtui.store.db import open_store
store = open_store(sys.argv[1])
store.ensure_sound()
print("held", flush=True)
sys.stdin.read()
store.close()
"""


def test_a_second_writer_is_refused_at_open_while_the_first_holds_a_checked_pack(demo_pack, tmp_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDING_A_CHECKED_PACK, str(demo_pack)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        before = hashlib.sha256(demo_pack.read_bytes()).hexdigest()
        for args in (
            ("meeting", "new", str(demo_pack), "--date", "2026-01-15"),
            ("import", str(demo_pack), str(tracker(tmp_path))),
            ("check", str(demo_pack)),
        ):
            result = run_cli(*args)
            sentence = one_sentence(result, demo_pack.name)
            assert f"is locked by PID {holder.pid} (" in sentence, (args, sentence)
            assert "close that program first" in sentence
        started = app(demo_pack, run=True)  # the app opens a read-only copy and says whose the pack is
        assert started.returncode == 0, started.stderr
        assert (
            f"opened read_only=True banner=Read-only: pack.duckdb is held for writing by PID {holder.pid}"
            in started.stdout
        )
        assert hashlib.sha256(demo_pack.read_bytes()).hexdigest() == before
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
