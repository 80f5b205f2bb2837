"""Every red or overdue action across all weaknesses, grouped by weakness."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from boardtui.app.render import action_cells, plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.table import BoardTable, Col

COLUMNS = [
    Col("id", "ID", 11),
    Col("title", "Title", None, min_width=34),
    Col("lead", "Lead", 16, priority=3),
    Col("org", "Organisation", 18, priority=4),
    Col("target", "Target", 11),
    Col("revised", "Revised", 11, priority=2),
    Col("overdue", "Overdue", 7),
    Col("brag", "BRAG", 4),
    Col("dir", "Dir", 3, priority=1),
]


def exception_cells(r: dict) -> dict:
    cells = action_cells(r)
    cells["id"] = plain("  " + r["id"])  # indented under its weakness
    return cells


class ExceptionsScreen(DataScreen):
    crumb = "Exceptions"

    def compose_body(self) -> ComposeResult:
        yield Static(id="summary", classes="status-line")
        yield BoardTable(COLUMNS, id="exceptions")

    def loading_target(self):
        return self.query_one(BoardTable)

    def load(self):
        meeting = self.app.meeting
        return self.app.views.exceptions(meeting.id) if meeting else []

    def show(self, data) -> None:
        self.weakness_of = {r["id"]: r["weakness"] for r in data}
        rows, current = [], None
        for r in data:
            if r["weakness"] != current:
                current = r["weakness"]
                heading = Text()
                heading.append(plain(r["weakness"], "bold reverse"))
                rows.append((f"w:{current}", {"id": heading, "title": plain(r["short_name"], "bold")}))
            rows.append((f"a:{r['id']}", partial(exception_cells, r)))
        reds = sum(1 for r in data if r["brag"] == "R")
        late = sum(1 for r in data if r["overdue"])
        weaknesses = len({r["weakness"] for r in data})
        self.query_one("#summary", Static).update(Text(
            f"{len(data)} exception(s) in {weaknesses} weakness(es): {reds} red, {late} overdue"
            if data else "No red or overdue actions at this meeting."))
        table = self.query_one(BoardTable)
        table.fill(rows)
        table.focus()

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        kind, _, target = event.key.partition(":")
        if kind == "a":
            self.app.open_action(target, self.weakness_of[target])
        else:
            self.app.open_weakness(target)
