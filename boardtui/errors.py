"""The one exception type the user sees: a single sentence, no traceback."""


class BoardError(Exception):
    """A problem the user can fix; ``str(err)`` is the whole message.

    The command line prints it and exits 2; the app shows it inline.
    """


class FieldError(BoardError):
    """Invalid input for one field of a change: the app shows ``message`` next to that field."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(f"{field_name}: {message}")
        self.field = field_name
        self.message = message
