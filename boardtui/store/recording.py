"""Recording during a meeting: every confirmed change is one transaction with its audit rows,
checked field by field first, never written into approved minutes, and undoable.

The app's meeting mode drives this; nothing here knows about Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import duckdb

from boardtui.errors import BoardError
from boardtui.store.db import Store, dicts
from boardtui.store.importer import parse_brag, parse_date
from boardtui.store.queries import sql
from boardtui.text import clean

MINUTE_KINDS = ("note", "decision", "action arising")


class FieldError(BoardError):
    """Invalid input for one field: the app shows ``message`` next to that field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message


@dataclass
class Change:
    """One confirmed change: what it was, and the statements that take it back."""

    description: str
    undo: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)


def _text(field_name: str, value: str | None, *, required: bool) -> str | None:
    text = clean(value).strip() if value is not None else ""
    if required and not text:
        raise FieldError(field_name, "required")
    return text or None


def _date(field_name: str, value: str | date | None, *, required: bool) -> date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise FieldError(field_name, "required (YYYY-MM-DD or 31/12/2025)")
        return None
    parsed = parse_date(value)
    if isinstance(parsed, str):
        raise FieldError(field_name, f"{value!r} is not {parsed}")
    return parsed


class Recorder:
    def __init__(self, store: Store, who: str) -> None:
        if store.read_only:
            raise BoardError(store.banner or f"{store.path} is open read-only; nothing can be recorded.")
        self.store, self.who = store, who
        self.history: list[Change] = []  # this session's changes, newest last

    # -- plumbing
    def _one(self, name: str, **params: Any) -> dict | None:
        found = dicts(self.store.con, name, **params)
        return found[0] if found else None

    def _writable_meeting(self, meeting_id: str) -> dict:
        meeting = self._one("record_meeting_one", id=meeting_id)
        if meeting is None:
            raise FieldError("meeting", f"there is no meeting {meeting_id}")
        if meeting["minutes_status"] == "approved":
            raise FieldError("meeting", f"the minutes of {meeting_id} ({meeting['date']:%d %b %Y}) are "
                             "approved and cannot change; record it at a meeting whose minutes are draft")
        return meeting

    def _audit(self, change: Change, table: str, key: str, field_name: str, old: object, new: object,
               why: str) -> None:
        change.audit.append({"changed_at": datetime.now().replace(microsecond=0), "who": self.who,
                             "table_name": table, "row_key": key, "field": field_name,
                             "old_value": None if old is None else str(old),
                             "new_value": None if new is None else str(new), "why": why})

    def _commit(self, change: Change, work) -> Change:
        """Run ``work(cur, change)`` and the change's audit rows in one transaction."""
        try:
            with self.store.transaction() as cur:
                work(cur, change)
                for row in change.audit:
                    cur.execute(sql("audit_insert"), row)
        except duckdb.Error as err:
            raise BoardError(f"nothing was recorded: {str(err).splitlines()[0]}") from None
        self.history.append(change)
        return change

    # -- meetings
    def new_meeting(self, when: str | date, title: str | None = None) -> str:
        day = _date("date", when, required=True)
        ids = {r[0] for r in self.store.con.execute(sql("record_meeting_ids")).fetchall()}
        numbers = [int(m[1]) for i in ids if (m := re.fullmatch(r"M(\d+)", i))]
        meeting_id = f"M{max(numbers) + 1:02d}" if numbers else f"BM-{day.isoformat()}"
        if meeting_id in ids:
            raise FieldError("date", f"a meeting {meeting_id} already exists")
        title = _text("title", title, required=False) or f"Improvement Board - {day:%B %Y}"
        change = Change(f"new meeting {meeting_id}", undo=[("record_delete_meeting", {"id": meeting_id})])
        self._audit(change, "meeting", meeting_id, "*", None, "created", "new meeting")
        self._commit(change, lambda cur, _: cur.execute(sql("record_insert_meeting"),
                                                        {"id": meeting_id, "date": day, "title": title}))
        return meeting_id

    # -- ratings
    def record_rating(self, action_id: str, meeting_id: str, brag: str, rationale: str | None) -> Change:
        if self._one("record_action_one", id=action_id) is None:
            raise FieldError("action", f"there is no action {action_id}")
        try:
            letter = parse_brag(brag)
        except ValueError as err:
            raise FieldError("rating", f"{brag!r} is not {err}") from None
        why = _text("rationale", rationale, required=True)
        self._writable_meeting(meeting_id)
        change = Change(f"rating {letter} for {action_id} at {meeting_id}")

        def work(cur, change):
            new_id = cur.execute(sql("record_insert_rating"), {
                "action": action_id, "meeting": meeting_id, "brag": letter, "rationale": why,
                "rated_by": self.who, "recorded_at": datetime.now().replace(microsecond=0)}).fetchone()[0]
            change.undo.append(("record_delete_rating", {"id": new_id}))

        self._audit(change, "rag_rating", f"{action_id}@{meeting_id}", "brag", None, letter, why)
        return self._commit(change, work)

    # -- minutes
    def add_minute(self, meeting_id: str, kind: str, text: str | None, *, weakness: str | None = None,
                   action: str | None = None, owner: str | None = None, due: str | date | None = None,
                   confidential: bool = False) -> Change:
        if kind not in MINUTE_KINDS:
            raise FieldError("kind", f"one of {', '.join(MINUTE_KINDS)}")
        body = _text("text", text, required=True)
        arising = kind == "action arising"
        who = _text("owner", owner, required=arising)
        due_date = _date("due date", due, required=arising)
        self._writable_meeting(meeting_id)
        change = Change(f"{kind} at {meeting_id}")
        params = {"meeting": meeting_id, "kind": kind, "weakness": weakness, "action": action,
                  "text": body, "owner": who, "due_date": due_date, "confidential": confidential}

        def work(cur, change):
            item_id, order = cur.execute(sql("record_insert_minute"), params).fetchone()
            change.undo.append(("record_delete_minute", {"id": item_id}))
            change.description = f"{kind} {meeting_id} item {order}"

        self._audit(change, "minute_item", meeting_id, kind, None, body, f"recorded at {meeting_id}")
        return self._commit(change, work)

    def set_confidential(self, item_id: int, confidential: bool) -> Change:
        item = self._one("record_minute_one", id=item_id)
        if item is None:
            raise FieldError("item", f"there is no minute item {item_id}")
        self._writable_meeting(item["meeting"])
        change = Change(f"{'confidential' if confidential else 'public'}: {item['meeting']} item {item['item_order']}",
                        undo=[("record_set_confidential", {"id": item_id, "confidential": item["confidential"]})])
        self._audit(change, "minute_item", f"{item['meeting']} item {item['item_order']}", "confidential",
                    item["confidential"], confidential, "marked by the secretary")
        return self._commit(change, lambda cur, _: cur.execute(
            sql("record_set_confidential"), {"id": item_id, "confidential": confidential}))

    # -- actions
    def revise_target(self, action_id: str, new_target: str | date | None, why: str | None) -> Change:
        action = self._one("record_action_one", id=action_id)
        if action is None:
            raise FieldError("action", f"there is no action {action_id}")
        target = _date("revised target", new_target, required=True)
        reason = _text("reason", why, required=True)
        today = date.today()
        change = Change(f"revised target of {action_id}", undo=[("record_set_revised_target", {
            "id": action_id, "revised_target_date": action["revised_target_date"],
            "target_revised_on": action["target_revised_on"]})])
        self._audit(change, "action", action_id, "revised_target_date", action["revised_target_date"], target,
                    f"{reason} (original target {action['target_date']:%d %b %Y} kept)")
        return self._commit(change, lambda cur, _: cur.execute(sql("record_set_revised_target"), {
            "id": action_id, "revised_target_date": target, "target_revised_on": today}))

    def close_action(self, action_id: str, meeting_id: str, evidence: str | None, reference: str | None,
                     rationale: str | None) -> Change:
        """Blue: the rating, the evidence that shows it, and the action closed, together."""
        action = self._one("record_action_one", id=action_id)
        if action is None:
            raise FieldError("action", f"there is no action {action_id}")
        if action["status"] != "open":
            raise FieldError("action", f"{action_id} is already {action['status']}")
        described = _text("evidence", evidence, required=True)
        why = _text("rationale", rationale, required=True)
        ref = _text("reference", reference, required=False)
        meeting = self._writable_meeting(meeting_id)
        change = Change(f"closed {action_id} at {meeting_id}", undo=[
            ("record_set_status", {"id": action_id, "status": action["status"], "closed_date": action["closed_date"]})])

        def work(cur, change):
            rating = cur.execute(sql("record_insert_rating"), {
                "action": action_id, "meeting": meeting_id, "brag": "B", "rationale": why,
                "rated_by": self.who, "recorded_at": datetime.now().replace(microsecond=0)}).fetchone()[0]
            item = cur.execute(sql("record_insert_evidence"), {
                "action": action_id, "date": meeting["date"], "description": described, "reference": ref}).fetchone()[0]
            cur.execute(sql("record_set_status"), {"id": action_id, "status": "complete", "closed_date": meeting["date"]})
            change.undo[:0] = [("record_delete_rating", {"id": rating}), ("record_delete_evidence", {"id": item})]

        self._audit(change, "rag_rating", f"{action_id}@{meeting_id}", "brag", None, "B", why)
        self._audit(change, "evidence", action_id, "description", None, described, "evidence of completion")
        self._audit(change, "action", action_id, "status", action["status"], "complete", why)
        return self._commit(change, work)

    # -- minutes approval
    def approve_minutes(self, meeting_id: str, at_meeting: str) -> Change:
        meeting = self._one("record_meeting_one", id=meeting_id)
        if meeting is None:
            raise FieldError("meeting", f"there is no meeting {meeting_id}")
        if meeting["minutes_status"] == "approved":
            raise FieldError("meeting", f"the minutes of {meeting_id} are already approved")
        later = self._writable_meeting(at_meeting)
        if later["date"] <= meeting["date"]:
            raise FieldError("meeting", f"minutes are approved at a later meeting than {meeting_id}")
        change = Change(f"approved the minutes of {meeting_id} at {at_meeting}", undo=[
            ("record_set_minutes_status", {"id": meeting_id, "minutes_status": "draft", "approved_at": None})])
        self._audit(change, "meeting", meeting_id, "minutes_status", "draft", "approved", f"approved at {at_meeting}")
        return self._commit(change, lambda cur, _: cur.execute(sql("record_set_minutes_status"), {
            "id": meeting_id, "minutes_status": "approved", "approved_at": at_meeting}))

    # -- undo
    def undo(self) -> Change:
        """Take back this session's last change, itself audited."""
        if not self.history:
            raise BoardError("nothing to undo in this session.")
        last = self.history[-1]
        change = Change(f"undo: {last.description}")
        for row in last.audit:
            self._audit(change, row["table_name"], row["row_key"], row["field"], row["new_value"],
                        row["old_value"], f"undo: {row['why']}")

        def work(cur, _):
            for name, params in last.undo:
                cur.execute(sql(name), params)

        self._commit(change, work)
        self.history.remove(last)
        self.history.remove(change)  # an undo is not itself undone by the next undo
        return change
