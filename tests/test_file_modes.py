"""Confidential files are their owner's only (files 0600, folders 0700) and public outputs take
the usual mode, each checked under umask 022 (the common default, which would make every new
file readable by every user of the machine): the real CLI in a subprocess, and the app's own
writers in-process."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import pack_query

PRIVATE, PUBLIC = 0o600, 0o644


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def cli_022(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """The real command line, started under umask 022."""
    result = subprocess.run(
        [sys.executable, "-m", "boardtui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    return result


def python_022(code: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, preexec_fn=lambda: os.umask(0o022)
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Every file the command line writes, each made under umask 022."""
    root = tmp_path_factory.mktemp("modes")
    pack = root / "board.duckdb"
    cli_022("demo", str(pack))
    cli_022("init", str(root / "empty.duckdb"))
    cli_022("export", str(pack), "--to", str(root / "full"))
    cli_022("meeting", "new", str(pack), "--date", "2026-01-15")
    cli_022("export", str(pack), "--to", str(root / "public"), "--public")
    cli_022("report", str(pack), "--format", "html", "--out", str(root / "pack.html"))
    cli_022("report", str(pack), "--format", "md", "--public", "--out", str(root / "public.md"))
    # An officer writes an update on the full snapshot (their draft return beside it), then
    # sends it as a return.
    python_022(
        "from pathlib import Path\n"
        "from boardtui.store.db import open_store\n"
        "from boardtui.store.returns import OfficerDesk\n"
        "from boardtui.store.updates import UpdateText\n"
        f"store = open_store(Path({str(root / 'full')!r}))\n"
        "OfficerDesk(store, 'Jane Officer').save(UpdateText('IP25-09.2', 'Half the plans audited.'))\n"
        "store.close()\n"
    )
    cli_022("returns", "export", str(root / "full"), "--to", str(root / "jane.boardreturn"), "--author", "Jane Officer")
    return root


def test_packs_are_their_owners_only(made):
    assert mode(made / "board.duckdb") == PRIVATE
    assert mode(made / "empty.duckdb") == PRIVATE


def test_a_full_snapshot_and_every_file_in_it_are_their_owners_only(made):
    assert mode(made / "full") == 0o700
    files = list((made / "full").rglob("*"))
    assert any(f.relative_to(made / "full").as_posix() == "audit_log/part-0.parquet" for f in files)
    for file in files:
        assert mode(file) == (0o700 if file.is_dir() else PRIVATE), file.name


def test_draft_returns_and_returns_are_their_owners_only(made):
    drafts = list(made.glob("*.draft-return"))
    assert drafts and all(mode(d) == PRIVATE for d in drafts)
    assert mode(made / "jane.boardreturn") == PRIVATE


def test_the_meeting_pack_is_its_owners_only_and_the_public_outputs_are_readable(made):
    assert mode(made / "pack.html") == PRIVATE
    assert mode(made / "public.md") == PUBLIC
    assert mode(made / "public") == 0o755
    for file in (made / "public").rglob("*"):
        assert mode(file) == (0o755 if file.is_dir() else PUBLIC), file.name


def test_a_migration_backup_is_its_owners_only(made, tmp_path):
    old = tmp_path / "old.duckdb"
    old.write_bytes((made / "board.duckdb").read_bytes())
    os.chmod(old, 0o644)  # a pack from before: readable by anyone
    # Make it a pack of the schema before: the newest migration's version row gone and its
    # objects dropped (queries/migrations/ says what each version adds).
    python_022(
        "import duckdb\n"
        f"con = duckdb.connect({str(old)!r})\n"
        "latest = con.execute('SELECT max(version) FROM schema_version').fetchone()[0]\n"
        "con.execute('DELETE FROM schema_version WHERE version = ?', [latest])\n"
        "con.execute('DROP TABLE publication_decision')\n"
        "con.execute('DROP TABLE public_title')\n"
        "con.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "boardtui", "meeting", "new", str(old), "--date", "2026-02-20"],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=lambda: os.umask(0o022),
    )
    assert result.returncode == 0, result.stderr
    backups = list(tmp_path.glob("old.duckdb.schema*.bak"))
    assert len(backups) == 1 and mode(backups[0]) == PRIVATE
    assert pack_query(old, "SELECT count(*) FROM publication_decision") == [(0,)]


async def test_what_the_app_writes_is_its_owners_only(demo_pack, tmp_path):
    """e and p in the app: the snapshots and reports folders, the snapshot and the meeting pack."""
    from apphelp import make_app, notices, settle

    before = os.umask(0o022)
    try:
        app = make_app(demo_pack, snapshots=tmp_path / "snaps", reports=tmp_path / "reports")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("e")
            await settle(pilot)
            await pilot.press("p")
            await settle(pilot)
            said = notices(app)
    finally:
        os.umask(before)
    assert "Snapshot written" in said and "Meeting pack written" in said, said
    for folder in (tmp_path / "snaps", tmp_path / "reports"):
        assert mode(folder) == 0o700
    (snapshot,) = (tmp_path / "snaps").iterdir()
    assert mode(snapshot) == 0o700
    assert all(mode(f) == (0o700 if f.is_dir() else PRIVATE) for f in snapshot.rglob("*"))
    (report,) = (tmp_path / "reports").iterdir()
    assert mode(report) == PRIVATE


def test_duckdb_spills_to_a_private_folder_of_its_own_not_the_folder_it_was_started_in(tmp_path, monkeypatch):
    """A snapshot's writer and a lake's reader are in-memory DuckDBs: what does not fit in memory
    goes to copies.spill_folder(), never DuckDB's default ``.tmp`` in the current folder."""
    from boardtui.store.copies import spill_folder
    from boardtui.store.pack import file_connection

    monkeypatch.chdir(tmp_path)
    con = file_connection(tmp_path)
    try:
        con.execute("SET memory_limit = '32MB'")
        con.execute("SET threads = 1")
        sort = "SELECT count(*) FROM (SELECT range AS n, repeat('x', 40) AS pad FROM range(3000000) ORDER BY hash(n))"
        assert con.execute(sort).fetchone() == (3_000_000,)  # spilled: it does not fit in 32 MB
        spilled = [p.name for p in spill_folder().iterdir() if p.name != "owner.pid"]
    finally:
        con.close()
    assert spilled and all(name.startswith("duckdb_temp_") for name in spilled)
    assert mode(spill_folder()) == 0o700
    assert list(tmp_path.iterdir()) == []  # no .tmp where it was started
