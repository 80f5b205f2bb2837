"""A short list to choose one thing from, inside a dialog: the same visible cursor as every
list, and typing jumps to the first choice whose code or words start with what was typed.
What was typed grows while it still finds a choice (W, W0, W09); a letter that finds none with
it starts again from that letter. Not a pause: the same keys choose the same thing however fast
they are typed.

Textual's Select opens an overlay OptionList, which crashes on PageUp/PageDown before it has a
height (Textual 8.2, OptionList._move_page reads _index_to_line before the lines exist); the
dialogs choose inline instead.
"""

from __future__ import annotations

from textual import events

from boardtui.app.render import plain
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.text import one_line


class ChoiceList(BoardTable):
    DEFAULT_CSS = """
    ChoiceList { height: auto; max-height: 7; border: none; }
    """

    def __init__(self, choices: list[tuple[str, str]], value: str = "", *, id: str | None = None) -> None:
        super().__init__([Col("label", "", None, min_width=10)], header_height=0, id=id)
        self.choices = choices  # (value, label)
        self._typed = ""
        self.fill([(v, {"label": plain(label)}) for v, label in choices])
        if value and self.has_row(value):
            self.move_cursor(self.get_row_index(value))

    @property
    def value(self) -> str:
        return self.selected_key or ""

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character in (None, "j", "k"):
            return
        event.stop()
        for typed in (self._typed + event.character, event.character):
            found = self._first_starting(typed.casefold())
            if found is not None:
                self._typed = typed
                self.move_cursor(found)
                return
        self._typed = ""

    def _first_starting(self, wanted: str) -> int | None:
        values = [one_line(value).casefold() for value, _ in self.choices]
        labels = [one_line(label).casefold() for _, label in self.choices]
        # A code typed whole (A, W09) before one it starts (any, W09x), before words.
        for matches in (
            lambda i: values[i] == wanted,
            lambda i: values[i].startswith(wanted),
            lambda i: labels[i].startswith(wanted),
        ):
            found = next((i for i in range(len(self.choices)) if matches(i)), None)
            if found is not None:
                return found
        return None
