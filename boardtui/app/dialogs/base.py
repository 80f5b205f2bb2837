"""What every dialog shares.

- Its first field is focused as it mounts; Enter in a one-line field moves to the next field,
  and saves from the last; Ctrl+S saves from any field. Both are priority bindings, so they act
  on the key itself, before any field sees it.
- It answers with Textual's ``dismiss``: whoever pushed it passes the callback to ``push_screen``.
- Keys typed at any speed land where they were meant because the app holds each key until the
  one before has been handled and everything it started (a save, a read) is done (key_gate.py):
  the letters typed after ``r`` reach the rating dialog, and the keys typed after Ctrl+S reach the
  screen below once the dialog has closed, or the dialog again if it shows a problem.
"""

from __future__ import annotations

from typing import TypeVar

from textual.actions import SkipAction
from textual.binding import Binding
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import TextArea

from boardtui.app.access import BoardAppAccess
from boardtui.app.keys import DIALOG_BINDINGS

Answer = TypeVar("Answer")


class Dialog(BoardAppAccess, ModalScreen[Answer]):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), *DIALOG_BINDINGS]
    CSS_PATH = "dialogs.tcss"  # beside each dialog's module: read when the first dialog opens

    # Fields ----------------------------------------------------------------------------
    def fields(self) -> list[Widget]:
        """The fields, in the order Enter walks them."""
        return [w for w in self.query("Input, TextArea, ChoiceList, BragPicker") if w.display and w.focusable]

    def first_field(self) -> Widget | None:
        fields = self.fields()
        return fields[0] if fields else None

    def on_mount(self) -> None:
        first = self.first_field()
        if first is not None:
            self.set_focus(first)

    def focus_field(self, widget: Widget) -> None:
        self.set_focus(widget)

    def action_next_field(self) -> None:
        focused = self.focused
        fields = self.fields()
        if focused not in fields or isinstance(focused, TextArea):
            raise SkipAction()  # Enter means something else there (a new line, a button)
        later = fields[fields.index(focused) + 1 :]
        if later:
            self.set_focus(later[0])
        else:
            self.action_save()

    # Answering -------------------------------------------------------------------------
    def action_save(self) -> None:
        self.submit()

    def submit(self) -> None:
        """Read the fields and save (or answer); a dialog with nothing to save closes."""
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
