"""Stage 3 for action trackers: one row per action, with its fields, a status, a RAG column
for the current meeting and/or one per meeting, and progress; new actions join a plan."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from boardtui.errors import BoardError
from boardtui.store.importer.cells import Checker, Rated, or_list, rows_phrase
from boardtui.store.importer.fields import field_word
from boardtui.store.importer.layout import Row
from boardtui.store.importer.values import STATUSES, day, fold, is_blank, parse_status, quote, text
from boardtui.store.parse import words
from boardtui.text import cut, one_line

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


class ActionChecker(Checker):
    KIND = "a list of actions"
    USES = frozenset(
        {
            "id",
            "weakness",
            "plan",
            *TEXT_FIELDS,
            *DATE_FIELDS,
            "status",
            "rag",
            "update",
            "rationale",
            "risks",
            "impact",
            "evidence",
        }
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan_code = self._check_plan_code(self.plan_code)
        self._check_plan_default()
        self._plan_for_new: tuple[str | None, str] | None = None
        self.needs: dict[str, list[int]] = {}  # field with no column -> rows of new actions needing it
        self.no_plan_rows: list[int] = []
        self.status_read: dict[str, str] = {}  # status word as written -> how it was read

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

    def _check_plan_default(self) -> None:
        default = self.mapping.defaults.get("plan")
        if default is not None and str(default) not in self._plan_codes():
            raise BoardError(
                f"{self.mapping.where()}: [defaults] plan = '{one_line(default)}': the pack has no such "
                f"plan; its plans are {self._listed_plans()}."
            )

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
            return str(default), "plan under [defaults] in the mapping file"
        from boardtui.store.recording import ARISING_PLAN  # the board's own actions arising

        def named_in(words_: str) -> set[str]:
            found = set()
            for p in self.plans:
                code = re.escape(p["code"].lower())
                if re.search(rf"(?<![a-z0-9]){code}(?![a-z0-9])", words_.lower()) or (
                    fold(p["title"]) and f" {fold(p['title'])} " in f" {fold(words_)} "
                ):
                    found.add(p["code"])
            return found

        by_name = named_in(self.file.stem)
        if len(by_name) == 1:
            return by_name.pop(), "named in the file's name; --plan CODE for another"
        by_title = named_in(" ".join(self.layout.title))
        if len(by_title) == 1:
            return by_title.pop(), "named in the tracker's title; --plan CODE for another"
        in_force = [p["code"] for p in self.plans if p["open_actions"] and p["code"] != ARISING_PLAN]
        if len(in_force) == 1:
            return in_force[0], "the only plan with open actions; --plan CODE for another"
        if not in_force and len(self.plans) == 1:
            return self.plans[0]["code"], "the pack's only plan"
        return None, ""

    def where_to_put(self, meeting: dict[str, Any]) -> str:
        return (
            f'a column headed {meeting["date"]:%d/%m/%Y}, or meeting = "{meeting["date"].isoformat()}" '
            "in a mapping file"
        )

    def tracker_meeting(self) -> str | None:
        """The meeting of a row with no rating: its changes are dated then."""
        layout = self.layout
        if self.mapping.meeting is not None or "rag" in layout.fields or not layout.dated:
            return self.current_meeting()
        found = [m for m in (self.column_meetings.get(c.index) for c in layout.dated) if m]
        return max(found, key=lambda m: (self.date_of(m), m)) if found else self.current_meeting()

    def check(self) -> None:
        layout = self.layout
        if "id" not in layout.fields:
            raise BoardError(
                f"{layout.sheet.label}: no column for the action id (a header such as 'Ref' or "
                "'Action ID'); add one, or name yours under [columns] in a mapping file."
            )
        self.read_named_actions()
        self.column_meetings = {c.index: self.meeting_for_column(c) for c in layout.dated}
        row_meeting_default = self.tracker_meeting()
        self._meeting_notes(row_meeting_default)
        example = min(self.codes.get("action", set()), default=None)
        seen: dict[str, int] = {}
        for row in layout.rows:
            value, column = layout.cell(row, "id")
            action_id = text(value)
            if not action_id:
                self.problem(
                    row,
                    column,
                    value,
                    "every action row needs its action id"
                    + (f", such as {example}" if example else "")
                    + "; write it, or delete the row",
                )
                continue
            if action_id in seen:
                self.problem(
                    row,
                    column,
                    value,
                    f"a new id: row {seen[action_id]} has {quote(action_id)} too; give each action one row",
                )
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
            stays_closed = old is not None and old["status"] != "open" and new["status"] != "open"
            self.plan_ratings_and_update(
                row, action_id, old or new, rated, meeting, closed=old if stays_closed else None
            )

    def _meeting_notes(self, row_meeting: str | None) -> None:
        """Say which meeting each RAG column rates at, and how that meeting was chosen."""
        layout, at = self.layout, self.plan.at
        dated = [(c, self.column_meetings.get(c.index)) for c in layout.dated]
        if dated:
            self.plan.notes.append(
                "RAG columns by meeting: " + ", ".join(f"'{c.label}' at {at(m)}" for c, m in dated if m)
            )
        current = row_meeting if "rag" in layout.fields or not dated else None
        if current is None:
            return
        status = self.meetings[current]["minutes_status"]
        how = (
            f'meeting = "{self.mapping.meeting.isoformat()}" in the mapping file'
            if self.mapping.meeting
            else 'the latest board meeting; name another with meeting = "YYYY-MM-DD" in a mapping file'
        )
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
        value, rag_column = layout.cell(row, "rag")
        if not is_blank(value):
            brag = self.brag_in(row, rag_column, value)
            meeting = self.current_meeting()
            if brag and meeting:
                same = [r for r in out if r.meeting == meeting]
                if same and same[0].brag != brag:
                    self.problem(
                        row,
                        rag_column,
                        value,
                        f"the rating in column '{same[0].column.label if same[0].column else 'RAG'}' for the same "
                        f"meeting ({same[0].brag}); make them agree, or leave one blank",
                    )
                elif not same:
                    out.append(Rated(self.date_of(meeting), meeting, brag, rag_column))
            elif brag and self.mapping.meeting is None:
                self.no_meeting.setdefault("ratings", []).append(row.number)
        out.sort(key=lambda r: (r.when, r.meeting))
        return out

    def _action_fields(
        self, row: Row, action_id: str, old: dict[str, Any] | None, rated: list[Rated], meeting: str | None
    ) -> dict[str, Any] | None:
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
                self.problem(
                    row,
                    column,
                    value,
                    f"{action_id}'s weakness: it is under {self.weaknesses.named(old['weakness'])} "
                    "in the pack, and an import cannot move an action; write that, or leave the cell blank",
                )
            out["weakness"] = code
        value, column = layout.cell(row, "plan")
        if not is_blank(value) and column is not None:
            code = text(value)
            if code not in self.codes.get("plan", set()):
                self.problem(
                    row, column, value, f"a plan in the pack: write {or_list(self._plan_codes()) or 'a plan code'}"
                )
            elif old is not None and old["plan"] != code:
                self.problem(
                    row,
                    column,
                    value,
                    f"{action_id}'s plan: it is in {old['plan']} in the pack, and an "
                    "import cannot move an action; write that, or leave the cell blank",
                )
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
            out["start_date"] = (
                out.get("start_date")
                or (rated[0].when if rated else None)
                or (self.date_of(meeting) if meeting else out.get("target_date"))
            )
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

    def _require_new(self, row: Row, out: dict[str, Any]) -> None:
        for name, (what, how, _header) in REQUIRED.items():
            if out.get(name):
                continue
            value, column = self.layout.cell(row, name)
            if column is None and name not in self.layout.defaults:
                if name == "weakness" and row.heading:
                    continue
                self.needs.setdefault(name, []).append(row.number)
            elif is_blank(value):
                self.problem(row, column, value, f"a new action needs {what}; {how}", name)

    def _describe_new(self, new: dict[str, Any]) -> str:
        # A field a new action needs may have no column (said once, for the whole sheet, in
        # finish): the description leaves it out rather than fail.
        title = quote(new["title"]) if new.get("title") else "(no title)"
        weakness = self.weaknesses.named(new["weakness"]) if new.get("weakness") else "(no weakness)"
        lead = cut(new["action_lead"]) if new.get("action_lead") else "(no action lead)"
        org = f" ({cut(new['lead_org'])})" if new.get("lead_org") else ""
        target = day(new["target_date"]) if new.get("target_date") else "none"
        return f"new action {title} under {weakness}, plan {new['plan']}, led by {lead}{org}, target {target}" + (
            f", {new['status']}" if new["status"] != "open" else ""
        )

    def _describe_changes(self, old: dict[str, Any], changed: dict[str, Any]) -> str:
        parts = []
        for name, value in changed.items():
            if name in ("closed_date", "target_revised_on"):
                continue
            was = old.get(name)
            if isinstance(value, date) or isinstance(was, date):

                def shown(v: date | None) -> str:
                    return day(v) if v else "none"

                parts.append(f"{field_word(name)} {shown(value)} (was {shown(was)})")
            elif name == "status":
                closed = changed.get("closed_date")
                parts.append(f"status {value} (was {was})" + (f", closed {day(closed)}" if closed else ""))
            else:
                parts.append(f"{field_word(name)} {quote(value)} (was {quote(was) if was else 'blank'})")
        return "; ".join(parts) or "unchanged"

    # -- what whole columns lack, and the words read -------------------------------------------
    def finish(self) -> None:
        label = self.layout.sheet.label
        if self.status_read:
            groups: dict[str, list[str]] = {}
            for word, status in self.status_read.items():
                groups.setdefault(status, []).append(f"'{word}'")
            self.plan.notes.append(
                "status words read: " + "; ".join(f"{', '.join(ws)} as {status}" for status, ws in groups.items())
            )
        for name, numbers_ in self.needs.items():
            what, _, header = REQUIRED[name]
            self.sentence(
                f"{label} has no column for {what.replace('its ', 'the ')}, which new actions need "
                f"({rows_phrase(numbers_)}): add a column headed '{header}', or give one for every "
                f'row under [defaults] in a mapping file ("{field_word(name)}" = "…")'
            )
        if self.no_plan_rows:
            plans = (
                f"plans {self._listed_plans()}"
                if len(self.plans) > 1
                else f"plan {self._listed_plans()}"
                if self.plans
                else "no plans yet"
            )
            self.sentence(
                f"{label} has no plan column and names no plan in its file name or title, and the pack "
                f"has {plans}: import again with --plan CODE to say which plan the new actions ("
                f"{rows_phrase(self.no_plan_rows)}) join, or add a Plan column"
            )
