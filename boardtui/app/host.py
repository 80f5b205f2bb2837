"""What BoardApp's mixins (PackLink, MeetingWalk) use of the app they are mixed into, said once
for the type checker: each mixin's base is AppHost, a Textual App with BoardApp's own state and
navigation. At run time AppHost is ``object`` (BoardApp itself is the App and has all of it), so
the mixins add nothing to the app's start-up and the MRO is as before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App
    from textual.reactive import var
    from textual.screen import Screen

    from boardtui.app.frame_cache import Identity
    from boardtui.app.recording import RecordingRoom
    from boardtui.app.run import FirstFrameLater, KeptFrame
    from boardtui.app.screens.base import DataScreen
    from boardtui.app.screens.dashboard import DashboardScreen
    from boardtui.config import Config
    from boardtui.store.rows import RagDefinition, WeaknessRow
    from boardtui.store.views import BoardViews, FirstFrame, Meeting

    class AppHost(App[Any]):
        # The app's state (set in BoardApp.__init__, or reactives declared on BoardApp).
        views: BoardViews
        pack_path: Path
        read_only: bool
        config: Config
        board_name: str
        meetings: list[Meeting]
        definitions: list[RagDefinition]
        weakness_names: dict[str, str]
        first_dashboard: list[WeaknessRow] | None
        startup_error: BaseException | None
        agenda_position: int
        desk_changes: int
        meeting: var[Meeting | None]
        meeting_in_progress: var[str | None]
        banner: var[str | None]
        returns_waiting: var[int]
        _first_later: FirstFrameLater | None
        _kept: KeptFrame | None
        _frame_identity: Identity | None
        _frame_read: FirstFrame | None
        _opening: bool
        _open_started: bool
        _closing: bool
        _open_lock: threading.Lock

        # Its navigation (app.py).
        @property
        def recording(self) -> RecordingRoom:
            raise NotImplementedError

        def set_meetings(self, meetings: list[Meeting]) -> None:
            raise NotImplementedError

        def _to_dashboard(self) -> DashboardScreen:
            raise NotImplementedError

        def _back_to(self, screen: Screen[Any]) -> None:
            raise NotImplementedError

        def _show_kept(
            self, name: str, make: Callable[[], DataScreen], prepare: Callable[[DataScreen], None] | None = None
        ) -> None:
            raise NotImplementedError
else:
    AppHost = object
