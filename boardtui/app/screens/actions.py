"""The actions of one weakness: sortable by any column, filterable."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult

from boardtui.app.dialogs.filter import ActionFilter, FilterDialog
from boardtui.app.keys import ACTIONS_BINDINGS
from boardtui.app.reads import ActionsRead
from boardtui.app.render import action_cells, plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.ids import natural_key
from boardtui.store.rows import ActionRow

COLUMNS = [
    Col("id", "ID", 9),
    Col("title", "Title", None, min_width=34),
    Col("lead", "Lead", 16, priority=2),
    Col("org", "Organisation", 18, priority=5),
    Col("plan", "Plan", 4, priority=4),
    Col("target", "Target", 12),
    Col("original", "Original", 11, priority=1),
    Col("overdue", "Overdue", 7),
    Col("brag", "BRAG", 4),
    Col("dir", "Dir", 3),
    Col("rated", "Last rated", 11, priority=3),
]
# Row field each column sorts by.
SORT_FIELD = {
    "id": "id",
    "title": "title",
    "lead": "action_lead",
    "org": "lead_org",
    "plan": "plan",
    "target": "target_in_force",
    "original": "target_date",
    "overdue": "overdue",
    "brag": "brag",
    "dir": "direction",
    "rated": "last_rated",
}
BRAG_ORDER = {"R": 0, "A": 1, "G": 2, "B": 3}


def sort_value(row: ActionRow, field: str):
    value = getattr(row, field)  # a field SORT_FIELD names
    if field == "brag":
        value = BRAG_ORDER.get(value or "")
    elif field == "id":
        value = natural_key(value)  # IP25-05.2 before IP25-05.19, as people count
    # None sorts last whichever way; (flag, value) keeps types comparable.
    return (value is None, value if value is not None else 0)


@dataclass
class SortOrder:
    column: str = "id"
    reverse: bool = False


class ActionsScreen(DataScreen):
    BINDINGS = ACTIONS_BINDINGS

    def __init__(self, weakness: str) -> None:
        super().__init__()
        self.weakness = weakness
        self.reset()

    def reset(self) -> None:
        self.sort = SortOrder()
        self.filter = ActionFilter()
        self.rows: list[ActionRow] = []
        for line in self.query("#row-detail").results(FixedLine):  # none before the screen is composed
            line.show_text(Text())

    def compose_body(self) -> ComposeResult:
        yield FixedLine(id="filter-line", classes="status-line")
        yield BoardTable(COLUMNS, id="actions")
        yield FixedLine(id="row-detail", classes="row-detail")

    def loading_target(self):
        return self.query_one(BoardTable)

    def breadcrumb_part(self) -> Text:
        return plain(f"{self.weakness} {self.board_app.weakness_names.get(self.weakness, '')}".strip())

    def current_read(self) -> ActionsRead:
        meeting = self.board_app.meeting
        return ActionsRead(self.weakness, meeting.id if meeting else None)

    def show(self, data: list[ActionRow]) -> None:
        self.rows = data
        self.render_rows()

    def render_rows(self) -> None:
        table = self.query_one(BoardTable)
        shown = [r for r in self.rows if self.filter.keeps(r)]
        field = SORT_FIELD[self.sort.column]
        shown.sort(key=lambda r: sort_value(r, field), reverse=self.sort.reverse)
        for col in COLUMNS:
            mark = (" ▼" if self.sort.reverse else " ▲") if col.key == self.sort.column else ""
            table.set_label(col.key, col.label + mark)
        table.fit_width("id", (r.id for r in self.rows), 9)
        table.fill([(r.id, action_cells(r)) for r in shown])
        line = Text(
            f"{len(shown)} of {len(self.rows)} actions · sorted by "
            f"{next(c.label for c in COLUMNS if c.key == self.sort.column)}"
            f"{' (reversed)' if self.sort.reverse else ''}"
        )
        if self.filter.active:
            line.append(" · filter: ", style="bold")
            line.append(self.filter.describe())
        if any(r.revised_as_at for r in shown):
            line.append(" · Target* revised (the original is kept)", style="dim")
        self.query_one("#filter-line", FixedLine).show_text(line)
        table.focus()
        # Now, not when the table's RowHighlighted arrives: that comes after the first paint,
        # and a second paint waits for the next frame.
        self.show_row_detail(table.selected_key)

    def on_board_table_row_highlighted(self, event: BoardTable.RowHighlighted) -> None:
        self.show_row_detail(event.key)

    def show_row_detail(self, key: str | None) -> None:
        # Every column may not fit: the highlighted action's people and plan, in full.
        line = Text()
        if key is None:  # no rows (a filter kept none): no action's detail left behind
            self.query_one("#row-detail", FixedLine).show_text(line)
            return
        row = next((r for r in self.rows if r.id == key), None)
        if row is None:  # a highlight from rows since replaced
            return
        line.append(plain(row.id, "bold"))
        line.append("  ")
        line.append(plain(row.title))
        line.append("\nLead ")
        line.append(plain(row.action_lead, "bold"))
        line.append(", ")
        line.append(plain(row.lead_org))
        line.append(" · senior officer ")
        line.append(plain(row.senior_officer, "bold"))
        line.append(" · plan ")
        line.append(plain(row.plan))
        self.query_one("#row-detail", FixedLine).show_text(line)

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        from boardtui.app.screens.action_detail import ActionDetailScreen

        self.app.push_screen(ActionDetailScreen(event.key))

    def on_board_table_header_selected(self, event: BoardTable.HeaderSelected) -> None:
        key = event.column
        if key == self.sort.column:
            self.sort.reverse = not self.sort.reverse
        else:
            self.sort = SortOrder(key)
        self.render_rows()

    def action_sort_next(self) -> None:
        keys = [c.key for c in COLUMNS]
        self.sort = SortOrder(keys[(keys.index(self.sort.column) + 1) % len(keys)])
        self.render_rows()

    def action_sort_reverse(self) -> None:
        self.sort.reverse = not self.sort.reverse
        self.render_rows()

    def action_filter(self) -> None:
        organisations = sorted({r.lead_org for r in self.rows})
        plans = sorted({r.plan for r in self.rows})

        def apply(chosen: ActionFilter | None) -> None:
            if chosen is not None:
                self.filter = chosen
                self.render_rows()

        self.app.push_screen(FilterDialog(self.filter, organisations, plans), apply)

    def action_rate(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.board_app.recording.rate(row.id, row.title)

    def action_revise_target(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.board_app.recording.revise_target(row.id, row.title)

    def action_reopen(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.board_app.recording.reopen(row.id, row.title)

    def action_update(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.board_app.recording.update(row.id, row.title)

    def selected_row(self) -> ActionRow | None:
        key = self.query_one(BoardTable).selected_key
        return next((r for r in self.rows if r.id == key), None)

    def minute_context(self) -> tuple[str | None, str | None]:
        row = self.selected_row()
        return self.weakness, (row.id if row else None)

    def action_weakness_detail(self) -> None:
        from boardtui.app.screens.weakness_detail import WeaknessDetailScreen

        self.app.push_screen(WeaknessDetailScreen(self.weakness))
