"""Stage 1, reading the file: a CSV in whatever encoding Excel or Google Sheets wrote it, or an
.xlsx workbook with its merged cells, hidden columns and rows, and formulas, sheet by sheet.

Nothing here knows what the columns mean; that is ``layout``'s job.
"""

from __future__ import annotations

import csv
import difflib
import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardtui.errors import BoardError
from boardtui.store.limits import (
    CELL_CHARS,
    LISTED_IN_A_LINE,
    TRACKER_BYTES,
    TRACKER_CELLS,
    TRACKER_COLUMNS,
    TRACKER_ROWS,
    TRACKER_UNPACKED_BYTES,
    size,
)
from boardtui.text import cut, one_line


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
                    cells[left : right + 1] = [value] * (right + 1 - left)
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


def _not_text(path: Path, what: str, data: bytes, err: UnicodeDecodeError, start: int = 0) -> BoardError:
    at = start + err.start
    line = data.count(b"\n", 0, at) + 1
    return BoardError(
        f"{one_line(path)} starts with the mark of {what} text, but byte {at + 1:,} (line {line}) is not "
        f"{what}: the file is damaged or was saved in two encodings; open it in Excel and save it "
        "again as 'CSV UTF-8'."
    )


def decode(data: bytes, path: Path = Path("tracker.csv")) -> tuple[str, str]:
    """The text and what it was read as: UTF-8 (with or without BOM), UTF-16 with its BOM, else
    Windows-1252, which is what Excel on Windows saves as 'CSV (Comma delimited)'. A file whose
    mark says UTF-8 or UTF-16 but whose bytes are not is a BoardError, not a guess."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "UTF-8 with BOM"
        except UnicodeDecodeError as err:
            raise _not_text(path, "UTF-8", data, err, 3) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        if len(data) % 2:
            raise BoardError(
                f"{one_line(path)} starts with the mark of UTF-16 text but has an odd number of bytes "
                f"({len(data):,}), so it is cut short or damaged; open it in Excel and save it again "
                "as 'CSV UTF-8'."
            )
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as err:
            raise _not_text(path, "UTF-16", data, err) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


def _lines(content: str) -> Iterator[str]:
    """The lines of ``content`` with their endings, as a file opened with newline='' gives
    them to the csv module, without a second copy of the whole text (io.StringIO makes one
    four bytes a character)."""
    return (m.group() for m in _LINE.finditer(content))


def _csv_grid(path: Path, content: str, delimiter: str) -> list[list[Any]]:
    """Every row, read with ``delimiter``; BoardError (naming the line) for a file that is not
    CSV as a spreadsheet writes it, or that is over the limits, found as the rows are read."""
    shown = one_line(path)
    rows: list[list[Any]] = []
    cells = width = 0
    limit = csv.field_size_limit()
    csv.field_size_limit(CELL_CHARS)
    reader = csv.reader(_lines(content), delimiter=delimiter, strict=True)
    ended = 0  # the line the last whole row ended on
    try:
        for row in reader:
            rows.append(row)
            ended = reader.line_num
            width = max(width, len(row))
            cells += len(row)
            if len(rows) > TRACKER_ROWS or width > TRACKER_COLUMNS or cells > TRACKER_CELLS:
                raise BoardError(_too_big(shown, len(rows), width, cells, f"line {ended}"))
    except csv.Error as err:
        line = ended + 1
        text = str(err)
        if "field larger than field limit" in text:
            why = (
                f"a cell on line {line} is longer than {CELL_CHARS:,} characters, the most a spreadsheet cell "
                "holds; shorten it (put long text in a document and give its name)"
            )
        elif "unexpected end of data" in text:
            why = (
                f'a quote (") opens a cell on line {line} and is never closed, so the rest of the file would be '
                "read as that one cell; close the quote, or remove it (a quote inside a quoted cell is written "
                'twice: "")'
            )
        elif "expected after" in text:
            why = (
                f"on line {line} a cell's closing quote is followed by more of the cell; put the whole cell in "
                'quotes and write each quote inside it twice ("")'
            )
        else:
            why = f"line {line} could not be read as CSV ({one_line(text)})"
        raise BoardError(f"{shown}: {why}; nothing was imported.") from None
    finally:
        csv.field_size_limit(limit)
    return rows


def _too_big(shown: str, rows: int, columns: int, cells: int, where: str) -> str:
    return (
        f"{shown} is larger than a tracker boardtui imports (by {where}: {rows:,} rows, {columns:,} columns, "
        f"{cells:,} cells; the most is {TRACKER_ROWS:,} rows, {TRACKER_COLUMNS:,} columns and {TRACKER_CELLS:,} "
        "cells); import the sheet of actions on its own, or split it, and nothing was imported."
    )


def _csv_rows(path: Path, content: str) -> list[list[Any]]:
    rows = _csv_grid(path, content, ",")
    if rows and max(len(r) for r in rows) == 1:
        # One column throughout: a semicolon (continental Excel) or tab separated file.
        for delimiter in (";", "\t"):
            try:
                other = _csv_grid(path, content, delimiter)
            except BoardError:
                continue
            if max(len(r) for r in other) > 1:
                return other
    return rows


def _file_size(path: Path, shown: str) -> None:
    found = path.stat().st_size
    if found > TRACKER_BYTES:
        raise BoardError(
            f"{shown} is {size(found)}, larger than a tracker boardtui imports (up to {size(TRACKER_BYTES)}); "
            "import the sheet of actions on its own, saved as CSV, and nothing was imported."
        )


def read_source(path: Path, sheet: str | None) -> Source:
    shown = one_line(path)
    if not path.is_file():
        raise BoardError(f"{shown} does not exist; give the path of the tracker (.csv or .xlsx).")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt", ".tsv"):
        if sheet:
            raise BoardError(f"{shown} is a CSV file and has no sheets; leave out --sheet.")
        _file_size(path, shown)
        content, encoding = decode(path.read_bytes(), path)
        rows = _csv_rows(path, content)
        del content
        width = max((len(r) for r in rows), default=0)
        rows = [r + [None] * (width - len(r)) for r in rows]
        return Source(path, [Sheet(shown, None, rows)], False, [], encoding)
    if suffix in (".xlsx", ".xlsm"):
        _file_size(path, shown)
        return _read_workbook(path, sheet)
    if suffix == ".xls":
        raise BoardError(
            f"{shown} is an old-style Excel file (.xls); save it as .xlsx or CSV in Excel and import that."
        )
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
        hint = f"; did you mean '{cut(next(n for n in names if n.casefold() == near[0]), 40)}'?"
    listed = ", ".join(f"'{cut(n, 40)}'" for n in names[:LISTED_IN_A_LINE])
    more = f" and {len(names) - LISTED_IN_A_LINE} more" if len(names) > LISTED_IN_A_LINE else ""
    raise BoardError(f"{one_line(path)} has no sheet '{cut(wanted, 40)}'; its sheets are {listed}{more}{hint}")


_CELL_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Z]{1,3}\d{1,7})(?::([A-Z]{1,3}\d{1,7}))?\"")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")


def _attribute(element: bytes, name: str) -> str | None:
    found = re.search(rb"(?:^|\s)" + re.escape(name.encode()) + rb"=\"([^\"]*)\"", element)
    return html.unescape(found.group(1).decode("utf-8", "replace")) if found else None


def _cell_number(ref: str) -> tuple[int, int]:
    """(row, column) of a cell reference such as 'XFD1048576', both from 1."""
    found = _CELL_REF.fullmatch(ref)
    if found is None:  # callers pass only what _DIMENSION matched
        raise ValueError(f"not a cell reference: {ref!r}")
    letters, digits = found.groups()
    column = 0
    for letter_ in letters:
        column = column * 26 + ord(letter_) - 64
    return int(digits), column


def _used_range(shown: str, sheet: str, first: str, last: str | None) -> None:
    """BoardError when a sheet's used range (A1 to its last cell) is over the limits."""
    rows, columns = _cell_number(last or first)
    if rows * columns > TRACKER_CELLS or rows > TRACKER_ROWS or columns > TRACKER_COLUMNS:
        raise BoardError(
            f"{shown}, sheet '{cut(sheet, 40)}', reaches cell {last or first} ({rows:,} rows by "
            f"{columns:,} columns: {rows * columns:,} cells), more than a tracker boardtui imports (up to "
            f"{TRACKER_ROWS:,} rows, {TRACKER_COLUMNS:,} columns and {TRACKER_CELLS:,} cells); delete what "
            "lies beyond your table (Ctrl+End in Excel goes to the last cell) and save it again. Nothing "
            "was imported."
        )


def _check_package(path: Path, shown: str) -> None:
    """Before openpyxl unpacks anything: the parts' unpacked sizes, as the zip states them (the zip
    reader stops at the stated size, so a part that says less cannot unpack to more), and each
    sheet's stated used range. BoardError for a workbook over the limits."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise BoardError(
            f"{shown} could not be read as an Excel workbook ({one_line(err)}); "
            "open it in Excel and save it again as .xlsx."
        ) from None
    with package:
        parts = package.infolist()
        unpacked = sum(part.file_size for part in parts)
        if unpacked > TRACKER_UNPACKED_BYTES or len(parts) > 10_000:
            raise BoardError(
                f"{shown} unpacks to {size(unpacked)} in {len(parts):,} parts, more than a tracker "
                f"boardtui imports (up to {size(TRACKER_UNPACKED_BYTES)}); save the sheet of actions "
                "on its own, or as CSV. Nothing was imported."
            )
        names = {}
        try:
            targets = {
                _attribute(r, "Id"): _attribute(r, "Target")
                for r in _RELATION.findall(package.read("xl/_rels/workbook.xml.rels"))
            }
            for element in _SHEET.findall(package.read("xl/workbook.xml")):
                target = targets.get(_attribute(element, "r:id")) or ""
                part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                names[part] = _attribute(element, "name") or part
        except (KeyError, zipfile.BadZipFile, OSError):
            pass  # not laid out as Excel writes it: openpyxl says what is wrong
        for part, sheet in names.items():
            try:
                with package.open(part) as stream:
                    head = stream.read(64 * 1024)
            except (KeyError, zipfile.BadZipFile, OSError, EOFError):
                continue
            dimension = _DIMENSION.search(head)
            if dimension:
                first, last = (g.decode() if g else None for g in dimension.groups())
                if first is not None:  # the pattern requires it
                    _used_range(shown, sheet, first, last)


def _read_workbook(path: Path, wanted: str | None) -> Source:
    shown = one_line(path)
    _check_package(path, shown)
    import openpyxl  # only imports of workbooks pay for it
    from openpyxl.utils import column_index_from_string, get_column_letter

    try:
        values = openpyxl.load_workbook(path, data_only=True)
        # The used range as the cells say (a sheet need not state it, or may understate it),
        # before a grid of it is made.
        for ws in values.worksheets:
            if ws.max_row * ws.max_column > 1:
                _used_range(shown, ws.title, "A1", f"{get_column_letter(ws.max_column)}{ws.max_row}")
        formulas = openpyxl.load_workbook(path, data_only=False)
    except BoardError:
        raise
    except Exception as err:  # noqa: BLE001 - openpyxl raises many kinds for a damaged file
        raise BoardError(
            f"{shown} could not be read as an Excel workbook ({cut(err)}); open it in Excel and save it again as .xlsx."
        ) from None
    names = values.sheetnames
    chosen = [_choose(path, names, wanted)] if wanted is not None else names
    if sum(getattr(values[n], "max_row", 0) * getattr(values[n], "max_column", 0) for n in chosen) > TRACKER_CELLS:
        raise BoardError(
            f"{shown} holds more than {TRACKER_CELLS:,} cells in its sheets; import the sheet of "
            "actions with --sheet NAME, or save it on its own. Nothing was imported."
        )
    sheets = []
    for name in chosen:
        ws, wf = values[name], formulas[name]
        rows = [list(r) for r in ws.iter_rows(values_only=True)]
        sheet = Sheet(f"{shown}, sheet '{cut(name, 40)}'", name, rows, visible=ws.sheet_state == "visible")
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
