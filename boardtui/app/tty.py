"""The terminal, held in the mode the app reads keys in from the first moment the app is asked for.

Python and Textual take a few hundred milliseconds to start. Until Textual sets the terminal up,
it is in its ordinary (line) mode: keys typed then are changed as they arrive, for good (Return
becomes a line feed, Ctrl+S and Ctrl+Q stop and start output, Ctrl+C, Ctrl+Z and Ctrl+\\ become
signals, Backspace erases a character) and echoed. So the command line puts the terminal in the
app's mode (what Textual itself sets: no echo, no line editing, no signals, no flow control,
Return as Return) before it imports anything else, and puts back the mode it found when the
app has ended, however it ends. Keys typed meanwhile wait in the terminal, unchanged, for the app.

Nothing here imports Textual.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

_original: list[Any] | None = None  # the mode found, to put back (None: not held)


def original_mode() -> list[Any] | None:
    """The terminal's mode as the app found it (the driver puts it back when the app ends)."""
    return _original


@contextmanager
def held() -> Iterator[None]:
    """Hold the terminal (standard input, where Textual reads keys) in the app's mode."""
    global _original
    fd = _terminal()
    if fd is None:
        yield
        return
    import termios

    try:
        _original = termios.tcgetattr(fd)
        mode = termios.tcgetattr(fd)
        mode[0] &= ~(termios.IXON | termios.IXOFF | termios.ICRNL | termios.INLCR | termios.IGNCR)
        mode[3] &= ~(termios.ECHO | termios.ICANON | termios.IEXTEN | termios.ISIG)
        mode[6][termios.VMIN] = 1
        termios.tcsetattr(fd, termios.TCSANOW, mode)
    except termios.error:
        _original = None
        yield
        return
    try:
        yield
    finally:
        with contextlib.suppress(termios.error):
            termios.tcsetattr(fd, termios.TCSADRAIN, _original)
        _original = None


def _terminal() -> int | None:
    if sys.platform == "win32":
        return None
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (OSError, ValueError):
        return None
    import os

    return fd if fd >= 0 and os.isatty(fd) else None
