"""The RAG matrix: weaknesses down, board meetings across, the weakness BRAG in each cell."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from boardtui.app.render import brag, plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.table import BoardTable, Col


class MatrixScreen(DataScreen):
    crumb = "RAG matrix"

    def compose_body(self) -> ComposeResult:
        yield Static(id="matrix-key", classes="status-line")
        yield BoardTable(id="matrix", padding=0, header_height=2)

    def loading_target(self):
        return self.query_one(BoardTable)

    def load(self):
        return self.app.views.weaknesses(), self.app.views.matrix()

    def show(self, data) -> None:
        weaknesses, cells = data
        table = self.query_one(BoardTable)
        current = self.app.meeting.id if self.app.meeting else None
        table.specs = [Col("code", " Code", 5), Col("name", " Weakness", None, priority=1, min_width=14)]
        for m in self.app.meetings:
            # Two-line header: month over two-digit year; the meeting shown is marked.
            label = f"{m.date:%b}\n{m.date:%y}" + ("◆" if m.id == current else "")
            table.specs.append(Col(m.id, label, 4))
        meetings = list(self.app.meetings)

        def row_cells(w: dict) -> dict:
            row = {"code": plain(" " + w["code"], "bold"), "name": plain(" " + w["short_name"])}
            for m in meetings:
                cell = cells.get((w["code"], m.id))
                shown = brag(cell["brag"] if cell else None)
                if m.id == current:
                    shown.stylize("underline")
                row[m.id] = shown
            return row

        table.fill([(w["code"], partial(row_cells, w)) for w in weaknesses])
        key = Text("Each cell: the weakness's BRAG at that meeting (the board's own rating if given, "
                   "else the worst of its actions). ◆ marks the meeting shown; · not yet rated.")
        self.query_one("#matrix-key", Static).update(key)
        table.focus()

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        self.app.open_weakness(event.key)
