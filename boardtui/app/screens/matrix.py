"""The RAG matrix: weaknesses down, board meetings across, the weakness BRAG in each cell."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from boardtui.app.reads import MatrixRead, Pages
from boardtui.app.render import brag, plain
from boardtui.app.screens.paged import PagedScreen
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.store.rows import MatrixCell


class MatrixScreen(PagedScreen):
    CSS_PATH = "screens.tcss"  # read when first shown, not for the first frame
    crumb = "RAG matrix"

    def __init__(self) -> None:
        super().__init__()
        self.cells: dict[tuple[str, str], MatrixCell] = {}
        self._drawn_as: tuple[int, str | None] | None = None  # (pack generation, meeting) on screen

    def compose_body(self) -> ComposeResult:
        yield FixedLine(id="matrix-key", classes="status-line")
        # The codes stay put while the meetings scroll sideways (at 80 columns they do not all fit).
        yield BoardTable(id="matrix", padding=0, header_height=2, fixed_columns=1)

    def loading_target(self):
        return self.query_one(BoardTable)

    def current_read(self) -> MatrixRead:
        return MatrixRead(list(self.board_app.weakness_names))

    def page_read(self, page: int, cells: dict[tuple[str, str], MatrixCell]) -> None:
        self.cells.update(cells)
        self._fill()

    def on_mount(self) -> None:
        # Columns, key and size are known before the cells are read: the first frame has them.
        self._set_columns()
        key = Text(
            "Each cell: the weakness's BRAG at that meeting (the board's own rating if given, "
            "else the worst of its actions). ◆ marks the meeting shown; · not yet rated; … still being read."
        )
        self.query_one("#matrix-key", FixedLine).show_text(key)
        self.query_one(BoardTable).reserve_rows(len(self.board_app.weakness_names))

    def clear_rows(self) -> None:
        self._drawn_as = None
        table = self.query_one(BoardTable)
        table.fill([])
        table.reserve_rows(len(self.board_app.weakness_names))  # still sized for them: no layout later

    def _set_columns(self) -> None:
        table = self.query_one(BoardTable)
        current = self.board_app.meeting.id if self.board_app.meeting else None
        # A blank cell before each code is where the cursor's mark goes; national codes are longer.
        width = max(4, 1 + max((len(c) for c in self.board_app.weakness_names), default=0))
        specs = [Col("code", "Code", width), Col("name", " Weakness", None, priority=1, min_width=14)]
        for m in self.board_app.meetings:
            # Two-line header, over the letters: month over two-digit year; the meeting shown is marked.
            label = f" {m.date:%b}\n {m.date:%y}" + ("◆" if m.id == current else "")
            specs.append(Col(m.id, label, 4))
        table.set_columns(specs)

    def show(self, data: Pages) -> None:
        app = self.board_app
        table = self.query_one(BoardTable)
        drawn_as = (app.views.generation, app.meeting.id if app.meeting else None)
        if drawn_as == self._drawn_as:
            # Shown again as at the same meeting, nothing changed since: the rows drawn last
            # time (and the pages read) stand; only the cursor starts over.
            table.move_cursor(0)
        else:
            self.cells = dict(data.first)
            self.start_pages(data)
            self._set_columns()  # the meeting shown may have changed
            self._fill()
            self._drawn_as = drawn_as
        # Narrow: the codes stay, and the meeting shown is always in view.
        table.keep_column_in_view(app.meeting.id if app.meeting else None)
        table.focus()

    def _fill(self) -> None:
        self.query_one(BoardTable).fill_keys(self.codes, self._row_cells)

    def _row_cells(self, index: int) -> dict:
        code = self.codes[index]
        row = {
            "code": Text(" ").append(plain(code, "bold")),
            "name": Text(" ").append(plain(self.board_app.weakness_names[code])),
        }
        page = self.page_holding(index)
        self.want_page(page)  # drawn before its page is read: read it, say so meanwhile
        current = self.board_app.meeting.id if self.board_app.meeting else None
        for m in self.board_app.meetings:
            if not self.page_is_read(page):
                row[m.id] = Text(" …", style="dim")
                continue
            cell = self.cells.get((code, m.id))
            shown = brag(cell.brag if cell else None)
            if m.id == current:
                shown.stylize("underline")
            row[m.id] = shown
        return row

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        self.board_app.open_weakness(event.key)
