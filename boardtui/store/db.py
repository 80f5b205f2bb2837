"""Opening a board pack: errors in one sentence, migrations with a backup, cursors per thread,
and nothing written to a pack that is not sound or cannot be written. A folder opens as a snapshot
or a lake; the connection and the Store themselves are store/pack.py's."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from boardtui import __version__
from boardtui.command import command_line
from boardtui.errors import BoardError
from boardtui.store.copies import make_copy, remove_copy, unlink_opened
from boardtui.store.pack import (
    LATEST_SCHEMA,
    SETTINGS,
    Store,
    _check_log,
    _connect,
    _foreign_objects,
    _schema_version,
    apply_migrations,
    damaged,
    describe_open_error,
    describe_read_error,
    file_connection,
    lock_holder,
    memory_connection,
    reading,
    unwritable,
    verify_sound,
)
from boardtui.store.queries import sql
from boardtui.store.wal import read_log

# The names callers have always taken from here: a pack's connection lives in store/pack.py
# (so that snapshots, lakes and the integrity check can use it without importing the opener).
__all__ = [
    "LATEST_SCHEMA",
    "SETTINGS",
    "Store",
    "apply_migrations",
    "damaged",
    "describe_open_error",
    "describe_read_error",
    "file_connection",
    "lock_holder",
    "memory_connection",
    "open_store",
    "reading",
    "unwritable",
    "verify_sound",
]


def _backup(path: Path, version: int) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.name}.schema{version}-{stamp}.bak")
    shutil.copy2(path, backup)
    os.chmod(backup, 0o600)  # a copy of the pack, confidential minutes and all: the owner's only
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        shutil.copy2(wal, backup.with_name(backup.name + ".wal"))
        os.chmod(backup.with_name(backup.name + ".wal"), 0o600)
    return backup


def open_store(
    path: str | Path,
    *,
    read_only: bool = False,
    create: bool = False,
    copy_if_locked: bool = False,
    lake: bool = False,
    check_foreign: bool = True,
    _live_copy: bool = False,
) -> Store:
    """Open (or with ``create``, make) a board pack, migrating an older one after a backup.

    With ``copy_if_locked`` (the app), a pack another process holds is opened as a read-only
    copy with a banner naming the holder, and a pack that cannot be written (a read-only file,
    folder or drive) is opened read-only with a banner saying why, instead of failing. Every
    failure is one sentence (BoardError). A pack whose log (PACK.wal) is cut short or damaged,
    or that holds a view or macro, is refused before anything reads it. A folder is a snapshot;
    with ``lake`` (the app), a lake folder opens read-only too (store/lake_views.py).
    ``check_foreign=False``: the caller runs check_foreign_objects itself before it shows or
    writes anything (the first-frame reader runs it beside its first reads).
    """
    path = Path(path).expanduser()
    if path.is_dir() and (path / "_lake.json").exists():  # a lake of boards' snapshots: the app reads it
        if not lake:
            raise BoardError(
                f"{path} is a lake of boards' snapshots, not a pack or a snapshot; open it in the "
                f"app (boardtui {path}), list it (boardtui lake list {path}), or name one of the "
                "snapshots it was made from."
            )
        from boardtui.store.lake_views import open_lake

        return open_lake(path)
    if path.is_dir():  # a Parquet snapshot: always read-only
        from boardtui.store.snapshot import open_snapshot

        return open_snapshot(path)
    if not path.exists():
        if not create:
            raise BoardError(
                f"{path} does not exist; make one with: {command_line('init', path)} "
                f"(or: {command_line('demo', path)})."
            )
        con = _connect(path, read_only=False)
        apply_migrations(con, 0)
        return Store(path, con, False, LATEST_SCHEMA, file=path, found_sound=True)

    banner = None
    cannot_write = None if read_only else unwritable(path)
    if cannot_write and copy_if_locked:
        read_only = True
        banner = f"Read-only: {path.name} {cannot_write}; nothing can be recorded."
    elif cannot_write:
        raise BoardError(
            f"{path} cannot be written (it {cannot_write}), so nothing "
            "was written; copy it to a folder you can write to, or ask for write access."
        )
    try:
        # A copy of a pack another program was writing may end in a change half-written: that
        # change was not confirmed, and DuckDB's replay rightly leaves it out.
        log = read_log(path) if _live_copy else _check_log(path, writing=not read_only)
        con = _connect(path, read_only=read_only)
    except BoardError as err:
        if copy_if_locked and lock_holder(err):
            return _open_copy(path, lock_holder(err))
        raise
    # Nothing is written before the version is known, so a refused file stays untouched.
    try:
        with reading(path):
            version = _schema_version(con, path)
            if check_foreign or version != LATEST_SCHEMA:
                _foreign_objects(con, path)
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
        if read_only:
            con.close()
            how = (
                f"but it {cannot_write}: copy it to a folder you can write to and open the copy"
                if cannot_write
                else "open it once without --read-only"
            )
            raise BoardError(
                f"{path} has schema version {version} and needs upgrading to {LATEST_SCHEMA}; "
                f"{how} (a backup is made first)."
            )
        con = _migrate(path, con, version)
        return Store(path, con, False, LATEST_SCHEMA, file=path, found_sound=True, log=log)
    return Store(path, con, read_only, LATEST_SCHEMA, banner=banner, file=path, log=log)


def _migrate(path: Path, con: duckdb.DuckDBPyConnection, version: int) -> duckdb.DuckDBPyConnection:
    """Check an older pack is sound, back it up, and migrate it; the open connection."""
    from boardtui.store.integrity import damaged_blocks

    try:
        with reading(path, writing=True):
            free = con.execute(sql("check_free_blocks")).fetchall()[0][0]
    finally:
        con.close()  # first: reading the file's blocks opens (and closes) a descriptor of its own
    why = damaged_blocks(path, free)
    if why:
        raise damaged(path, why, writing=True)
    try:
        _backup(path, version)
    except OSError as err:
        raise BoardError(
            f"{path} needs upgrading to schema version {LATEST_SCHEMA}, but its backup "
            f"could not be written ({err.strerror or err}), so nothing was changed; "
            "free some space beside it and open it again."
        ) from None
    con = _connect(path, read_only=False)
    try:
        with reading(path, writing=True):
            apply_migrations(con, version)
    except BaseException:
        con.close()
        raise
    return con


def check_foreign_objects(store: Store) -> None:
    """BoardError when the pack holds a view, macro or trigger (see open_store's check_foreign),
    read on a cursor of its own (so on another thread than the pack's other reads). A snapshot
    or a lake is not a pack file: its views are boardtui's own, made as it was opened."""
    if store.file is None:
        return
    cur = store.con.cursor()
    try:
        _foreign_objects(cur, store.path)
    finally:
        cur.close()


def _open_copy(path: Path, holder: str | None) -> Store:
    # DuckDB lets no other process read a file held for writing, so read a private copy of it.
    who = holder or "another process"
    try:
        folder, copy = make_copy(path)
    except OSError as err:
        raise BoardError(
            f"{path} is held for writing by {who}, and a copy to read could not be made "
            f"({err.strerror or err}); close that program, or free some space for "
            "temporary files."
        ) from None
    try:
        store = open_store(copy, read_only=True, _live_copy=True)
    except BoardError as err:
        remove_copy(folder)
        raise BoardError(str(err).replace(str(copy), str(path))) from None
    except BaseException:
        remove_copy(folder)
        raise
    unlink_opened(folder)
    store.path, store.file, store._copy_dir = path, None, folder
    store.banner = (
        f"Read-only: {path.name} is held for writing by {who}; showing a copy taken at {datetime.now():%H:%M}."
    )
    return store
