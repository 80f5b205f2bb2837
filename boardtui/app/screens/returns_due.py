"""Returns due: for the secretary, the next board meeting's open actions grouped by lead officer,
those with an action still without an update first, and for each action whether an update has
come since the last meeting (in the pack, or in a return waiting in the returns folder). The
same as ``boardtui returns due PACK``, which writes it for a reminder email. Enter opens an action."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.app import ComposeResult

from boardtui.app.reads import ReturnsDueRead
from boardtui.app.render import brag, day, overdue, plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col, RowCells

COLUMNS = [
    Col("id", "Lead / action", 16),
    Col("title", "Title", None, min_width=30),
    Col("target", "Target", 12),
    Col("overdue", "Overdue", 7, priority=2),
    Col("brag", "BRAG", 4),
    Col("update", "Update since the last meeting", 34, priority=1),
]


def action_cells(row: dict, lead: str) -> dict:
    seen = row["update"]
    return {
        "id": Text("  ").append(plain(row["id"])),
        "title": plain(row["title"]),
        "target": plain(day(row["target_in_force"]) + ("*" if row["revised_as_at"] else "")),
        "overdue": overdue(row["overdue"]),
        "brag": brag(row["brag"]),
        "update": plain(seen.short(lead), "" if seen.sent else "bold")
        if seen is not None
        else Text("none yet", style="bold"),
    }


class ReturnsDueScreen(DataScreen):
    CSS_PATH = "screens.tcss"  # read when first shown, not for the first frame
    crumb = "Returns due"

    def __init__(self) -> None:
        super().__init__()
        self.data = None

    def compose_body(self) -> ComposeResult:
        yield FixedLine(id="due-summary", classes="summary-3")
        yield BoardTable(COLUMNS, id="returns-due")

    def loading_target(self):
        return self.query_one(BoardTable)

    def current_read(self) -> ReturnsDueRead:
        return ReturnsDueRead(self.board_app.returns_folder)

    def show(self, data) -> None:
        self.data = data
        rows: list[tuple[str, RowCells]] = []
        for officer in data.officers:
            heading = plain(officer.name, "bold reverse")
            state = f"{officer.sent} of {len(officer.actions)} updated" + ("" if officer.done else " · reminder due")
            rows.append(
                (f"o:{officer.name}", {"id": heading, "title": plain(state, "bold" if not officer.done else "")})
            )
            # Each action's cells made when its row is first drawn: a national pack's 30,000
            # actions made at once held 120 MB of styled text.
            rows += [(f"a:{a['weakness']}\t{a['id']}", partial(action_cells, a, officer.name)) for a in officer.actions]
        table = self.query_one(BoardTable)
        table.fill(rows)
        table.focus()
        line = Text()
        line.append(plain(data.heading(), "bold"))
        line.append("\n")
        line.append(plain(data.summary()))
        self.query_one("#due-summary", FixedLine).show_text(line)

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        kind, _, target = event.key.partition(":")
        if kind == "a":
            from boardtui.app.screens.action_detail import ActionDetailScreen

            self.app.push_screen(ActionDetailScreen(target.partition("\t")[2]))
