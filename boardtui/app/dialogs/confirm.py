"""Ask before a key whose effect is hard to take back (quit in a meeting, approve minutes):
y goes ahead, n or Esc does not. A stray key typed at speed does neither."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from boardtui.app.dialogs.base import Dialog


class ConfirmDialog(Dialog[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: Text, detail: Text) -> None:
        super().__init__()
        self.question = question
        self.detail = detail

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.question, classes="dialog-title")
            yield Static(self.detail, classes="dialog-note")
            yield Static(Text("y yes · n or Esc no", style="dim"))

    def action_save(self) -> None:
        """Ctrl+S is not an answer here."""

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
