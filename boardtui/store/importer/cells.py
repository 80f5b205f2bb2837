"""Stage 3, checking every cell against the pack: what each row adds or changes, or the
problem with it. Nothing is written here; every problem is collected, so all are shown at once.
This module holds what every kind of sheet shares (saying where, reading values, meetings,
ratings and officers' updates); ``actions`` and ``records`` check each kind's rows.

The rules that keep an import true to the board's record:
- every rating, progress update, closure, revised target and minute is dated at a board meeting
  the pack has (``--create-meetings`` creates missing ones, draft), and never at one whose
  minutes are approved;
- a row's meeting is the one its latest rating goes to, else the tracker's meeting (the mapping
  file's ``meeting``, else the latest board meeting, or for a tracker that keeps one RAG column
  per meeting, its latest such column's meeting);
- an action closed ("Complete") is closed on its row's meeting's date, and a revised target is
  agreed then; the original target is never overwritten;
- an action the pack has closed (complete, withdrawn or carried forward) is not rated at a
  meeting on or after its closing, unless the same row reopens it (status Open).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardtui.store.importer.fields import field_word
from boardtui.store.importer.layout import Column, Layout, Row, notes_line
from boardtui.store.importer.mapping import Mapping
from boardtui.store.importer.plan import Plan, Problem
from boardtui.store.importer.values import Weaknesses, board_brag_words, day, is_blank, numbers, quote, text
from boardtui.store.limits import LISTED_IN_A_LINE
from boardtui.store.parse import parse_brag, parse_date, words
from boardtui.store.queries import dicts, rows

if TYPE_CHECKING:
    import duckdb
from boardtui.text import one_line

WHAT = {
    "rating": "ratings",
    "update": "progress updates",
    "close": "closing actions",
    "revise": "revised targets",
    "minute": "minutes",
}


@dataclass
class Rated:
    when: date
    meeting: str
    brag: str
    column: Column | None  # None: the rating came from the mapping file's [defaults]


class Checker(ABC):
    KIND = ""  # what the sheet holds, as messages say it
    USES: frozenset[str] = frozenset()  # the fields this kind of sheet reads; other columns are listed

    def __init__(
        self,
        cur: duckdb.DuckDBPyConnection,
        layout: Layout,
        mapping: Mapping,
        weaknesses: Weaknesses,
        *,
        file: Path,
        pack: Path,
        plan_code: str | None,
        create_meetings: bool,
        who: str,
        now: datetime,
    ) -> None:
        self.cur, self.layout, self.mapping = cur, layout, mapping
        self.file, self.pack, self.who, self.now = file, pack, who, now
        self.create_meetings = create_meetings
        self.source = f"import {file.name}"
        self.problems: list[Problem] = [Problem(p) for p in layout.problems]
        self.plan = Plan()
        self.codes: dict[str, set[str]] = {}
        for kind, code in rows(cur, "import_known_codes"):
            self.codes.setdefault(kind, set()).add(code)
        self.weaknesses = weaknesses
        self.plans = dicts(cur, "import_plans")
        self.meetings = {m["id"]: m for m in dicts(cur, "import_meetings")}
        self.board = [m for m in self.meetings.values() if m["kind"] == "board"]
        self.by_date: dict[date, dict[str, Any]] = {}
        for m in self.board:
            self.by_date.setdefault(m["date"], m)
        self.plan.meeting_dates = {m["id"]: m["date"] for m in self.meetings.values()}
        self.brag_words = board_brag_words(dict(rows(cur, "import_rag_labels")))
        self.pack_id = (rows(cur, "import_pack_id") or [("",)])[0][0]
        self.missing: dict[date, list[str]] = {}  # dates with no board meeting -> where they were named
        self.approved: dict[str, tuple[set[int], set[str]]] = {}  # meeting -> (rows, what) refused
        self.no_meeting: dict[str, list[int]] = {}  # what needed a meeting the pack lacks -> rows
        self._current: tuple[str | None] | None = None
        self.plan_code = plan_code
        self.actions: dict[str, dict[str, Any]] = {}
        self.latest_brag: dict[tuple[str, str], str] = {}
        self.update_uids: set[str] = set()
        self.planned_ratings: dict[tuple[str, str], tuple[int, str]] = {}  # (action, meeting) -> (row, BRAG)

    # -- saying where -------------------------------------------------------------------------
    def where(self, row: Row | None, column: Column | None, name: str = "") -> str:
        if column is None:
            if name in self.mapping.defaults:
                return f"{self.mapping.where()}, [defaults] {field_word(name)}"
            return f"{self.layout.sheet.label}, row {row.number}" if row else self.layout.sheet.label
        if row is None:
            return f"{self.layout.sheet.label}, column '{column.label}' (column {column.letter})"
        return (
            f"{self.layout.sheet.label}, row {row.number}, column '{column.label}' (cell {column.letter}{row.number})"
        )

    def problem(self, row: Row | None, column: Column | None, value: object, expected: str, name: str = "") -> None:
        where = self.where(row, column, name)
        said = f"{where} is blank: {expected}" if is_blank(value) else f"{where}: {quote(value)} is not {expected}"
        self.problems.append(Problem(said, row.number if row else None, column.index if column else None))

    def sentence(self, text: str) -> None:
        self.problems.append(Problem(text))

    # -- values -------------------------------------------------------------------------------
    def date_in(self, row: Row, column: Column | None, value: object, name: str = "") -> date | None:
        if is_blank(value):
            return None
        parsed = parse_date(value)
        if isinstance(parsed, str):
            self.problem(row, column, value, parsed, name)
            return None
        return parsed

    def brag_in(self, row: Row, column: Column | None, value: object) -> str | None:
        key = words(value)
        if key in self.brag_words:
            return self.brag_words[key]
        try:
            return parse_brag(value)
        except ValueError as err:
            self.problem(row, column, value, f"{err}; or say how to read it under [values.RAG] in a mapping file")
            return None

    def weakness_in(self, row: Row, column: Column | None, value: object) -> str | None:
        try:
            return self.weaknesses.match(value)
        except ValueError as err:
            self.problem(row, column, value, str(err), "weakness")
            return None

    # -- meetings -----------------------------------------------------------------------------
    def meeting_on(self, when: date, where: str) -> str | None:
        """The board meeting on ``when``; with --create-meetings, one to create; else None and
        the date is listed as missing."""
        found = self.by_date.get(when)
        if found:
            found_id: str = found["id"]
            return found_id
        if not self.create_meetings:
            self.missing.setdefault(when, []).append(where)
            return None
        meeting: dict[str, Any] = {
            "id": f"BM-{when.isoformat()}",
            "date": when,
            "kind": "board",
            "minutes_status": "draft",
            "title": f"Board meeting {day(when)} (created by import of {self.file.name})",
        }
        self.plan.meetings.append(meeting)
        meeting_id = f"BM-{when.isoformat()}"
        self.by_date[when] = self.meetings[meeting_id] = meeting
        self.plan.meeting_dates[meeting_id] = when
        return meeting_id

    def meeting_for_column(self, column: Column) -> str | None:
        if isinstance(column.when, date):
            return self.meeting_on(column.when, f"column '{column.label}'")
        if column.when is None:  # only RAG columns (a date or a month) are asked about
            return None
        year, month = column.when
        found = [m for m in self.board if (m["date"].year, m["date"].month) == (year, month)]
        named = date(year, month, 1).strftime("%B %Y")
        if len(found) == 1:
            first_id: str = found[0]["id"]
            return first_id
        if not found:
            self.sentence(
                f"{self.where(None, column)} is headed {named}, and the pack has no board meeting that "
                "month: head the column with the meeting's date, such as 20/11/2025 (import with "
                "--create-meetings to create it)"
            )
        else:
            listed = " and ".join(f"{m['id']} on {day(m['date'])}" for m in found)
            self.sentence(
                f"{self.where(None, column)} is headed {named}, when the pack has {listed}: head the "
                "column with the date of the meeting you mean"
            )
        return None

    def current_meeting(self) -> str | None:
        """The meeting a single RAG column is for: the mapping file's ``meeting``, else the latest
        board meeting."""
        if self._current is None:
            if self.mapping.meeting is not None:
                found = self.meeting_on(
                    self.mapping.meeting, f'meeting = "{self.mapping.meeting.isoformat()}" in {self.mapping.where()}'
                )
            else:
                found = self.board[-1]["id"] if self.board else None
            self._current = (found,)
        return self._current[0]

    def dated(self, meeting: str, row: Row, what: str) -> None:
        """Something planned at ``meeting``: refused if its minutes are approved."""
        if self.meetings[meeting]["minutes_status"] == "approved":
            rows_, whats = self.approved.setdefault(meeting, (set(), set()))
            rows_.add(row.number)
            whats.add(WHAT[what])

    def date_of(self, meeting: str) -> date:
        when: date = self.meetings[meeting]["date"]
        return when

    # -- running ------------------------------------------------------------------------------
    def run(self) -> tuple[Plan, list[Problem]]:
        self._layout_notes()
        self.check()
        self.finish()
        self._meeting_problems()
        return self.plan, sorted(self.problems, key=lambda p: p.order)

    def where_to_put(self, meeting: dict[str, Any]) -> str:
        """How a row is put at ``meeting`` instead: what the refusal of an approved one says."""
        return f"date them {meeting['date']:%d/%m/%Y}"

    @abstractmethod
    def check(self) -> None:
        """Check every data row, adding to ``plan`` and ``problems``."""

    def finish(self) -> None:  # noqa: B027 - a hook: most sheets say nothing at the end
        """What is said once for the whole sheet, after every row."""

    def _layout_notes(self) -> None:
        layout = self.layout
        if layout.headings:
            headings = listed([f"{n} ({code})" for n, code in layout.headings])
            use = "" if "weakness" in layout.fields else ", which give the weakness of the actions under them"
            self.plan.notes.append(f"rows {headings} read as weakness headings{use}")
        if layout.hidden_rows:
            self.plan.notes.append(
                f"{rows_phrase(layout.hidden_rows)} {'are' if len(layout.hidden_rows) > 1 else 'is'} "
                "hidden in the workbook and read as data"
            )
        line = notes_line(layout)
        if line:
            self.plan.notes.append(line)
        if layout.not_imported:
            self.plan.notes.append(
                "columns not imported (not recognised, or hidden; name them under [columns] in "
                "a mapping file): " + listed(layout.not_imported)
            )
        unused = [c for c in layout.fields.values() if c.field not in self.USES]
        if unused:
            self.plan.notes.append(
                f"columns recognised but not used in {self.KIND} (map them under [columns] if "
                "they hold something else): "
                + ", ".join(f"'{c.label}' (column {c.letter}, read as {field_word(c.field or '')})" for c in unused)
            )

    def _meeting_problems(self) -> None:
        label = self.layout.sheet.label
        if self.missing:
            parts = []
            for when in sorted(self.missing):
                places = sorted(set(self.missing[when]), key=lambda w: (not w.startswith("column"), w))
                near = min(self.board, key=lambda m: abs((m["date"] - when).days), default=None)
                hint = (
                    f"; the nearest is {near['id']} on {day(near['date'])}"
                    if near and abs((near["date"] - when).days) <= 14
                    else ""
                )
                parts.append(f"{day(when)} ({_rows_or_places(places)}{hint})")
            self.sentence(
                f"{label}: the pack has no board meeting on {' or '.join(parts)}; correct the date to "
                "a meeting the pack has, or import again with --create-meetings to create "
                "the missing board meetings with draft minutes"
            )
        for what, numbers_ in ({} if self.missing else self.no_meeting).items():
            self.sentence(
                f"{label}: {rows_phrase(numbers_)} {'have' if len(numbers_) > 1 else 'has'} {what}, "
                "which are dated at a board meeting, and the pack has none: create one with boardtui "
                f"meeting new {one_line(self.pack)} --date YYYY-MM-DD, or name its date with "
                'meeting = "YYYY-MM-DD" in a mapping file and import with --create-meetings'
            )
        draft = [m for m in self.board if m["minutes_status"] == "draft"]
        for meeting, (rows_, whats) in sorted(self.approved.items(), key=lambda item: self.date_of(item[0])):
            when = self.date_of(meeting)
            if draft:
                target = draft[-1]
                put = (
                    f"put them at a meeting whose minutes are draft ({target['id']} on {day(target['date'])}: "
                    f"{self.where_to_put(target)})"
                )
            else:
                put = (
                    f"create the next board meeting with boardtui meeting new {one_line(self.pack)} --date "
                    "YYYY-MM-DD and put them there"
                )
            self.sentence(
                f"{label}: {rows_phrase(rows_)} would add {_and(sorted(whats))} to {meeting} "
                f"({day(when)}), whose minutes are approved, so nothing was imported; {put}, or make a "
                "change to the approved record as an amendment at a later meeting (E on its agenda)"
            )

    # -- ratings and officers' updates, for actions and long ratings ---------------------------
    def read_named_actions(self) -> None:
        # One read for every action the file names and their ratings, not one per row and cell:
        # a 10,000-row tracker would otherwise make 40,000 queries.
        ids = sorted({i for i in (text(self.layout.cell(r, "id")[0]) for r in self.layout.rows) if i})
        self.actions = {r["id"]: r for r in dicts(self.cur, "import_actions_of", ids=ids)}
        self.latest_brag = {
            (r["action"], r["meeting"]): r["brag"] for r in dicts(self.cur, "import_latest_ratings_of", ids=ids)
        }
        self.update_uids = {uid for (uid,) in rows(self.cur, "import_update_uids_of", ids=ids)}

    def plan_ratings_and_update(
        self,
        row: Row,
        action_id: str,
        action: dict[str, Any],
        rated: list[Rated],
        meeting: str | None,
        closed: dict[str, Any] | None = None,
    ) -> None:
        """``closed``: the pack's closed action, when this row leaves it closed: it is not rated
        at a meeting on or after its closing."""
        layout = self.layout
        progress = text(layout.cell(row, "update")[0])
        rationale = text(layout.cell(row, "rationale")[0]) or progress
        for index, rating in enumerate(rated):
            key = (action_id, rating.meeting)
            if key in self.planned_ratings:
                first, brag = self.planned_ratings[key]
                if brag != rating.brag:
                    said = self.layout.value(row, rating.column) if rating.column else rating.brag
                    self.problem(
                        row,
                        rating.column,
                        said,
                        f"the rating row {first} gives "
                        f"{action_id} at {self.plan.at(rating.meeting)} ({brag}); give one rating per "
                        "action and meeting",
                    )
                continue
            self.planned_ratings[key] = (row.number, rating.brag)
            if self.latest_brag.get(key) == rating.brag:
                continue  # already recorded: importing again changes nothing
            if closed is not None and rating.when >= closed["closed_date"]:
                self._rated_when_closed(row, rating, closed)
                continue
            self.plan.ratings.append(
                {
                    "action": action_id,
                    "meeting": rating.meeting,
                    "brag": rating.brag,
                    "row": row.number,
                    "rationale": (rationale if index == len(rated) - 1 else None) or f"Imported from {self.file.name}",
                }
            )
            self.dated(rating.meeting, row, "rating")
            self.plan.change(action_id, row.number).ratings.append((rating.brag, rating.meeting))
        if progress:
            lead = text(layout.cell(row, "action_lead")[0]) or action.get("action_lead") or self.who
            proposed = next((r.brag for r in rated if r.meeting == meeting), None)
            self._update(row, action_id, meeting, progress, lead, proposed)

    def _rated_when_closed(self, row: Row, rating: Rated, action: dict[str, Any]) -> None:
        """A rating of an action closed before its meeting: a problem naming the cell."""
        action_id, closed, status = action["id"], action["closed_date"], action["status"]
        ended = {"complete": "was completed", "withdrawn": "was withdrawn"}.get(status, "was carried forward")
        successors = [r[0] for r in rows(self.cur, "record_action_successors", id=action_id)]
        if status == "carried forward" and successors:
            way = f"rate {' or '.join(successors)}, which carries its work, instead"
        elif "status" in self.layout.fields:
            way = "leave the cell blank, or write Open in the row's status column if the board has reopened it"
        elif "status" in self.USES:
            way = "leave the cell blank, or add a Status column saying Open on its row if the board has reopened it"
        else:
            way = (
                "leave the row out, or reopen the action first (a tracker row for it with the status Open) "
                "if the board has taken it up again"
            )
        said = self.layout.value(row, rating.column) if rating.column else rating.brag
        self.problems.append(
            Problem(
                f"{self.where(row, rating.column)}: {quote(said)} rates {action_id} at {self.plan.at(rating.meeting)}, "
                f"but it {ended} on {day(closed)} and a closed action is not rated; {way}",
                row.number,
                rating.column.index if rating.column else None,
            )
        )

    def _update(
        self, row: Row, action_id: str, meeting: str | None, progress: str, author: str, proposed: str | None
    ) -> None:
        uid = hashlib.sha256("\x1f".join((self.pack_id, action_id, progress, meeting or "")).encode()).hexdigest()
        if uid in self.update_uids:
            return
        self.update_uids.add(uid)
        layout = self.layout
        self.plan.updates.append(
            {
                "uid": uid,
                "action": action_id,
                "for_meeting": meeting,
                "author": author,
                "written_at": self.now,
                "progress": progress,
                "proposed_brag": proposed,
                "risks": text(layout.cell(row, "risks")[0]),
                "impact": text(layout.cell(row, "impact")[0]),
                "evidence": text(layout.cell(row, "evidence")[0]),
                "source": self.source,
                "row": row.number,
            }
        )
        if meeting:
            self.dated(meeting, row, "update")
        self.plan.change(action_id, row.number).updates.append(
            f"progress update by {one_line(author)} for {self.plan.at(meeting)}"
        )


def or_list(items: list[str]) -> str:
    return " or ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _and(items: list[str]) -> str:
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def listed(items: list[str]) -> str:
    """Items in a line of a message: the first few, then how many more."""
    more = f" and {len(items) - LISTED_IN_A_LINE} more" if len(items) > LISTED_IN_A_LINE else ""
    return ", ".join(items[:LISTED_IN_A_LINE]) + more


def rows_phrase(row_numbers: Iterable[int]) -> str:
    row_numbers = sorted(set(row_numbers))
    return f"row {row_numbers[0]}" if len(row_numbers) == 1 else f"rows {numbers(row_numbers)}"


def _rows_or_places(places: list[str]) -> str:
    row_numbers = [int(p.split()[1]) for p in places if p.startswith("row ")]
    others = [p for p in places if not p.startswith("row ")]
    if row_numbers:
        others.append(rows_phrase(row_numbers))
    return ", ".join(others)
