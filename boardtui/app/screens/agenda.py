"""Meeting mode: the agenda, one item at a time. The first item is the previous minutes and the
actions arising; then each weakness still under monitoring. Each opens on what changed since
the last board meeting, its reds, its overdue actions and the actions arising due; below, the
minute items recorded under it, which `c` marks confidential and `E` corrects or amends."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from boardtui.app.keys import AGENDA_BINDINGS
from boardtui.app.reads import NO_MEETING_IN_PROGRESS, AgendaPage, AgendaRead, NoMeeting
from boardtui.app.render import brag, day, direction, para, plain, section
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.header import BoardHeader
from boardtui.app.widgets.item_scroll import ItemScroll
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.measures import format_value
from boardtui.store.rows import AgendaAction, AgendaDetail, AgendaMinute, ArisingDue, MeetingUpdate
from boardtui.store.views import AgendaItem, Meeting

MINUTE_COLUMNS = [
    Col("item", "Item", 8),
    Col("kind", "Kind", 15),
    Col("conf", "Conf.", 5),
    Col("text", "Text", None, min_width=30),
    Col("owner", "Owner / due", 28, priority=1),
]


def action_line(a: AgendaAction, note: str = "") -> Text:
    line = Text("  ")
    line.append(brag(a.brag))
    line.append(" ")
    line.append(direction(a.direction))
    line.append(" ")
    line.append(plain(a.id, "bold"))
    line.append("  ")
    line.append(plain(a.title))
    line.append("  ")
    line.append(plain(a.action_lead, "dim"))
    if note:
        line.append(f"  {note}", style="italic")
    return line


def changes(data: AgendaDetail, since: str) -> Text:
    """What moved since the meeting before: ratings given here, starts, closures, revisions,
    newly overdue actions and new measure values."""
    out = section(f"Changed since {since}")
    lines: list[Text] = []
    for a in data.actions:
        notes = []
        if a.rated_here and a.direction in ("↑", "↓"):
            notes.append(f"rated {a.prev_brag} → {a.brag} here")
        elif a.rated_here and a.prev_brag is None:
            notes.append(f"first rated {a.brag} here")
        elif a.rated_here:
            notes.append(f"rated {a.brag} here (no change)")
        if a.started_since:
            notes.append(f"started {day(a.start_date)}")
        if a.closed_since:
            notes.append(f"{a.status} {day(a.closed_date)}")
        if a.revised_since:
            notes.append(f"target revised to {day(a.revised_as_at)}")
        if a.overdue_since:
            notes.append("newly overdue")
        if notes:
            lines.append(action_line(a, "; ".join(notes)))
    for m in data.measures:
        line = Text("  measure ")
        line.append(plain(m.name, "bold"))
        line.append(f": {format_value(m.value)} ")
        line.append(plain(m.unit))
        line.append(f" ({day(m.period_end)})")
        lines.append(line)
    if not lines:
        out.append(
            "\n  nothing yet: no ratings given at this meeting, no closures, revisions or new values", style="italic"
        )
    for line in lines:
        out.append("\n")
        out.append(line)
    return out


def arising(rows: list[ArisingDue]) -> Text:
    out = section(f"Actions arising due ({len(rows)})")
    if not rows:
        out.append("\n  none fell due since the last board meeting", style="italic")
    for r in rows:
        out.append("\n  ")
        out.append(plain(r.action or r.meeting, "bold"))
        out.append(f"  due {day(r.due_date)}  ")
        out.append(plain(r.text))
        out.append("  ")
        out.append(plain(f"owner {r.owner}, raised {r.meeting}", "dim"))
    return out


def officers_updates(rows: list[MeetingUpdate]) -> Text:
    """Officers' updates reported to this meeting, each proposed BRAG beside the current one."""
    out = section(f"Officers' updates for this meeting ({len(rows)})")
    if not rows:
        out.append("\n  none submitted or accepted", style="italic")
    for u in rows:
        out.append("\n  ")
        out.append(plain(u.action, "bold"))
        out.append("  ")
        out.append(brag(u.proposed_brag))
        out.append(" proposed, now ")
        out.append(brag(u.current_brag))
        out.append("  ")
        out.append(plain(f"{u.author} · {u.state}", "dim"))
        if u.replaces:
            out.append(plain(f" · replaces {u.replaces} earlier update(s) by {u.author}", "dim"))
        out.append("\n    ")
        out.append(plain(u.progress))
    return out


class AgendaScreen(DataScreen):
    CSS_PATH = "screens.tcss"  # read when first shown, not for the first frame
    BINDINGS = AGENDA_BINDINGS

    def __init__(self, position: int = 0) -> None:
        super().__init__()
        self.position = position
        self.items: list[AgendaItem] = []
        self.minute_rows: dict[str, AgendaMinute] = {}

    # Read from the app each time: approving minutes changes the previous meeting's status.
    @property
    def meeting(self) -> Meeting | None:
        """None once no meeting is in progress (undoing its start takes the meeting away)."""
        return self.board_app.in_progress()[0]

    @property
    def previous(self) -> Meeting | None:
        return self.board_app.in_progress()[1]

    @property
    def item(self) -> AgendaItem | None:
        return self.items[self.position] if self.items else None

    def breadcrumb_part(self) -> str:
        item = self.item
        where = f"item {self.position + 1} of {len(self.items)}" if item else "agenda"
        meeting = self.meeting
        return f"Meeting {meeting.id} · {where}" if meeting else "No meeting in progress"

    def compose_body(self) -> ComposeResult:
        with ItemScroll(id="detail", can_focus=False):
            yield Static(id="agenda-item")
        yield FixedLine(id="item-more", classes="status-line")
        yield FixedLine(id="minutes-title", classes="status-line")
        yield BoardTable(MINUTE_COLUMNS, id="agenda-minutes")
        yield FixedLine(id="minute-detail", classes="row-detail")

    def action_scroll_item(self, by: int) -> None:
        scroller = self.query_one("#detail", ItemScroll)
        scroller.scroll_page_down(animate=False) if by > 0 else scroller.scroll_page_up(animate=False)
        self.call_after_refresh(self._say_more)

    def on_item_scroll_moved(self, event: ItemScroll.Moved) -> None:
        self._say_more()

    def _say_more(self) -> None:
        """Under the item, whether there is more of it than the screen shows, and the key."""
        scroller = self.query_one("#detail", ItemScroll)
        below = scroller.max_scroll_y - scroller.scroll_y
        line = Text()
        if below > 0:
            line.append(f"▼ {int(below)} more line(s) of this item: Space", style="bold")
        if scroller.scroll_y > 0:
            line.append(("  ·  " if below > 0 else "") + "▲ b back up", style="bold")
        self.query_one("#item-more", FixedLine).show_text(line)

    def on_board_table_row_highlighted(self, event: BoardTable.RowHighlighted) -> None:
        self._show_minute(self.minute_rows.get(event.key))

    def _show_minute(self, minute: AgendaMinute | None) -> None:
        """The selected minute in full: the table cuts its text to the column."""
        line = Text()
        if minute is not None:
            line.append(plain(f"{minute.meeting}.{minute.item_order} {minute.kind}", "bold"))
            line.append("  ")
            line.append(para(minute.text))
        self.query_one("#minute-detail", FixedLine).show_text(line)

    def minute_context(self) -> tuple[str | None, str | None]:
        item = self.item
        return (item.weakness if item else None), None

    # Loading: the agenda once, then each item as it is reached ---------------------------
    def current_read(self) -> AgendaRead | NoMeeting:
        meeting, previous = self.board_app.in_progress()
        if meeting is None:
            return NO_MEETING_IN_PROGRESS
        return AgendaRead(meeting, previous, self.position)

    def reload(self, *, clear: bool = False) -> None:
        super().reload(clear=clear)
        self.query_one(BoardTable).focus()

    def show(self, data: AgendaPage | NoMeeting) -> None:
        if isinstance(data, NoMeeting):
            self.items, self.minute_rows = [], {}
            self.query_one("#agenda-item", Static).update(Text())
            self.query_one(BoardTable).fill([])
            self.say(data.said)
            return
        self.items, self.position, detail = data.items, data.position, data.detail
        self.board_app.agenda_position = self.position
        item = self.items[self.position]
        self.query_one(BoardHeader).refresh_text()  # the breadcrumb names the item
        since = f"{self.previous.id} ({day(self.previous.date)})" if self.previous else "the start"
        out = Text()
        out.append(f"{self.position + 1}/{len(self.items)}  ", style="dim")
        if item.weakness is None:
            out.append(plain(item.title, "bold"))
            out.append(arising(detail.arising_due))
            if self.previous:
                out.append(
                    section(
                        f"Minutes of {self.previous.id} ({day(self.previous.date)}): {self.previous.minutes_status}"
                    )
                )
                out.append("\n  ")
                out.append(
                    "approved"
                    if self.previous.minutes_status == "approved"
                    else "draft: M approves them at this meeting; E corrects an item first",
                    style="italic",
                )
        else:
            out.append(plain(item.weakness, "bold"))
            out.append("  ")
            out.append(plain(item.title, "bold"))
            out.append("  ")
            out.append(brag(item.brag, word=bool(item.brag)))
            if item.board_rated_here:
                out.append("*", style="bold")
            out.append(" ")
            out.append(direction(item.direction))
            if not item.monitored:
                out.append("\n  Not under monitoring (", style="italic")
                out.append(plain(item.monitoring, "italic"))
                out.append("): on the agenda for its red or overdue actions.", style="italic")
            if not item.board_rated_here:
                out.append(Text("\n  The board has not given its own rating here", style="dim"))
                if item.derived_brag:
                    out.append(Text(" (its actions give ", style="dim"))
                    out.append(brag(item.derived_brag))
                    out.append(Text(")", style="dim"))
                out.append(Text(": * gives one, with its reason.", style="dim"))
            live = [a for a in detail.actions if a.status == "open"]
            rated = sum(1 for a in live if a.rated_here)
            out.append(Text(f"  · {rated} of {len(live)} open actions rated here", style="dim"))
            out.append(changes(detail, since))
            reds = [a for a in live if a.brag == "R"]
            out.append(section(f"Red ({len(reds)})"))
            for a in reds:
                out.append("\n")
                out.append(action_line(a))
            overdue = [a for a in live if a.overdue]
            out.append(section(f"Overdue ({len(overdue)})"))
            for a in overdue:
                out.append("\n")
                out.append(action_line(a, f"target {day(a.target_in_force)}"))
            out.append(arising(detail.arising_due))
            out.append(officers_updates(detail.updates))
        self.query_one("#agenda-item", Static).update(out)
        self.query_one("#detail", ItemScroll).scroll_home(animate=False)
        self.call_after_refresh(self._say_more)
        self.show_minutes(detail.minutes)

    def show_minutes(self, minutes: list[AgendaMinute]) -> None:
        self.minute_rows = {str(m.id): m for m in minutes}
        title = (
            "Minutes: previous meeting, then general items here"
            if self.item and self.item.weakness is None
            else f"Minutes recorded under this item at {self.meeting.id if self.meeting else 'the meeting'}"
        )
        self.query_one("#minutes-title", FixedLine).show_text(
            Text(f"{title} ({len(minutes)})  d decision · t note · a arising · c confidential · E edit")
        )
        rows = []
        for m in minutes:
            owner = f"{m.owner}, {day(m.due_date)}" if m.owner else ""
            rows.append(
                (
                    str(m.id),
                    {
                        "item": plain(f"{m.meeting}.{m.item_order}", "bold"),
                        "kind": plain(m.kind),
                        "conf": Text("yes", style="bold magenta") if m.confidential else Text(""),
                        "text": plain(m.text),
                        "owner": plain(owner),
                    },
                )
            )
        table = self.query_one(BoardTable)
        table.fill(rows)
        table.focus()
        self._show_minute(self.minute_rows.get(table.selected_key or ""))

    # Keys -----------------------------------------------------------------------------------
    def step(self, by: int) -> None:
        target = self.position + by
        if not self.items:
            # The agenda is still being read (a key typed straight after the meeting started):
            # the step counts, and the read keeps the position within the agenda.
            self.position = max(0, target)
            self.reload()
            return
        if not 0 <= target < len(self.items):
            self.app.notify("That is the last agenda item." if by > 0 else "That is the first agenda item.", timeout=3)
            return
        self.position = target
        self.reload()

    def action_next_item(self) -> None:
        self.step(1)

    def action_prev_item(self) -> None:
        self.step(-1)

    def on_board_table_row_selected(self, event: BoardTable.RowSelected) -> None:
        self.action_open_item()

    def action_rate_weakness(self) -> None:
        item = self.item
        if item is None or item.weakness is None:
            self.app.notify("This item is not a weakness: step on with '.' to rate one.", timeout=4)
            return
        self.board_app.recording.rate_weakness(item.weakness)

    def action_open_item(self) -> None:
        item = self.item
        if item is None or item.weakness is None:
            self.app.notify("This item has no actions of its own; step on with '.'.", timeout=4)
            return
        self.board_app.show_actions(item.weakness)

    def selected_minute(self) -> AgendaMinute | None:
        key = self.query_one(BoardTable).selected_key
        minute = self.minute_rows.get(key or "")
        if minute is None:
            self.app.notify("Select a minute item first (there are none under this item yet).", timeout=4)
        return minute

    def action_toggle_confidential(self) -> None:
        minute = self.selected_minute()
        if minute is not None:
            self.board_app.recording.toggle_confidential(minute)

    def action_edit_minute(self) -> None:
        minute = self.selected_minute()
        if minute is not None:
            self.board_app.recording.edit_minute(minute)

    def action_approve_minutes(self) -> None:
        meeting = self.meeting
        if meeting is None:
            self.app.notify(NO_MEETING_IN_PROGRESS.said, timeout=5)
            return
        if self.previous is None:
            self.app.notify("There is no earlier board meeting whose minutes could be approved.", timeout=5)
            return
        self.board_app.recording.approve_minutes(self.previous, meeting)

    def action_time_travel_off(self) -> None:
        self.app.notify("In a meeting, '.' and ',' step the agenda; Esc leaves it for time travel.", timeout=5)
