"""The analyst's snapshot: the board's rules' result as the derived action_as_at table, equal to
what the app shows at every board meeting; every file reads in polars, pandas and DuckDB with no
options; meeting.approved_at is written as approved_at_meeting and either name loads back."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest
from conftest import REPO, build_from, edit_csv, run_cli

from boardtui.store import snapshot as snapshot_module
from boardtui.store.db import open_store
from boardtui.store.snapshot import DERIVED, TABLES, open_snapshot
from boardtui.store.views import BoardViews


@pytest.fixture(scope="module")
def skipping_pack(tmp_path_factory):
    """The demo where actions skip ratings: APP-10.1 is not rated at M10 and APP-07.2 not at
    M05, so "latest at or before" differs from "rated at this meeting"."""
    folder = tmp_path_factory.mktemp("skip") / "data"
    shutil.copytree(REPO / "data", folder)

    def skip(rows):
        for row in rows:
            if row["action"] == "APP-10.1":
                row["M10"] = ""
            if row["action"] == "APP-07.2":
                row["M05"] = ""

    edit_csv(folder / "ratings.csv", skip)
    return build_from(folder, folder.parent / "skip.duckdb")


@pytest.fixture(scope="module")
def snap(skipping_pack, tmp_path_factory):
    folder = tmp_path_factory.mktemp("snaps") / "snap"
    result = run_cli("export", str(skipping_pack), "--to", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def test_as_at_table_matches_the_dashboard_at_every_meeting(snap, skipping_pack):
    rows = pq.read_table(snap / "action_as_at" / "part-0.parquet").to_pylist()
    views = BoardViews(open_store(skipping_pack, read_only=True))
    try:
        meetings = views.meetings()
        assert {r["meeting"] for r in rows} == {m.id for m in meetings}
        closed = dict(
            views.store.con.execute("SELECT id, closed_date FROM action WHERE status = 'complete'").fetchall()
        )
        for meeting in meetings:
            here = [r for r in rows if r["meeting"] == meeting.id]
            assert all(r["meeting_date"] == meeting.date for r in here)
            for weakness in views.dashboard(meeting.id):
                mine = [r for r in here if r["weakness"] == weakness.code]
                brags = Counter(r["brag"] for r in mine)
                assert (brags["B"], brags["R"], brags["A"], brags["G"]) == (
                    weakness.b,
                    weakness.r,
                    weakness.a,
                    weakness.g,
                ), (meeting.id, weakness.code)
                # The dashboard's "To rate": not complete by then, and not rated at this meeting.
                to_rate = sum(
                    1
                    for r in mine
                    if not (r["action"] in closed and closed[r["action"]] <= meeting.date)
                    and (r["last_rated"] is None or r["last_rated"] < meeting.date)
                )
                assert to_rate == weakness.unrated, (meeting.id, weakness.code)
                assert sum(r["overdue"] for r in mine) == weakness.overdue_actions, (meeting.id, weakness.code)
                # Row by row, what the actions list shows for that weakness at that meeting.
                shown = {a.id: a for a in views.actions(weakness.code, meeting.id)}
                assert set(shown) == {r["action"] for r in mine}
                for r in mine:
                    a = shown[r["action"]]
                    # The snapshot's revised_target_date is the revision in force then (its published name).
                    assert (r["brag"], r["direction"] or "", r["overdue"], r["revised_target_date"]) == (
                        a.brag,
                        a.direction,
                        a.overdue,
                        a.revised_as_at,
                    )
                    assert r["target_in_force"] == (a.revised_as_at or a.target_date)
    finally:
        views.close()
    # The skipped rating: APP-10.1 at M10 is its M09 rating, as the app shows it.
    skipped = next(r for r in rows if r["meeting"] == "M10" and r["action"] == "APP-10.1")
    before = next(r for r in rows if r["meeting"] == "M09" and r["action"] == "APP-10.1")
    assert skipped["brag"] == before["brag"] is not None and skipped["last_rated"] < skipped["meeting_date"]


def test_manifest_marks_the_as_at_table_derived_and_it_is_not_loaded_back(snap):
    manifest = json.loads((snap / snapshot_module.MANIFEST).read_text())
    entry = manifest["files"]["action_as_at/part-0.parquet"]
    assert entry["derived"] is True and entry["table"] == "action_as_at"
    assert entry["rows"] == pq.read_metadata(snap / "action_as_at" / "part-0.parquet").num_rows > 0
    assert not any(
        manifest["files"][f"{t}/part-0.parquet"].get("derived")
        for t in TABLES
        if f"{t}/part-0.parquet" in manifest["files"]
    )
    store = open_snapshot(snap)
    try:
        tables = {
            t
            for (t,) in store.cursor().execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()
        }
    finally:
        store.close()
    assert "action_as_at" not in tables and set(DERIVED).isdisjoint(tables)


def test_public_snapshot_has_the_same_as_at_rows(snap, skipping_pack, tmp_path):
    public = tmp_path / "public"
    assert run_cli("export", str(skipping_pack), "--to", str(public), "--public").returncode == 0
    assert (
        pq.read_table(public / "action_as_at" / "part-0.parquet").to_pylist()
        == pq.read_table(snap / "action_as_at" / "part-0.parquet").to_pylist()
    )


def test_every_file_reads_in_polars_pandas_and_duckdb_without_options(snap):
    manifest = json.loads((snap / snapshot_module.MANIFEST).read_text())
    con = duckdb.connect()
    try:
        for name, entry in manifest["files"].items():
            path = snap / name
            assert pl.read_parquet(path).height == entry["rows"], name
            assert len(pd.read_parquet(path)) == entry["rows"], name
            assert (
                con.execute("SELECT count(*) FROM read_parquet($p)", {"p": str(path)}).fetchone()[0] == entry["rows"]
            ), name
        # The analyst's question, in each: red actions at each board meeting.
        as_at = snap / "action_as_at" / "part-0.parquet"
        by_polars = dict(pl.read_parquet(as_at).filter(pl.col("brag") == "R").group_by("meeting").len().iter_rows())
        frame = pd.read_parquet(as_at)
        by_pandas = frame[frame["brag"] == "R"].groupby("meeting").size().to_dict()
        by_duckdb = dict(
            con.execute(
                "SELECT meeting, count(*) FROM read_parquet($p) WHERE brag = 'R' GROUP BY meeting", {"p": str(as_at)}
            ).fetchall()
        )
        assert by_polars == by_pandas == by_duckdb and sum(by_duckdb.values()) > 0
    finally:
        con.close()


def test_approved_at_is_written_as_approved_at_meeting_and_either_name_loads(snap, skipping_pack, tmp_path):
    meeting = pq.read_table(snap / "meeting" / "part-0.parquet")
    assert "approved_at_meeting" in meeting.column_names and "approved_at" not in meeting.column_names
    ids = set(meeting.column("id").to_pylist())
    approved = [a for a in meeting.column("approved_at_meeting").to_pylist() if a]
    assert approved and set(approved) <= ids
    # A snapshot written before the rename (approved_at) still opens, with the same values.
    old = tmp_path / "old"
    shutil.copytree(snap, old)
    renamed = meeting.rename_columns(["approved_at" if c == "approved_at_meeting" else c for c in meeting.column_names])
    pq.write_table(renamed, old / "meeting" / "part-0.parquet")
    manifest_path = old / snapshot_module.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    manifest["files"]["meeting/part-0.parquet"]["sha256"] = hashlib.sha256(
        (old / "meeting" / "part-0.parquet").read_bytes()
    ).hexdigest()
    manifest_path.write_text(json.dumps(manifest))
    pack = open_store(skipping_pack, read_only=True)
    try:
        expected = pack.cursor().execute("SELECT id, approved_at FROM meeting ORDER BY id").fetchall()
    finally:
        pack.close()
    for folder in (snap, old):
        store = open_snapshot(folder)
        try:
            assert store.cursor().execute("SELECT id, approved_at FROM meeting ORDER BY id").fetchall() == expected
        finally:
            store.close()


def test_tables_read_in_parts_are_whole_and_in_order(demo_pack, tmp_path):
    """rag_rating and action_as_at are read a part at a time (snapshot.IN_PARTS: 100,000 rating
    ids, one board meeting): the files hold every row once, in the order of the whole table."""
    with duckdb.connect(str(demo_pack)) as con:  # ratings whose ids span three parts
        con.execute("UPDATE rag_rating SET id = id + 150000 WHERE id % 3 = 1")
        con.execute("UPDATE rag_rating SET id = id + 250000 WHERE id % 3 = 2")
        ratings = con.execute("SELECT * FROM rag_rating ORDER BY id").fetchall()
    assert len({r[0] // 100000 for r in ratings}) >= 3
    folder = tmp_path / "snap"
    result = run_cli("export", str(demo_pack), "--to", str(folder))
    assert result.returncode == 0, result.stderr
    written = pq.read_table(folder / "rag_rating" / "part-0.parquet")
    assert [tuple(r.values()) for r in written.to_pylist()] == ratings

    store = open_store(demo_pack, read_only=True)
    cur = store.cursor()
    try:
        whole = cur.execute(
            "SELECT m.id, a.id, a.brag, a.prev_brag, a.target_in_force, a.overdue "
            "FROM board_meetings() m, LATERAL (SELECT * FROM action_as_at(m.id)) a ORDER BY m.date, m.id, a.id"
        ).fetchall()
    finally:
        cur.close()
        store.close()
    derived = pq.read_table(folder / "action_as_at" / "part-0.parquet").to_pylist()
    assert len({r["meeting"] for r in derived}) > 10
    assert [
        (r["meeting"], r["action"], r["brag"], r["prev_brag"], r["target_in_force"], r["overdue"]) for r in derived
    ] == whole
