"""Meeting mode, mixed into BoardApp: the meeting in progress and walking its agenda ('.' and
',' step it; n starts or resumes a meeting). Navigation, like app.py; what a meeting records
goes through the recording room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from boardtui.app.host import AppHost

if TYPE_CHECKING:
    from boardtui.store.views import Meeting


class MeetingWalk(AppHost):
    """Uses BoardApp's meetings, meeting shown and screens (``_show_kept``, ``_back_to``)."""

    def begin_meeting(self, meeting_id: str, *, new: bool) -> None:
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

    def _open_agenda(self, step: int = 0) -> None:
        """The agenda at the item the meeting is on (``step`` items on): kept between visits,
        like the lists, so coming back to it costs a read, not a new screen."""
        from boardtui.app.screens.agenda import AgendaScreen

        meeting, _ = self.in_progress()
        if meeting is None and self.meeting_in_progress is not None:
            # Just started: the change's Recorded message (the meetings as they now are) may
            # still be behind the dialog's close in the queue. Read them now, not lose the agenda.
            self.set_meetings(self.views.meetings())
            meeting, _ = self.in_progress()
        if meeting is None:
            self.meeting_in_progress = None
            return
        self.meeting = meeting  # screens show the meeting as at its date
        self._to_dashboard()
        position = max(0, self.agenda_position + step)
        self._show_kept("agenda", lambda: AgendaScreen(position), lambda screen: setattr(screen, "position", position))

    def action_start_meeting(self) -> None:
        if self.meeting_in_progress is not None:
            self._open_agenda()
        else:
            self.recording.start_meeting()

    def action_agenda_step(self, by: int) -> None:
        from boardtui.app.screens.agenda import AgendaScreen

        if self.meeting_in_progress is None:
            self.notify("'.' and ',' step a meeting's agenda: press n to start or resume one.", timeout=5)
            return
        agenda = next((s for s in self.screen_stack if isinstance(s, AgendaScreen)), None)
        if agenda is None:  # left for another screen (search, the palette): on from where it was
            self._open_agenda(by)
            return
        self._back_to(agenda)
        agenda.step(by)
