"""Shared fixtures: real board packs on disk, built from the text files in data/."""

from __future__ import annotations

import atexit
import csv
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import duckdb
import pytest

from boardtui.cli import write_demo
from boardtui.store.build import build_pack
from boardtui.store.db import open_store

REPO = Path(__file__).resolve().parent.parent

# Fixtures shared by a module run outside any test's own homes: what their commands keep (the
# first frame `lake add` keeps, app/frame_cache.py) goes to this session's folder, never the
# user's own cache.
_SESSION_CACHE = tempfile.mkdtemp(prefix="boardtui-test-cache-")
os.environ["XDG_CACHE_HOME"] = _SESSION_CACHE
atexit.register(shutil.rmtree, _SESSION_CACHE, True)


@pytest.fixture(autouse=True)
def own_config_home(tmp_path_factory, monkeypatch):
    """No developer's own boardtui.toml (user config folder, BOARDTUI_CONFIG, ./boardtui.toml)
    reaches a test, in this process or in the commands it runs: each test gets empty homes."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("BOARDTUI_CONFIG", raising=False)
    monkeypatch.chdir(home)


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory) -> Path:
    """The demo pack, built once per test session; copy it before changing it."""
    path = tmp_path_factory.mktemp("master") / "demo.duckdb"
    write_demo(path)
    return path


@pytest.fixture
def demo_pack(demo_master, tmp_path) -> Path:
    """A private copy of the demo pack that a test may change."""
    path = tmp_path / "pack.duckdb"
    shutil.copy2(demo_master, path)
    return path


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ that a test may edit to build a pack that differs in a known way."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    return folder


def edit_csv(path: Path, change) -> None:
    """Rewrite a data/ CSV file: ``change(rows)`` edits the list of dict rows in place."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def update_rows(path: Path, match, **values) -> None:
    """Set ``values`` on every row of a data/ CSV file that ``match(row)`` accepts."""
    edit_csv(path, lambda rows: [row.update(values) for row in rows if match(row)])


def build_from(folder: Path, pack: Path) -> Path:
    """A pack built from a (changed) copy of data/."""
    store = open_store(pack, create=True)
    try:
        build_pack(store.con, folder)
    finally:
        store.close()
    return pack


def pack_query(pack: Path, sql: str, *params) -> list[tuple]:
    """Rows of ``sql`` read from the pack file on its own read-only connection (the app, if one
    ran, has closed it)."""
    con = duckdb.connect(str(pack), read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real command line in a separate process."""
    return subprocess.run(
        [sys.executable, "-m", "boardtui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


@pytest.fixture
def holder_of(tmp_path):
    """Start a second process that opens a pack read-write and holds its lock."""
    procs = []

    def start(path: Path) -> subprocess.Popen:
        code = (
            "import duckdb, sys, time\n"
            f"con = duckdb.connect({str(path)!r})\n"
            "print('ready', flush=True)\n"
            "sys.stdin.read()\n"
        )
        proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        procs.append(proc)
        return proc

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()
