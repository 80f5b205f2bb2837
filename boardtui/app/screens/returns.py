"""Officers' returns: the updates waiting for the secretary's decision (a accepts, d declines
with a reason, Enter opens the action), the return files in the returns folder (i imports the
new ones: each update lands as submitted), and the officer's own updates not yet sent (s writes
them as one return file)."""

from __future__ import annotations

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult

from boardtui.app.keys import RETURNS_BINDINGS
from boardtui.app.reads import ReturnsPage, ReturnsRead
from boardtui.app.render import brag, day, plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.store.rows import WaitingUpdate

COLUMNS = [
    Col("what", "Action / file", 14),
    Col("who", "From", 18, priority=2),
    Col("for", "For", 5, priority=3),
    Col("proposal", "Proposed→now", 12),
    Col("text", "Progress / state", None, min_width=30),
]


def _heading(title: str) -> dict:
    return {"text": Text(title, style="bold underline")}


class ReturnsScreen(DataScreen):
    BINDINGS = RETURNS_BINDINGS
    crumb = "Returns"

    def __init__(self) -> None:
        super().__init__()
        self.page = ReturnsPage([], [], [])

    def compose_body(self) -> ComposeResult:
        yield FixedLine(id="returns-summary", classes="status-line")
        yield BoardTable(COLUMNS, id="returns")
        yield FixedLine(id="return-detail", classes="row-detail")

    def loading_target(self):
        return self.query_one(BoardTable)

    def current_read(self) -> ReturnsRead:
        app = self.board_app
        store = app.views.store
        writable = not app.read_only and store is not None and not store.read_only
        return ReturnsRead(app.returns_folder, writable, app.recording.desk)

    def show(self, data: ReturnsPage) -> None:
        self.page = data
        rows: list[tuple[str, dict]] = []
        if data.waiting:
            rows.append(("h:waiting", _heading(f"Waiting for your decision ({len(data.waiting)})")))
        for u in data.waiting:
            proposal = brag(u.proposed_brag)
            proposal.append(" → ")
            proposal.append(brag(u.current_brag))
            text = plain("".join(f"⚠ {label} · " for label in data.labels.get(u.uid, [])), "bold")
            text.append(plain(u.progress))
            rows.append(
                (
                    f"u:{u.uid}",
                    {
                        "what": plain(u.action, "bold"),
                        "who": plain(u.author),
                        "for": plain(u.for_meeting or "next"),
                        "proposal": proposal,
                        "text": text,
                    },
                )
            )
        new = [r for r in data.returns if not r.imported and r.problem is None]
        if data.returns:
            rows.append(("h:files", _heading(f"Returns in the folder ({len(new)} to import)")))
        for r in data.returns:
            state = (
                Text(r.problem, style="bold red")
                if r.problem
                else Text("imported")
                if r.imported
                else Text(f"{r.new} new of {r.updates}: i imports", style="bold")
            )
            rows.append(
                (
                    f"f:{r.path}",
                    {
                        "what": plain(r.path.name),
                        "who": plain(r.author or ""),
                        "for": plain(day(r.exported_at)[:6]),
                        "text": state,
                    },
                )
            )
        if data.unsent:
            rows.append(("h:unsent", _heading(f"Your updates not yet sent ({len(data.unsent)}): s sends them")))
        for u in data.unsent:
            rows.append(
                (
                    f"o:{u.uid}",
                    {
                        "what": plain(u.action, "bold"),
                        "who": plain(u.author),
                        "for": plain(u.for_meeting or "next"),
                        "proposal": brag(u.proposed_brag),
                        "text": plain(u.progress),
                    },
                )
            )
        table = self.query_one(BoardTable)
        table.fill(rows)
        table.focus()
        summary = (
            f"{len(data.waiting)} update(s) to decide · {len(new)} return(s) to import from "
            f"{self.board_app.returns_folder} · {len(data.unsent)} of your update(s) to send"
        )
        self.query_one("#returns-summary", FixedLine).show_text(plain(summary))
        self._show_detail(table.selected_key)

    def on_board_table_row_highlighted(self, event: BoardTable.RowHighlighted) -> None:
        self._show_detail(event.key)

    def _show_detail(self, key: str | None) -> None:
        line = Text()
        update = self._waiting(key)
        if update is not None:
            line.append(plain(f"{update.action} by {update.author}", "bold"))
            line.append("  ")
            line.append(plain(update.conflicts or update.progress))
        self.query_one("#return-detail", FixedLine).show_text(line)

    def _waiting(self, key: str | None) -> WaitingUpdate | None:
        if not key or not key.startswith("u:"):
            return None
        return next((u for u in self.page.waiting if u.uid == key[2:]), None)

    def _selected_update(self) -> WaitingUpdate:
        update = self._waiting(self.query_one(BoardTable).selected_key)
        if update is None:
            self.board_app.notify("Choose an update waiting for your decision first.", timeout=4)
            raise SkipAction()
        return update

    def action_accept(self) -> None:
        self.board_app.recording.accept(self._selected_update().uid)

    def action_decline(self) -> None:
        update = self._selected_update()
        self.board_app.recording.decline(update.uid, update.action)

    def action_import_returns(self) -> None:
        new = [r.path for r in self.page.returns if not r.imported and r.problem is None]
        if not new:
            self.board_app.notify(f"No return waits to be imported in {self.board_app.returns_folder}.", timeout=5)
            return
        self.board_app.recording.import_returns(new)

    def action_send_return(self) -> None:
        if not self.page.unsent:
            self.board_app.notify("You have no update waiting to be sent.", timeout=4)
            return
        self.board_app.recording.send_return()

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        kind, _, rest = event.key.partition(":")
        if kind == "u":
            update = self._waiting(event.key)
            if update is not None:
                self._open_action(update.action)
        elif kind == "o":
            self._open_action(next(u.action for u in self.page.unsent if u.uid == rest))

    def _open_action(self, action_id: str) -> None:
        from boardtui.app.screens.action_detail import ActionDetailScreen

        self.board_app.push_screen(ActionDetailScreen(action_id))
