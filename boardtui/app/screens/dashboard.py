"""The first screen: one row per weakness as at the meeting shown."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding

from rich.text import Text

from boardtui.app.render import brag, direction, number, plain
from boardtui.app.screens.paged import PagedScreen
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.store.views import first_page

COLUMNS = [
    Col("code", "Code", 4),
    Col("name", "Weakness", None),
    Col("monitoring", "Monitoring", 32, priority=2),
    Col("brag", "BRAG", 4),
    Col("b", "B", 2), Col("r", "R", 2), Col("a", "A", 2), Col("g", "G", 2),
    Col("overdue", "Overdue", 7),
    Col("dir", "Dir", 3),
    Col("unrated", "Unrated", 7, priority=1),
]


def weakness_cells(w: dict) -> dict:
    cell = brag(w["brag"])
    if w["board_rated"]:
        cell.append("*", style="bold")
    return {
        "code": plain(w["code"], "bold"),
        "name": plain(w["short_name"]),
        "monitoring": plain(w["monitoring"], "" if w["monitored"] else "italic"),
        "brag": cell,
        "b": number(w["b"]), "r": number(w["r"]), "a": number(w["a"]), "g": number(w["g"]),
        "overdue": number(w["overdue"]),
        "dir": direction(w["direction"]),
        "unrated": number(w["unrated"]),
    }


def unread_cells(code: str, name: str) -> dict:
    """A weakness whose page is still being read: its name, and … for its figures."""
    return {"code": plain(code, "bold"), "name": plain(name), "brag": Text("…", style="dim")}


class DashboardScreen(PagedScreen):
    # The top level: Esc has nowhere to go back to, so the footer does not offer it.
    BINDINGS = [Binding("escape", "back", "Back", show=False, id="back")]
    crumb = "Board"

    def __init__(self) -> None:
        super().__init__()
        self.rows: dict[str, dict] = {}  # code -> its row, for the pages read

    def compose_body(self) -> ComposeResult:
        yield BoardTable(COLUMNS, id="weaknesses")

    def loading_target(self):
        return self.query_one(BoardTable)

    def on_mount(self, event) -> None:
        first, self.app.first_dashboard = self.app.first_dashboard, None
        if first is not None:
            event.prevent_default()  # skip DataScreen's load: the data is already here
            self.shown_meeting = self.app.meeting.id if self.app.meeting else None
            self.show((list(self.app.weakness_names), first))
            self.call_after_refresh(self.app.first_frame_painted)
        else:
            self.query_one(BoardTable).reserve_rows(len(self.app.weakness_names))

    def load(self):
        codes = list(self.app.weakness_names)
        return codes, self.read_page(first_page(codes))

    def read_page(self, codes: list[str] | None):
        meeting = self.app.meeting
        return self.app.views.dashboard(meeting.id, codes) if meeting else []

    def show(self, data) -> None:
        codes, rows = data
        self.rows = {w["code"]: w for w in rows}
        self.start_pages(codes if self.app.meeting else [])
        self.query_one(BoardTable).fit_width("code", self.codes, 4)
        self._fill()
        self.query_one(BoardTable).focus()

    def page_read(self, page: int, rows) -> None:
        self.rows.update((w["code"], w) for w in rows)
        self._fill()

    def _fill(self) -> None:
        self.query_one(BoardTable).fill_keys(self.codes, self._row_cells)

    def _row_cells(self, index: int) -> dict:
        code = self.codes[index]
        page = self.page_holding(index)
        self.want_page(page)  # drawn before its page is read: read it, say so meanwhile
        row = self.rows.get(code) if self.page_is_read(page) else None
        return weakness_cells(row) if row else unread_cells(code, self.app.weakness_names[code])

    def select(self, code: str) -> None:
        table = self.query_one(BoardTable)
        if table.has_row(code):
            table.move_cursor(table.get_row_index(code))

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        from boardtui.app.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen(event.key))
