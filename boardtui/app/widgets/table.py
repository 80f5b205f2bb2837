"""The list widget every screen uses: a row cursor you can see in any theme and without colour,
j/k, a fixed header, columns fitted to the width it has (the first ``fixed_columns`` stay put
while the rest scroll sideways a column at a time), and the cursor kept on the same row across
reloads.

It renders only the rows on screen through Textual's line API. The built-in DataTable measures
and styles every cell up front (about 90 ms for the 13-row dashboard), which is most of a
start-up budget and does not scale to long lists. Rendered lines are kept in an LRU cache keyed
by everything that affects them (which fill, which layout, which styles, cursor or not), as
toolong's LogLines does: nothing has to be forgotten by hand, and the cache cannot grow.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeAlias

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.actions import SkipAction
from textual.binding import Binding
from textual.cache import LRUCache
from textual.events import Click
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    width: int | None = None  # None: takes the width left over, at least min_width
    priority: int = 0  # columns with the highest priority number are dropped first when narrow
    min_width: int = 20  # for a flexible column: narrower than this, drop optional columns first


# Read only: a Mapping takes dicts of Text alone as well as of Text and str.
Cells = Mapping[str, "Text | str"]
# A row's cells, or a function that makes them: called only when the row is first drawn, so a
# list of 13,000 weaknesses costs what the screenful on show costs.
RowCells: TypeAlias = "Cells | Callable[[], Cells]"

# The cursor row's mark, drawn in its first cell (the padding, or the matrix's leading space):
# the row under the cursor must be plain to see on a projector, with colour or without. One
# cell wide in every terminal (▶ and ▸ are "ambiguous width": two cells in some locales).
CURSOR_MARK = "❯"
# Lines kept rendered: a few screenfuls in each style a table is drawn in.
LINES_KEPT = 256


def _cells_of(row: RowCells) -> Cells:
    return row() if callable(row) else row


@dataclass(frozen=True, eq=False)  # compared by identity: one object per (width, specs), kept
class _Layout:
    """Which columns show, how wide, for one width and one set of column specs."""

    columns: tuple[tuple[Col, int], ...]
    fixed_width: int  # cells taken by the fixed columns, which never scroll sideways
    total_width: int


@dataclass(frozen=True)
class _LineStyles:
    row: Style
    odd: Style
    cursor: Style
    header: Style


@dataclass
class _TableMessage(Message):
    table: BoardTable

    @property
    def control(self) -> BoardTable:
        return self.table


class BoardTable(ScrollView, can_focus=True):
    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="table_up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="table_down"),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("left", "column_left", "Left", show=False),
        Binding("right", "column_right", "Right", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES = {"board-table--header", "board-table--cursor", "board-table--odd"}
    DEFAULT_CSS = """
    BoardTable { background: $surface; }
    BoardTable > .board-table--header { text-style: bold; background: $panel; }
    BoardTable > .board-table--cursor { background: $foreground; color: $background; text-style: bold; }
    BoardTable:blur > .board-table--cursor { background: $foreground 20%; color: $text; }
    BoardTable > .board-table--odd { background: $surface-lighten-1; }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class RowSelected(_TableMessage):
        """Enter (or a click on the selected row) on a row."""

        key: str

    @dataclass
    class RowHighlighted(_TableMessage):
        """The cursor is on a row (after a move, or new rows)."""

        key: str

    @dataclass
    class HeaderSelected(_TableMessage):
        """A click on a column header."""

        column: str

    def __init__(
        self,
        columns: Sequence[Col] = (),
        *,
        padding: int = 1,
        header_height: int = 1,
        fixed_columns: int = 0,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.specs = list(columns)
        self.padding = padding
        self.header_height = header_height
        self.fixed_columns = fixed_columns
        self._keys: list[str] = []
        self._index: dict[str, int] = {}
        self._reserved = 0  # rows the table is sized for before they are read
        self._from_top = False  # see start_over
        self._fill = 0  # counts fills: a line drawn from an earlier fill's cells is never shown
        self._make: Callable[[int], Cells] = lambda index: {}  # a row's cells, by place
        self._made: dict[int, Cells] = {}
        self._lines: LRUCache[tuple, Strip] = LRUCache(LINES_KEPT)
        self._layouts: LRUCache[tuple, _Layout] = LRUCache(8)
        self._paint_styles: _LineStyles | None = None  # worked out once per paint (render_lines)
        self._column_in_view: str | None = None  # see keep_column_in_view

    # Data ------------------------------------------------------------------------------
    def fill(self, rows: Sequence[tuple[str, RowCells]]) -> None:
        """Replace the rows, (key, {column key: cell} or a function making it) each, keeping the
        cursor on the same key when it is still there, else near where it was."""
        cells = [row for _, row in rows]
        self.fill_keys([key for key, _ in rows], lambda index: _cells_of(cells[index]))

    def fill_keys(self, keys: Sequence[str], make: Callable[[int], Cells]) -> None:
        """Replace the rows with one per key, ``make(place)`` giving a row's cells when it is
        first drawn: 13,000 rows are then one list, not 13,000 objects to build and collect."""
        if self._from_top:
            selected, index, self._from_top = None, 0, False
        else:
            selected, index = self.selected_key, self.cursor_row
        self._keys = list(keys)
        self._reserved = 0
        self._make, self._made = make, {}
        self._fill += 1
        self._index = {key: i for i, key in enumerate(self._keys)}
        self._size_for_rows()
        if selected in self._index:
            index = self._index[selected]
        self.cursor_row = min(max(index, 0), max(0, len(self._keys) - 1))
        self.refresh()

    def start_over(self) -> None:
        """The next fill puts the cursor on the first row, not on the key it was on."""
        self._from_top = True
        self.scroll_to(x=0, y=0, animate=False, immediate=True)

    def reserve_rows(self, count: int) -> None:
        """Size the table for rows still being read (drawn blank until then): their arrival
        then repaints only the table, where a new size would lay out the whole screen again,
        and the scrollbar they need is there from the first frame."""
        self._reserved = count
        self._size_for_rows()

    def set_label(self, key: str, label: str) -> None:
        self._change_spec(key, label=label)

    def fit_width(self, key: str, values: Iterable[str], least: int) -> None:
        """Make a fixed column as wide as its longest value (at least ``least``): a national
        pack's codes (A0002-IP25-02.1) are longer than one board's (IP25-02.1)."""
        width = max((len(v) for v in values), default=0)
        self._change_spec(key, width=max(least, width))

    def set_columns(self, specs: Sequence[Col]) -> None:
        if list(specs) != self.specs:
            self.specs = list(specs)
            self._size_for_rows()
            self.refresh()

    def _change_spec(self, key: str, **change) -> None:
        spec = next(c for c in self.specs if c.key == key)
        new = replace(spec, **change)
        if new != spec:
            self.specs[self.specs.index(spec)] = new
            self._size_for_rows()
            self.refresh()

    @property
    def row_count(self) -> int:
        return len(self._keys)

    @property
    def row_keys(self) -> list[str]:
        return list(self._keys)

    @property
    def column_keys(self) -> list[str]:
        return [col.key for col, _ in self._layout().columns]

    @property
    def selected_key(self) -> str | None:
        if 0 <= self.cursor_row < len(self._keys):
            return self._keys[self.cursor_row]
        return None

    def has_row(self, key: str) -> bool:
        return key in self._index

    def get_row_index(self, key: str) -> int:
        return self._index[key]

    def _cells(self, index: int) -> Cells:
        cells = self._made.get(index)
        if cells is None:
            cells = self._made[index] = self._make(index)
        return cells

    def get_cell(self, key: str, column: str) -> Text:
        cell = self._cells(self._index[key]).get(column, "")
        return cell if isinstance(cell, Text) else Text(cell)

    def move_cursor(self, row: int) -> None:
        if self._keys:
            self.cursor_row = min(max(row, 0), len(self._keys) - 1)

    # Layout ----------------------------------------------------------------------------
    @property
    def _row_total(self) -> int:
        return max(len(self._keys), self._reserved)

    def _width_for_rows(self) -> int:
        """The width the rows will have: less the vertical scrollbar when they will need one.
        Fitting the columns to the width before it appears would overflow by its width, so a
        horizontal bar would come and go: two more whole-screen layouts on every fill."""
        width, height = self.container_size
        if not width:
            return self.size.width or self.app.size.width
        if self._row_total + self.header_height > height and self.styles.overflow_y != "hidden":
            width -= self.styles.scrollbar_size_vertical
        return width

    def _layout(self) -> _Layout:
        width = self._width_for_rows()
        key = (width, tuple(self.specs), self.padding, self.fixed_columns)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = self._lay_out(width)
        return layout

    def _lay_out(self, width: int) -> _Layout:
        pad = 2 * self.padding
        visible = list(self.specs)
        while len(visible) > 1:
            need = sum((c.width or c.min_width) + pad for c in visible)
            droppable = [c for c in visible if c.priority > 0]
            if need <= width or not droppable:
                break
            visible.remove(max(droppable, key=lambda c: (c.priority, visible.index(c))))
        fixed = sum(c.width + pad for c in visible if c.width)
        flex = [c for c in visible if not c.width]
        spare = width - fixed - pad * len(flex)
        columns = tuple((c, c.width or max(c.min_width, spare // len(flex))) for c in visible)
        fixed_width = sum(w + pad for _, w in columns[: self.fixed_columns])
        return _Layout(columns, fixed_width, sum(w + pad for _, w in columns))

    def _size_for_rows(self) -> None:
        self._set_virtual_size(Size(self._layout().total_width, self._row_total + self.header_height))

    def _set_virtual_size(self, size: Size) -> None:
        """A new virtual size is a layout of the whole screen (Textual's reactive asks for one),
        needed only for the scrollbars: when none shows before or after, repainting the
        table does (a cold read's rows then cost a table's paint, not a screen's)."""
        width, height = self.container_size
        old = self.virtual_size
        if size == old:
            return
        if width and old.width <= width and size.width <= width and old.height <= height and size.height <= height:
            self.set_reactive(BoardTable.virtual_size, size)
            self.refresh()
        else:
            self.virtual_size = size

    # Drawing ---------------------------------------------------------------------------
    def _segments(self, cells: Cells | None, layout: _Layout, style: Style, line: int = 0) -> list[Segment]:
        """One screen line of a row (or of the header when ``cells`` is None), as segments
        made straight from the cells, in the line's ``style`` under each cell's own: a cell
        with one style (most of them) is one segment, not a trip through a whole line's Rich
        Text, and the line is not styled again afterwards."""
        console = self.app.console
        pad = Segment(" " * self.padding, style) if self.padding else None
        segments: list[Segment] = []
        for col, width in layout.columns:
            if cells is None:
                labels = col.label.split("\n")
                cell = Text(labels[line] if line < len(labels) else "")
            else:
                value = cells.get(col.key, "")
                cell = value if isinstance(value, Text) else Text(str(value))
            length = cell.cell_len
            if length > width:  # copied only to cut: most cells fit as they are
                cell = cell.copy()
                cell.truncate(width, overflow="ellipsis")
                length = cell.cell_len
            cell_style = style + (console.get_style(cell.style) if isinstance(cell.style, str) else cell.style)
            if pad:
                segments.append(pad)
            if cell.spans:
                segments.extend(
                    Segment(text, style + span_style if span_style else style, control)
                    for text, span_style, control in cell.render(console)
                )
            elif cell.plain:
                segments.append(Segment(cell.plain, cell_style))
            if width > length:
                segments.append(Segment(" " * (width - length), cell_style))  # the cell's style fills it
            if pad:
                segments.append(pad)
        return segments

    def _line(self, index: int | None, layout: _Layout, style: Style, *, cursor: bool = False, line: int = 0) -> Strip:
        """A whole line (every column), kept until something that affects it changes."""
        key = (self._fill if index is not None else -1, index, line, layout, style, cursor)
        strip = self._lines.get(key)
        if strip is None:
            cells = None if index is None else self._cells(index)
            strip = Strip(self._segments(cells, layout, style, line), layout.total_width)
            if cursor:  # the mark replaces the blank first cell
                strip = Strip.join([Strip([Segment(CURSOR_MARK, style)], 1), strip.crop(1)])
            self._lines[key] = strip = strip.simplify()
        return strip

    def _line_styles(self) -> _LineStyles:
        # Worked out once per paint, not per line: the widget's own style walks every ancestor.
        if self._paint_styles is not None:
            return self._paint_styles
        base = self.rich_style
        cursor = base + self.get_component_rich_style("board-table--cursor")
        if self.app.no_color:
            # NO_COLOR: Textual still paints in greys, and the cursor's own colours are the
            # rows' swapped. Reverse video of the row's own colours shows the same on such a
            # terminal and on one that shows no colour at all. (Reverse on top of the cursor's
            # colours would swap them back: a dark row among dark rows.)
            cursor = base + Style(reverse=True, bold=True)
        elif cursor.bgcolor is None or cursor.bgcolor.is_default:
            # An ANSI theme's default colours: no colour of its own to show; reverse video,
            # which every terminal shows.
            cursor += Style(reverse=True)
        return _LineStyles(
            base,
            base + self.get_component_rich_style("board-table--odd"),
            cursor,
            self.get_component_rich_style("board-table--header"),
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint_styles = self._line_styles()
        try:
            return super().render_lines(crop)
        finally:
            self._paint_styles = None

    def render_line(self, y: int) -> Strip:
        layout = self._layout()
        width = self.size.width
        styles = self._line_styles()
        scroll_x, scroll_y = self.scroll_offset
        if y < self.header_height:
            strip = self._line(None, layout, styles.header, line=y)
        else:
            index = scroll_y + y - self.header_height
            if index >= len(self._keys):
                return Strip.blank(width, styles.row)
            cursor = index == self.cursor_row
            style = styles.cursor if cursor else styles.odd if index % 2 else styles.row
            strip = self._line(index, layout, style, cursor=cursor)
        if not scroll_x and strip.cell_length == width:
            return strip  # the line as kept: nothing to cut or pad (most lines, most paints)
        fixed = min(layout.fixed_width, width)
        if fixed:  # the fixed columns stay; the rest scroll sideways under the scroll offset
            moving = strip.crop(fixed + scroll_x, fixed + scroll_x + width - fixed)
            strip = Strip.join([strip.crop(0, fixed), moving])
        else:
            strip = strip.crop(scroll_x, scroll_x + width)
        return strip.extend_cell_length(width, styles.row).simplify()

    def on_resize(self) -> None:
        # The rendered lines stay kept: a resize to the same width (every screen gets one when
        # shown) changes no key.
        self._size_for_rows()
        self.refresh()
        if self._column_in_view is not None:
            self.call_after_refresh(self.show_column, self._column_in_view)

    # Moving ----------------------------------------------------------------------------
    def watch_cursor_row(self, old: int, new: int) -> None:
        self._from_top = False  # the cursor has a place again
        if self.selected_key is not None:
            self.post_message(self.RowHighlighted(self, self.selected_key))
        if not self._keys:
            self.refresh()
            return
        rows_shown = max(1, self.size.height - self.header_height)
        top = self.scroll_offset.y
        if new < top:
            self.scroll_to(y=new, animate=False)
        elif new >= top + rows_shown:
            self.scroll_to(y=new - rows_shown + 1, animate=False)
        # Only the two rows whose look changed (a scroll repaints the rest).
        self.refresh_line(old + self.header_height)
        self.refresh_line(new + self.header_height)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - max(1, self.size.height - self.header_height))

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + max(1, self.size.height - self.header_height))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._keys) - 1)

    def _column_edges(self) -> list[int]:
        """Where each scrolling column starts, measured from the end of the fixed ones."""
        layout, pad = self._layout(), 2 * self.padding
        edges, x = [], 0
        for _, width in layout.columns[self.fixed_columns :]:
            edges.append(x)
            x += width + pad
        return edges

    def action_column_left(self) -> None:
        before = [x for x in self._column_edges() if x < self.scroll_offset.x]
        self.scroll_to(x=before[-1] if before else 0, animate=False)

    def action_column_right(self) -> None:
        after = [x for x in self._column_edges() if x > self.scroll_offset.x]
        if after and self.scroll_offset.x < self.max_scroll_x:
            self.scroll_to(x=min(after[0], self.max_scroll_x), animate=False)

    def keep_column_in_view(self, key: str | None) -> None:
        """Keep this column in view (the matrix's meeting shown): now, once the table is laid
        out (shown before it has its size, there is nothing to scroll yet), and at every resize."""
        self._column_in_view = key
        if key is not None:
            self.show_column(key)
            self.call_after_refresh(self.show_column, key)

    def show_column(self, key: str) -> None:
        """Scroll sideways, if need be, so the column is in view beside the fixed ones, with a
        whole column at the left edge."""
        layout, pad = self._layout(), 2 * self.padding
        edges = self._column_edges()
        keys = [col.key for col, _ in layout.columns[self.fixed_columns :]]
        if key not in keys:
            return
        place = keys.index(key)
        start, end = edges[place], edges[place] + layout.columns[self.fixed_columns + place][1] + pad
        room = self._width_for_rows() - layout.fixed_width
        if start < self.scroll_offset.x:
            self.scroll_to(x=start, animate=False, immediate=True)
        elif end > self.scroll_offset.x + room:
            self.scroll_to(x=next(x for x in edges if x >= end - room), animate=False, immediate=True)

    def action_select(self) -> None:
        if self.selected_key is None:
            raise SkipAction()  # nothing to choose: Enter means what the screen says it does
        self.post_message(self.RowSelected(self, self.selected_key))

    def on_click(self, event: Click) -> None:
        x, y = event.x, event.y
        layout = self._layout()
        if x >= layout.fixed_width:
            x += self.scroll_offset.x
        if y < self.header_height:
            left = 0
            for col, width in layout.columns:
                left += width + 2 * self.padding
                if x < left:
                    self.post_message(self.HeaderSelected(self, col.key))
                    return
            return
        index = self.scroll_offset.y + y - self.header_height
        if 0 <= index < len(self._keys):
            if index == self.cursor_row:
                self.action_select()
            self.move_cursor(index)
