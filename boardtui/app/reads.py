"""What each screen reads, and with what: one small frozen dataclass per screen holds the read's
inputs, captured on the UI thread, and ``run`` reads with nothing else (in a worker thread, or at
once when every result it needs is kept). The dashboard's read-ahead builds the very same reads
the screens will, so a result read ahead is the result the screen uses.

Nothing here imports Textual or DuckDB: the dashboard imports it before the first frame.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from boardtui.store.views import first_page

# Work that reads the whole pack at once (writing a snapshot or the meeting pack, the
#: publication review's look through every public text, returns due's every open action and
#: update) takes turns: each holds 50-250 MB at 1,000 areas, and three at once held 600 (a
#: random-key run pressed e, p and P within seconds).
_whole_pack = threading.Lock()


@contextmanager
def whole_pack(views: BoardViews) -> Iterator[None]:
    """Hold the turn for work over the whole pack (WHOLE_PACK), and give back what it used when
    done: the C allocators keep freed memory for the thread that freed it, so a next job on
    another thread would take as much again, and DuckDB keeps what its buffer pool used."""
    with _whole_pack:
        try:
            yield
        finally:
            give_back_memory(views)


def give_back_memory(views: BoardViews) -> None:
    import gc
    import sys

    views.release_memory()
    gc.collect()
    if "pyarrow" in sys.modules:  # Arrow keeps its own pool
        sys.modules["pyarrow"].default_memory_pool().release_unused()
    from boardtui.app.malloc import trim

    trim()


if TYPE_CHECKING:
    from boardtui.store.rows import (
        ActionDetail,
        ActionRow,
        ActionUpdate,
        AgendaDetail,
        ExceptionRow,
        MatrixCell,
        SearchResult,
        WaitingUpdate,
        WeaknessDetail,
        WeaknessRow,
    )
    from boardtui.store.updates import OfficerUpdate
    from boardtui.store.views import AgendaItem, BoardViews, Meeting


@dataclass
class Pages:
    """A read of every weakness, a page at a time: the read (its inputs read the other pages),
    and the first page's rows."""

    read: DashboardRead | ExceptionsRead | MatrixRead
    first: Any

    @property
    def codes(self) -> Sequence[str]:
        return self.read.codes


@dataclass(frozen=True)
class DashboardRead:
    meeting: str | None
    codes: Sequence[str] = field(compare=False, hash=False)  # every weakness, in order

    def run(self, views: BoardViews) -> Pages:
        return Pages(self, self.page(views, first_page(self.codes)))

    def page(self, views: BoardViews, codes: list[str] | None) -> list[WeaknessRow]:
        return views.dashboard(self.meeting, codes) if self.meeting else []


@dataclass(frozen=True)
class ExceptionsRead:
    meeting: str | None
    codes: Sequence[str] = field(compare=False, hash=False)

    def run(self, views: BoardViews) -> Pages:
        return Pages(self, self.page(views, first_page(self.codes)))

    def page(self, views: BoardViews, codes: list[str] | None) -> list[ExceptionRow]:
        return views.exceptions(self.meeting, codes) if self.meeting else []


@dataclass(frozen=True)
class MatrixRead:
    codes: Sequence[str] = field(compare=False, hash=False)

    def run(self, views: BoardViews) -> Pages:
        return Pages(self, self.page(views, first_page(self.codes)))

    def page(self, views: BoardViews, codes: list[str] | None) -> dict[tuple[str, str], MatrixCell]:
        return views.matrix(codes)


@dataclass(frozen=True)
class ActionsRead:
    weakness: str
    meeting: str | None

    def run(self, views: BoardViews) -> list[ActionRow]:
        return views.actions(self.weakness, self.meeting) if self.meeting else []


@dataclass(frozen=True)
class NoMeeting:
    """The read of a screen shown as at a board meeting, in a pack with none (or a meeting in
    progress no longer there): nothing to read, and a sentence saying so."""

    said: str

    def run(self, views: BoardViews) -> NoMeeting:
        return self


NO_BOARD_MEETING = NoMeeting(
    "This pack has no board meeting yet, and this is shown as at one: n starts a meeting (its date, then Ctrl+S)."
)
NO_MEETING_IN_PROGRESS = NoMeeting("No meeting is in progress now: n starts or resumes one.")


@dataclass(frozen=True)
class ActionPage:
    """One action as its screen shows it: the pack's detail, and every update on it newest first,
    the pack's (ActionUpdate) with the officer's own still in their draft return (OfficerUpdate)."""

    detail: ActionDetail
    updates: list[ActionUpdate | OfficerUpdate]


@dataclass(frozen=True)
class ActionDetailRead:
    action_id: str
    meeting: Meeting
    desk: Any = field(default=None, compare=False, hash=False)  # the officer's desk, for their drafts

    def run(self, views: BoardViews) -> ActionPage | None:
        detail = views.action_detail(self.action_id, self.meeting)
        if detail is None:
            return None
        updates: list[ActionUpdate | OfficerUpdate] = list(views.updates_of_action(self.action_id))
        if self.desk is not None:  # the officer's own, still in their draft return
            known = {u.uid for u in updates}
            updates += [u for u in self.desk().updates_on(self.action_id) if u.uid not in known]
        return ActionPage(detail, sorted(updates, key=lambda u: u.written_at, reverse=True))


@dataclass(frozen=True)
class WeaknessDetailRead:
    code: str
    meeting: Meeting

    def run(self, views: BoardViews) -> WeaknessDetail | None:
        return views.weakness_detail(self.code, self.meeting)


@dataclass
class Found:
    words: str
    rows: list[SearchResult]


@dataclass(frozen=True)
class SearchRead:
    words: str

    def run(self, views: BoardViews) -> Found:
        return Found(self.words, views.search(self.words))


@dataclass
class AgendaPage:
    items: list[AgendaItem]
    position: int  # the item shown (the one asked for, or the last there is)
    detail: AgendaDetail


@dataclass(frozen=True)
class AgendaRead:
    meeting: Meeting
    previous: Meeting | None
    position: int

    def run(self, views: BoardViews) -> AgendaPage:
        items = views.agenda(self.meeting.id)
        position = min(self.position, len(items) - 1)
        weakness = items[position].weakness
        return AgendaPage(items, position, views.agenda_item(self.meeting, self.previous, weakness))


@dataclass
class ReturnsPage:
    waiting: list[WaitingUpdate]  # submitted updates waiting for a decision (a pack that can be written)
    returns: list[Any]  # return files in the returns folder (store/merge.py WaitingReturn)
    unsent: list[Any]  # this officer's updates not yet sent (store/updates.py OfficerUpdate)
    labels: dict[str, list[str]] = field(default_factory=dict)  # what the merge found, by update uid


@dataclass(frozen=True)
class ReturnsRead:
    folder: Any  # the returns folder (a Path)
    writable: bool  # the secretary's side too: decisions and imports
    desk: Any = field(compare=False, hash=False)  # a callable giving the officer's desk (store/returns.py)

    def run(self, views: BoardViews) -> ReturnsPage:
        from boardtui.store.merge import conflict_labels, returns_waiting

        store = views.opened_store()
        waiting = views.updates_waiting() if self.writable else []
        labels = {}
        for u in waiting:  # what the merge found, in a few words each, for a list of one line an update
            found = conflict_labels(u.conflicts)
            replaced = "replaced by a later update by the same officer"
            if u.replaced_on is not None and replaced not in found:
                found.insert(0, replaced)
            labels[u.uid] = found
        unsent = [update for update, _ in self.desk().unsent()]
        return ReturnsPage(waiting, returns_waiting(store, self.folder), unsent, labels)


@dataclass
class ReviewPage:
    """The publication review: every word that looks like a name in what a public output would
    carry (store/publication.py), decided or not, and the confidential actions arising."""

    candidates: list[Any]  # publication.Candidate, undecided first
    actions: list[Any]  # publication.ConfidentialAction


@dataclass(frozen=True)
class ReviewRead:
    generation: int  # the pack's changes: a decision recorded makes the review read again

    def run(self, views: BoardViews) -> ReviewPage:
        from contextlib import closing

        from boardtui.store.publication import Publication
        from boardtui.store.snapshot import public_candidates

        store = views.opened_store()
        with whole_pack(views):
            candidates = public_candidates(store)
        with closing(store.cursor()) as cur:
            actions = list(Publication(cur).confidential.values())
        candidates.sort(key=lambda c: c.decision is not None)  # undecided first, each kept in reading order
        return ReviewPage(candidates, actions)


@dataclass(frozen=True)
class MyActionsRead:
    """An officer's own actions (store/officers.py my_actions), with their draft-return updates
    on this source."""

    person: str
    meeting: str | None
    source: Any  # the pack or snapshot opened (a Path): where the officer's drafts are kept

    def run(self, views: BoardViews) -> Any:
        from boardtui.store.officers import my_actions
        from boardtui.store.returns import draft_updates

        store = views.opened_store()
        return my_actions(store, self.person, self.meeting, draft_updates(self.source, self.person))


@dataclass(frozen=True)
class ReturnsDueRead:
    """Whose updates are due for the next board meeting (store/officers.py returns_due)."""

    folder: Any  # the returns folder (a Path): returns waiting there count as sent

    def run(self, views: BoardViews) -> Any:
        from boardtui.store.officers import returns_due

        with whole_pack(views):  # every open action and every update since the last meeting
            return returns_due(views.opened_store(), self.folder)
