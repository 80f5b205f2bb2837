"""Every red or overdue action across all weaknesses, grouped by weakness."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult

from boardtui.app.reads import ExceptionsRead, Pages
from boardtui.app.render import action_cells, plain
from boardtui.app.screens.paged import PagedScreen
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col, RowCells
from boardtui.store.rows import ExceptionRow
from boardtui.store.views import PAGE

COLUMNS = [
    Col("id", "ID", 11),
    Col("title", "Title", None, min_width=34),
    Col("lead", "Lead", 16, priority=3),
    Col("org", "Organisation", 18, priority=4),
    Col("target", "Target", 12),
    Col("original", "Original", 11, priority=2),
    Col("overdue", "Overdue", 7),
    Col("brag", "BRAG", 4),
    Col("dir", "Dir", 3, priority=1),
]


def exception_cells(r: ExceptionRow) -> dict:
    cells = action_cells(r)
    cells["id"] = Text("  ").append(plain(r.id))  # indented under its weakness
    return cells


class ExceptionsScreen(PagedScreen):
    """A national pack's exceptions are read a page of weaknesses at a time: the list ends in
    a row that reads the next page when it is drawn (scrolled to)."""

    crumb = "Exceptions"

    def __init__(self) -> None:
        super().__init__()
        self.found: list[ExceptionRow] = []  # the exceptions of the pages read, in order

    def compose_body(self) -> ComposeResult:
        yield FixedLine(id="summary", classes="status-line")
        yield BoardTable(COLUMNS, id="exceptions")

    def loading_target(self):
        return self.query_one(BoardTable)

    def current_read(self) -> ExceptionsRead:
        app = self.board_app
        return ExceptionsRead(app.meeting.id if app.meeting else None, list(app.weakness_names))

    def show(self, data: Pages) -> None:
        self.found = list(data.first)
        self.start_pages(data)
        self._fill()
        self.query_one(BoardTable).focus()

    def page_read(self, page: int, data: list[ExceptionRow]) -> None:
        self.found.extend(data)
        self._fill()

    def _fill(self) -> None:
        data = self.found
        rows: list[tuple[str, RowCells]] = []
        current = None
        for r in data:
            if r.weakness != current:
                current = r.weakness
                heading = Text()
                heading.append(plain(r.weakness, "bold reverse"))
                rows.append((f"w:{current}", {"id": heading, "title": plain(r.short_name, "bold")}))
            # The key carries the weakness: a selection that arrives after the list was filled
            # again (fast keys) still knows where its action is.
            rows.append((f"a:{r.weakness}\t{r.id}", partial(exception_cells, r)))
        read = len(self.pages_read)
        if read < self.pages:
            # Pages are read in order, each asked for by this row when it comes into view.
            rows.append((f"more:{read}", partial(self._more_cells, read)))
        reds = sum(1 for r in data if r.brag == "R")
        late = sum(1 for r in data if r.overdue)
        weaknesses = len({r.weakness for r in data})
        found = f"{len(data)} exception(s) in {weaknesses} weakness(es): {reds} red, {late} overdue"
        if read < self.pages:
            seen = min(read * PAGE, len(self.codes))
            summary = f"First {seen:,} of {len(self.codes):,} weaknesses: {found}; scroll down for more"
        elif data:
            summary = found
        else:
            summary = "No red or overdue actions at this meeting."
        if any(r.revised_as_at for r in data):
            summary += " · Target* revised (the original is kept)"
        self.query_one("#summary", FixedLine).show_text(Text(summary))
        table = self.query_one(BoardTable)
        table.fit_width("id", ("  " + r.id for r in data), 11)
        table.fill(rows)

    def _more_cells(self, page: int) -> dict:
        self.want_page(page)
        first = page * PAGE + 1
        last = min((page + 1) * PAGE, len(self.codes))
        return {"title": Text(f"… reading weaknesses {first:,}–{last:,} of {len(self.codes):,}", style="dim")}

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        kind, _, target = event.key.partition(":")
        if kind == "a":
            weakness, _, action = target.partition("\t")
            self.board_app.open_action(action, weakness)
        elif kind == "w":
            self.board_app.open_weakness(target)
