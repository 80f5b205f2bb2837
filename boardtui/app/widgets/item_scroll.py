"""A scrolling view of one long item that says when how much of it is out of view may have
changed: scrolled, resized, or given new content. Whatever says "N more lines" listens to it
instead of guessing when layout has settled (a guess taken one refresh after new content could
count lines before the view had its final height)."""

from __future__ import annotations

from textual import events
from textual.containers import VerticalScroll
from textual.message import Message


class ItemScroll(VerticalScroll):
    class Moved(Message):
        """The view scrolled, or its size or its content's size changed."""

    def on_mount(self) -> None:
        self.watch(self, "scroll_y", self._moved, init=False)
        self.watch(self, "virtual_size", self._moved, init=False)

    def on_resize(self, event: events.Resize) -> None:
        self._moved()

    def _moved(self, *_changed) -> None:
        self.post_message(self.Moved())
