"""Attendance at a meeting: who is present and who sent apologies, one key per person, the cursor
moving on to the next; anyone at the board meeting before is listed, still to be recorded. Each
key press is one recorded change."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from boardtui.app.dialogs.base import Dialog
from boardtui.app.render import plain
from boardtui.app.widgets.table import BoardTable, Col
from boardtui.app.work import in_thread
from boardtui.store.changes import ChangeRequest, RemoveAttendance, SetAttendance
from boardtui.store.rows import AttendancePerson
from boardtui.store.views import Meeting
from boardtui.text import clean

if TYPE_CHECKING:
    from boardtui.store.recording import Change

COLUMNS = [Col("person", "Person", 22), Col("role", "Role", None, min_width=20), Col("state", "Recorded", 10)]
STATE = {
    True: Text("present", style="bold green"),
    False: Text("apologies", style="bold"),
    None: Text("·", style="dim"),
}


class AttendanceDialog(Dialog[str]):
    BINDINGS = [
        Binding("p", "mark(True)", "Present"),
        Binding("a", "mark(False)", "Apologies"),
        Binding("x", "remove", "Remove"),
        Binding("n", "add", "Add person"),
        Binding("escape", "close", "Done"),
    ]

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting
        self.people: dict[str, AttendancePerson] = {}
        self.changed: list[str] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="wide"):
            title = Text("Attendance ", style="bold")
            title.append(plain(f"{self.meeting.id} · {self.meeting.date:%d %b %Y}"))
            yield Label(title, classes="dialog-title")
            yield BoardTable(COLUMNS, id="people")
            yield Static(id="person-detail")
            yield Static(id="attendance-error", classes="field-error")
            yield Static(
                Text(
                    "p present · a apologies (then the next person) · x remove · n add a person · Esc done", style="dim"
                )
            )

    def on_mount(self) -> None:
        self.query_one("#attendance-error").display = False
        self.reload()

    def first_field(self):
        return self.query_one(BoardTable)  # p and a act on the person under the cursor

    def action_save(self) -> None:
        """Each key is saved as it is pressed: Ctrl+S has nothing left to save."""

    def reload(self) -> None:
        in_thread(
            self,
            partial(self.board_app.views.attendance_people, self.meeting.id),
            self._show_people,
            self._say_error,
            name="attendance list",
        )

    def _show_people(self, rows: list[AttendancePerson]) -> None:
        self.people = {r.person: r for r in rows}
        table = self.query_one(BoardTable)
        table.fill(
            [
                (
                    r.person,
                    {
                        "person": plain(r.person, "bold"),
                        "role": plain(f"{r.role}, {r.organisation}"),
                        "state": STATE[r.present],
                    },
                )
                for r in rows
            ]
        )

    def _recorded(self, change: Change) -> None:
        self.changed.append(change.description)
        self.say("")
        self.reload()

    def _say_error(self, error: Exception) -> None:
        self.say(str(error))

    def on_board_table_row_highlighted(self, event: BoardTable.RowHighlighted) -> None:
        person = self.people.get(event.key)
        line = Text()
        if person is not None:  # the whole role and organisation, which the column may cut
            line.append(plain(person.person, "bold"))
            line.append("  ")
            line.append(plain(f"{person.role}, {person.organisation}"))
        self.query_one("#person-detail", Static).update(line)

    def say(self, message: str) -> None:
        box = self.query_one("#attendance-error", Static)
        box.update(Text(clean(message), style="bold red"))
        box.display = bool(message)

    def _save(self, request: ChangeRequest) -> None:
        # Each key is its own change, said here in the list rather than by a notice per person.
        recording = self.board_app.recording
        in_thread(
            self,
            lambda: recording.write(request, announce=False),
            self._recorded,
            self._say_error,
            name="attendance change",
        )

    def _selected(self) -> AttendancePerson | None:
        person = self.people.get(self.query_one(BoardTable).selected_key or "")
        if person is None:
            self.say("Nobody is listed yet: press n to add a person.")
        return person

    def action_mark(self, present: bool) -> None:
        p = self._selected()
        if p is not None:
            self._save(SetAttendance(self.meeting.id, p.person, p.role, p.organisation, present))
            table = self.query_one(BoardTable)
            table.move_cursor(table.cursor_row + 1)  # on to the next person, as the roll is called

    def action_remove(self) -> None:
        p = self._selected()
        if p is None:
            return
        if p.present is None:
            self.say(f"{p.person} is not recorded at {self.meeting.id}; nothing to remove.")
            return
        self._save(RemoveAttendance(self.meeting.id, p.person))

    def action_add(self) -> None:
        from boardtui.app.dialogs.form import FormDialog, FormField

        fields = [
            FormField("person", "Name (required)"),
            FormField("role", "Role (required)"),
            FormField("organisation", "Organisation (required)"),
        ]

        def added(change) -> None:
            if change is not None:
                self.changed.append(change.description)
                self.reload()

        self.app.push_screen(
            FormDialog(
                Text("Add a person, present", style="bold"),
                fields,
                lambda v: SetAttendance(self.meeting.id, v["person"], v["role"], v["organisation"], True),
            ),
            added,
        )

    def action_close(self) -> None:
        self.dismiss(f"Attendance: {len(self.changed)} change(s) recorded." if self.changed else None)
