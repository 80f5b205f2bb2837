"""Parquet snapshots of a pack: export (all or public), verify, and open read-only.

A snapshot is a folder of tables: one folder per table holding its Parquet file
(``snap/action/part-0.parquet``), as Hive-style readers (pyarrow.dataset, polars, DuckDB, Spark)
read a table, the derived action_as_at (the board's rules applied at every board meeting) beside
them, and _manifest.json at the top (named so that folder readers skip it). Snapshots written
before hold one flat file per table (``snap/action.parquet``) and may name their manifest
manifest.json; they still open. A snapshot is written to a temporary folder beside the target
and renamed into place only when complete, so a failed export never leaves anything under the
target's name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import duckdb

from boardtui import __version__
from boardtui.errors import BoardError
from boardtui.store import files
from boardtui.store.jsonfile import JsonProblem, strict_loads
from boardtui.store.limits import MANIFEST_BYTES, MANIFEST_FILES, size
from boardtui.store.pack import LATEST_SCHEMA, Store, apply_migrations, file_connection, memory_connection
from boardtui.store.queries import migrations, rows, sql
from boardtui.text import cut

if TYPE_CHECKING:
    import pyarrow as pa

    from boardtui.store.publication import Candidate, Publication

FORMAT = "boardtui-snapshot"
# A leading underscore: folder readers (pyarrow.dataset, Spark, Hadoop) skip the file.
MANIFEST = "_manifest.json"
OLD_MANIFEST = "manifest.json"  # the name before; such snapshots are still read
# Each table's file, in a folder of its own (Hive-compatible: the folder is the table).
PART = "part-0.parquet"
# Parents before children, so foreign keys hold while a snapshot is loaded.
TABLES = (
    "board",
    "rag_definition",
    "plan",
    "weakness",
    "judgement",
    "meeting",
    "action",
    "rag_rating",
    "weakness_rating",
    "attendance",
    "minute_item",
    "evidence",
    "measure",
    "measure_value",
    "officer_update",
    "glossary",
    "audit_log",
    "publication_decision",
    "public_title",
)
# Files derived from the tables by the board's rules (queries/export/<name>.sql), written after
# them and marked "derived" in the manifest: not loaded back, since the tables hold their source.
DERIVED = ("action_as_at",)
# Tables read in parts, each part sorted on its own, in the table's order (_rows_of):
# queries/export/parts/<table>.sql lists each part's parameters.
IN_PARTS = ("rag_rating", "action_as_at")
# The audit log, and the publication review: its decisions name the very words withheld, and a
# public title stands for an action whose own title is confidential.
PUBLIC_OMITS = {"audit_log", "publication_decision", "public_title"}
# A public snapshot reads every file through export_public/<name>.sql, which leaves out what is
# not published (confidential minutes and actions, individuals' names in their own columns);
# then every text column of each table is published (boardtui/store/publication.py).
PUBLIC_QUERIES = (set(TABLES) - PUBLIC_OMITS) | set(DERIVED)
# Columns of ids, codes, dates as text and the pack's fixed words: never free text. Every other
# text column of a public table is published (withheld where it must be), so a new column is
# never missed.
NOT_TEXT = frozenset(
    {
        "id",
        "code",
        "weakness",
        "plan",
        "status",
        "carried_forward_from",
        "meeting",
        "pack_id",
        "action",
        "term",
        "body",
        "outcome",
        "kind",
        "minutes_status",
        "approved_at_meeting",
        "measure",
        "uid",
        "for_meeting",
        "proposed_brag",
        "state",
        "brag",
        "prev_brag",
        "direction",
    }
)
# What identifies a row of each table, to say where a word was found.
ROW_KEYS = {
    "action": ("id",),
    "rag_rating": ("action", "meeting"),
    "weakness_rating": ("weakness", "meeting"),
    "minute_item": ("meeting", "item_order"),
    "officer_update": ("action", "for_meeting"),
    "evidence": ("action", "date"),
    "judgement": ("weakness", "date"),
    "measure": ("code",),
    "measure_value": ("measure", "period_end"),
    "meeting": ("id",),
    "weakness": ("code",),
    "plan": ("code",),
    "glossary": ("term",),
    "attendance": ("meeting", "person"),
    "rag_definition": ("brag",),
}
# What --public removes, word for word in the manifest and the README.
PUBLIC_REMOVES = (
    "minute items marked confidential (minute_item rows with confidential = true)",
    "actions arising from a confidential minute item, with their ratings, updates, evidence and "
    "action_as_at rows, unless the secretary chose a neutral title to publish one under (then "
    "its title is that, and nothing else from the minute: no description, rationales withheld)",
    "the audit log and the publication review (no audit_log, publication_decision or public_title file)",
    "names of individuals: action.action_lead, action.senior_officer, rag_rating.rated_by, "
    "weakness_rating.rated_by, minute_item.owner and officer_update.author become 'withheld'; "
    "attendance.person becomes the person's role (numbered when a role repeats at a meeting); "
    "roles and organisations are kept",
    "personal data in every free-text column: emails, UK phone numbers, postcodes, dates of "
    "birth, children's ages, NHS numbers and unique pupil numbers, the names of the people the "
    "pack knows (in any accent, with a title or an initial, a part on its own), and every word "
    "the publication review decided to withhold, each become a mark such as '[name withheld]'",
)

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    manifest: dict[str, Any]
    withheld: int = 0  # mentions of personal data withheld from free text (public snapshots)
    said: str = ""  # and what they were, in words


def file_name(table: str) -> str:
    """Where a table's file is, inside a snapshot folder: ``action/part-0.parquet``."""
    return f"{table}/{PART}"


def flat_name(table: str) -> str:
    """Where a snapshot written before tables had folders keeps it: ``action.parquet``."""
    return f"{table}.parquet"


def table_files(manifest: dict[str, Any]) -> dict[str, str]:
    """Each table's file name in a (checked) manifest, derived files included: table -> name."""
    return {entry["table"]: name for name, entry in manifest["files"].items()}


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _composed(template: str, query: str) -> str:
    """An export query's text placed into a template (export_marks)."""
    return sql(template).replace("{query}", sql(query).strip().rstrip(";"))


# Rows handed from the pack's connection to the writer's at a time.
_BATCH = 16_384


def _write_table(
    cur: duckdb.DuckDBPyConnection,
    writer: duckdb.DuckDBPyConnection,
    query: str,
    path: Path,
    identity: dict[str, Any],
    rows_given: pa.Table | None = None,
) -> int:
    """Write one export query's rows (or ``rows_given``: a public table as published) to
    ``path``; the number of rows written.

    The pack's connection may not touch files (db.SETTINGS), so its rows stream, a batch at a
    time, to ``writer``, a connection allowed only the snapshot's folder, and DuckDB's own
    Parquet writer writes them there, metadata included."""
    rows_of = rows_given if rows_given is not None else _rows_of(cur, query)
    writer.register("snapshot_rows", rows_of)
    try:
        [(rows,)] = writer.execute(sql("export_copy"), {"path": str(path), "identity": json.dumps(identity)}).fetchall()
    finally:
        writer.unregister("snapshot_rows")
        if rows_given is None:
            rows_of.close()  # the pack's cursor is free for the next query
    return int(rows)


def _rows_of(cur: duckdb.DuckDBPyConnection, query: str) -> pa.RecordBatchReader:
    """An export query's rows, a batch at a time; a table IN_PARTS a part at a time, in order."""
    import pyarrow as pa

    table = query.rpartition("/")[2]
    if table not in IN_PARTS:
        return cur.sql(sql(query)).to_arrow_reader(_BATCH)
    listed = cur.sql(sql(f"export/parts/{table}"))
    names = listed.columns
    parts = [dict(zip(names, part, strict=True)) for part in listed.fetchall()] or [dict.fromkeys(names)]
    first = cur.sql(sql(query), params=parts[0]).to_arrow_reader(_BATCH)

    def batches() -> Iterator[pa.RecordBatch]:
        yield from first
        for part in parts[1:]:  # each read once the last is done: one cursor, one at a time
            yield from cur.sql(sql(query), params=part).to_arrow_reader(_BATCH)

    return pa.RecordBatchReader.from_batches(first.schema, batches())


def _export_queries(public: bool) -> list[tuple[str, str]]:
    """(file stem, query name) of every file a snapshot holds, tables first, then derived.
    A public snapshot reads each file through export_public/<name>."""
    return [
        (name, f"export_public/{name}" if public and name in PUBLIC_QUERIES else f"export/{name}")
        for name in (*TABLES, *DERIVED)
        if not (public and name in PUBLIC_OMITS)
    ]


def _text_columns(schema: pa.Schema) -> list[str]:
    import pyarrow as pa

    return [
        f.name
        for f in schema
        if (pa.types.is_string(f.type) or pa.types.is_large_string(f.type)) and f.name not in NOT_TEXT
    ]


def _public_rows(cur: duckdb.DuckDBPyConnection, query: str) -> pa.Table:
    """A public query's rows, before their free text is published."""
    return _rows_of(cur, query).read_all()


def _public_texts(cur: duckdb.DuckDBPyConnection, name: str, query: str) -> Iterator[tuple[Callable[[], str], str]]:
    """(where, text) for each distinct text of each free-text column of a public table, column by
    column in reading order; where is worked out only when asked (the review asks for the places
    of a candidate). Read a batch at a time, keeping each distinct text once with the keys of the
    row it was first found in: the whole table at 1,000 areas (807,000 ratings) took 150 MB."""
    import pyarrow.compute as pc

    keys = ROW_KEYS.get(name, ())
    reader = _rows_of(cur, query)
    try:
        columns = _text_columns(reader.schema)
        first_found: dict[str, dict[str, tuple[Any, ...]]] = {column: {} for column in columns}
        for batch in reader:
            for column in columns:
                seen, values = first_found[column], batch.column(column)
                for value in pc.unique(values).to_pylist():  # in the order first found
                    if value and value not in seen:
                        row = pc.index(values, value).as_py()
                        seen[value] = tuple(batch.column(k)[row].as_py() for k in keys)
    finally:
        reader.close()
    for column, seen in first_found.items():
        for value, ident in seen.items():

            def where(column: str = column, ident: tuple[Any, ...] = ident) -> str:
                said = " ".join(str(v) for v in ident)
                return " ".join(p for p in (name, said, column.replace("_", " ")) if p)

            yield where, value


def _published(table: pa.Table, publication: Publication) -> pa.Table:
    """``table`` with every free-text column as published: each distinct text once, counted
    as many times as rows hold it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for column in _text_columns(table.schema):
        index = table.schema.get_field_index(column)
        values = table.column(column).combine_chunks()
        counts = {c["values"]: c["counts"] for c in pc.value_counts(values).to_pylist()}
        encoded = values.dictionary_encode()
        dictionary = [publication.publish(v, counts.get(v, 1)) for v in encoded.dictionary.to_pylist()]
        table = table.set_column(index, column, pc.take(pa.array(dictionary, pa.string()), encoded.indices))
    return table


def public_candidates(store: Store) -> list[Candidate]:
    """Every candidate in what a public snapshot of ``store`` would carry, decided or not."""
    from boardtui.store.publication import Publication

    cur = store.cursor()
    try:
        publication = Publication(cur)
        return publication.candidates(_snapshot_texts(cur))
    finally:
        cur.close()


def _snapshot_texts(cur: duckdb.DuckDBPyConnection) -> Iterator[tuple[Callable[[], str], str]]:
    for name, query in _export_queries(True):
        if name not in DERIVED:  # derived files hold no free text
            yield from _public_texts(cur, name, query)


def _manifest_entry(table: str, rows: int, path: Path) -> dict[str, Any]:
    entry = {"table": table, "rows": rows, "sha256": _sha256(path)}
    if table in DERIVED:
        entry["derived"] = True  # made by the board's rules from the tables; not loaded back
    return entry


def export_snapshot(
    store: Store, target: Path, *, public: bool = False, progress: Progress | None = None
) -> ExportResult:
    """Write ``store`` as a snapshot folder at ``target`` (which must not exist)."""
    target = Path(target)
    if target.exists():
        raise BoardError(f"{target} already exists; snapshots are never merged into a folder, so choose a new name.")
    if not target.parent.is_dir():
        raise BoardError(f"{target.parent} is not a folder; create it first.")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    exported_at = datetime.now().replace(microsecond=0)
    identity = {
        "format": FORMAT,
        "snapshot_id": uuid.uuid4().hex,
        "exported_at": exported_at.isoformat(),
        "source": str(store.path),
        "schema_version": store.schema_version,
        "app_version": __version__,
        "public": public,
    }
    queries = _export_queries(public)
    written = {}
    cur = store.cursor()
    source = store.cursor()  # streams each table's rows to the writer; cur asks everything else
    writer = None
    publication = None
    try:
        if public:
            from boardtui.store.publication import Publication

            publication = Publication(cur)  # refused before anything is written while undecided
            publication.check_decided(_snapshot_texts(cur), "public snapshot")
        # A full snapshot holds the audit log and confidential minutes: its owner's only. A
        # public one is for publishing.
        partial.mkdir(mode=files.PRIVATE_FOLDER)
        writer = file_connection(partial)
        writer.execute(sql("export_writer_settings"))
        for number, (table, query) in enumerate(queries, 1):
            (partial / table).mkdir(mode=files.PRIVATE_FOLDER)
            path = partial / file_name(table)
            file_identity = {**identity, "table": table}
            published = (
                _published(_public_rows(cur, query), publication)
                if publication is not None and table not in DERIVED
                else None
            )
            rows = _write_table(source, writer, query, path, file_identity, published)
            for made in (path, path.parent):
                files.make_public(made) if public else files.make_private(made)
            written[file_name(table)] = _manifest_entry(table, rows, path)
            if progress:
                progress(number, len(queries), table)
        manifest = {**identity, "removed": list(PUBLIC_REMOVES) if public else [], "files": written}
        files.write_text_atomically(partial / MANIFEST, json.dumps(manifest, indent=2) + "\n", public=public)
        files.make_public(partial) if public else files.make_private(partial)
        os.replace(partial, target)
    except BoardError:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    except (OSError, duckdb.Error) as err:
        shutil.rmtree(partial, ignore_errors=True)
        raise BoardError(f"export to {target} failed ({err}); nothing was written under {target}.") from None
    finally:
        if writer is not None:
            writer.close()
        source.close()
        cur.close()
    if publication is None:
        return ExportResult(target, manifest)
    return ExportResult(target, manifest, publication.withheld, publication.said())


def manifest_file(folder: Path) -> Path:
    """The manifest of a snapshot folder: _manifest.json, or manifest.json in an older one."""
    for name in (MANIFEST, OLD_MANIFEST):
        if (folder / name).is_file():
            return folder / name
    raise BoardError(
        f"{folder} has no {MANIFEST}, so it is not a boardtui snapshot; "
        "export one with 'boardtui export PACK --to FOLDER'."
    )


@cache
def tables_of_schema(version: int) -> frozenset[str]:
    """The tables a pack of schema ``version`` has (so a snapshot of it must hold)."""
    con = memory_connection()
    try:
        for number, path in migrations():
            if number <= version:
                con.execute(path.read_text(encoding="utf-8"))
        return frozenset(name for (name,) in rows(con, "catalog_tables")) - {"schema_version"}
    finally:
        con.close()


_SHA256 = re.compile(r"[0-9a-f]{64}")


def _manifest_problem(manifest: object) -> str | None:
    """What is wrong with a manifest's fields, in words naming the key; None when nothing is."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        return "it is not a boardtui snapshot manifest"
    version = manifest.get("schema_version")
    if type(version) is not int or version < 1:
        return _wrong("'schema_version'", version, "a schema version number")
    if version > LATEST_SCHEMA:
        return None  # refused in words of its own by read_manifest
    exported = manifest.get("exported_at")
    try:
        datetime.fromisoformat(exported)  # type: ignore[arg-type]  # not text: the TypeError is caught
    except (TypeError, ValueError):
        return _wrong("'exported_at'", exported, "a date and time")
    source = manifest.get("source")
    if not isinstance(source, str) or not source.strip():
        return _wrong("'source'", source or None, "the file it was exported from")
    if not isinstance(manifest.get("public", False), bool):
        return _wrong("'public'", manifest["public"], "true or false")
    files = manifest.get("files")
    if not files:
        return "'files' lists no files"
    if not isinstance(files, dict):
        return _wrong("'files'", files, "a map from each file to its table, rows and SHA-256")
    if len(files) > MANIFEST_FILES:
        return f"'files' lists {len(files):,} files, and a snapshot has at most {MANIFEST_FILES}"
    known = tables_of_schema(version)
    seen: set[str] = set()
    for name, entry in files.items():
        shown = cut(name, 60)
        if not isinstance(entry, dict):
            return _wrong(f"the 'files' entry for {shown}", entry, "its table, rows and SHA-256")
        table, derived = entry.get("table"), entry.get("derived", False)
        if not isinstance(derived, bool):
            return _wrong(f"'derived' of {shown}", derived, "true or false")
        if derived:  # made by the board's rules from the tables (DERIVED); never loaded back
            if table not in DERIVED:
                return _wrong(
                    f"the table of {shown}", table, f"one derived by the board's rules ({', '.join(DERIVED)})"
                )
        elif not isinstance(table, str) or table not in known:
            return _wrong(f"the table of {shown}", table, f"a table of schema version {version}")
        if name not in (file_name(table), flat_name(table)):
            return _wrong(f"the file of table {table}", name, file_name(table))
        if table in seen:
            return f"'files' lists the {table} table twice"
        seen.add(table)
        count = entry.get("rows")
        if type(count) is not int or count < 0:
            return _wrong(f"the row count of {shown}", count, "a number of rows")
        if not isinstance(entry.get("sha256"), str) or not _SHA256.fullmatch(entry["sha256"]):
            return _wrong(f"the SHA-256 of {shown}", entry.get("sha256"), "a SHA-256")
    return None


def _wrong(what: str, value: object, expected: str) -> str:
    """'what is missing', or 'what is <the value as JSON, cut short>, not <expected>'."""
    if value is None:
        return f"{what} is missing"
    return f"{what} is {cut(json.dumps(value, ensure_ascii=False), 40)}, not {expected}"


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a snapshot folder, after checking its fields, that it lists every table
    of its schema version (a public one: all but the audit log), and every file against it."""
    path = manifest_file(folder)
    try:
        found = path.stat().st_size
        if found > MANIFEST_BYTES:
            raise BoardError(
                f"{path} is {size(found)}, and a snapshot's manifest is at most {size(MANIFEST_BYTES)}; "
                "export the snapshot again."
            )
        manifest: dict[str, Any] = strict_loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise BoardError(
            f"{path} cannot be read ({err.strerror or err}); check you may read the "
            "folder, or export the snapshot again."
        ) from None
    except (UnicodeDecodeError, JsonProblem) as err:
        why = "it is not JSON" if isinstance(err, UnicodeDecodeError) else str(err)
        raise BoardError(f"{path} is not a boardtui snapshot manifest ({why}); export the snapshot again.") from None
    problem = _manifest_problem(manifest)
    if problem:
        raise BoardError(f"{path}: {problem}; export the snapshot again.")
    version = manifest["schema_version"]
    if version > LATEST_SCHEMA:
        raise BoardError(
            f"{folder} is a snapshot of schema version {version}, newer than this "
            f"boardtui {__version__} knows (up to {LATEST_SCHEMA}); upgrade boardtui."
        )
    public = manifest.get("public", False)
    listed = {entry["table"] for entry in manifest["files"].values() if not entry.get("derived")}
    wanted = tables_of_schema(version) - (PUBLIC_OMITS if public else set())
    for table in sorted(wanted - listed):
        raise BoardError(
            f"{folder} is incomplete: {path.name} lists no {table} table, which every "
            f"{'public ' if public else ''}snapshot of schema version {version} holds; "
            "export the snapshot again."
        )
    for table in sorted(listed - wanted):  # only the audit log of a snapshot said to be public
        raise BoardError(
            f"{path} says the snapshot is public, but it holds the {table} table, which a "
            "public snapshot never does; export it again (with --public for the public version)."
        )
    for name, entry in manifest["files"].items():
        file = folder / name
        if not file.is_file():
            raise BoardError(f"{folder} is incomplete: {name} is missing; export the snapshot again.")
        try:
            digest = _sha256(file)
        except OSError as err:
            raise BoardError(
                f"{file} cannot be read ({err.strerror or err}); check you may read "
                "the folder, or export the snapshot again."
            ) from None
        if digest != entry["sha256"]:
            raise BoardError(
                f"{file} does not match its SHA-256 in {path.name} (it changed after "
                "export); export the snapshot again."
            )
    return manifest


def _check_row_counts(con: duckdb.DuckDBPyConnection, folder: Path, manifest: dict[str, Any]) -> None:
    for name, entry in manifest["files"].items():
        (held,) = rows(con, "snapshot_file_rows", path=str(folder / name))[0]
        if held != entry["rows"]:
            raise BoardError(
                f"{folder / name} holds {held} rows, but {manifest_file(folder).name} says "
                f"{entry['rows']}; export the snapshot again."
            )


def _check_public(con: duckdb.DuckDBPyConnection, folder: Path, manifest: dict[str, Any]) -> None:
    """A snapshot said to be public holds nothing a public snapshot leaves out."""
    if not manifest.get("public", False):
        return
    for what, count in rows(con, "snapshot_public_breaches"):
        if count:
            raise BoardError(
                f"{manifest_file(folder)} says the snapshot is public, but it holds "
                f"{what} ({count}); export it again (with --public for the public version)."
            )


def _load_actions_in_waves(con: duckdb.DuckDBPyConnection, params: dict[str, Any], file: Path) -> None:
    left = con.execute(sql("snapshot_actions_left"), params).fetchall()[0][0]
    while left:
        con.execute(sql("snapshot_load/action"), params)
        now_left = con.execute(sql("snapshot_actions_left"), params).fetchall()[0][0]
        if now_left == left:
            raise BoardError(
                f"{file}: an action is carried forward from one that is not in the snapshot; export the snapshot again."
            )
        left = now_left


def open_snapshot(folder: Path) -> Store:
    """A read-only pack in memory, loaded from a verified snapshot folder."""
    manifest = read_manifest(folder)
    con = file_connection(folder)  # reads the snapshot's files, and no others
    try:
        _check_row_counts(con, folder, manifest)
        apply_migrations(con, 0)  # the current schema; older snapshots load by column name
        con.begin()
        names = table_files(manifest)
        for table in TABLES:
            name = names.get(table)
            if name is None:
                continue
            params = {"path": str(folder / name)}
            if table == "action":
                _load_actions_in_waves(con, params, folder / name)
            else:
                con.execute(sql(f"snapshot_load/{table}"), params)
        con.commit()
        _check_public(con, folder, manifest)
    except duckdb.Error as err:
        con.close()
        raise BoardError(
            f"{folder} could not be loaded ({str(err).splitlines()[0]}); export the snapshot again."
        ) from None
    except BaseException:
        con.close()
        raise
    when = datetime.fromisoformat(manifest["exported_at"])
    kind = "public snapshot" if manifest.get("public") else "snapshot"
    banner = f"Read-only {kind} of {when:%d %b %Y %H:%M} from {Path(manifest['source']).name}."
    return Store(folder, con, True, manifest["schema_version"], banner=banner, manifest=manifest)


def terminal_progress(stream: TextIO = sys.stderr) -> Progress | None:
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
