"""Stage 3, checking every cell against the pack: what each row adds or changes, or the
problem with it. Nothing is written here; every problem is collected, so all are shown at once.

The rules that keep an import true to the board's record:
- every rating, progress update, closure, revised target and minute is dated at a board meeting
  the pack has (``--create-meetings`` creates missing ones, draft), and never at one whose
  minutes are approved;
- a row's meeting is the one its latest rating goes to, else the tracker's meeting (the mapping
  file's ``meeting``, else the latest board meeting, or for a tracker that keeps one RAG column
  per meeting, its latest such column's meeting);
- an action closed ("Complete") is closed on its row's meeting's date, and a revised target is
  agreed then; the original target is never overwritten.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from boardtui.errors import BoardError
from boardtui.store.importer.fields import field_word
from boardtui.store.importer.layout import Column, Layout, Row, notes_line
from boardtui.store.importer.mapping import Mapping
from boardtui.store.importer.plan import Plan, Problem
from boardtui.store.importer.values import (STATUSES, Weaknesses, board_brag_words, day, fold,
                                            is_blank, numbers, parse_brag, parse_date, parse_kind, parse_number,
                                            parse_status, parse_yes_no, quote, text, words)
from boardtui.store.queries import dicts, rows
from boardtui.text import one_line

# What a new action must have, how to say so, and a usual header for it.
REQUIRED = {
    "weakness": ("its weakness", "write its code or short name", "Area of weakness"),
    "title": ("its title", "write what the action is", "Action"),
    "action_lead": ("its action lead", "write the name of the officer who leads it", "Lead officer"),
    "lead_org": ("its lead organisation", "write the organisation that leads it", "Organisation"),
    "target_date": ("its target date", "write it as 31/03/2026", "Target date"),
}
TEXT_FIELDS = ("title", "description", "success_criteria", "action_lead", "senior_officer", "lead_org")
DATE_FIELDS = ("start_date", "target_date", "revised_target_date")
WHAT = {"rating": "ratings", "update": "progress updates", "close": "closing actions",
        "revise": "revised targets", "minute": "minutes"}


@dataclass
class Rated:
    when: date
    meeting: str
    brag: str
    column: Column


class Checker:
    def __init__(self, cur, layout: Layout, mapping: Mapping, weaknesses: Weaknesses, *, file: Path, pack: Path,
                 plan_code: str | None, create_meetings: bool, who: str, now: datetime) -> None:
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
        self.by_date: dict[date, dict] = {}
        for m in self.board:
            self.by_date.setdefault(m["date"], m)
        self.plan.meeting_dates = {m["id"]: m["date"] for m in self.meetings.values()}
        self.brag_words = board_brag_words(dict(rows(cur, "import_rag_labels")))
        self.pack_id = (rows(cur, "import_pack_id") or [("",)])[0][0]
        self.missing: dict[date, list[str]] = {}  # dates with no board meeting -> where they were named
        self.approved: dict[str, tuple[set[int], set[str]]] = {}  # meeting -> (rows, what) refused
        self.needs: dict[str, list[int]] = {}  # field with no column -> rows of new actions needing it
        self.no_plan_rows: list[int] = []
        self.no_meeting: dict[str, list[int]] = {}  # what needed a meeting the pack lacks -> rows
        self.status_read: dict[str, str] = {}  # status word as written -> how it was read
        self._current: tuple[str | None] | None = None
        self._plan_for_new: tuple[str | None, str] | None = None
        self.plan_code = self._check_plan_code(plan_code)
        self.actions: dict[str, dict] = {}
        self.latest_brag: dict[tuple[str, str], str] = {}
        self.update_uids: set[str] = set()
        self.planned_ratings: set[tuple[str, str]] = set()

    # -- saying where -------------------------------------------------------------------------
    def where(self, row: Row | None, column: Column | None, name: str = "") -> str:
        if column is None:
            if name in self.mapping.defaults:
                return f"{self.mapping.where()}, [defaults] {field_word(name)}"
            return f"{self.layout.sheet.label}, row {row.number}" if row else self.layout.sheet.label
        if row is None:
            return f"{self.layout.sheet.label}, column '{column.label}' (column {column.letter})"
        return f"{self.layout.sheet.label}, row {row.number}, column '{column.label}' (cell {column.letter}{row.number})"

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
            return found["id"]
        if not self.create_meetings:
            self.missing.setdefault(when, []).append(where)
            return None
        meeting = {"id": f"BM-{when.isoformat()}", "date": when, "kind": "board", "minutes_status": "draft",
                   "title": f"Board meeting {day(when)} (created by import of {self.file.name})"}
        self.plan.meetings.append(meeting)
        self.by_date[when] = self.meetings[meeting["id"]] = meeting
        self.plan.meeting_dates[meeting["id"]] = when
        return meeting["id"]

    def meeting_for_column(self, column: Column) -> str | None:
        if isinstance(column.when, date):
            return self.meeting_on(column.when, f"column '{column.label}'")
        year, month = column.when
        found = [m for m in self.board if (m["date"].year, m["date"].month) == (year, month)]
        named = date(year, month, 1).strftime("%B %Y")
        if len(found) == 1:
            return found[0]["id"]
        if not found:
            self.sentence(f"{self.where(None, column)} is headed {named}, and the pack has no board meeting that "
                          "month: head the column with the meeting's date, such as 20/11/2025 (import with "
                          "--create-meetings to create it)")
        else:
            listed = " and ".join(f"{m['id']} on {day(m['date'])}" for m in found)
            self.sentence(f"{self.where(None, column)} is headed {named}, when the pack has {listed}: head the "
                          "column with the date of the meeting you mean")
        return None

    def current_meeting(self) -> str | None:
        """The meeting a single RAG column is for: the mapping file's ``meeting``, else the latest
        board meeting."""
        if self._current is None:
            if self.mapping.meeting is not None:
                found = self.meeting_on(self.mapping.meeting,
                                        f"meeting = \"{self.mapping.meeting.isoformat()}\" in {self.mapping.where()}")
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
        return self.meetings[meeting]["date"]

    # -- plans --------------------------------------------------------------------------------
    def _plan_codes(self) -> list[str]:
        return [p["code"] for p in self.plans]

    def _listed_plans(self) -> str:
        return " and ".join(f"{p['code']} ({one_line(p['title'])})" for p in self.plans) or "none"

    def _check_plan_code(self, code: str | None) -> str | None:
        if code is None:
            return None
        if code in self._plan_codes():
            return code
        same = [c for c in self._plan_codes() if c.casefold() == code.strip().casefold()]
        if len(same) == 1:
            return same[0]
        raise BoardError(f"--plan {one_line(code)}: the pack has no such plan; its plans are {self._listed_plans()}.")

    def plan_for_new(self) -> str | None:
        """The plan new actions join when a row names none, and says why (once)."""
        if self._plan_for_new is None:
            self._plan_for_new = self._choose_plan()
            code, why = self._plan_for_new
            if code:
                title = next(p["title"] for p in self.plans if p["code"] == code)
                self.plan.notes.append(f"new actions join plan {code} ({one_line(title)}): {why}")
        return self._plan_for_new[0]

    def _choose_plan(self) -> tuple[str | None, str]:
        if self.plan_code:
            return self.plan_code, "named by --plan"
        default = self.mapping.defaults.get("plan")
        if default is not None:
            return (str(default), "plan under [defaults] in the mapping file") if str(default) in self._plan_codes() else (None, "")
        from boardtui.store.recording import ARISING_PLAN  # the board's own actions arising

        def named_in(words_: str) -> set[str]:
            found = set()
            for p in self.plans:
                code = re.escape(p["code"].lower())
                if re.search(rf"(?<![a-z0-9]){code}(?![a-z0-9])", words_.lower()) or \
                        (fold(p["title"]) and f" {fold(p['title'])} " in f" {fold(words_)} "):
                    found.add(p["code"])
            return found

        by_name = named_in(self.file.stem)
        if len(by_name) == 1:
            return by_name.pop(), f"named in the file's name; --plan CODE for another"
        by_title = named_in(" ".join(self.layout.title))
        if len(by_title) == 1:
            return by_title.pop(), "named in the tracker's title; --plan CODE for another"
        in_force = [p["code"] for p in self.plans if p["open_actions"] and p["code"] != ARISING_PLAN]
        if len(in_force) == 1:
            return in_force[0], "the only plan with open actions; --plan CODE for another"
        if not in_force and len(self.plans) == 1:
            return self.plans[0]["code"], "the pack's only plan"
        return None, ""

    # -- running ------------------------------------------------------------------------------
    def run(self, kind: str) -> tuple[Plan, list[Problem]]:
        self._layout_notes()
        {"actions": self.check_actions, "ratings": self.check_ratings, "minutes": self.check_minutes,
         "measures": self.check_measures}[kind]()
        self.finish()
        self._meeting_problems()
        if self.status_read:
            groups: dict[str, list[str]] = {}
            for word, status in self.status_read.items():
                groups.setdefault(status, []).append(f"'{word}'")
            self.plan.notes.append("status words read: " + "; ".join(
                f"{', '.join(ws)} as {status}" for status, ws in groups.items()))
        return self.plan, sorted(self.problems, key=lambda p: p.order)

    def _layout_notes(self) -> None:
        layout = self.layout
        if layout.headings:
            listed = ", ".join(f"{n} ({code})" for n, code in layout.headings)
            use = "" if "weakness" in layout.fields else ", which give the weakness of the actions under them"
            self.plan.notes.append(f"rows {listed} read as weakness headings{use}")
        if layout.hidden_rows:
            self.plan.notes.append(f"{rows_phrase(layout.hidden_rows)} {'are' if len(layout.hidden_rows) > 1 else 'is'} "
                                   "hidden in the workbook and read as data")
        line = notes_line(layout)
        if line:
            self.plan.notes.append(line)
        if layout.not_imported:
            self.plan.notes.append("columns not imported (not recognised, or hidden; name them under [columns] in "
                                   "a mapping file): " + ", ".join(layout.not_imported))

    def _meeting_problems(self) -> None:
        label = self.layout.sheet.label
        if self.missing:
            parts = []
            for when in sorted(self.missing):
                places = sorted(set(self.missing[when]), key=lambda w: (not w.startswith("column"), w))
                near = min(self.board, key=lambda m: abs((m["date"] - when).days), default=None)
                hint = (f"; the nearest is {near['id']} on {day(near['date'])}"
                        if near and abs((near["date"] - when).days) <= 14 else "")
                parts.append(f"{day(when)} ({_rows_or_places(places)}{hint})")
            self.sentence(f"{label}: the pack has no board meeting on {' or '.join(parts)}; correct the date to "
                          "a meeting the pack has, or import again with --create-meetings to create "
                          "the missing board meetings with draft minutes")
        for what, numbers_ in ({} if self.missing else self.no_meeting).items():
            self.sentence(f"{label}: {rows_phrase(numbers_)} {'have' if len(numbers_) > 1 else 'has'} {what}, "
                          "which are dated at a board meeting, and the pack has none: create one with boardtui "
                          f"meeting new {one_line(self.pack)} --date YYYY-MM-DD, or name its date with "
                          "meeting = \"YYYY-MM-DD\" in a mapping file and import with --create-meetings")
        draft = [m for m in self.board if m["minutes_status"] == "draft"]
        for meeting, (rows_, whats) in sorted(self.approved.items(), key=lambda item: self.date_of(item[0])):
            when = self.date_of(meeting)
            if draft:
                target = draft[-1]
                put = (f"put them at a meeting whose minutes are draft ({target['id']} on {day(target['date'])}: "
                       f"a column headed {target['date']:%d/%m/%Y}, or meeting = \"{target['date'].isoformat()}\" "
                       "in a mapping file)")
            else:
                put = (f"create the next board meeting with boardtui meeting new {one_line(self.pack)} --date "
                       "YYYY-MM-DD and put them there")
            self.sentence(f"{label}: {rows_phrase(rows_)} would add {_and(sorted(whats))} to {meeting} "
                          f"({day(when)}), whose minutes are approved, so nothing was imported; {put}, or make a "
                          "change to the approved record as an amendment at a later meeting (E on its agenda)")

    # -- actions ------------------------------------------------------------------------------
    def _read_named_actions(self) -> None:
        # One read for every action the file names and their ratings, not one per row and cell:
        # a 10,000-row tracker would otherwise make 40,000 queries.
        ids = sorted({i for i in (text(self.layout.cell(r, "id")[0]) for r in self.layout.rows) if i})
        self.actions = {r["id"]: r for r in dicts(self.cur, "import_actions_of", ids=ids)}
        self.latest_brag = {(r["action"], r["meeting"]): r["brag"]
                            for r in dicts(self.cur, "import_latest_ratings_of", ids=ids)}
        self.update_uids = {uid for (uid,) in rows(self.cur, "import_update_uids_of", ids=ids)}

    def tracker_meeting(self) -> str | None:
        """The meeting of a row with no rating: its changes are dated then."""
        layout = self.layout
        if self.mapping.meeting is not None or "rag" in layout.fields or not layout.dated:
            return self.current_meeting()
        found = [m for m in (self.column_meetings.get(c.index) for c in layout.dated) if m]
        return max(found, key=lambda m: (self.date_of(m), m)) if found else self.current_meeting()

    def check_actions(self) -> None:
        layout = self.layout
        if "id" not in layout.fields:
            raise BoardError(f"{layout.sheet.label}: no column for the action id (a header such as 'Ref' or "
                             "'Action ID'); add one, or name yours under [columns] in a mapping file.")
        self._read_named_actions()
        self.column_meetings = {c.index: self.meeting_for_column(c) for c in layout.dated}
        row_meeting_default = self.tracker_meeting()
        self._meeting_notes(row_meeting_default)
        example = next(iter(sorted(self.codes.get("action", set()))), "IP25-09.3")
        seen: dict[str, int] = {}
        for row in layout.rows:
            value, column = layout.cell(row, "id")
            action_id = text(value)
            if not action_id:
                self.problem(row, column, value, f"every action row needs its action id, such as {example}; "
                             "write it, or delete the row")
                continue
            if action_id in seen:
                self.problem(row, column, value, f"a new id: row {seen[action_id]} has {quote(action_id)} too; "
                             "give each action one row")
                continue
            seen[action_id] = row.number
            before = len(self.problems)
            rated = self._rated(row)
            meeting = rated[-1].meeting if rated else row_meeting_default
            old = self.actions.get(action_id)
            new = self._action_fields(row, action_id, old, rated, meeting)
            if new is None or len(self.problems) > before:
                continue
            new["id"] = action_id
            if old is None:
                self.plan.actions_new.append(new)
                self.plan.change(action_id, row.number).what.append(self._describe_new(new))
            else:
                changed = {k: v for k, v in new.items() if v != old.get(k)}
                if changed:
                    self.plan.actions_changed.append((old, {**old, **new}))
                    self.plan.change(action_id, row.number).what.append(self._describe_changes(old, changed))
            self._plan_ratings_and_update(row, action_id, old or new, rated, meeting)

    def _meeting_notes(self, row_meeting: str | None) -> None:
        """Say which meeting each RAG column rates at, and how that meeting was chosen."""
        layout, at = self.layout, self.plan.at
        dated = [(c, self.column_meetings.get(c.index)) for c in layout.dated]
        if dated:
            self.plan.notes.append("RAG columns by meeting: " + ", ".join(
                f"'{c.label}' at {at(m)}" for c, m in dated if m))
        current = row_meeting if "rag" in layout.fields or not dated else None
        if current is None:
            return
        status = self.meetings[current]["minutes_status"]
        how = (f"meeting = \"{self.mapping.meeting.isoformat()}\" in the mapping file" if self.mapping.meeting
               else "the latest board meeting; name another with meeting = \"YYYY-MM-DD\" in a mapping file")
        rated = f"column '{layout.fields['rag'].label}' rates" if "rag" in layout.fields else "changes are"
        self.plan.notes.append(f"{rated} at {at(current)}, minutes {status}: {how}")

    def _rated(self, row: Row) -> list[Rated]:
        """The row's ratings, oldest first: one per RAG column dated for a meeting, and the RAG
        column for the current meeting."""
        out: list[Rated] = []
        layout = self.layout
        for column in layout.dated:
            value = layout.value(row, column)
            if is_blank(value):
                continue
            brag = self.brag_in(row, column, value)
            meeting = self.column_meetings.get(column.index)
            if brag and meeting:
                out.append(Rated(self.date_of(meeting), meeting, brag, column))
        value, column = layout.cell(row, "rag")
        if not is_blank(value):
            brag = self.brag_in(row, column, value)
            meeting = self.current_meeting()
            if brag and meeting:
                same = [r for r in out if r.meeting == meeting]
                if same and same[0].brag != brag:
                    self.problem(row, column, value, f"the rating in column '{same[0].column.label}' for the same "
                                 f"meeting ({same[0].brag}); make them agree, or leave one blank")
                elif not same:
                    out.append(Rated(self.date_of(meeting), meeting, brag, column))
            elif brag and self.mapping.meeting is None:
                self.no_meeting.setdefault("ratings", []).append(row.number)
        out.sort(key=lambda r: (r.when, r.meeting))
        return out

    def _action_fields(self, row: Row, action_id: str, old: dict | None, rated: list[Rated],
                       meeting: str | None) -> dict | None:
        layout = self.layout
        out: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            value, column = layout.cell(row, name)
            if column is not None or name in layout.defaults:
                out[name] = text(value)
        for name in DATE_FIELDS:
            value, column = layout.cell(row, name)
            if column is not None or name in layout.defaults:
                out[name] = self.date_in(row, column, value, name)
        # weakness: its column, else the heading above the row, else the mapping default
        value, column = layout.cell(row, "weakness")
        if is_blank(value) and row.heading and (column is None or old is None):
            value, column = row.heading, None
        if not is_blank(value):
            code = self.weakness_in(row, column, value)
            if code and old is not None and old["weakness"] != code:
                self.problem(row, column, value, f"{action_id}'s weakness: it is under {self.weaknesses.named(old['weakness'])} "
                             "in the pack, and an import cannot move an action; write that, or leave the cell blank")
            out["weakness"] = code
        value, column = layout.cell(row, "plan")
        if not is_blank(value) and column is not None:
            code = text(value)
            if code not in self.codes.get("plan", set()):
                self.problem(row, column, value, f"a plan in the pack: write {_or(self._plan_codes()) or 'a plan code'}")
            elif old is not None and old["plan"] != code:
                self.problem(row, column, value, f"{action_id}'s plan: it is in {old['plan']} in the pack, and an "
                             "import cannot move an action; write that, or leave the cell blank")
            out["plan"] = code
        status = self._status(row)
        if old is None:
            self._require_new(row, out)
        elif "target_date" in out:
            # An import never overwrites the original target: a changed one is the revision.
            new_target = out.pop("target_date")
            if new_target and new_target != old["target_date"] and not out.get("revised_target_date"):
                out["revised_target_date"] = new_target
        if old is not None:
            out = {k: v for k, v in out.items() if v is not None}  # a blank cell changes nothing
        # Status, and when an action closed: a Blue as the row's latest rating closes it then.
        close_at, undated = meeting, False
        if status is None and rated and rated[-1].brag == "B" and (old is None or old["status"] == "open"):
            status, close_at = "complete", rated[-1].meeting
        status = status or (old or {}).get("status") or "open"
        out["status"] = status
        if status == "open":
            out["closed_date"] = None
        elif not (old or {}).get("closed_date"):
            if close_at is None:
                self.no_meeting.setdefault(f"a status of {status}", []).append(row.number)
                undated = True
            else:
                out["closed_date"] = self.date_of(close_at)
                if old is not None:
                    self.dated(close_at, row, "close")
        if out.get("revised_target_date") and (old or {}).get("revised_target_date") != out["revised_target_date"]:
            # When it was agreed is not in a tracker: at the row's meeting, when the board saw it.
            if meeting is None:
                self.no_meeting.setdefault("a revised target", []).append(row.number)
                undated = True
            else:
                out["target_revised_on"] = self.date_of(meeting)
                if old is not None:
                    self.dated(meeting, row, "revise")
        if old is None:
            out["senior_officer"] = out.get("senior_officer") or "not recorded"
            # No start date: live from its first rating (time travel shows every rating), else
            # from its row's meeting.
            out["start_date"] = (out.get("start_date") or (rated[0].when if rated else None)
                                 or (self.date_of(meeting) if meeting else out.get("target_date")))
            if not out.get("plan"):
                out["plan"] = self.plan_for_new()
                if out["plan"] is None:
                    self.no_plan_rows.append(row.number)
                    return None
        return None if undated else out

    def _status(self, row: Row) -> str | None:
        value, column = self.layout.cell(row, "status")
        if is_blank(value):
            return None
        try:
            status = parse_status(value)
        except ValueError as err:
            self.problem(row, column, value, str(err), "status")
            return None
        raw = row.cells[column.index] if column is not None else value
        shown = one_line(raw).strip()
        if words(shown) not in STATUSES:
            self.status_read.setdefault(shown, status)
        return status

    def _require_new(self, row: Row, out: dict) -> None:
        for name, (what, how, header) in REQUIRED.items():
            if out.get(name):
                continue
            value, column = self.layout.cell(row, name)
            if column is None and name not in self.layout.defaults:
                if name == "weakness" and row.heading:
                    continue
                self.needs.setdefault(name, []).append(row.number)
            elif is_blank(value):
                self.problem(row, column, value, f"a new action needs {what}; {how}", name)

    def _plan_ratings_and_update(self, row: Row, action_id: str, action: dict, rated: list[Rated],
                                 meeting: str | None) -> None:
        layout = self.layout
        progress = text(layout.cell(row, "update")[0])
        rationale = text(layout.cell(row, "rationale")[0]) or progress
        for index, rating in enumerate(rated):
            key = (action_id, rating.meeting)
            if self.latest_brag.get(key) == rating.brag or key in self.planned_ratings:
                continue  # already recorded (importing again changes nothing), or twice in the file
            self.planned_ratings.add(key)
            self.plan.ratings.append({
                "action": action_id, "meeting": rating.meeting, "brag": rating.brag, "row": row.number,
                "rationale": (rationale if index == len(rated) - 1 else None) or f"Imported from {self.file.name}"})
            self.dated(rating.meeting, row, "rating")
            self.plan.change(action_id, row.number).ratings.append((rating.brag, rating.meeting))
        if progress:
            lead = text(layout.cell(row, "action_lead")[0]) or action.get("action_lead") or self.who
            proposed = next((r.brag for r in rated if r.meeting == meeting), None)
            self._update(row, action_id, meeting, progress, lead, proposed)

    def _update(self, row: Row, action_id: str, meeting: str | None, progress: str, author: str,
                proposed: str | None) -> None:
        uid = hashlib.sha256("\x1f".join((self.pack_id, action_id, progress, meeting or "")).encode()).hexdigest()
        if uid in self.update_uids:
            return
        self.update_uids.add(uid)
        layout = self.layout
        self.plan.updates.append({
            "uid": uid, "action": action_id, "for_meeting": meeting, "author": author, "written_at": self.now,
            "progress": progress, "proposed_brag": proposed, "risks": text(layout.cell(row, "risks")[0]),
            "impact": text(layout.cell(row, "impact")[0]), "evidence": text(layout.cell(row, "evidence")[0]),
            "source": self.source, "row": row.number})
        if meeting:
            self.dated(meeting, row, "update")
        self.plan.change(action_id, row.number).updates.append(
            f"progress update by {one_line(author)} for {self.plan.at(meeting)}")

    def _describe_new(self, new: dict) -> str:
        return (f"new action {quote(new['title'])} under {self.weaknesses.named(new['weakness'])}, plan {new['plan']}, "
                f"led by {one_line(new['action_lead'])} ({one_line(new['lead_org'])}), target {day(new['target_date'])}"
                + (f", {new['status']}" if new["status"] != "open" else ""))

    def _describe_changes(self, old: dict, changed: dict) -> str:
        parts = []
        for name, value in changed.items():
            if name in ("closed_date", "target_revised_on"):
                continue
            was = old.get(name)
            if isinstance(value, date) or isinstance(was, date):
                shown = lambda v: day(v) if v else "none"  # noqa: E731
                parts.append(f"{field_word(name)} {shown(value)} (was {shown(was)})")
            elif name == "status":
                closed = changed.get("closed_date")
                parts.append(f"status {value} (was {was})" + (f", closed {day(closed)}" if closed else ""))
            else:
                parts.append(f"{field_word(name)} {quote(value)} (was {quote(was) if was else 'blank'})")
        return "; ".join(parts) or "unchanged"

    # -- long ratings -------------------------------------------------------------------------
    def check_ratings(self) -> None:
        layout = self.layout
        self._read_named_actions()
        for row in layout.rows:
            value, column = layout.cell(row, "id")
            action_id = text(value)
            if action_id not in self.codes.get("action", set()):
                self.problem(row, column, value, "an action in the pack: write the id of one of its actions "
                             "(import the actions first)")
                continue
            when_value, when_column = layout.cell(row, "meeting")
            when = self.date_in(row, when_column, when_value, "meeting")
            if when is None and is_blank(when_value):
                self.problem(row, when_column, when_value, "write the date of the meeting the rating was given at", "meeting")
            rag, rag_column = layout.cell(row, "rag")
            brag = None
            if is_blank(rag):
                self.problem(row, rag_column, rag, "write the rating: Blue, Red, Amber or Green", "rag")
            else:
                brag = self.brag_in(row, rag_column, rag)
            if when is None or brag is None:
                continue
            meeting = self.meeting_on(when, f"row {row.number}")
            if meeting is None:
                continue
            rating = Rated(when, meeting, brag, rag_column)
            self._plan_ratings_and_update(row, action_id, self.actions.get(action_id, {}), [rating], meeting)

    # -- minutes ------------------------------------------------------------------------------
    def check_minutes(self) -> None:
        layout = self.layout
        planned: set[tuple[str, str, str]] = set()
        for row in layout.rows:
            when_value, when_column = layout.cell(row, "meeting")
            when = self.date_in(row, when_column, when_value, "meeting")
            if when is None and is_blank(when_value):
                self.problem(row, when_column, when_value, "write the date of the meeting", "meeting")
            text_value, text_column = layout.cell(row, "text")
            minute = text(text_value)
            if not minute:
                self.problem(row, text_column, text_value, "write the minute's text", "text")
            kind_value, kind_column = layout.cell(row, "kind")
            try:
                kind = parse_kind(kind_value)
            except ValueError as err:
                self.problem(row, kind_column, kind_value, f"a kind of minute: {err}", "kind")
                kind = None
            owner_value, owner_column = layout.cell(row, "action_lead")
            due_value, due_column = layout.cell(row, "due_date")
            due = self.date_in(row, due_column, due_value, "due_date")
            if kind == "action arising":
                if not text(owner_value):
                    self.problem(row, owner_column, owner_value, "an action arising needs an owner; write who will do it",
                                 "action_lead")
                if due is None and is_blank(due_value):
                    self.problem(row, due_column, due_value, "an action arising needs a due date; write it as 31/03/2026",
                                 "due_date")
            conf_value, conf_column = layout.cell(row, "confidential")
            try:
                confidential = parse_yes_no(conf_value if conf_value is not None else "")
            except ValueError as err:
                self.problem(row, conf_column, conf_value, f"yes or no: {err}", "confidential")
                confidential = False
            weakness_value, weakness_column = layout.cell(row, "weakness")
            weakness = None if is_blank(weakness_value) else self.weakness_in(row, weakness_column, weakness_value)
            action_value, action_column = layout.cell(row, "id")
            action = text(action_value)
            if action and action not in self.codes.get("action", set()):
                self.problem(row, action_column, action_value, "an action in the pack: write one of its action ids, "
                             "or leave the cell blank")
            if when is None or kind is None or not minute:
                continue
            meeting = self.meeting_on(when, f"row {row.number}")
            if meeting is None:
                continue
            exists = rows(self.cur, "import_minute_exists", meeting=meeting, kind=kind, text=minute)[0][0]
            if exists or (meeting, kind, minute) in planned:
                continue
            planned.add((meeting, kind, minute))
            self.dated(meeting, row, "minute")
            self.plan.minutes.append({"meeting": meeting, "kind": kind, "weakness": weakness, "action": action,
                                      "text": minute, "owner": text(owner_value), "due_date": due,
                                      "confidential": confidential, "row": row.number})

    # -- measures -----------------------------------------------------------------------------
    def check_measures(self) -> None:
        layout = self.layout
        measures = sorted(self.codes.get("measure", set()))
        for row in layout.rows:
            code_value, code_column = layout.cell(row, "measure")
            code = text(code_value)
            if code not in measures:
                self.problem(row, code_column, code_value, f"a measure in the pack: write {_or(measures) or 'its code'}",
                             "measure")
            period_value, period_column = layout.cell(row, "period_end")
            period = self.date_in(row, period_column, period_value, "period_end")
            if period is None and is_blank(period_value):
                self.problem(row, period_column, period_value, "write the date the period ends", "period_end")
            value, value_column = layout.cell(row, "value")
            number = None
            try:
                number = None if is_blank(value) else parse_number(value)
            except ValueError as err:
                self.problem(row, value_column, value, f"a number: {err}", "value")
            else:
                if number is None:
                    self.problem(row, value_column, value, "write the measure's value, such as 41.5", "value")
            if code not in measures or period is None or number is None:
                continue
            old = rows(self.cur, "import_measure_value_one", measure=code, period_end=period)
            if old and old[0][0] == number:
                continue
            self.plan.measure_values.append({"measure": code, "period_end": period, "value": number,
                                             "old": old[0][0] if old else None, "row": row.number})

    # -- what whole columns lack --------------------------------------------------------------
    def finish(self) -> None:
        label = self.layout.sheet.label
        for name, numbers_ in self.needs.items():
            what, _, header = REQUIRED[name]
            self.sentence(f"{label} has no column for {what.replace('its ', 'the ')}, which new actions need "
                          f"({rows_phrase(numbers_)}): add a column headed '{header}', or give one for every "
                          f"row under [defaults] in a mapping file")
        if self.no_plan_rows:
            plans = (f"plans {self._listed_plans()}" if len(self.plans) > 1 else
                     f"plan {self._listed_plans()}" if self.plans else "no plans yet")
            self.sentence(f"{label} has no plan column and names no plan in its file name or title, and the pack "
                          f"has {plans}: import again with --plan CODE to say which plan the new actions ("
                          f"{rows_phrase(self.no_plan_rows)}) join, or add a Plan column")


def _or(items: list[str]) -> str:
    return " or ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def _and(items: list[str]) -> str:
    return " and ".join([", ".join(items[:-1]), items[-1]] if len(items) > 1 else items)


def rows_phrase(row_numbers) -> str:
    row_numbers = sorted(set(row_numbers))
    return f"row {row_numbers[0]}" if len(row_numbers) == 1 else f"rows {numbers(row_numbers)}"


def _rows_or_places(places: list[str]) -> str:
    row_numbers = [int(p.split()[1]) for p in places if p.startswith("row ")]
    others = [p for p in places if not p.startswith("row ")]
    if row_numbers:
        others.append(rows_phrase(row_numbers))
    return ", ".join(others)

