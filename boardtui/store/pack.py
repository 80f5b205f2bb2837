"""A board pack's connection: the DuckDB settings every connection gets, the pack's migrations,
the Store (cursors per thread, one transaction at a time, saved into the file) and the sentences
its errors are said in. Opening a pack, a snapshot or a lake is store/db.py's."""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from boardtui import __version__
from boardtui.command import command_line
from boardtui.errors import BoardError
from boardtui.store.copies import remove_copy, spill_folder
from boardtui.store.queries import migrations, sql
from boardtui.store.wal import LogState, read_log
from boardtui.text import cut

LATEST_SCHEMA = len(migrations())

# Every DuckDB connection boardtui opens: no extension is installed or loaded behind its back
# (an offline laptop has none to fetch, and a crafted pack must not make it try), no file or URL
# is reached from SQL, and the configuration is locked so that nothing can turn these back on.
# The settings left changeable are the number of threads (the app's first-frame reader uses
# one) and the app's memory limit (queries/app_memory_limit.sql). A connection that must read or
# write files (snapshots) gets file_connection instead.
SETTINGS: dict[str, str | bool | int | float | list[str]] = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "enable_external_access": False,
    "allowed_configs": ["threads", "memory_limit"],
    "lock_configuration": True,
}
# How long a save waits for reads under way on other threads before it is said to have failed
# (a checkpoint cannot run beside another transaction in some cases; reads take milliseconds).
CHECKPOINT_PATIENCE = 5.0

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<exe>.*?) \(PID (?P<pid>\d+)\)")
_STORAGE_VERSION = re.compile(r"storage version number (\d+)")


def describe_open_error(path: Path, err: duckdb.Error) -> BoardError:
    """Turn DuckDB's error on opening ``path`` into one sentence saying what to do."""
    text = str(err)
    if "not a valid DuckDB database file" in text:
        return BoardError(
            f"{path} is not a DuckDB database file; open a board pack made by 'boardtui demo' or 'boardtui init'."
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
    if "Permission denied" in text:
        return BoardError(
            f"{path} cannot be read (permission denied); ask whoever manages the file "
            "for read access, or open a copy you can read."
        )
    damage = _damage(err)
    if damage:
        return damaged(path, damage)
    return BoardError(
        f"{path} could not be opened ({_first_line(err)}); "
        f"to see whether it is sound, run: {command_line('check', path)}"
    )


def _first_line(err: BaseException) -> str:
    return str(err).splitlines()[0] if str(err) else type(err).__name__


def _damage(err: duckdb.Error) -> str | None:
    """What DuckDB found wrong with a file's contents, in words; None for any other error."""
    text = str(err)
    if "Could not read enough bytes" in text:
        return "it is cut short"
    if "Corrupt database" in text or "checksum" in text:
        return "a block of it fails its checksum"
    if isinstance(err, (duckdb.SerializationException, duckdb.InternalException)):
        return _first_line(err)
    return None


def damaged(path: Path, why: str, *, writing: bool = False) -> BoardError:
    """The sentence for a damaged pack; ``writing``: said before a write, which did not happen."""
    if writing:
        return BoardError(f"{path} is damaged ({why}), so nothing was written to it; restore it from a backup.")
    return BoardError(f"{path} is damaged ({why}); restore it from a backup, or ask for a Parquet snapshot of it.")


def describe_read_error(path: Path, err: duckdb.Error, *, writing: bool = False) -> BoardError:
    """DuckDB's error while reading an open pack, as one sentence naming the file."""
    damage = _damage(err)
    if damage:
        return damaged(path, damage, writing=writing)
    nothing = ", so nothing was written to it" if writing else ""
    return BoardError(
        f"{path} could not be read ({_first_line(err)}){nothing}; "
        f"to see whether it is sound, run: {command_line('check', path)}"
    )


@contextmanager
def reading(path: Path, *, writing: bool = False) -> Iterator[None]:
    """Within this, a DuckDB error from reading the pack at ``path`` is one sentence naming it."""
    try:
        yield
    except duckdb.Error as err:
        raise describe_read_error(path, err, writing=writing) from None


def unwritable(path: Path) -> str | None:
    """Why the pack at ``path`` cannot be written, in words, or None when it can. Its folder must
    be writable too: DuckDB writes each change to PACK.wal beside it. (A file that cannot even
    be read is left to the open, which says so.)"""
    if not os.access(path, os.R_OK):
        return None
    for target, what in ((path, "is a read-only file"), (path.parent, "is in a folder you cannot write to")):
        if not os.access(target, os.W_OK):
            if hasattr(os, "statvfs") and os.statvfs(target).f_flag & os.ST_RDONLY:
                return "is on a read-only drive"
            return what
    return None


def lock_holder(err: BoardError) -> str | None:
    """'PID n (program)' from a lock error, or None when the error is not a lock."""
    match = re.search(r"locked by (?:PID (\d+) \((.*?)\)|another process)", str(err))
    if not match:
        return None
    return f"PID {match.group(1)} ({Path(match.group(2)).name})" if match.group(1) else "another process"


def memory_connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with the SETTINGS of every connection (no file access at all)."""
    return duckdb.connect(":memory:", config=SETTINGS)


def file_connection(*folders: Path, cache_parquet_metadata: bool = False) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB that may read and write files in ``folders`` and nowhere else: the
    folders are allowed before external access is turned off and the configuration locked.
    ``cache_parquet_metadata``: keep each Parquet file's footer once read (a lake's reader reads
    the same files query after query)."""
    settings = {k: v for k, v in SETTINGS.items() if k not in ("enable_external_access", "lock_configuration")}
    con = duckdb.connect(":memory:", config={**settings, "temp_directory": str(spill_folder())})
    try:
        allowed = [str(Path(f).resolve()) + os.sep for f in folders]
        con.execute(sql("connection_allow_folders"), {"folders": allowed})
        if cache_parquet_metadata:
            con.execute(sql("connection_parquet_cache"))
        con.execute(sql("connection_lock"))
    except BaseException:
        con.close()
        raise
    return con


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(str(path), read_only=read_only, config=SETTINGS)
    except duckdb.Error as err:
        raise describe_open_error(path, err) from None


def damaged_log(path: Path, log: LogState, *, writing: bool = False) -> BoardError:
    """The sentence for a pack whose log (PACK.wal) is not whole: DuckDB would replay it up to
    the damage and drop the rest without a word."""
    nothing = ", so nothing was written" if writing else ""
    return BoardError(
        f"{path} has a damaged log, {log.path.name} ({log.problem}){nothing}; keep both files as they are "
        f"and restore them from a backup (if boardtui was stopped while saving a change, that change was "
        f"never confirmed: move {log.path.name} aside to open the pack as it was last saved)."
    )


def _check_log(path: Path, writing: bool) -> LogState | None:
    """The pack's log, read before DuckDB replays it; BoardError when it is not whole. A log that
    looks cut short may only be being written by a program holding the pack: then that program
    is named instead, as for any pack held for writing."""
    log = read_log(path)
    if log is None or log.problem is None:
        return log
    try:
        probe = _connect(path, read_only=True)  # a read-only replay changes no file; fails if held
    except BoardError as err:
        if lock_holder(err):
            raise
        raise damaged_log(path, log, writing=writing) from None  # DuckDB stopped at the damage too
    try:
        log = read_log(path)  # read again now that no one can be writing it
    finally:
        probe.close()
    if log is not None and log.problem is not None:
        raise damaged_log(path, log, writing=writing)
    return log


def _foreign_objects(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """BoardError when the pack holds a view, macro or trigger: a board pack has none (boardtui's
    macros are temporary, made on each cursor), and one in a crafted file could shadow a function
    boardtui calls (say, the one that withholds names), change rows as they are written, or try
    to reach a file or URL."""
    found = con.execute(sql("pack_foreign_objects")).fetchall()
    if found:
        kind, name = found[0]
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        raise BoardError(
            f"{path} holds a {kind.replace('_', ' ')} named '{cut(name, 60)}'{more}, which no board pack has, so it "
            "was not opened: a crafted pack can use one to change what is shown or to reach files; ask for "
            "the pack as boardtui wrote it, or for a Parquet snapshot."
        )


def _schema_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """0 for an empty database; BoardError for a database that is not a board pack."""
    # A pack has its version table: read it straight away. Listing the catalog first cost a
    # start-up 15 ms (DuckDB loads every table's entry); only a file that is not a pack needs it.
    try:
        # fetchall, not fetchone: a result left unread keeps its transaction open, and a
        # checkpoint after a change (Store.save) cannot run beside it.
        version = con.execute(sql("schema_version_current")).fetchall()[0][0] or 0
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
    # The file DuckDB has open, when its blocks can be checked (not a snapshot or a copy).
    file: Path | None = None
    _copy_dir: Path | None = field(default=None, repr=False)
    # Counts the changes committed through this store: what was read before a change is stale.
    generation: int = 0
    # Nothing is written until the pack has been found sound (integrity.verify_sound), once.
    found_sound: bool = False
    _sound_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # The pack's log (PACK.wal) as found on opening, when it had one: changes not yet saved
    # into the pack's file by the program that wrote them (see wal.py). None: no log.
    log: LogState | None = None
    # One change at a time is committed and saved into the file (Store.transaction).
    _write_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _fd: int | None = field(default=None, repr=False)  # see file_descriptor
    # A snapshot's manifest, as checked when it was opened (None: a pack).
    manifest: dict[str, Any] | None = field(default=None, repr=False)
    # A lake's reader (store/lake_views.py): sets each query's boards and names its lake queries.
    reader: Any = field(default=None, repr=False)

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor with the rules and the shared macros installed: one per worker thread."""
        cur = self.con.cursor()
        if self.reader is not None:  # a lake: its variables and functions, then its own macros too
            self.reader.before(cur)
        cur.execute(sql("rules"))
        cur.execute(sql("macros"))
        if self.reader is not None:
            self.reader.after(cur)
        return cur

    def rules_cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor with the board's rules (queries/rules.sql) and no more: what the returns
        read, at a fraction of the cost of every macro (~4 ms against ~13)."""
        cur = self.con.cursor()
        self.install_rules(cur)
        return cur

    def install_rules(self, cur: duckdb.DuckDBPyConnection) -> None:
        """The board's rules (queries/rules.sql) on a cursor that has none yet."""
        if self.reader is not None:  # a lake: its views need its variables and functions
            self.reader.before(cur)
        cur.execute(sql("rules"))

    def close(self) -> None:
        with self._sound_lock:  # a soundness check under way in another thread finishes first
            self.con.close()
            if self._fd is not None:  # after DuckDB: closing it drops the process's lock on the file
                os.close(self._fd)
                self._fd = None
        self.discard_copy()

    def file_descriptor(self) -> int:
        """A descriptor of the pack's file, opened once and kept until the store closes, through
        which this process reads the file's bytes (integrity.damaged_blocks). DuckDB's lock on
        the pack is a POSIX record lock, which the process loses when it closes any descriptor of
        the file: opening the file to read it and closing it again let a second writer in."""
        if self._fd is None:
            if self.file is None:
                raise OSError(f"{self.path} is read through a copy: it has no file of its own to read")
            self._fd = os.open(self.file, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        return self._fd

    @property
    def reads_a_copy(self) -> bool:
        """Whether this store reads a private copy of the pack (it was locked when opened)."""
        return self._copy_dir is not None

    def discard_copy(self) -> None:
        """Remove the private copy this store reads, if it reads one (close does it too; a
        process about to end without closing calls this)."""
        remove_copy(self._copy_dir)
        self._copy_dir = None

    def ensure_sound(self, *, blocks_elsewhere: bool = False) -> None:
        """BoardError unless the whole pack reads back and every block matches its checksum;
        checked once, before the first write. ``blocks_elsewhere``: the blocks are checked in a
        short-lived process (the app asks for that: it would otherwise keep pyarrow's memory)."""
        with self._sound_lock:
            if not self.found_sound:
                verify_sound(self, writing=True, blocks_elsewhere=blocks_elsewhere)
                self.found_sound = True

    @contextmanager
    def writes_waiting(self) -> Iterator[None]:
        """While this lasts no change is written or saved: one that comes waits its turn."""
        with self._write_lock:
            yield

    @contextmanager
    def transaction(self, cur: duckdb.DuckDBPyConnection | None = None) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: committed whole, or rolled back whole, and then saved into the pack's
        own file (a checkpoint), so that a change confirmed after this is in the .duckdb file
        itself, not only in its log. Never on a pack that is not sound: the first write checks it."""
        if self.read_only:
            raise BoardError(f"{self.path} is open read-only; nothing can be recorded.")
        self.ensure_sound()
        cur = cur or self.con
        with self._write_lock:
            cur.begin()
            try:
                yield cur
            except BaseException:
                cur.rollback()
                raise
            cur.commit()
            self.generation += 1
            self.save(cur)

    def save(self, cur: duckdb.DuckDBPyConnection | None = None) -> None:
        """Move what is committed from the log into the pack's file (a checkpoint). DuckDB
        cannot do so while another transaction that changed rows (or reads beside one that did)
        is still open, so a save waits for the reads on other threads to end, briefly; if they
        do not, the change stays in PACK.wal (it is still committed) and this says so."""
        cur = cur or self.con
        waited, pause = 0.0, 0.002
        while True:
            try:
                cur.checkpoint()
                return
            except duckdb.TransactionException as err:
                if waited >= CHECKPOINT_PATIENCE:
                    raise self._not_saved(err) from None
            except duckdb.Error as err:  # the disk is full, the file has gone: committed all the same
                raise self._not_saved(err) from None
            time.sleep(pause)
            waited += pause
            pause = min(pause * 2, 0.05)

    def _not_saved(self, err: duckdb.Error) -> BoardError:
        return BoardError(
            f"the change was recorded in {self.path.name}.wal but could not yet be saved into {self.path} itself "
            f"({_first_line(err)}); keep {self.path.name}.wal beside it: it is saved with the next change, or "
            "when boardtui closes the pack."
        )


def verify_sound(store: Store, *, writing: bool = False, blocks_elsewhere: bool = False) -> list[tuple[str, int]]:
    """Every table's row count, after making sure the pack is sound; BoardError if it is not
    (``writing``: the sentence says the write about to happen did not; ``blocks_elsewhere``:
    the file's blocks are checked in a short-lived process, see damaged_blocks_elsewhere)."""
    from boardtui.store.integrity import damaged_blocks, damaged_blocks_elsewhere, read_every_table

    with reading(store.path, writing=writing):
        cur = store.cursor()
        try:
            counts = read_every_table(cur)
            free_blocks = cur.execute(sql("check_free_blocks")).fetchall()[0][0]
        finally:
            cur.close()
    if store.file is not None:
        try:
            if blocks_elsewhere:
                why = damaged_blocks_elsewhere(store.file, free_blocks)
            else:
                why = damaged_blocks(store.file, free_blocks, store.file_descriptor())
        except OSError as err:
            raise BoardError(
                f"{store.path} could not be read ({err.strerror or err}); check it is "
                "still there and you may read it, then try again."
            ) from None
        if why:
            raise damaged(store.path, why, writing=writing)
    return counts
