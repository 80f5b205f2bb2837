"""Packs crafted the way an attacker would, with DuckDB's own tools: a view over a URL, which
DuckDB will not create here (binding it needs the httpfs extension, which an offline install
does not have), is put in through the pack's write-ahead log, where DuckDB replays a view
without binding it. The log's records are checksummed; boardtui.store.wal computes DuckDB's
checksum, so the edited record is given a correct one."""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import duckdb

from boardtui.store.wal import _version_entry_end, checksum, log_path


def commit_and_die(pack: Path, *statements: str) -> None:
    """Run statements on the pack in a process that is then killed with SIGKILL: committed to
    PACK.wal, never checkpointed into the pack's file."""
    code = (
        "import duckdb, os, signal, sys\n"
        "con = duckdb.connect(sys.argv[1])\n"
        "for statement in sys.argv[2:]:\n"
        "    con.execute(statement)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    subprocess.run([sys.executable, "-c", code, str(pack), *statements], check=False)


def replace_in_log(pack: Path, old: bytes, new: bytes) -> int:
    """Replace ``old`` with ``new`` (the same length) in every record of the pack's log, each
    record's checksum made right again; how many records changed."""
    assert len(old) == len(new)
    path = log_path(pack)
    data = bytearray(path.read_bytes())
    at = _version_entry_end(bytes(data[:4096]))
    changed = 0
    while at < len(data):
        size, _ = struct.unpack_from("<QQ", data, at)
        payload = bytes(data[at + 16 : at + 16 + size])
        if old in payload:
            payload = payload.replace(old, new)
            data[at + 16 : at + 16 + size] = payload
            struct.pack_into("<Q", data, at + 8, checksum(payload))
            changed += 1
        at += 16 + size
    path.write_bytes(bytes(data))
    return changed


def with_url_view(pack: Path, folder: Path) -> str:
    """Give the pack a view named 'leak' that reads a URL; the URL."""
    local = folder / ("l" * 40 + ".csv")
    local.write_text("a\n1\n", encoding="utf-8")
    prefix = "https://example.invalid/leak.csv?"
    url = prefix + "p" * (len(str(local)) - len(prefix))
    commit_and_die(pack, f"CREATE VIEW leak AS SELECT * FROM read_csv('{local}')")
    assert replace_in_log(pack, str(local).encode(), url.encode()) == 1
    local.unlink()
    # Replayed (not bound: no download is tried) and checkpointed into the file.
    con = duckdb.connect(str(pack), config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        assert con.execute("SELECT sql FROM duckdb_views() WHERE view_name = 'leak'").fetchall()[0][0].count(url) == 1
        con.execute("CHECKPOINT")
    finally:
        con.close()
    assert not log_path(pack).exists()
    return url
