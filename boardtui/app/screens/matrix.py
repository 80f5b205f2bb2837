"""The RAG matrix: weaknesses down, board meetings across, the weakness BRAG in each cell."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from boardtui.app.render import brag, plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.table import BoardTable, Col


# Weaknesses read at a time: a national pack has 13,000 of them, and the matrix for all of
# them takes seconds; a page takes tens of milliseconds, and rows read their page when drawn.
PAGE = 200


class MatrixScreen(DataScreen):
    crumb = "RAG matrix"

    def __init__(self) -> None:
        super().__init__()
        self.weaknesses: list[dict] = []
        self.cells: dict[tuple[str, str], dict] = {}
        self.pages: set[int] = set()  # asked for
        self.read_pages: set[int] = set()
        self.generation = 0  # a page read before the latest reload is stale

    def compose_body(self) -> ComposeResult:
        yield Static(id="matrix-key", classes="status-line")
        yield BoardTable(id="matrix", padding=0, header_height=2)

    def loading_target(self):
        return self.query_one(BoardTable)

    def load(self):
        weaknesses = self.app.views.weaknesses()
        return weaknesses, self.app.views.matrix([w["code"] for w in weaknesses[:PAGE]])

    def _read_page(self, page: int, codes: list[str], generation: int):
        return generation, page, self.app.views.matrix(codes)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "matrix-page" or event.state not in (WorkerState.SUCCESS, WorkerState.ERROR):
            return
        if event.state == WorkerState.ERROR:
            self.say(f"Could not read the pack: {event.worker.error}")
            return
        generation, page, cells = event.worker.result
        if generation == self.generation:
            self.cells.update(cells)
            self.read_pages.add(page)
            self._fill()

    def show(self, data) -> None:
        self.weaknesses, self.cells = data
        self.pages = {0}
        self.read_pages = {0}
        self.generation += 1
        table = self.query_one(BoardTable)
        current = self.app.meeting.id if self.app.meeting else None
        table.specs = [Col("code", " Code", 5), Col("name", " Weakness", None, priority=1, min_width=14)]
        for m in self.app.meetings:
            # Two-line header: month over two-digit year; the meeting shown is marked.
            label = f"{m.date:%b}\n{m.date:%y}" + ("◆" if m.id == current else "")
            table.specs.append(Col(m.id, label, 4))
        self._fill()
        key = Text("Each cell: the weakness's BRAG at that meeting (the board's own rating if given, "
                   "else the worst of its actions). ◆ marks the meeting shown; · not yet rated; … still being read.")
        self.query_one("#matrix-key", Static).update(key)
        table.focus()

    def _fill(self) -> None:
        self.query_one(BoardTable).fill([(w["code"], partial(self._row_cells, i, w))
                                         for i, w in enumerate(self.weaknesses)])

    def _row_cells(self, index: int, w: dict) -> dict:
        row = {"code": plain(" " + w["code"], "bold"), "name": plain(" " + w["short_name"])}
        page = index // PAGE
        if page not in self.pages:  # drawn before its page is read: read it, say so meanwhile
            self.pages.add(page)
            codes = [w["code"] for w in self.weaknesses[page * PAGE:(page + 1) * PAGE]]
            self.run_worker(partial(self._read_page, page, codes, self.generation), thread=True,
                            group="matrix-page", exit_on_error=False)
        current = self.app.meeting.id if self.app.meeting else None
        for m in self.app.meetings:
            if page not in self.read_pages:
                row[m.id] = Text(" …", style="dim")
                continue
            cell = self.cells.get((w["code"], m.id))
            shown = brag(cell["brag"] if cell else None)
            if m.id == current:
                shown.stylize("underline")
            row[m.id] = shown
        return row

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        self.app.open_weakness(event.key)
