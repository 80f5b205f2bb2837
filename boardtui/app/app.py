"""The meeting-room app: from the weaknesses down to any action and back, as at any meeting.

This module is navigation: which meeting is shown, which screen is on top, and the keys that go
places. Everything that writes to the pack is the recording room's (``recording.py``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual.binding import BindingType
from textual.reactive import var
from textual.screen import Screen
from textual.worker import Worker

from boardtui.app.key_gate import KeyGate
from boardtui.app.keys import APP_BINDINGS
from boardtui.app.meeting_walk import MeetingWalk
from boardtui.app.pack_link import PackLink
from boardtui.app.screens.base import DataScreen
from boardtui.app.screens.dashboard import DashboardScreen
from boardtui.app.widgets.header import BoardHeader
from boardtui.config import Config
from boardtui.text import clean

if TYPE_CHECKING:  # the pack is opened elsewhere; the app module need not load DuckDB
    from boardtui.app.frame_cache import Identity
    from boardtui.app.recording import RecordingRoom
    from boardtui.app.run import FirstFrameLater, KeptFrame
    from boardtui.store.rows import RagDefinition, WeaknessRow
    from boardtui.store.views import BoardViews, FirstFrame, Meeting


CRUMB_SEPARATOR = " › "


class BoardApp(PackLink, MeetingWalk, KeyGate):
    CSS_PATH = "app.tcss"
    TITLE = "boardtui"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    # var, not reactive: an App reactive repaints the whole screen (a full compositor update,
    # ~50 ms at 1,000 areas on every ] ); the watchers repaint just the header.
    #: The board meeting everything is shown as at ([ and ] step through them).
    meeting: var[Meeting | None] = var(None, init=False)
    #: The meeting started or resumed with n, whose agenda the app walks.
    meeting_in_progress: var[str | None] = var(None, init=False)
    #: Why the pack is read-only, when it is not by choice.
    banner: var[str | None] = var(None, init=False)
    #: Officers' returns in the returns folder not imported yet (the header says how many).
    returns_waiting: var[int] = var(0, init=False)

    def __init__(
        self,
        views: BoardViews,
        config: Config,
        first: FirstFrame | None,
        pack_path: Path,
        *,
        read_only: bool = False,
        first_later: FirstFrameLater | None = None,
        kept: KeptFrame | None = None,
        identity: Identity | None = None,
    ) -> None:
        """``first``: the first frame, read already; or None, and ``first_later`` reads it (in
        a worker: the app paints meanwhile, see run.py). ``kept``: ``first`` is the frame kept
        from the last read (frame_cache), read again once the pack is open. ``identity``: the
        pack's when ``first`` was read (the frame is kept if the pack is the same once open)."""
        super().__init__()
        self.views = views
        self.pack_path = pack_path
        self.read_only = read_only
        self.config = config
        self._recording: RecordingRoom | None = None
        self._opening = False  # the open worker was asked for
        self._open_started = False  # and began opening (close_pack waits for it)
        self._pack_closing = False  # not _closing: that is Textual's own (a closing message pump)
        self._open_lock = threading.Lock()
        self._kept_screens: dict[str, DataScreen] = {}
        #: The snapshot and the meeting pack being written, by their worker group (outputs.py: one of each at a time).
        self.files_writing: dict[str, Worker[None]] = {}
        self._first_later = first_later
        self._kept = kept
        # The frame read at start-up (set by _take_first_frame) and the pack's identity when it
        # was read: kept once this process has opened the pack and found it the same (frame_cache).
        self._frame_identity = identity
        self._frame_read: FirstFrame | None = None
        #: Why the first frame could not be read (run_app raises it once the app has closed).
        self.startup_error: BaseException | None = None
        self.board_name = config.board_name or ""
        self.meetings: list[Meeting] = []
        self.definitions: list[RagDefinition] = []
        self.weakness_names: dict[str, str] = {}  # code -> short name, for breadcrumbs
        # Read with the pack at start-up, so the first frame shows data without a round trip.
        self.first_dashboard: list[WeaknessRow] | None = None
        if first is not None:
            self._take_first_frame(first)
        self.agenda_position = 0  # where the meeting in progress is on its agenda
        #: Whose actions "my actions" (y) shows: user in boardtui.toml, else the login name (c there chooses).
        self.me = config.who
        self.desk_changes = 0  # officers' updates saved or sent this session (a draft return changes no pack)
        if config.theme:
            self.theme = config.theme
        if config.keys:
            self.set_keymap(config.keys)

    def get_driver_class(self):
        """The app's own driver (driver.py) where Textual would use its POSIX one."""
        from textual import constants

        if os.name != "posix" or constants.DRIVER is not None:  # another system, or a driver asked for
            return super().get_driver_class()
        from boardtui.app.driver import BoardDriver

        return BoardDriver

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity="information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notice is plain text: it often carries words from the pack (an action's title,
        a refused value), which Textual would otherwise read as markup."""
        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=False)

    @property
    def recording(self) -> RecordingRoom:
        """The recording room (recording.py), made when first asked for: the first frame does
        not wait for its imports."""
        if self._recording is None:
            from boardtui.app.recording import RecordingRoom

            self._recording = RecordingRoom(self)
        return self._recording

    # Keys -------------------------------------------------------------------------------
    async def action_quit(self) -> None:
        if self.meeting_in_progress is None:
            self.exit()
            return
        from boardtui.app.dialogs.confirm import ConfirmDialog

        question = Text("Quit during ", style="bold")
        question.append(Text(f"meeting {self.meeting_in_progress}?", style="bold"))
        self.push_screen(
            ConfirmDialog(
                question,
                Text(
                    "Everything recorded is already in the file; n returns to the meeting, where you were.",
                    style="italic",
                ),
            ),
            lambda yes: self.exit() if yes else None,
        )

    def action_command_palette(self) -> None:
        """Ctrl+P: the app's own palette (dialogs/palette.py), over the pack and the app's commands."""
        from boardtui.app.dialogs.palette import PaletteDialog

        if not isinstance(self.screen, PaletteDialog):
            self.push_screen(PaletteDialog(), self._go_to)

    def _go_to(self, chosen) -> None:
        if chosen is None:
            return
        if chosen.kind == "weakness":
            self.open_weakness(chosen.target)
        elif chosen.kind == "action":
            self.open_action(chosen.target, chosen.weakness)
        elif chosen.kind == "meeting":
            self.go_to_meeting(chosen.target)
        else:
            chosen.command()

    # The meeting shown -------------------------------------------------------------------
    @property
    def changes_seen(self) -> tuple[int, int]:
        """What a screen's rows depend on beyond the meeting shown: the pack's changes, and the
        officer's updates saved (on a snapshot or a read-only pack they go into the draft
        return, which changes no pack). A screen read before either moved on reads again."""
        return self.views.generation, self.desk_changes

    @property
    def meeting_index(self) -> int:
        return self.meetings.index(self.meeting) if self.meeting in self.meetings else len(self.meetings) - 1

    @property
    def is_time_travelling(self) -> bool:
        return bool(self.meetings) and self.meeting != self.meetings[-1]

    def watch_meeting(self) -> None:
        self._refresh_header()

    def watch_meeting_in_progress(self) -> None:
        self._refresh_header()

    def watch_banner(self) -> None:
        self._refresh_header()

    def watch_returns_waiting(self) -> None:
        self._refresh_header()

    def _refresh_header(self) -> None:
        for header in self.screen.query(BoardHeader):
            header.refresh_text()

    def set_meetings(self, meetings: list[Meeting]) -> None:
        """The board meetings as they now are (a change may add one or approve minutes): the same
        meeting stays shown."""
        if meetings == self.meetings:
            return
        shown = self.meeting.id if self.meeting else None
        self.meetings = meetings
        self.meeting = next((m for m in meetings if m.id == shown), meetings[-1] if meetings else None)

    def _show_meeting(self, index: int) -> None:
        self.meeting = self.meetings[index]
        if isinstance(self.screen, DataScreen):
            self.screen.reload()

    def action_prev_meeting(self) -> None:
        if self.meeting_index > 0:
            self._show_meeting(self.meeting_index - 1)
        else:
            self.notify("This is the first board meeting in the pack.", timeout=3)

    def action_next_meeting(self) -> None:
        if self.meeting_index < len(self.meetings) - 1:
            self._show_meeting(self.meeting_index + 1)
        else:
            self.notify("This is the latest board meeting.", timeout=3)

    def go_to_meeting(self, meeting_id: str) -> None:
        for index, meeting in enumerate(self.meetings):
            if meeting.id == meeting_id:
                self._show_meeting(index)
                return
        self.notify(f"{meeting_id} is not a board meeting.", severity="warning")

    def get_default_screen(self) -> Screen:
        # The dashboard is the app's first screen itself, not pushed over Textual's empty
        # default one: pushing painted that one, then resumed and laid out the dashboard again
        # (~20 ms of every start-up).
        return DashboardScreen()

    def breadcrumb(self, screen: Screen) -> Text:
        """The path to ``screen``: the stack up to it, or to it about to be pushed."""
        stack = self.screen_stack
        path = stack[: stack.index(screen) + 1] if screen in stack else [*stack, screen]
        crumbs = [part for s in path if isinstance(s, DataScreen) and (part := s.breadcrumb_part())]
        out = Text()
        for i, crumb in enumerate(crumbs):
            if i:
                out.append(CRUMB_SEPARATOR, style="dim")
            part = crumb.copy() if isinstance(crumb, Text) else Text(crumb)
            if i == len(crumbs) - 1:
                part.stylize("bold")
            out.append(part)
        return out

    # Going places ----------------------------------------------------------------------
    def _to_dashboard(self) -> DashboardScreen:
        while len(self.screen_stack) > 1:
            self.pop_screen()
        return cast(DashboardScreen, self.screen_stack[0])  # the app's first screen (get_default_screen)

    def _back_to(self, screen: Screen) -> None:
        """Come back to ``screen``, on the stack already: the screens above it go."""
        while self.screen is not screen:
            self.pop_screen()

    def _show_kept(
        self, name: str, make: Callable[[], DataScreen], prepare: Callable[[DataScreen], None] | None = None
    ) -> None:
        """Show the screen kept for ``name`` (built once, then shown again: composing and
        mounting a screen is most of what showing it costs, 13 ms against 70 for a new one),
        as a new one would show (``prepare`` sets what it is about). Already on the stack
        (deeper down), it is come back to: the screens above it go, so keys that open screens
        never pile them up."""
        screen = self._kept_screens.get(name)
        if screen is None:
            screen = self._kept_screens[name] = make()
            self.install_screen(screen, name)  # popping an installed screen keeps it
        if prepare is not None:
            prepare(screen)
        if screen in self.screen_stack:
            self._back_to(screen)
            screen.start_over()
            return
        # Start over before the push: the widgets' repaints are then queued ahead of the
        # screen's resume, and the screen paints once, not again a frame or two later.
        screen.start_over()  # a kept screen shows what a new one would
        self.push_screen(screen)

    def _show(self, kind: type[Screen], make: Callable[[], Screen]) -> None:
        """Push a new screen of ``kind``, or come back to the one on the stack already."""
        found = next((s for s in self.screen_stack if isinstance(s, kind)), None)
        if found is None:
            self.push_screen(make())
            return
        self._back_to(found)
        if isinstance(found, DataScreen):
            found.reload()

    # Screens past the first frame are imported when first used: start-up only pays for the
    # dashboard.
    def show_actions(self, code: str) -> None:
        """Push the actions list of a weakness."""
        from boardtui.app.screens.actions import ActionsScreen

        self._show_kept("actions", lambda: ActionsScreen(code), lambda screen: setattr(screen, "weakness", code))

    def open_weakness(self, code: str) -> None:
        self._to_dashboard().select(code)
        self.show_actions(code)

    def open_weakness_detail(self, code: str) -> None:
        from boardtui.app.screens.weakness_detail import WeaknessDetailScreen

        self.open_weakness(code)
        self.push_screen(WeaknessDetailScreen(code))

    def open_action(self, action_id: str, weakness: str) -> None:
        from boardtui.app.screens.action_detail import ActionDetailScreen

        self.open_weakness(weakness)
        self.push_screen(ActionDetailScreen(action_id))

    def action_exceptions(self) -> None:
        from boardtui.app.screens.exceptions import ExceptionsScreen

        self._show_kept("exceptions", ExceptionsScreen)

    def action_matrix(self) -> None:
        from boardtui.app.screens.matrix import MatrixScreen

        self._show_kept("matrix", MatrixScreen)

    def action_search(self) -> None:
        from boardtui.app.screens.search import SearchScreen

        self._show(SearchScreen, SearchScreen)

    def action_returns(self) -> None:
        from boardtui.app.screens.returns import ReturnsScreen

        self._show(ReturnsScreen, ReturnsScreen)

    def action_my_actions(self) -> None:
        from boardtui.app.screens.my_actions import MyActionsScreen

        self._show(MyActionsScreen, MyActionsScreen)

    def action_returns_due(self) -> None:
        from boardtui.app.screens.returns_due import ReturnsDueScreen

        self._show(ReturnsDueScreen, ReturnsDueScreen)

    def action_review(self) -> None:
        from boardtui.app.screens.review import ReviewScreen

        self._show(ReviewScreen, ReviewScreen)

    def action_help(self) -> None:
        from boardtui.app.screens.help import HelpScreen

        self._show(HelpScreen, lambda: HelpScreen(self.definitions, self.config.keys))

    # Keys that record from anywhere: the recording room opens their dialogs ---------------
    def action_minute(self, kind: str) -> None:
        screen = self.screen
        weakness, action = screen.minute_context() if isinstance(screen, DataScreen) else (None, None)
        self.recording.minute(kind, weakness, action)

    def action_attendance(self) -> None:
        self.recording.attendance()

    def action_undo(self) -> None:
        self.recording.undo()

    def action_redo(self) -> None:
        self.recording.redo()

    # Files written in the background (outputs.py) ----------------------------------------
    def action_export(self) -> None:
        from boardtui.app.outputs import export_snapshot_now

        export_snapshot_now(self)

    def action_report(self) -> None:
        from boardtui.app.outputs import write_meeting_pack_now

        write_meeting_pack_now(self)
