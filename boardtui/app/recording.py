"""The recording room: every change the app writes to the pack goes through here.

A key opens a flow (rate, minute, revise a target, …): the flow picks the meeting the change
belongs to and opens its dialog. The dialog builds a change request (``boardtui.store.changes``)
and hands it to ``RecordingRoom.write`` in a worker thread, the one way to write: the
Recorder takes its turn on a cursor of its own, one transaction with its audit rows, and the
app hears ``Recorded`` (or ``RecordRefused``) to say so and show the pack as it now is.

    key → flow → dialog → request → write (worker) → Recorder → DuckDB
                                          ↓
    screens read again ← app.on_recorded ← Recorded
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual.message import Message

from boardtui.app.render import plain
from boardtui.app.work import in_thread
from boardtui.errors import BoardError, FieldError
from boardtui.store import changes

if TYPE_CHECKING:
    from boardtui.app.app import BoardApp
    from boardtui.app.dialogs.form import FormField
    from boardtui.store.recording import Change, Recorder
    from boardtui.store.returns import OfficerDesk, Saved
    from boardtui.store.rows import AgendaMinute
    from boardtui.store.updates import UpdateText
    from boardtui.store.views import Meeting


@dataclass
class Recorded(Message):
    """A change is in the file: what it was, and the board meetings as they now are."""

    change: Change
    meetings: list[Meeting]
    announce: bool = True

    @property
    def sentence(self) -> str:
        said = self.change.description
        for prefix, verb in (("undo: ", "Undone"), ("redo: ", "Redone")):
            if said.startswith(prefix):
                return f"{verb}: {said.removeprefix(prefix)}."
        return f"Recorded: {said}."


@dataclass
class RecordRefused(Message):
    """A change asked for by a key (not a dialog, which shows its own errors) was refused."""

    reason: str


@dataclass
class UpdateSaved(Message):
    """An officer's update is on disk: in the pack, or in their draft return beside it."""

    sentence: str


@dataclass
class ReturnsMoved(Message):
    """A return was sent, or returns were imported: what happened, in words."""

    sentence: str


class RecordingRoom:
    def __init__(self, app: BoardApp) -> None:
        self.app = app
        self._recorder: Recorder | None = None
        self._desk: OfficerDesk | None = None
        self._making = threading.Lock()

    # The one way to write ------------------------------------------------------------------
    def write(self, request: changes.ChangeRequest, *, announce: bool = True) -> Change:
        """Worker thread: record one change (FieldError or BoardError when refused, nothing
        written); the app hears of it."""
        change = request.apply(self._the_recorder())
        # A meeting resumed wrote nothing: nothing to announce (its dialog says what happens).
        self.app.post_message(Recorded(change, self.app.views.meetings(), announce and change.written))
        return change

    def submit(self, request: changes.ChangeRequest) -> None:
        """UI thread: write a change that needs no dialog, in a worker; a refusal is said."""
        if self.cannot_record():
            return
        # A failure that is not a refusal is a bug: said, and the meeting goes on, rather than the
        # app stopping in front of the board.
        in_thread(self.app, lambda: self._write_or_say(request), failed=self._not_recorded, name="record")

    def _not_recorded(self, error: Exception) -> None:
        self.app.notify(f"Nothing was recorded: {type(error).__name__}: {error}", severity="error", timeout=15)

    def _write_or_say(self, request: changes.ChangeRequest) -> None:
        try:
            self.write(request)
        except BoardError as err:
            self.app.post_message(RecordRefused(str(err)))

    def write_update(self, text: UpdateText) -> Saved:
        """Worker thread: an officer's update, wherever it can go (the pack, through the one
        write above, so it is undoable; else the officer's own draft return, on disk before
        this returns)."""
        saved = self.desk().save(text)
        self.app.post_message(UpdateSaved(saved.sentence))
        return saved

    def desk(self) -> OfficerDesk:
        """Worker thread: where this officer's updates go (store/returns.py)."""
        from boardtui.store.returns import OfficerDesk

        with self._making:
            if self._desk is None:
                self._desk = OfficerDesk(self.app.views.opened_store(), self.app.config.who, write=self.write)
            return self._desk

    def _the_recorder(self) -> Recorder:
        from boardtui.store.recording import Recorder

        with self._making:
            if self._recorder is None:
                self._recorder = Recorder(self.app.views.opened_store(), self.app.config.who)
            return self._recorder

    # Where a change may go -----------------------------------------------------------------
    def cannot_record(self) -> bool:
        """Say why recording is off, when it is."""
        app = self.app
        store = app.views.store
        if app.read_only or (store is not None and store.read_only):
            reason = app.banner or f"{app.pack_path.name} was opened with --read-only"
            app.notify(f"Recording is off: {reason}", severity="warning", timeout=8)
            return True
        return False

    def drafts(self) -> list[Meeting]:
        return [m for m in self.app.meetings if m.minutes_status == "draft"]

    def recording_meeting(self) -> Meeting | None:
        """Where a rating or minute goes: the meeting in progress, else the latest with draft minutes."""
        drafts = self.drafts()
        return next((m for m in drafts if m.id == self.app.meeting_in_progress), drafts[-1] if drafts else None)

    def meeting_to_record_at(self) -> Meeting | None:
        """The meeting a change goes to, or None after saying why nothing can be recorded."""
        if self.cannot_record():
            return None
        meeting = self.recording_meeting()
        if meeting is None:
            self.app.notify(
                "No board meeting has draft minutes, so there is nowhere to record this; press n to start one.",
                severity="warning",
                timeout=10,
            )
        return meeting

    # Flows: a key opens the dialog for one kind of change ------------------------------------
    def _form(
        self, title: str, subject: str, fields: list[FormField], build, *, note: str | None = None, done=None
    ) -> None:
        from boardtui.app.dialogs.form import FormDialog

        heading = Text(title + " ", style="bold")
        heading.append(plain(subject))
        self.app.push_screen(
            FormDialog(heading, fields, build, note=Text(note, style="italic") if note else None), done
        )

    def rate(self, action_id: str, title: str) -> None:
        meeting = self.meeting_to_record_at()
        if meeting is None:
            return
        from boardtui.app.dialogs.rating import RatingDialog, RatingRequest

        choices = [(m.id, f"{m.id} · {m.date:%d %b %Y} · {m.title}") for m in self.drafts()]
        self.app.push_screen(RatingDialog(RatingRequest(action_id, title, choices, meeting.id)))

    def minute(self, kind: str, weakness: str | None, action: str | None) -> None:
        meeting = self.meeting_to_record_at()
        if meeting is None:
            return
        from boardtui.app.dialogs.form import FormField

        arising = kind == "action arising"
        choices = tuple((code, f"{code} {name}") for code, name in self.app.weakness_names.items())
        fields = [
            FormField("text", kind.capitalize() + " (required)", placeholder="as minuted"),
            FormField(
                "weakness",
                "Weakness" + (" (required)" if arising else " (none: general)"),
                weakness or "",
                choices=choices,
            ),
        ]
        if arising:
            fields += [
                FormField("owner", "Owner (required)", placeholder="who will do it"),
                FormField("due date", "Due date (required)", placeholder="YYYY-MM-DD or 31/12/2025"),
            ]
        note = f"Into the minutes of {meeting.id} ({meeting.date:%d %b %Y}){f' about {action}' if action else ''}."
        if arising:
            note += " It also joins the action log under its weakness."
        self._form(
            f"Record {'an' if kind[0] in 'aeiou' else 'a'} {kind}",
            "",
            fields,
            lambda v: changes.AddMinute(
                meeting.id,
                kind,
                v["text"],
                weakness=v["weakness"] or None,
                action=action,
                owner=v.get("owner"),
                due=v.get("due date"),
            ),
            note=note,
        )

    def toggle_confidential(self, minute: AgendaMinute) -> None:
        self.submit(changes.SetConfidential(minute.id, not minute.confidential))

    def edit_minute(self, minute: AgendaMinute) -> None:
        if self.cannot_record():
            return
        from boardtui.app.dialogs.form import FormField

        approved = minute.minutes_status == "approved"
        note = (
            f"The minutes of {minute.meeting} are approved: this is an amendment, kept in the audit log "
            "with the old wording and the reason."
            if approved
            else "Draft minutes: the correction is kept in the audit log with the old wording."
        )
        fields = [
            FormField("text", "Text", minute.text),
            FormField("reason", "Reason" + (" (required)" if approved else " (optional)")),
        ]
        self._form(
            "Amend" if approved else "Correct",
            f"{minute.meeting} item {minute.item_order}",
            fields,
            lambda v: changes.AmendMinute(minute.id, v["text"], v["reason"]),
            note=note,
        )

    def approve_minutes(self, previous: Meeting, meeting: Meeting) -> None:
        if self.cannot_record():
            return
        if previous.minutes_status == "approved":
            self.app.notify(f"The minutes of {previous.id} are already approved.", timeout=5)
            return
        from boardtui.app.dialogs.confirm import ConfirmDialog

        def answered(yes: bool | None) -> None:
            if yes:
                self.submit(changes.ApproveMinutes(previous.id, meeting.id))

        question = Text("Approve the minutes of ", style="bold")
        question.append(plain(f"{previous.id} ({previous.date:%d %b %Y}) at {meeting.id}?"))
        self.app.push_screen(
            ConfirmDialog(
                question,
                Text(
                    "Approved minutes are read-only: a later correction is an audited amendment (E). Undo (u) "
                    "takes the approval back in this session.",
                    style="italic",
                ),
            ),
            answered,
        )

    def revise_target(self, action_id: str, title: str) -> None:
        """T: in a meeting the revision is agreed at that meeting (and counts from its date);
        outside one, the form asks when it was agreed."""
        if self.cannot_record():
            return
        from boardtui.app.dialogs.form import FormField

        meeting, _ = self.app.in_progress()
        fields = [
            FormField("revised target", "Revised target date (required)", placeholder="YYYY-MM-DD or 31/12/2025"),
            FormField("reason", "Reason (required)", placeholder="why the board agreed it"),
        ]
        if meeting is not None:
            note = (
                f"Agreed at {meeting.id} ({meeting.date:%d %b %Y}): the revision counts from that meeting; the "
                "original target is kept."
            )
        else:
            fields.append(
                FormField(
                    "agreed on",
                    "Agreed on (required): a date, or the meeting, e.g. M19",
                    placeholder="YYYY-MM-DD, 31/12/2025 or M19",
                )
            )
            note = "The original target is kept; the revision counts from the day it was agreed."

        def build(v: dict[str, str]) -> changes.ReviseTarget:
            agreed = meeting.id if meeting is not None else v["agreed on"].strip()
            if not agreed:
                raise FieldError("agreed on", "required: when the board agreed it (a date, or a meeting)")
            return changes.ReviseTarget(action_id, v["revised target"], v["reason"], agreed_on=agreed)

        self._form("Revise the target of", f"{action_id}  {title}", fields, build, note=note)

    def rate_weakness(self, code: str) -> None:
        """*: the board's own rating of a weakness at the meeting (shown * wherever it shows)."""
        meeting = self.meeting_to_record_at()
        if meeting is None:
            return
        from boardtui.app.dialogs.rating import RatingDialog, RatingRequest

        choices = [(m.id, f"{m.id} · {m.date:%d %b %Y} · {m.title}") for m in self.drafts()]
        name = self.app.weakness_names.get(code, "")
        self.app.push_screen(RatingDialog(RatingRequest(code, name, choices, meeting.id, weakness=True)))

    def reopen(self, action_id: str, title: str) -> None:
        """O: a closed action open again, at the meeting, with the reason (its own change)."""
        meeting = self.meeting_to_record_at()
        if meeting is None:
            return
        from boardtui.app.dialogs.form import FormField

        self._form(
            "Reopen",
            f"{action_id}  {title}",
            [FormField("reason", "Reason (required)", placeholder="why the board reopened it", multiline=True)],
            lambda v: changes.ReopenAction(action_id, meeting.id, v["reason"]),
            note=f"At {meeting.id} ({meeting.date:%d %b %Y}): its status goes back to open, audited with the "
            "reason; it can then be rated again.",
        )

    def attendance(self) -> None:
        meeting = self.meeting_to_record_at()
        if meeting is None:
            return
        from boardtui.app.dialogs.attendance import AttendanceDialog

        def done(summary: str | None) -> None:
            if summary:
                self.app.notify(summary, timeout=5)

        self.app.push_screen(AttendanceDialog(meeting), done)

    def start_meeting(self) -> None:
        if self.cannot_record():
            return
        from boardtui.app.dialogs.form import FormField

        draft = self.recording_meeting()
        default = draft.date if draft else date.today()
        note = (
            f"{draft.id} ({draft.date:%d %b %Y}) has draft minutes: Enter resumes it. Another date starts "
            "a new meeting."
            if draft
            else "Enter starts a new board meeting on this date."
        )

        def started(change: Change | None) -> None:
            if change is not None and change.meeting is not None:  # StartOrResume names its meeting
                self.app.begin_meeting(change.meeting, new=change.written)

        self._form(
            "Start or resume a meeting",
            "",
            [FormField("date", "Date", default.isoformat(), "YYYY-MM-DD or 31/12/2025")],
            lambda v: changes.StartOrResumeMeeting(v["date"]),
            note=note,
            done=started,
        )

    def undo(self) -> None:
        self.submit(changes.Undo())

    def redo(self) -> None:
        self.submit(changes.Redo())

    # Officers' updates and returns ---------------------------------------------------------
    def update(self, action_id: str, title: str) -> None:
        """U: an officer's progress since the last report, on any pack: a read-only one or a
        snapshot keeps it in the officer's own draft return."""
        store = self.app.views.store
        if store is not None and store.reader is not None:
            self.app.notify(
                "Recording is off: this is a lake of boards' snapshots, read as it is; an officer writes "
                "updates on their own board's pack or snapshot.",
                severity="warning",
                timeout=8,
            )
            return
        from boardtui.app.dialogs.update import UpdateDialog

        self.app.push_screen(UpdateDialog(action_id, title))

    def accept(self, uid: str) -> None:
        self.submit(changes.AcceptUpdate(uid))

    def decline(self, uid: str, action_id: str) -> None:
        if self.cannot_record():
            return
        from boardtui.app.dialogs.form import FormField

        self._form(
            "Decline the update on",
            action_id,
            [FormField("reason", "Reason (required): the officer sees it", multiline=True)],
            lambda v: changes.DeclineUpdate(uid, v["reason"]),
            note="Declined updates are kept, with the reason, and undo takes a decline back.",
        )

    # The publication review ------------------------------------------------------------------
    def decide_publication(self, candidate, decision: str) -> None:
        """h / s on the review screen: the words withheld or kept in every public output."""
        self.submit(
            changes.DecidePublication(
                (
                    changes.Decision(
                        candidate.words, candidate.kind, decision, candidate.places[0] if candidate.places else None
                    ),
                )
            )
        )

    def public_title(self, action) -> None:
        """t on the review screen: a neutral title to publish a confidential action arising under."""
        if self.cannot_record():
            return
        from boardtui.app.dialogs.form import FormField

        self._form(
            "Public title for",
            action.id,
            [
                FormField(
                    "public title",
                    "Public title (blank: left out of every public output)",
                    action.public_title or "",
                    placeholder="neutral words, nothing from the minute",
                )
            ],
            lambda v: changes.DecidePublication(titles=((action.id, v["public title"].strip() or None),)),
            note=f"It arises from confidential minute {action.meeting} item {action.item_order}: the public "
            "outputs show this title and nothing else of it.",
        )

    def send_return(self) -> None:
        """The officer's updates not yet sent, as one return file in the returns folder."""
        folder = self.app.returns_folder
        self.app.notify(f"Writing your return into {folder} …", timeout=3)
        in_thread(self.app, lambda: self._send(folder), failed=self.app.say_failure, name="send return")

    def _send(self, folder) -> str:
        from boardtui.store.files import private_folder

        private_folder(folder)
        sent = self.desk().send(folder)
        sentence = f"Return written: {sent.path} ({len(sent.updates)} update(s)); send that file to the secretary."
        self.app.post_message(ReturnsMoved(sentence))
        return sentence

    def import_returns(self, paths: list) -> None:
        """The returns waiting in the folder, into the pack: each update lands as submitted."""
        if self.cannot_record():
            return
        in_thread(self.app, lambda: self._import(paths), failed=self.app.say_failure, name="import returns")

    def _import(self, paths: list) -> str:
        from boardtui.store.merge import import_returns

        imported = import_returns(self.app.views.opened_store(), paths, self.app.config.who)
        added = sum(len(r.added) for r in imported)
        conflicts = sum(1 for r in imported for u in r.added if u.conflicts)
        sentence = (
            f"Imported {len(imported)} return(s): {added} update(s) submitted"
            + (f", {conflicts} with something changed since the officer wrote" if conflicts else "")
            + "; nothing in the record changes until you accept one."
        )
        self.app.post_message(ReturnsMoved(sentence))
        return sentence
