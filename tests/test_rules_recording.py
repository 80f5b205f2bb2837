"""The board's rules in the Recorder (issue 16): a closed or carried-forward action is not rated
and reopening is its own audited change; a revised target is agreed at the meeting it was
recorded at; meeting dates agree with their numbering; the board's own rating of a weakness; and
the agenda brings every red or overdue action to the board, as `check` expects."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from conftest import run_cli

from boardtui.store import changes
from boardtui.store.check import check_pack
from boardtui.store.db import open_store
from boardtui.store.recording import FAR_AHEAD_DAYS, FarAheadError, FieldError, Recorder
from boardtui.store.views import BoardViews


@pytest.fixture
def recorder(demo_pack):
    store = open_store(demo_pack)
    yield Recorder(store, "Priya Sandhu")
    store.close()


@pytest.fixture
def views(recorder):
    views = BoardViews(recorder.store)
    yield views
    views.close()  # closes the recorder's store too (closing it again is harmless)


def rows(recorder, text, *params):
    return recorder.store.con.execute(text, list(params)).fetchall()


def written(recorder):
    """Every table a refused change might have touched, counted."""
    return rows(
        recorder,
        "SELECT (SELECT count(*) FROM rag_rating), (SELECT count(*) FROM weakness_rating), "
        "(SELECT count(*) FROM evidence), (SELECT count(*) FROM meeting), "
        "(SELECT count(*) FROM audit_log), (SELECT list(status ORDER BY id) FROM action)",
    )[0]


def last_audit(recorder, n=1):
    return rows(
        recorder,
        "SELECT table_name, row_key, field, old_value, new_value, why FROM audit_log ORDER BY id DESC LIMIT ?",
        n,
    )[::-1]


# -- closed and carried-forward actions are not rated --------------------------------------------


@pytest.mark.parametrize(
    "action, said",
    [
        (
            "APP-09.1",
            "APP-09.1 was completed on 20 Jul 2023, so it is not rated; reopen APP-09.1 first, with the "
            "reason, if the board has taken it up again",
        ),
        (
            "APP-09.4",
            "APP-09.4 was carried forward on 01 Jul 2025 into IP25-09.1, which is rated in its place; "
            "rate IP25-09.1 instead",
        ),
    ],
)
def test_a_closed_or_carried_forward_action_is_not_rated_and_nothing_is_written(recorder, action, said):
    before = written(recorder)
    for attempt in (
        lambda: recorder.record_rating(action, "M19", "R", "Slipped"),
        lambda: recorder.record_rating(action, "M19", "G", "On track"),
        lambda: recorder.close_action(action, "M19", "Report", None, "Done"),
        lambda: changes.RateAction(action, "M19", "A", "At risk").apply(recorder),
    ):
        with pytest.raises(FieldError) as err:
            attempt()
        assert (err.value.field, err.value.message) == ("action", said)
    assert written(recorder) == before and recorder.history == []


def test_a_withdrawn_action_is_not_rated(recorder):
    recorder.store.con.execute(
        "UPDATE action SET status = 'withdrawn', closed_date = DATE '2025-10-02' WHERE id = 'IP25-09.3'"
    )
    with pytest.raises(FieldError, match=r"IP25-09.3 was withdrawn on 02 Oct 2025, so it is not rated; reopen"):
        recorder.record_rating("IP25-09.3", "M19", "G", "On track")


def test_a_carried_forward_action_with_no_successor_says_to_rate_the_one_carrying_it(recorder):
    recorder.store.con.execute(
        "UPDATE action SET status = 'carried forward', closed_date = DATE '2025-10-02' WHERE id = 'IP25-09.3'"
    )
    with pytest.raises(FieldError) as err:
        recorder.record_rating("IP25-09.3", "M19", "G", "On track")
    assert err.value.message == (
        "IP25-09.3 was carried forward on 02 Oct 2025, so it is not rated; rate the action that carries its work"
    )


def test_an_action_carried_into_two_names_both(recorder):
    recorder.store.con.execute(
        "INSERT INTO action (id, weakness, plan, title, action_lead, senior_officer, lead_org, start_date, "
        "target_date, status, carried_forward_from) VALUES ('IP25-09.9', 'W09', 'IP25', 'Outcome writing, part two', "
        "'Grace Lin', 'Helena Marsh', 'Birmingham City Council', DATE '2025-07-01', DATE '2026-03-31', 'open', "
        "'APP-09.4')"
    )
    with pytest.raises(FieldError) as err:
        recorder.record_rating("APP-09.4", "M19", "G", "On track")
    assert err.value.message == (
        "APP-09.4 was carried forward on 01 Jul 2025 into IP25-09.1 and IP25-09.9, which "
        "are rated in its place; rate IP25-09.1 or IP25-09.9 instead"
    )
    with pytest.raises(FieldError) as err:
        recorder.reopen_action("APP-09.4", "M19", "Back on")
    assert err.value.message == (
        "APP-09.4 was carried forward into IP25-09.1 and IP25-09.9, which carry its "
        "work; rate or reopen IP25-09.1 or IP25-09.9 instead"
    )


def test_an_action_closed_here_takes_no_second_rating_until_reopened(recorder, views):
    recorder.close_action("IP25-09.3", "M19", "Feedback report", None, "Delivered")
    with pytest.raises(FieldError, match=r"IP25-09.3 was completed on 20 Nov 2025"):
        recorder.record_rating("IP25-09.3", "M19", "R", "Changed our minds")
    assert {r.id: r.brag for r in views.actions("W09", "M19")}["IP25-09.3"] == "B"


def test_reopening_is_its_own_audited_undoable_change_with_a_reason(recorder, views):
    with pytest.raises(FieldError) as err:
        recorder.reopen_action("APP-09.1", "M19", "  ")
    assert (err.value.field, err.value.message) == ("reason", "required")
    change = recorder.reopen_action("APP-09.1", "M19", "Audit found the framework lapsed")
    assert change.description == "reopened APP-09.1 at M19"
    assert rows(recorder, "SELECT status, closed_date FROM action WHERE id = 'APP-09.1'") == [("open", None)]
    why = "reopened at M19: Audit found the framework lapsed"
    assert last_audit(recorder, 2) == [
        ("action", "APP-09.1", "status", "complete", "open", why),
        ("action", "APP-09.1", "closed_date", "2023-07-20", None, why),
    ]
    recorder.record_rating("APP-09.1", "M19", "R", "Lapsed")  # open again: rated as any open action
    assert {r.id: r.brag for r in views.actions("W09", "M19")}["APP-09.1"] == "R"
    recorder.undo()
    recorder.undo()
    assert rows(recorder, "SELECT status, closed_date FROM action WHERE id = 'APP-09.1'") == [
        ("complete", date(2023, 7, 20))
    ]
    assert last_audit(recorder, 2)[0][3:] == ("open", "complete", f"undo: {why}")
    assert recorder.redo().description == "redo: reopened APP-09.1 at M19"
    assert rows(recorder, "SELECT status FROM action WHERE id = 'APP-09.1'") == [("open",)]
    request = changes.ReopenAction("APP-09.5", "M19", "Not finished after all")
    assert request.apply(recorder).description == "reopened APP-09.5 at M19"


@pytest.mark.parametrize(
    "action, meeting, field_name, said",
    [
        ("IP25-09.2", "M19", "action", "IP25-09.2 is open already; rate it as it is"),
        (
            "APP-09.1",
            "M18",
            "meeting",
            "the minutes of M18 (25 Sep 2025) are approved and cannot change; record it "
            "at a meeting whose minutes are draft",
        ),
        (
            "APP-09.4",
            "M19",
            "action",
            "APP-09.4 was carried forward into IP25-09.1, which carries its work; rate or reopen IP25-09.1 instead",
        ),
        ("NOPE-1", "M19", "action", "there is no action NOPE-1"),
        ("APP-09.1", "M99", "meeting", "there is no meeting M99"),
    ],
)
def test_reopening_is_refused_with_a_reason_and_nothing_is_written(recorder, action, meeting, field_name, said):
    before = written(recorder)
    with pytest.raises(FieldError) as err:
        recorder.reopen_action(action, meeting, "The board asked")
    assert (err.value.field, err.value.message) == (field_name, said)
    assert written(recorder) == before


def test_a_withdrawn_action_reopens_only_while_no_approved_meeting_has_passed_since(recorder):
    con = recorder.store.con
    # Withdrawn after M18 (approved): no settled meeting saw it withdrawn, so it may reopen.
    con.execute("UPDATE action SET status = 'withdrawn', closed_date = DATE '2025-10-02' WHERE id = 'IP25-09.3'")
    recorder.reopen_action("IP25-09.3", "M19", "Back on")
    assert rows(recorder, "SELECT status FROM action WHERE id = 'IP25-09.3'") == [("open",)]
    # Withdrawn on M18's date: M18's approved record shows it gone; reopening would change that.
    con.execute("UPDATE action SET status = 'withdrawn', closed_date = DATE '2025-09-25' WHERE id = 'IP25-09.2'")
    with pytest.raises(FieldError) as err:
        recorder.reopen_action("IP25-09.2", "M19", "Back on")
    assert err.value.message == (
        "IP25-09.2 was withdrawn on 25 Sep 2025 and left the record of every meeting "
        "since, whose minutes up to M18 are approved; take the work up as a new action "
        "(an action arising) instead"
    )
    # Closed after the meeting it would be reopened at.
    recorder.new_meeting("2026-01-22")
    con.execute("UPDATE action SET status = 'complete', closed_date = DATE '2026-01-22' WHERE id = 'IP25-09.4'")
    with pytest.raises(FieldError) as err:
        recorder.reopen_action("IP25-09.4", "M19", "Back on")
    assert err.value.message == (
        "IP25-09.4 closed on 22 Jan 2026, after M19 (20 Nov 2025); reopen it at a meeting on or after that date"
    )
    recorder.reopen_action("IP25-09.4", "M20", "Back on")  # on the closing date itself


# -- a revised target is agreed at the meeting it is recorded at --------------------------------


def overdue(views, weakness, meeting):
    return {r.id: r.overdue for r in views.actions(weakness, meeting)}


def test_a_target_revised_at_a_meeting_is_agreed_at_its_date_and_the_overdue_mark_goes(recorder, views):
    recorder.new_meeting("2026-01-22")
    assert overdue(views, "W04", "M20")["IP25-04.2"] is True  # target 31 Oct 2025 passed
    recorder.revise_target("IP25-04.2", "30/06/2026", "Commissioning plan rescheduled", agreed_on="M20")
    assert rows(
        recorder, "SELECT target_date, revised_target_date, target_revised_on FROM action WHERE id = 'IP25-04.2'"
    ) == [(date(2025, 10, 31), date(2026, 6, 30), date(2026, 1, 22))]
    assert overdue(views, "W04", "M20")["IP25-04.2"] is False
    assert overdue(views, "W04", "M19")["IP25-04.2"] is True  # M19 saw the original target
    assert last_audit(recorder, 2) == [
        ("action", "IP25-04.2", "target_revised_on", None, "2026-01-22", "revision agreed at M20 (22 Jan 2026)"),
        (
            "action",
            "IP25-04.2",
            "revised_target_date",
            None,
            "2026-06-30",
            "Commissioning plan rescheduled (original target 31 Oct 2025 kept)",
        ),
    ]
    recorder.undo()
    assert rows(recorder, "SELECT revised_target_date, target_revised_on FROM action WHERE id = 'IP25-04.2'") == [
        (None, None)
    ]
    # The request the app builds passes the meeting in progress the same way.
    changes.ReviseTarget("IP25-04.2", "2026-06-30", "Rescheduled", agreed_on="M20").apply(recorder)
    assert rows(recorder, "SELECT target_revised_on FROM action WHERE id = 'IP25-04.2'") == [(date(2026, 1, 22),)]


def test_a_revision_agreed_on_a_date_and_outside_a_meeting(recorder):
    recorder.revise_target("IP25-09.2", "2026-12-31", "Backlog", agreed_on="2025-10-15")
    assert rows(recorder, "SELECT target_revised_on FROM action WHERE id = 'IP25-09.2'") == [(date(2025, 10, 15),)]
    assert last_audit(recorder, 2)[0][-1] == "revision agreed on 15 Oct 2025"
    recorder.revise_target("IP25-09.3", "2026-12-31", "Backlog", agreed_on=date(2025, 11, 20))
    assert rows(recorder, "SELECT target_revised_on FROM action WHERE id = 'IP25-09.3'") == [(date(2025, 11, 20),)]
    recorder.revise_target("IP25-09.4", "2026-12-31", "Backlog")  # outside a meeting, recorded the day agreed
    assert rows(recorder, "SELECT target_revised_on FROM action WHERE id = 'IP25-09.4'") == [(date.today(),)]
    assert last_audit(recorder, 2)[0][-1] == "revision agreed outside a meeting"


@pytest.mark.parametrize(
    "agreed_on, said",
    [
        (
            "M18",
            "the minutes of M18 (25 Sep 2025) are approved and cannot change; record it at a meeting whose "
            "minutes are draft",
        ),
        (
            "2025-09-25",
            "25 Sep 2025 is on or before M18 (25 Sep 2025), whose minutes are approved, and would change "
            "what that meeting shows; give the meeting in progress or a later date",
        ),
        (
            "2024-01-01",
            "01 Jan 2024 is on or before M18 (25 Sep 2025), whose minutes are approved, and would change "
            "what that meeting shows; give the meeting in progress or a later date",
        ),
        ("next week", "'next week' is not a date such as 31/01/2024, 31-Jan-2024, 31 January 2024 or 2024-01-31"),
        ("  ", "required (YYYY-MM-DD or 31/12/2025)"),
    ],
)
def test_a_revision_agreed_in_settled_minutes_is_refused(recorder, agreed_on, said):
    before = written(recorder), rows(recorder, "SELECT * FROM action WHERE id = 'IP25-09.2'")
    with pytest.raises(FieldError) as err:
        recorder.revise_target("IP25-09.2", "2026-12-31", "Backlog", agreed_on=agreed_on)
    assert (err.value.field, err.value.message) == ("agreed on", said)
    assert (written(recorder), rows(recorder, "SELECT * FROM action WHERE id = 'IP25-09.2'")) == before
    recorder.revise_target("IP25-09.2", "2026-12-31", "Backlog", agreed_on="2025-09-26")  # the day after M18


# -- meeting dates agree with their numbering ---------------------------------------------------


@pytest.mark.parametrize("when", ["2025-11-20", "2025-11-19", "2025-10-01", "2021-01-01"])
def test_a_new_meeting_on_or_before_the_latest_is_refused(recorder, when):
    before = written(recorder)
    for attempt in (lambda: recorder.new_meeting(when), lambda: recorder.start_or_resume(when)):
        if when == "2025-11-20":  # M19's own date: start_or_resume resumes M19
            assert recorder.start_or_resume(when).meeting == "M19"
            with pytest.raises(FieldError) as err:
                recorder.new_meeting(when)
        else:
            with pytest.raises(FieldError) as err:
                attempt()
        shown = date.fromisoformat(when).strftime("%d %b %Y")
        assert (err.value.field, err.value.message) == (
            "date",
            f"{shown} is not after M19 (20 Nov 2025), the latest board meeting; the new meeting, M20, "
            "comes after it, so choose a later date",
        )
    assert written(recorder) == before


def test_a_date_far_ahead_needs_confirming(recorder):
    limit = date.today() + timedelta(days=FAR_AHEAD_DAYS)
    far = limit + timedelta(days=1)
    before = written(recorder)
    for attempt in (
        lambda: recorder.new_meeting(far),
        lambda: recorder.start_or_resume(far.isoformat()),
        lambda: changes.StartOrResumeMeeting(far.isoformat()).apply(recorder),
    ):
        with pytest.raises(FarAheadError) as err:
            attempt()
        assert (err.value.field, err.value.day, err.value.limit) == ("date", far, limit)
        assert err.value.message == (
            f"{far:%d %b %Y} is more than six months ahead (after {limit:%d %b %Y}); "
            "check the year, or confirm the date"
        )
    assert written(recorder) == before
    assert recorder.new_meeting(limit) == "M20"  # the last day that needs no confirming
    change = changes.StartOrResumeMeeting(far.isoformat(), far_ahead_ok=True).apply(recorder)
    assert (change.meeting, change.written) == ("M21", True)
    assert recorder.new_meeting(far + timedelta(days=1), far_ahead_ok=True) == "M22"


def test_meeting_new_on_the_command_line_checks_the_date(demo_pack):
    meetings = "SELECT count(*) FROM meeting"
    before = open_store(demo_pack, read_only=True)
    try:
        count = before.con.execute(meetings).fetchall()[0][0]
    finally:
        before.close()
    early = run_cli("meeting", "new", str(demo_pack), "--date", "2025-10-01")
    assert early.returncode == 2 and early.stderr == (
        "boardtui: date: 01 Oct 2025 is not after M19 (20 Nov 2025), the latest board meeting; the new meeting, "
        "M20, comes after it, so choose a later date\n"
    )
    far = date.today() + timedelta(days=FAR_AHEAD_DAYS + 1)
    ahead = run_cli("meeting", "new", str(demo_pack), "--date", far.isoformat())
    limit = date.today() + timedelta(days=FAR_AHEAD_DAYS)
    assert ahead.returncode == 2 and ahead.stderr == (
        f"boardtui: date: {far:%d %b %Y} is more than six months ahead (after {limit:%d %b %Y}); check the year, "
        "or add --yes to confirm it.\n"
    )
    store = open_store(demo_pack, read_only=True)
    try:
        assert store.con.execute(meetings).fetchall()[0][0] == count
    finally:
        store.close()
    confirmed = run_cli("meeting", "new", str(demo_pack), "--date", far.isoformat(), "--yes")
    assert confirmed.returncode == 0, confirmed.stderr
    assert f"created board meeting M20 on {far.isoformat()}" in confirmed.stdout


# -- the board's own rating of a weakness -------------------------------------------------------


def dashboard_w09(views, meeting="M19"):
    found = {r.code: r for r in views.dashboard(meeting)}["W09"]
    return found.brag, found.board_rated, found.direction


def test_the_boards_own_rating_of_a_weakness_is_recorded_audited_shown_and_undone(recorder, views):
    assert dashboard_w09(views) == ("A", False, "→")
    agenda = {i.weakness: i for i in views.agenda("M19")}
    assert (agenda["W09"].brag, agenda["W09"].derived_brag, agenda["W09"].board_rated_here) == ("A", "A", False)
    change = recorder.rate_weakness("W09", "M19", "r", "Audit quality fell back in two teams")
    assert change.description == "board rating R for W09 at M19"
    assert rows(
        recorder, "SELECT brag, rationale, rated_by FROM weakness_rating WHERE weakness = 'W09' AND meeting = 'M19'"
    ) == [("R", "Audit quality fell back in two teams", "Priya Sandhu")]
    assert last_audit(recorder) == [
        ("weakness_rating", "W09@M19", "brag", None, "R", "Audit quality fell back in two teams")
    ]
    assert dashboard_w09(views) == ("R", True, "↓")
    agenda = {i.weakness: i for i in views.agenda("M19")}
    assert (agenda["W09"].brag, agenda["W09"].derived_brag, agenda["W09"].board_rated_here) == ("R", "A", True)
    assert views.matrix()[("W09", "M19")].board_rated is True
    changes.RateWeakness("W09", "M19", "G", "On reflection, on track").apply(recorder)
    assert last_audit(recorder)[0][3:5] == ("R", "G")  # the board's earlier word here is the old value
    assert dashboard_w09(views)[:2] == ("G", True)
    recorder.undo()
    recorder.undo()
    assert rows(recorder, "SELECT count(*) FROM weakness_rating WHERE weakness = 'W09' AND meeting = 'M19'") == [(0,)]
    assert dashboard_w09(views) == ("A", False, "→")


@pytest.mark.parametrize(
    "code, meeting, brag, rationale, field_name",
    [
        ("W99", "M19", "R", "why", "weakness"),
        ("W09", "M19", "Amber/Green", "why", "rating"),
        ("W09", "M19", "R", "  ", "rationale"),
        ("W09", "M18", "R", "why", "meeting"),
        ("W09", "M99", "R", "why", "meeting"),
    ],
)
def test_a_weakness_rating_is_checked_and_nothing_is_written(recorder, code, meeting, brag, rationale, field_name):
    before = written(recorder)
    with pytest.raises(FieldError) as err:
        recorder.rate_weakness(code, meeting, brag, rationale)
    assert err.value.field == field_name
    assert written(recorder) == before


def test_a_weakness_is_rated_at_a_board_meeting_only(recorder):
    recorder.store.con.execute("UPDATE meeting SET minutes_status = 'draft' WHERE id = 'I01'")
    with pytest.raises(FieldError) as err:
        recorder.rate_weakness("W09", "I01", "R", "why")
    assert err.value.message == "I01 is not a board meeting; the board rates a weakness at one of its own meetings"


# -- the agenda: every red or overdue action reaches the board -----------------------------------


def test_the_agenda_includes_a_weakness_not_monitored_with_a_red_or_overdue_action(recorder, views):
    items = {i.weakness: i for i in views.agenda("M19")}
    w04 = items["W04"]  # judged sufficient in 2021; IP25-04.2 is red and overdue at M19
    assert (w04.monitored, w04.monitoring, w04.brag, w04.derived_brag) == (False, "sufficient, Jul 2021", "R", "R")
    assert "W01" not in items  # left monitoring, nothing red or overdue
    assert all(i.monitored for c, i in items.items() if c != "W04")
    # At a new meeting, W04 stays while IP25-04.2 is red or overdue, and leaves when neither.
    recorder.new_meeting("2026-01-22")
    assert "W04" in {i.weakness for i in views.agenda("M20")}
    recorder.record_rating("IP25-04.2", "M20", "G", "Plan agreed")
    assert "W04" in {i.weakness for i in views.agenda("M20")}  # still overdue: target 31 Oct 2025
    recorder.revise_target("IP25-04.2", "2026-06-30", "Rescheduled", agreed_on="M20")
    assert "W04" not in {i.weakness for i in views.agenda("M20")}


def unrated(recorder):
    report = check_pack(recorder.store)
    return {p["key"] for p in report.problems if p["kind"] == "unrated"}


def test_check_flags_as_unrated_exactly_the_open_actions_of_the_agenda_not_rated_there(recorder, views):
    recorder.new_meeting("2026-01-22")

    def agenda_unrated():
        on_agenda = {i.weakness for i in views.agenda("M20")}
        return {
            a.id
            for w in on_agenda - {None}
            for a in views.actions(w, "M20")
            if a.status == "open"
            and not rows(recorder, "SELECT 1 FROM rag_rating WHERE action = ? AND meeting = 'M20'", a.id)
        }

    assert {"IP25-04.1", "IP25-04.2"} <= unrated(recorder) == agenda_unrated()
    recorder.record_rating("IP25-04.2", "M20", "G", "Plan agreed")
    recorder.revise_target("IP25-04.2", "2026-06-30", "Rescheduled", agreed_on="M20")
    # W04 is off the agenda (not monitored, nothing red or overdue): its other action is not flagged.
    assert "IP25-04.1" not in unrated(recorder)
    assert unrated(recorder) == agenda_unrated()
    recorder.record_rating("IP25-04.1", "M20", "R", "Funding withdrawn")
    assert unrated(recorder) == agenda_unrated()


def test_check_on_the_command_line_leaves_out_actions_the_agenda_does_not_bring(demo_pack):
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        recorder.new_meeting("2026-01-22")
        recorder.record_rating("IP25-04.2", "M20", "G", "Plan agreed")
        recorder.revise_target("IP25-04.2", "2026-06-30", "Rescheduled", agreed_on="M20")
    finally:
        store.close()
    result = run_cli("check", str(demo_pack))
    assert result.returncode == 1
    flagged = {line.split()[1] for line in result.stdout.splitlines() if line.strip().startswith("unrated:")}
    assert "IP25-09.2" in flagged  # W09 is monitored: its open actions are rated at every meeting
    assert not {"IP25-04.1", "IP25-04.2"} & flagged  # W04 is neither monitored nor red or overdue now
    assert "unrated: IP25-09.2 is open but has no rating at the latest board meeting M20 (22 Jan 2026)" in result.stdout


def test_a_revised_target_is_refused_on_a_completed_action_as_a_rating_is(demo_pack):
    """A completed action's record ended when it closed: its target is not revised (reopen it
    first), and nothing is written."""
    store = open_store(demo_pack)
    try:
        before = store.con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        target = store.con.execute("SELECT revised_target_date FROM action WHERE id = 'APP-03.1'").fetchone()
        with pytest.raises(FieldError) as refused:
            Recorder(store, "Secretary").revise_target("APP-03.1", "2026-06-30", "slipped", agreed_on="M19")
        assert str(refused.value).startswith("action: APP-03.1 was completed on ")
        assert "so its target is not revised; reopen APP-03.1 first" in str(refused.value)
        assert store.con.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
        assert store.con.execute("SELECT revised_target_date FROM action WHERE id = 'APP-03.1'").fetchone() == target
    finally:
        store.close()
