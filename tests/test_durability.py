"""Every confirmed change is in the .duckdb file itself when it is confirmed (a checkpoint after
each change), so a pack copied, emailed or backed up without its PACK.wal holds it. A log left
beside a pack (a program stopped between committing and saving) is read before DuckDB replays
it: whole, `check` says how many changes it holds; cut short or damaged, every command and the
app refuse the pack in one sentence and leave both files as they were."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest
from conftest import run_cli
from crafted import commit_and_die
from test_damaged_files import app, fingerprint, one_sentence, tracker

from boardtui.store import changes
from boardtui.store.db import open_store
from boardtui.store.recording import Recorder
from boardtui.store.wal import log_path, read_log


def alone(pack: Path, tmp_path: Path, sql: str, *params) -> list[tuple]:
    """``sql`` on a copy of the .duckdb file alone, as a backup or an email would carry it."""
    copy = tmp_path / "alone" / pack.name
    shutil.rmtree(copy.parent, ignore_errors=True)
    copy.parent.mkdir()
    shutil.copyfile(pack, copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def test_each_change_is_in_the_file_alone_as_soon_as_it_is_confirmed(demo_pack, tmp_path):
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        reader = store.cursor()  # a screen reading on another cursor meanwhile
        reader.execute("SELECT count(*) FROM action").fetchall()
        recorder.record_rating("IP25-09.2", "M19", "A", "Saved at once")
        assert alone(demo_pack, tmp_path, "SELECT brag FROM rag_rating WHERE rationale = 'Saved at once'") == [("A",)]
        minute = changes.AddMinute("M19", "note", "A note kept in the file").apply(recorder)
        assert alone(demo_pack, tmp_path, "SELECT kind FROM minute_item WHERE text = 'A note kept in the file'") == [
            ("note",)
        ]
        item = store.con.execute("SELECT id FROM minute_item WHERE text = 'A note kept in the file'").fetchall()[0][0]
        recorder.set_confidential(item, True)  # an UPDATE: the kind DuckDB checkpoints most carefully
        assert alone(demo_pack, tmp_path, "SELECT confidential FROM minute_item WHERE id = ?", item) == [(True,)]
        recorder.revise_target("IP25-09.2", "2026-06-30", "Waiting for the new system", agreed_on="M19")
        assert alone(demo_pack, tmp_path, "SELECT revised_target_date::VARCHAR FROM action WHERE id = 'IP25-09.2'") == [
            ("2026-06-30",)
        ]
        recorder.undo()
        assert alone(demo_pack, tmp_path, "SELECT revised_target_date FROM action WHERE id = 'IP25-09.2'") == [(None,)]
        assert minute.description.startswith("note M19")
        assert read_log(demo_pack) is None  # nothing left only in the log
        reader.close()
    finally:
        store.close()


def test_commands_leave_no_change_only_in_the_log(demo_pack, tmp_path):
    assert run_cli("meeting", "new", str(demo_pack), "--date", "2026-01-15").returncode == 0
    assert run_cli("import", str(demo_pack), str(tracker(tmp_path))).returncode == 0
    assert not log_path(demo_pack).exists()
    assert alone(demo_pack, tmp_path, "SELECT count(*) FROM meeting WHERE id = 'M20'") == [(1,)]
    assert alone(demo_pack, tmp_path, "SELECT title FROM action WHERE id = 'NEW-1'") == [("A new action",)]


GLOSSARY = (
    "INSERT INTO glossary VALUES ('ZZA', 'first', NULL)",
    "INSERT INTO glossary VALUES ('ZZB', 'second', NULL)",
    "INSERT INTO glossary VALUES ('ZZC', 'third', NULL)",
)


@pytest.fixture
def logged(demo_master, tmp_path):
    """A pack with three changes committed to its log by a program killed before saving them."""
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = folder / "board.duckdb"
    shutil.copyfile(demo_master, pack)
    commit_and_die(pack, *GLOSSARY)
    assert read_log(pack).changes == 3
    return pack


def test_check_says_what_a_whole_log_holds_and_readers_read_it(logged, tmp_path):
    before = fingerprint(logged.parent)
    result = run_cli("check", str(logged))
    assert result.returncode == 1, result.stderr
    assert (
        "log: board.duckdb.wal holds 3 change(s) not yet saved into board.duckdb itself (the program writing it "
        "stopped first): keep the two files together"
    ) in result.stdout
    report = run_cli("report", str(logged), "--format", "md", "--out", str(tmp_path / "r.md"))
    assert report.returncode == 0, report.stderr
    assert fingerprint(logged.parent) == before  # reading replays the log in memory only


@pytest.mark.parametrize("damage", ["cut in half", "a byte changed"])
def test_a_damaged_log_is_refused_by_every_command_and_the_app(logged, demo_master, tmp_path, damage):
    wal = log_path(logged)
    data = bytearray(wal.read_bytes())
    if damage == "cut in half":
        data = data[: len(data) // 2]
    else:
        data[-40] ^= 0x01
    wal.write_bytes(bytes(data))
    before = fingerprint(logged.parent)
    out = tmp_path / "out"
    out.mkdir()
    expected = "cut short after 1 whole change(s)" if damage == "cut in half" else "a record at byte"
    for args in (
        ("check", str(logged)),
        ("report", str(logged), "--format", "md", "--out", str(out / "r.md")),
        ("diff", str(demo_master), str(logged)),
        ("export", str(logged), "--to", str(out / "snap")),
        ("returns", "list", str(logged)),
        ("meeting", "new", str(logged), "--date", "2026-01-15"),
        ("import", str(logged), str(tracker(tmp_path))),
    ):
        result = run_cli(*args)
        assert result.returncode == 2, args
        sentence = one_sentence(result, "board.duckdb.wal")
        assert f"has a damaged log, board.duckdb.wal ({expected}" in sentence, sentence
        assert "move board.duckdb.wal aside" in sentence
        if args[0] in ("meeting", "import"):
            assert "so nothing was written" in sentence
    started = app(logged)
    assert started.returncode == 2 and "has a damaged log" in one_sentence(started, "board.duckdb.wal")
    assert fingerprint(logged.parent) == before
    assert list(out.iterdir()) == []


def test_a_log_a_writer_is_holding_is_not_called_damaged(logged, holder_of):
    wal = log_path(logged)
    wal.write_bytes(wal.read_bytes()[:-30])  # as it may look halfway through a write
    holder_of(logged)
    result = run_cli("check", str(logged))
    assert result.returncode == 2
    assert "is locked by PID" in one_sentence(result, logged.name)


def test_a_save_kept_waiting_by_a_read_says_so_and_the_next_change_saves_it(demo_pack, tmp_path, monkeypatch):
    from boardtui.errors import BoardError
    from boardtui.store import pack

    monkeypatch.setattr(pack, "CHECKPOINT_PATIENCE", 0.2)
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        changes.AddMinute("M19", "note", "Marked while a read was open").apply(recorder)
        item = store.con.execute("SELECT max(id) FROM minute_item").fetchall()[0][0]
        reader = store.cursor()
        reader.execute("SELECT id FROM minute_item").fetchone()  # a read left open: its transaction too
        with pytest.raises(
            BoardError,
            match=r"the change was recorded in pack.duckdb.wal but could not yet be "
            r"saved into .*pack.duckdb itself .*keep pack.duckdb.wal beside it",
        ):
            recorder.set_confidential(item, True)  # an UPDATE cannot be checkpointed beside an open read
        assert log_path(demo_pack).exists()
        assert alone(demo_pack, tmp_path, "SELECT confidential FROM minute_item WHERE id = ?", item) == [(False,)]
        reader.close()
        recorder.record_rating("IP25-09.2", "M19", "A", "The next change")
        assert alone(demo_pack, tmp_path, "SELECT confidential FROM minute_item WHERE id = ?", item) == [(True,)]
    finally:
        store.close()
