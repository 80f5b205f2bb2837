"""Text in a box whose height the CSS fixes (status lines, the key bar), or that says when its
height changes (the header).

A Static's ``update`` asks for a layout, and a layout is a reflow and repaint of the whole
screen: several of them per key were a large share of a key's time. Here new text only
repaints this box unless ``layout`` is asked for, and the same text again does nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class FixedLine(Static):
    _shown: Text | None = None

    def show_text(self, text: Text, *, layout: bool = False) -> None:
        if self._shown is not None and text == self._shown:
            return
        self._shown = text
        self.update(text, layout=layout)
