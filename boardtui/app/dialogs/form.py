"""One dialog for every small recording form: labelled fields, Enter moves on and saves from the
last field, Ctrl+S saves from any; the change is written through the recording room off the UI
thread, and a problem appears under its field (which takes the focus) with nothing written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Label, Static, TextArea

from boardtui.app.dialogs.saving import SavingDialog
from boardtui.app.widgets.choice import ChoiceList
from boardtui.errors import FieldError
from boardtui.store.changes import ChangeRequest
from boardtui.text import clean

HINT = "Enter next field · Ctrl+S saves · Esc cancels"


@dataclass(frozen=True)
class FormField:
    name: str  # as the data layer names it in a FieldError
    label: str
    value: str = ""
    placeholder: str = ""
    choices: tuple[tuple[str, str], ...] | None = None  # (value, label): a choice list; "" means none
    multiline: bool = False  # long text: Enter starts a new line, Tab moves on

    @property
    def widget_id(self) -> str:
        return self.name.replace(" ", "-")


class FormDialog(SavingDialog):
    """Closes with the change recorded, or None when cancelled."""

    def __init__(
        self,
        title: Text,
        fields: list[FormField],
        build: Callable[[dict[str, str]], ChangeRequest],
        *,
        note: Text | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.form_fields = fields
        self.build = build  # {field name: value} -> the change to record
        self.note = note
        self.general_error_field = "form"

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            if self.note is not None:
                yield Static(self.note, classes="dialog-note")
            for f in self.form_fields:
                yield Label(Text(f.label))
                if f.choices is not None:
                    yield ChoiceList(list(f.choices), f.value, id=f.widget_id)
                elif f.multiline:
                    yield TextArea(
                        clean(f.value),
                        id=f.widget_id,
                        placeholder=f.placeholder,
                        soft_wrap=True,
                        show_line_numbers=False,
                        tab_behavior="focus",
                        classes="long-text",
                    )
                else:
                    yield Input(clean(f.value), placeholder=f.placeholder, id=f.widget_id)
                yield Static(id=f"{f.widget_id}-error", classes="field-error")
            yield Static(id="form-error", classes="field-error")
            yield Static(
                Text(
                    HINT + (" · Tab leaves a long text" if any(f.multiline for f in self.form_fields) else ""),
                    style="dim",
                )
            )

    def on_mount(self) -> None:
        self.clear_errors()  # Dialog's own on_mount (Textual calls both) focuses the first field

    def values(self) -> dict[str, str]:
        out = {}
        for f in self.form_fields:
            widget = self.query_one(f"#{f.widget_id}")
            out[f.name] = widget.text if isinstance(widget, TextArea) else str(getattr(widget, "value", None) or "")
        return out

    def submit(self) -> None:
        self.clear_errors()
        try:
            request = self.build(self.values())
        except FieldError as err:
            self.show_error(err.field, str(err))
            return
        self.save(request)
