"""The changes a person can ask to record, as plain data: the app's dialogs build one, and the
recording room hands it to the Recorder in a worker thread. Each says what it does in
``apply``; nothing here knows about Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # the app imports these before its first frame: DuckDB is imported later
    from boardtui.store.recording import Change, Recorder


class ChangeRequest(Protocol):
    """Anything a dialog may hand the recording room: each change below, or a dialog's own."""

    def apply(self, recorder: Recorder) -> Change: ...


@dataclass(frozen=True)
class RateAction:
    """A rating at a meeting; Blue also closes the action with the evidence that shows it."""

    action_id: str
    meeting_id: str
    brag: str
    rationale: str
    evidence: str = ""
    reference: str = ""

    def apply(self, recorder: Recorder) -> Change:
        if self.brag == "B":
            return recorder.close_action(self.action_id, self.meeting_id, self.evidence, self.reference, self.rationale)
        return recorder.record_rating(self.action_id, self.meeting_id, self.brag, self.rationale)


@dataclass(frozen=True)
class RateWeakness:
    """The board's own rating of a weakness at a meeting (shown with *), with its rationale."""

    code: str
    meeting_id: str
    brag: str
    rationale: str

    def apply(self, recorder: Recorder) -> Change:
        return recorder.rate_weakness(self.code, self.meeting_id, self.brag, self.rationale)


@dataclass(frozen=True)
class ReopenAction:
    """A closed action open again, as decided at a meeting, with the reason."""

    action_id: str
    meeting_id: str
    reason: str

    def apply(self, recorder: Recorder) -> Change:
        return recorder.reopen_action(self.action_id, self.meeting_id, self.reason)


@dataclass(frozen=True)
class AddMinute:
    """A note, decision or action arising in a meeting's minutes."""

    meeting_id: str
    kind: str
    text: str
    weakness: str | None = None
    action: str | None = None
    owner: str | None = None
    due: str | None = None

    def apply(self, recorder: Recorder) -> Change:
        return recorder.add_minute(
            self.meeting_id,
            self.kind,
            self.text,
            weakness=self.weakness,
            action=self.action,
            owner=self.owner,
            due=self.due,
        )


@dataclass(frozen=True)
class AmendMinute:
    """Correct a draft minute, or amend an approved one (with its reason)."""

    item_id: int
    text: str
    reason: str

    def apply(self, recorder: Recorder) -> Change:
        return recorder.amend_minute(self.item_id, self.text, self.reason)


@dataclass(frozen=True)
class SetConfidential:
    item_id: int
    confidential: bool

    def apply(self, recorder: Recorder) -> Change:
        return recorder.set_confidential(self.item_id, self.confidential)


@dataclass(frozen=True)
class ApproveMinutes:
    """Approve one meeting's minutes at a later meeting."""

    meeting_id: str
    at_meeting: str

    def apply(self, recorder: Recorder) -> Change:
        return recorder.approve_minutes(self.meeting_id, self.at_meeting)


@dataclass(frozen=True)
class ReviseTarget:
    """A revised target, agreed at a meeting (its id: the meeting in progress) or on a date;
    None: today, outside a meeting."""

    action_id: str
    revised_target: str
    reason: str
    agreed_on: str | None = None

    def apply(self, recorder: Recorder) -> Change:
        return recorder.revise_target(self.action_id, self.revised_target, self.reason, agreed_on=self.agreed_on)


@dataclass(frozen=True)
class SetAttendance:
    """One person present, or sending apologies (role and organisation needed when new)."""

    meeting_id: str
    person: str
    role: str | None
    organisation: str | None
    present: bool

    def apply(self, recorder: Recorder) -> Change:
        return recorder.set_attendance(self.meeting_id, self.person, self.role, self.organisation, self.present)


@dataclass(frozen=True)
class RemoveAttendance:
    meeting_id: str
    person: str

    def apply(self, recorder: Recorder) -> Change:
        return recorder.remove_attendance(self.meeting_id, self.person)


@dataclass(frozen=True)
class StartOrResumeMeeting:
    """The board meeting on a date: resumed when its minutes are draft, else a new one (dated
    after the latest board meeting; more than six months ahead only when confirmed)."""

    date: str
    far_ahead_ok: bool = False  # a date more than six months ahead, confirmed

    def apply(self, recorder: Recorder) -> Change:
        return recorder.start_or_resume(self.date, far_ahead_ok=self.far_ahead_ok)

    def confirmed(self) -> StartOrResumeMeeting:
        """The same, with the far-ahead date confirmed (after FarAheadError asked)."""
        return StartOrResumeMeeting(self.date, far_ahead_ok=True)


@dataclass(frozen=True)
class Undo:
    """Take back this session's last change."""

    def apply(self, recorder: Recorder) -> Change:
        return recorder.undo()


@dataclass(frozen=True)
class Redo:
    """Make the last undone change again."""

    def apply(self, recorder: Recorder) -> Change:
        return recorder.redo()


@dataclass(frozen=True)
class WriteUpdate:
    """An officer's progress update written in a pack that can be written (elsewhere the
    officer's draft return takes it: see store/returns.py OfficerDesk.save)."""

    action_id: str
    progress: str
    for_meeting: str | None = None
    proposed_brag: str | None = None
    risks: str | None = None
    impact: str | None = None
    evidence: str | None = None
    uid: str | None = None

    def apply(self, recorder: Recorder) -> Change:
        return recorder.write_update(
            self.action_id,
            self.progress,
            for_meeting=self.for_meeting,
            proposed_brag=self.proposed_brag,
            risks=self.risks,
            impact=self.impact,
            evidence=self.evidence,
            uid=self.uid,
        )


@dataclass(frozen=True)
class AcceptUpdate:
    """The secretary accepts a submitted update (a reason is optional)."""

    uid: str
    reason: str = ""

    def apply(self, recorder: Recorder) -> Change:
        return recorder.accept_update(self.uid, self.reason)


@dataclass(frozen=True)
class DeclineUpdate:
    """The secretary declines a submitted update, with the reason (required)."""

    uid: str
    reason: str

    def apply(self, recorder: Recorder) -> Change:
        return recorder.decline_update(self.uid, self.reason)


@dataclass(frozen=True)
class Decision:
    """One decision of the publication review: the words as found, what they look like (person,
    school or name), withhold or keep, and where they were found."""

    words: str
    kind: str
    decision: str
    context: str | None = None


@dataclass(frozen=True)
class DecidePublication:
    """Decisions of the publication review, and neutral titles for confidential actions arising
    (action id -> title; None takes a title away, so the action is left out again), in one change."""

    decisions: tuple[Decision, ...] = ()
    titles: tuple[tuple[str, str | None], ...] = ()
    why: str = "publication review"

    def apply(self, recorder: Recorder) -> Change:
        return recorder.decide_publication(list(self.decisions), dict(self.titles), why=self.why)
