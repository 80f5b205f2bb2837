"""Parquet snapshots: export read back with pyarrow, public export, round trip, diff, tamper
refusal, interrupted export, and the app on a snapshot folder."""

from __future__ import annotations

import csv
import hashlib
import json

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from apphelp import make_app, screen_text, settle
from conftest import build_from, edit_csv, run_cli

from boardtui.errors import BoardError
from boardtui.store import snapshot as snapshot_module
from boardtui.store.db import LATEST_SCHEMA, open_store
from boardtui.store.snapshot import DERIVED, TABLES, export_snapshot, open_snapshot


@pytest.fixture(scope="module")
def snap(demo_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("snaps") / "snap"
    result = run_cli("export", str(demo_master), "--to", str(folder))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # no progress bar when not a terminal
    return folder


@pytest.fixture(scope="module")
def public_snap(demo_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("snaps") / "public"
    result = run_cli("export", str(demo_master), "--to", str(folder), "--public")
    assert result.returncode == 0, result.stderr
    assert "removed: minute items marked confidential" in result.stdout
    return folder


def test_every_file_reads_back_with_the_manifest_counts_and_hashes(snap, demo_master):
    manifest = json.loads((snap / "_manifest.json").read_text())
    assert manifest["schema_version"] == LATEST_SCHEMA and manifest["public"] is False
    assert manifest["source"] == str(demo_master) and manifest["app_version"]
    assert set(manifest["files"]) == {f.relative_to(snap).as_posix() for f in snap.rglob("*.parquet")}
    assert len(manifest["files"]) == len(TABLES) + len(DERIVED)
    for name, entry in manifest["files"].items():
        path = snap / name
        table = pq.read_table(path)
        assert table.num_rows == entry["rows"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"]
        identity = json.loads(table.schema.metadata[b"boardtui.snapshot"])
        assert identity["snapshot_id"] == manifest["snapshot_id"] and identity["table"] == entry["table"]
        meta = pq.ParquetFile(path).metadata
        assert meta.row_group(0).column(0).compression == "ZSTD" if meta.num_row_groups else True
    action = pq.read_table(snap / "action" / "part-0.parquet").schema
    assert action.field("target_date").type == pa.date32()
    assert action.field("revised_target_date").type == pa.date32()
    assert pq.read_table(snap / "rag_rating" / "part-0.parquet").schema.field("recorded_at").type == pa.timestamp("us")
    assert manifest["files"]["weakness/part-0.parquet"]["rows"] == 13


def _names(data_dir):
    with (data_dir / "members.csv").open() as handle:
        names = {row["person"] for row in csv.DictReader(handle)}
    with (data_dir / "actions.csv").open() as handle:
        for row in csv.DictReader(handle):
            names |= {row["action_lead"], row["senior_officer"]}
    return names - {"Head teacher representative"}


def test_public_export_has_no_confidential_item_no_audit_log_and_no_names(public_snap, data_copy):
    manifest = json.loads((public_snap / "_manifest.json").read_text())
    assert manifest["public"] is True and len(manifest["removed"]) == 5
    assert not (public_snap / "audit_log" / "part-0.parquet").exists()
    minutes = pq.read_table(public_snap / "minute_item" / "part-0.parquet").to_pylist()
    assert minutes and not any(m["confidential"] for m in minutes)
    names = _names(data_copy)
    assert "Grace Lin" in names
    for path in public_snap.rglob("*.parquet"):
        for row in pq.read_table(path).to_pylist():
            for value in row.values():
                if isinstance(value, str):
                    assert not any(name in value for name in names), (path.name, value)
    roles = {r["person"] for r in pq.read_table(public_snap / "attendance" / "part-0.parquet").to_pylist()}
    assert "Independent Chair" in roles


def _sorted_hashes(folder):
    out = {}
    for path in sorted(folder.rglob("*.parquet")):
        rows = pq.read_table(path).to_pylist()
        out[path.relative_to(folder).as_posix()] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    return out


def test_round_trip_export_open_export_gives_the_same_content(snap, tmp_path):
    again = tmp_path / "again"
    store = open_store(snap)  # a folder opens as a read-only snapshot
    assert store.read_only and "snapshot of" in store.banner
    try:
        export_snapshot(store, again)
    finally:
        store.close()
    assert _sorted_hashes(again) == _sorted_hashes(snap)


def test_existing_folder_is_never_merged_into(demo_pack, tmp_path):
    target = tmp_path / "taken"
    target.mkdir()
    (target / "mine.txt").write_text("keep")
    result = run_cli("export", str(demo_pack), "--to", str(target))
    assert result.returncode == 2 and "never merged" in result.stderr
    assert [p.name for p in target.iterdir()] == ["mine.txt"]


def test_interrupted_export_leaves_nothing_behind(demo_pack, tmp_path, monkeypatch):
    # The disk fills while the 4th file is written: DuckDB's writer says so as an IO error.
    calls = {"n": 0}
    real_write = snapshot_module._write_table

    def failing_write(cur, writer, query, path, identity, rows_given=None):
        calls["n"] += 1
        if calls["n"] == 4:
            path.write_bytes(b"PAR1 half a file")
            raise duckdb.IOException(f'IO Error: Could not write file "{path}": No space left on device')
        return real_write(cur, writer, query, path, identity, rows_given)

    monkeypatch.setattr(snapshot_module, "_write_table", failing_write)
    store = open_store(demo_pack, read_only=True)
    try:
        with pytest.raises(BoardError, match=r"No space left on device.*nothing was written"):
            export_snapshot(store, tmp_path / "snap")
    finally:
        store.close()
    assert list(tmp_path.iterdir()) == [demo_pack]


def _copy_snapshot(snap, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(snap, copy)
    return copy


def test_tampered_file_is_refused(snap, tmp_path):
    copy = _copy_snapshot(snap, tmp_path)
    data = bytearray((copy / "rag_rating" / "part-0.parquet").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (copy / "rag_rating" / "part-0.parquet").write_bytes(bytes(data))
    result = run_cli("check", str(copy))
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "rag_rating/part-0.parquet does not match its SHA-256" in result.stderr


def test_missing_file_is_refused(snap, tmp_path):
    copy = _copy_snapshot(snap, tmp_path)
    (copy / "evidence" / "part-0.parquet").unlink()
    with pytest.raises(BoardError, match=r"incomplete: evidence/part-0.parquet is missing"):
        open_snapshot(copy)


def test_manifest_from_a_newer_schema_is_refused(snap, tmp_path):
    copy = _copy_snapshot(snap, tmp_path)
    manifest = json.loads((copy / "_manifest.json").read_text())
    manifest["schema_version"] = LATEST_SCHEMA + 1
    (copy / "_manifest.json").write_text(json.dumps(manifest))
    result = run_cli("check", str(copy))
    assert result.returncode == 2 and "newer than this boardtui" in result.stderr


@pytest.fixture
def changed_pack(tmp_path, data_copy):
    """The demo with known changes: one rating, one revised target, one minute, one judgement."""

    def rating(rows):
        for row in rows:
            if row["action"] == "IP25-09.2":
                row["M19"] = "R"

    def target(rows):
        for row in rows:
            if row["id"] == "IP25-09.3":
                row["revised_target_date"], row["target_revised_on"] = "2026-12-31", "2025-11-20"

    def minute(rows):
        rows.append(
            {
                **rows[-1],
                "item_order": "9",
                "kind": "decision",
                "weakness": "W09",
                "action": "IP25-09.2",
                "text": "Escalate the annual review backlog.",
                "confidential": "false",
            }
        )

    def judgement(rows):
        rows.append(
            {
                **rows[-1],
                "weakness": "W09",
                "date": "2025-11-01",
                "body": "DfE/NHS England review",
                "outcome": "remains under monitoring",
                "note": "Illustrative follow-up review",
            }
        )

    edit_csv(data_copy / "ratings.csv", rating)
    edit_csv(data_copy / "actions.csv", target)
    edit_csv(data_copy / "minutes.csv", minute)
    edit_csv(data_copy / "judgements.csv", judgement)
    return build_from(data_copy, tmp_path / "changed.duckdb")


def test_diff_names_what_changed_in_every_format(demo_master, changed_pack, snap):
    text = run_cli("diff", str(demo_master), str(changed_pack))
    assert text.returncode == 0, text.stderr
    assert "Ratings changed (1)" in text.stdout
    assert "IP25-09.2 G → R ↓" in text.stdout
    assert "IP25-09.3 revised none → 2026-12-31" in text.stdout
    assert "M19 item 9 decision (IP25-09.2): Escalate the annual review backlog." in text.stdout
    assert "W09 2025-11-01 DfE/NHS England review: remains under monitoring" in text.stdout
    data = json.loads(run_cli("diff", str(snap), str(changed_pack), "--format", "json").stdout)
    assert data["ratings_changed"] == [
        {
            "id": "IP25-09.2",
            "weakness": "W09",
            "title": "Quality of annual review amendments",
            "old": "G",
            "new": "R",
            "direction": "↓",
            "meeting": "M19",
        }
    ]
    assert data["actions_added"] == [] and len(data["minutes_added"]) == 1
    md = run_cli("diff", str(demo_master), str(changed_pack), "--format", "md").stdout
    assert md.startswith("# Changes:") and "## Ratings changed (1)" in md
    same = run_cli("diff", str(demo_master), str(snap))
    assert same.stdout.strip().endswith("no differences")


async def test_the_app_opens_a_snapshot_folder(public_snap):
    app = make_app(public_snap)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Read-only public snapshot of" in text and "W13" in text
        await pilot.press(*["down"] * 8, "enter", "enter")
        await settle(pilot)
        assert "withheld" in screen_text(app)
    app.close_pack()


async def test_e_exports_the_open_pack_in_the_background(demo_pack, tmp_path):
    app = make_app(demo_pack, snapshots=tmp_path / "out")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        made = list((tmp_path / "out").iterdir())
        assert len(made) == 1 and made[0].name.startswith("pack-")
        assert (made[0] / "_manifest.json").is_file()
        assert any("Snapshot written to" in str(n.message) for n in app._notifications)
    app.close_pack()


def test_progress_bar_only_on_a_terminal(demo_pack, tmp_path):
    import io

    from boardtui.store.snapshot import terminal_progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert terminal_progress(io.StringIO()) is None
    screen = Terminal()
    store = open_store(demo_pack, read_only=True)
    try:
        export_snapshot(store, tmp_path / "snap", progress=terminal_progress(screen))
    finally:
        store.close()
    shown = screen.getvalue()
    files = len(TABLES) + len(DERIVED)
    assert shown.count("\r[") == files and f"{files}/{files} action_as_at" in shown and shown.endswith("\n")


def flat_copy(snap, folder, manifest_name="_manifest.json"):
    """``snap`` laid out as snapshots were before tables had folders: one ``table.parquet`` each."""
    import shutil

    folder.mkdir()
    manifest = json.loads((snap / "_manifest.json").read_text())
    files = {}
    for name, entry in manifest["files"].items():
        shutil.copy2(snap / name, folder / f"{entry['table']}.parquet")
        files[f"{entry['table']}.parquet"] = entry
    manifest["files"] = files
    (folder / manifest_name).write_text(json.dumps(manifest))
    return folder


@pytest.mark.parametrize("manifest_name", ["_manifest.json", "manifest.json"])
def test_an_old_flat_snapshot_still_opens_exports_and_diffs(snap, demo_master, tmp_path, manifest_name):
    flat = flat_copy(snap, tmp_path / "flat", manifest_name)
    assert not any(p.is_dir() for p in flat.iterdir())
    store = open_store(flat)
    try:
        assert store.con.execute("SELECT count(*) FROM rag_rating").fetchone()[0] == 807
    finally:
        store.close()
    again = tmp_path / "again"
    assert run_cli("export", str(flat), "--to", str(again)).returncode == 0
    assert (again / "action" / "part-0.parquet").is_file()  # written in today's layout
    assert _sorted_hashes(again) == _sorted_hashes(snap)
    same = run_cli("diff", str(flat), str(demo_master))
    assert same.returncode == 0 and same.stdout.strip().endswith("no differences")
