"""What each screen shows, as typed rows (store/rows.py). Nothing here knows about Textual.

The app calls these from worker threads. They share one cursor (setting one up installs the
macros, ~13 ms) and take turns with a lock, since a DuckDB cursor is not safe to use from two
threads at once.

What the list screens read (dashboard, actions, exceptions, matrix) is kept until the pack
changes, so the app can read ahead while the user is idle (the meetings either side, the
weakness under the cursor) and a screen read before opens without waiting for DuckDB.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from boardtui.store.queries import rows, typed
from boardtui.store.rows import (
    ActionDetail,
    ActionEvidence,
    ActionMinute,
    ActionOne,
    ActionRating,
    ActionRow,
    ActionUpdate,
    AgendaAction,
    AgendaDetail,
    AgendaMeasure,
    AgendaMinute,
    AgendaWeakness,
    ArisingDue,
    AttendancePerson,
    AttendanceRow,
    AuditEntry,
    Board,
    BragCount,
    ExceptionRow,
    Judgement,
    MatrixCell,
    Meeting,
    MeetingMinute,
    MeetingUpdate,
    PaletteResult,
    RagDefinition,
    RatingsRecorded,
    SearchResult,
    UpdateOne,
    WaitingUpdate,
    WeaknessDetail,
    WeaknessMeasure,
    WeaknessMinute,
    WeaknessOne,
    WeaknessRow,
)

if TYPE_CHECKING:
    import duckdb

    from boardtui.store.db import Store

__all__ = ["PAGE", "AgendaItem", "BoardViews", "FirstFrame", "Meeting", "NotKept", "first_page", "page_of"]

R = TypeVar("R", bound=NamedTuple)  # a row class of store/rows.py

# Results kept (least recently used go first): a few meetings' worth of every list screen.
KEPT_RESULTS = 48

# Weaknesses a screen over all of them reads at a time: a national pack has 13,000, and
# aggregating them all takes the better part of a second; a page takes tens of milliseconds.
PAGE = 200


@dataclass(frozen=True)
class AgendaItem:
    weakness: str | None  # None: previous minutes and actions arising
    title: str
    brag: str | None  # the board's own rating here if it gave one, else derived_brag
    prev_brag: str | None
    direction: str | None
    monitored: bool = True  # False: on the agenda for a red or overdue action only
    monitoring: str = ""  # its monitoring status then, in words ("sufficient, Jul 2021")
    derived_brag: str | None = None  # the worst of its actions' ratings then (Blue only if all are)
    board_rated_here: bool = False  # the board gave its own rating of it at this meeting (shown *)


@dataclass(frozen=True)
class FirstFrame:
    """Everything the app needs before its first frame, read in one go."""

    board: Board
    meetings: list[Meeting]
    definitions: list[RagDefinition]
    weakness_names: dict[str, str]
    dashboard: list[WeaknessRow]
    banner: str | None  # why the pack is read-only, when it is not by choice


class NotKept(Exception):
    """A read inside BoardViews.kept_only() that would have gone to DuckDB."""


def _result_key(name: str, params: dict[str, Any]) -> tuple[Any, ...]:
    return name, tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(params.items()))


def page_of(codes: Sequence[str], page: int) -> list[str] | None:
    """The codes on a page of weaknesses; None (all of them) when one page holds them all."""
    if len(codes) <= PAGE:
        return None
    return list(codes[page * PAGE : (page + 1) * PAGE])


def first_page(codes: Sequence[str]) -> list[str] | None:
    return page_of(codes, 0)


class BoardViews:
    def __init__(self, store: Store | None = None) -> None:
        # The store may arrive later (the app paints its first frame before opening the pack);
        # until then queries wait for it.
        self.store = store
        self._opened = threading.Event()
        self._error: Exception | None = None
        if store is not None:
            self._opened.set()
        self._lock = threading.Lock()
        self._cursor: duckdb.DuckDBPyConnection | None = None
        # (query, parameters) -> (store generation read at, rows)
        self._kept: OrderedDict[tuple[Any, ...], tuple[int, list[Any]]] = OrderedDict()
        self._local = threading.local()  # kept_only, per thread

    def attach(self, store: Store | None, error: Exception | None = None) -> None:
        """The pack is open (or could not be opened: every query then raises ``error``)."""
        self.store, self._error = store, error
        self._opened.set()

    def wait_opened(self) -> None:
        """Until the pack is open, or could not be opened."""
        self._opened.wait()

    def opened_store(self) -> Store:
        """The store once it is open (waiting if need be); raises what opening raised. Inside
        kept_only, NotKept: a read that goes to the store itself is never kept."""
        if getattr(self._local, "kept_only", False):
            raise NotKept("a read from the pack")
        self._opened.wait()
        if self._error is not None:
            raise self._error
        if self.store is None:  # attach gives a store or the error opening raised
            raise RuntimeError("the pack was attached without a store")
        return self.store

    @contextmanager
    def _cur(self) -> Iterator[duckdb.DuckDBPyConnection]:
        store = self.opened_store()  # inside kept_only: NotKept (every read goes through here)
        with self._lock:
            if self._cursor is None:
                self._cursor = store.cursor()
            yield self._cursor

    def close_cursor(self) -> None:
        """Close this view's cursor, leaving the pack open (a second view of the same pack)."""
        with self._lock:
            if self._cursor is not None:
                self._cursor.close()
                self._cursor = None

    def close(self) -> None:
        """Close the cursor and the pack."""
        with self._lock:
            if self._cursor is not None:
                self._cursor.close()
                self._cursor = None
            if self.store is not None:
                self.store.close()

    def release_memory(self) -> None:
        """Hand back what DuckDB's buffer pool kept after work over the whole pack
        (queries/app_memory_released.sql), while no screen reads and no change is saved: either
        might need more than the lowered limit. A limit DuckDB cannot lower to yet is left as it
        was. (The write lock first: a change being recorded may read through these views.)"""
        import duckdb

        from boardtui.store.queries import sql

        with self.opened_store().writes_waiting(), self._cur() as cur:
            try:
                cur.execute(sql("app_memory_released"))
            except duckdb.Error:
                pass
            finally:
                cur.execute(sql("app_memory_limit"))

    @contextmanager
    def kept_only(self) -> Iterator[None]:
        """Within this (on this thread), a read that is not kept raises NotKept instead of
        going to DuckDB: the app shows a screen at once when everything it needs is kept."""
        self._local.kept_only = True
        try:
            yield
        finally:
            self._local.kept_only = False

    def _query(self, cur: duckdb.DuckDBPyConnection, name: str, row: type[R], **params: Any) -> list[R]:
        """Query ``name``'s rows on ``cur``, each a ``row``; over a lake, read from the boards it
        is about (store/lake_views.py), through the lake's version of it where there is one."""
        reader = self.store.reader if self.store is not None else None
        if reader is not None:
            name, params = reader.prepare(cur, name, params)
        return typed(cur, name, row, **params)

    def _rows(self, name: str, row: type[R], **params: Any) -> list[R]:
        with self._cur() as cur:
            return self._query(cur, name, row, **params)

    def _kept_rows(self, name: str, row: type[R], **params: Any) -> list[R]:
        """Like _rows, but kept until the pack changes (the rows are frozen: the caller gets its
        own list of the same rows)."""
        key = _result_key(name, params)
        found = self._kept.get(key)  # without the lock: a hit need not wait for a read under way
        if found is not None and found[0] == self.generation:
            return list(found[1])
        with self._cur() as cur:
            store = self.opened_store()
            found = self._kept.get(key)  # read while this call waited for the lock?
            if found is not None and found[0] == store.generation:
                return list(found[1])
            generation = store.generation  # before reading: a change committed meanwhile makes it stale
            rows_read = self._query(cur, name, row, **params)
            self._kept[key] = (generation, rows_read)
            self._kept.move_to_end(key)
            while len(self._kept) > KEPT_RESULTS:
                self._kept.popitem(last=False)
            return list(rows_read)

    def is_kept(self, name: str, **params: Any) -> bool:
        """Whether query ``name`` with these parameters is kept and still current."""
        found = self._kept.get(_result_key(name, params))
        return found is not None and found[0] == self.generation

    @property
    def generation(self) -> int:
        """Changes committed to the open pack so far: a screen showing an older one is stale."""
        return self.store.generation if self.store is not None else 0

    def forget(self) -> None:
        """Drop every kept result (the benchmark's cold reads)."""
        self._kept.clear()

    def first_frame(self) -> FirstFrame:
        meetings = self.meetings()
        names = self.weakness_names()
        return FirstFrame(
            board=self.board(),
            meetings=meetings,
            definitions=self.rag_definitions(),
            weakness_names=names,
            dashboard=self.dashboard(meetings[-1].id, first_page(list(names))) if meetings else [],
            banner=self.store.banner if self.store else None,
        )

    def board(self) -> Board:
        found = self._rows("board_info", Board)
        return found[0] if found else Board("Improvement Board", "", False)

    def meetings(self) -> list[Meeting]:
        return self._rows("board_meetings", Meeting)

    def rag_definitions(self) -> list[RagDefinition]:
        return self._rows("rag_definitions", RagDefinition)

    def dashboard(self, meeting: str, codes: list[str] | None = None) -> list[WeaknessRow]:
        """One row per weakness (only those in ``codes`` if given) as at a meeting."""
        return self._kept_rows("dashboard", WeaknessRow, meeting=meeting, codes=codes)

    def weakness_names(self) -> dict[str, str]:
        """Every weakness's short name by code, in display order. Pairs, not row dicts: at
        1,000 areas (13,000 weaknesses) a dict per row cost the first frame 12-20 ms."""
        with self._cur() as cur:
            if self.store is not None and self.store.reader is not None:
                self.store.reader.prepare(cur, "weaknesses_in_order", {})
            return dict(rows(cur, "weaknesses_in_order"))

    def actions(self, weakness: str, meeting: str) -> list[ActionRow]:
        return self._kept_rows("actions_of_weakness", ActionRow, weakness=weakness, meeting=meeting)

    def action_detail(self, action_id: str, meeting: Meeting) -> ActionDetail | None:
        with self._cur() as cur:
            found = self._query(cur, "action_one", ActionOne, id=action_id, meeting=meeting.id)
            if not found:
                return None
            as_of = {"id": action_id, "as_of": meeting.date}
            return ActionDetail(
                found[0],
                ratings=self._query(cur, "action_ratings", ActionRating, **as_of),
                evidence=self._query(cur, "action_evidence", ActionEvidence, **as_of),
                minutes=self._query(cur, "action_minutes", ActionMinute, **as_of),
                audit=self._query(cur, "action_audit", AuditEntry, id=action_id),
            )

    def weakness_detail(self, code: str, meeting: Meeting) -> WeaknessDetail | None:
        with self._cur() as cur:
            found = self._query(cur, "weakness_one", WeaknessOne, code=code)
            if not found:
                return None
            return WeaknessDetail(
                found[0],
                judgements=self._query(cur, "weakness_judgements", Judgement, code=code),
                measures=self._query(cur, "weakness_measures", WeaknessMeasure, code=code, as_of=meeting.date),
                minutes=self._query(cur, "weakness_minutes", WeaknessMinute, code=code, as_of=meeting.date),
            )

    def exceptions(self, meeting: str, codes: list[str] | None = None) -> list[ExceptionRow]:
        """Red or overdue actions as at a meeting (of the weaknesses in ``codes`` if given)."""
        return self._kept_rows("exceptions", ExceptionRow, meeting=meeting, codes=codes)

    def matrix(self, codes: list[str] | None = None) -> dict[tuple[str, str], MatrixCell]:
        """Weakness BRAG at every board meeting, keyed (weakness, meeting); only the weaknesses
        in ``codes`` if given."""
        return {(r.weakness, r.meeting): r for r in self._kept_rows("matrix", MatrixCell, codes=codes)}

    # Meeting mode -----------------------------------------------------------------------
    def agenda(self, meeting: str) -> list[AgendaItem]:
        """Previous minutes and actions arising first, then each weakness still monitored or with a
        red or overdue action (marked not monitored), each saying whether the board rated it here."""
        items = [AgendaItem(None, "Previous minutes and actions arising", None, None, "")]
        items += [
            AgendaItem(
                r.code,
                r.short_name,
                r.brag,
                r.prev_brag,
                r.direction,
                monitored=r.monitored,
                monitoring=r.monitoring,
                derived_brag=r.derived_brag,
                board_rated_here=r.board_rated_here,
            )
            for r in self._rows("agenda_weaknesses", AgendaWeakness, meeting=meeting)
        ]
        return items

    def agenda_item(self, meeting: Meeting, previous: Meeting | None, weakness: str | None) -> AgendaDetail:
        """What one agenda item opens on (see AgendaScreen): for a weakness, with its updates
        reported to this meeting (agenda_updates)."""
        with self._cur() as cur:
            due = [
                r
                for r in self._query(
                    cur, "report_arising_due", ArisingDue, meeting=meeting.id, include_confidential=True
                )
                if weakness is None or r.weakness == weakness
            ]
            if weakness is None:
                minutes = (
                    self._query(
                        cur, "agenda_minutes", AgendaMinute, meeting=previous.id, weakness=None, weakness_only=False
                    )
                    if previous
                    else []
                )
                minutes += self._query(
                    cur, "agenda_minutes", AgendaMinute, meeting=meeting.id, weakness=None, weakness_only=True
                )
                return AgendaDetail(due, minutes)
            return AgendaDetail(
                due,
                self._query(
                    cur, "agenda_minutes", AgendaMinute, meeting=meeting.id, weakness=weakness, weakness_only=True
                ),
                actions=self._query(cur, "agenda_actions", AgendaAction, meeting=meeting.id, weakness=weakness),
                measures=self._query(
                    cur, "agenda_measures_since", AgendaMeasure, meeting=meeting.id, weakness=weakness
                ),
                updates=self._query(cur, "updates_for_meeting", MeetingUpdate, **_agenda_updates(meeting.id, weakness)),
            )

    def attendance_people(self, meeting: str) -> list[AttendancePerson]:
        return self._rows("attendance_people", AttendancePerson, meeting=meeting)

    # For reports -----------------------------------------------------------------------
    def attendance(self, meeting: str) -> list[AttendanceRow]:
        return self._rows("report_attendance", AttendanceRow, meeting=meeting)

    def brag_counts(self, meeting: str, *, public: bool = False) -> dict[str, int]:
        """``public``: without the confidential actions arising left out of public outputs."""
        return {r.brag: r.actions for r in self._rows("report_brag_counts", BragCount, meeting=meeting, public=public)}

    def ratings_recorded(self, meeting: str, *, public: bool = False) -> int:
        return self._rows("report_ratings_recorded", RatingsRecorded, meeting=meeting, public=public)[0].ratings

    def meeting_minutes(self, meeting: str, *, include_confidential: bool) -> list[MeetingMinute]:
        return self._rows(
            "report_meeting_minutes", MeetingMinute, meeting=meeting, include_confidential=include_confidential
        )

    def arising_due(self, meeting: str, *, include_confidential: bool) -> list[ArisingDue]:
        return self._rows("report_arising_due", ArisingDue, meeting=meeting, include_confidential=include_confidential)

    def search(self, words: str, limit: int = 200) -> list[SearchResult]:
        words = words.strip()
        if not words:
            return []
        # Escape LIKE wildcards so a search for "100%" means the characters typed.
        escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self._rows("search", SearchResult, pattern=f"%{escaped}%", limit=limit)

    def palette(self, typed: str, limit: int = 50) -> list[PaletteResult]:
        """What Ctrl+P lists for what was typed (nothing typed: the meetings and weaknesses)."""
        whole = " ".join(typed.split()).lower()
        return self._rows(
            "palette_search", PaletteResult, words=whole.split(), whole=whole, discover=not whole, limit=limit
        )

    # Officers' updates ---------------------------------------------------------------------
    # Not kept: a decision or a merged return changes them, and the screens showing them are
    # read on demand.
    def updates_of_action(self, action_id: str) -> list[ActionUpdate]:
        """Every update on an action, in every state (submitted, accepted, declined), newest first."""
        return self._rows("updates_of_action", ActionUpdate, action=action_id)

    def agenda_updates(self, meeting: str, weakness: str) -> list[MeetingUpdate]:
        """An agenda item's updates: submitted and accepted ones on the weakness's actions
        reported to this meeting (named, or written since the board meeting before), each with
        ``proposed_brag`` beside ``current_brag`` (the action's BRAG as at this meeting)."""
        return self._rows("updates_for_meeting", MeetingUpdate, **_agenda_updates(meeting, weakness))

    def progress_since(self, meeting: str) -> list[MeetingUpdate]:
        """Accepted updates reported to a meeting, every weakness, by action: the meeting pack's
        "Progress since last report"."""
        return self._rows("updates_for_meeting", MeetingUpdate, meeting=meeting, weakness=None, states=["accepted"])

    def updates_waiting(self) -> list[WaitingUpdate]:
        """Submitted updates waiting for the secretary's decision, by the meeting they report
        to, with ``conflicts`` (in words; None: nothing found) and ``current_brag``."""
        return self._rows("updates_waiting", WaitingUpdate)

    def update(self, uid: str) -> UpdateOne | None:
        """One update, every field (the rating dialog starts from its proposed BRAG and text)."""
        found = self._rows("update_one", UpdateOne, uid=uid)
        return found[0] if found else None


def _agenda_updates(meeting: str, weakness: str) -> dict[str, Any]:
    """updates_for_meeting's parameters for an agenda item's updates."""
    return {"meeting": meeting, "weakness": weakness, "states": ["submitted", "accepted"]}
