"""Import a board's existing tracker (CSV or .xlsx): recognise its columns, check every cell,
then write all of it in one transaction or nothing at all.

Kinds of sheet: actions (one row per action, optionally with a current RAG column and/or one
RAG column per meeting date, the "wide" history trackers keep), ratings in long form (action,
date, RAG), minutes / actions arising, and measure values.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from boardtui.errors import BoardError
from boardtui.store.db import Store
from boardtui.store.queries import dicts, sql
from boardtui.store.tomlfile import read_toml
from boardtui.text import clean

# Usual tracker headers (lower case, punctuation folded to spaces) -> field.
HEADERS = {
    "id": "id", "action id": "id", "ref": "id", "reference": "id", "action ref": "id",
    "action no": "id", "action number": "id", "code": "id",
    "weakness": "weakness", "area": "weakness", "area of weakness": "weakness",
    "weakness code": "weakness", "priority area": "weakness",
    "plan": "plan",
    "action": "title", "title": "title", "action title": "title",
    "description": "description", "detail": "description", "details": "description",
    "success criteria": "success_criteria", "success measure": "success_criteria",
    "lead": "action_lead", "action lead": "action_lead", "action owner": "action_lead",
    "owner": "action_lead", "responsible officer": "action_lead",
    "senior officer": "senior_officer", "sro": "senior_officer", "accountable officer": "senior_officer",
    "senior responsible officer": "senior_officer", "accountable senior officer": "senior_officer",
    "organisation": "lead_org", "lead organisation": "lead_org", "org": "lead_org",
    "agency": "lead_org", "lead agency": "lead_org",
    "start": "start_date", "start date": "start_date",
    "target": "target_date", "target date": "target_date", "due date": "target_date",
    "deadline": "target_date", "original target": "target_date", "original target date": "target_date",
    "target date original": "target_date",
    "revised": "revised_target_date", "revised target": "revised_target_date",
    "revised target date": "revised_target_date", "revised date": "revised_target_date",
    "target date revised": "revised_target_date",
    "status": "status",
    "rag": "rag", "brag": "rag", "rating": "rag", "rag rating": "rag", "current rag": "rag",
    "rag status": "rag",
    "update": "update", "latest update": "update", "progress update": "update",
    "commentary": "update", "comment": "update", "rationale": "update",
    "meeting": "meeting", "meeting date": "meeting", "date": "meeting",
    "minute": "text", "minutes": "text", "text": "text", "decision": "text", "item": "text",
    "type": "kind", "kind": "kind", "due": "due_date", "confidential": "confidential",
    "measure": "measure", "kpi": "measure", "period": "period_end", "period end": "period_end",
    "value": "value",
}
BRAG_WORDS = {"r": "R", "red": "R", "a": "A", "amber": "A", "g": "G", "green": "G",
              "b": "B", "blue": "B", "complete": "B", "completed": "B"}
BRAG_SUGGEST = ["Red", "Amber", "Green", "Blue", "Complete"]
STATUS_WORDS = {"open": "open", "ongoing": "open", "in progress": "open", "on track": "open",
                "complete": "complete", "completed": "complete", "closed": "complete", "done": "complete",
                "carried forward": "carried forward", "withdrawn": "withdrawn"}
KIND_WORDS = {"note": "note", "decision": "decision", "action arising": "action arising",
              "action": "action arising", "arising": "action arising"}
YES = {"yes", "y", "true", "1", "confidential"}
NO = {"no", "n", "false", "0", "", "public"}
MONTHS = "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%B-%Y", "%d-%b-%y", "%d %b %y"
EXCEL_EPOCH = date(1899, 12, 30)
NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")


@dataclass(frozen=True)
class Problem:
    where: str  # "file, sheet S, row 7, column 'Target date'"
    value: object
    expected: str

    def __str__(self) -> str:
        return f"{self.where}: {self.value!r}: {self.expected}"


@dataclass
class Sheet:
    label: str  # file, and sheet for workbooks, as problems name them
    rows: list[list[Any]]  # cell values, as read
    header_index: int = 0  # the last header row; data starts below it
    headers: list[str] = field(default_factory=list)  # folded names, for recognition
    labels: list[str] = field(default_factory=list)  # as written, for problems and notes
    header_cells: list[Any] = field(default_factory=list)  # the header row's own values (dates)


@dataclass
class Plan:
    """What an import will do, worked out before anything is written."""

    notes: list[str] = field(default_factory=list)
    meetings: list[dict] = field(default_factory=list)
    actions_new: list[dict] = field(default_factory=list)
    actions_changed: list[tuple[dict, dict]] = field(default_factory=list)  # (old, new)
    ratings: list[dict] = field(default_factory=list)
    minutes: list[dict] = field(default_factory=list)
    measure_values: list[dict] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.meetings or self.actions_new or self.actions_changed or self.ratings
                    or self.minutes or self.measure_values)

    def summary(self) -> list[str]:
        out = list(self.notes)
        out.append(f"{len(self.meetings)} board meeting(s) to create" if self.meetings else "no meetings to create")
        out.append(f"{len(self.actions_new)} action(s) to add, {len(self.actions_changed)} to update")
        for old, new in self.actions_changed:
            fields = [k for k in new if k != "id" and new[k] != old.get(k)]
            out.append(f"  {new['id']}: {', '.join(fields)}")
        out.append(f"{len(self.ratings)} rating(s) to record")
        out.append(f"{len(self.minutes)} minute item(s) to add")
        out.append(f"{len(self.measure_values)} measure value(s) to add or change")
        return out


# Reading -------------------------------------------------------------------------------------
def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which is what Excel saves as CSV."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_sheet(path: Path, sheet: str | None) -> Sheet:
    if not path.is_file():
        raise BoardError(f"{path} does not exist.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        if sheet:
            raise BoardError(f"{path} is a CSV file and has no sheets; leave out --sheet.")
        rows = [list(r) for r in csv.reader(io.StringIO(_decode(path.read_bytes())))]
        return Sheet(str(path), rows)
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, sheet)
    raise BoardError(f"{path}: only .csv and .xlsx trackers can be imported; save it as one of those.")


def _read_workbook(path: Path, sheet: str | None) -> Sheet:
    import openpyxl  # only imports of workbooks pay for it

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged file
        raise BoardError(f"{path} could not be read as an Excel workbook ({err}).") from None
    if sheet is not None and sheet not in book.sheetnames:
        raise BoardError(f"{path} has no sheet {sheet!r}; its sheets are {', '.join(book.sheetnames)}.")
    ws = book[sheet] if sheet else book.worksheets[0]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    # A merged cell holds its value in the top-left cell only: spread it, so a merged group
    # header ("Target date" over "Original" / "Revised") names every column under it.
    for merged in ws.merged_cells.ranges:
        value = rows[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                rows[r][c] = value
    return Sheet(f"{path}, sheet {ws.title!r}", rows)


def _fold(header: object) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(header or "").lower()).split())


def _blank(row: list[Any]) -> bool:
    return all(c is None or str(c).strip() == "" for c in row)


# Values --------------------------------------------------------------------------------------
def parse_date(value: object) -> date | str:
    """A date, or what was expected."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\d{5}(\.0+)?", value.strip())):
        serial = float(value)
        if 20000 <= serial <= 80000:  # Excel's day numbers for 1954-2119
            return EXCEL_EPOCH + timedelta(days=int(serial))
        return "a date such as 31/01/2024"
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = NUMERIC_DATE.match(text)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        if first <= 12 < second:
            return f"a day/month date; {text} reads as month/day (US style): write {second:02d}/{first:02d}/{year}"
        try:
            return date(year, second, first)
        except ValueError:
            return "a real date in day/month/year form, such as 31/01/2024"
    for pattern in MONTHS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return "a date such as 31/01/2024, 31-Jan-2024, 31 January 2024 or 2024-01-31"


def parse_brag(value: object) -> str:
    """'R', 'A', 'G' or 'B', or raises ValueError with what was expected."""
    text = " ".join(str(value).split()).lower()
    if text in BRAG_WORDS:
        return BRAG_WORDS[text]
    if "/" in text:
        parts = " or ".join(p.strip().title() for p in text.split("/"))
        raise ValueError(f"one rating of Blue, Red, Amber or Green; choose {parts}")
    near = difflib.get_close_matches(text.title(), BRAG_SUGGEST, n=1, cutoff=0.5)
    hint = f"; did you mean {near[0]}?" if near else ""
    raise ValueError(f"one of Blue (or Complete), Red, Amber, Green, or B/R/A/G{hint}")


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = clean(value).strip()
    return text or None


# Understanding the sheet ---------------------------------------------------------------------
def _find_header(sheet: Sheet, columns: dict[str, str], header_row: int | None) -> None:
    known = {**HEADERS, **{_fold(k): v for k, v in columns.items()}}
    if header_row is not None:
        candidates = [header_row - 1]
    else:
        candidates = range(min(15, len(sheet.rows)))
    for index in candidates:
        if index >= len(sheet.rows):
            break
        row = sheet.rows[index]
        above = sheet.rows[index - 1] if index else [None] * len(row)
        headers = []
        for c, cell in enumerate(row):
            name = _fold(cell)
            group = _fold(above[c]) if c < len(above) else ""
            # A two-row header: the group name above, the column name below.
            if group and f"{group} {name}" in known:
                name = f"{group} {name}"
            headers.append(name)
        hits = sum(1 for h in headers if h in known or isinstance(parse_date(h) if h else None, date))
        if hits >= 2:
            sheet.header_index, sheet.headers, sheet.header_cells = index, headers, list(row)
            sheet.labels = ["" if cell is None else str(cell).strip() for cell in row]
            _merge_sub_header(sheet, known)
            return
    raise BoardError(f"{sheet.label}: no header row found (a row naming at least two known columns, "
                     "such as 'ID', 'Action', 'Lead', 'Target date', 'RAG'); name the header row "
                     "with header_row in a mapping file.")


def _merge_sub_header(sheet: Sheet, known: dict[str, str]) -> None:
    """A row under the header that only names parts of a group ("Original" and "Revised"
    under a merged "Target date") belongs to the header, not the data."""
    below = sheet.header_index + 1
    if below >= len(sheet.rows) or _blank(sheet.rows[below]):
        return
    cells = sheet.rows[below]
    combined, labels = list(sheet.headers), list(sheet.labels)
    for c, cell in enumerate(cells):
        part = _fold(cell)
        if not part:
            continue
        group = sheet.headers[c] if c < len(sheet.headers) else ""
        if f"{group} {part}" in known:
            combined[c] = f"{group} {part}"
            labels[c] = f"{labels[c]} {str(cell).strip()}"
        elif part in known and not group:
            combined[c], labels[c] = part, str(cell).strip()
        else:
            return  # a cell that is not a header part: this row is data
    sheet.headers, sheet.labels, sheet.header_index = combined, labels, below


def _header_date(raw: object) -> date | None:
    if raw is None or str(raw).strip() == "":
        return None
    parsed = parse_date(raw)
    return parsed if isinstance(parsed, date) else None


class Importer:
    def __init__(self, store: Store, file: Path, *, sheet: str | None, mapping: Path | None, who: str) -> None:
        self.store, self.file, self.who = store, file, who
        spec = read_toml(mapping) if mapping else {}
        allowed = {"kind", "header_row", "columns", "defaults", "meeting"}
        unknown = sorted(set(spec) - allowed)
        if unknown:
            raise BoardError(f"{mapping}: unknown key {unknown[0]!r}; allowed keys are {', '.join(sorted(allowed))}.")
        self.columns = {k: v for k, v in (spec.get("columns") or {}).items()}
        self.defaults = dict(spec.get("defaults") or {})
        self.kind = spec.get("kind")
        self.meeting_for_rag = spec.get("meeting")
        self.sheet = read_sheet(file, sheet)
        _find_header(self.sheet, self.columns, spec.get("header_row"))
        self.problems: list[Problem] = []
        self.plan = Plan()
        self._meeting_ids: dict[date, str] = {}  # lookups made once per import
        self._latest_meeting: date | bool | None = None
        self._actions: dict[str, dict] = {}  # the file's actions as they are now (_read_named_actions)
        self._latest_brag: dict[tuple[str, str], str] = {}

    # -- cells
    def _where(self, row_number: int, column: str) -> str:
        return f"{self.sheet.label}, row {row_number}, column {column!r}"

    def _problem(self, row_number: int, column: str, value: object, expected: str) -> None:
        self.problems.append(Problem(self._where(row_number, column), value, expected))

    def _fields(self) -> tuple[dict[int, str], dict[int, date], list[str]]:
        """Column index -> field, column index -> meeting date (wide RAG), unrecognised."""
        known = {**HEADERS, **{_fold(k): v for k, v in self.columns.items()}}
        fields, dated, unknown = {}, {}, []
        for c, name in enumerate(self.sheet.headers):
            if not name:
                continue
            if name in known:
                fields[c] = known[name]
            elif (when := _header_date(self.sheet.header_cells[c])) is not None:
                dated[c] = when
            else:
                unknown.append(self.sheet.labels[c])
        return fields, dated, unknown

    def _data_rows(self, columns: set[int]) -> list[tuple[int, list[Any]]]:
        """Rows under the header with values in at least two recognised columns. Blank rows are
        skipped; other rows (a notes block, a total line) are reported and not imported."""
        out, notes = [], []
        for index in range(self.sheet.header_index + 1, len(self.sheet.rows)):
            row = self.sheet.rows[index]
            if _blank(row):
                continue
            filled = sum(1 for c in columns if c < len(row) and row[c] is not None and str(row[c]).strip())
            (out if filled >= 2 else notes).append((index + 1, row))
        if notes:
            numbers = ", ".join(str(n) for n, _ in notes)
            self.plan.notes.append(f"row(s) {numbers} read as notes, not data, and not imported")
        return out

    # -- the plan
    def build(self) -> Plan:
        fields, dated, unknown = self._fields()
        if unknown:
            self.plan.notes.append(f"columns not imported (not recognised; map them in a mapping file): {', '.join(unknown)}")
        present = set(fields.values())
        kind = self.kind or (
            "measures" if {"measure", "value"} <= present else
            "minutes" if "text" in present else
            "ratings" if {"id", "rag", "meeting"} <= present and "title" not in present else
            "actions")
        cur = self.store.cursor()
        try:
            self.cur = cur
            self.codes: dict[str, set[str]] = {}
            for k, code in cur.execute(sql("import_known_codes")).fetchall():
                self.codes.setdefault(k, set()).add(code)
            rows = self._data_rows(set(fields) | set(dated))
            if kind == "actions":
                self._plan_actions(rows, fields, dated)
            elif kind == "ratings":
                self._plan_long_ratings(rows, fields)
            elif kind == "minutes":
                self._plan_minutes(rows, fields)
            elif kind == "measures":
                self._plan_measures(rows, fields)
            else:
                raise BoardError(f"kind {kind!r} is not one of actions, ratings, minutes, measures.")
        finally:
            cur.close()
        return self.plan

    def _cell(self, row: list[Any], fields: dict[int, str], name: str) -> tuple[Any, str]:
        for c, f in fields.items():
            if f == name:
                return (row[c] if c < len(row) else None), self.sheet.labels[c]
        return self.defaults.get(name), f"{name} (mapping default)"

    def _date(self, number: int, value: object, column: str) -> date | None:
        if value is None or str(value).strip() == "":
            return None
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self._problem(number, column, value, parsed)
            return None
        return parsed

    def _meeting_on(self, when: date) -> str:
        """The board meeting on that date (looked up once per date), else one to create."""
        if when not in self._meeting_ids:
            found = self.cur.execute(sql("import_board_meeting_on"), {"date": when}).fetchone()
            if found:
                self._meeting_ids[when] = found[0]
            else:
                meeting = {"id": f"BM-{when.isoformat()}", "date": when,
                           "title": f"Board meeting {when:%d %b %Y} (imported)"}
                self.plan.meetings.append(meeting)
                self._meeting_ids[when] = meeting["id"]
        return self._meeting_ids[when]

    def _rating(self, number: int, action: str, value: object, column: str, when: date,
                rationale: str | None) -> None:
        if value is None or str(value).strip() == "":
            return
        try:
            brag = parse_brag(value)
        except ValueError as err:
            self._problem(number, column, value, str(err))
            return
        meeting = self._meeting_on(when)
        if self._latest_brag.get((action, meeting)) == brag:
            return  # already recorded: re-importing changes nothing
        self.plan.ratings.append({"action": action, "meeting": meeting, "brag": brag,
                                  "rationale": rationale or f"Imported from {self.file.name}",
                                  "when": when})

    def _plan_actions(self, rows, fields, dated) -> None:
        if "id" not in fields.values():
            raise BoardError(f"{self.sheet.label}: no action id column (such as 'ID' or 'Ref'); "
                             "map one in a mapping file.")
        rows = list(rows)
        self._read_named_actions(rows, fields)
        seen: set[str] = set()
        for number, row in rows:
            value, column = self._cell(row, fields, "id")
            action_id = _text(value)
            if not action_id:
                self._problem(number, column, value, "an action id such as APP-09.3")
                continue
            if action_id in seen:
                self._problem(number, column, value, "an id used once in the file")
                continue
            seen.add(action_id)
            rag, rag_column = self._cell(row, fields, "rag")
            rated = [(when, row[c]) for c, when in sorted(dated.items(), key=lambda item: item[1])
                     if c < len(row) and row[c] is not None and str(row[c]).strip()]
            if rag is not None and str(rag).strip():
                when = self._current_meeting_date(number, rag_column, rag)
                if when:
                    rated.append((when, rag))
            old = self._existing(action_id)
            new = self._action_fields(number, row, fields, old, rated)
            if new is None:
                continue
            new["id"] = action_id
            if old is None:
                self.plan.actions_new.append(new)
            elif any(new[k] != old.get(k) for k in new):
                self.plan.actions_changed.append((old, {**old, **new}))
            # The tracker's update goes with the row's latest rating.
            update = _text(self._cell(row, fields, "update")[0])
            headers = {when: self.sheet.labels[c] for c, when in dated.items()}
            for index, (when, value) in enumerate(rated):
                column = headers.get(when, rag_column)
                self._rating(number, action_id, value, column, when, update if index == len(rated) - 1 else None)

    def _current_meeting_date(self, number: int, column: str, value: object) -> date | None:
        if self.meeting_for_rag:
            parsed = parse_date(self.meeting_for_rag)
            if isinstance(parsed, date):
                return parsed
            raise BoardError(f"mapping meeting = {self.meeting_for_rag!r}: {parsed}.")
        if self._latest_meeting is None:
            found = self.cur.execute(sql("board_meetings")).fetchall()
            self._latest_meeting = found[-1][1] if found else False
        if self._latest_meeting:
            return self._latest_meeting
        self._problem(number, column, value, "a board meeting to record it at: name one with "
                      "meeting = \"YYYY-MM-DD\" in a mapping file, or use one column per meeting date")
        return None

    def _existing(self, action_id: str) -> dict | None:
        return self._actions.get(action_id)

    def _read_named_actions(self, rows, fields) -> None:
        # One read for every action the file names and their ratings, not one per row and cell:
        # a 10,000-row tracker would otherwise make 40,000 queries.
        ids = sorted({i for i in (_text(self._cell(row, fields, "id")[0]) for _, row in rows) if i})
        self._actions = {r["id"]: r for r in dicts(self.cur, "import_actions_of", ids=ids)}
        self._latest_brag = {(r["action"], r["meeting"]): r["brag"]
                             for r in dicts(self.cur, "import_latest_ratings_of", ids=ids)}

    def _action_fields(self, number, row, fields, old, rated: list[tuple[date, object]]) -> dict | None:
        out: dict[str, Any] = {}
        problems_before = len(self.problems)
        for name in ("title", "description", "success_criteria", "action_lead", "senior_officer", "lead_org"):
            value, column = self._cell(row, fields, name)
            if name in {f for f in fields.values()} or name in self.defaults:
                out[name] = _text(value)
        for name in ("start_date", "target_date", "revised_target_date"):
            value, column = self._cell(row, fields, name)
            if name in fields.values() or name in self.defaults:
                out[name] = self._date(number, value, column)
        status_value, status_column = self._cell(row, fields, "status")
        if status_value is not None and str(status_value).strip():
            folded = " ".join(str(status_value).lower().split())
            if folded in STATUS_WORDS:
                out["status"] = STATUS_WORDS[folded]
            else:
                near = difflib.get_close_matches(folded, list(STATUS_WORDS), n=1)
                self._problem(number, status_column, status_value, "a status such as open, complete, carried "
                              "forward or withdrawn" + (f"; did you mean {near[0]}?" if near else ""))
        for name, kind in (("weakness", "weakness"), ("plan", "plan")):
            value, column = self._cell(row, fields, name)
            code = _text(value)
            if code is None:
                continue
            if code not in self.codes.get(kind, set()):
                known = sorted(self.codes.get(kind, set()))
                self._problem(number, column, value, f"a {kind} code in the pack ({', '.join(known) or 'none yet'})")
            elif old is not None and old[name] != code:
                self._problem(number, column, value, f"{old['id']}'s {kind} {old[name]}: an import cannot move an action")
            out[name] = code
        if old is None:
            if len(self.problems) == problems_before:
                for name, what in (("weakness", "a weakness code"), ("title", "the action's title"),
                                   ("action_lead", "the action lead"), ("lead_org", "the lead organisation"),
                                   ("target_date", "a target date")):
                    if not out.get(name):
                        self._problem(number, self._cell(row, fields, name)[1], None, f"{what} for a new action")
                if not out.get("plan"):
                    plans = sorted(self.codes.get("plan", set()))
                    if len(plans) == 1:
                        out["plan"] = plans[0]
                    else:
                        self._problem(number, "plan", None, "a plan (a column, or plan under [defaults] "
                                      f"in a mapping file); the pack has {', '.join(plans) or 'no plans'}")
            out["senior_officer"] = out.get("senior_officer") or "not recorded"
            # No start date: live from its first rating, so time travel shows every rating.
            out["start_date"] = out.get("start_date") or (rated[0][0] if rated else out.get("target_date"))
        if len(self.problems) > problems_before:
            return None
        if old is not None:
            # An import never overwrites the original target: a changed one is the revision.
            new_target = out.pop("target_date", None)
            if new_target and new_target != old["target_date"] and not out.get("revised_target_date"):
                out["revised_target_date"] = new_target
            out = {k: v for k, v in out.items() if v is not None}  # a blank cell changes nothing
        closed_on = None
        if "status" not in out and rated and BRAG_WORDS.get(" ".join(str(rated[-1][1]).lower().split())) == "B":
            # Blue at the latest meeting in the tracker: complete then.
            out["status"], closed_on = "complete", rated[-1][0]
        status = out.get("status") or (old or {}).get("status") or "open"
        out["status"] = status
        if status == "open":
            out["closed_date"] = None
        elif not (old or {}).get("closed_date"):
            out["closed_date"] = closed_on or date.today()
        if out.get("revised_target_date") and (old or {}).get("revised_target_date") != out["revised_target_date"]:
            # When it was agreed is not in a tracker: it was known by the tracker's latest meeting.
            out["target_revised_on"] = rated[-1][0] if rated else date.today()
        return out

    def _plan_long_ratings(self, rows, fields) -> None:
        for number, row in rows:
            action, column = self._cell(row, fields, "id")
            action_id = _text(action)
            if action_id not in self.codes.get("action", set()):
                self._problem(number, column, action, "the id of an action in the pack")
                continue
            when_value, when_column = self._cell(row, fields, "meeting")
            when = self._date(number, when_value, when_column)
            if when is None:
                if not when_value:
                    self._problem(number, when_column, when_value, "the meeting's date")
                continue
            rag, rag_column = self._cell(row, fields, "rag")
            update, _ = self._cell(row, fields, "update")
            if rag is None or str(rag).strip() == "":
                self._problem(number, rag_column, rag, "a rating: Blue, Red, Amber or Green")
                continue
            self._rating(number, action_id, rag, rag_column, when, _text(update))

    def _plan_minutes(self, rows, fields) -> None:
        for number, row in rows:
            when_value, when_column = self._cell(row, fields, "meeting")
            when = self._date(number, when_value, when_column)
            text_value, text_column = self._cell(row, fields, "text")
            text = _text(text_value)
            kind_value, kind_column = self._cell(row, fields, "kind")
            kind = KIND_WORDS.get(" ".join(str(kind_value or "note").lower().split()))
            if kind is None:
                self._problem(number, kind_column, kind_value, "note, decision or action arising")
            if not text:
                self._problem(number, text_column, text_value, "the minute's text")
            owner_value, owner_column = self._cell(row, fields, "action_lead")
            due_value, due_column = self._cell(row, fields, "due_date")
            due = self._date(number, due_value, due_column)
            if kind == "action arising":
                if not _text(owner_value):
                    self._problem(number, owner_column, owner_value, "an owner for an action arising")
                if due is None and not due_value:
                    self._problem(number, due_column, due_value, "a due date for an action arising")
            conf_value, conf_column = self._cell(row, fields, "confidential")
            folded = str(conf_value or "").strip().lower()
            if folded not in YES | NO:
                self._problem(number, conf_column, conf_value, "yes or no")
            if when is None:
                if not when_value:
                    self._problem(number, when_column, when_value, "the meeting's date")
                continue
            if kind is None or not text:
                continue
            meeting = self._meeting_on(when)
            exists = self.cur.execute(sql("import_minute_exists"), {"meeting": meeting, "kind": kind, "text": text}).fetchone()[0]
            if exists or any(m["meeting"] == meeting and m["text"] == text for m in self.plan.minutes):
                continue
            weakness = _text(self._cell(row, fields, "weakness")[0])
            action = _text(self._cell(row, fields, "id")[0])
            self.plan.minutes.append({"meeting": meeting, "kind": kind, "weakness": weakness, "action": action,
                                      "text": text, "owner": _text(owner_value), "due_date": due,
                                      "confidential": folded in YES})

    def _plan_measures(self, rows, fields) -> None:
        for number, row in rows:
            code_value, code_column = self._cell(row, fields, "measure")
            code = _text(code_value)
            if code not in self.codes.get("measure", set()):
                self._problem(number, code_column, code_value,
                              f"a measure code in the pack ({', '.join(sorted(self.codes.get('measure', set())))})")
            period_value, period_column = self._cell(row, fields, "period_end")
            period = self._date(number, period_value, period_column)
            value, value_column = self._cell(row, fields, "value")
            try:
                number_value = float(str(value).replace(",", "").strip()) if value not in (None, "") else None
            except ValueError:
                number_value = None
            if number_value is None:
                self._problem(number, value_column, value, "a number")
            if code is None or period is None or number_value is None:
                continue
            old = self.cur.execute(sql("import_measure_value_one"), {"measure": code, "period_end": period}).fetchone()
            if old and old[0] == number_value:
                continue
            self.plan.measure_values.append({"measure": code, "period_end": period, "value": number_value,
                                             "old": old[0] if old else None})

    # -- writing
    def apply(self) -> None:
        """Everything in one transaction, with its audit rows; nothing if anything fails."""
        why = f"import {self.file.name}"
        now = datetime.now().replace(microsecond=0)
        audit = []

        def note(table: str, key: str, field_name: str, old: object, new: object) -> None:
            audit.append({"changed_at": now, "who": self.who, "table_name": table, "row_key": key,
                          "field": field_name, "old_value": None if old is None else str(old),
                          "new_value": None if new is None else str(new), "why": why})

        try:
            with self.store.transaction() as cur:
                for m in self.plan.meetings:
                    cur.execute(sql("import_insert_meeting"), m)
                    note("meeting", m["id"], "*", None, "created")
                if self.plan.actions_new:
                    blank = {"description": None, "success_criteria": None, "revised_target_date": None,
                             "target_revised_on": None, "closed_date": None}
                    _insert_rows(cur, "import_insert_actions", "new_actions",
                                 [{**blank, **a} for a in self.plan.actions_new])
                    for a in self.plan.actions_new:
                        note("action", a["id"], "*", None, "created")
                for old, new in self.plan.actions_changed:
                    cur.execute(sql("import_update_action"), {k: new.get(k) for k in (
                        "id", "title", "description", "success_criteria", "action_lead", "senior_officer",
                        "lead_org", "start_date", "target_date", "revised_target_date", "target_revised_on",
                        "status", "closed_date")})
                    for k in new:
                        if new[k] != old.get(k):
                            note("action", new["id"], k, old.get(k), new[k])
                if self.plan.ratings:
                    _insert_rows(cur, "import_insert_ratings", "new_ratings", [{
                        "action": r["action"], "meeting": r["meeting"], "brag": r["brag"],
                        "rationale": r["rationale"], "rated_by": self.who,
                        "recorded_at": datetime.combine(r["when"], time(12, 0))} for r in self.plan.ratings])
                    for r in self.plan.ratings:
                        note("rag_rating", f"{r['action']}@{r['meeting']}", "brag", None, r["brag"])
                for m in self.plan.minutes:
                    order = cur.execute(sql("import_next_item_order"), {"meeting": m["meeting"]}).fetchone()[0]
                    cur.execute(sql("import_insert_minute"), {**m, "item_order": order})
                    note("minute_item", f"{m['meeting']} item {order}", "text", None, m["text"])
                for v in self.plan.measure_values:
                    cur.execute(sql("import_upsert_measure_value"), {k: v[k] for k in ("measure", "period_end", "value")})
                    note("measure_value", f"{v['measure']}@{v['period_end']}", "value", v["old"], v["value"])
                if audit:
                    _insert_rows(cur, "import_insert_audit", "new_audit", audit)
            self.store.con.checkpoint()
        except duckdb.Error as err:
            raise BoardError(f"import of {self.file} failed and nothing was written: {str(err).splitlines()[0]}") from None


def _insert_rows(cur: duckdb.DuckDBPyConnection, query: str, name: str, rows: list[dict]) -> None:
    """Run ``query``, which reads the relation ``name``: the rows, as one Arrow table."""
    cur.register(name, pa.Table.from_pylist(rows))
    try:
        cur.execute(sql(query))
    finally:
        cur.unregister(name)


def import_file(store: Store, file: Path, *, sheet: str | None = None, mapping: Path | None = None,
                dry_run: bool = False, who: str = "import") -> tuple[Plan, list[Problem]]:
    """Check the whole file; write it only when there is no problem and it is not a dry run."""
    importer = Importer(store, file, sheet=sheet, mapping=mapping, who=who)
    plan = importer.build()
    if not importer.problems and not dry_run and not plan.empty:
        importer.apply()
    return plan, importer.problems
