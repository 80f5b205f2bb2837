"""Make text from the data safe to show in a terminal, without interpreting it.

``clean`` and ``one_line`` are the only way text from a pack, a snapshot or a file reaches a
screen or a terminal. They keep every printable character (right-to-left scripts included) and
remove what a terminal would act on instead of showing:

- escape sequences, whole (no residue such as ``]0;title`` is left): OSC (window title,
  clipboard, hyperlinks; ended by BEL or ST, or not ended at all), CSI (clearing, moving the
  cursor, colours), DCS, SOS, PM and APC strings, and the other ESC sequences; and the 8-bit
  (C1) forms of each, such as U+009B for CSI and U+009D for OSC, with their parameters;
- every other C0 and C1 control, DEL and NUL (tab and newline stay in ``clean``);
- the bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): one
  right-to-left override can reverse the rest of a line in a terminal that honours it. The
  implicit marks (U+200E, U+200F, U+061C) stay: they change no run beyond their neighbours,
  and right-to-left text uses them;
- lone surrogates, which no terminal encoding can carry.

Every line break (CR LF, CR, VT, FF, NEL, U+2028, U+2029) becomes a newline in ``clean``, so a
carriage return cannot move the cursor back over text already shown; ``one_line`` folds them
(and runs of spaces) into single spaces, for table cells and one-line fields.
"""

from __future__ import annotations

import re

# Any character that needs work; most values have none, and one search settles it.
_NEEDS_WORK = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_BREAKS = "\n\r\x0b\x0c\x85\u2028\u2029"
# An unended string stops at a line break: what follows it is shown, not swallowed.
_STRING_BODY = f"[^\x07\x1b\x9c{_BREAKS}]*"
_SEQUENCE = re.compile(
    f"(?:\x1b\\]|\x9d){_STRING_BODY}(?:\x07|\x1b\\\\|\x9c)?"  # OSC … BEL or ST
    f"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f]){_STRING_BODY}(?:\x1b\\\\|\x9c)?"  # DCS, SOS, PM, APC … ST
    "|(?:\x1b\\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI: parameters, intermediates, final byte
    "|\x1b[ -/]*[0-~]"  # every other escape sequence (charset, RIS, keypad, …)
)
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def clean(value: object) -> str:
    """The value as text with terminal control sequences removed and line breaks as newlines."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    # isprintable() is false for every character below, and fast: most values end here.
    if text.isprintable() or not _NEEDS_WORK.search(text):
        return text
    text = _LINE_BREAK.sub("\n", _SEQUENCE.sub("", text))
    return _CONTROL.sub("", text)


def one_line(value: object) -> str:
    """``clean``, with every line break and run of whitespace folded into one space."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    # Printable means no control, no line break and no whitespace but the plain space.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(clean(text).split())


# The most characters of one value from a file or a pack that a message quotes: a name, a cell, a
# key. Longer ones are cut with "…" (a refused file once echoed a 200 MB author name).
ECHO_LIMIT = 80


def cut(value: object, limit: int = ECHO_LIMIT) -> str:
    """``one_line`` of the value, cut to ``limit`` characters with "…" when it is longer. Only
    the first part of a long value is cleaned, so a huge one costs no more than a short one."""
    if value is None:
        return ""
    text = value if type(value) is str else str(value)
    if len(text) > 4 * limit:
        text = text[: 4 * limit]
        longer = True
    else:
        longer = False
    shown = one_line(text)
    if len(shown) > limit or longer:
        return shown[: limit - 1].rstrip() + "…"
    return shown
