"""What the recording dialogs share: the change is written off the UI thread through the
recording room; success closes the dialog with the change, an error is shown next to its field,
which takes the focus, and the dialog stays open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from rich.text import Text
from textual.widgets import Static

from boardtui.app.dialogs.base import Dialog
from boardtui.app.work import SAVE, in_thread
from boardtui.errors import FieldError
from boardtui.store.changes import ChangeRequest, StartOrResumeMeeting
from boardtui.text import clean


class SavingDialog(Dialog):
    #: Where an error that names no field is shown.
    general_error_field = ""
    _request: ChangeRequest | None = None  # the change last sent to be saved

    def error_box(self, field: str) -> Static:
        """The line under ``field`` (or under the general field) that says what is wrong."""
        found = self.query(f"#{field.replace(' ', '-')}-error")
        return found.first(Static) if found else self.query_one(f"#{self.general_error_field}-error", Static)

    def field_widget(self, field: str):
        found = self.query(f"#{field.replace(' ', '-')}")
        return found.first() if found else None

    def show_error(self, field: str, message: str) -> None:
        box = self.error_box(field)
        box.update(Text(clean(message), style="bold red"))
        box.display = True
        widget = self.field_widget(field)
        if widget is not None and widget.focusable:
            self.focus_field(widget)  # the cursor goes to the problem

    def _ask_to_confirm(self, error: FieldError) -> None:
        """A change that needs a yes first (a meeting far ahead): ask, then save it confirmed."""
        from boardtui.app.dialogs.confirm import ConfirmDialog

        request = self._request

        def answered(yes: bool | None) -> None:
            if yes:  # only a StartOrResumeMeeting asks (its date far ahead)
                self.save(cast("StartOrResumeMeeting", request).confirmed())
            else:
                self.show_error(error.field, str(error))

        self.app.push_screen(
            ConfirmDialog(Text("Is that the date?", style="bold"), Text(clean(error.message) + ".")), answered
        )

    def clear_errors(self) -> None:
        for error in self.query(".field-error"):
            error.display = False

    def save(self, request: ChangeRequest) -> None:
        recording = self.board_app.recording
        self._request = request
        self.save_with(lambda: recording.write(request))

    def save_with(self, write: Callable[[], Any]) -> None:
        """Write in a worker: the dialog closes with what ``write`` returns; an error is shown,
        not fatal. A second Ctrl+S cancels the first one's outcome (exclusive)."""
        in_thread(self, write, self.dismiss, self._not_saved, name=type(self).__name__, group=SAVE, exclusive=True)

    def _not_saved(self, error: Exception) -> None:
        if (
            isinstance(error, FieldError)
            and getattr(error, "needs_confirming", False)
            and hasattr(self._request, "confirmed")
        ):
            self._ask_to_confirm(error)
        elif isinstance(error, FieldError):
            self.show_error(error.field, str(error))
        else:
            self.show_error(self.general_error_field, str(error))
