"""The meeting-room app: from the weaknesses down to any action and back, as at any meeting."""

from __future__ import annotations

from rich.text import Text
from textual.app import App

from boardtui.app.commands import BoardCommands
from boardtui.app.keys import APP_BINDINGS
from boardtui.app.screens.action_detail import ActionDetailScreen
from boardtui.app.screens.actions import ActionsScreen
from boardtui.app.screens.base import DataScreen
from boardtui.app.screens.dashboard import DashboardScreen
from boardtui.app.screens.exceptions import ExceptionsScreen
from boardtui.app.screens.help import HelpScreen
from boardtui.app.screens.matrix import MatrixScreen
from boardtui.app.screens.search import SearchScreen
from boardtui.app.screens.weakness_detail import WeaknessDetailScreen
from boardtui.config import Config
from boardtui.store.db import Store
from boardtui.store.views import BoardViews, Meeting

CRUMB_SEPARATOR = " › "


class BoardApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "boardtui"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {BoardCommands}

    def __init__(self, store: Store, config: Config, *, board: dict, meetings: list[Meeting],
                 definitions: list[dict], weakness_names: dict[str, str],
                 first_dashboard: list[dict] | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.views = BoardViews(store)
        self.board_name = config.board_name or board["name"]
        self.meetings = meetings
        self.definitions = definitions
        self.weakness_names = weakness_names  # code -> short name, for breadcrumbs
        # Read with the pack at start-up, so the first frame shows data without a round trip.
        self.first_dashboard = first_dashboard
        # The latest board meeting is "now"; [ and ] step through the others.
        self.meeting_index = len(meetings) - 1
        if config.theme:
            self.theme = config.theme
        if config.keys:
            self.set_keymap(config.keys)

    @property
    def meeting(self) -> Meeting | None:
        return self.meetings[self.meeting_index] if self.meetings else None

    @property
    def is_time_travelling(self) -> bool:
        return self.meeting_index != len(self.meetings) - 1

    def on_mount(self) -> None:
        self.push_screen(DashboardScreen())

    def breadcrumb(self) -> Text:
        crumbs = [s.crumb for s in self.screen_stack if isinstance(s, DataScreen) and s.crumb]
        out = Text()
        for i, crumb in enumerate(crumbs):
            if i:
                out.append(CRUMB_SEPARATOR, style="dim")
            part = crumb.copy() if isinstance(crumb, Text) else Text(crumb)
            if i == len(crumbs) - 1:
                part.stylize("bold")
            out.append(part)
        return out

    # Time travel ---------------------------------------------------------------------
    def _show_meeting(self, index: int) -> None:
        self.meeting_index = index
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

    # Going places ----------------------------------------------------------------------
    def _to_dashboard(self) -> DashboardScreen:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        return self.screen_stack[1]

    def open_weakness(self, code: str) -> None:

        self._to_dashboard().select(code)
        self.push_screen(ActionsScreen(code))

    def open_weakness_detail(self, code: str) -> None:

        self.open_weakness(code)
        self.push_screen(WeaknessDetailScreen(code))

    def open_action(self, action_id: str, weakness: str) -> None:
        self.open_weakness(weakness)
        self.push_screen(ActionDetailScreen(action_id))

    # Screens on top of wherever you are ---------------------------------------------------
    def action_exceptions(self) -> None:

        self.push_screen(ExceptionsScreen())

    def action_matrix(self) -> None:

        self.push_screen(MatrixScreen())

    def action_search(self) -> None:

        self.push_screen(SearchScreen())

    def action_help(self) -> None:

        self.push_screen(HelpScreen(self.definitions, self.config.keys))
