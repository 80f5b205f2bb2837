"""Parquet snapshots of a pack: export (all or public), verify, and open read-only.

A snapshot is a folder: one Parquet file per table and manifest.json. It is written to a
temporary folder beside the target and renamed into place only when complete, so a failed
export never leaves anything under the target's name.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from boardtui import __version__
from boardtui.errors import BoardError
from boardtui.store.db import LATEST_SCHEMA, Store, apply_migrations
from boardtui.store.queries import sql

FORMAT = "boardtui-snapshot"
MANIFEST = "manifest.json"
# Parents before children, so foreign keys hold while a snapshot is loaded.
TABLES = (
    "board", "rag_definition", "plan", "weakness", "judgement", "meeting", "action",
    "rag_rating", "weakness_rating", "attendance", "minute_item", "evidence", "measure",
    "measure_value", "officer_update", "glossary", "audit_log",
)
PUBLIC_QUERIES = {"action", "rag_rating", "weakness_rating", "attendance", "minute_item", "officer_update"}
PUBLIC_OMITS = {"audit_log"}
# What --public removes, word for word in the manifest and the README.
PUBLIC_REMOVES = (
    "minute items marked confidential (minute_item rows with confidential = true)",
    "the audit log (no audit_log.parquet)",
    "names of individuals: action.action_lead, action.senior_officer, rag_rating.rated_by, "
    "weakness_rating.rated_by and minute_item.owner become 'withheld'; attendance.person "
    "becomes the person's role (numbered when a role repeats at a meeting); roles and "
    "organisations are kept",
)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    manifest: dict


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_table(cur: duckdb.DuckDBPyConnection, query: str, path: Path, identity: dict) -> int:
    """Write one export query's rows to ``path``; the number of rows written."""
    # DuckDB writes the file itself, metadata included: as fast as its own COPY, where going
    # through Arrow and pyarrow's writer took half as long again.
    copy = sql("export_copy").replace("{query}", sql(query).strip().rstrip(";"))
    (rows,) = cur.execute(copy, {"path": str(path), "identity": json.dumps(identity)}).fetchone()
    return rows


def export_snapshot(store: Store, target: Path, *, public: bool = False,
                    progress: Progress | None = None) -> ExportResult:
    """Write ``store`` as a snapshot folder at ``target`` (which must not exist)."""
    target = Path(target)
    if target.exists():
        raise BoardError(f"{target} already exists; snapshots are never merged into a folder, "
                         "so choose a new name.")
    if not target.parent.is_dir():
        raise BoardError(f"{target.parent} is not a folder; create it first.")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    exported_at = datetime.now().replace(microsecond=0)
    identity = {
        "format": FORMAT, "snapshot_id": uuid.uuid4().hex, "exported_at": exported_at.isoformat(),
        "source": str(store.path), "schema_version": store.schema_version,
        "app_version": __version__, "public": public,
    }
    tables = [t for t in TABLES if not (public and t in PUBLIC_OMITS)]
    files = {}
    cur = store.cursor()
    try:
        partial.mkdir()
        for number, table in enumerate(tables, 1):
            query = f"export_public/{table}" if public and table in PUBLIC_QUERIES else f"export/{table}"
            path = partial / f"{table}.parquet"
            rows = _write_table(cur, query, path, {**identity, "table": table})
            files[path.name] = {"table": table, "rows": rows, "sha256": _sha256(path)}
            if progress:
                progress(number, len(tables), table)
        manifest = {**identity, "removed": list(PUBLIC_REMOVES) if public else [], "files": files}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        os.replace(partial, target)
    except BoardError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    except (OSError, duckdb.Error) as err:
        shutil.rmtree(partial, ignore_errors=True)
        raise BoardError(f"export to {target} failed ({err}); nothing was written under {target}.") from None
    finally:
        cur.close()
    return ExportResult(target, manifest)


def read_manifest(folder: Path) -> dict:
    """The manifest of a snapshot folder, after checking every file against it."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BoardError(f"{folder} has no {MANIFEST}, so it is not a boardtui snapshot; "
                         "export one with 'boardtui export PACK --to FOLDER'.")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        files, version = manifest["files"], int(manifest["schema_version"])
        if manifest.get("format") != FORMAT:
            raise ValueError("format")
    except (ValueError, KeyError, TypeError):
        raise BoardError(f"{path} is not a boardtui snapshot manifest; export the snapshot again.") from None
    if version > LATEST_SCHEMA:
        raise BoardError(f"{folder} is a snapshot of schema version {version}, newer than this "
                         f"boardtui {__version__} knows (up to {LATEST_SCHEMA}); upgrade boardtui.")
    for name, entry in files.items():
        file = folder / name
        if not file.is_file():
            raise BoardError(f"{folder} is incomplete: {name} is missing; export the snapshot again.")
        if _sha256(file) != entry.get("sha256"):
            raise BoardError(f"{file} does not match its SHA-256 in {MANIFEST} (it changed after "
                             "export); export the snapshot again.")
    return manifest


def _load_actions_in_waves(con: duckdb.DuckDBPyConnection, params: dict, file: Path) -> None:
    left = con.execute(sql("snapshot_actions_left"), params).fetchone()[0]
    while left:
        con.execute(sql("snapshot_load/action"), params)
        now_left = con.execute(sql("snapshot_actions_left"), params).fetchone()[0]
        if now_left == left:
            raise BoardError(f"{file}: an action is carried forward from one that is not in the "
                             "snapshot; export the snapshot again.")
        left = now_left


def open_snapshot(folder: Path) -> Store:
    """A read-only pack in memory, loaded from a verified snapshot folder."""
    manifest = read_manifest(folder)
    con = duckdb.connect(":memory:")
    try:
        apply_migrations(con, 0)  # the current schema; older snapshots load by column name
        con.begin()
        for table in TABLES:
            name = f"{table}.parquet"
            if name not in manifest["files"]:
                continue
            params = {"path": str(folder / name)}
            if table == "action":
                _load_actions_in_waves(con, params, folder / name)
            else:
                con.execute(sql(f"snapshot_load/{table}"), params)
        con.commit()
    except duckdb.Error as err:
        con.close()
        raise BoardError(f"{folder} could not be loaded ({str(err).splitlines()[0]}); "
                         "export the snapshot again.") from None
    when = datetime.fromisoformat(manifest["exported_at"])
    kind = "public snapshot" if manifest.get("public") else "snapshot"
    banner = f"Read-only {kind} of {when:%d %b %Y %H:%M} from {Path(manifest['source']).name}."
    return Store(folder, con, True, int(manifest["schema_version"]), banner=banner)


def terminal_progress(stream=sys.stderr) -> Progress | None:
    """A one-line progress bar on a terminal; nothing when output is not a terminal."""
    if not stream.isatty():
        return None

    def show(number: int, total: int, table: str) -> None:
        filled = round(30 * number / total)
        stream.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {number}/{total} {table:<16}")
        if number == total:
            stream.write("\n")
        stream.flush()

    return show
