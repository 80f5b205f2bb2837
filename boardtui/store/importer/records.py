"""Stage 3 for the other kinds of sheet: ratings in long form (action, meeting date, RAG),
minutes and actions arising, and measure values."""

from __future__ import annotations

from boardtui.store.importer.cells import Checker, Rated, or_list
from boardtui.store.importer.values import is_blank, parse_kind, parse_number, parse_yes_no, text
from boardtui.store.queries import rows


class RatingChecker(Checker):
    KIND = "ratings"
    USES = frozenset({"id", "meeting", "rag", "update", "rationale", "risks", "impact", "evidence", "action_lead"})

    def check(self) -> None:
        layout = self.layout
        self.read_named_actions()
        for row in layout.rows:
            value, column = layout.cell(row, "id")
            action_id = text(value)
            if action_id not in self.codes.get("action", set()):
                self.problem(
                    row,
                    column,
                    value,
                    "an action in the pack: write the id of one of its actions (import the actions first)",
                )
                continue
            when_value, when_column = layout.cell(row, "meeting")
            when = self.date_in(row, when_column, when_value, "meeting")
            if when is None and is_blank(when_value):
                self.problem(
                    row, when_column, when_value, "write the date of the meeting the rating was given at", "meeting"
                )
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
            action = self.actions.get(action_id, {})
            closed = action if action.get("status", "open") != "open" else None
            self.plan_ratings_and_update(row, action_id, action, [rating], meeting, closed=closed)


class MinuteChecker(Checker):
    KIND = "minutes"
    USES = frozenset({"meeting", "text", "kind", "action_lead", "due_date", "confidential", "weakness", "id"})

    def check(self) -> None:
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
                    self.problem(
                        row,
                        owner_column,
                        owner_value,
                        "an action arising needs an owner; write who will do it",
                        "action_lead",
                    )
                if due is None and is_blank(due_value):
                    self.problem(
                        row,
                        due_column,
                        due_value,
                        "an action arising needs a due date; write it as 31/03/2026",
                        "due_date",
                    )
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
                self.problem(
                    row,
                    action_column,
                    action_value,
                    "an action in the pack: write one of its action ids, or leave the cell blank",
                )
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
            self.plan.minutes.append(
                {
                    "meeting": meeting,
                    "kind": kind,
                    "weakness": weakness,
                    "action": action,
                    "text": minute,
                    "owner": text(owner_value),
                    "due_date": due,
                    "confidential": confidential,
                    "row": row.number,
                }
            )


class MeasureChecker(Checker):
    KIND = "measure values"
    USES = frozenset({"measure", "period_end", "value"})

    def check(self) -> None:
        layout = self.layout
        measures = sorted(self.codes.get("measure", set()))
        for row in layout.rows:
            code_value, code_column = layout.cell(row, "measure")
            code = text(code_value)
            if code not in measures:
                self.problem(
                    row,
                    code_column,
                    code_value,
                    f"a measure in the pack: write {or_list(measures) or 'its code'}",
                    "measure",
                )
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
            self.plan.measure_values.append(
                {
                    "measure": code,
                    "period_end": period,
                    "value": number,
                    "old": old[0][0] if old else None,
                    "row": row.number,
                }
            )
