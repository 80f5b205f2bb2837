"""What every dialog shares, so that keys typed at any speed land where they were meant.

- Its first field is focused as it mounts (synchronously: Widget.focus() waits for the app's
  queue, behind the very keys it is meant to take), and BoardApp holds each key until the top
  screen is mounted, so keys typed straight after the key that opened a dialog reach it.
- Enter in a one-line field moves to the next field, and saves from the last; Ctrl+S saves from
  any field. Both are priority bindings, so they act in the app's own key loop, in order with
  the keys around them: the focus moves before the next key is routed.
- Saving marks the dialog busy at once: BoardApp holds later keys until it closes (they then go
  to the screen below, as typed after the save) or shows a problem (they go back to the dialog).
- A dialog closes by calling its ``then`` with its result before anything else happens, so a
  key held meanwhile sees what the result changed (Textual's own dismiss callback is queued
  behind such keys).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.actions import SkipAction
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import TextArea

from boardtui.app.access import BoardAppAccess
from boardtui.app.keys import DIALOG_BINDINGS


class SaveRequested(Message):
    """Posted to the focused field: it reaches the dialog once that field has taken every key
    typed before the save, so what is saved is what was typed."""


class Dialog(BoardAppAccess, ModalScreen):
    BINDINGS = [Binding("escape", "cancel", "Cancel"), *DIALOG_BINDINGS]
    CSS_PATH = "dialogs.tcss"  # beside each dialog's module: read when the first dialog opens

    #: True from the key that saves until the dialog closes or shows a problem: keys wait.
    busy = False

    def __init__(self, then: Callable[[Any], None] | None = None) -> None:
        super().__init__()
        self.then = then

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
        later = fields[fields.index(focused) + 1:] if focused in fields else []
        if later:
            self.set_focus(later[0])
        else:
            self.action_save()

    # Saving ----------------------------------------------------------------------------
    def action_save(self) -> None:
        if self.busy:
            return
        self.busy = True
        (self.focused or self).post_message(SaveRequested())

    def on_save_requested(self, message: SaveRequested) -> None:
        message.stop()
        self.submit()

    def submit(self) -> None:
        """Every key typed before the save is in its field: read them and save (or close)."""
        self.close_with(None)

    def stay_open(self) -> None:
        """A problem is shown: keys come back to the dialog."""
        self.busy = False

    def close_with(self, result: Any) -> None:
        self.busy = False
        self.app.pop_screen()
        if self.then is not None:
            self.then(result)

    def action_cancel(self) -> None:
        self.close_with(None)
