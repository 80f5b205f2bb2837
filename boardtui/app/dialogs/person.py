"""Choose whose actions "my actions" shows: everyone who leads or oversees an open action, with
how many of each. Typing jumps to a name; Enter or Ctrl+S chooses; Esc keeps who it was."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from boardtui.app.dialogs.base import Dialog
from boardtui.app.widgets.choice import ChoiceList


class PersonDialog(Dialog[str]):
    """Closes with the name chosen, or None when cancelled."""

    def __init__(self, people: list[dict], current: str) -> None:
        super().__init__()
        self.people = people
        self.current = current

    def compose(self) -> ComposeResult:
        choices = [(p["person"], f"{p['person']}: leads {p['leads']}, oversees {p['oversees']}") for p in self.people]
        current = next((p["person"] for p in self.people if p["person"].casefold() == self.current.casefold()), "")
        with Vertical(id="dialog"):
            yield Label("Whose actions?", classes="dialog-title")
            yield ChoiceList(choices, current, id="person")
            yield Static(Text("Type a name to jump to it · Enter chooses · Esc cancels", style="dim"))

    def submit(self) -> None:
        self.dismiss(self.query_one("#person", ChoiceList).value or None)
