"""Build a board pack from the human-readable files in a folder like data/.

The demo pack is ``build_pack(store, data_dir())``; ``load_weaknesses`` reads the TOML
form that ``boardtui init --weaknesses`` also takes.
"""

from __future__ import annotations

import csv
import zlib
from collections.abc import Iterable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from boardtui.errors import BoardError
from boardtui.store.queries import sql
from boardtui.store.tomlfile import read_toml

WEAKNESS_KEYS = {"code", "short_name", "title", "theme"}
GLOSSARY_KEYS = {"term", "spelled_out", "meaning"}
GLOSSARY_REQUIRED = {"term", "spelled_out"}
SECRETARY_ROLE_MARK = "board secretary"
GLOSSARY_FILE = "glossary.toml"


def load_rows(cur: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> int:
    """Insert dict rows into ``table`` in one statement (columns matched by name)."""
    if not rows:
        return 0
    staged = pa.Table.from_pylist(rows)
    cur.register("staged", staged)
    try:
        cur.execute(sql(f"load_{table}"))
    finally:
        cur.unregister("staged")
    return len(rows)


def read_csv(path: Path) -> list[dict[str, str | None]]:
    """CSV rows as dicts; empty cells become None. A row with more or fewer cells than the
    header (often an unquoted comma) is refused rather than silently cut."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            if None in row or None in row.values():
                raise BoardError(
                    f"{path}, line {reader.line_num}: {len(reader.fieldnames or [])} columns expected; "
                    "quote any text that contains a comma."
                )
            rows.append({k: (v if v != "" else None) for k, v in row.items()})
    return rows


def load_weaknesses(path: Path) -> list[dict[str, Any]]:
    """The ``[[weakness]]`` entries of a TOML file, checked, in display order."""
    entries = read_toml(path).get("weakness")
    if not isinstance(entries, list) or not entries:
        raise BoardError(f"{path} has no [[weakness]] entries; add one per area of weakness.")
    rows, seen = [], set()
    for number, entry in enumerate(entries, 1):
        missing = sorted(WEAKNESS_KEYS - entry.keys())
        unknown = sorted(entry.keys() - WEAKNESS_KEYS)
        where = f"{path}, weakness {number}"
        if missing:
            raise BoardError(
                f"{where}: missing {', '.join(missing)}; every entry needs {', '.join(sorted(WEAKNESS_KEYS))}."
            )
        if unknown:
            raise BoardError(
                f"{where}: unknown key {unknown[0]!r}; allowed keys are {', '.join(sorted(WEAKNESS_KEYS))}."
            )
        for key in WEAKNESS_KEYS:
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise BoardError(f"{where}: {key} must be non-empty text.")
        if entry["code"] in seen:
            raise BoardError(f"{where}: code {entry['code']!r} is used twice; codes must be unique.")
        seen.add(entry["code"])
        rows.append({**{k: entry[k] for k in WEAKNESS_KEYS}, "display_order": number})
    return rows


def load_glossary(path: Path) -> list[dict[str, Any]]:
    """The ``[[term]]`` entries of a glossary TOML file (term, spelled_out, optional meaning), checked."""
    entries = read_toml(path).get("term")
    if not isinstance(entries, list) or not entries:
        raise BoardError(f"{path} has no [[term]] entries; add one per term, with term and spelled_out.")
    rows: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, 1):
        where = f"{path}, term {number}"
        missing = sorted(GLOSSARY_REQUIRED - entry.keys())
        unknown = sorted(entry.keys() - GLOSSARY_KEYS)
        if missing:
            raise BoardError(f"{where}: missing {', '.join(missing)}; every term needs term and spelled_out.")
        if unknown:
            raise BoardError(
                f"{where}: unknown key {unknown[0]!r}; allowed keys are {', '.join(sorted(GLOSSARY_KEYS))}."
            )
        for key in sorted(entry.keys()):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise BoardError(f"{where}: {key} must be non-empty text.")
        term = entry["term"].strip()
        if term in seen:
            raise BoardError(f"{where}: term {term!r} is already term {seen[term]}; each term is listed once.")
        seen[term] = number
        rows.append(
            {
                "term": term,
                "spelled_out": entry["spelled_out"].strip(),
                "meaning": entry.get("meaning", "").strip() or None,
            }
        )
    return rows


def _as_date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _dates(rows: Iterable[dict[str, Any]], *columns: str) -> list[dict[str, Any]]:
    out = []
    for row in rows:
        row = dict(row)
        for column in columns:
            row[column] = _as_date(row.get(column))
        out.append(row)
    return out


def _rationale(phrases: dict[str, dict[str, list[str]]], trend: str, brag: str, key: str) -> str:
    options = phrases.get(trend, {}).get(brag) or phrases["same"].get(brag) or phrases["first"][brag]
    return options[zlib.crc32(key.encode()) % len(options)]


def _attendance(members: list[dict[str, Any]], meetings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Expand each member's span of meetings into attendance rows."""
    order = {m["id"]: m["date"] for m in meetings}
    rows = []
    for member in members:
        first, last = order[member["first_meeting"]], order[member["last_meeting"]]
        apologies = set((member["apologies"] or "").split())
        for meeting in meetings:
            if not first <= meeting["date"] <= last:
                continue
            if meeting["kind"] != "board" and member["attends_reviews"] != "yes":
                continue
            rows.append(
                {
                    "meeting": meeting["id"],
                    "person": member["person"],
                    "role": member["role"],
                    "organisation": member["organisation"],
                    "present": meeting["id"] not in apologies,
                }
            )
    return rows


def _ratings(folder: Path, meetings: list[dict[str, Any]], secretary: str) -> list[dict[str, Any]]:
    """ratings.csv is the wide form trackers use: one column of BRAG letters per meeting."""
    phrases = read_toml(folder / "rationales.toml")
    when = {m["id"]: m["date"] for m in meetings}
    rows = []
    for row in read_csv(folder / "ratings.csv"):
        action, previous = row.pop("action"), None
        for meeting, brag in row.items():
            if not brag:
                continue
            trend = (
                "first"
                if previous is None
                else ("same" if brag == previous else ("up" if "RAGB".index(brag) > "RAGB".index(previous) else "down"))
            )
            rows.append(
                {
                    "action": action,
                    "meeting": meeting,
                    "brag": brag,
                    "rationale": _rationale(phrases, trend, brag, f"{action}@{meeting}"),
                    "rated_by": secretary,
                    "recorded_at": datetime.combine(when[meeting], time(11, 0)),
                }
            )
            previous = brag
    return rows


def _audit_history(actions: list[dict[str, Any]], secretary: str) -> list[dict[str, Any]]:
    """The audit rows a real board would have left for revised targets and closures."""
    rows = []
    for action in actions:
        if action["revised_target_date"]:
            rows.append(
                {
                    "changed_at": datetime.combine(action["target_revised_on"], time(12, 0)),
                    "who": secretary,
                    "table_name": "action",
                    "row_key": action["id"],
                    "field": "revised_target_date",
                    "old_value": None,
                    "new_value": action["revised_target_date"].isoformat(),
                    "why": f"Target revised at the board; original {action['target_date']:%d %b %Y} kept",
                }
            )
        if action["closed_date"]:
            rows.append(
                {
                    "changed_at": datetime.combine(action["closed_date"], time(12, 5)),
                    "who": secretary,
                    "table_name": "action",
                    "row_key": action["id"],
                    "field": "status",
                    "old_value": "open",
                    "new_value": action["status"],
                    "why": "Closed at the board"
                    if action["status"] == "complete"
                    else "Carried into the SEND & AP Improvement Plan 2025",
                }
            )
    return rows


def build_pack(cur: duckdb.DuckDBPyConnection, folder: Path) -> dict[str, int]:
    """Load every file in ``folder`` into an empty pack, in one transaction."""
    settings = read_toml(folder / "board.toml")
    meetings = _dates(read_csv(folder / "meetings.csv"), "date")
    members = read_csv(folder / "members.csv")
    secretary = next(m["person"] or "" for m in members if SECRETARY_ROLE_MARK in (m["role"] or "").lower())
    actions = _dates(
        read_csv(folder / "actions.csv"),
        "start_date",
        "target_date",
        "revised_target_date",
        "target_revised_on",
        "closed_date",
    )
    for action in actions:
        action["illustrative"] = True
    measures = read_toml(folder / "measures.toml")["measure"]
    minutes = _dates(read_csv(folder / "minutes.csv"), "due_date")
    for item in minutes:
        item["confidential"] = item["confidential"] == "true"
        item["item_order"] = int(item["item_order"])
    values = _dates(read_csv(folder / "measure_values.csv"), "period_end")
    for value in values:
        value["value"] = float(value["value"])
    when = {m["id"]: m["date"] for m in meetings}
    weakness_ratings: list[dict[str, Any]] = [dict(r) for r in read_csv(folder / "weakness_ratings.csv")]
    for rating in weakness_ratings:
        rating.update(rated_by=secretary, recorded_at=datetime.combine(when[rating["meeting"]], time(11, 30)))

    # Carried-forward actions reference earlier ones: load those first.
    first_wave = [a for a in actions if not a["carried_forward_from"]]
    second_wave = [a for a in actions if a["carried_forward_from"]]
    tables: list[tuple[str, list[dict[str, Any]]]] = [
        ("board", [{"id": 1, **settings["board"]}]),
        ("rag_definition", [{**r, "sort_order": i} for i, r in enumerate(settings["rag"], 1)]),
        ("plan", settings["plan"]),
        ("weakness", load_weaknesses(folder / "weaknesses.toml")),
        ("judgement", _dates(read_csv(folder / "judgements.csv"), "date")),
        ("meeting", meetings),
        ("action", first_wave),
        ("action", second_wave),
        ("rag_rating", _ratings(folder, meetings, secretary)),
        ("weakness_rating", weakness_ratings),
        ("attendance", _attendance(members, meetings)),
        ("minute_item", minutes),
        ("evidence", _dates(read_csv(folder / "evidence.csv"), "date")),
        ("measure", measures),
        ("measure_value", values),
        ("audit_log", _audit_history(actions, secretary)),
    ]
    if (folder / GLOSSARY_FILE).is_file():  # a board's folder may have no glossary yet
        tables.append(("glossary", load_glossary(folder / GLOSSARY_FILE)))
    counts: dict[str, int] = {}
    cur.begin()
    try:
        for table, rows in tables:
            counts[table] = counts.get(table, 0) + load_rows(cur, table, rows)
        cur.commit()
    except BaseException:
        cur.rollback()
        raise
    cur.checkpoint()
    return counts
