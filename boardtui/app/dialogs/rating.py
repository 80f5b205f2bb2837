"""Record a rating: the meeting it belongs to, one key for B/R/A/G, a rationale as long as it needs
to be, Ctrl+S saves. Blue closes the action, so it also asks for the evidence."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from boardtui.app.dialogs.saving import SavingDialog
from boardtui.app.render import brag, plain
from boardtui.app.widgets.choice import ChoiceList
from boardtui.app.work import in_thread
from boardtui.store.changes import RateAction, RateWeakness
from boardtui.store.rows import ActionUpdate
from boardtui.text import clean


@dataclass(frozen=True)
class RatingRequest:
    action_id: str
    title: str
    meetings: list[tuple[str, str]]  # (id, label) of meetings whose minutes are draft
    meeting: str  # the one to start on
    brag: str | None = None  # a rating to start from (an officer's proposal)
    rationale: str = ""
    weakness: bool = False  # the board's own rating of a weakness (action_id is its code)


class BragPicker(Static, can_focus=True):
    """Shows the rating picked; the dialog's B, R, A and G keys pick it while it has the focus."""

    letter: str | None = None

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        text = Text("Rating: ")
        text.append(brag(self.letter, word=True) if self.letter else Text("press B, R, A or G", style="italic"))
        self.update(text)


class RatingDialog(SavingDialog):
    """Closes with the change recorded, or None when cancelled."""

    # Priority bindings, so the focus has moved to the rationale before the next key is routed:
    # "r G On track" typed at once puts "On track" in the rationale.
    BINDINGS = [
        Binding(f"{letter.lower()},{letter}", f"pick('{letter}')", show=False, priority=True) for letter in "BRAG"
    ]
    # The officer's words become the rationale only when the secretary takes them: the public
    # update quotes the rationale as what the board heard.
    BINDINGS.append(Binding("ctrl+t", "take_proposal", "Take the officer's words", show=False, priority=True))
    general_error_field = "rationale"

    def __init__(self, request: RatingRequest) -> None:
        super().__init__()
        self.request = request
        self.proposal: ActionUpdate | None = None  # the officer's update shown, if any

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            title = Text("The board's own rating of " if self.request.weakness else "Rate ", style="bold")
            title.append(plain(self.request.action_id, "bold"))
            title.append("  ")
            title.append(plain(self.request.title))
            yield Label(title, classes="dialog-title")
            if len(self.request.meetings) > 1:
                yield Label("Meeting (the one in progress, or another whose minutes are draft)")
                yield ChoiceList(self.request.meetings, self.request.meeting, id="meeting")
            else:
                yield Label(plain(f"At {self.request.meetings[0][1]}"), id="meeting-label")
            yield Static(id="proposal", classes="dialog-note")
            picker = BragPicker(id="brag")
            picker.letter = self.request.brag
            yield picker
            yield Static(id="brag-error", classes="field-error")
            yield Label("Rationale (required)")
            yield TextArea(
                clean(self.request.rationale),
                id="rationale",
                placeholder="why this rating",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                classes="long-text",
            )
            yield Static(id="rationale-error", classes="field-error")
            with Vertical(id="evidence-box"):
                yield Label("Blue closes the action. Evidence of completion (required):", classes="wrap")
                yield Input(id="evidence", placeholder="what shows it is done")
                yield Static(id="evidence-error", classes="field-error")
                yield Label("Reference (optional)")
                yield Input(id="reference", placeholder="e.g. board paper, report")
            yield Static(Text("B R A G picks · Tab next field · Ctrl+S saves · Esc cancels", style="dim"))

    def first_field(self):
        return self.query_one(BragPicker)  # one key picks the rating

    def on_mount(self) -> None:
        # Dialog's own on_mount (Textual calls both) then puts the focus on first_field.
        self.query_one("#evidence-box").display = self.request.brag == "B"
        self.query_one("#proposal").display = False
        self.clear_errors()
        if not self.request.weakness:  # an officer's proposal, for an action
            views, action = self.board_app.views, self.request.action_id
            # Not read, no proposal offered: the rating is the secretary's either way.
            in_thread(self, lambda: views.updates_of_action(action), self._offer_proposal, name="officer's proposal")

    def _offer_proposal(self, updates: list[ActionUpdate]) -> None:
        """The officer's latest update for this meeting: shown, and the rating starts from the
        BRAG it proposes unless one is picked already. Its words are never copied into the
        rationale unseen: Ctrl+T takes them (the secretary confirms or changes them)."""
        meeting = self.request.meeting
        found = next((u for u in updates if u.state != "declined" and u.for_meeting in (meeting, None)), None)
        if found is None:
            return
        self.proposal = found
        note = Text("Officer's update: ", style="italic")
        note.append(plain(f"{found.author} proposes "))
        note.append(brag(found.proposed_brag))
        note.append("  ")
        note.append(plain(found.progress))
        note.append("  Ctrl+T takes these words as the rationale, or type your own.", style="italic")
        self.query_one("#proposal", Static).update(note)
        self.query_one("#proposal", Static).display = True
        picker = self.query_one(BragPicker)
        if picker.letter is None and found.proposed_brag:
            picker.letter = found.proposed_brag
            picker.show()
            self.query_one("#evidence-box").display = picker.letter == "B"

    def action_take_proposal(self) -> None:
        """Ctrl+T: the officer's words into the rationale (after what is typed), to confirm or edit."""
        found = self.proposal
        if found is None:
            raise SkipAction()
        rationale = self.query_one("#rationale", TextArea)
        words = clean(found.progress)
        rationale.text = f"{rationale.text.rstrip()}\n{words}" if rationale.text.strip() else words
        rationale.move_cursor(rationale.document.end)
        self.set_focus(rationale)

    def action_pick(self, letter: str) -> None:
        if not isinstance(self.focused, BragPicker):
            raise SkipAction()  # a letter typed in the text
        picker = self.query_one(BragPicker)
        picker.letter = letter
        picker.show()
        self.query_one("#brag-error").display = False
        self.query_one("#evidence-box").display = letter == "B" and not self.request.weakness
        self.set_focus(self.query_one("#rationale", TextArea))

    def field_widget(self, field: str):
        return super().field_widget({"rating": "brag"}.get(field, field))

    def error_box(self, field: str) -> Static:
        return super().error_box({"rating": "brag", "due date": "rationale"}.get(field, field))

    def submit(self) -> None:
        self.clear_errors()
        letter = self.query_one(BragPicker).letter
        if letter is None:
            self.show_error("rating", "rating: press B, R, A or G")
            return
        meetings = self.query("#meeting")
        meeting = meetings.first(ChoiceList).value if meetings else self.request.meetings[0][0]
        rationale = self.query_one("#rationale", TextArea).text
        if self.request.weakness:
            self.save(RateWeakness(self.request.action_id, meeting, letter, rationale))
            return
        self.save(
            RateAction(
                self.request.action_id,
                meeting,
                letter,
                rationale,
                self.query_one("#evidence", Input).value,
                self.query_one("#reference", Input).value,
            )
        )
