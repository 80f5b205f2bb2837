"""Make text from the data safe to show in a terminal, without interpreting it."""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, and the C1 range: ESC starts CSI/OSC
# sequences (an OSC can retitle the terminal), and C1 has single-byte forms of them.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# A whole escape sequence goes, not just its ESC, so no residue like "]0;title" is left.
_SEQUENCE = re.compile(
    r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC … BEL/ST
    r"|\x1b\[[0-?]*[ -/]*[@-~]"  # CSI
    r"|\x1b[@-Z\\-_]"  # other two-byte escapes
)


def clean(value: object) -> str:
    """The value as text with terminal control sequences removed."""
    if value is None:
        return ""
    text = str(value)
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub("", _SEQUENCE.sub("", text))


def one_line(value: object) -> str:
    """``clean`` and fold line breaks, for table cells."""
    return " ".join(clean(value).split())
