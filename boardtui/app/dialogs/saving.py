"""What the recording dialogs share: the change is written off the UI thread through the
recording room; success closes the dialog with the change, an error is shown next to its field
and the dialog stays open."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from boardtui.app.access import BoardAppAccess
from boardtui.app.recording import ChangeRequest
from boardtui.errors import FieldError


class SavingDialog(BoardAppAccess, ModalScreen):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    #: Where an error that names no field is shown.
    general_error_field = ""

    def show_error(self, field: str, message: str) -> None:  # pragma: no cover - each dialog overrides
        raise NotImplementedError

    def save(self, request: ChangeRequest) -> None:
        recording = self.board_app.recording
        self.run_worker(lambda: recording.write(request), thread=True, group="save", exclusive=True,
                        exit_on_error=False)  # a field error is shown, not fatal

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "save":
            return
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            if isinstance(error, FieldError):
                self.show_error(error.field, str(error))
            else:
                self.show_error(self.general_error_field, str(error))

    def action_cancel(self) -> None:
        self.dismiss(None)
