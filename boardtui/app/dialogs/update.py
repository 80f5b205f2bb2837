"""An officer's update on an action: progress since the last report (focus starts there), an
optional proposed BRAG, risks and their mitigation, the impact for children and families, and
evidence. Ctrl+S saves it: into the pack when it can be written, else into the officer's own
draft return beside it (a read-only pack, a snapshot), on disk before the dialog closes."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from boardtui.app.dialogs.saving import SavingDialog
from boardtui.app.render import plain
from boardtui.app.widgets.choice import ChoiceList
from boardtui.app.work import in_thread

PROPOSALS = [
    ("", "none: leave it to the board"),
    ("B", "B Blue - complete"),
    ("R", "R Red - off track"),
    ("A", "A Amber - at risk"),
    ("G", "G Green - on track"),
]


class UpdateDialog(SavingDialog):
    """Closes with what was saved (store/returns.py Saved), or None when cancelled."""

    general_error_field = "progress"

    def __init__(self, action_id: str, title: str) -> None:
        super().__init__()
        self.action_id = action_id
        self.action_title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            heading = Text("Update on ", style="bold")
            heading.append(plain(self.action_id, "bold"))
            heading.append("  ")
            heading.append(plain(self.action_title))
            yield Label(heading, classes="dialog-title")
            yield Static(id="where", classes="dialog-note")
            yield Label("Progress since the last report (required)")
            yield TextArea(
                id="progress",
                placeholder="what was done, and what it changed",
                soft_wrap=True,
                show_line_numbers=False,
                tab_behavior="focus",
                classes="long-text",
            )
            yield Static(id="progress-error", classes="field-error")
            yield Label("BRAG you propose (the board decides)")
            yield ChoiceList(PROPOSALS, "", id="proposed-BRAG")
            yield Static(id="proposed-BRAG-error", classes="field-error")
            yield Label("Risks or issues, and their mitigation")
            yield Input(id="risks")
            yield Label("Impact seen for children and families")
            yield Input(id="impact")
            yield Label("Evidence (references)")
            yield Input(id="evidence", placeholder="e.g. audit report, board paper")
            yield Static(id="meeting-error", classes="field-error")
            yield Static(id="action-error", classes="field-error")
            yield Static(Text("Tab next field · Ctrl+S saves · Esc cancels", style="dim"))

    def on_mount(self) -> None:
        # Dialog's own on_mount (Textual calls both) puts the focus on the first field: progress.
        self.clear_errors()
        # Not said if it cannot be found out: the save says where it went.
        in_thread(self, self._where, self._say_where, name="where updates go")

    def _where(self) -> str:
        desk = self.board_app.recording.desk()
        meeting = desk.default_meeting() or "the next board meeting"
        if desk.writes_to_pack:
            return f"For {meeting}. Saved in {desk.source.name}, submitted for the secretary to accept."
        return (
            f"For {meeting}. This pack cannot be written here, so it goes into your own draft return, "
            f"{desk.draft_path()}; send it with R, then s."
        )

    def _say_where(self, where: str) -> None:
        self.query_one("#where", Static).update(plain(where, "italic"))

    def submit(self) -> None:
        from boardtui.store.updates import UpdateText

        self.clear_errors()
        value = {name: self.query_one(f"#{name}", Input).value for name in ("risks", "impact", "evidence")}
        text = UpdateText(
            self.action_id,
            self.query_one("#progress", TextArea).text,
            proposed_brag=self.query_one("#proposed-BRAG", ChoiceList).value or None,
            **value,
        )
        recording = self.board_app.recording
        self.save_with(lambda: recording.write_update(text))
