"""The board's rules through the app: a closed or carried-forward action is refused a rating with
the reason (O reopens it), T during a meeting agrees the revision at that meeting, a date far
ahead asks first, and * records the board's own rating of a weakness (undo takes it back)."""

from __future__ import annotations

from datetime import date, timedelta

from apphelp import make_app, notices, screen_text, settle
from conftest import pack_query as rows

from boardtui.app.dialogs.confirm import ConfirmDialog
from boardtui.app.dialogs.form import FormDialog
from boardtui.app.dialogs.rating import RatingDialog
from boardtui.app.screens.agenda import AgendaScreen


async def w09_row(pilot, action_id: str) -> None:
    await pilot.press(*["down"] * 8, "enter")
    await settle(pilot)
    table = pilot.app.screen.query_one("BoardTable")
    table.move_cursor(table.get_row_index(action_id))
    await settle(pilot)


async def test_rating_a_closed_action_is_refused_with_the_reason_and_o_reopens_it(demo_pack):
    before = rows(demo_pack, "SELECT count(*) FROM rag_rating WHERE action = 'APP-09.1'")
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await w09_row(pilot, "APP-09.1")  # complete, Blue
        await pilot.press("r", "R", *"Slipped", "ctrl+s")
        await settle(pilot)
        assert isinstance(
            app.screen, RatingDialog
        ) and "APP-09.1 was completed on 20 Jul 2023, so it is not rated" in screen_text(app)
        await pilot.press("escape", "O")
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press(*"Audit found gaps", "ctrl+s")
        await settle(pilot)
        assert "Recorded: reopened APP-09.1" in notices(app)
    app.close_pack()
    assert rows(demo_pack, "SELECT count(*) FROM rag_rating WHERE action = 'APP-09.1'") == before
    assert rows(demo_pack, "SELECT status FROM action WHERE id = 'APP-09.1'") == [("open",)]


async def test_t_in_a_meeting_agrees_the_revision_at_that_meeting_and_overdue_goes(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")  # M19, 20 Nov 2025
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        await w09_row(pilot, "IP25-09.1")  # overdue: target 31 Oct 2025
        assert "OVERDUE" in app.screen.query_one("BoardTable").get_cell("IP25-09.1", "overdue").plain
        await pilot.press("T")
        await settle(pilot)
        assert "Agreed at M19 (20 Nov 2025)" in screen_text(app)
        await pilot.press(*"31/03/2026", "enter", *"Trainer left", "ctrl+s")
        await settle(pilot)
        assert app.screen.query_one("BoardTable").get_cell("IP25-09.1", "overdue").plain == ""
    app.close_pack()
    assert rows(demo_pack, "SELECT target_revised_on FROM action WHERE id = 'IP25-09.1'") == [(date(2025, 11, 20),)]


async def test_a_meeting_date_far_ahead_asks_first(demo_pack):
    far = (date.today() + timedelta(days=400)).isoformat()
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "end", "ctrl+u", *far, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog) and "more than six months ahead" in screen_text(app)
        await pilot.press("n")  # no: the date is said under the field, nothing written
        await settle(pilot)
        assert isinstance(app.screen, FormDialog)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
    app.close_pack()
    assert rows(demo_pack, "SELECT date FROM meeting WHERE id = 'M20'") == [(date.fromisoformat(far),)]


async def test_star_records_the_boards_own_weakness_rating_from_the_agenda_and_undo_removes_it(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "end", "ctrl+u", *"2026-01-22", "enter", "full_stop")  # M20, W02
        await settle(pilot)
        assert "The board has not given its own rating here" in screen_text(app)
        await pilot.press("asterisk", "G", *"Joint panel working", "ctrl+s")
        await settle(pilot)
        assert "G Green *" in screen_text(app)
        assert rows_in(app, "SELECT weakness, meeting, brag FROM weakness_rating WHERE meeting = 'M20'") == [
            ("W02", "M20", "G")
        ]
        await pilot.press("u")
        await settle(pilot)
        assert rows_in(app, "SELECT count(*) FROM weakness_rating WHERE meeting = 'M20'") == [(0,)]
    app.close_pack()


def rows_in(app, sql, *params):
    cur = app.views.opened_store().cursor()
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


async def test_the_agenda_includes_w04_with_its_red_and_overdue_action_marked_not_monitored(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "enter")
        await settle(pilot)
        assert "W04" in [i.weakness for i in app.screen.items]
        while app.screen.item.weakness != "W04":
            await pilot.press("full_stop")
            await settle(pilot)
        text = screen_text(app)
        assert "Not under monitoring" in text and "IP25-04.2" in text
    app.close_pack()
