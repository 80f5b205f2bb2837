"""A mapping file: what a tracker's own columns and values mean, when its headers and words are
not the usual ones. Every mistake in it is one sentence naming the key and the nearest word."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from boardtui.errors import BoardError
from boardtui.store.importer.fields import FIELDS, field_named, nearest_field
from boardtui.store.importer.values import fold, parse_kind, parse_status, parse_yes_no
from boardtui.store.parse import parse_brag, parse_date, words
from boardtui.store.tomlfile import read_toml
from boardtui.text import one_line

KINDS = ("actions", "ratings", "minutes", "measures")
KEYS = ("kind", "header_row", "meeting", "columns", "defaults", "values")
# Fields whose values a [values.…] table must translate into a word the importer reads.
_CHECKS = {"status": parse_status, "rag": parse_brag, "kind": parse_kind, "confidential": parse_yes_no}


@dataclass
class Mapping:
    path: Path | None = None
    kind: str | None = None
    header_row: int | None = None
    meeting: date | None = None
    columns: dict[str, str] = field(default_factory=dict)  # folded header -> field
    defaults: dict[str, Any] = field(default_factory=dict)  # field -> value
    # [values.X]: X as a field, or as the tracker's header (folded) -> {value as words: read as}
    field_values: dict[str, dict[str, Any]] = field(default_factory=dict)
    header_values: dict[str, dict[str, Any]] = field(default_factory=dict)
    header_value_names: dict[str, str] = field(default_factory=dict)  # folded header -> as written

    def where(self) -> str:
        return one_line(self.path) if self.path else "the mapping file"


def _no_field(where: str, word: object) -> BoardError:
    near = nearest_field(word)
    hint = f"; did you mean '{near}'?" if near else ""
    listed = ", ".join(f"'{w}'" for w in FIELDS.values())
    return BoardError(
        f"{where} names '{one_line(word)}', which is not a field an import reads{hint} (the fields are {listed})"
    )


def read_mapping(path: Path | None) -> Mapping:
    if path is None:
        return Mapping()
    spec = read_toml(path)
    shown = one_line(path)
    mapping = Mapping(path=path)
    for key in spec:
        if key not in KEYS:
            near = difflib.get_close_matches(key, KEYS, n=1, cutoff=0.5)
            hint = f"; did you mean '{near[0]}'?" if near else ""
            raise BoardError(
                f"{shown}: '{one_line(key)}' is not a mapping file key{hint} (the keys are {', '.join(KEYS)})"
            )
    kind = spec.get("kind")
    if kind is not None:
        if kind not in KINDS:
            raise BoardError(f"{shown}: kind = '{one_line(kind)}' is not one of {', '.join(KINDS)}.")
        mapping.kind = kind
    header_row = spec.get("header_row")
    if header_row is not None:
        if not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1:
            raise BoardError(
                f"{shown}: header_row = {one_line(header_row)} is not a row number; write the "
                "number of the row that holds the headers, such as 3."
            )
        mapping.header_row = header_row
    if "meeting" in spec:
        parsed = parse_date(spec["meeting"])
        if isinstance(parsed, str):
            raise BoardError(f"{shown}: meeting = '{one_line(spec['meeting'])}' is not {parsed}.")
        mapping.meeting = parsed
    columns = spec.get("columns") or {}
    if not isinstance(columns, dict):
        raise BoardError(f'{shown}: columns must be a table: [columns] then one "Your header" = "field" a line.')
    for header, word in columns.items():
        name = field_named(word) if isinstance(word, str) else None
        if name is None:
            raise _no_field(f"{shown}: [columns] '{one_line(header)}'", word)
        mapping.columns[fold(header)] = name
    defaults = spec.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise BoardError(f'{shown}: defaults must be a table: [defaults] then one field = "value" a line.')
    for word, value in defaults.items():
        name = field_named(word)
        if name is None or name == "ignore":
            raise _no_field(f"{shown}: [defaults]", word)
        mapping.defaults[name] = value
    values = spec.get("values") or {}
    if not isinstance(values, dict):
        raise BoardError(f'{shown}: values must be tables: [values.status] then one "Their word" = "our word" a line.')
    for target, table in values.items():
        if not isinstance(table, dict):
            raise BoardError(f'{shown}: [values.{one_line(target)}] must be a table of "their word" = "what it means".')
        name = field_named(target)
        read = {words(k): v for k, v in table.items()}
        check = _CHECKS.get(name or "")
        for key, value in table.items():
            if check and str(value).strip():
                try:
                    check(value)
                except ValueError as err:
                    raise BoardError(
                        f"{shown}: [values.{one_line(target)}] '{one_line(key)}' = "
                        f"'{one_line(value)}': '{one_line(value)}' is not {_reading(name or '', err)}"
                    ) from None
        if name is not None:
            mapping.field_values[name] = read
        else:
            mapping.header_values[fold(target)] = read
            mapping.header_value_names[fold(target)] = str(target)
    return mapping


def _reading(name: str, err: ValueError) -> str:
    if name == "status":
        return "open, complete, carried forward or withdrawn"
    return str(err)
