"""Parquet snapshots of a pack: export (all or public), verify, and open read-only.

A snapshot is a folder: one Parquet file per table, the derived action_as_at (the board's rules
applied at every board meeting) and manifest.json. It is written to a temporary folder beside
the target and renamed into place only when complete, so a failed export never leaves anything
under the target's name.
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
from boardtui.store import withhold
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
# Files derived from the tables by the board's rules (queries/export/<name>.sql), written after
# them and marked "derived" in the manifest: not loaded back, since the tables hold their source.
DERIVED = ("action_as_at",)
PUBLIC_OMITS = {"audit_log"}
# A public snapshot reads every table through export_public/<table>.sql, which withholds names
# from its free text; the derived files hold no names and no free text.
PUBLIC_QUERIES = set(TABLES) - PUBLIC_OMITS
# What --public removes, word for word in the manifest and the README.
PUBLIC_REMOVES = (
    "minute items marked confidential (minute_item rows with confidential = true)",
    "the audit log (no audit_log.parquet)",
    "names of individuals: action.action_lead, action.senior_officer, rag_rating.rated_by, "
    "weakness_rating.rated_by and minute_item.owner become 'withheld'; attendance.person "
    "becomes the person's role (numbered when a role repeats at a meeting); roles and "
    "organisations are kept",
    "names of the people the pack knows (leads, senior officers, raters, owners, attendees, "
    "audit log users and officers who wrote updates) become '[name withheld]' wherever they "
    "are typed into free text: whole, with a title or an initial, or a part of three letters "
    "or more written with its capital",
)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    manifest: dict
    withheld: int = 0  # names withheld from free text (public snapshots)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _composed(template: str, query: str) -> str:
    """An export query's text placed into a template (export_copy, export_marks)."""
    return sql(template).replace("{query}", sql(query).strip().rstrip(";"))


def _write_table(cur: duckdb.DuckDBPyConnection, query: str, path: Path, identity: dict,
                 params: dict | None = None) -> int:
    """Write one export query's rows to ``path``; the number of rows written. ``params``: the
    query's own (a public query's names pattern)."""
    # DuckDB writes the file itself, metadata included: as fast as its own COPY, where going
    # through Arrow and pyarrow's writer took half as long again.
    bound = {"path": str(path), "identity": json.dumps(identity), **(params or {})}
    (rows,) = cur.execute(_composed("export_copy", query), bound).fetchone()
    return rows


def _export_queries(public: bool) -> list[tuple[str, str]]:
    """(file stem, query name) of every file a snapshot holds, tables first, then derived.
    A public snapshot reads each table through export_public/<name>."""
    return [(name, f"export_public/{name}" if public and name in PUBLIC_QUERIES else f"export/{name}")
            for name in (*TABLES, *DERIVED) if not (public and name in PUBLIC_OMITS)]


def _names_withheld(cur: duckdb.DuckDBPyConnection, query: str, path: Path) -> int:
    """How many names a public query withheld: the '[name withheld]' marks in the file it
    wrote, less those already typed in the pack (its rows with a pattern that matches nothing)."""
    written = sum(cur.execute(sql("export_marks_written"), {"path": str(path)}).fetchone())
    typed = sum(cur.execute(_composed("export_marks", query), {"names_pattern": withhold.NOTHING}).fetchone())
    return written - typed


def _manifest_entry(table: str, rows: int, path: Path) -> dict:
    entry = {"table": table, "rows": rows, "sha256": _sha256(path)}
    if table in DERIVED:
        entry["derived"] = True  # made by the board's rules from the tables; not loaded back
    return entry


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
    queries = _export_queries(public)
    files, withheld = {}, 0
    cur = store.cursor()
    try:
        partial.mkdir()
        pattern = withhold.pack_pattern(cur) if public else None
        for number, (table, query) in enumerate(queries, 1):
            path = partial / f"{table}.parquet"
            params = {"names_pattern": pattern} if query.startswith("export_public/") else None
            rows = _write_table(cur, query, path, {**identity, "table": table}, params)
            if params:
                withheld += _names_withheld(cur, query, path)
            files[path.name] = _manifest_entry(table, rows, path)
            if progress:
                progress(number, len(queries), table)
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
    return ExportResult(target, manifest, withheld)


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
