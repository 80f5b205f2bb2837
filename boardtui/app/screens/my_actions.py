"""My actions: every action the officer leads or oversees, across every weakness, by target date,
with its last BRAG and where the officer's update since the last meeting is (drafted, sent,
received, decided, or none yet). Who "I" am is ``user`` in boardtui.toml, else the login name;
``c`` chooses another person (everyone who leads or oversees an open action). Enter opens the
action; ``U`` writes an update on it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult

from boardtui.app.keys import MY_ACTIONS_BINDINGS
from boardtui.app.reads import MyActionsRead
from boardtui.app.render import brag, day, overdue, plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col

COLUMNS = [
    Col("id", "ID", 9),
    Col("title", "Title", None, min_width=30),
    Col("weakness", "Area", 5, priority=3),
    Col("role", "Role", 7, priority=2),
    Col("target", "Target", 12),
    Col("overdue", "Overdue", 7),
    Col("brag", "BRAG", 4),
    Col("rated", "Last rated", 11, priority=4),
    Col("update", "Update since the last meeting", 26, priority=1),
]
ROLE = {"lead": "lead", "senior officer": "SRO", "lead and senior officer": "lead+SRO"}


def update_cell(row: dict, person: str) -> Text:
    seen = row["update"]
    if seen is None:
        return Text("none yet" if row["status"] == "open" else "", style="bold" if row["status"] == "open" else "")
    return plain(seen.short(person), "" if seen.sent else "bold")


def cells(row: dict, person: str) -> dict:
    closed = row["status"] != "open"
    return {
        "id": plain(row["id"], "dim" if closed else "bold"),
        "title": plain(row["title"] + (f" ({row['status']})" if closed else ""), "dim" if closed else ""),
        "weakness": plain(row["weakness"]),
        "role": plain(ROLE.get(row["role"], row["role"])),
        "target": plain(day(row["target_in_force"]) + ("*" if row["revised_as_at"] else "")),
        "overdue": overdue(row["overdue"]),
        "brag": brag(row["brag"]),
        "rated": plain(day(row["last_rated"])),
        "update": update_cell(row, person),
    }


class MyActionsScreen(DataScreen):
    BINDINGS = MY_ACTIONS_BINDINGS
    CSS_PATH = "screens.tcss"  # read when first shown, not for the first frame
    crumb = "My actions"

    def __init__(self) -> None:
        super().__init__()
        self.data = None

    def compose_body(self) -> ComposeResult:
        yield FixedLine(id="mine-summary", classes="summary-2")
        yield BoardTable(COLUMNS, id="my-actions")
        yield FixedLine(id="row-detail", classes="row-detail")

    def loading_target(self):
        return self.query_one(BoardTable)

    def current_read(self) -> MyActionsRead:
        app = self.board_app
        return MyActionsRead(app.me, app.meeting.id if app.meeting else None, app.pack_path)

    def show(self, data) -> None:
        self.data = data
        table = self.query_one(BoardTable)
        table.fit_width("id", (r["id"] for r in data.actions), 9)
        table.fill([(r["id"], cells(r, data.person)) for r in data.actions])
        table.focus()
        self.query_one("#mine-summary", FixedLine).show_text(plain(data.summary()))
        self._show_detail(table.selected_key)

    def on_board_table_row_highlighted(self, event: BoardTable.RowHighlighted) -> None:
        self._show_detail(event.key)

    def _show_detail(self, key: str | None) -> None:
        row = self._row(key)
        line = Text()
        if row is not None:
            line.append(plain(row["id"], "bold"))
            line.append("  ")
            line.append(plain(f"{row['weakness']} {row['weakness_name']}"))
            line.append(plain(f"  ·  lead {row['action_lead']} · senior officer {row['senior_officer']}"))
            if row["update"] is not None:
                line.append("\n")
                line.append(plain(row["update"].progress, "italic"))
        self.query_one("#row-detail", FixedLine).show_text(line)

    def _row(self, key: str | None) -> dict | None:
        if self.data is None or key is None:
            return None
        return next((r for r in self.data.actions if r["id"] == key), None)

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        from boardtui.app.screens.action_detail import ActionDetailScreen

        if self._row(event.key) is not None:
            self.app.push_screen(ActionDetailScreen(event.key))

    def action_update(self) -> None:
        row = self._row(self.query_one(BoardTable).selected_key)
        if row is not None:
            self.board_app.recording.update(row["id"], row["title"])

    def action_choose_person(self) -> None:
        from boardtui.app.dialogs.person import PersonDialog

        if self.data is None:
            return
        self.app.push_screen(PersonDialog(self.data.people, self.board_app.me), self._chosen)

    def _chosen(self, person: str | None) -> None:
        if person:
            self.board_app.me = person
            self.reload()

    def minute_context(self) -> tuple[str | None, str | None]:
        row = self._row(self.query_one(BoardTable).selected_key)
        return (row["weakness"], row["id"]) if row else (None, None)
