"""Meeting mode, typed through as the secretary would: n starts or resumes a meeting, '.' and ','
walk the agenda, d/t/a record minutes (an action arising joins the action log), c marks an item
confidential, E corrects or amends, M approves the previous minutes, A records attendance, T
revises a target. Each test then reads the rows and their audit_log rows back from the file."""

from __future__ import annotations

from apphelp import app_query, make_app, notices, screen_text, settle
from conftest import pack_query as query

from boardtui.app.dialogs.attendance import AttendanceDialog
from boardtui.app.dialogs.form import FormDialog
from boardtui.app.screens.actions import ActionsScreen
from boardtui.app.screens.agenda import AgendaScreen


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def start_meeting(pilot, day: str | None = None) -> None:
    """n, then Enter (resume the draft meeting) or a new date."""
    await pilot.press("n")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FormDialog)
    if day is not None:
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, day)
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, AgendaScreen)


async def test_n_resumes_the_draft_meeting_and_dot_comma_walk_the_agenda(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_meeting(pilot)
        assert app.meeting_in_progress == "M19"
        text = screen_text(app)
        assert "Previous minutes and actions arising" in text and "MEETING IN PROGRESS" in text
        assert "Minutes of M18" in text  # the minutes before, with their status
        items = app.screen.items
        # Previous minutes first, then each weakness still monitored, in order: W01 left formal
        # monitoring in Feb 2024; W04 was judged sufficient in 2021, but IP25-04.2 is red and
        # overdue, so W04 is on the agenda too, marked as not under monitoring.
        assert [i.weakness for i in items] == [None, "W02", "W03", *[f"W{n:02d}" for n in range(4, 14)]]
        assert [i.weakness for i in items if not i.monitored] == ["W04"]
        await pilot.press("full_stop")
        await settle(pilot)
        assert "W02  Inter-agency working" in screen_text(app)
        assert "Changed since M18" in screen_text(app) and "Overdue (" in screen_text(app)
        await pilot.press("full_stop", "full_stop")
        await settle(pilot)
        assert app.screen.item.weakness == "W04"
        await pilot.press("comma")
        await settle(pilot)
        assert app.screen.item.weakness == "W03"
        # Enter opens the item's actions; '.' from there comes back to the agenda, one item on.
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen) and app.screen.weakness == "W03"
        await pilot.press("full_stop")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen) and app.screen.item.weakness == "W04"
    app.close_pack()


async def test_a_new_meeting_opens_its_agenda_on_what_changed(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_meeting(pilot, "2026-01-22")
        assert app.meeting_in_progress == "M20"
        # Actions arising from M18 and M19 that fell due by the new meeting.
        assert "Actions arising due (2)" in screen_text(app)
        assert "Minutes of M19 (20 Nov 2025): draft" in screen_text(app)
    app.close_pack()
    assert query(demo_pack, "SELECT id, date, kind, minutes_status FROM meeting WHERE id = 'M20'") == [
        ("M20", __import__("datetime").date(2026, 1, 22), "board", "draft")
    ]
    assert query(demo_pack, "SELECT field, new_value FROM audit_log WHERE row_key = 'M20'") == [("*", "created")]


async def test_a_bad_date_is_said_under_the_field_and_nothing_is_written(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "end", "ctrl+u", *"22/13/2026", "enter")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert "date: '22/13/2026' is not a real date" in screen_text(app)
    app.close_pack()
    assert query(demo_pack, "SELECT count(*) FROM meeting") == [(23,)]


async def test_decision_and_action_arising_are_minuted_and_the_action_joins_the_log(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_meeting(pilot, "2026-01-22")
        await pilot.press(*["full_stop"] * 9)  # W10 (W04 is on the agenda for its red, overdue action)
        await settle(pilot)
        assert app.screen.item.weakness == "W10"
        await pilot.press("d")
        await settle(pilot)
        await type_text(pilot, "Waiting list [/] validation to report in March")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert "Waiting list [/] validation to report in March" in screen_text(app)

        # An action arising without an owner: said next to the owner, nothing written.
        await pilot.press("a")
        await settle(pilot)
        await type_text(pilot, "Bring the validated list")
        await pilot.press("enter", "enter", "enter", *"19/03/2026", "enter")  # Enter walks the fields
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        assert "owner: required" in screen_text(app)
        assert app.screen.focused.id == "owner"  # the cursor is where the problem is
        await pilot.press(*"Lucy Hart", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        assert "Lucy Hart, 19 Mar 2026" in screen_text(app)
    app.close_pack()
    minutes = query(
        demo_pack,
        "SELECT item_order, kind, weakness, text, owner, due_date::VARCHAR FROM minute_item "
        "WHERE meeting = 'M20' ORDER BY item_order",
    )
    assert minutes == [
        (1, "decision", "W10", "Waiting list [/] validation to report in March", None, None),
        (2, "action arising", "W10", "Bring the validated list", "Lucy Hart", "2026-03-19"),
    ]
    assert query(
        demo_pack,
        "SELECT weakness, plan, title, action_lead, target_date::VARCHAR, status FROM action WHERE id = 'BA-M20.2'",
    ) == [("W10", "BOARD", "Bring the validated list", "Lucy Hart", "2026-03-19", "open")]
    # Each new minute's audit row names its item, as a correction or a confidential mark does.
    audit = query(
        demo_pack,
        "SELECT table_name, row_key, field, new_value FROM audit_log WHERE row_key IN "
        "('M20 item 1', 'M20 item 2', 'BA-M20.2') ORDER BY id",
    )
    assert ("minute_item", "M20 item 1", "decision", "Waiting list [/] validation to report in March") in audit
    assert ("minute_item", "M20 item 2", "action arising", "Bring the validated list") in audit
    assert ("action", "BA-M20.2", "*", "created") in audit


async def test_undo_takes_back_an_action_arising_and_its_action(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_meeting(pilot, "2026-01-22")
        await pilot.press("full_stop", "a")
        await settle(pilot)
        await type_text(pilot, "Joint visit")
        await pilot.press("tab", "tab", *"Sam Ode", "enter", *"2026-02-01", "enter")
        await settle(pilot)
        assert app_query(app, "SELECT count(*) FROM action WHERE id = 'BA-M20.1'") == [(1,)]
        await pilot.press("u")
        await settle(pilot)
        assert "Joint visit" not in screen_text(app)
    app.close_pack()
    assert query(demo_pack, "SELECT count(*) FROM minute_item WHERE meeting = 'M20'") == [(0,)]
    assert query(demo_pack, "SELECT count(*) FROM action WHERE id = 'BA-M20.1'") == [(0,)]
    assert query(demo_pack, "SELECT why FROM audit_log WHERE row_key = 'BA-M20.1' ORDER BY id") == [
        ("action arising at M20",),
        ("undo: action arising at M20",),
    ]


async def test_c_marks_confidential_and_e_corrects_then_m_approves_and_e_amends(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_meeting(pilot, "2026-01-22")
        # Item 1 lists M19's minutes: the first is a note, not confidential.
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("E")
        await settle(pilot)
        await pilot.press("end", *" (corrected)", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        # Approve M19's minutes at M20: it asks first.
        await pilot.press("M")
        await settle(pilot)
        assert "Approve the minutes of M19 (20 Nov 2025) at M20?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert "Minutes of M19 (20 Nov 2025): approved" in screen_text(app)
        # Now a correction is an amendment and needs its reason.
        await pilot.press("E")
        await settle(pilot)
        await pilot.press("end", *" Amended.", "ctrl+s")
        await settle(pilot)
        assert "reason: required" in screen_text(app)
        await pilot.press(*"wording agreed at M20", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        # c on approved minutes is refused, and says why.
        await pilot.press("c")
        await settle(pilot)
        assert "are approved and cannot change" in notices(app)
    app.close_pack()
    first = query(demo_pack, "SELECT text, confidential FROM minute_item WHERE meeting = 'M19' AND item_order = 1")[0]
    assert first[0].endswith("(corrected) Amended.") and first[1] is True
    assert query(demo_pack, "SELECT minutes_status, approved_at FROM meeting WHERE id = 'M19'") == [("approved", "M20")]
    audit = query(
        demo_pack,
        "SELECT field, old_value, new_value, why FROM audit_log WHERE row_key IN ('M19 item 1', 'M19') ORDER BY id",
    )
    assert [a[0] for a in audit] == ["confidential", "text", "minutes_status", "text"]
    assert audit[2][1:] == ("draft", "approved", "approved at M20")
    assert audit[3][3] == "amendment: wording agreed at M20"
    assert audit[3][1].endswith("(corrected)") and audit[3][2].endswith("Amended.")


async def test_attendance_present_apologies_and_a_new_person(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await start_meeting(pilot, "2026-01-22")
        await pilot.press("A")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceDialog)
        people = app.screen.query_one("#people").row_keys
        assert len(people) == len(app_query(app, "SELECT person FROM attendance WHERE meeting = 'M19'"))
        await pilot.press("p")  # present, and on to the next person
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Jo Visitor", "enter", *"Observer", "enter", *"DfE", "enter")
        await settle(pilot)
        assert isinstance(app.screen, AttendanceDialog)
        await pilot.press("escape")
        await settle(pilot)
    app.close_pack()
    rows = query(demo_pack, "SELECT person, present FROM attendance WHERE meeting = 'M20' ORDER BY person")
    assert rows == sorted([(people[0], True), (people[1], False), ("Jo Visitor", True)])
    assert len(query(demo_pack, "SELECT 1 FROM audit_log WHERE table_name = 'attendance'")) == 3


async def test_t_revises_a_target_and_keeps_the_original(demo_pack):
    original = query(demo_pack, "SELECT target_date FROM action WHERE id = 'IP25-09.2'")[0][0]
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*["down"] * 8, "enter")
        await settle(pilot)
        await pilot.press(*["down"] * 5, "T")
        await settle(pilot)
        assert "IP25-09.2" in screen_text(app)
        # Outside a meeting the form asks when the board agreed it.
        await pilot.press(*"31/07/2026", "enter", *"Recruitment delayed", "enter", *"M19", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
    app.close_pack()
    assert query(demo_pack, "SELECT target_date, revised_target_date::VARCHAR FROM action WHERE id = 'IP25-09.2'") == [
        (original, "2026-07-31")
    ]
    assert query(
        demo_pack,
        "SELECT field, new_value FROM audit_log WHERE row_key = 'IP25-09.2' AND field = 'revised_target_date'",
    ) == [("revised_target_date", "2026-07-31")]


async def test_recording_keys_say_why_they_are_off_when_read_only(demo_pack):
    from boardtui.app.run import load_app
    from boardtui.config import Config

    app = load_app(demo_pack, Config(), read_only=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for key in ("n", "d", "a", "A"):
            await pilot.press(key)
            await settle(pilot)
            assert not isinstance(app.screen, (FormDialog, AttendanceDialog))
        assert "Recording is off" in notices(app)
    app.close_pack()
