"""One weakness: judgement history, measures with their trend, minutes about it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Sparkline, Static

from boardtui.app.reads import NO_BOARD_MEETING, NoMeeting, WeaknessDetailRead
from boardtui.app.render import day, minute_line, para, plain, section
from boardtui.app.screens.base import DetailScreen
from boardtui.measures import format_value, trend
from boardtui.store.rows import WeaknessDetail, WeaknessMeasure
from boardtui.text import one_line

TREND = {"improving": "↑ improving", "no change": "→ no change", "worse": "↓ worse"}


def measure_caption(m: WeaknessMeasure) -> Text:
    out = Text()
    out.append(plain(m.name, "bold"))
    out.append(f" ({one_line(m.unit)}, {'lower' if m.lower_is_better else 'higher'} is better)")
    values, periods = m.vals or [], m.periods or []
    if not values:
        out.append("\n  no values yet at this meeting", style="italic")
        return out
    first, last = values[0], values[-1]
    out.append(
        f"\n  {format_value(first)} ({day(periods[0])}) → {format_value(last)} ({day(periods[-1])})  "
        f"{TREND[trend(first, last, m.lower_is_better)]}"
    )
    return out


class WeaknessDetailScreen(DetailScreen):
    CSS_PATH = "screens.tcss"  # read when first shown, not for the first frame

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code
        self.crumb = f"{code} detail"

    def minute_context(self) -> tuple[str | None, str | None]:
        return self.code, None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(id="weakness-text")
            yield Vertical(id="measures")
            yield Static(id="weakness-minutes")

    def current_read(self) -> WeaknessDetailRead | NoMeeting:
        meeting = self.board_app.meeting
        if meeting is None:  # a pack with no board meeting yet: its measures and minutes are as at one
            return NO_BOARD_MEETING
        return WeaknessDetailRead(self.code, meeting)

    def show(self, data: WeaknessDetail | NoMeeting | None) -> None:
        if isinstance(data, NoMeeting):
            self.say(data.said)
            return
        if data is None:
            self.say(f"There is no weakness {self.code} in this pack.")
            return
        w = data.weakness
        head = Text()
        head.append(plain(w.code, "bold"))
        head.append("  ")
        head.append(para(w.short_name, "bold"))
        head.append("\n")
        head.append(para(w.title))
        head.append("\nTheme: ")
        head.append(para(w.theme))
        head.append(section("Judgement history"))
        for j in data.judgements:
            head.append("\n")
            head.append(f"{day(j.date):<12} {one_line(j.body):<24} ")
            head.append(para(j.outcome, "bold"))
            if j.whole_area:
                head.append(" (whole area)", style="dim")
            if j.note:
                head.append("  ")
                head.append(para(j.note, "dim"))
        head.append(section(f"Measures ({len(data.measures)})"))
        if not data.measures:
            head.append("\nnone recorded for this weakness", style="italic")
        self.query_one("#weakness-text", Static).update(head)

        box = self.query_one("#measures", Vertical)
        box.remove_children()
        for m in data.measures:
            box.mount(Static(measure_caption(m), classes="measure-caption"))
            if m.vals:
                box.mount(Sparkline(list(m.vals), classes="measure-trend"))

        minutes = Text()
        minutes.append(section(f"Minutes about this weakness and its actions ({len(data.minutes)})"))
        for item in data.minutes:
            minutes.append("\n")
            minutes.append(minute_line(item, show_action=True))
        self.query_one("#weakness-minutes", Static).update(minutes)
        self.query_one("#detail").focus()
