"""The meeting-room app: from the weaknesses down to any action and back, as at any meeting."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import App
from textual.screen import Screen

from boardtui.app.commands import BoardCommands
from boardtui.app.keys import APP_BINDINGS
from boardtui.app.screens.base import DataScreen
from boardtui.app.screens.dashboard import DashboardScreen
from boardtui.config import Config
from boardtui.errors import BoardError

if TYPE_CHECKING:  # the pack is opened elsewhere; the app module need not load DuckDB
    from boardtui.store.views import BoardViews, FirstFrame, Meeting

CRUMB_SEPARATOR = " › "


class BoardApp(App):
    CSS_PATH = "app.tcss"
    TITLE = "boardtui"
    BINDINGS = APP_BINDINGS
    COMMANDS = App.COMMANDS | {BoardCommands}

    def __init__(self, views: BoardViews, config: Config, first: FirstFrame, pack_path: Path,
                 *, read_only: bool = False) -> None:
        super().__init__()
        self.views = views
        self.pack_path = pack_path
        self.read_only = read_only
        self.banner = first.banner
        self._opener: threading.Thread | None = None
        self._record_lock = threading.RLock()
        self._recorder_instance = None
        self._kept_screens: dict[str, DataScreen] = {}
        self.config = config
        self.board_name = config.board_name or first.board["name"]
        self.meetings = first.meetings
        self.definitions = first.definitions
        self.weakness_names = first.weakness_names  # code -> short name, for breadcrumbs
        # Read with the pack at start-up, so the first frame shows data without a round trip.
        self.first_dashboard: list[dict] | None = first.dashboard
        # The latest board meeting is "now"; [ and ] step through the others.
        self.meeting_index = len(self.meetings) - 1
        # Meeting mode: the meeting started or resumed with `n`, and where its agenda is.
        self.meeting_in_progress: str | None = None
        self.agenda_position = 0
        if config.theme:
            self.theme = config.theme
        if config.keys:
            self.set_keymap(config.keys)

    @property
    def store(self):
        return self.views.store

    def first_frame_painted(self) -> None:
        # Collection was paused during start-up (run.load_app). What start-up made lives as long
        # as the app: frozen, later collections skip it instead of walking it on every pass.
        gc.freeze()
        gc.enable()
        self.open_pack()

    def open_pack(self) -> None:
        """Open this process's connection if the first frame came from elsewhere (see run.py)."""
        if self.views.store is None and self._opener is None:
            self._opener = threading.Thread(target=self._open_pack, name="boardtui-open", daemon=True)
            self._opener.start()

    def _open_pack(self) -> None:
        from boardtui.store.db import open_store

        try:
            store = open_store(self.pack_path, read_only=self.read_only, copy_if_locked=True)
        except BoardError as err:
            self.views.attach(None, err)
            if self.is_running:
                self.call_from_thread(self.notify, str(err), severity="error", timeout=30)
            return
        self.views.attach(store)
        if store.banner != self.banner and self.is_running:
            self.banner = store.banner
            self.call_from_thread(self._refresh_header)

    def _refresh_header(self) -> None:
        from boardtui.app.widgets.header import BoardHeader

        for header in self.screen.query(BoardHeader):
            header.refresh_text()

    def close_pack(self) -> None:
        if self._opener is not None:
            self._opener.join()  # never leave a connection opening behind
        self.views.close()
        gc.unfreeze()  # what was frozen (first_frame_painted) is freed like the rest at exit

    @property
    def meeting(self) -> Meeting | None:
        return self.meetings[self.meeting_index] if self.meetings else None

    @property
    def is_time_travelling(self) -> bool:
        return self.meeting_index != len(self.meetings) - 1

    def on_mount(self) -> None:
        self.push_screen(DashboardScreen())

    def breadcrumb(self, screen: Screen) -> Text:
        """The path to ``screen``: the stack up to it, or to it about to be pushed."""
        stack = self.screen_stack
        path = stack[:stack.index(screen) + 1] if screen in stack else [*stack, screen]
        crumbs = [s.crumb for s in path if isinstance(s, DataScreen) and s.crumb]
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

    def _kept_screen(self, name: str, make: Callable[[], DataScreen]) -> DataScreen:
        """The screen kept for ``name``: built once, then shown again, since composing and
        mounting a screen is most of what showing it costs (13 ms against 70 for a new one).
        While the kept one is on the stack already (deeper down), a new one is made instead."""
        screen = self._kept_screens.get(name)
        if screen is None:
            screen = self._kept_screens[name] = make()
            self.install_screen(screen, name)  # popping an installed screen keeps it
        elif screen in self.screen_stack:
            return make()
        return screen

    def _show_again(self, screen: DataScreen) -> None:
        # Start over before the push: the widgets' repaints are then queued ahead of the
        # screen's resume, and the screen paints once, not again a frame or two later.
        screen.start_over()  # a kept screen shows what a new one would
        self.push_screen(screen)

    # Screens past the first frame are imported when first used: start-up only pays for the
    # dashboard.
    def show_actions(self, code: str) -> None:
        """Push the actions list of a weakness."""
        from boardtui.app.screens.actions import ActionsScreen

        screen = self._kept_screen("actions", lambda: ActionsScreen(code))
        screen.weakness = code
        self._show_again(screen)

    def open_weakness(self, code: str) -> None:
        self._to_dashboard().select(code)
        self.show_actions(code)

    def open_weakness_detail(self, code: str) -> None:
        from boardtui.app.screens.weakness_detail import WeaknessDetailScreen

        self.open_weakness(code)
        self.push_screen(WeaknessDetailScreen(code))

    def open_action(self, action_id: str, weakness: str) -> None:
        from boardtui.app.screens.action_detail import ActionDetailScreen

        self.open_weakness(weakness)
        self.push_screen(ActionDetailScreen(action_id))

    # Export ------------------------------------------------------------------------------
    def snapshot_target(self) -> Path:
        folder = self.config.snapshots or self.pack_path.parent / "snapshots"
        stem = self.pack_path.stem if self.pack_path.suffix else self.pack_path.name
        return folder / f"{stem}-{datetime.now():%Y%m%d-%H%M%S}"

    def action_export(self) -> None:
        target = self.snapshot_target()
        self.notify(f"Exporting a snapshot to {target} …", timeout=3)
        self.run_worker(partial(self._export, target), thread=True, group="export", exclusive=True)

    def _export(self, target: Path) -> None:
        # A worker thread with its own cursor: the screen keeps answering keys meanwhile.
        from boardtui.store.snapshot import export_snapshot

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            result = export_snapshot(self.views.opened_store(), target)
        except (BoardError, OSError) as err:
            self.call_from_thread(self.notify, str(err), severity="error", timeout=15)
            return
        rows = sum(f["rows"] for f in result.manifest["files"].values())
        self.call_from_thread(self.notify, f"Snapshot written to {result.folder} ({rows} rows).", timeout=8)

    def action_report(self) -> None:
        if self.meeting is None:
            self.notify("There is no board meeting to write a pack for.", severity="warning")
            return
        from boardtui.report import report_name

        folder = self.config.reports or self.pack_path.parent / "reports"
        target = folder / report_name(self.pack_path, self.meeting, "html", public=False)
        self.notify(f"Writing the meeting pack to {target} …", timeout=3)
        self.run_worker(partial(self._report, self.meeting.id, target), thread=True, group="report")

    def _report(self, meeting_id: str, target: Path) -> None:
        from boardtui.report import write_report

        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            write_report(self.views, meeting_id, "html", target, public=False)
        except (BoardError, OSError) as err:
            self.call_from_thread(self.notify, str(err), severity="error", timeout=15)
            return
        self.call_from_thread(self.notify, f"Meeting pack written to {target}.", timeout=8)

    # Recording ----------------------------------------------------------------------------
    def _cannot_record(self) -> bool:
        """Say why recording is off, when it is."""
        store = self.views.store
        if self.read_only or (store is not None and store.read_only):
            reason = self.banner or f"{self.pack_path.name} was opened with --read-only"
            self.notify(f"Recording is off: {reason}", severity="warning", timeout=8)
            return True
        return False

    def _recorder(self):
        # Runs in a worker thread; one change at a time.
        from boardtui.store.recording import Recorder

        with self._record_lock:
            if self._recorder_instance is None:
                self._recorder_instance = Recorder(self.views.opened_store(), self.config.who)
            return self._recorder_instance

    def open_rating(self, action_id: str, title: str) -> None:
        meeting = self._meeting_to_record_at()
        if meeting is None:
            return
        from boardtui.app.dialogs.rating import RatingDialog, RatingRequest

        drafts = [m for m in self.meetings if m.minutes_status == "draft"]
        request = RatingRequest(action_id, title, [(m.id, f"{m.id} · {m.date:%d %b %Y} · {m.title}") for m in drafts],
                                meeting.id)
        self.push_screen(RatingDialog(request), self._recorded)

    def record_rating(self, action_id: str, meeting_id: str, brag: str, rationale: str,
                      evidence: str, reference: str) -> str:
        """Worker thread: write one rating (Blue closes the action with its evidence)."""
        recorder = self._recorder()
        with self._record_lock:
            if brag == "B":
                change = recorder.close_action(action_id, meeting_id, evidence, reference, rationale)
            else:
                change = recorder.record_rating(action_id, meeting_id, brag, rationale)
        return f"Recorded: {change.description}."

    def _recorded(self, message: str | None) -> None:
        if message:
            self.notify(message, timeout=5)
            if isinstance(self.screen, DataScreen):
                self.screen.reload()

    def recording_meeting(self) -> Meeting | None:
        """Where a rating or minute goes: the meeting in progress, else the latest with draft minutes."""
        drafts = [m for m in self.meetings if m.minutes_status == "draft"]
        return next((m for m in drafts if m.id == self.meeting_in_progress), drafts[-1] if drafts else None)

    def _meeting_to_record_at(self) -> Meeting | None:
        """The meeting a change goes to, or None after saying why nothing can be recorded."""
        if self._cannot_record():
            return None
        meeting = self.recording_meeting()
        if meeting is None:
            self.notify("No board meeting has draft minutes, so there is nowhere to record this; press n to "
                        "start one.", severity="warning", timeout=10)
        return meeting

    def _form(self, title: str, subject: str, fields, save, done=None, note: str | None = None) -> None:
        from boardtui.app.dialogs.form import FormDialog
        from boardtui.app.render import plain

        heading = Text(title + " ", style="bold")
        heading.append(plain(subject))
        self.push_screen(FormDialog(heading, fields, save, note=Text(note, style="italic") if note else None),
                         done or self._recorded)

    def _write(self, change) -> str:
        """Worker thread: run one recorder call, one change at a time; say what it did."""
        recorder = self._recorder()
        with self._record_lock:
            done = change(recorder)
        self._meetings_changed()
        return f"Recorded: {done.description}."

    def _meetings_changed(self) -> None:
        """Worker thread: a change may have added a meeting or approved minutes."""
        meetings = self.views.meetings()
        if meetings != self.meetings:
            self.call_from_thread(self._set_meetings, meetings)

    # Meeting mode -------------------------------------------------------------------------
    def action_start_meeting(self) -> None:
        if self.meeting_in_progress is not None:
            self._open_agenda()
            return
        if self._cannot_record():
            return
        from boardtui.app.dialogs.form import FormField

        draft = self.recording_meeting()
        default = draft.date if draft else date.today()
        note = (f"{draft.id} ({draft.date:%d %b %Y}) has draft minutes: Enter resumes it. Another date starts "
                "a new meeting." if draft else "Enter starts a new board meeting on this date.")

        def save(values: dict[str, str]):
            recorder = self._recorder()
            with self._record_lock:
                meeting_id, new = recorder.start_or_resume(values["date"])
            return meeting_id, new, self.views.meetings()

        self._form("Start or resume a meeting", "", [FormField("date", "Date", default.isoformat(),
                                                             "YYYY-MM-DD or 31/12/2025")],
                   save, self._meeting_started, note)

    def _meeting_started(self, result) -> None:
        if result is None:
            return
        meeting_id, new, meetings = result
        self._set_meetings(meetings)
        self.meeting_in_progress = meeting_id
        self.agenda_position = 0
        self.notify(f"{'Started' if new else 'Resumed'} {meeting_id}: '.' and ',' step the agenda.", timeout=5)
        self._open_agenda()

    def in_progress(self) -> tuple[Meeting | None, Meeting | None]:
        """The meeting in progress and the board meeting before it."""
        for index, meeting in enumerate(self.meetings):
            if meeting.id == self.meeting_in_progress:
                return meeting, (self.meetings[index - 1] if index else None)
        return None, None

    def _open_agenda(self) -> None:
        from boardtui.app.screens.agenda import AgendaScreen

        meeting, _ = self.in_progress()
        if meeting is None:
            self.meeting_in_progress = None
            return
        self.meeting_index = self.meetings.index(meeting)  # screens show the meeting as at its date
        self._to_dashboard()
        self.push_screen(AgendaScreen(self.agenda_position))

    def action_agenda_step(self, by: int) -> None:
        from boardtui.app.screens.agenda import AgendaScreen

        if self.meeting_in_progress is None:
            self.notify("'.' and ',' step a meeting's agenda: press n to start or resume one.", timeout=5)
            return
        agenda = next((s for s in self.screen_stack if isinstance(s, AgendaScreen)), None)
        if agenda is None:
            self._open_agenda()
            return
        while self.screen is not agenda:
            self.pop_screen()
        agenda.step(by)

    def _set_meetings(self, meetings: list[Meeting]) -> None:
        shown = self.meeting.id if self.meeting else None
        self.meetings = meetings
        ids = [m.id for m in self.meetings]
        self.meeting_index = ids.index(shown) if shown in ids else len(ids) - 1

    def action_minute(self, kind: str) -> None:
        meeting = self._meeting_to_record_at()
        if meeting is None:
            return
        from boardtui.app.dialogs.form import FormField

        weakness, action = self.screen.minute_context() if isinstance(self.screen, DataScreen) else (None, None)
        choices = tuple((code, f"{code} {name}") for code, name in self.weakness_names.items())
        fields = [FormField("text", kind.capitalize() + " (required)", placeholder="as minuted"),
                  FormField("weakness", "Weakness" + (" (required)" if kind == "action arising" else " (none: general)"),
                            weakness or "", choices=choices)]
        if kind == "action arising":
            fields += [FormField("owner", "Owner (required)", placeholder="who will do it"),
                       FormField("due date", "Due date (required)", placeholder="YYYY-MM-DD or 31/12/2025")]
        about = f" about {action}" if action else ""
        note = f"Into the minutes of {meeting.id} ({meeting.date:%d %b %Y}){about}."
        if kind == "action arising":
            note += " It also joins the action log under its weakness."

        def save(v: dict[str, str]) -> str:
            return self._write(lambda r: r.add_minute(meeting.id, kind, v["text"], weakness=v["weakness"] or None,
                                                      action=action, owner=v.get("owner"), due=v.get("due date")))

        self._form(f"Record {'an' if kind[0] in 'aeiou' else 'a'} {kind}", "", fields, save, note=note)

    def toggle_confidential(self, minute: dict) -> None:
        if self._cannot_record():
            return
        self.run_worker(partial(self._run_change, lambda r: r.set_confidential(minute["id"], not minute["confidential"])),
                        thread=True, group="record")

    def _run_change(self, change) -> None:
        try:
            message = self._write(change)
        except BoardError as err:
            self.call_from_thread(self.notify, str(err), severity="warning", timeout=8)
            return
        self.call_from_thread(self._recorded, message)

    def edit_minute(self, minute: dict) -> None:
        if self._cannot_record():
            return
        from boardtui.app.dialogs.form import FormField

        approved = minute["minutes_status"] == "approved"
        where = f"{minute['meeting']} item {minute['item_order']}"
        note = (f"The minutes of {minute['meeting']} are approved: this is an amendment, kept in the audit log "
                "with the old wording and the reason." if approved else
                "Draft minutes: the correction is kept in the audit log with the old wording.")
        fields = [FormField("text", "Text", minute["text"]),
                  FormField("reason", "Reason" + (" (required)" if approved else " (optional)"))]
        self._form("Amend" if approved else "Correct", where, fields,
                   lambda v: self._write(lambda r: r.amend_minute(minute["id"], v["text"], v["reason"])), note=note)

    def approve_minutes(self, previous: Meeting, meeting: Meeting) -> None:
        if self._cannot_record():
            return
        if previous.minutes_status == "approved":
            self.notify(f"The minutes of {previous.id} are already approved.", timeout=5)
            return
        from boardtui.app.dialogs.form import FormField

        def save(v: dict[str, str]) -> str:
            return self._write(lambda r: r.approve_minutes(previous.id, v["meeting"].strip()))

        self._form("Approve the minutes of", f"{previous.id} ({previous.date:%d %b %Y})",
                   [FormField("meeting", "Approved at meeting", meeting.id)], save,
                   note="Approved minutes are read-only; a later correction is an audited amendment.")

    def revise_target(self, action_id: str, title: str) -> None:
        if self._cannot_record():
            return
        from boardtui.app.dialogs.form import FormField

        fields = [FormField("revised target", "Revised target date (required)", placeholder="YYYY-MM-DD or 31/12/2025"),
                  FormField("reason", "Reason (required)", placeholder="why the board agreed it")]
        self._form("Revise the target of", f"{action_id}  {title}", fields,
                   lambda v: self._write(lambda r: r.revise_target(action_id, v["revised target"], v["reason"])),
                   note="The original target is kept; the revision counts from today.")

    def action_attendance(self) -> None:
        meeting = self._meeting_to_record_at()
        if meeting is None:
            return
        from boardtui.app.dialogs.attendance import AttendanceDialog

        self.push_screen(AttendanceDialog(meeting), self._recorded)

    def action_undo(self) -> None:
        if self._cannot_record():
            return
        self.run_worker(self._undo, thread=True, group="record")

    def _undo(self) -> None:
        try:
            recorder = self._recorder()
            with self._record_lock:
                change = recorder.undo()
            self._meetings_changed()
        except BoardError as err:
            self.call_from_thread(self.notify, str(err), severity="warning")
            return
        self.call_from_thread(self._recorded, f"Undone: {change.description.removeprefix('undo: ')}.")

    # Screens on top of wherever you are ---------------------------------------------------
    def action_exceptions(self) -> None:
        from boardtui.app.screens.exceptions import ExceptionsScreen

        self._show_again(self._kept_screen("exceptions", ExceptionsScreen))

    def action_matrix(self) -> None:
        from boardtui.app.screens.matrix import MatrixScreen

        self._show_again(self._kept_screen("matrix", MatrixScreen))

    def action_search(self) -> None:
        from boardtui.app.screens.search import SearchScreen

        self.push_screen(SearchScreen())

    def action_help(self) -> None:
        from boardtui.app.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.definitions, self.config.keys))
