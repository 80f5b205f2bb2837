"""The top of every screen: board, file and "as at" date; the breadcrumb; any banner.

One Static of a few lines (the banner only when there is one): fewer widgets to style and
lay out on the first frame.
"""

from __future__ import annotations

from rich.text import Text

from boardtui.app.access import BoardAppAccess
from boardtui.app.render import day, plain
from boardtui.app.widgets.line import FixedLine


class BoardHeader(BoardAppAccess, FixedLine):
    def on_mount(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        """Say it again: the app's meeting, meeting in progress or banner changed (the app
        watches them), or the breadcrumb did."""
        app = self.board_app
        meeting = app.meeting
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(plain(app.board_name, "bold"))
        text.append("  ·  ")
        text.append(plain(app.pack_path.name))
        text.append("  ·  ")
        if meeting is None:
            text.append("no board meetings yet", style="italic")
        else:
            text.append(f"as at {day(meeting.date)}", style="bold reverse")
            text.append(f"  {meeting.id} · minutes {meeting.minutes_status}")
            if meeting.id == app.meeting_in_progress:
                text.append("  · MEETING IN PROGRESS", style="bold")
            elif app.is_time_travelling:
                text.append("  · earlier meeting", style="italic")
        text.append("\n")
        text.append(app.breadcrumb(self.screen))
        banner = app.banner
        if banner:
            text.append("\n")
            text.append(plain(banner, "bold reverse"))
        # Its height follows its lines (the banner is one more): lay out only when they change.
        shown = self._shown
        self.show_text(text, layout=shown is None or shown.plain.count("\n") != text.plain.count("\n"))
