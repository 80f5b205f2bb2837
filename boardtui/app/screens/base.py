"""A screen whose data is read off the UI thread and shown as at the app's meeting."""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from boardtui.app.access import BoardAppAccess
from boardtui.app.keys import BACK
from boardtui.app.widgets.header import BoardHeader
from boardtui.app.widgets.keybar import KeyBar
from boardtui.app.widgets.table import BoardTable
from boardtui.app.work import LOAD, in_thread
from boardtui.store.views import BoardViews, NotKept
from boardtui.text import clean

# Show a loading indicator only when a load really takes time.
LOADING_DELAY = 0.15


class Read(Protocol):
    """A screen's read (see reads.py): its inputs, and ``run`` to read with them."""

    def run(self, views: BoardViews) -> Any: ...


class DataScreen(BoardAppAccess, Screen):
    BINDINGS = [BACK]

    #: The breadcrumb's part for this screen (breadcrumb_part may work it out instead).
    crumb: Text | str = ""
    #: The worker group of the screen's reads (the key gate lets text typed go on past a read
    #: of a group in work.AS_TYPED: the next character starts it again).
    READ_GROUP = LOAD

    def __init__(self) -> None:
        super().__init__()
        self.shown_meeting: str | None = None
        self.shown_generation = (0, 0)  # the changes seen when it was read (BoardApp.changes_seen)
        self._pending = False

    def compose(self) -> ComposeResult:
        yield BoardHeader()
        yield from self.compose_body()
        yield Static(id="problem", classes="problem")
        yield KeyBar()

    def compose_body(self) -> ComposeResult:  # pragma: no cover - every screen overrides
        yield from ()

    # Loading -------------------------------------------------------------------------
    def current_read(self) -> Read:
        """UI thread: the read of what this screen shows now, its inputs captured (reads.py)."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        """Runs on the UI thread with what the read returned."""
        raise NotImplementedError

    def loading_target(self):
        return self

    def reload(self, *, clear: bool = False) -> None:
        app, views = self.board_app, self.board_app.views
        meeting = app.meeting
        self.shown_meeting = meeting.id if meeting else None
        self.shown_generation = app.changes_seen
        self.query_one(BoardHeader).refresh_text()
        read = self.current_read()
        try:
            with views.kept_only():
                data = read.run(views)
        except NotKept:
            if clear:
                self.clear_rows()
        else:  # read ahead, or read before: shown at once, one paint, no round trip
            self.workers.cancel_group(self, self.READ_GROUP)  # an earlier read must not land on top
            self._show_read(data)
            return
        self._pending = True
        self.set_timer(LOADING_DELAY, self._show_loading)
        in_thread(
            self,
            lambda: read.run(views),
            self._show_read,
            self._read_failed,  # said inline
            name=type(self).__name__,
            group=self.READ_GROUP,
            exclusive=True,
        )

    def _show_loading(self) -> None:
        # Only if the load it was set for (or a later one) is still running.
        if self._pending:
            self.loading_target().loading = True

    def on_mount(self) -> None:
        self.reload()

    def start_over(self) -> None:
        """About to be shown again (the app keeps some screens between visits): show what a new
        screen would, read as at now, and nothing of the last visit meanwhile."""
        if not self.is_mounted:
            return  # never shown: mounting reads it
        for table in self.query(BoardTable):
            table.start_over()
        self.reset()
        self.reload(clear=True)

    def reset(self) -> None:
        """Put back the screen's own state as a new screen has it (sort, filter and the like)."""

    def clear_rows(self) -> None:
        """Empty the lists while a read is under way, so the last visit's rows never show."""
        for table in self.query(BoardTable):
            table.fill([])

    def on_screen_resume(self) -> None:
        # Coming back (Esc) after time travel, or a change recorded (or an officer's update
        # saved in their draft return) in a deeper screen: show the new meeting, or the pack
        # as it is now.
        meeting = self.board_app.meeting
        if (
            meeting.id if meeting else None
        ) != self.shown_meeting or self.board_app.changes_seen != self.shown_generation:
            self.reload()
        else:
            self.query_one(BoardHeader).refresh_text()

    def _read_failed(self, error: Exception) -> None:
        self._stop_loading()
        self.say(f"Could not read the pack: {error}")

    def _stop_loading(self) -> None:
        self._pending = False
        self.loading_target().loading = False

    def _show_read(self, data: Any) -> None:
        self._stop_loading()
        self.say("")
        self.show(data)

    def say(self, message: str) -> None:
        """An inline message under the content (data shown as data)."""
        problem = self.query_one("#problem", Static)
        if not message and not problem.display:
            return  # nothing said, nothing to clear: no layout for it
        problem.display = bool(message)
        problem.update(Text(clean(message)))

    def breadcrumb_part(self) -> Text | str:
        return self.crumb

    def minute_context(self) -> tuple[str | None, str | None]:
        """(weakness, action) a minute recorded from this screen is about."""
        return None, None

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:  # the dashboard, at the bottom, has nowhere to go back to
            self.app.pop_screen()


class DetailScreen(DataScreen):
    """A scrolling page of text (action, weakness): j/k scroll like the tables move."""

    BINDINGS = [
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
    ]

    def action_scroll(self, where: str) -> None:
        scroller = self.query_one("#detail", VerticalScroll)
        scroller.scroll_down() if where == "down" else scroller.scroll_up()
