"""Recording during a meeting: every confirmed change is one transaction with its audit rows,
checked field by field first, never written into approved minutes, undoable and redoable.

The app's recording room drives this from worker threads, the command line from its own; nothing
here knows about Textual. One change at a time, each on a cursor of its own: a DuckDB
connection must not be used from two threads at once.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar, cast, overload

import duckdb

from boardtui.errors import BoardError, FieldError
from boardtui.store.db import Store
from boardtui.store.parse import parse_brag, parse_date
from boardtui.store.queries import dicts, sql
from boardtui.text import clean

MINUTE_KINDS = ("note", "decision", "action arising")
ARISING_PLAN = "BOARD"  # the plan actions arising join
# A new meeting dated further ahead than this (about six months) is more likely a slip of the
# year than a plan, so it needs confirming.
FAR_AHEAD_DAYS = 183


class FarAheadError(FieldError):
    """A new meeting's date more than FAR_AHEAD_DAYS ahead, not confirmed: the app asks, the
    command line says to add --yes."""

    needs_confirming = True  # the app asks, and sends the change again confirmed

    def __init__(self, day: date, limit: date) -> None:
        super().__init__(
            "date",
            f"{day:%d %b %Y} is more than six months ahead (after {limit:%d %b %Y}); "
            "check the year, or confirm the date",
        )
        self.day, self.limit = day, limit


@dataclass
class Change:
    """One confirmed change: what it was, the statements that take it back, and the call that
    makes it again (redo runs it again, checked afresh against the pack as it is then)."""

    description: str
    undo: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    audit: list[dict[str, Any]] = field(default_factory=list)
    again: Callable[[], Change] | None = field(default=None, repr=False)
    meeting: str | None = None  # the meeting a change made or resumed (StartOrResume)
    written: bool = True  # False: nothing needed writing (a meeting resumed)


P = ParamSpec("P")
R = TypeVar("R")


def _one_at_a_time(method: Callable[Concatenate[Recorder, P], R]) -> Callable[Concatenate[Recorder, P], R]:
    """A public Recorder call: takes its turn, on a cursor of its own (nested calls share the
    caller's), and the change it returns knows how to make itself again."""

    @functools.wraps(method)
    def call(self: Recorder, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._turn:
            if self._cur is not None:  # called from another call: its turn and cursor
                return method(self, *args, **kwargs)
            self._cur = self.store.con.cursor()
            try:
                result = method(self, *args, **kwargs)
            finally:
                self._cur.close()
                self._cur = None
            if method.__name__ not in ("undo", "redo") and getattr(result, "written", True):
                self.undone.clear()  # a new change: what was undone before it is no longer redone
        if isinstance(result, Change) and result.again is None:
            result.again = cast("Callable[[], Change]", functools.partial(call, self, *args, **kwargs))
        return result

    # functools.wraps keeps the method's name and docstring; its type is the method's own.
    return cast("Callable[Concatenate[Recorder, P], R]", call)


@overload
def _text(field_name: str, value: str | None, *, required: Literal[True]) -> str: ...
@overload
def _text(field_name: str, value: str | None, *, required: bool) -> str | None: ...
def _text(field_name: str, value: str | None, *, required: bool) -> str | None:
    text = clean(value).strip() if value is not None else ""
    if required and not text:
        raise FieldError(field_name, "required")
    return text or None


@overload
def _date(field_name: str, value: str | date | None, *, required: Literal[True]) -> date: ...
@overload
def _date(field_name: str, value: str | date | None, *, required: bool) -> date | None: ...
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
        self.undone: list[Change] = []  # changes undone, newest last: what redo makes again
        self._turn = threading.RLock()
        self._cur: duckdb.DuckDBPyConnection | None = None  # the cursor of the call under way
        self._ruled_cur: duckdb.DuckDBPyConnection | None = None  # the last cursor given the board's rules (_ruled)

    @property
    def _cursor(self) -> duckdb.DuckDBPyConnection:
        """The cursor of the call under way (every public call has one: see _one_at_a_time)."""
        if self._cur is None:
            raise RuntimeError("a Recorder's plumbing is used only within one of its public calls")
        return self._cur

    # -- plumbing
    def _ruled(self) -> duckdb.DuckDBPyConnection:
        """This call's cursor with the board's rules on it (queries/rules.sql), for a check that
        applies one: given them only then, as they cost a call ~4 ms."""
        cur = self._cursor
        if self._ruled_cur is not cur:
            self.store.install_rules(cur)
            self._ruled_cur = cur
        return cur

    def _one(self, name: str, **params: Any) -> dict[str, Any] | None:
        found = dicts(self._cursor, name, **params)
        return found[0] if found else None

    def _writable_meeting(self, meeting_id: str) -> dict[str, Any]:
        meeting = self._one("record_meeting_one", id=meeting_id)
        if meeting is None:
            raise FieldError("meeting", f"there is no meeting {meeting_id}")
        if meeting["minutes_status"] == "approved":
            raise FieldError(
                "meeting",
                f"the minutes of {meeting_id} ({meeting['date']:%d %b %Y}) are "
                "approved and cannot change; record it at a meeting whose minutes are draft",
            )
        return meeting

    def _audit(
        self, change: Change, table: str, key: str, field_name: str, old: object, new: object, why: str | None
    ) -> None:
        change.audit.append(
            {
                "changed_at": datetime.now().replace(microsecond=0),
                "who": self.who,
                "table_name": table,
                "row_key": key,
                "field": field_name,
                "old_value": None if old is None else str(old),
                "new_value": None if new is None else str(new),
                "why": why,
            }
        )

    def _commit(self, change: Change, work: Callable[[duckdb.DuckDBPyConnection, Change], object]) -> Change:
        """Run ``work(cur, change)`` and the change's audit rows in one transaction."""
        try:
            with self.store.transaction(self._cur) as cur:
                work(cur, change)
                for row in change.audit:
                    cur.execute(sql("audit_insert"), row)
        except duckdb.Error as err:
            raise BoardError(f"nothing was recorded: {str(err).splitlines()[0]}") from None
        self.history.append(change)
        return change

    # -- meetings
    @_one_at_a_time
    def new_meeting(self, when: str | date, title: str | None = None, *, far_ahead_ok: bool = False) -> str:
        """The next board meeting, minutes draft. Its date comes after the latest board meeting's
        (so M20 is after M19), and a date more than six months ahead needs ``far_ahead_ok``."""
        day = _date("date", when, required=True)
        ids = {r[0] for r in self._cursor.execute(sql("record_meeting_ids")).fetchall()}
        numbers = [int(m[1]) for i in ids if (m := re.fullmatch(r"M(\d+)", i))]
        meeting_id = f"M{max(numbers) + 1:02d}" if numbers else f"BM-{day.isoformat()}"
        if meeting_id in ids:
            raise FieldError("date", f"a meeting {meeting_id} already exists")
        latest = self._one("record_latest_board_meeting")
        if latest is not None and day <= latest["date"]:
            raise FieldError(
                "date",
                f"{day:%d %b %Y} is not after {latest['id']} ({latest['date']:%d %b %Y}), the "
                f"latest board meeting; the new meeting, {meeting_id}, comes after it, so choose a "
                "later date",
            )
        limit = date.today() + timedelta(days=FAR_AHEAD_DAYS)
        if day > limit and not far_ahead_ok:
            raise FarAheadError(day, limit)
        title = _text("title", title, required=False) or f"Improvement Board - {day:%B %Y}"
        change = Change(f"new meeting {meeting_id}", undo=[("record_delete_meeting", {"id": meeting_id})])
        self._audit(change, "meeting", meeting_id, "*", None, "created", "new meeting")
        self._commit(
            change,
            lambda cur, _: cur.execute(sql("record_insert_meeting"), {"id": meeting_id, "date": day, "title": title}),
        )
        return meeting_id

    @_one_at_a_time
    def start_or_resume(self, when: str | date, *, far_ahead_ok: bool = False) -> Change:
        """The board meeting on a date: resumed if there is one with draft minutes (nothing is
        written), else a new one, checked as ``new_meeting`` checks it."""
        day = _date("date", when, required=True)
        found = self._one("import_board_meeting_on", date=day)
        if found is None:
            meeting_id = self.new_meeting(day, far_ahead_ok=far_ahead_ok)
            change = self.history[-1]
            change.meeting = meeting_id
            return change
        try:
            self._writable_meeting(found["id"])
        except FieldError as err:
            raise FieldError("date", err.message) from None
        return Change(f"resumed {found['id']}", meeting=found["id"], written=False)

    # -- ratings
    def _rated_only_when_open(
        self, action: dict[str, Any], *, not_done: str = "it is not rated", instead: str = "rate"
    ) -> None:
        """A complete, withdrawn or carried-forward action is not rated, nor its target revised:
        its record ended when it closed. Reopening it (reopen_action) is a change of its own,
        with its reason."""
        if action["status"] == "open":
            return
        action_id = action["id"]
        on = f" on {action['closed_date']:%d %b %Y}"  # a closed action has its closed date (schema)
        reopen = f"reopen {action_id} first, with the reason, if the board has taken it up again"
        if action["status"] == "complete":
            why = f"{action_id} was completed{on}, so {not_done}; {reopen}"
        elif action["status"] == "withdrawn":
            why = f"{action_id} was withdrawn{on}, so {not_done}; {reopen}"
        else:
            successors = [r["id"] for r in dicts(self._cursor, "record_action_successors", id=action_id)]
            if successors:
                one = len(successors) == 1
                does = (
                    ("is" if one else "are") + " rated in its place"
                    if instead == "rate"
                    else ("carries" if one else "carry") + " its work"
                )
                why = (
                    f"{action_id} was carried forward{on} into {' and '.join(successors)}, which {does}; "
                    f"{instead} {' or '.join(successors)} instead"
                )
            else:
                why = f"{action_id} was carried forward{on}, so {not_done}; {instead} the action that carries its work"
        raise FieldError("action", why)

    @_one_at_a_time
    def record_rating(self, action_id: str, meeting_id: str, brag: str, rationale: str | None) -> Change:
        action = self._one("record_action_one", id=action_id)
        if action is None:
            raise FieldError("action", f"there is no action {action_id}")
        self._rated_only_when_open(action)
        try:
            letter = parse_brag(brag)
        except ValueError as err:
            raise FieldError("rating", f"{brag!r} is not {err}") from None
        why = _text("rationale", rationale, required=True)
        self._writable_meeting(meeting_id)
        change = Change(f"rating {letter} for {action_id} at {meeting_id}")

        def work(cur: duckdb.DuckDBPyConnection, change: Change) -> None:
            new_id = cur.execute(
                sql("record_insert_rating"),
                {
                    "action": action_id,
                    "meeting": meeting_id,
                    "brag": letter,
                    "rationale": why,
                    "rated_by": self.who,
                    "recorded_at": datetime.now().replace(microsecond=0),
                },
            ).fetchall()[0][0]
            change.undo.append(("record_delete_rating", {"id": new_id}))

        self._audit(change, "rag_rating", f"{action_id}@{meeting_id}", "brag", None, letter, why)
        return self._commit(change, work)

    @_one_at_a_time
    def rate_weakness(self, code: str, meeting_id: str, brag: str, rationale: str | None) -> Change:
        """The board's own rating of a weakness at one of its meetings, with its rationale: it
        stands for the weakness there (marked *) instead of the rating derived from its actions."""
        if self._one("record_weakness_one", code=code) is None:
            raise FieldError("weakness", f"there is no weakness {code}")
        try:
            letter = parse_brag(brag)
        except ValueError as err:
            raise FieldError("rating", f"{brag!r} is not {err}") from None
        why = _text("rationale", rationale, required=True)
        meeting = self._writable_meeting(meeting_id)
        if meeting["kind"] != "board":
            raise FieldError(
                "meeting", f"{meeting_id} is not a board meeting; the board rates a weakness at one of its own meetings"
            )
        self._ruled()
        before = self._one("record_weakness_rating_at", weakness=code, meeting=meeting_id)
        change = Change(f"board rating {letter} for {code} at {meeting_id}")

        def work(cur: duckdb.DuckDBPyConnection, change: Change) -> None:
            new_id = cur.execute(
                sql("record_insert_weakness_rating"),
                {
                    "weakness": code,
                    "meeting": meeting_id,
                    "brag": letter,
                    "rationale": why,
                    "rated_by": self.who,
                    "recorded_at": datetime.now().replace(microsecond=0),
                },
            ).fetchall()[0][0]
            change.undo.append(("record_delete_weakness_rating", {"id": new_id}))

        self._audit(change, "weakness_rating", f"{code}@{meeting_id}", "brag", before and before["brag"], letter, why)
        return self._commit(change, work)

    # -- minutes
    @_one_at_a_time
    def add_minute(
        self,
        meeting_id: str,
        kind: str,
        text: str | None,
        *,
        weakness: str | None = None,
        action: str | None = None,
        owner: str | None = None,
        due: str | date | None = None,
        confidential: bool = False,
    ) -> Change:
        """A note, decision or action arising. ``action`` is the action the item is about. An action
        arising also joins the action log (plan BOARD) under its weakness, as ``BA-<meeting>.<item>``:
        the id names its minute item. (The link is by id, not a foreign key, because DuckDB cannot
        delete a row that a row deleted in the same transaction referred to, and undo must.)"""
        if kind not in MINUTE_KINDS:
            raise FieldError("kind", f"one of {', '.join(MINUTE_KINDS)}")
        body = _text("text", text, required=True)
        arising = kind == "action arising"
        who = _text("owner", owner, required=arising)
        due_date = _date("due date", due, required=arising)
        if weakness is not None and self._one("record_weakness_one", code=weakness) is None:
            raise FieldError("weakness", f"there is no weakness {weakness}")
        if arising and weakness is None:
            raise FieldError("weakness", "required: every action in the log sits under a weakness")
        if action is not None and self._one("record_action_one", id=action) is None:
            raise FieldError("action", f"there is no action {action}")
        meeting = self._writable_meeting(meeting_id)
        if arising and due_date < meeting["date"]:
            raise FieldError("due date", f"{due_date:%d %b %Y} is before the meeting ({meeting['date']:%d %b %Y})")
        change = Change(f"{kind} at {meeting_id}")
        params = {
            "meeting": meeting_id,
            "kind": kind,
            "weakness": weakness,
            "action": action,
            "text": body,
            "owner": who,
            "due_date": due_date,
            "confidential": confidential,
        }

        def work(cur: duckdb.DuckDBPyConnection, change: Change) -> None:
            item_id, order = cur.execute(sql("record_insert_minute"), params).fetchall()[0]
            change.description = f"{kind} {meeting_id} item {order}"
            # Keyed as corrections and confidential marks key it: the meeting and item number,
            # known only now (its audit row is written after this, in the same transaction).
            self._audit(
                change, "minute_item", f"{meeting_id} item {order}", kind, None, body, f"recorded at {meeting_id}"
            )
            if arising:
                logged = self._log_arising(cur, change, meeting, order, params)
                change.description += f" (action {logged})"
            change.undo.insert(0, ("record_delete_minute", {"id": item_id}))

        return self._commit(change, work)

    def _log_arising(
        self,
        cur: duckdb.DuckDBPyConnection,
        change: Change,
        meeting: dict[str, Any],
        order: int,
        params: dict[str, Any],
    ) -> str:
        """The action an action arising becomes."""
        if not cur.execute(sql("record_plan_one"), {"code": ARISING_PLAN}).fetchall():
            cur.execute(
                sql("record_insert_plan"),
                {
                    "code": ARISING_PLAN,
                    "title": "Board actions arising",
                    "description": "Actions arising recorded in the board's minutes.",
                },
            )
            # Undo leaves the (then empty) plan: DuckDB cannot delete it in the transaction that
            # deletes the action referring to it.
        action_id = f"BA-{meeting['id']}.{order}"
        board = cur.execute(sql("record_board_name")).fetchone()
        described = f"Arising from {meeting['id']} ({meeting['date']:%d %b %Y}) item {order}"
        if params["action"]:
            described += f", about {params['action']}"
        cur.execute(
            sql("record_insert_action_arising"),
            {
                "id": action_id,
                "weakness": params["weakness"],
                "plan": ARISING_PLAN,
                "title": params["text"],
                "description": described + ".",
                "owner": params["owner"],
                "lead_org": board[0] if board else "Improvement board",
                "start_date": meeting["date"],
                "due_date": params["due_date"],
            },
        )
        # Undo deletes the minute item, then the action.
        change.undo.insert(0, ("record_delete_action", {"id": action_id}))
        self._audit(change, "action", action_id, "*", None, "created", f"action arising at {meeting['id']}")
        return action_id

    @_one_at_a_time
    def amend_minute(self, item_id: int, text: str | None, why: str | None) -> Change:
        """Change a minute's wording. Draft minutes are simply corrected; approved minutes take an
        amendment, which needs its reason. Both are audited with the old and new text."""
        item = self._one("record_minute_one", id=item_id)
        if item is None:
            raise FieldError("item", f"there is no minute item {item_id}")
        body = _text("text", text, required=True)
        approved = item["minutes_status"] == "approved"
        reason = _text("reason", why, required=approved) or "corrected in draft"
        if body == item["text"]:
            raise FieldError("text", "unchanged; edit the wording or press Esc")
        where = f"{item['meeting']} item {item['item_order']}"
        change = Change(
            f"{'amended' if approved else 'corrected'} {where}",
            undo=[("record_set_minute_text", {"id": item_id, "text": item["text"]})],
        )
        self._audit(
            change, "minute_item", where, "text", item["text"], body, f"amendment: {reason}" if approved else reason
        )
        return self._commit(
            change, lambda cur, _: cur.execute(sql("record_set_minute_text"), {"id": item_id, "text": body})
        )

    # -- attendance
    @_one_at_a_time
    def set_attendance(
        self, meeting_id: str, person: str | None, role: str | None, organisation: str | None, present: bool
    ) -> Change:
        """Record (or change) one person as present or sending apologies."""
        name = _text("person", person, required=True)
        self._writable_meeting(meeting_id)
        old = self._one("record_attendance_one", meeting=meeting_id, person=name)
        # Without an earlier row, both are required: _text says so before old is read.
        role_text = _text("role", role, required=old is None) or (old or {})["role"]
        org = _text("organisation", organisation, required=old is None) or (old or {})["organisation"]
        state = "present" if present else "apologies"
        before = None if old is None else ("present" if old["present"] else "apologies")
        undo = (
            ("record_delete_attendance", {"meeting": meeting_id, "person": name})
            if old is None
            else ("record_upsert_attendance", old)
        )
        change = Change(f"{name}: {state} at {meeting_id}", undo=[undo])
        self._audit(change, "attendance", f"{meeting_id}/{name}", "present", before, state, "attendance")
        return self._commit(
            change,
            lambda cur, _: cur.execute(
                sql("record_upsert_attendance"),
                {"meeting": meeting_id, "person": name, "role": role_text, "organisation": org, "present": present},
            ),
        )

    @_one_at_a_time
    def remove_attendance(self, meeting_id: str, person: str) -> Change:
        self._writable_meeting(meeting_id)
        old = self._one("record_attendance_one", meeting=meeting_id, person=person)
        if old is None:
            raise FieldError("person", f"{person} is not in the attendance of {meeting_id}")
        change = Change(f"{person} removed from {meeting_id}", undo=[("record_upsert_attendance", old)])
        self._audit(
            change,
            "attendance",
            f"{meeting_id}/{person}",
            "present",
            "present" if old["present"] else "apologies",
            None,
            "removed from attendance",
        )
        return self._commit(
            change,
            lambda cur, _: cur.execute(sql("record_delete_attendance"), {"meeting": meeting_id, "person": person}),
        )

    @_one_at_a_time
    def set_confidential(self, item_id: int, confidential: bool) -> Change:
        item = self._one("record_minute_one", id=item_id)
        if item is None:
            raise FieldError("item", f"there is no minute item {item_id}")
        self._writable_meeting(item["meeting"])
        change = Change(
            f"{'confidential' if confidential else 'public'}: {item['meeting']} item {item['item_order']}",
            undo=[("record_set_confidential", {"id": item_id, "confidential": item["confidential"]})],
        )
        self._audit(
            change,
            "minute_item",
            f"{item['meeting']} item {item['item_order']}",
            "confidential",
            item["confidential"],
            confidential,
            "marked by the secretary",
        )
        return self._commit(
            change,
            lambda cur, _: cur.execute(sql("record_set_confidential"), {"id": item_id, "confidential": confidential}),
        )

    # -- actions
    @_one_at_a_time
    def revise_target(
        self, action_id: str, new_target: str | date | None, why: str | None, *, agreed_on: str | date | None = None
    ) -> Change:
        """A revised target, in force from the day the board agreed it: ``agreed_on`` is the
        meeting it was agreed at (its id: the app passes the meeting in progress) or a date;
        None is today, for a revision agreed outside a meeting and recorded the same day."""
        action = self._one("record_action_one", id=action_id)
        if action is None:
            raise FieldError("action", f"there is no action {action_id}")
        self._rated_only_when_open(action, not_done="its target is not revised", instead="revise the target of")
        target = _date("revised target", new_target, required=True)
        reason = _text("reason", why, required=True)
        agreed, at = self._agreed_on(agreed_on)
        change = Change(
            f"revised target of {action_id}",
            undo=[
                (
                    "record_set_revised_target",
                    {
                        "id": action_id,
                        "revised_target_date": action["revised_target_date"],
                        "target_revised_on": action["target_revised_on"],
                    },
                )
            ],
        )
        self._audit(
            change,
            "action",
            action_id,
            "target_revised_on",
            action["target_revised_on"],
            agreed,
            f"revision agreed {at}",
        )
        self._audit(
            change,
            "action",
            action_id,
            "revised_target_date",
            action["revised_target_date"],
            target,
            f"{reason} (original target {action['target_date']:%d %b %Y} kept)",
        )
        return self._commit(
            change,
            lambda cur, _: cur.execute(
                sql("record_set_revised_target"),
                {"id": action_id, "revised_target_date": target, "target_revised_on": agreed},
            ),
        )

    def _agreed_on(self, when: str | date | None) -> tuple[date, str]:
        """The date a change was agreed, from a meeting id or a date, and how to say it. Never on
        or before a meeting whose minutes are approved: what that meeting shows is settled."""
        if when is None:
            agreed, at = date.today(), "outside a meeting"
        elif isinstance(when, str) and self._one("record_meeting_one", id=when.strip()) is not None:
            try:
                meeting = self._writable_meeting(when.strip())
            except FieldError as err:
                raise FieldError("agreed on", err.message) from None
            agreed, at = meeting["date"], f"at {meeting['id']} ({meeting['date']:%d %b %Y})"
        else:
            agreed = _date("agreed on", when, required=True)
            at = f"on {agreed:%d %b %Y}"
        settled = self._one("record_latest_approved_meeting")
        if settled is not None and agreed <= settled["date"]:
            raise FieldError(
                "agreed on",
                f"{agreed:%d %b %Y} is on or before {settled['id']} "
                f"({settled['date']:%d %b %Y}), whose minutes are approved, and would change what "
                "that meeting shows; give the meeting in progress or a later date",
            )
        return agreed, at

    @_one_at_a_time
    def close_action(
        self, action_id: str, meeting_id: str, evidence: str | None, reference: str | None, rationale: str | None
    ) -> Change:
        """Blue: the rating, the evidence that shows it, and the action closed, together."""
        action = self._one("record_action_one", id=action_id)
        if action is None:
            raise FieldError("action", f"there is no action {action_id}")
        self._rated_only_when_open(action)
        described = _text("evidence", evidence, required=True)
        why = _text("rationale", rationale, required=True)
        ref = _text("reference", reference, required=False)
        meeting = self._writable_meeting(meeting_id)
        change = Change(
            f"closed {action_id} at {meeting_id}",
            undo=[
                (
                    "record_set_status",
                    {"id": action_id, "status": action["status"], "closed_date": action["closed_date"]},
                )
            ],
        )

        def work(cur: duckdb.DuckDBPyConnection, change: Change) -> None:
            rating = cur.execute(
                sql("record_insert_rating"),
                {
                    "action": action_id,
                    "meeting": meeting_id,
                    "brag": "B",
                    "rationale": why,
                    "rated_by": self.who,
                    "recorded_at": datetime.now().replace(microsecond=0),
                },
            ).fetchall()[0][0]
            item = cur.execute(
                sql("record_insert_evidence"),
                {"action": action_id, "date": meeting["date"], "description": described, "reference": ref},
            ).fetchall()[0][0]
            cur.execute(
                sql("record_set_status"), {"id": action_id, "status": "complete", "closed_date": meeting["date"]}
            )
            change.undo[:0] = [("record_delete_rating", {"id": rating}), ("record_delete_evidence", {"id": item})]

        self._audit(change, "rag_rating", f"{action_id}@{meeting_id}", "brag", None, "B", why)
        self._audit(change, "evidence", action_id, "description", None, described, "evidence of completion")
        self._audit(change, "action", action_id, "status", action["status"], "complete", why)
        return self._commit(change, work)

    @_one_at_a_time
    def reopen_action(self, action_id: str, meeting_id: str, reason: str | None) -> Change:
        """A closed action open again, as the board decided at a meeting, with its reason: status
        open and the closed date cleared, audited old and new. A withdrawn or carried-forward
        action was off the record of the meetings since it closed, so it is reopened only while
        none of those meetings' minutes are approved; one carried into another stays closed."""
        action = self._one("record_action_one", id=action_id)
        if action is None:
            raise FieldError("action", f"there is no action {action_id}")
        if action["status"] == "open":
            raise FieldError("action", f"{action_id} is open already; rate it as it is")
        why = _text("reason", reason, required=True)
        meeting = self._writable_meeting(meeting_id)
        closed = action["closed_date"]
        if closed is not None and meeting["date"] < closed:
            raise FieldError(
                "meeting",
                f"{action_id} closed on {closed:%d %b %Y}, after {meeting_id} "
                f"({meeting['date']:%d %b %Y}); reopen it at a meeting on or after that date",
            )
        if action["status"] == "carried forward":
            successors = [r["id"] for r in dicts(self._cursor, "record_action_successors", id=action_id)]
            if successors:
                raise FieldError(
                    "action",
                    f"{action_id} was carried forward into {' and '.join(successors)}, which "
                    f"{'carries' if len(successors) == 1 else 'carry'} its work; rate or reopen "
                    f"{' or '.join(successors)} instead",
                )
        if action["status"] != "complete":
            settled = self._one("record_latest_approved_meeting")
            if settled is not None and closed is not None and settled["date"] >= closed:
                raise FieldError(
                    "action",
                    f"{action_id} was {action['status']} on {closed:%d %b %Y} and left the "
                    f"record of every meeting since, whose minutes up to {settled['id']} are approved; "
                    "take the work up as a new action (an action arising) instead",
                )
        change = Change(
            f"reopened {action_id} at {meeting_id}",
            undo=[("record_set_status", {"id": action_id, "status": action["status"], "closed_date": closed})],
        )
        said = f"reopened at {meeting_id}: {why}"
        self._audit(change, "action", action_id, "status", action["status"], "open", said)
        self._audit(change, "action", action_id, "closed_date", closed, None, said)
        return self._commit(
            change,
            lambda cur, _: cur.execute(
                sql("record_set_status"), {"id": action_id, "status": "open", "closed_date": None}
            ),
        )

    # -- minutes approval
    @_one_at_a_time
    def approve_minutes(self, meeting_id: str, at_meeting: str) -> Change:
        meeting = self._one("record_meeting_one", id=meeting_id)
        if meeting is None:
            raise FieldError("meeting", f"there is no meeting {meeting_id}")
        if meeting["minutes_status"] == "approved":
            raise FieldError("meeting", f"the minutes of {meeting_id} are already approved")
        later = self._writable_meeting(at_meeting)
        if later["date"] <= meeting["date"]:
            raise FieldError("meeting", f"minutes are approved at a later meeting than {meeting_id}")
        change = Change(
            f"approved the minutes of {meeting_id} at {at_meeting}",
            undo=[("record_set_minutes_status", {"id": meeting_id, "minutes_status": "draft", "approved_at": None})],
        )
        self._audit(change, "meeting", meeting_id, "minutes_status", "draft", "approved", f"approved at {at_meeting}")
        return self._commit(
            change,
            lambda cur, _: cur.execute(
                sql("record_set_minutes_status"),
                {"id": meeting_id, "minutes_status": "approved", "approved_at": at_meeting},
            ),
        )

    # -- undo and redo
    @_one_at_a_time
    def undo(self) -> Change:
        """Take back this session's last change, itself audited."""
        if not self.history:
            raise BoardError("nothing to undo in this session.")
        last = self.history[-1]
        change = Change(f"undo: {last.description}")
        for row in last.audit:
            self._audit(
                change,
                row["table_name"],
                row["row_key"],
                row["field"],
                row["new_value"],
                row["old_value"],
                f"undo: {row['why']}",
            )

        def work(cur: duckdb.DuckDBPyConnection, _: Change) -> None:
            for name, params in last.undo:
                cur.execute(sql(name), params)

        self._commit(change, work)
        self.history.remove(last)
        self.history.remove(change)  # an undo is not itself undone by the next undo
        self.undone.append(last)
        return change

    @_one_at_a_time
    def redo(self) -> Change:
        """Make the last undone change again, checked against the pack as it is now."""
        if not self.undone:
            raise BoardError("nothing to redo: redo makes again what undo took back.")
        last = self.undone[-1]
        if last.again is None:  # every change a public call returns knows how to make itself again
            raise BoardError(f"{last.description} cannot be made again.")
        again = last.again()
        self.undone.pop()
        again.description = f"redo: {again.description}"
        again.again = last.again  # made again, it is made again the same way (not by redo itself)
        return again

    # -- officers' updates (an update is its own record: nothing in the board's record changes
    #    until the secretary accepts it, and accepting changes only the update's state)
    @_one_at_a_time
    def write_update(
        self,
        action_id: str,
        progress: str | None,
        *,
        for_meeting: str | None = None,
        proposed_brag: str | None = None,
        risks: str | None = None,
        impact: str | None = None,
        evidence: str | None = None,
        uid: str | None = None,
    ) -> Change:
        """An officer's progress update written in this pack: submitted, with its base (this
        pack and the action as it stands now). ``uid`` names it in every pack and return it
        travels through (default: a new one)."""
        # Imported here, so this addition stays at the end of the class.
        import json
        import uuid

        from boardtui.store import updates

        fields = updates.checked(
            self._ruled(),
            updates.UpdateText(action_id, progress or "", for_meeting, proposed_brag, risks, impact, evidence),
        )
        uid = uid or uuid.uuid4().hex
        if self._one("update_one", uid=uid) is not None:
            raise FieldError("update", f"an update {uid} is already in this pack")
        base = updates.base_of(self._cursor, updates.pack_identity(self._cursor, self.store), fields["action"])
        row = {
            **fields,
            "uid": uid,
            "author": self.who,
            "written_at": datetime.now().replace(microsecond=0),
            "source": updates.WRITTEN_HERE,
            "base": json.dumps(base),
            "conflicts": None,
        }
        change = Change(
            f"update on {fields['action']} for {fields['for_meeting'] or 'the next meeting'}",
            undo=[("update_delete", {"uid": uid})],
        )
        self._audit(change, "officer_update", uid, "progress", None, fields["progress"], updates.WRITTEN_HERE)
        return self._commit(change, lambda cur, _: cur.execute(sql("update_insert"), row))

    def _decide_update(self, uid: str, state: str, reason: str | None) -> Change:
        update = self._one("update_one", uid=uid)
        if update is None:
            raise FieldError("update", f"there is no update {uid} in this pack")
        if update["state"] != "submitted":
            raise FieldError(
                "update",
                f"this update was already {update['state']} by {update['decided_by']} "
                f"on {update['decided_at']:%d %b %Y}",
            )
        if state == "accepted" and self._one("record_action_one", id=update["action"]) is None:
            raise FieldError(
                "update",
                f"{update['action']} is not an action in this pack; decline the update, or add the action first",
            )
        why = _text("reason", reason, required=state == "declined")
        change = Change(
            f"{state} {update['author']}'s update on {update['action']}",
            undo=[
                (
                    "update_set_decision",
                    {"uid": uid, "state": "submitted", "decided_by": None, "decided_at": None, "decision_reason": None},
                )
            ],
        )
        self._audit(change, "officer_update", uid, "state", "submitted", state, why or f"{state} by the secretary")
        decision = {
            "uid": uid,
            "state": state,
            "decided_by": self.who,
            "decided_at": datetime.now().replace(microsecond=0),
            "decision_reason": why,
        }
        return self._commit(change, lambda cur, _: cur.execute(sql("update_set_decision"), decision))

    @_one_at_a_time
    def accept_update(self, uid: str, reason: str | None = None) -> Change:
        """The secretary accepts a submitted update: it joins the board's record of progress."""
        return self._decide_update(uid, "accepted", reason)

    @_one_at_a_time
    def decline_update(self, uid: str, reason: str | None) -> Change:
        """The secretary declines a submitted update, saying why (kept, never deleted)."""
        return self._decide_update(uid, "declined", reason)

    # -- the publication review (what the public outputs may carry: publication.py)
    @_one_at_a_time
    def decide_publication(
        self, decisions: list[Any], titles: dict[str, str | None] | None = None, *, why: str = "publication review"
    ) -> Change:
        """Decisions of the publication review (``changes.Decision``: withhold or keep words that
        look like a name, for every public output from now on) and neutral titles for
        confidential actions arising (None: none, so the action is left out). One transaction,
        each audited with its old and new value; undo puts back what was there."""
        from boardtui.store.personal import LOOKS_LIKE, key_of
        from boardtui.store.publication import DECISIONS

        titles = titles or {}
        if not decisions and not titles:
            raise FieldError("decision", "nothing to record: decide at least one candidate")
        now = datetime.now().replace(microsecond=0)
        rows, keys = [], set()
        for number, d in enumerate(decisions, 1):
            words = _text("words", d.words, required=True)
            key = key_of(words)
            if not key or key in keys:
                raise FieldError("words", f"decision {number}: {words!r} is {'empty' if not key else 'decided twice'}")
            keys.add(key)
            if d.decision not in DECISIONS:
                raise FieldError("decision", f"decision {number} ({words}): {d.decision!r} is not withhold or keep")
            if d.kind not in LOOKS_LIKE:
                raise FieldError(
                    "kind", f"decision {number} ({words}): {d.kind!r} is not one of {', '.join(LOOKS_LIKE)}"
                )
            rows.append(
                {
                    "candidate": key,
                    "words": words,
                    "kind": d.kind,
                    "decision": d.decision,
                    "context": _text("context", d.context, required=False),
                    "decided_by": self.who,
                    "decided_at": now,
                }
            )
        confidential = {r["id"] for r in dicts(self._cursor, "record_confidential_action_ids")}
        title_rows = []
        for action, title in titles.items():
            if action not in confidential:
                raise FieldError(
                    "action",
                    f"{action} is not an action arising from a confidential minute item, so it "
                    "is published under its own title",
                )
            title_rows.append((action, _text("public title", title, required=False)))
        change = Change(
            f'{rows[0]["decision"]} "{rows[0]["words"]}" in public outputs'
            if len(rows) == 1 and not titles
            else f"publication review: {len(rows)} decision(s), {len(title_rows)} public title(s)"
        )
        for row in rows:
            old = self._one("publication_decision_one", candidate=row["candidate"])
            change.undo.append(
                ("publication_decision_upsert", old)
                if old
                else ("publication_decision_delete", {"candidate": row["candidate"]})
            )
            self._audit(
                change, "publication_decision", row["words"], "decision", old and old["decision"], row["decision"], why
            )
        for action, title in title_rows:
            old = self._one("public_title_one", action=action)
            change.undo.append(("public_title_upsert", old) if old else ("public_title_delete", {"action": action}))
            self._audit(change, "public_title", action, "title", old and old["title"], title, why)

        def work(cur: duckdb.DuckDBPyConnection, _: Change) -> None:
            for row in rows:
                cur.execute(sql("publication_decision_upsert"), row)
            for action, title in title_rows:
                if title is None:
                    cur.execute(sql("public_title_delete"), {"action": action})
                else:
                    cur.execute(
                        sql("public_title_upsert"),
                        {"action": action, "title": title, "decided_by": self.who, "decided_at": now},
                    )

        return self._commit(change, work)
