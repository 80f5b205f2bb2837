"""Textual's terminal driver (POSIX), with three changes for keys typed ahead:

- **Esc then a key, in one read, is Esc then that key.** A terminal sends Esc as one byte, and
  that byte also begins every escape sequence (arrows, function keys). Textual's parser waits a
  moment after it to see which: when the next byte has come already (typed ahead, or quickly),
  it reads Esc x as Alt+x, or drops the Esc (Esc . reads as .). The app binds no Alt key. So
  before the parser sees the bytes, an Esc that cannot begin a sequence (anything but ``[`` or
  ``O`` follows it) is written as kitty's unambiguous Esc (CSI 27 u), which Textual reads as
  Escape. What a terminal cannot tell apart stays as it is: Esc [ … and Esc O P to S are read as
  the sequence they spell (Esc typed just before ``[`` then ``A`` is the Up arrow's own bytes).
  An Esc with nothing after it waits ESCDELAY for the rest, as before.
- **The terminal's own mode is put back at the end**: the command line set the app's mode
  before Textual started (tty.py), so the mode Textual finds is not the one to restore.
- **Ctrl+Z never suspends the app.** Textual suspends on SIGTSTP; the app binds Ctrl+Z to undo,
  and a process stopped in front of the board, with the terminal out of the app's mode, looks
  like a hang (a long random-key run found it: Ctrl+Z typed while the app was closing, when the
  terminal is back in line mode and turns it into SIGTSTP). SIGTSTP is ignored while the app
  runs.
"""

from __future__ import annotations

import os
import selectors
import signal
from codecs import getincrementaldecoder

from textual import constants

# Private: Textual exports no input parser, and EscapesApart must run before it (README, Textual).
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from boardtui.app.tty import original_mode

ESC = "\x1b"
ESCAPE_KEY = "\x1b[27u"  # Esc in the kitty keyboard protocol: Textual reads it as Escape
# What ends Esc O … as a terminal sends it to Textual (which asks for no keypad or cursor-key
# modes): F1-F4. Anything else after Esc O was typed: Esc, then O (Reopen), then that.
SS3_LAST = frozenset("PQRS")
PASTE_START, PASTE_END = "\x1b[200~", "\x1b[201~"


class EscapesApart:
    """Rewrites the text read from the terminal so that an Esc typed just before another key is
    read as Esc (see the module's docstring). Keeps what may be the start of a sequence cut off
    at the end of a read until the next read, or until ``flush`` (nothing more came)."""

    def __init__(self) -> None:
        self.held = ""
        self.in_paste = False

    def split(self, data: str) -> str:
        text, self.held = self.held + data, ""
        out: list[str] = []
        i, end = 0, len(text)
        while i < end:
            start = text.find(ESC, i)
            if start < 0:
                out.append(text[i:])
                break
            out.append(text[i:start])
            i = start
            if self.in_paste:  # pasted text is the paste's own: only its end is looked for
                if text.startswith(PASTE_END, i):
                    self.in_paste = False
                    out.append(PASTE_END)
                    i += len(PASTE_END)
                elif PASTE_END.startswith(text[i:]):
                    self.held = text[i:]
                    break
                else:
                    out.append(ESC)
                    i += 1
                continue
            following = text[i + 1 : i + 2]
            if not following:  # the read ended on Esc: what comes next decides
                self.held = text[i:]
                break
            if following == "[":  # a control sequence: up to its last byte (@ to ~)
                last = i + 2
                while last < end and not "@" <= text[last] <= "~":
                    last += 1
                if last >= end:
                    self.held = text[i:]
                    break
                sequence = text[i : last + 1]
                self.in_paste = sequence == PASTE_START
                out.append(sequence)
                i = last + 1
                continue
            if following == "O":
                if i + 2 >= end:
                    self.held = text[i:]
                    break
                if text[i + 2] in SS3_LAST:
                    out.append(text[i : i + 3])
                    i += 3
                    continue
            out.append(ESCAPE_KEY)  # Esc, and what follows is a key of its own
            i += 1
        return "".join(out)

    def flush(self) -> str:
        """Nothing more came: what was held is Esc, then whatever followed it, typed."""
        held, self.held = self.held, ""
        if not held or self.in_paste:
            return held
        return ESCAPE_KEY + held[1:] if held.startswith(ESC) else held


class BoardDriver(LinuxDriver):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        signal.signal(signal.SIGTSTP, signal.SIG_IGN)  # after Textual's own handler, which suspends

    def start_application_mode(self) -> None:
        super().start_application_mode()
        found = original_mode()
        if found is not None:
            self.attrs_before = found  # what stop_application_mode puts back

    def run_input_thread(self) -> None:
        """Textual's loop (read, parse, send each event to the app), with EscapesApart between
        the read and the parser."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        parser = XTermParser()
        decode = getincrementaldecoder("utf-8")(errors="replace").decode
        apart = EscapesApart()

        def feed(text: str) -> None:
            if not text:  # all of it held (an Esc at the end of a read); and "" would end the parser
                return
            for event in parser.feed(text):
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                ready = selector.select(constants.ESCAPE_DELAY if apart.held else 0.1)
                if ready:
                    data = os.read(self.fileno, 1 << 12)
                    if not data:  # the terminal has gone: nothing more will be typed
                        break
                    feed(apart.split(decode(data)))
                elif apart.held:
                    feed(apart.flush())
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
