"""The first screen: one row per weakness as at the meeting shown."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.worker import get_current_worker

from boardtui.app.keys import RATE_WEAKNESS
from boardtui.app.reads import ActionsRead, DashboardRead, ExceptionsRead, MatrixRead, Pages
from boardtui.app.render import brag, direction, number, plain
from boardtui.app.screens.paged import PagedScreen
from boardtui.app.widgets.header import BoardHeader
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.app.work import READ_AHEAD
from boardtui.store.rows import WeaknessRow

# How long the cursor rests on a row before the app reads ahead what the next key may need.
READ_AHEAD_REST = 0.25

COLUMNS = [
    Col("code", "Code", 4),
    Col("name", "Weakness", None),
    Col("monitoring", "Monitoring", 32, priority=2),
    Col("brag", "BRAG", 4),
    Col("b", "B", 2),
    Col("r", "R", 2),
    Col("a", "A", 2),
    Col("g", "G", 2),
    Col("overdue", "Overdue", 7),
    Col("dir", "Dir", 3),
    Col("unrated", "To rate", 7, priority=1),
]


def weakness_cells(w: WeaknessRow) -> dict:
    cell = brag(w.brag)
    if w.board_rated:
        cell.append("*", style="bold")
    return {
        "code": plain(w.code, "bold"),
        "name": plain(w.short_name),
        "monitoring": plain(w.monitoring, "" if w.monitored else "italic"),
        "brag": cell,
        "b": number(w.b),
        "r": number(w.r),
        "a": number(w.a),
        "g": number(w.g),
        "overdue": number(w.overdue_actions),
        "dir": direction(w.direction),
        "unrated": number(w.unrated),
    }


def unread_cells(code: str, name: str) -> dict:
    """A weakness whose page is still being read: its name, and … for its figures."""
    return {"code": plain(code, "bold"), "name": plain(name), "brag": Text("…", style="dim")}


class DashboardScreen(PagedScreen):
    # The top level: Esc has nowhere to go back to, so the footer does not offer it.
    # The board's own rating is given in meetings (the agenda's key bar shows it); here too, quietly.
    BINDINGS = [
        Binding("escape", "back", "Back", show=False, id="back"),
        Binding(RATE_WEAKNESS.key, RATE_WEAKNESS.action, RATE_WEAKNESS.description, show=False, id=RATE_WEAKNESS.id),
    ]
    crumb = "Board"

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, WeaknessRow] = {}  # code -> its row, for the pages read
        self._rest: Timer | None = None

    def compose_body(self) -> ComposeResult:
        yield BoardTable(COLUMNS, id="weaknesses")

    def loading_target(self):
        return self.query_one(BoardTable)

    def on_mount(self, event: events.Mount) -> None:  # type: ignore[override]  # Textual passes the event to a handler taking one
        app = self.board_app
        if app.first_frame_pending:
            event.prevent_default()  # nothing to read yet: first_frame_arrived shows it
        elif app.first_dashboard is not None:
            event.prevent_default()  # skip DataScreen's load: the data is already here
            self.first_frame_arrived()
        else:
            self.query_one(BoardTable).reserve_rows(len(app.weakness_names))

    def first_frame_arrived(self) -> None:
        """Show the first frame read at start-up; then the app opens the pack."""
        self.show_first_frame()
        self.call_after_refresh(self.board_app.first_frame_painted)

    def show_first_frame(self) -> None:
        """The first frame the app holds (first_dashboard), shown as a new start shows it: the
        cursor on the first row. Also when a frame painted from the cache turned out not to be
        the pack's (PackLink._kept_frame_read)."""
        app = self.board_app
        first, app.first_dashboard = app.first_dashboard, None
        self.shown_meeting = app.meeting.id if app.meeting else None
        self.query_one(BoardHeader).refresh_text()
        self.query_one(BoardTable).start_over()
        self.show(Pages(self.current_read(), first))

    def current_read(self) -> DashboardRead:
        return self.read_at(self.board_app.meeting)

    def read_at(self, meeting) -> DashboardRead:
        app = self.board_app
        return DashboardRead(meeting.id if meeting else None, list(app.weakness_names) if meeting else [])

    def show(self, data: Pages) -> None:
        self.rows = {w.code: w for w in data.first}
        self.start_pages(data)
        self.query_one(BoardTable).fit_width("code", self.codes, 4)
        self._fill()
        self.query_one(BoardTable).focus()

    def page_read(self, page: int, rows: list[WeaknessRow]) -> None:
        self.rows.update((w.code, w) for w in rows)
        self._fill()

    def _fill(self) -> None:
        self.query_one(BoardTable).fill_keys(self.codes, self._row_cells)

    def _row_cells(self, index: int) -> dict:
        code = self.codes[index]
        page = self.page_holding(index)
        self.want_page(page)  # drawn before its page is read: read it, say so meanwhile
        row = self.rows.get(code) if self.page_is_read(page) else None
        return weakness_cells(row) if row else unread_cells(code, self.board_app.weakness_names[code])

    # Reading ahead ------------------------------------------------------------------------
    def on_board_table_row_highlighted(self, event: BoardTable.RowHighlighted) -> None:
        self._read_ahead_after_rest()

    def on_screen_resume(self) -> None:
        # Back from a deeper screen (DataScreen's handler reloads if need be): the cursor
        # rests on a row again, whose reads a change or a cold start may have dropped.
        self._read_ahead_after_rest()

    def _read_ahead_after_rest(self) -> None:
        # Wait for the cursor to rest: holding Down must not read every weakness it passes.
        if self._rest is not None:
            self._rest.stop()
        self._rest = self.set_timer(READ_AHEAD_REST, self._read_ahead)

    def _read_ahead(self) -> None:
        """Read, while the user rests here, what the next key is likely to show: the actions of
        the weakness under the cursor (Enter), the meetings either side ([ and ]), exceptions
        (x) and the matrix (m). The views keep each until the pack changes."""
        self.run_worker(
            partial(self._read_in_turn, self.board_app.views, self.reads_ahead()),
            thread=True,
            exclusive=True,
            group=READ_AHEAD,
            exit_on_error=False,
        )  # a failed read is the load's to say

    def reads_ahead(self) -> list:
        """The reads the next key's screen will make, built as those screens build them."""
        app, code = self.board_app, self.query_one(BoardTable).selected_key
        meeting = app.meeting
        if meeting is None or code is None or not self.is_current:
            return []
        index = app.meetings.index(meeting)
        beside = [m for m in app.meetings[max(0, index - 1) : index + 2] if m.id != meeting.id]
        codes = list(app.weakness_names)
        return [
            ActionsRead(code, meeting.id),
            *(self.read_at(m) for m in beside),
            ExceptionsRead(meeting.id, codes),
            MatrixRead(codes),
        ]

    @staticmethod
    def _read_in_turn(views, reads: list) -> None:
        worker = get_current_worker()
        for read in reads:
            if worker.is_cancelled:  # the user moved on
                return
            read.run(views)  # kept by the views; one already kept costs nothing

    def action_rate_weakness(self) -> None:
        code = self.query_one(BoardTable).selected_key
        if code is not None:
            self.board_app.recording.rate_weakness(code)

    def select(self, code: str) -> None:
        table = self.query_one(BoardTable)
        if table.has_row(code):
            table.move_cursor(table.get_row_index(code))

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        self.board_app.show_actions(event.key)
