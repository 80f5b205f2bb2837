"""The first screen: one row per weakness as at the meeting shown."""

from __future__ import annotations

from functools import partial

from textual.app import ComposeResult
from textual.binding import Binding

from boardtui.app.render import brag, direction, number, plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.table import BoardTable, Col

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


class DashboardScreen(DataScreen):
    # The top level: Esc has nowhere to go back to, so the footer does not offer it.
    BINDINGS = [Binding("escape", "back", "Back", show=False, id="back")]
    crumb = "Board"

    def compose_body(self) -> ComposeResult:
        yield BoardTable(COLUMNS, id="weaknesses")

    def loading_target(self):
        return self.query_one(BoardTable)

    def on_mount(self, event) -> None:
        first, self.app.first_dashboard = self.app.first_dashboard, None
        if first is not None:
            event.prevent_default()  # skip DataScreen's load: the data is already here
            self.shown_meeting = self.app.meeting.id if self.app.meeting else None
            self.show(first)
            self.call_after_refresh(self.app.first_frame_painted)

    def load(self):
        meeting = self.app.meeting
        return self.app.views.dashboard(meeting.id) if meeting else []

    def show(self, data) -> None:
        table = self.query_one(BoardTable)
        table.fill([(w["code"], partial(weakness_cells, w)) for w in data])
        table.focus()

    def select(self, code: str) -> None:
        table = self.query_one(BoardTable)
        if code in table.row_keys:
            table.move_cursor(table.get_row_index(code))

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        from boardtui.app.screens.actions import ActionsScreen

        self.app.push_screen(ActionsScreen(event.key))
