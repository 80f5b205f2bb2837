"""The top of every screen: board, file and "as at" date; the breadcrumb; any banner."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from boardtui.app.render import day, plain


class BoardHeader(Vertical):
    def compose(self) -> ComposeResult:
        yield Static(id="title-line")
        yield Static(id="crumbs")
        yield Static(id="banner")

    def on_mount(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        app = self.app
        meeting = app.meeting  # type: ignore[attr-defined]
        title = Text()
        title.append(plain(app.board_name, "bold"))  # type: ignore[attr-defined]
        title.append("  ·  ")
        title.append(plain(app.store.path.name))  # type: ignore[attr-defined]
        title.append("  ·  ")
        if meeting is None:
            title.append("no board meetings yet", style="italic")
        else:
            title.append(f"as at {day(meeting.date)}", style="bold reverse")
            title.append(f"  {meeting.id} · minutes {meeting.minutes_status}")
            if app.is_time_travelling:  # type: ignore[attr-defined]
                title.append("  (earlier meeting: ] steps forward)", style="italic")
        self.query_one("#title-line", Static).update(title)
        self.query_one("#crumbs", Static).update(app.breadcrumb())  # type: ignore[attr-defined]
        banner = self.query_one("#banner", Static)
        text = app.store.banner  # type: ignore[attr-defined]
        banner.display = bool(text)
        if text:
            banner.update(plain(text))
