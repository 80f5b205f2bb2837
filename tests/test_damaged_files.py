"""Damaged and odd files through every command and the app: one sentence naming the file,
exit 2, nothing written, no traceback. `check` finds every damaged block; nothing is written
to a pack not found sound, or that cannot be written; a read-only pack opens read-only."""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from conftest import run_cli

from boardtui.cli import main
from boardtui.errors import BoardError
from boardtui.store.check import check_pack
from boardtui.store.db import open_store
from boardtui.store.queries import rows
from boardtui.store.recording import Recorder

BLOCK = 4096

# The app as `boardtui PACK` starts it, headless: refused (exit 2, one line) or loaded with its
# first frame; with "run", also run until the pack's own connection (opened after the first
# frame) is open, and print its banner.
APP = r"""
import asyncio, sys
from pathlib import Path
from boardtui.app.run import load_app
from boardtui.config import Config
from boardtui.errors import BoardError

try:
    app = load_app(Path(sys.argv[1]), Config())
except BoardError as err:
    print(f"boardtui: {err}", file=sys.stderr)
    sys.exit(2)

async def main():
    async with app.run_test(size=(120, 40)) as pilot:
        # Opened by the child, the first frame may still be coming (run.py): it comes, or the
        # app ends with the reason (run_app then says it and exits 2).
        while app.first_frame_pending and app.startup_error is None:
            await pilot.pause(0.02)
        if app.startup_error is not None:
            return
        await pilot.pause()
        rows = app.screen.query_one("BoardTable").row_count
        if sys.argv[2:] == ["run"]:
            store = await asyncio.to_thread(app.views.opened_store)
            print(f"opened read_only={store.read_only} banner={app.banner}")
        else:
            print("loaded", rows)

asyncio.run(main())
app.close_pack()
if app.startup_error is not None:
    print(f"boardtui: {app.startup_error}", file=sys.stderr)
    sys.exit(2)
"""


# What the app's own open does (BoardApp.open_pack), without Textual.
OPEN_AS_THE_APP_DOES = r"""
import sys
from boardtui.store.db import open_store
store = open_store(sys.argv[1], copy_if_locked=True)
print(store.read_only, store.banner)
store.close()
"""


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in a folder and its SHA-256: what 'nothing written' is checked against."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def overwrite_block(path: Path, number: int, rng: random.Random) -> None:
    with path.open("r+b") as handle:
        handle.seek(number * BLOCK)
        handle.write(rng.randbytes(BLOCK))


def one_sentence(result, *names: str) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for name in names:
        assert name in lines[0], lines[0]
    return lines[0]


def drop_root(argv: list[str]) -> list[str]:
    """Run ``argv`` bound by file permissions: as root, without the capabilities that bypass them."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: file permissions cannot be tested")
        return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *argv]
    return argv


def cli(*args: str, wrap=lambda argv: argv) -> subprocess.CompletedProcess:
    return subprocess.run(wrap([sys.executable, "-m", "boardtui", *args]), capture_output=True, text=True, timeout=120)


def app(pack: Path, wrap=lambda argv: argv, *, run: bool = False) -> subprocess.CompletedProcess:
    argv = [sys.executable, "-c", APP, str(pack), *(["run"] if run else [])]
    return subprocess.run(wrap(argv), capture_output=True, text=True, timeout=120)


def tracker(folder: Path) -> Path:
    path = folder / "tracker.csv"
    path.write_text(
        "Ref,Area,Plan,Action,Action owner,Organisation,Target date\r\n"
        "NEW-1,W09,IP25,A new action,Ann Lee,Birmingham City Council,31/03/2026\r\n"
    )
    return path


def test_check_reads_every_table_of_the_schema(demo_pack):
    store = open_store(demo_pack, read_only=True)
    try:
        tables = {name for (name,) in rows(store.con, "catalog_tables")}
        read = {name for name, _ in check_pack(store).counts}
    finally:
        store.close()
    assert read == tables


def test_check_finds_every_damaged_pack_of_a_random_block_run(demo_master, tmp_path):
    """30 copies of the demo, each with one random 4 KB block overwritten (seeded): `check`
    refuses every one. (benchmarks/damage_run.py runs as many as you like.)"""
    rng = random.Random(2024)
    size = demo_master.stat().st_size
    caught_by_blocks_only = 0
    for number in range(30):
        pack = tmp_path / f"damaged-{number}.duckdb"
        shutil.copyfile(demo_master, pack)
        overwrite_block(pack, rng.randrange(size // BLOCK), rng)
        with pytest.raises(BoardError, match=rf"{pack.name} (is damaged|is not a DuckDB database)") as found:
            store = open_store(pack, read_only=True)
            try:
                check_pack(store)
            finally:
                store.close()
        caught_by_blocks_only += "blocks" in str(found.value)
    # Reading every table alone would miss these: index blocks no read touches.
    assert caught_by_blocks_only >= 5
    result = run_cli("check", str(pack))
    assert result.returncode == 2 and one_sentence(result, pack.name)


def _index_block(pack: Path) -> int:
    """The number of a 4 KB block inside the first 256 KB block that holds no table's data and
    no metadata: an index's."""
    con = duckdb.connect(str(pack), read_only=True)
    try:
        used = {
            b
            for (table,) in rows(con, "catalog_tables")
            for (b,) in con.execute("SELECT DISTINCT block_id FROM pragma_storage_info(?)", [table]).fetchall()
        }
        used |= {b for (b,) in con.execute("SELECT block_id FROM pragma_metadata_info()").fetchall()}
        size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    finally:
        con.close()
    block = min(b for b in range(1, 1000) if b not in used)
    return (3 * BLOCK + block * size + size // 2) // BLOCK


def _rating_block(pack: Path) -> int:
    con = duckdb.connect(str(pack), read_only=True)
    try:
        block = con.execute(
            "SELECT min(block_id) FROM pragma_storage_info('rag_rating') WHERE block_id >= 0"
        ).fetchone()[0]
        offset = con.execute(
            "SELECT min(block_offset) FROM pragma_storage_info('rag_rating') WHERE block_id = ?", [block]
        ).fetchone()[0]
        size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    finally:
        con.close()
    return (3 * BLOCK + block * size + offset) // BLOCK


@pytest.fixture(params=["cut in half", "a ratings block overwritten", "an index block overwritten"])
def damaged(request, demo_master, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    pack = folder / "board.duckdb"
    shutil.copyfile(demo_master, pack)
    if request.param == "cut in half":
        with pack.open("r+b") as handle:
            handle.truncate(pack.stat().st_size // 2)
    elif request.param == "a ratings block overwritten":
        overwrite_block(pack, _rating_block(demo_master), random.Random(1))
    else:
        overwrite_block(pack, _index_block(demo_master), random.Random(2))
    return request.param, pack


def test_damaged_pack_through_every_command(damaged, demo_master, tmp_path, capsys):
    kind, pack = damaged
    folder = pack.parent
    before = fingerprint(folder)
    out = tmp_path / "out"
    out.mkdir()
    reading = {
        "check": ["check", str(pack)],
        "report": ["report", str(pack), "--format", "md", "--out", str(out / "r.md")],
        "diff as the old pack": ["diff", str(pack), str(demo_master)],
        "diff as the new pack": ["diff", str(demo_master), str(pack)],
        "export": ["export", str(pack), "--to", str(out / "snap")],
        "returns list": ["returns", "list", str(pack)],
        "import, dry run": ["import", str(pack), str(tracker(tmp_path)), "--dry-run"],
    }
    writing = {
        "import": ["import", str(pack), str(tracker(tmp_path))],
        "meeting new": ["meeting", "new", str(pack), "--date", "2026-01-15"],
    }
    # Every reader refuses a pack that check calls damaged, as the writers do, wherever the
    # damage is (report once wrote a meeting pack from one); a dry run reads only what it needs.
    must_refuse = {*reading, *writing} - {"import, dry run"}
    # Every command through the command line's own main(); check and a write also in a fresh
    # process, for the exit code and stderr as a user sees them.
    for name, argv in {**reading, **writing}.items():
        capsys.readouterr()
        code = main(argv)
        err = capsys.readouterr().err
        if code == 0:
            assert name not in must_refuse, name
            continue
        assert code == 2, (name, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and pack.name in lines[0], (name, err)
        assert "damaged" in lines[0] and "restore it from a backup" in lines[0], (name, lines[0])
        if name in writing:
            assert "nothing was written" in lines[0]
    for argv in (reading["check"], writing["meeting new"]):
        result = cli(*argv)
        assert result.returncode == 2 and "damaged" in one_sentence(result, pack.name)
    assert fingerprint(folder) == before  # nothing written, not even a .wal
    assert not (out / "snap").exists()
    assert not (out / "r.md").exists()
    started = app(pack)
    if kind == "an index block overwritten":  # the first frame reads no index: the app opens
        assert started.returncode == 0 and "loaded 13" in started.stdout, started.stderr
    else:
        assert started.returncode == 2 and "damaged" in one_sentence(started, pack.name)
    assert fingerprint(folder) == before


def test_the_app_records_nothing_in_a_damaged_pack(demo_master, tmp_path):
    pack = tmp_path / "board.duckdb"
    shutil.copyfile(demo_master, pack)
    overwrite_block(pack, _index_block(demo_master), random.Random(3))
    before = fingerprint(tmp_path)
    store = open_store(pack, copy_if_locked=True)
    try:
        assert not store.read_only  # it reads fine: the damage is in an index
        with pytest.raises(BoardError, match=r"board.duckdb is damaged .*, so nothing was written to it"):
            Recorder(store, "Secretary").new_meeting("2026-01-15")
    finally:
        store.close()
    assert fingerprint(tmp_path) == before


@pytest.fixture
def guarded(demo_master, tmp_path):
    """A copy of the demo pack in its own folder, with permissions put back afterwards."""
    folder = tmp_path / "guarded"
    folder.mkdir()
    pack = folder / "board.duckdb"
    shutil.copyfile(demo_master, pack)
    yield pack
    os.chmod(folder, 0o755)
    os.chmod(pack, 0o644)


def test_unreadable_pack_through_every_command_and_the_app(guarded, demo_master, tmp_path):
    # Every command opens a pack the same way (open_store): one that reads, one that compares,
    # one that writes, and the app.
    os.chmod(guarded, 0)
    for args in (
        ("check", str(guarded)),
        ("diff", str(demo_master), str(guarded)),
        ("meeting", "new", str(guarded), "--date", "2026-01-15"),
    ):
        result = cli(*args, wrap=drop_root)
        assert result.returncode == 2, (args, result.stdout)
        assert "cannot be read (permission denied)" in one_sentence(result, guarded.name), args
    result = app(guarded, wrap=drop_root)
    assert result.returncode == 2 and "cannot be read" in one_sentence(result, guarded.name)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_read_only_pack_is_read_but_never_written(guarded, demo_master, tmp_path, what):
    target = guarded if what == "file" else guarded.parent
    before = fingerprint(guarded.parent)
    os.chmod(target, 0o444 if what == "file" else 0o555)
    out = tmp_path / "out"
    out.mkdir()
    for args in (("check", str(guarded)), ("export", str(guarded), "--to", str(out / "snap"))):
        result = cli(*args, wrap=drop_root)
        assert result.returncode == 0, (args, result.stderr)
    why = "a read-only file" if what == "file" else "in a folder you cannot write to"
    result = cli("meeting", "new", str(guarded), "--date", "2026-01-15", wrap=drop_root)
    assert result.returncode == 2
    assert f"cannot be written (it is {why}), so nothing was written" in one_sentence(result, guarded.name)
    if what == "file":  # the folder takes the same path, with its own reason
        started = app(guarded, wrap=drop_root, run=True)
        assert started.returncode == 0, started.stderr
        assert (
            f"opened read_only=True banner=Read-only: board.duckdb is {why}; nothing can be recorded." in started.stdout
        )
    else:
        banner = subprocess.run(
            drop_root([sys.executable, "-c", OPEN_AS_THE_APP_DOES, str(guarded)]),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert f"True Read-only: board.duckdb is {why}; nothing can be recorded." in banner.stdout, banner.stderr
    os.chmod(target, 0o755 if what == "folder" else 0o644)
    assert fingerprint(guarded.parent) == before


def _read_only_mount(folder: Path) -> list[str] | None:
    """A prefix that runs a command with ``folder`` mounted read-only (a private mount
    namespace), or None where this machine allows none."""
    if not shutil.which("unshare"):
        return None
    own = ["unshare", "-m"] if os.geteuid() == 0 else ["unshare", "-rm"]
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    prefix = [*own, "sh", "-c", script, str(folder)]
    probe = subprocess.run([*prefix, "sh", "-c", f'! touch "{folder}/probe" 2>/dev/null'], capture_output=True)
    (folder / "probe").unlink(missing_ok=True)
    return prefix if probe.returncode == 0 else None


def test_pack_on_a_read_only_drive(guarded, demo_master, tmp_path):
    prefix = _read_only_mount(guarded.parent)
    if prefix is None:
        pytest.skip("no private read-only mount on this machine")
    before = fingerprint(guarded.parent)
    on_drive = lambda argv: [*prefix, *argv]  # noqa: E731
    assert cli("check", str(guarded), wrap=on_drive).returncode == 0
    result = cli("meeting", "new", str(guarded), "--date", "2026-01-15", wrap=on_drive)
    assert result.returncode == 2
    assert "cannot be written (it is on a read-only drive), so nothing was written" in one_sentence(
        result, guarded.name
    )
    started = app(guarded, wrap=on_drive, run=True)
    assert started.returncode == 0, started.stderr
    assert "opened read_only=True banner=Read-only: board.duckdb is on a read-only drive" in started.stdout
    assert fingerprint(guarded.parent) == before


def test_new_pack_in_a_folder_that_cannot_be_written(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    os.chmod(folder, 0o555)
    try:
        result = cli("demo", str(folder / "demo.duckdb"), wrap=drop_root)
    finally:
        os.chmod(folder, 0o755)
    assert result.returncode == 2 and "a folder you cannot write to" in one_sentence(result, "locked")
    assert list(folder.iterdir()) == []
