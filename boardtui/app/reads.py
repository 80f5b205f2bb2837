"""What each screen reads, and with what: one small frozen dataclass per screen holds the read's
inputs, captured on the UI thread, and ``run`` reads with nothing else (in a worker thread, or at
once when every result it needs is kept). The dashboard's read-ahead builds the very same reads
the screens will, so a result read ahead is the result the screen uses.

Nothing here imports Textual or DuckDB: the dashboard imports it before the first frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from boardtui.store.views import first_page

if TYPE_CHECKING:
    from boardtui.store.views import AgendaItem, BoardViews, Meeting, Row


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

    def page(self, views: BoardViews, codes: list[str] | None) -> list[Row]:
        return views.dashboard(self.meeting, codes) if self.meeting else []


@dataclass(frozen=True)
class ExceptionsRead:
    meeting: str | None
    codes: Sequence[str] = field(compare=False, hash=False)

    def run(self, views: BoardViews) -> Pages:
        return Pages(self, self.page(views, first_page(self.codes)))

    def page(self, views: BoardViews, codes: list[str] | None) -> list[Row]:
        return views.exceptions(self.meeting, codes) if self.meeting else []


@dataclass(frozen=True)
class MatrixRead:
    codes: Sequence[str] = field(compare=False, hash=False)

    def run(self, views: BoardViews) -> Pages:
        return Pages(self, self.page(views, first_page(self.codes)))

    def page(self, views: BoardViews, codes: list[str] | None) -> dict[tuple[str, str], Row]:
        return views.matrix(codes)


@dataclass(frozen=True)
class ActionsRead:
    weakness: str
    meeting: str | None

    def run(self, views: BoardViews) -> list[Row]:
        return views.actions(self.weakness, self.meeting) if self.meeting else []


@dataclass(frozen=True)
class ActionDetailRead:
    action_id: str
    meeting: Meeting

    def run(self, views: BoardViews) -> Row | None:
        return views.action_detail(self.action_id, self.meeting)


@dataclass(frozen=True)
class WeaknessDetailRead:
    code: str
    meeting: Meeting

    def run(self, views: BoardViews) -> Row | None:
        return views.weakness_detail(self.code, self.meeting)


@dataclass
class Found:
    words: str
    rows: list[Row]


@dataclass(frozen=True)
class SearchRead:
    words: str

    def run(self, views: BoardViews) -> Found:
        return Found(self.words, views.search(self.words))


@dataclass
class AgendaPage:
    items: list[AgendaItem]
    position: int  # the item shown (the one asked for, or the last there is)
    detail: Row


@dataclass(frozen=True)
class AgendaRead:
    meeting: Meeting
    previous: Meeting | None
    position: int

    def run(self, views: BoardViews) -> AgendaPage:
        items = views.agenda(self.meeting.id)
        position = min(self.position, len(items) - 1)
        return AgendaPage(items, position, views.agenda_item(self.meeting, self.previous, items[position].weakness))
