"""Search action ids, titles, descriptions and minutes; Enter opens a result."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Input

from boardtui.app.reads import Found, SearchRead
from boardtui.app.render import plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.app.work import SEARCH_RESULTS
from boardtui.store.rows import SearchResult

COLUMNS = [Col("kind", "Kind", 6), Col("where", "Where", 30), Col("text", "Text", None, min_width=30)]


class SearchScreen(DataScreen):
    CSS_PATH = "screens.tcss"  # read when first shown, not for the first frame
    crumb = "Search"
    READ_GROUP = SEARCH_RESULTS  # results for the words typed so far (work.AS_TYPED)

    def __init__(self) -> None:
        super().__init__()
        self.words = ""
        self.results: dict[str, SearchResult] = {}

    def compose_body(self) -> ComposeResult:
        yield Input(placeholder="Search ids, titles, descriptions, minutes… (Enter: go to results)", id="search-input")
        yield FixedLine(id="search-count", classes="status-line")
        yield BoardTable(COLUMNS, id="results")
        yield FixedLine(id="result-detail", classes="row-detail")

    def on_board_table_row_highlighted(self, event: BoardTable.RowHighlighted) -> None:
        self._show_result(self.results.get(event.key))

    def _show_result(self, result: SearchResult | None) -> None:
        """The highlighted result in full: where, and the text the table cuts to its column."""
        line = Text()
        if result is not None:
            line.append(plain(result.label, "bold"))
            line.append("\n")
            line.append(plain(result.detail))
        self.query_one("#result-detail", FixedLine).show_text(line)

    def on_mount(self) -> None:
        # DataScreen.on_mount runs too (Textual calls each class's handler).
        self.set_focus(self.query_one(Input))  # at once: keys typed straight after / are the search

    def current_read(self) -> SearchRead:
        return SearchRead(self.words)

    def show(self, data: Found) -> None:
        words, found = data.words, data.rows
        self.results = {}
        rows = []
        for n, r in enumerate(found):
            key = str(n)
            self.results[key] = r
            rows.append((key, {"kind": plain(r.kind), "where": plain(r.label), "text": plain(r.detail)}))
        table = self.query_one(BoardTable)
        table.fill(rows)
        self._show_result(self.results.get(table.selected_key or ""))
        count = "" if not words.strip() else f"{len(found)} result(s) for “{words.strip()}”"
        self.query_one("#search-count", FixedLine).show_text(plain(count))

    def on_input_changed(self, event: Input.Changed) -> None:
        self.words = event.value
        self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        table = self.query_one(BoardTable)
        if table.row_count:
            table.focus()

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        result = self.results.get(event.key)
        if not result:
            return
        if result.action and result.weakness:  # a minute about an action has its weakness too
            self.board_app.open_action(result.action, result.weakness)
        elif result.weakness:
            self.board_app.open_weakness_detail(result.weakness)
        elif result.meeting:  # a minute about the whole board: show the pack as at that meeting
            self.board_app.go_to_meeting(result.meeting)
