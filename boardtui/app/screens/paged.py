"""A screen over every weakness that reads its data a page of weaknesses at a time.

A national pack has 13,000 weaknesses: aggregating all of them takes the better part of a
second, a page of them tens of milliseconds. The screen reads the first page with its load;
a row drawn before its page is read asks for that page (``want_page``) and shows a placeholder
until it arrives.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

from boardtui.app.reads import DashboardRead, ExceptionsRead, MatrixRead, Pages
from boardtui.app.screens.base import DataScreen
from boardtui.app.work import PAGES, in_thread
from boardtui.store.views import PAGE, BoardViews, page_of

PagedRead = DashboardRead | ExceptionsRead | MatrixRead


@dataclass(frozen=True)
class PageRead:
    """What a page's worker returns: its data, as read for one show of the screen (a page read
    for an earlier show is stale)."""

    show: int
    page: int
    data: Any


class PagedScreen(DataScreen):
    def __init__(self) -> None:
        super().__init__()
        self.codes: list[str] = []  # every weakness, in order
        self._asked: set[int] = set()
        self._read: set[int] = set()
        self._shows = 0  # counts shows: a page read for an earlier one is stale
        self._shown_read: PagedRead | None = None  # the read whose pages are shown

    # What a screen provides --------------------------------------------------------------
    def current_read(self) -> PagedRead:
        raise NotImplementedError

    def page_read(self, page: int, data: Any) -> None:
        """Runs on the UI thread with a page's data once read."""
        raise NotImplementedError

    # Paging -------------------------------------------------------------------------------
    def page_codes(self, page: int) -> list[str] | None:
        """The page's weakness codes (None: one page holds them all)."""
        return page_of(self.codes, page)

    @staticmethod
    def page_holding(index: int) -> int:
        """The page that holds the weakness at this place in the order."""
        return index // PAGE

    @property
    def pages(self) -> int:
        return -(-len(self.codes) // PAGE)

    def start_pages(self, pages: Pages) -> None:
        """A new read has shown: its first page is read, every other page is to read again,
        with the same inputs."""
        self.codes = list(pages.codes)
        self._shown_read = pages.read
        self._asked, self._read = {0}, {0}
        self._shows += 1

    def page_is_read(self, page: int) -> bool:
        return page in self._read

    @property
    def pages_read(self) -> frozenset[int]:
        return frozenset(self._read)

    def want_page(self, page: int) -> None:
        """Read a page unless it is read or being read."""
        if page in self._asked or page >= self.pages or self._shown_read is None:  # nothing shown yet: no pages
            return
        self._asked.add(page)
        in_thread(
            self,
            partial(self._read_page, self.board_app.views, self._shown_read, page, self.page_codes(page), self._shows),
            self._page_arrived,
            self._page_failed,
            name=f"page {page}",
            group=PAGES,
        )

    @staticmethod
    def _read_page(views: BoardViews, read: PagedRead, page: int, codes: list[str] | None, show: int) -> PageRead:
        return PageRead(show, page, read.page(views, codes))

    def _page_arrived(self, found: PageRead) -> None:
        if found.show == self._shows:  # else read for an earlier show
            self._read.add(found.page)
            self.page_read(found.page, found.data)

    def _page_failed(self, error: Exception) -> None:
        self.say(f"Could not read the pack: {error}")
