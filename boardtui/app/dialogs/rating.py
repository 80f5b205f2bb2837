"""Record a rating: the meeting it belongs to, one key for B/R/A/G, a rationale, Enter saves.
Blue closes the action, so it also asks for the evidence."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from boardtui.app.render import brag, plain
from boardtui.app.dialogs.saving import SavingDialog
from boardtui.store.changes import RateAction


@dataclass(frozen=True)
class RatingRequest:
    action_id: str
    title: str
    meetings: list[tuple[str, str]]  # (id, label) of meetings whose minutes are draft
    meeting: str  # the one to start on


class BragPicker(Static, can_focus=True):
    """Takes one key: B, R, A or G."""

    letter: str | None = None

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        text = Text("Rating: ")
        text.append(brag(self.letter, word=True) if self.letter else Text("press B, R, A or G", style="italic"))
        self.update(text)

    def on_key(self, event: events.Key) -> None:
        letter = (event.character or "").upper()
        if letter in ("B", "R", "A", "G"):
            event.stop()
            self.letter = letter
            self.show()
            self.screen.picked(letter)


class RatingDialog(SavingDialog):
    """Dismisses with the change recorded, or None when cancelled."""

    general_error_field = "rationale"

    def __init__(self, request: RatingRequest) -> None:
        super().__init__()
        self.request = request

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            title = Text("Rate ", style="bold")
            title.append(plain(self.request.action_id, "bold"))
            title.append("  ")
            title.append(plain(self.request.title))
            yield Label(title, classes="dialog-title")
            yield Label("Meeting")
            yield Select([(Text(label), mid) for mid, label in self.request.meetings],
                         value=self.request.meeting, allow_blank=False, id="meeting")
            yield BragPicker(id="brag")
            yield Static(id="brag-error", classes="field-error")
            yield Label("Rationale (required)")
            yield Input(id="rationale", placeholder="why this rating")
            yield Static(id="rationale-error", classes="field-error")
            with Vertical(id="evidence-box"):
                yield Label("Blue closes the action: evidence of completion (required)")
                yield Input(id="evidence", placeholder="what shows it is done")
                yield Static(id="evidence-error", classes="field-error")
                yield Label("Reference (optional)")
                yield Input(id="reference", placeholder="e.g. board paper, report")
            yield Static(Text("Enter saves · Esc cancels", style="dim"))

    def on_mount(self) -> None:
        self.query_one("#evidence-box").display = False
        for error in self.query(".field-error"):
            error.display = False
        self.query_one(BragPicker).focus()

    def picked(self, letter: str) -> None:
        self.query_one("#evidence-box").display = letter == "B"
        self.query_one("#rationale", Input).focus()

    def show_error(self, field: str, message: str) -> None:
        target = {"rating": "brag", "due date": "rationale"}.get(field, field)
        try:
            box = self.query_one(f"#{target}-error", Static)
        except Exception:  # a field without its own line: show it under the rationale
            box = self.query_one("#rationale-error", Static)
        box.update(Text(message, style="bold red"))
        box.display = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        for error in self.query(".field-error"):
            error.display = False
        letter = self.query_one(BragPicker).letter
        if letter is None:
            self.show_error("rating", "rating: press B, R, A or G")
            self.query_one(BragPicker).focus()
            return
        self.save(RateAction(self.request.action_id, self.query_one("#meeting", Select).value, letter,
                             self.query_one("#rationale", Input).value, self.query_one("#evidence", Input).value,
                             self.query_one("#reference", Input).value))
