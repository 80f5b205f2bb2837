"""The command line and opening packs: every error path with a real file."""

from __future__ import annotations

import hashlib
import os
import struct
import subprocess
import sys

import duckdb
import pytest
from conftest import build_from, run_cli, update_rows

from boardtui.errors import BoardError
from boardtui.store.db import LATEST_SCHEMA, open_store


def one_clean_line(result):
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_version():
    result = run_cli("--version")
    assert result.returncode == 0 and result.stdout.startswith("boardtui ")


def test_demo_then_check_exits_zero(tmp_path):
    pack = tmp_path / "pack.duckdb"
    assert run_cli("demo", str(pack)).returncode == 0
    result = run_cli("check", str(pack))
    assert result.returncode == 0, result.stdout
    assert f"schema version {LATEST_SCHEMA}" in result.stdout and "no problems found" in result.stdout
    counts = dict(line.split() for line in result.stdout.splitlines()[1:15])
    assert counts["weakness"] == "13" and int(counts["action"]) >= 80


def test_demo_refuses_to_overwrite(demo_pack):
    before = demo_pack.read_bytes()
    result = run_cli("demo", str(demo_pack))
    assert result.returncode == 2
    assert "already exists" in one_clean_line(result)
    assert demo_pack.read_bytes() == before


def test_a_write_ahead_log_left_from_another_file_is_one_sentence(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    assert run_cli("demo", str(first)).returncode == 0 and run_cli("demo", str(second)).returncode == 0
    # A process writes to the first and dies before a checkpoint: the change waits in a.duckdb.wal.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, os, sys; con = duckdb.connect(sys.argv[1]); "
            "con.execute('CREATE TABLE scratch AS SELECT 1 AS x'); os._exit(0)",
            str(first),
        ],
        check=True,
    )
    wal = tmp_path / "a.duckdb.wal"
    assert wal.exists()
    os.replace(second, first)  # another pack copied over it; the log stays behind
    result = run_cli("check", str(first))
    assert result.returncode == 2 and "a.duckdb.wal belongs to another file" in one_clean_line(result)
    first.unlink()
    result = run_cli("demo", str(first))  # a new pack here would meet the same log
    assert result.returncode == 2 and "a.duckdb.wal is left from an earlier file" in one_clean_line(result)
    assert not first.exists()


def test_check_on_a_text_file_named_duckdb(tmp_path):
    fake = tmp_path / "minutes.duckdb"
    fake.write_text("Minutes of the board\n" * 50)
    result = run_cli("check", str(fake))
    assert result.returncode == 2
    assert "is not a DuckDB database file" in one_clean_line(result)


def test_check_on_a_missing_file(tmp_path):
    result = run_cli("check", str(tmp_path / "nowhere.duckdb"))
    assert result.returncode == 2
    assert "does not exist" in one_clean_line(result)


def test_check_on_a_locked_file_names_the_pid(demo_pack, holder_of):
    holder = holder_of(demo_pack)
    result = run_cli("check", str(demo_pack))
    assert result.returncode == 2
    assert f"PID {holder.pid}" in one_clean_line(result)


def test_newer_schema_version_is_refused_and_file_untouched(demo_pack):
    con = duckdb.connect(str(demo_pack))
    con.execute("INSERT INTO schema_version VALUES (?, now()::TIMESTAMP, '99.0')", [LATEST_SCHEMA + 5])
    con.close()
    digest = hashlib.sha256(demo_pack.read_bytes()).hexdigest()
    result = run_cli("check", str(demo_pack))
    assert result.returncode == 2
    line = one_clean_line(result)
    assert f"schema version {LATEST_SCHEMA + 5}" in line and "upgrade boardtui" in line
    with pytest.raises(BoardError):
        open_store(demo_pack)  # read-write open is refused too
    assert hashlib.sha256(demo_pack.read_bytes()).hexdigest() == digest


def _stamp_storage_version(path, version):
    """Rewrite the storage version in DuckDB's main header, keeping its checksum valid.

    The checksum XORs a multiply-hash of each 8-byte word after the first 8 bytes, so only
    the two words the version straddles need their contribution swapped.
    """
    data = bytearray(path.read_bytes())
    mul, mask = 0xBF58476D1CE4E5B9, (1 << 64) - 1
    word = lambda offset: struct.unpack_from("<Q", data, offset)[0]  # noqa: E731
    before = [word(8), word(16)]
    checksum = word(0)
    struct.pack_into("<Q", data, 12, version)
    for old, new in zip(before, [word(8), word(16)], strict=True):
        checksum ^= ((old * mul) & mask) ^ ((new * mul) & mask)
    struct.pack_into("<Q", data, 0, checksum)
    path.write_bytes(bytes(data))


def test_newer_duckdb_storage_format(tmp_path):
    pack = tmp_path / "future.duckdb"
    open_store(pack, create=True).close()
    _stamp_storage_version(pack, 9999)
    result = run_cli("check", str(pack))
    assert result.returncode == 2
    line = one_clean_line(result)
    assert "newer DuckDB" in line and "9999" in line


@pytest.mark.parametrize(
    "table", ["sales (x INTEGER)", "schema_version (x INTEGER)", "schema_version AS SELECT 'one' AS version"]
)
def test_a_duckdb_file_that_is_not_a_board_pack(tmp_path, table):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute(f"CREATE TABLE {table}")
    con.close()
    result = run_cli("check", str(other))
    assert result.returncode == 2
    assert "not a boardtui board pack" in one_clean_line(result)


def test_migrating_an_older_pack_writes_a_backup_first(tmp_path):
    # Schema version 0: a pack whose schema_version table exists but nothing was applied.
    old = tmp_path / "old.duckdb"
    con = duckdb.connect(str(old))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL, app_version VARCHAR NOT NULL)"
    )
    con.close()
    original = old.read_bytes()
    store = open_store(old)
    assert store.schema_version == LATEST_SCHEMA
    assert store.con.execute("SELECT count(*) FROM weakness").fetchall()[0][0] == 0
    store.close()
    backups = list(tmp_path.glob("old.duckdb.schema0-*.bak"))
    assert len(backups) == 1 and backups[0].read_bytes() == original


def test_schema_constraints_hold(demo_pack):
    store = open_store(demo_pack)
    with pytest.raises(duckdb.ConstraintException):
        store.con.execute(
            "INSERT INTO rag_rating (action, meeting, brag, rationale, rated_by, recorded_at) VALUES ('APP-09.1', 'M19', 'X', 'why', 'me', now()::TIMESTAMP)"
        )
    with pytest.raises(duckdb.ConstraintException):
        store.con.execute(
            "INSERT INTO rag_rating (action, meeting, brag, rationale, rated_by, recorded_at) VALUES ('NO-SUCH', 'M19', 'R', 'why', 'me', now()::TIMESTAMP)"
        )
    with pytest.raises(duckdb.ConstraintException):
        store.con.execute(
            "INSERT INTO minute_item (meeting, item_order, kind, text) VALUES ('M19', 99, 'action arising', 'no owner')"
        )
    store.close()


def test_init_with_weaknesses_from_toml(tmp_path):
    spec = tmp_path / "areas.toml"
    spec.write_text(
        '[[weakness]]\ncode = "AFI1"\nshort_name = "Transitions"\ntitle = "Transitions are weak"\ntheme = "Outcomes"\n'
        '[[weakness]]\ncode = "AFI2"\nshort_name = "Waits"\ntitle = "Waits are long"\ntheme = "Health"\n'
    )
    pack = tmp_path / "new.duckdb"
    result = run_cli("init", str(pack), "--weaknesses", str(spec), "--name", "Another Board")
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(pack), read_only=True)
    assert con.execute("SELECT code, display_order FROM weakness ORDER BY 2").fetchall() == [("AFI1", 1), ("AFI2", 2)]
    assert con.execute("SELECT name FROM board").fetchall() == [("Another Board",)]
    con.close()
    assert run_cli("check", str(pack)).returncode == 0


def test_init_with_a_bad_weaknesses_file_names_entry_and_key(tmp_path):
    spec = tmp_path / "areas.toml"
    spec.write_text('[[weakness]]\ncode = "AFI1"\nshort_name = "Transitions"\ntheme = "Outcomes"\n')
    result = run_cli("init", str(tmp_path / "new.duckdb"), "--weaknesses", str(spec))
    assert result.returncode == 2
    line = one_clean_line(result)
    assert "weakness 1" in line and "missing title" in line
    assert not (tmp_path / "new.duckdb").exists()


def test_check_reports_problems_and_exits_one(tmp_path, data_copy):
    # A ratings file where one open action has no rating at the latest meeting,
    # and an action whose revised target is earlier than its original.
    ratings = data_copy / "ratings.csv"
    lines = ratings.read_text().splitlines()
    lines = [line[: line.rfind(",")] + "," if line.startswith("IP25-09.1,") else line for line in lines]
    ratings.write_text("\n".join(lines) + "\n")
    update_rows(
        data_copy / "actions.csv",
        lambda r: r["id"] == "IP25-09.2",
        revised_target_date="2025-08-01",
        target_revised_on="2025-07-15",
    )
    pack = build_from(data_copy, tmp_path / "bad.duckdb")
    result = run_cli("check", str(pack))
    assert result.returncode == 1
    assert "unrated: IP25-09.1 is open but has no rating at the latest board meeting M19" in result.stdout
    assert "revised-earlier: IP25-09.2" in result.stdout


def test_non_ui_commands_do_not_import_textual(demo_pack):
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "boardtui", "check", str(demo_pack)], capture_output=True, text=True
    )
    assert proc.returncode == 0
    imported = {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines() if "|" in line}
    assert "duckdb" in imported
    assert "textual" not in imported and "rich" not in imported


def test_copy_if_locked_opens_a_read_only_copy_with_a_banner(demo_pack, holder_of):
    holder = holder_of(demo_pack)
    store = open_store(demo_pack, copy_if_locked=True)
    assert store.read_only
    assert f"PID {holder.pid}" in store.banner and "Read-only" in store.banner
    assert store.con.execute("SELECT count(*) FROM weakness").fetchall()[0][0] == 13
    store.close()


def test_a_schema_1_pack_migrates_keeping_its_rows_and_gains_an_identity(tmp_path, demo_master):
    # A pack as the first release wrote it: migration 1 only, with a board and a rating.
    from boardtui.store.queries import migrations

    old = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(old))
    con.execute(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL, app_version VARCHAR NOT NULL)"
    )
    con.execute(migrations()[0][1].read_text())
    con.execute("INSERT INTO schema_version VALUES (1, now()::TIMESTAMP, '0.1')")
    con.execute("INSERT INTO board VALUES (1, 'Board', 'Area', false)")
    con.close()
    store = open_store(old)
    try:
        (pack_id,) = store.con.execute("SELECT pack_id FROM board").fetchall()[0]
        assert len(pack_id) == 36
        assert store.con.execute("SELECT count(*) FROM officer_update").fetchall()[0][0] == 0
        assert store.con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0] == LATEST_SCHEMA
    finally:
        store.close()
    assert list(tmp_path.glob("v1.duckdb.schema1-*.bak"))


def test_init_takes_the_boards_glossary(tmp_path):
    glossary = tmp_path / "g.toml"
    glossary.write_text('[[term]]\nterm = "SENCO"\nspelled_out = "special educational needs co-ordinator"\n')
    pack = tmp_path / "new.duckdb"
    result = run_cli("init", str(pack), "--glossary", str(glossary))
    assert result.returncode == 0 and "1 glossary term(s)" in result.stdout
    con = duckdb.connect(str(pack), read_only=True)
    try:
        assert con.execute("SELECT term, spelled_out FROM glossary").fetchall() == [
            ("SENCO", "special educational needs co-ordinator")
        ]
    finally:
        con.close()
    bad = tmp_path / "bad.toml"
    bad.write_text("[[term]]\nterm = 'X'\n")
    refused = run_cli("init", str(tmp_path / "other.duckdb"), "--glossary", str(bad))
    assert refused.returncode == 2 and "bad.toml" in refused.stderr and not (tmp_path / "other.duckdb").exists()
