"""Issue 28, through the real command line: every pack its own id; a return exported from a pack
or folder the officer cannot write; one officer's second update for the same meeting replacing
the first in the meeting pack (both kept); conflict wording that says what happened; and
`returns due`, the secretary's list of who has sent an update since the last meeting."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest

from boardtui.store.db import open_store
from boardtui.store.recording import Recorder
from boardtui.store.returns import OfficerDesk
from boardtui.store.updates import UpdateText
from conftest import pack_query, run_cli

GRACE, DANIEL = "Grace Lin", "Daniel Okafor"


def snapshot_of(pack: Path, folder: Path) -> Path:
    result = run_cli("export", str(pack), "--to", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def write_on(source: Path, who: str, *updates: UpdateText) -> list[str]:
    store = open_store(source)
    try:
        desk = OfficerDesk(store, who)
        return [desk.save(u).update.uid for u in updates]
    finally:
        store.close()


def send(source: Path, to: Path, who: str, *extra: str):
    return run_cli("returns", "export", str(source), "--to", str(to), "--author", who, *extra)


def one_sentence(result) -> str:
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


# Every pack its own id ----------------------------------------------------------------------
def test_each_demo_and_init_pack_has_its_own_id_and_refuses_another_ones_return(tmp_path):
    packs = [tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "c.duckdb", tmp_path / "d.duckdb"]
    for command, pack in zip(("demo", "demo", "init", "init"), packs):
        assert run_cli(command, str(pack)).returncode == 0
    ids = [pack_query(pack, "SELECT pack_id FROM board")[0][0] for pack in packs]
    assert len(set(ids)) == 4 and all(len(i) == 36 for i in ids)
    # The demo's data are otherwise the same: the same actions and ratings.
    assert pack_query(packs[0], "SELECT count(*), sum(hash(brag)) FROM rag_rating") == \
        pack_query(packs[1], "SELECT count(*), sum(hash(brag)) FROM rag_rating")

    write_on(packs[0], GRACE, UpdateText("IP25-09.2", "Written on the first demo pack"))
    assert send(packs[0], tmp_path / "grace.boardreturn", GRACE).returncode == 0
    refused = run_cli("returns", "import", str(packs[1]), str(tmp_path / "grace.boardreturn"))
    assert "was written on another board's pack" in one_sentence(refused)
    assert pack_query(packs[1], "SELECT count(*) FROM officer_update") == [(0,)]
    assert run_cli("returns", "import", str(packs[0]), str(tmp_path / "grace.boardreturn")).returncode == 0
