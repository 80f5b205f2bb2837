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

    def on_resize(self) -> None:
        self.refresh_text()  # what fits on the first line depends on the width

    def refresh_text(self) -> None:
        """Say it again: the app's meeting, meeting in progress or banner changed (the app
        watches them), or the breadcrumb did."""
        app = self.board_app
        width = (self.size.width or app.size.width) - 2  # less the padding
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(self._first_line(width))
        text.append("\n")
        text.append(app.breadcrumb(self.screen))
        banner = app.banner
        if banner:
            text.append("\n")
            text.append(plain(banner, "bold reverse"))
        # Its height follows its lines (the banner is one more): lay out only when they change.
        shown = self._shown
        self.show_text(text, layout=shown is None or shown.plain.count("\n") != text.plain.count("\n"))

    def _first_line(self, width: int) -> Text:
        """Board · file · as at …: narrow, the meeting and MEETING IN PROGRESS always stay; the
        file name goes first, then the board's name is cut."""
        app = self.board_app
        meeting = app.meeting
        status = Text()
        if meeting is None:
            status.append("no board meetings yet", style="italic")
        else:
            status.append(f"as at {day(meeting.date)}", style="bold reverse")
            status.append("  ")
            status.append(plain(meeting.id))
            status.append(f" · minutes {meeting.minutes_status}")
            if meeting.id == app.meeting_in_progress:
                status.append("  · MEETING IN PROGRESS", style="bold")
            elif app.is_time_travelling:
                status.append("  · earlier meeting", style="italic")
        if app.returns_waiting:
            status.append(f"  · {app.returns_waiting} return(s) to import: R", style="bold")
        board, file, gap = plain(app.board_name, "bold"), plain(app.pack_path.name), "  ·  "
        line = Text()
        if board.cell_len + file.cell_len + 2 * len(gap) + status.cell_len <= width:
            line.append_text(board)
            line.append(gap)
            line.append_text(file)
        else:
            room = width - len(gap) - status.cell_len
            if room < 8:  # not even a few letters of the name: the meeting alone
                return status
            if board.cell_len > room:
                board.truncate(room, overflow="ellipsis")
            line.append_text(board)
        line.append(gap)
        line.append_text(status)
        return line
