"""Stage 1, reading the file: a CSV in whatever encoding Excel or Google Sheets wrote it, or an
.xlsx workbook with its merged cells, hidden columns and rows, and formulas, sheet by sheet.

Nothing here knows what the columns mean; that is ``layout``'s job.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardtui.errors import BoardError
from boardtui.text import one_line


@dataclass
class Sheet:
    """One grid of cells, as read. A merged cell's value is in its top-left cell only."""

    label: str  # how messages name it: the file, and the sheet for workbooks
    name: str | None  # the workbook sheet's name
    rows: list[list[Any]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # 0-based (row, col, last row, last col)
    hidden_columns: set[int] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)  # 0-based
    unsaved_formulas: set[tuple[int, int]] = field(default_factory=set)  # formulas with no saved value
    visible: bool = True

    def row(self, index: int, *, across: bool, down: bool) -> list[Any]:
        """Row ``index`` with merged values spread: ``across`` into every column of a merge on
        this row (a group header), ``down`` into every row of a merge one column wide (a
        weakness written once beside its actions)."""
        cells = list(self.rows[index])
        for top, left, bottom, right in self.merges:
            if not top <= index <= bottom:
                continue
            value = self.rows[top][left]
            if right > left:
                if across and index == top:
                    cells[left:right + 1] = [value] * (right + 1 - left)
            elif down and index > top:
                cells[left] = value
        return cells

    def merge_at(self, index: int, column: int) -> tuple[int, int, int, int] | None:
        for merge in self.merges:
            top, left, bottom, right = merge
            if top <= index <= bottom and left <= column <= right:
                return merge
        return None


@dataclass
class Source:
    """A tracker file: its sheets in order (only the one named, with --sheet)."""

    path: Path
    sheets: list[Sheet]
    named: bool  # --sheet chose the sheet
    sheet_names: list[str]
    encoding: str | None = None  # CSV only: what the bytes were read as


def decode(data: bytes) -> tuple[str, str]:
    """The text and what it was read as: UTF-8 (with or without BOM), UTF-16 with its BOM, else
    Windows-1252, which is what Excel on Windows saves as 'CSV (Comma delimited)'."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "UTF-8 with BOM"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _csv_rows(content: str) -> list[list[Any]]:
    rows = [list(r) for r in csv.reader(io.StringIO(content, newline=""))]
    if rows and max(len(r) for r in rows) == 1:
        # One column throughout: a semicolon (continental Excel) or tab separated file.
        for delimiter in (";", "\t"):
            other = [list(r) for r in csv.reader(io.StringIO(content, newline=""), delimiter=delimiter)]
            if max(len(r) for r in other) > 1:
                return other
    return rows


def read_source(path: Path, sheet: str | None) -> Source:
    shown = one_line(path)
    if not path.is_file():
        raise BoardError(f"{shown} does not exist; give the path of the tracker (.csv or .xlsx).")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet:
            raise BoardError(f"{shown} is a CSV file and has no sheets; leave out --sheet.")
        content, encoding = decode(path.read_bytes())
        rows = _csv_rows(content)
        width = max((len(r) for r in rows), default=0)
        rows = [r + [None] * (width - len(r)) for r in rows]
        return Source(path, [Sheet(shown, None, rows)], False, [], encoding)
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, sheet)
    if suffix == ".xls":
        raise BoardError(f"{shown} is an old-style Excel file (.xls); save it as .xlsx or CSV in Excel and import that.")
    raise BoardError(f"{shown}: only .csv and .xlsx trackers can be imported; save it as one of those.")


def _choose(path: Path, names: list[str], wanted: str) -> str:
    """The sheet ``wanted`` names, matched without regard to case or surrounding spaces."""
    if wanted in names:
        return wanted
    same = [n for n in names if n.strip().casefold() == wanted.strip().casefold()]
    if len(same) == 1:
        return same[0]
    near = difflib.get_close_matches(wanted.casefold(), [n.casefold() for n in names], n=1, cutoff=0.5)
    hint = ""
    if near:
        hint = f"; did you mean '{one_line(next(n for n in names if n.casefold() == near[0]))}'?"
    listed = ", ".join(f"'{one_line(n)}'" for n in names)
    raise BoardError(f"{one_line(path)} has no sheet '{one_line(wanted)}'; its sheets are {listed}{hint}")


def _read_workbook(path: Path, wanted: str | None) -> Source:
    import openpyxl  # only imports of workbooks pay for it
    from openpyxl.utils import column_index_from_string

    shown = one_line(path)
    try:
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise BoardError(f"{shown} could not be read as an Excel workbook ({one_line(err)}); "
                         "open it in Excel and save it again as .xlsx.") from None
    names = values.sheetnames
    chosen = [_choose(path, names, wanted)] if wanted is not None else names
    sheets = []
    for name in chosen:
        ws, wf = values[name], formulas[name]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        sheet = Sheet(f"{shown}, sheet '{one_line(name)}'", name, rows, visible=ws.sheet_state == "visible")
        for merged in ws.merged_cells.ranges:
            sheet.merges.append((merged.min_row - 1, merged.min_col - 1, merged.max_row - 1, merged.max_col - 1))
        for key, dim in ws.column_dimensions.items():
            if dim.hidden:
                first = dim.min or column_index_from_string(key)
                for c in range(first, (dim.max or first) + 1):
                    sheet.hidden_columns.add(c - 1)
        sheet.hidden_rows = {r - 1 for r, dim in ws.row_dimensions.items() if dim.hidden}
        for r, row in enumerate(wf.iter_rows()):
            for c, cell in enumerate(row):
                if cell.data_type == "f" and r < len(rows) and c < len(rows[r]) and rows[r][c] is None:
                    sheet.unsaved_formulas.add((r, c))
        sheets.append(sheet)
    return Source(path, sheets, wanted is not None, names)
