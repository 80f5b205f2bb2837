"""DuckDB's reach beyond the pack is off on every connection boardtui opens (no extension
installed or loaded, no file or URL read from SQL, settings locked), and a pack that carries a
view or macro of its own (a crafted file) is refused in one sentence by every command and the
app, before anything reads it, and left as it was."""

from __future__ import annotations

import shutil

import duckdb
import pytest
from conftest import run_cli
from crafted import with_url_view
from test_damaged_files import app, fingerprint, one_sentence, tracker

from boardtui.store.copies import spill_folder
from boardtui.store.db import SETTINGS, file_connection, memory_connection, open_store

LOCKED = {
    "autoinstall_known_extensions": "false",
    "autoload_known_extensions": "false",
    "enable_external_access": "false",
    "lock_configuration": "true",
}


def settings_of(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(
        con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('autoinstall_known_extensions', "
            "'autoload_known_extensions', 'enable_external_access', 'lock_configuration', "
            "'allowed_directories')"
        ).fetchall()
    )


def allowed(settings: dict[str, str]) -> list[str]:
    listed = settings["allowed_directories"].strip("[]")
    return listed.split(", ") if listed else []


def test_every_connection_has_extensions_and_file_access_off_and_locked(demo_pack, tmp_path):
    outside = tmp_path / "outside.csv"
    outside.write_text("a\n1\n", encoding="utf-8")
    snap_folder = tmp_path / "snap"
    assert run_cli("export", str(demo_pack), "--to", str(snap_folder)).returncode == 0
    store = open_store(demo_pack)
    snap = open_store(snap_folder)
    memory = memory_connection()
    try:
        for con in (store.con, store.cursor(), memory):
            found = settings_of(con)
            assert {k: found[k] for k in LOCKED} == LOCKED
            # Nothing but DuckDB's own spill folder (PACK.tmp, or .tmp in the working folder).
            assert all(d.endswith(".tmp/") for d in allowed(found))
        assert {k: settings_of(snap.con)[k] for k in LOCKED} == LOCKED
        # DuckDB allows its own spill folder: a pack's PACK.tmp, an in-memory connection's the
        # process's private one (copies.spill_folder).
        spill = f"{spill_folder()}/"
        assert {d for d in allowed(settings_of(snap.con)) if not d.endswith(".tmp/") and d != spill} == {
            f"{snap_folder.resolve()}/"
        }
        for con in (store.con, snap.con, memory):
            with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
                con.execute("SELECT * FROM read_csv(?)", [str(outside)]).fetchall()
            for statement in (
                "SET enable_external_access = true",
                "SET autoload_known_extensions = true",
                "SET lock_configuration = false",
                "SET allowed_directories = ['/']",
            ):
                with pytest.raises(duckdb.Error):
                    con.execute(statement)
            with pytest.raises(duckdb.Error):
                con.execute("LOAD httpfs")
        # The snapshot's own connection reads its own folder, and nothing beside it.
        assert snap.con.execute(
            "SELECT count(*) FROM read_parquet(?)", [str(snap_folder / "action" / "part-0.parquet")]
        ).fetchall() == [(102,)]
    finally:
        memory.close()
        snap.close()
        store.close()


def test_a_file_connection_reaches_its_own_folders_only(tmp_path):
    mine, other = tmp_path / "mine", tmp_path / "other"
    mine.mkdir()
    other.mkdir()
    con = file_connection(mine)
    try:
        con.execute("COPY (SELECT 1 AS a) TO ?", [str(mine / "a.parquet")])
        assert con.execute("SELECT a FROM read_parquet(?)", [str(mine / "a.parquet")]).fetchall() == [(1,)]
        for path in (other / "b.parquet", mine / ".." / "other" / "c.parquet"):
            with pytest.raises(duckdb.PermissionException):
                con.execute("COPY (SELECT 1 AS a) TO ?", [str(path)])
        assert list(other.iterdir()) == []
        assert {k: settings_of(con)[k] for k in LOCKED} == LOCKED
    finally:
        con.close()


@pytest.fixture
def url_view_pack(demo_master, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = folder / "crafted.duckdb"
    shutil.copyfile(demo_master, pack)
    url = with_url_view(pack, tmp_path)
    return pack, url


def test_a_view_over_a_url_tries_no_download_on_a_connection_of_ours(url_view_pack):
    pack, _url = url_view_pack
    con = duckdb.connect(str(pack), read_only=True, config=SETTINGS)
    try:
        # DuckDB with its own defaults would try to download httpfs here; ours says no at once.
        with pytest.raises(duckdb.PermissionException, match="disabled by configuration"):
            con.execute("SELECT * FROM leak").fetchall()
    finally:
        con.close()


def test_a_pack_with_a_view_over_a_url_is_refused_by_every_command_and_the_app(url_view_pack, demo_master, tmp_path):
    pack, _url = url_view_pack
    before = fingerprint(pack.parent)
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ("check", str(pack)),
        ("export", str(pack), "--to", str(out / "snap")),
        ("report", str(pack), "--format", "html", "--out", str(out / "pack.html")),
        ("diff", str(demo_master), str(pack)),
        ("returns", "list", str(pack)),
        ("import", str(pack), str(tracker(tmp_path))),
        ("meeting", "new", str(pack), "--date", "2026-01-15"),
    ]
    for args in commands:
        result = run_cli(*args)
        assert result.returncode == 2, args
        sentence = one_sentence(result, pack.name)
        assert "holds a view named 'leak', which no board pack has, so it was not opened" in sentence, args
    started = app(pack)
    assert started.returncode == 2
    assert "holds a view named 'leak'" in one_sentence(started, pack.name)
    assert fingerprint(pack.parent) == before
    assert list(out.iterdir()) == []


def test_a_macro_that_would_keep_names_in_a_public_export_is_refused(demo_pack, tmp_path):
    # The public snapshot withholds names with regexp_replace: a pack's own macro of that name
    # would be called instead, and every name would go out.
    con = duckdb.connect(str(demo_pack))
    con.execute("CREATE MACRO regexp_replace(text, pattern, replacement, options) AS text")
    con.execute("CHECKPOINT")
    con.close()
    before = fingerprint(demo_pack.parent)
    result = run_cli("export", str(demo_pack), "--to", str(tmp_path / "public"), "--public")
    assert result.returncode == 2
    assert "holds a macro named 'regexp_replace'" in one_sentence(result, demo_pack.name)
    assert not (tmp_path / "public").exists()
    assert fingerprint(demo_pack.parent) == before


def test_a_trigger_that_would_change_rows_as_they_are_written_is_refused(demo_pack, tmp_path):
    # A trigger in a crafted pack could undo what is recorded (here: empty the audit log).
    con = duckdb.connect(str(demo_pack))
    con.execute("CREATE TRIGGER forget AFTER INSERT ON rag_rating FOR EACH STATEMENT DELETE FROM audit_log")
    con.execute("CHECKPOINT")
    con.close()
    before = fingerprint(demo_pack.parent)
    result = run_cli("meeting", "new", str(demo_pack), "--date", "2026-01-15")
    assert result.returncode == 2
    assert "holds a trigger named 'forget'" in one_sentence(result, demo_pack.name)
    assert fingerprint(demo_pack.parent) == before


def test_a_macro_that_keeps_the_first_frame_busy_is_refused_at_once(demo_pack):
    # The app's first-frame reader looks for the pack's own macros beside its first reads
    # (app/run.py): one that shadows a function the board's rules call (datediff, in
    # rating_order) and never finishes must still be refused, in one sentence, without waiting.
    con = duckdb.connect(str(demo_pack))
    con.execute("CREATE MACRO datediff(part, a, b) AS (SELECT sum(i) FROM range(1000000000000) t(i))")
    con.execute("CHECKPOINT")
    con.close()
    before = fingerprint(demo_pack.parent)
    started = app(demo_pack)
    assert started.returncode == 2
    assert "holds a macro named 'datediff'" in one_sentence(started, demo_pack.name)
    assert fingerprint(demo_pack.parent) == before
