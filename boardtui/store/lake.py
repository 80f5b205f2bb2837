"""A lake: many boards' snapshots as Hive-style tables, one folder per table and one partition
per board, which DuckDB, Spark, Trino, polars and pyarrow read as they are:

    LAKE/action/board=<pack_id>/part-0.parquet      every table (and action_as_at), every board
    LAKE/_index/weakness.parquet, meeting.parquet   every board's weaknesses and meetings in one
                                                    file each (the app's map of the lake)
    LAKE/_lake.json                                 the boards in the lake: key, name, snapshot
    LAKE/_history.json                              what was added when, with each file's rows
                                                    and SHA-256

Names starting with ``_`` or ``.`` are skipped by Hive-style readers, so ``LAKE/action`` reads
as the action table of every board, with ``board`` (the pack id) as its partition column.

``add`` checks each snapshot whole (as opening one does: its manifest, every file's SHA-256 and
rows, and that a public one holds nothing a public export leaves out), loads it, and writes each
of its tables in today's schema into a hidden folder in the lake (``LAKE/.adding``). Only when
every snapshot of the call is written there does it write a plan (``.adding/plan.json``) and
move each file into place with a rename (atomic: a reader sees the old file or the new, whole),
then the index, the history and ``_lake.json``. A call refused or failed before the plan changes
nothing; one stopped during the moves is finished by the next ``lake add`` or ``lake list``
(the plan says what is left), and the app refuses a lake whose moves are unfinished.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardtui import __version__
from boardtui.errors import BoardError
from boardtui.store import files
from boardtui.store.jsonfile import JsonProblem, strict_loads
from boardtui.store.queries import rows as query_rows
from boardtui.text import cut

if TYPE_CHECKING:
    from boardtui.store.pack import Store
    from boardtui.store.views import FirstFrame

FORMAT = "boardtui-lake"
CATALOG = "_lake.json"
HISTORY = "_history.json"
INDEX = "_index"
STAGING = ".adding"
PLAN = "plan.json"
LOCK = ".lock"
PART = "part-0.parquet"
# The tables the app's map of the lake keeps in one file each (LAKE/_index/<table>.parquet).
INDEXED = ("weakness", "meeting")
# A pack id names a folder (board=<pack_id>): letters, digits, '.', '_' and '-' only.
_PACK_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
CATALOG_BYTES = 20_000_000


def partition(lake: Path, table: str, pack_id: str) -> Path:
    """Where a board's table is in a lake: LAKE/<table>/board=<pack_id>/part-0.parquet."""
    return Path(lake) / table / f"board={pack_id}" / PART


def is_lake(path: Path) -> bool:
    return Path(path).is_dir() and (Path(path) / CATALOG).is_file()


@dataclass(frozen=True)
class Board:
    pack_id: str
    key: str  # the short code the app puts before the board's ids: B0007-W09
    name: str
    area: str
    snapshot_id: str
    exported_at: str
    public: bool
    added_at: str
    tables: tuple[str, ...]


@dataclass(frozen=True)
class Catalog:
    boards: dict[str, Board]  # by pack id, in the order first added
    next_key: int
    private: bool  # holds a full (not public) snapshot

    def by_key(self) -> dict[str, Board]:
        return {b.key: b for b in self.boards.values()}


def _read_json(path: Path, what: str) -> Any:
    try:
        found = path.stat().st_size
        if found > CATALOG_BYTES:
            raise BoardError(
                f"{path} is {found:,} bytes, more than a lake's {what} ever is; restore the lake from a backup."
            )
        return strict_loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise BoardError(f"{path} cannot be read ({err.strerror or err}); check you may read the lake.") from None
    except (UnicodeDecodeError, JsonProblem) as err:
        why = "it is not JSON" if isinstance(err, UnicodeDecodeError) else str(err)
        raise BoardError(f"{path} is not a boardtui lake's {what} ({why}); restore the lake from a backup.") from None


def read_catalog(lake: Path) -> Catalog:
    """The boards of a lake (an empty catalog for a folder that is not a lake yet)."""
    lake = Path(lake)
    path = lake / CATALOG
    if not path.exists():
        return Catalog({}, 1, False)
    data = _read_json(path, "catalog")
    try:
        if data.get("format") != FORMAT:
            raise ValueError("format")
        boards = {}
        for pack_id, b in data["boards"].items():
            boards[pack_id] = Board(
                pack_id,
                str(b["key"]),
                str(b["name"]),
                str(b["area"]),
                str(b["snapshot_id"]),
                str(b["exported_at"]),
                bool(b["public"]),
                str(b["added_at"]),
                tuple(str(t) for t in b["tables"]),
            )
            if not _PACK_ID.fullmatch(pack_id):
                raise ValueError("pack id")
        return Catalog(boards, int(data["next_key"]), bool(data.get("private", False)))
    except (AttributeError, KeyError, TypeError, ValueError):
        raise BoardError(
            f"{path} is not a boardtui lake's catalog (a field is missing or wrong); restore the lake from a backup."
        ) from None


def _catalog_json(catalog: Catalog) -> str:
    return (
        json.dumps(
            {
                "format": FORMAT,
                "app_version": __version__,
                "next_key": catalog.next_key,
                "private": catalog.private,
                "boards": {
                    b.pack_id: {
                        "key": b.key,
                        "name": b.name,
                        "area": b.area,
                        "snapshot_id": b.snapshot_id,
                        "exported_at": b.exported_at,
                        "public": b.public,
                        "added_at": b.added_at,
                        "tables": list(b.tables),
                    }
                    for b in catalog.boards.values()
                },
            },
            indent=1,
            ensure_ascii=False,
        )
        + "\n"
    )


def read_history(lake: Path) -> list[dict[str, Any]]:
    path = Path(lake) / HISTORY
    if not path.exists():
        return []
    found = _read_json(path, "history")
    if not isinstance(found, list):
        raise BoardError(f"{path} is not a boardtui lake's history; restore the lake from a backup.")
    return found


# Writing --------------------------------------------------------------------------------
@contextmanager
def _locked(lake: Path) -> Iterator[None]:
    """One lake add (or finish) at a time: an exclusive lock on LAKE/.lock, held while it runs."""
    handle = open(lake / LOCK, "a+b")  # noqa: SIM115 - held for the block
    try:
        try:
            if sys.platform == "win32":  # pragma: no cover - Windows
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BoardError(
                f"{lake} is being changed by another 'boardtui lake add' right now; "
                "wait for it to finish, then try again."
            ) from None
        yield
    finally:
        handle.close()


@dataclass(frozen=True)
class Added:
    folder: Path  # the snapshot given
    board: Board
    replaced: Board | None  # the board's snapshot that was in the lake before
    rows: int


def _refuse(folder: Path, why: str) -> BoardError:
    return BoardError(f"{folder}: {why}; nothing was added to the lake.")


def add(lake: Path, snapshots: list[Path], *, private: bool = False, now: datetime | None = None) -> list[Added]:
    """Add each snapshot to the lake (made if it is new), replacing the board's older one: all of
    them or, on any refusal or failure, none (BoardError, the lake unchanged)."""
    lake = Path(lake)
    if lake.exists() and not lake.is_dir():
        raise BoardError(f"{lake} is a file, not a lake folder; choose a folder.")
    if not lake.exists():
        if not lake.parent.is_dir():
            raise BoardError(f"{lake.parent} is not a folder; create it first.")
        lake.mkdir(mode=files.PRIVATE_FOLDER if private else files.public_mode(folder=True))
        files.make_private(lake) if private else files.make_public(lake)
        made = True
    else:
        made = False
        if (
            any(p.name != LOCK for p in lake.iterdir())
            and not (lake / CATALOG).exists()
            and not (lake / STAGING).exists()
        ):
            raise BoardError(
                f"{lake} is a folder that holds other things and is not a boardtui lake; "
                "choose a new or empty folder for the lake."
            )
    try:
        with _locked(lake):
            _finish_interrupted(lake)
            return _add(lake, [Path(s) for s in snapshots], private, now or datetime.now())
    except BaseException:
        if made and not (lake / CATALOG).exists():
            shutil.rmtree(lake, ignore_errors=True)  # nothing of it was ever a lake
        raise


def _add(lake: Path, snapshots: list[Path], private: bool, now: datetime) -> list[Added]:
    from boardtui.store.snapshot import DERIVED, TABLES, open_snapshot

    catalog = read_catalog(lake)
    staging = lake / STAGING
    shutil.rmtree(staging, ignore_errors=True)  # a call that died before its plan: never visible
    if not snapshots:
        raise BoardError("name at least one snapshot folder to add.")
    seen: dict[str, Path] = {}
    added: list[Added] = []
    next_key = catalog.next_key
    stamp = now.replace(microsecond=0).isoformat()
    try:
        staging.mkdir(mode=files.PRIVATE_FOLDER)
        for folder in snapshots:
            if not folder.is_dir():
                raise _refuse(
                    folder, "is not a snapshot folder (export one with 'boardtui export PACK --to FOLDER --public')"
                )
            try:
                store = open_snapshot(folder)  # the manifest, every file's hash and rows, public or not
            except BoardError as err:
                raise BoardError(f"{str(err).rstrip('.')}; nothing was added to the lake.") from None
            try:
                manifest = store.manifest
                if manifest is None:  # open_snapshot keeps the manifest it checked
                    raise _refuse(folder, "has no manifest")
                if not manifest.get("public", False) and not private:
                    raise _refuse(
                        folder,
                        "is a full snapshot, which holds names, the audit log and confidential "
                        "minutes; add its public version (boardtui export PACK --to FOLDER "
                        "--public), or say --private to add it as it is",
                    )
                identity = query_rows(store.con, "lake_board_identity")
                if len(identity) != 1 or not identity[0][0]:
                    raise _refuse(
                        folder,
                        "names no pack id (a snapshot of schema version 1); open its pack in "
                        "this boardtui once and export it again",
                    )
                pack_id, name, area = identity[0]
                if not _PACK_ID.fullmatch(pack_id):
                    raise _refuse(
                        folder,
                        f"its pack id {json.dumps(cut(pack_id, 40))} cannot name a folder "
                        "(letters, digits, '.', '_' and '-' only)",
                    )
                folded = pack_id.lower()
                if folded in seen:
                    raise _refuse(
                        folder,
                        f"it is a snapshot of the same board as {seen[folded]} (pack id {pack_id}); add one of them",
                    )
                clash = next(
                    (b for b in catalog.boards.values() if b.pack_id.lower() == folded and b.pack_id != pack_id), None
                )
                if clash is not None:
                    raise _refuse(
                        folder,
                        f"its pack id {pack_id} differs only in case from board {clash.key}'s "
                        f"({clash.pack_id}), and some file systems cannot hold both",
                    )
                seen[folded] = folder
                before = catalog.boards.get(pack_id)
                if before is not None and before.exported_at > manifest["exported_at"]:
                    raise _refuse(
                        folder,
                        f"the lake holds a later snapshot of this board ({before.key}, exported "
                        f"{before.exported_at}) than this one (exported {manifest['exported_at']})",
                    )
                key = before.key if before else f"B{next_key:04d}"
                if before is None:
                    next_key += 1
                rows = _stage_board(store, staging, pack_id, manifest, (*TABLES, *DERIVED))
                board = Board(
                    pack_id,
                    key,
                    name,
                    area,
                    manifest["snapshot_id"],
                    manifest["exported_at"],
                    bool(manifest.get("public", False)),
                    stamp,
                    tuple(rows),
                )
                added.append(Added(folder, board, before, sum(r for r, _ in rows.values())))
                _stage_history_entry(staging, folder, board, before, rows, manifest)
            finally:
                store.close()
        boards = dict(catalog.boards)
        for a in added:
            boards[a.board.pack_id] = a.board
        new_catalog = Catalog(boards, next_key, catalog.private or any(not a.board.public for a in added))
        _stage_index(lake, staging, new_catalog, {a.board.pack_id for a in added})
        files.write_text_atomically(staging / CATALOG, _catalog_json(new_catalog), public=not new_catalog.private)
        history = read_history(lake) + [json.loads(p.read_text()) for p in sorted((staging / "history").iterdir())]
        files.write_text_atomically(
            staging / HISTORY, json.dumps(history, indent=1, ensure_ascii=False) + "\n", public=not new_catalog.private
        )
        moves = [[t, a.board.pack_id] for a in added for t in a.board.tables]
        # From here the call is whole: the plan says what to move, and is finished even if this
        # process stops (the next lake add or lake list does it).
        files.write_text_atomically(staging / PLAN, json.dumps({"moves": moves, "private": new_catalog.private}))
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(err, BoardError):
            raise
        if isinstance(err, OSError):
            raise BoardError(
                f"adding to {lake} failed ({err.strerror or err}); nothing was added to the lake."
            ) from None
        import duckdb

        if isinstance(err, duckdb.Error):
            raise BoardError(
                f"adding to {lake} failed ({str(err).splitlines()[0]}); nothing was added to the lake."
            ) from None
        raise
    _finish_interrupted(lake)
    return added


def _stage_board(
    store: Store, staging: Path, pack_id: str, manifest: dict[str, Any], tables: Iterable[str]
) -> dict[str, tuple[int, str]]:
    """Write each table of a loaded snapshot, in today's schema, into the staging folder: rows
    and SHA-256 by table. Tables the snapshot did not hold (a public one's audit log) are written
    empty, so every table of the lake has a partition for every board, all of one schema."""
    from boardtui.store.pack import file_connection
    from boardtui.store.snapshot import _sha256, _write_table

    public = bool(manifest.get("public", False))
    identity = {
        key: manifest.get(key)
        for key in ("format", "snapshot_id", "exported_at", "source", "schema_version", "app_version", "public")
    }
    identity["lake_pack_id"] = pack_id
    out: dict[str, tuple[int, str]] = {}
    cur = store.cursor()
    source = store.cursor()
    writer = file_connection(staging)
    try:
        for table in tables:
            path = partition(staging, table, pack_id)
            for folder in (path.parent.parent, path.parent):
                if not folder.exists():
                    folder.mkdir(mode=files.PRIVATE_FOLDER)
            rows = _write_table(source, writer, f"export/{table}", path, {**identity, "table": table})
            for made in (path, path.parent):
                files.make_public(made) if public else files.make_private(made)
            out[table] = (rows, _sha256(path))
    finally:
        writer.close()
        source.close()
        cur.close()
    return out


def _stage_history_entry(
    staging: Path,
    folder: Path,
    board: Board,
    before: Board | None,
    rows: dict[str, tuple[int, str]],
    manifest: dict[str, Any],
) -> None:
    entry = {
        "added_at": board.added_at,
        "board": board.key,
        "pack_id": board.pack_id,
        "name": board.name,
        "from": str(folder.resolve()),
        "snapshot_id": board.snapshot_id,
        "exported_at": board.exported_at,
        "source": manifest.get("source"),
        "public": board.public,
        "replaced": before.snapshot_id if before else None,
        "files": {f"{t}/board={board.pack_id}/{PART}": {"rows": r, "sha256": h} for t, (r, h) in rows.items()},
    }
    (staging / "history").mkdir(exist_ok=True)
    number = len(list((staging / "history").iterdir()))
    (staging / "history" / f"{number:06d}.json").write_text(json.dumps(entry))


def _stage_index(lake: Path, staging: Path, catalog: Catalog, staged: set[str]) -> None:
    """The app's map of the lake: every board's weaknesses and meetings, one file each."""
    from boardtui.store.pack import file_connection
    from boardtui.store.queries import sql

    (staging / INDEX).mkdir()
    boards = order_of(catalog)
    writer = file_connection(lake)
    try:
        for table in INDEXED:
            paths = [str(partition(staging if b.pack_id in staged else lake, table, b.pack_id)) for b in boards]
            path = staging / INDEX / f"{table}.parquet"
            writer.execute(
                sql("lake_index_copy"),
                {
                    "files": paths,
                    "path": str(path),
                    "pack_ids": [b.pack_id for b in boards],
                    "keys": [b.key for b in boards],
                    "areas": [b.area for b in boards],
                    "ranks": list(range(1, len(boards) + 1)),
                },
            ).fetchall()
            files.make_private(path) if catalog.private else files.make_public(path)
    finally:
        writer.close()


def order_of(catalog: Catalog) -> list[Board]:
    """The boards in the order the app lists them: by local area, then key."""
    return sorted(catalog.boards.values(), key=lambda b: (b.area.casefold(), b.key))


def _finish_interrupted(lake: Path) -> None:
    """Finish the moves of an add whose plan was written (whole and checked in the staging
    folder); an add that stopped before its plan is dropped. Called under the lock."""
    staging = lake / STAGING
    plan_path = staging / PLAN
    if not plan_path.is_file():
        shutil.rmtree(staging, ignore_errors=True)
        return
    plan = json.loads(plan_path.read_text())
    if plan.get("private"):
        files.make_private(lake)  # before any private file is in the lake's folders
    for table, pack_id in plan["moves"]:
        source = partition(staging, table, pack_id)
        if source.exists():  # not moved yet
            target = partition(lake, table, pack_id)
            for folder in (target.parent.parent, target.parent):
                if not folder.exists():
                    folder.mkdir(mode=files.PRIVATE_FOLDER if plan.get("private") else files.public_mode(folder=True))
                    files.make_private(folder) if plan.get("private") else files.make_public(folder)
            os.replace(source, target)
    if (staging / INDEX).exists():
        if not (lake / INDEX).exists():
            (lake / INDEX).mkdir()
            files.make_private(lake / INDEX) if plan.get("private") else files.make_public(lake / INDEX)
        for table in INDEXED:
            source = staging / INDEX / f"{table}.parquet"
            if source.exists():
                os.replace(source, lake / INDEX / f"{table}.parquet")
    for name in (HISTORY, CATALOG):  # the catalog last: it names what the lake holds
        if (staging / name).exists():
            os.replace(staging / name, lake / name)
    shutil.rmtree(staging, ignore_errors=True)


def finish(lake: Path) -> None:
    """Finish an add that was stopped during its moves (lake list does this first)."""
    lake = Path(lake)
    if (lake / STAGING / PLAN).is_file():
        with _locked(lake):
            _finish_interrupted(lake)


def write_first_frame(lake: Path, frame: FirstFrame, lake_tag: list[list[int]]) -> bool:
    """Give the lake its own first frame (lake_frame.py), read from the lake whose tag was
    ``lake_tag``; not written (False) if another add has changed the lake since."""
    from boardtui.store import lake_frame

    lake = Path(lake)
    with _locked(lake):
        if unfinished(lake) or lake_frame.tag(lake) != lake_tag:
            return False
        files.write_text_atomically(
            lake_frame.path_in(lake), lake_frame.dumps(frame, lake_tag), public=not read_catalog(lake).private
        )
    return True


def unfinished(lake: Path) -> bool:
    """Whether an add's moves were stopped part way (the app refuses such a lake)."""
    return (Path(lake) / STAGING / PLAN).is_file()


def describe(added: Added) -> str:
    b = added.board
    what = "public snapshot" if b.public else "full snapshot"
    replaced = f", replacing its snapshot of {added.replaced.exported_at}" if added.replaced else ""
    return f"{b.key} {b.name} ({b.area}): {what} exported {b.exported_at}, {added.rows:,} rows{replaced}"
