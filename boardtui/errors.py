"""The one exception type the user sees: a single sentence, no traceback."""


class BoardError(Exception):
    """A problem the user can fix; ``str(err)`` is the whole message.

    The command line prints it and exits 2; the app shows it inline.
    """
