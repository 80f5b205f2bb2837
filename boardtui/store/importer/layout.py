"""Stage 2, recognising the layout: where the header is (under a title block, over a second
header row), what each column holds, which rows are data and which are headings or notes.

A column is recognised by its header (``fields.HEADERS``, or the mapping file's [columns]); a
header that reads as a date or a month is a RAG column for the board meeting then. Hidden
columns are left out unless the mapping file names them. Under the header, a row with values in
two recognised columns is data; a row with one value naming a weakness is the heading of the
actions under it; anything else is a note, and a note that starts "Key", "Notes", "Legend"…
ends the data. Notes are listed and left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from boardtui.store.importer.fields import HEADERS, field_word
from boardtui.store.importer.mapping import Mapping
from boardtui.store.importer.read import Sheet
from boardtui.store.importer.values import Weaknesses, fold, is_blank, numbers, quote
from boardtui.store.parse import parse_date, words
from boardtui.text import cut, one_line

HEADER_SEARCH = 20  # rows searched for the header when the mapping file does not name it
_RATING_WORDS = re.compile(r"(?i)\b(b?rag|rating|status|board|meeting|as at)\b")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?[\s\-/'’]*(\d{2}|\d{4})$", re.IGNORECASE)
_END = re.compile(
    r"^(b?rag |rating |status )?(key|keys|notes?|legend|guidance|definitions?|glossary|sources?|footnotes?)\b"
)
_HEADING_LABEL = re.compile(
    r"^(area( of( significant)? weakness)?|weakness|asw|aosw|priority|section)?\s*\d+\s*[:.)\-–—]?\s*", re.IGNORECASE
)


def letter(index: int) -> str:
    """The spreadsheet column letter of a 0-based column index: 0 -> A, 26 -> AA."""
    out, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def header_when(raw: object) -> date | tuple[int, int] | None:
    """The meeting a RAG column is for, from its header: a date ('20/11/2025', 'RAG 20 Nov 2025')
    or a month ('Nov 2025', 'RAG Sept 25': the board meeting that month)."""
    if raw is None:
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        parsed = parse_date(raw)
        return parsed if isinstance(parsed, date) else None
    rest = " ".join(_RATING_WORDS.sub(" ", str(raw)).split()).strip(" ()[]-–:,")
    if not rest:
        return None
    parsed = parse_date(rest)
    if isinstance(parsed, date):
        return parsed
    match = _MONTH_YEAR.match(rest)
    if match:
        name = match.group(1).lower()
        for number, month in enumerate(_MONTHS, 1):
            if len(name) >= 3 and (month.startswith(name) or (name == "sept" and number == 9)):
                year = int(match.group(2))
                return (year + 2000 if year < 100 else year, number)
    return None


@dataclass
class Column:
    index: int
    label: str  # the header as written, on one line
    field: str | None = None  # what it holds; "ignore": named in the mapping file to be left out
    when: date | tuple[int, int] | None = None  # a RAG column for the meeting on this date / in this month
    hidden: bool = False
    mapped: bool = False  # the mapping file's [columns] names it
    values: dict[str, Any] | None = None  # the mapping file's [values.…] for it

    @property
    def left_out(self) -> bool:
        """Hidden in the workbook and not named in the mapping file: not imported."""
        return self.hidden and not self.mapped

    @property
    def letter(self) -> str:
        return letter(self.index)

    def describe(self) -> str:
        return f"'{self.label}' (column {self.letter}{', hidden' if self.hidden else ''})"


@dataclass
class Row:
    number: int  # as the spreadsheet shows it (1-based)
    cells: list[Any]
    heading: str | None = None  # the weakness named by the heading row above it


@dataclass
class Layout:
    sheet: Sheet
    header_row: int  # 1-based: the last header row
    title: list[str]  # the text above the header
    columns: list[Column]
    fields: dict[str, Column]
    dated: list[Column]
    not_imported: list[str]  # described, for the notes
    rows: list[Row]
    notes: list[tuple[int, str]] = field(default_factory=list)  # (row, its first text)
    headings: list[tuple[int, str]] = field(default_factory=list)  # (row, weakness)
    hidden_rows: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    defaults: dict[str, Any] = field(default_factory=dict)

    def value(self, row: Row, column: Column) -> Any:
        """The cell as the import reads it: the mapping file's [values.…] applied."""
        raw = row.cells[column.index] if column.index < len(row.cells) else None
        if column.values and raw is not None:
            key = words(raw.date() if isinstance(raw, datetime) else raw)
            if key in column.values:
                return column.values[key]
        return raw

    def cell(self, row: Row, name: str) -> tuple[Any, Column | None]:
        """A field's value in ``row``, with its column; from the mapping file's [defaults]
        (column None) when the tracker has no such column."""
        column = self.fields.get(name)
        if column is not None:
            return self.value(row, column), column
        return self.defaults.get(name), None


def _names(sheet: Sheet, index: int, known: dict[str, str]) -> tuple[list[str], list[str], list[Any]]:
    """Folded names, labels and raw cells of row ``index`` read as a header; a group name in
    the row above joins a name under it when together they are a known header."""
    row = sheet.row(index, across=True, down=False)
    above = sheet.row(index - 1, across=True, down=False) if index else [None] * len(row)
    names, labels = [], []
    for c, cell in enumerate(row):
        name, label = fold(cell), one_line(cell if cell is not None else "").strip()
        group = fold(above[c]) if c < len(above) else ""
        if group and name and f"{group} {name}" in known:
            name, label = f"{group} {name}", f"{one_line(above[c]).strip()} ({label})"
        names.append(name)
        labels.append(label)
    return names, labels, row


def _hits(names: list[str], raw: list[Any], known: dict[str, str]) -> int:
    return sum(
        1 for name, cell in zip(names, raw, strict=True) if name and (name in known or header_when(cell) is not None)
    )


def find_header(sheet: Sheet, mapping: Mapping) -> int | None:
    """The 0-based index of the header row, or None when no row looks like one."""
    known = {**HEADERS, **mapping.columns}
    if mapping.header_row is not None:
        return mapping.header_row - 1 if mapping.header_row <= len(sheet.rows) else None
    best, best_hits = None, 1
    for index in range(min(HEADER_SEARCH, len(sheet.rows))):
        names, _, raw = _names(sheet, index, known)
        hits = _hits(names, raw, known)
        if hits > best_hits:
            best, best_hits = index, hits
    return best


def recognise(sheet: Sheet, header: int, mapping: Mapping, weaknesses: Weaknesses) -> Layout:
    known = {**HEADERS, **mapping.columns}
    names, labels, raw = _names(sheet, header, known)
    last = _merge_sub_header(sheet, header, names, labels, known)
    if last == header:
        # A merged header over columns with no second header row names only its first column.
        for top, left, bottom, right in sheet.merges:
            if top <= header <= bottom and right > left:
                for c in range(left + 1, right + 1):
                    names[c], labels[c], raw[c] = "", "", None
    columns, problems = _columns(sheet, names, labels, raw, mapping, known)
    fields: dict[str, Column] = {}
    dated: list[Column] = []
    for column in columns:
        if column.left_out:
            continue
        if column.field and column.field != "ignore":
            fields.setdefault(column.field, column)
        elif column.when is not None:
            dated.append(column)
    layout = Layout(
        sheet,
        last + 1,
        _title(sheet, header),
        columns,
        fields,
        dated,
        [],
        [],
        problems=problems,
        defaults=dict(mapping.defaults),
    )
    _read_rows(layout, last, weaknesses)
    layout.not_imported = _not_imported(layout)
    _check_formulas(layout)
    return layout


def _merge_sub_header(sheet: Sheet, header: int, names: list[str], labels: list[str], known: dict[str, str]) -> int:
    """A row under the header that only names parts of a group ("Original" and "Revised" under
    a merged "Target date") belongs to the header, not the data. Returns the last header row."""
    below = header + 1
    if below >= len(sheet.rows):
        return header
    cells = sheet.rows[below]
    if all(is_blank(c) for c in cells):
        return header
    combined, shown = list(names), list(labels)
    for c, cell in enumerate(cells):
        part = fold(cell)
        if not part:
            continue
        group = names[c] if c < len(names) else ""
        if group and f"{group} {part}" in known:
            combined[c], shown[c] = f"{group} {part}", f"{labels[c]} ({one_line(cell).strip()})"
        elif part in known and not group:
            combined[c], shown[c] = part, one_line(cell).strip()
        else:
            return header  # a cell that is not a header part: this row is data
    names[:], labels[:] = combined, shown
    return below


def _columns(
    sheet: Sheet, names: list[str], labels: list[str], raw: list[Any], mapping: Mapping, known: dict[str, str]
) -> tuple[list[Column], list[str]]:
    columns, problems = [], []
    for c, name in enumerate(names):
        # A header is shown in messages, never matched by its label: long ones are cut.
        column = Column(c, cut(labels[c], 60) or f"column {letter(c)}", hidden=c in sheet.hidden_columns)
        if name in mapping.columns:
            column.field, column.mapped = mapping.columns[name], True
        elif name in known:
            column.field = known[name]
        elif name:
            column.when = header_when(raw[c])
        columns.append(column)
    for name, table in mapping.header_values.items():
        matched = [col for col, folded in zip(columns, names, strict=True) if folded == name]
        if not matched:
            problems.append(
                f"{one_line(mapping.where())}: [values.'{cut(mapping.header_value_names[name], 60)}'] "
                f"names no field and no column of {sheet.label}; write a field (such as status or "
                "RAG) or a header as the tracker has it"
            )
        for column in matched:
            column.values = table
    for column in columns:
        if column.values is None:
            key = "rag" if column.when is not None else column.field
            column.values = mapping.field_values.get(key or "")
    seen: dict[object, Column] = {}
    for column in columns:
        held: object = column.field if column.field and column.field != "ignore" else column.when
        if held is None or column.left_out:
            continue
        if held in seen:
            first = seen[held]
            what = field_word(held) if isinstance(held, str) else "the RAG at the same meeting"
            problems.append(
                f"{sheet.label}: columns {first.describe()} and {column.describe()} both read as "
                f'the {what}; map one of them to another field, or to "ignore", under '
                "[columns] in a mapping file"
            )
        else:
            seen[held] = column
    return columns, problems


def _title(sheet: Sheet, header: int) -> list[str]:
    out = []
    for index in range(header):
        for cell in sheet.rows[index]:
            if not is_blank(cell):
                out.append(one_line(cell))
    return out


def _heading(text: str, weaknesses: Weaknesses) -> str | None:
    for candidate in (text, _HEADING_LABEL.sub("", text, count=1)):
        if candidate.strip():
            try:
                return weaknesses.match(candidate)
            except ValueError:
                continue
    return None


def _read_rows(layout: Layout, last_header: int, weaknesses: Weaknesses) -> None:
    sheet = layout.sheet
    recognised = [c.index for c in layout.fields.values()] + [c.index for c in layout.dated]
    ended, heading = False, None
    for index in range(last_header + 1, len(sheet.rows)):
        cells = sheet.row(index, across=False, down=True)
        filled = [c for c in cells if not is_blank(c)]
        if not filled:
            continue
        number = index + 1
        first = one_line(filled[0]).strip()
        if not ended and sum(1 for c in recognised if c < len(cells) and not is_blank(cells[c])) >= 2:
            layout.rows.append(Row(number, cells, heading))
            if index in sheet.hidden_rows:
                layout.hidden_rows.append(number)
            continue
        code = _heading(first, weaknesses) if len(filled) == 1 and not ended else None
        if code is not None:
            heading = code
            layout.headings.append((number, code))
        else:
            # A note such as "Key" or "Notes:" ends the data: what follows explains it.
            ended = ended or bool(_END.match(fold(first)))
            layout.notes.append((number, first))


def _not_imported(layout: Layout) -> list[str]:
    out = []
    used = {id(c) for c in layout.fields.values()} | {id(c) for c in layout.dated}
    for column in layout.columns:
        if id(column) in used or column.field == "ignore":
            continue
        has_data = any(column.index < len(r.cells) and not is_blank(r.cells[column.index]) for r in layout.rows)
        if column.label == f"column {column.letter}":
            if has_data:
                out.append(f"column {column.letter} (no header)")
            continue
        formulas = any((r.number - 1, column.index) in layout.sheet.unsaved_formulas for r in layout.rows)
        extra = ", hidden" if column.hidden else ""
        extra += ", formulas" if formulas else ""
        out.append(f"'{column.label}' (column {column.letter}{extra})")
    return out


def _check_formulas(layout: Layout) -> None:
    for column in [*layout.fields.values(), *layout.dated]:
        rows = [r.number for r in layout.rows if (r.number - 1, column.index) in layout.sheet.unsaved_formulas]
        if rows:
            layout.problems.append(
                f"{layout.sheet.label}, column '{column.label}' (column {column.letter}, rows {numbers(rows)}) "
                "holds formulas whose values were not saved with the workbook: open it in Excel and save it "
                "again, or paste the column as values, then import again"
            )


def notes_line(layout: Layout) -> str | None:
    if not layout.notes:
        return None
    shown = quote(layout.notes[0][1], 50)
    return (
        f"rows {numbers([n for n, _ in layout.notes])} read as notes ({shown}…), not data, and not imported"
        if len(layout.notes) > 1
        else f"row {layout.notes[0][0]} read as a note ({shown}), not data, and not imported"
    )
