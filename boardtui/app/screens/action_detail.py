"""One action: every field, BRAG history with rationales, evidence, minutes, audit trail."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from boardtui.app.keys import RATE, REOPEN, REVISE_TARGET, UPDATE
from boardtui.app.reads import NO_BOARD_MEETING, ActionDetailRead, ActionPage, NoMeeting
from boardtui.app.render import brag, day, direction, field, minute_line, para, plain, section
from boardtui.app.screens.base import DetailScreen
from boardtui.store.rows import ActionUpdate
from boardtui.text import one_line


def render_action(page: ActionPage) -> Text:
    detail = page.detail
    a = detail.action
    out = Text()
    out.append(plain(a.id, "bold"))
    out.append("  ")
    out.append(para(a.title, "bold"))
    out.append("\n")
    now = Text()
    now.append(brag(a.brag, word=True) if a.brag else Text("not rated at this meeting", style="italic"))
    if a.direction:
        now.append("  ")
        now.append(direction(a.direction))
    if a.overdue:
        now.append("  OVERDUE", style="bold red")
    lines = [
        field("BRAG as at meeting", now),
        field("Weakness", f"{a.weakness} {a.weakness_name}"),
        field("Plan", f"{a.plan} - {a.plan_title}"),
        field("Status", a.status + (f" on {day(a.closed_date)}" if a.closed_date else "")),
        field("Action lead", a.action_lead),
        field("Senior officer", a.senior_officer),
        field("Lead organisation", a.lead_org),
        field("Start", day(a.start_date)),
        field("Original target", day(a.target_date)),
        field(
            "Revised target",
            f"{day(a.revised_target_date)} (agreed {day(a.target_revised_on)})" if a.revised_target_date else "none",
        ),
        field("Last rated", day(a.last_rated)),
    ]
    if a.carried_forward_from:
        lines.append(field("Carried forward from", a.carried_forward_from))
    if a.carried_forward_to:
        lines.append(field("Carried forward to", a.carried_forward_to))
    if a.illustrative:
        lines.append(field("Note", "illustrative demo action"))
    for line in lines:
        out.append(line)
        out.append("\n")
    out.append(section("Description"))
    out.append("\n")
    out.append(para(a.description or "none recorded"))
    out.append(section("Success criteria"))
    out.append("\n")
    out.append(para(a.success_criteria or "none recorded"))
    out.append(section(f"BRAG history ({len(detail.ratings)} ratings, newest first)"))
    for r in detail.ratings:
        out.append("\n")
        out.append(f"{one_line(r.meeting):<4} {day(r.date):<12}")
        out.append(brag(r.brag))
        out.append("  ")
        out.append(para(r.rationale))
        out.append(Text(f"  - {one_line(r.rated_by)}", style="dim"))
    updates = page.updates
    out.append(section(f"Officers' updates ({len(updates)}, newest first)"))
    for u in updates:
        # The pack's updates are ActionUpdate rows; the officer's own (OfficerUpdate) say where they are.
        draft = not isinstance(u, ActionUpdate) and u.where == "draft"
        out.append("\n")
        out.append(f"{day(u.written_at):<18} ")
        out.append(plain(u.author, "bold"))
        out.append(f"  {u.state}" + (" (in your draft return, not sent yet)" if draft else ""))
        if u.for_meeting:
            out.append(plain(f" for {u.for_meeting}"))
        if u.proposed_brag:
            out.append("  proposes ")
            out.append(brag(u.proposed_brag))
        if isinstance(u, ActionUpdate) and u.replaced_on:
            out.append(plain(f"  replaced by {u.author}'s update of {day(u.replaced_on)}", "italic"))
        out.append("\n  ")
        out.append(para(u.progress))
        for label, value in (
            ("risks", u.risks),
            ("impact", u.impact),
            ("evidence", u.evidence),
            ("decided", u.decision_reason),
            ("merge found", u.conflicts),
        ):
            if value:
                out.append(f"\n  {label}: ", style="dim")
                out.append(para(value))
    out.append(section(f"Evidence ({len(detail.evidence)})"))
    for e in detail.evidence:
        out.append("\n")
        out.append(f"{day(e.date):<12} ")
        out.append(para(e.description))
        if e.reference:
            out.append(Text("  ref: ", style="dim"))
            out.append(para(e.reference, "dim"))
    out.append(section(f"Minutes about this action ({len(detail.minutes)})"))
    for m in detail.minutes:
        out.append("\n")
        out.append(minute_line(m, show_owner=True))
    out.append(section(f"Audit trail ({len(detail.audit)})"))
    for change in detail.audit:
        out.append("\n")
        out.append(f"{day(change.changed_at):<18} ")
        out.append(para(change.who))
        out.append(f"  {one_line(change.field)}: ")
        out.append(para(change.old_value if change.old_value is not None else "-"))
        out.append(" → ")
        out.append(para(change.new_value if change.new_value is not None else "-"))
        out.append("  ")
        out.append(para(change.why, "italic"))
    return out


class ActionDetailScreen(DetailScreen):
    BINDINGS = [RATE, REVISE_TARGET, UPDATE, REOPEN]

    def __init__(self, action_id: str) -> None:
        super().__init__()
        self.action_id = action_id
        self.crumb = action_id
        self.title_shown = ""
        self.weakness: str | None = None

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail"):
            yield Static(id="action-text")

    def current_read(self) -> ActionDetailRead | NoMeeting:
        app = self.board_app
        if app.meeting is None:  # a pack with no board meeting yet (the palette and search reach its actions)
            return NO_BOARD_MEETING
        on_a_lake = app.views.store is not None and app.views.store.reader is not None
        # An officer's drafts belong to a board's pack or snapshot; a lake has none.
        return ActionDetailRead(self.action_id, app.meeting, None if on_a_lake else app.recording.desk)

    def action_rate(self) -> None:
        self.board_app.recording.rate(self.action_id, self.title_shown)

    def action_revise_target(self) -> None:
        self.board_app.recording.revise_target(self.action_id, self.title_shown)

    def action_reopen(self) -> None:
        self.board_app.recording.reopen(self.action_id, self.title_shown)

    def action_update(self) -> None:
        self.board_app.recording.update(self.action_id, self.title_shown)

    def minute_context(self) -> tuple[str | None, str | None]:
        return self.weakness, self.action_id

    def show(self, data: ActionPage | NoMeeting | None) -> None:
        if isinstance(data, NoMeeting):
            self.say(data.said)
            return
        if data is None:
            self.say(f"There is no action {self.action_id} in this pack.")
            return
        self.title_shown = data.detail.action.title
        self.weakness = data.detail.action.weakness
        self.query_one("#action-text", Static).update(render_action(data))
        self.query_one("#detail").focus()
