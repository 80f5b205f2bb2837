"""Ctrl+P: go to any weakness, action or board meeting by its id or by words of its name, or run
one of the app's commands (theme, keys, screenshot, quit).

Each keystroke searches the pack (a worker, in DuckDB: queries/palette_search.sql), so a national
pack's 100,000 actions are searched as fast as one board's, and the list holds at most LISTED
results, the id typed whole first. Up and Down move in the list while the text keeps the focus;
Enter (or Ctrl+S) goes to the result under the cursor. Keys typed ahead wait for the search of
what was typed before them (the app's key gate waits for every worker a key starts), so Enter
always takes a result of the whole id typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from boardtui.app.dialogs.base import Dialog
from boardtui.app.render import plain
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.app.work import PALETTE, in_thread
from boardtui.text import one_line

if TYPE_CHECKING:
    from boardtui.store.rows import PaletteResult

LISTED = 50
COLUMNS = [Col("what", "", None, min_width=30), Col("kind", "", 22, priority=1)]
GO = {"weakness": "go to weakness", "action": "go to action", "meeting": "show as at meeting"}


@dataclass(frozen=True)
class Destination:
    """Where a palette result goes: a weakness, action or meeting of the pack, or a command."""

    kind: str  # weakness, action, meeting, command
    target: str
    weakness: str | None = None
    command: Any = None  # a command's callback


class PaletteDialog(Dialog[Destination]):
    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
        Binding("pagedown", "move(10)", show=False),
        Binding("pageup", "move(-10)", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, Destination] = {}
        self._wanted = ""  # the text typed, which the results are to be for
        self._searching = False

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide palette"):
            yield Label("Go to", classes="dialog-title")
            yield Input(
                placeholder="an id (W09, IP25-09.2, M19), words of a name or title, or a command", id="palette-input"
            )
            yield BoardTable(COLUMNS, header_height=0, id="palette-results")
            yield Static(Text("↑↓ choose · Enter go · Esc cancel", style="dim"))

    def on_mount(self) -> None:
        # Dialog's own on_mount (Textual calls both) focuses the text.
        self.search("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.search(event.value)

    def search(self, typed: str) -> None:
        # One search at a time, for the latest text: a thread cannot be stopped mid-query, so
        # searching every character typed at once queued eight queries before the one wanted.
        self._wanted = typed
        if not self._searching:
            self._search(typed)

    def _search(self, typed: str) -> None:
        views = self.board_app.views
        self._searching = True
        in_thread(
            self,
            lambda: views.palette(typed, LISTED),
            partial(self._found, typed),
            self._not_found,
            name="palette search",
            group=PALETTE,
        )

    def _found(self, typed: str, rows: list[PaletteResult]) -> None:
        self._searching = False
        if typed != self._wanted:  # typed on meanwhile: what was found is for text no longer there
            self._search(self._wanted)
        else:
            self.show(typed, rows)

    def _not_found(self, error: Exception) -> None:
        self._searching = False
        self.query_one(BoardTable).fill([("problem", {"what": plain(f"Could not search: {error}")})])

    def commands(self, typed: str) -> list[SystemCommand]:
        """The app's commands whose title or help holds every word typed."""
        words = typed.lower().split()
        return [
            c
            for c in self.app.get_system_commands(
                self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else self.app.screen
            )
            if all(w in f"{c.title} {c.help}".lower() for w in words)
        ]

    def show(self, typed: str, rows: list[PaletteResult]) -> None:
        self.found = {}
        lines = []
        for row in rows:
            key = f"{row.kind}:{row.target}"
            self.found[key] = Destination(row.kind, row.target, row.weakness)
            lines.append((key, {"what": plain(one_line(row.label)), "kind": Text(GO[row.kind], style="dim")}))
        for n, command in enumerate(self.commands(typed)):
            key = f"command:{n}"
            self.found[key] = Destination("command", command.title, command=command.callback)
            lines.append(
                (key, {"what": plain(f"{command.title}: {command.help}"), "kind": Text("command", style="dim")})
            )
        table = self.query_one(BoardTable)
        table.start_over()  # the best match first, whatever was highlighted before
        table.fill(lines)

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        self.submit()  # Enter on the list itself, or a click on the row under the cursor

    def action_move(self, by: int) -> None:
        table = self.query_one(BoardTable)
        table.move_cursor(table.cursor_row + by)

    def submit(self) -> None:
        chosen = self.found.get(self.query_one(BoardTable).selected_key or "")
        if chosen is not None:
            self.dismiss(chosen)
