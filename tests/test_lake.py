"""A lake of many boards' snapshots: lake add checks each snapshot whole and adds all or none;
every table reads as one Hive-style table in pyarrow, polars, pandas and DuckDB (Spark in
test_lake_spark.py); the app opens it read-only and shows each board as at its own meetings."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from apphelp import make_app, screen_text, settle
from conftest import REPO, build_from, edit_csv, run_cli

from boardtui.errors import BoardError
from boardtui.store import lake as lake_module
from boardtui.store.db import open_store
from boardtui.store.snapshot import DERIVED, TABLES
from boardtui.store.views import BoardViews

VARIED_ID = "0a1b2c3d-varied-board"


@pytest.fixture(scope="module")
def boards(tmp_path_factory):
    """Three areas of `demo --scale 3` as three boards' public snapshots, and a fourth board of
    its own: its last meeting a week after the others' and one rating there changed."""
    root = tmp_path_factory.mktemp("boards")
    done = run_cli("demo", str(root / "areas"), "--scale", "3", "--boards")
    assert done.returncode == 0, done.stderr
    data = root / "data"
    shutil.copytree(REPO / "data", data)
    text = (data / "board.toml").read_text()
    text = text.replace("illustrative = true\n", f'illustrative = true\npack_id = "{VARIED_ID}"\n', 1)
    (data / "board.toml").write_text(text)
    edit_csv(data / "meetings.csv", lambda rows: [r.update(date="2025-11-27") for r in rows if r["id"] == "M19"])
    edit_csv(data / "ratings.csv", lambda rows: [r.update(M19="R") for r in rows if r["action"] == "IP25-09.2"])
    pack = build_from(data, root / "varied.duckdb")
    done = run_cli("export", str(pack), "--to", str(root / "varied"), "--public")
    assert done.returncode == 0, done.stderr
    return [*sorted((root / "areas").iterdir()), root / "varied"], pack


@pytest.fixture(scope="module")
def lake(boards, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lakes") / "lake"
    done = run_cli("lake", "add", str(folder), *map(str, boards[0]))
    assert done.returncode == 0, done.stderr
    assert "added 4 snapshot(s)" in done.stdout and "now holds 4 board(s)" in done.stdout
    return folder


def tree(folder: Path) -> dict[str, str]:
    """Every file under a folder and its SHA-256 (the lock file aside)."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != lake_module.LOCK
    }


def test_every_table_has_a_partition_per_board_and_list_says_what_is_there(lake):
    catalog = lake_module.read_catalog(lake)
    assert len(catalog.boards) == 4 and VARIED_ID in catalog.boards
    for table in (*TABLES, *DERIVED):
        assert sorted(p.name for p in (lake / table).iterdir()) == sorted(f"board={b}" for b in catalog.boards)
    listed = run_cli("lake", "list", str(lake))
    assert listed.returncode == 0 and "4 board(s), public snapshots; 4 snapshot(s) added in all" in listed.stdout
    history = lake_module.read_history(lake)
    entry = next(h for h in history if h["pack_id"] == VARIED_ID)
    assert entry["files"][f"action/board={VARIED_ID}/part-0.parquet"]["rows"] == 102


def test_each_reader_reads_one_table_of_a_snapshot_and_of_the_lake(boards, lake):
    snap = boards[0][-1]
    # One table of a snapshot, in each reader, with its types.
    frames = {
        "pyarrow": ds.dataset(snap / "action").to_table(),
        "polars": pl.scan_parquet(str(snap / "action" / "*.parquet")).collect().to_arrow(),
        "pandas": pa.Table.from_pandas(pd.read_parquet(snap / "action")),
    }
    con = duckdb.connect()
    frames["duckdb"] = con.sql(
        "SELECT * FROM read_parquet('" + str(snap / "action" / "*.parquet") + "')"
    ).to_arrow_table()
    for name, table in frames.items():
        assert table.num_rows == 102, name
        assert table.schema.field("target_date").type == pa.date32(), name
    # The lake's action table: every board's rows, the board from the folder.
    expected = {b: 102 for b in lake_module.read_catalog(lake).boards}
    by_pyarrow = Counter(
        ds.dataset(lake / "action", partitioning="hive").to_table(columns=["board"]).column("board").to_pylist()
    )
    by_polars = dict(
        pl.scan_parquet(str(lake / "action" / "*" / "*.parquet"), hive_partitioning=True)
        .group_by("board")
        .len()
        .collect()
        .iter_rows()
    )
    by_pandas = pd.read_parquet(lake / "action").groupby("board", observed=True).size().to_dict()
    by_duckdb = dict(
        con.execute(
            "SELECT board, count(*) FROM read_parquet($p, hive_partitioning = true) GROUP BY board",
            {"p": str(lake / "action" / "*" / "*.parquet")},
        ).fetchall()
    )
    assert dict(by_pyarrow) == by_polars == {str(k): v for k, v in by_pandas.items()} == by_duckdb == expected
    types = ds.dataset(lake / "rag_rating", partitioning="hive").schema
    assert types.field("recorded_at").type == pa.timestamp("us")
    # The derived table answers the analyst's question the same in each.
    red = con.execute(
        "SELECT board, meeting, count(*) FROM read_parquet($p, hive_partitioning = true) "
        "WHERE brag = 'R' GROUP BY ALL ORDER BY ALL",
        {"p": str(lake / "action_as_at" / "*" / "*.parquet")},
    ).fetchall()
    by_polars = (
        pl.scan_parquet(str(lake / "action_as_at" / "*" / "*.parquet"), hive_partitioning=True)
        .filter(pl.col("brag") == "R")
        .group_by("board", "meeting")
        .len()
        .sort("board", "meeting")
        .collect()
    )
    assert [tuple(r) for r in by_polars.iter_rows()] == red and red
    con.close()


def _damage(folder: Path) -> None:
    data = bytearray((folder / "rag_rating" / "part-0.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / "rag_rating" / "part-0.parquet").write_bytes(bytes(data))


def _tamper_rows(folder: Path) -> None:
    manifest = json.loads((folder / "_manifest.json").read_text())
    manifest["files"]["evidence/part-0.parquet"]["rows"] += 1
    (folder / "_manifest.json").write_text(json.dumps(manifest))


def _no_manifest(folder: Path) -> None:
    (folder / "_manifest.json").unlink()


@pytest.mark.parametrize(
    "spoil, words",
    [
        (_damage, "rag_rating/part-0.parquet does not match its SHA-256"),
        (_tamper_rows, "evidence/part-0.parquet holds"),
        (_no_manifest, "has no _manifest.json"),
    ],
    ids=["damaged", "rows tampered", "no manifest"],
)
def test_lake_add_refuses_a_damaged_or_tampered_snapshot_and_changes_nothing(boards, lake, tmp_path, spoil, words):
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy)
    before = tree(copy)
    bad = tmp_path / "bad"
    shutil.copytree(boards[0][1], bad)
    spoil(bad)
    done = run_cli("lake", "add", str(copy), str(boards[0][0]), str(bad))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and words in done.stderr
    assert "nothing was added to the lake" in done.stderr
    assert tree(copy) == before and not (copy / lake_module.STAGING).exists()


def test_a_full_snapshot_needs_private_and_the_lake_becomes_its_owners(demo_master, tmp_path):
    full = tmp_path / "full"
    assert run_cli("export", str(demo_master), "--to", str(full)).returncode == 0
    refused = run_cli("lake", "add", str(tmp_path / "lake"), str(full))
    assert refused.returncode == 2 and "is a full snapshot" in refused.stderr and "--private" in refused.stderr
    assert not (tmp_path / "lake").exists()
    done = run_cli("lake", "add", str(tmp_path / "lake"), str(full), "--private")
    assert done.returncode == 0 and "its owner's only" in done.stdout
    assert (tmp_path / "lake").stat().st_mode & 0o777 == 0o700


def test_a_newer_snapshot_replaces_its_boards_and_an_older_one_is_refused(boards, lake, tmp_path):
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy)
    newer = tmp_path / "newer"
    assert run_cli("export", str(boards[1]), "--to", str(newer), "--public").returncode == 0
    done = run_cli("lake", "add", str(copy), str(newer))
    assert done.returncode == 0 and "replacing its snapshot of" in done.stdout, done.stderr
    catalog = lake_module.read_catalog(copy)
    assert (
        len(catalog.boards) == 4
        and catalog.boards[VARIED_ID].key == lake_module.read_catalog(lake).boards[VARIED_ID].key
    )
    assert [h["pack_id"] for h in lake_module.read_history(copy)].count(VARIED_ID) == 2
    older = run_cli("lake", "add", str(copy), str(boards[0][-1]))
    assert older.returncode == 2 and "holds a later snapshot of this board" in older.stderr


def test_an_add_stopped_while_moving_is_refused_by_the_app_and_finished_by_lake_list(
    boards, lake, tmp_path, monkeypatch
):
    copy = tmp_path / "lake"
    shutil.copytree(lake, copy)
    newer = tmp_path / "newer"
    assert run_cli("export", str(boards[1]), "--to", str(newer), "--public").returncode == 0
    real, moved = lake_module.os.replace, []

    def stop_after_three(source, target):
        if "board=" in str(target) and len(moved) == 3:
            raise KeyboardInterrupt  # the process stopped mid-move
        moved.append(target)
        return real(source, target)

    monkeypatch.setattr(lake_module.os, "replace", stop_after_three)
    with pytest.raises(KeyboardInterrupt):
        lake_module.add(copy, [newer])
    monkeypatch.setattr(lake_module.os, "replace", real)
    assert lake_module.unfinished(copy)
    with pytest.raises(BoardError, match="was stopped while it moved its files into place; run 'boardtui lake list"):
        open_store(copy, read_only=True, lake=True)
    listed = run_cli("lake", "list", str(copy))
    assert listed.returncode == 0 and not lake_module.unfinished(copy)
    assert [h["pack_id"] for h in lake_module.read_history(copy)].count(VARIED_ID) == 2
    open_store(copy, read_only=True, lake=True).close()


def _strip(rows):
    return [r._replace(code=r.code.split("-", 1)[1], short_name=r.short_name.split(": ", 1)[1]) for r in rows]


def test_each_board_is_shown_as_at_its_own_meetings(lake, boards, demo_master):
    views = BoardViews(open_store(lake, read_only=True, lake=True))
    demo = BoardViews(open_store(demo_master, read_only=True))
    varied = BoardViews(open_store(boards[1], read_only=True))
    try:
        steps = views.meetings()
        assert [s.id for s in steps[-2:]] == ["2025-11-20", "2025-11-27"] and len(steps) == 20
        assert steps[-1].title == "1 board(s) met"
        keys = {b.pack_id: b.key for b in lake_module.read_catalog(lake).boards.values()}
        area2 = keys[lake_module_area_id(2)]
        mine = keys[VARIED_ID]
        for step, meeting in zip(steps[:19], demo.meetings(), strict=False):
            rows = [r for r in views.dashboard(step.id) if r.code.startswith(area2 + "-")]
            assert _strip(rows) == demo.dashboard(meeting.id), step.id
        varied_meetings = {m.id: m for m in varied.meetings()}
        # On 20 Nov the varied board had not met yet: as at its own M18, against its M17.
        on_20th = [r for r in views.dashboard("2025-11-20") if r.code.startswith(mine + "-")]
        assert _strip(on_20th) == varied.dashboard("M18")
        on_27th = [r for r in views.dashboard("2025-11-27") if r.code.startswith(mine + "-")]
        assert _strip(on_27th) == varied.dashboard("M19") != varied.dashboard("M18")
        assert varied_meetings["M19"].date.isoformat() == "2025-11-27"
        # The actions of one weakness, and the matrix, agree with the board's own pack.
        fields = ("brag", "direction", "overdue", "target_in_force", "last_rated", "status")
        shown = views.actions(f"{mine}-W09", "2025-11-27")
        assert [(a.id.split("-", 1)[1], *(getattr(a, f) for f in fields)) for a in shown] == [
            (a.id, *(getattr(a, f) for f in fields)) for a in varied.actions("W09", "M19")
        ]
        matrix = views.matrix([f"{mine}-W09"])
        own = varied.matrix(["W09"])
        assert matrix[(f"{mine}-W09", "2025-11-20")].brag == own[("W09", "M18")].brag
        assert matrix[(f"{mine}-W09", "2025-11-27")].brag == own[("W09", "M19")].brag
    finally:
        views.close()
        demo.close()
        varied.close()


def lake_module_area_id(area: int) -> str:
    from boardtui.store.scale import area_pack_id

    return area_pack_id(area)


def test_commands_other_than_the_app_say_a_lake_is_not_a_pack(lake):
    done = run_cli("check", str(lake))
    assert done.returncode == 2 and "is a lake of boards' snapshots, not a pack or a snapshot" in done.stderr


async def test_the_app_opens_a_lake_drills_down_and_travels_in_time(lake):
    app = make_app(lake)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Read-only lake of 4 board(s)" in text and "B0002-W01" in text and "2025-11-27" in text
        await pilot.press(*["down"] * 8, "enter")  # B0002-W09: its actions
        await settle(pilot)
        assert "8 of 8 actions" in screen_text(app) and "B0002-IP25-09.2" in screen_text(app)
        await pilot.press("enter")  # an action's detail
        await settle(pilot)
        assert "BRAG history" in screen_text(app)
        await pilot.press("escape", "escape", "left_square_bracket")
        await settle(pilot)
        assert app.meeting.id == "2025-11-20" and "earlier meeting" in screen_text(app)
        await pilot.press("x")
        await settle(pilot)
        assert "exception(s) in" in screen_text(app)
        await pilot.press("escape", "m")
        await settle(pilot)
        assert "2025-11-27" in screen_text(app) or "Each cell" in screen_text(app)
        await pilot.press("escape", "e")
        await settle(pilot)
        assert any("lake of boards' snapshots" in str(n.message) for n in app._notifications)
    app.close_pack()


def test_the_first_frame_reader_reads_a_lake_and_a_snapshot(lake, boards):
    # The app's forked first-frame reader (app/run.py) looks for a pack file's own views and
    # macros beside its first reads; a lake's and a snapshot's views are boardtui's own, so it
    # must send their first frame, not leave the app to open them again after start-up.
    import subprocess
    import sys

    probe = (
        "import sys\nfrom pathlib import Path\nfrom boardtui.app.run import FirstFrameChild\n"
        "child = FirstFrameChild(Path(sys.argv[1]))\nassert child.pid\nprint(child.result() is not None)"
    )
    for folder in (lake, boards[0][0]):
        done = subprocess.run([sys.executable, "-c", probe, str(folder)], capture_output=True, text=True, timeout=120)
        assert done.stdout.strip() == "True", (folder, done.stderr)
