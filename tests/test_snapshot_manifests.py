"""Snapshot manifests are checked before anything is read: each bad one is one sentence, exit 2,
in check, diff, export, report and the app. A snapshot holds every table of its schema version,
with the row counts its manifest states, and a public flag its contents bear out. The manifest
is _manifest.json, which folder readers skip; an older manifest.json is still read."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from conftest import run_cli
from peak import run_with_peak

from boardtui.cli import main
from boardtui.config import Config
from boardtui.errors import BoardError
from boardtui.store.db import open_store
from boardtui.store.snapshot import MANIFEST, OLD_MANIFEST


@pytest.fixture(scope="module")
def full_snap(demo_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("snaps") / "full"
    result = run_cli("export", str(demo_master), "--to", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


@pytest.fixture(scope="module")
def public_snap(demo_master, tmp_path_factory):
    folder = tmp_path_factory.mktemp("snaps") / "public"
    assert run_cli("export", str(demo_master), "--to", str(folder), "--public").returncode == 0
    return folder


def copy_of(snap: Path, tmp_path: Path, change=None) -> Path:
    folder = tmp_path / "snap"
    shutil.copytree(snap, folder)
    if change:
        manifest = json.loads((folder / MANIFEST).read_text())
        change(manifest, folder)
        (folder / MANIFEST).write_text(json.dumps(manifest))
    return folder


def _set(key, value):
    def change(manifest, folder):
        manifest[key] = value

    return change


def _drop(key):
    def change(manifest, folder):
        del manifest[key]

    return change


def _without_table(table):
    def change(manifest, folder):
        del manifest["files"][f"{table}/part-0.parquet"]
        shutil.rmtree(folder / table)

    return change


def _rows_off(manifest, folder):
    manifest["files"]["rag_rating/part-0.parquet"]["rows"] += 1


def _string_entry(manifest, folder):
    manifest["files"]["rag_rating/part-0.parquet"] = "rag_rating.parquet"


def _escaping_name(manifest, folder):
    manifest["files"]["../rag_rating.parquet"] = manifest["files"].pop("rag_rating/part-0.parquet")


def _nested(levels):
    def change(manifest, folder):
        manifest["files"]["rag_rating/part-0.parquet"]["x"] = json.loads("[" * levels + "]" * levels)

    return change


def _many_files(manifest, folder):
    for n in range(201 - len(manifest["files"])):
        manifest["files"][f"extra{n}.parquet"] = manifest["files"]["rag_rating/part-0.parquet"]


def _public_without_audit_log(manifest, folder):
    manifest["public"] = True
    for table in ("audit_log", "publication_decision", "public_title"):  # what a public one never holds
        del manifest["files"][f"{table}/part-0.parquet"]
        shutil.rmtree(folder / table)


# (what is wrong, the change, words the sentence must hold)
BAD = [
    (
        "exported_at is not a time",
        _set("exported_at", "yesterday"),
        "'exported_at' is \"yesterday\", not a date and time",
    ),
    ("no source", _drop("source"), "'source' is missing"),
    ("no files", _set("files", []), "'files' lists no files"),
    (
        "files as a list of names",
        _set("files", ["rag_rating.parquet"]),
        "'files' is [\"rag_rating.parquet\"], not a map",
    ),
    ("a string entry", _string_entry, "the 'files' entry for rag_rating/part-0.parquet is \"rag_rating.parquet\""),
    ("a file outside the folder", _escaping_name, 'the file of table rag_rating is "../rag_rating.parquet"'),
    ("a table removed, its file deleted", _without_table("rag_rating"), "lists no rag_rating table"),
    (
        "row count disagrees with the file",
        _rows_off,
        "rag_rating/part-0.parquet holds 807 rows, but _manifest.json says 808",
    ),
    ("schema version as text", _set("schema_version", "2"), "'schema_version' is \"2\", not a schema version number"),
    (
        "public on a full snapshot",
        _set("public", True),
        "says the snapshot is public, but it holds the audit_log table",
    ),
    (
        "public without the audit log, names still there",
        _public_without_audit_log,
        "says the snapshot is public, but it holds confidential minute items",
    ),
    ("public is text", _set("public", "yes"), "'public' is \"yes\", not true or false"),
    (
        "nested deeper than read",
        _nested(40),
        "its records are nested more than 16 deep, at files.rag_rating/part-0.parquet.x",
    ),
    (
        "a lone surrogate",
        _set("source", "pack\ud800.duckdb"),
        "source holds a lone surrogate, which is not a character",
    ),
    ("more files than a snapshot has", _many_files, "'files' lists 201 files, and a snapshot has at most 200"),
]


@pytest.mark.parametrize("case", BAD, ids=[c[0] for c in BAD])
def test_bad_manifest_is_one_sentence_in_every_command_and_the_app(case, full_snap, demo_master, tmp_path, capsys):
    _, change, words = case
    refused_everywhere(copy_of(full_snap, tmp_path, change), demo_master, tmp_path, capsys, words)


# (what is wrong, how the manifest's text is changed, words the sentence must hold)
BAD_TEXT = [
    (
        "nested 100,000 deep",
        lambda text: text.replace('"source":', '"x": ' + "[" * 100_000 + "]" * 100_000 + ', "source":'),
        "is not a boardtui snapshot manifest (its records are nested more than 16 deep)",
    ),
    (
        "a key twice",
        lambda text: text.replace('"source":', '"source": "elsewhere.duckdb", "source":'),
        "is not a boardtui snapshot manifest (the key 'source' appears twice in one of its records",
    ),
    (
        "over 1 MB",
        lambda text: text.replace('"source":', '"padding": "' + "p" * 1_100_000 + '", "source":'),
        "_manifest.json is 1.1 MB, and a snapshot's manifest is at most 1 MB",
    ),
]


@pytest.mark.parametrize("case", BAD_TEXT, ids=[c[0] for c in BAD_TEXT])
def test_a_manifest_too_deep_doubled_or_too_big_in_every_command_and_the_app(
    case, full_snap, demo_master, tmp_path, capsys
):
    _, change, words = case
    folder = copy_of(full_snap, tmp_path)
    text = (folder / MANIFEST).read_text(encoding="utf-8")
    (folder / MANIFEST).write_text(change(text), encoding="utf-8")
    refused_everywhere(folder, demo_master, tmp_path, capsys, words)
    for args in (["check", str(folder)], [str(folder)]):  # the second opens the app
        result, peak = run_with_peak(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
        assert peak < 300, f"{peak:.0f} MB"


def refused_everywhere(folder: Path, demo_master: Path, tmp_path: Path, capsys, words: str) -> None:
    commands = [
        ["check", str(folder)],
        ["diff", str(folder), str(demo_master)],
        ["diff", str(demo_master), str(folder)],
        ["export", str(folder), "--to", str(tmp_path / "again")],
        ["report", str(folder), "--format", "md", "--out", str(tmp_path / "r.md")],
    ]
    for argv in commands:
        capsys.readouterr()
        assert main(argv) == 2, argv
        out, err = capsys.readouterr()
        assert out == "" and len(err.strip().splitlines()) == 1, (argv, err)
        assert words in err and "snap" in err, (argv, err)
    from boardtui.app.run import load_app

    with pytest.raises(BoardError) as refused:
        load_app(folder, Config())
    assert words in str(refused.value)
    assert not (tmp_path / "again").exists() and not (tmp_path / "r.md").exists()


def test_a_fresh_process_says_it_in_one_line_with_exit_2(full_snap, tmp_path):
    folder = copy_of(full_snap, tmp_path, _set("exported_at", "yesterday"))
    for args in (["check", str(folder)], [str(folder)]):  # the second opens the app
        result = run_cli(*args)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "'exported_at'" in result.stderr


def test_manifest_that_is_not_json_or_cannot_be_read(full_snap, tmp_path):
    folder = copy_of(full_snap, tmp_path)
    (folder / MANIFEST).write_text("{not json")
    result = run_cli("check", str(folder))
    assert result.returncode == 2 and "is not a boardtui snapshot manifest (it is not JSON)" in result.stderr
    shutil.copy(full_snap / MANIFEST, folder / MANIFEST)
    os.chmod(folder / "rag_rating" / "part-0.parquet", 0)
    try:
        argv = [sys.executable, "-m", "boardtui", "check", str(folder)]
        if os.geteuid() == 0:
            if not shutil.which("setpriv"):
                pytest.skip("running as root without setpriv")
            argv = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    finally:
        os.chmod(folder / "rag_rating" / "part-0.parquet", 0o644)
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1
    assert "rag_rating/part-0.parquet cannot be read" in done.stderr


def test_a_real_public_snapshot_opens_and_says_so(public_snap):
    store = open_store(public_snap)
    try:
        assert store.banner.startswith("Read-only public snapshot of")
    finally:
        store.close()


def test_a_schema_1_snapshot_needs_only_the_tables_schema_1_had(full_snap, tmp_path):
    def schema_1(manifest, folder):
        manifest["schema_version"] = 1
        for table in ("officer_update", "glossary", "publication_decision", "public_title"):
            del manifest["files"][f"{table}/part-0.parquet"]
            shutil.rmtree(folder / table)

    older = copy_of(full_snap, tmp_path / "one", schema_1)
    store = open_store(older)
    try:
        assert store.con.execute("SELECT count(*) FROM rag_rating").fetchone()[0] == 807
    finally:
        store.close()

    def schema_2_without_glossary(manifest, folder):
        manifest["schema_version"] = 2
        for table in ("glossary", "publication_decision", "public_title"):
            del manifest["files"][f"{table}/part-0.parquet"]
            shutil.rmtree(folder / table)

    newer = copy_of(full_snap, tmp_path / "two", schema_2_without_glossary)
    with pytest.raises(BoardError, match="lists no glossary table, which every snapshot of schema version 2 holds"):
        open_store(newer)


def test_folder_readers_skip_the_manifest(full_snap):
    assert (full_snap / MANIFEST).is_file() and not (full_snap / OLD_MANIFEST).exists()
    dataset = ds.dataset(full_snap)
    assert sorted(Path(f).relative_to(full_snap).as_posix() for f in dataset.files) == sorted(
        p.relative_to(full_snap).as_posix() for p in full_snap.rglob("*.parquet")
    )
    # and one table's folder is that table alone
    assert ds.dataset(full_snap / "action").to_table().num_rows == 102
    dataset.count_rows()  # manifest.json was taken for a Parquet file: every read of the folder failed
    assert ds.dataset(full_snap / "rag_rating").count_rows() == 807


def test_an_older_snapshot_with_manifest_json_is_still_read(full_snap, tmp_path):
    folder = copy_of(full_snap, tmp_path)
    (folder / MANIFEST).rename(folder / OLD_MANIFEST)
    assert run_cli("check", str(folder)).returncode == 0
    broken = copy_of(full_snap, tmp_path / "b")
    (broken / MANIFEST).unlink()
    result = run_cli("check", str(broken))
    assert result.returncode == 2 and "has no _manifest.json, so it is not a boardtui snapshot" in result.stderr
