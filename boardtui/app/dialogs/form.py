"""One dialog for every small recording form: labelled fields, Enter saves through the recording
room off the UI thread, and a field error appears under its field with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Select, Static

from boardtui.app.dialogs.saving import SavingDialog
from boardtui.app.recording import ChangeRequest


@dataclass(frozen=True)
class FormField:
    name: str  # as the data layer names it in a FieldError
    label: str
    value: str = ""
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] | None = None  # (value, label): a Select; "" means none

    @property
    def widget_id(self) -> str:
        return self.name.replace(" ", "-")


class FormDialog(SavingDialog):
    """Dismisses with the change recorded, or None when cancelled."""

    def __init__(self, title: Text, fields: list[FormField], build: Callable[[dict[str, str]], ChangeRequest],
                 *, note: Text | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.build = build  # {field name: value} -> the change to record
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note is not None:
                yield Static(self.note, classes="dialog-note")
            for f in self.fields:
                yield Label(f.label)
                if f.choices is not None:
                    yield Select([(Text(label), value) for value, label in f.choices], value=f.value or Select.NULL,
                                 allow_blank=True, prompt="(none)", id=f.widget_id)
                else:
                    yield Input(f.value, placeholder=f.placeholder, id=f.widget_id)
                yield Static(id=f"{f.widget_id}-error", classes="field-error")
            yield Static(id="form-error", classes="field-error")
            yield Static(Text("Enter saves · Esc cancels", style="dim"))

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        first = next((f for f in self.fields if f.choices is None), None)
        if first is not None:
            self.query_one(f"#{first.widget_id}").focus()

    def values(self) -> dict[str, str]:
        out = {}
        for f in self.fields:
            widget = self.query_one(f"#{f.widget_id}")
            value = widget.value
            out[f.name] = "" if value is Select.NULL or value is None else str(value)
        return out

    def show_error(self, field_name: str, message: str) -> None:
        known = {f.name for f in self.fields}
        box_id = f"{field_name.replace(' ', '-')}-error" if field_name in known else "form-error"
        box = self.query_one(f"#{box_id}", Static)
        box.update(Text(message, style="bold red"))
        box.display = True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        for error in self.query(".field-error"):
            error.display = False
        self.save(self.build(self.values()))
