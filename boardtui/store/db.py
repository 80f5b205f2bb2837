"""Opening a board pack: errors in one sentence, migrations with a backup, cursors per thread."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from boardtui import __version__
from boardtui.errors import BoardError
from boardtui.store.queries import migrations, sql

LATEST_SCHEMA = len(migrations())

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.*?) \(PID (?P<pid>\d+)\)")
_STORAGE_VERSION = re.compile(r"storage version number (\d+)")


def describe_open_error(path: Path, err: duckdb.Error) -> BoardError:
    """Turn DuckDB's error on opening ``path`` into one sentence saying what to do."""
    text = str(err)
    if "not a valid DuckDB database file" in text:
        return BoardError(
            f"{path} is not a DuckDB database file; open a board pack made by "
            "'boardtui demo' or 'boardtui init'."
        )
    holder = _LOCK_HOLDER.search(text)
    if holder or "Could not set lock" in text:
        who = f"PID {holder['pid']} ({holder['exe']})" if holder else "another process"
        return BoardError(
            f"{path} is locked by {who}; close that program first, or open the pack "
            "in the app, which then shows a read-only copy."
        )
    newer = _STORAGE_VERSION.search(text)
    if newer or "newer version of DuckDB" in text:
        found = f" (storage version {newer.group(1)})" if newer else ""
        return BoardError(
            f"{path} was written by a newer DuckDB{found} than this boardtui's DuckDB "
            f"{duckdb.__version__} can read; upgrade boardtui, or ask for a Parquet snapshot."
        )
    if "WAL does not match" in text:
        return BoardError(
            f"{path}.wal belongs to another file that was at this path (a copy over it, or a "
            f"crash); move {path.name}.wal aside and open {path.name} again."
        )
    if "Corrupt database" in text or "checksum" in text:
        return BoardError(f"{path} is damaged ({text.splitlines()[0]}); restore it from a backup.")
    return BoardError(f"{path} could not be opened: {text.splitlines()[0]}")


def lock_holder(err: BoardError) -> str | None:
    """'PID n (program)' from a lock error, or None when the error is not a lock."""
    match = re.search(r"locked by (?:PID (\d+) \((.*?)\)|another process)", str(err))
    if not match:
        return None
    return f"PID {match.group(1)} ({Path(match.group(2)).name})" if match.group(1) else "another process"


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as err:
        raise describe_open_error(path, err) from None


def _schema_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """0 for an empty database; BoardError for a database that is not a board pack."""
    # A pack has its version table: read it straight away. Listing the catalog first cost a
    # start-up 15 ms (DuckDB loads every table's entry); only a file that is not a pack needs it.
    try:
        version = con.execute(sql("schema_version_current")).fetchone()[0] or 0
    except duckdb.CatalogException:  # no such table
        if not con.execute(sql("catalog_tables")).fetchall():
            return 0
        why = "it has no schema_version table"
    except duckdb.BinderException:  # a table of that name without boardtui's columns
        why = "its schema_version table is not boardtui's"
    else:
        if isinstance(version, int):
            return version
        why = "its schema_version table is not boardtui's"
    raise BoardError(
        f"{path} is a DuckDB database but not a boardtui board pack ({why}); "
        "open a pack made by 'boardtui demo' or 'boardtui init'."
    )


def apply_migrations(con: duckdb.DuckDBPyConnection, current: int) -> None:
    """Apply every migration above ``current``, all in one transaction."""
    con.begin()
    try:
        con.execute(sql("schema_version_create"))
        for number, path in migrations():
            if number > current:
                con.execute(path.read_text(encoding="utf-8"))
                con.execute(sql("schema_version_record"), {"version": number, "app_version": __version__})
        con.commit()
    except BaseException:
        con.rollback()
        raise
    con.checkpoint()


@dataclass
class Store:
    """An open board pack. ``con`` belongs to the thread that opened it; other threads
    call ``cursor()``."""

    path: Path
    con: duckdb.DuckDBPyConnection
    read_only: bool
    schema_version: int
    banner: str | None = None  # why the pack is read-only, when it is not by choice
    _copy_dir: Path | None = field(default=None, repr=False)
    # Counts the changes committed through this store: what was read before a change is stale.
    generation: int = 0

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor with the shared macros installed: one per worker thread."""
        cur = self.con.cursor()
        cur.execute(sql("macros"))
        return cur

    def close(self) -> None:
        self.con.close()
        if self._copy_dir is not None:
            shutil.rmtree(self._copy_dir, ignore_errors=True)

    @contextmanager
    def transaction(self, cur: duckdb.DuckDBPyConnection | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed whole, or rolled back whole."""
        if self.read_only:
            raise BoardError(f"{self.path} is open read-only; nothing can be recorded.")
        cur = cur or self.con
        cur.begin()
        try:
            yield cur
        except BaseException:
            cur.rollback()
            raise
        cur.commit()
        self.generation += 1


def _backup(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.schema{version}-{stamp}.bak")
    shutil.copy2(path, backup)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, backup.with_name(backup.name + ".wal"))
    return backup


def open_store(
    path: str | Path,
    *,
    read_only: bool = False,
    create: bool = False,
    copy_if_locked: bool = False,
) -> Store:
    """Open (or with ``create``, make) a board pack, migrating an older one after a backup.

    With ``copy_if_locked``, a pack another process holds is opened as a read-only copy
    with a banner naming the holder, instead of failing.
    """
    path = Path(path).expanduser()
    if path.is_dir():  # a Parquet snapshot: always read-only
        from boardtui.store.snapshot import open_snapshot

        return open_snapshot(path)
    if not path.exists():
        if not create:
            raise BoardError(
                f"{path} does not exist; make one with 'boardtui init {path}' "
                f"or 'boardtui demo {path}'."
            )
        con = _connect(path, read_only=False)
        apply_migrations(con, 0)
        return Store(path, con, False, LATEST_SCHEMA)

    try:
        con = _connect(path, read_only=read_only)
    except BoardError as err:
        if copy_if_locked and lock_holder(err):
            return _open_copy(path, lock_holder(err))
        raise
    # Nothing is written before the version is known, so a refused file stays untouched.
    try:
        version = _schema_version(con, path)
    except BaseException:
        con.close()
        raise
    if version > LATEST_SCHEMA:
        con.close()
        raise BoardError(
            f"{path} has schema version {version}, newer than this boardtui {__version__} "
            f"knows (up to {LATEST_SCHEMA}); upgrade boardtui. The file was not changed."
        )
    if version < LATEST_SCHEMA:
        con.close()
        if read_only:
            raise BoardError(
                f"{path} has schema version {version} and needs upgrading to {LATEST_SCHEMA}; "
                "open it once without --read-only (a backup is made first)."
            )
        _backup(path, version)
        con = _connect(path, read_only=False)
        apply_migrations(con, version)
    return Store(path, con, read_only, LATEST_SCHEMA)


def _open_copy(path: Path, holder: str | None) -> Store:
    # DuckDB lets no other process read a file held for writing, so read a copy of it.
    copy_dir = Path(tempfile.mkdtemp(prefix="boardtui-copy-"))
    copy = copy_dir / path.name
    shutil.copy2(path, copy)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, copy.with_name(copy.name + ".wal"))
    store = open_store(copy, read_only=True)
    store.path = path
    store._copy_dir = copy_dir
    store.banner = (
        f"Read-only: {path.name} is held for writing by {holder or 'another process'}; "
        f"showing a copy taken at {datetime.now():%H:%M}."
    )
    return store
