"""A DataTable that moves with j/k, fits its columns to the width it has, and keeps its
cursor on the same row across reloads (time travel, sorting, filtering)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

FLEX_MIN = 24  # below this a title is unreadable: drop optional columns first


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    width: int | None = None  # None: takes the width left over
    priority: int = 0  # columns with the highest priority number are dropped first when narrow


Cells = Sequence[Text | str]


class BoardTable(DataTable):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, columns: Sequence[Col] = (), *, padding: int = 1, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, cell_padding=padding, **kwargs)
        self.specs = list(columns)
        self._rows: list[tuple[str, dict[str, Text | str]]] = []
        self._fitted_width = -1

    def _visible(self, width: int) -> list[Col]:
        pad = 2 * self.cell_padding
        visible = list(self.specs)
        while len(visible) > 1:
            need = sum((c.width or FLEX_MIN) + pad for c in visible) + 2
            if need <= width:
                break
            droppable = [c for c in visible if c.priority > 0]
            if not droppable:
                break
            visible.remove(max(droppable, key=lambda c: (c.priority, visible.index(c))))
        return visible

    def _rebuild(self) -> None:
        width = self.size.width or self.app.size.width
        visible = self._visible(width)
        pad = 2 * self.cell_padding
        fixed = sum(c.width + pad for c in visible if c.width)
        flex = [c for c in visible if not c.width]
        spare = max(FLEX_MIN * len(flex), width - fixed - pad * len(flex) - 2)
        selected, index = self.selected_key, self.cursor_row
        self.clear(columns=True)
        for col in visible:
            self.add_column(Text(col.label, no_wrap=True), key=col.key,
                            width=col.width or max(FLEX_MIN, spare // max(1, len(flex))))
        for key, cells in self._rows:
            self.add_row(*(cells.get(c.key, "") for c in visible), key=key)
        self._fitted_width = width
        if self.row_count:
            if selected is not None:
                try:
                    index = self.get_row_index(selected)
                except Exception:  # that row is gone (another meeting, a filter): stay near
                    pass
            self.move_cursor(row=min(max(index, 0), self.row_count - 1), animate=False)

    def fill(self, rows: Sequence[tuple[str, dict[str, Text | str]]]) -> None:
        """Replace the rows: (key, {column key: cell}) each."""
        self._rows = list(rows)
        self._rebuild()

    def on_resize(self) -> None:
        if self.size.width != self._fitted_width and self.specs:
            self._rebuild()

    def set_label(self, key: str, label: str) -> None:
        spec = next(c for c in self.specs if c.key == key)
        self.specs[self.specs.index(spec)] = Col(spec.key, label, spec.width, spec.priority)

    @property
    def selected_key(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except Exception:
            return None
