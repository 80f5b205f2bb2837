"""Recording at a meeting (data layer): one transaction with audit rows per change, field-named
validation, approved minutes refused, undo, and every confirmed change surviving SIGKILL."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
from datetime import date

import duckdb
import pytest
from conftest import run_cli

from boardtui.errors import BoardError
from boardtui.store.db import open_store
from boardtui.store.recording import FieldError, Recorder
from boardtui.store.views import BoardViews


@pytest.fixture
def recorder(demo_pack):
    store = open_store(demo_pack)
    yield Recorder(store, "Priya Sandhu")
    store.close()


def rows(recorder, text, *params):
    return recorder.store.con.execute(text, list(params)).fetchall()


def audit_count(recorder):
    return rows(recorder, "SELECT count(*) FROM audit_log")[0][0]


def test_a_rating_is_written_with_its_audit_row(recorder):
    before = audit_count(recorder)
    recorder.record_rating("IP25-09.2", "M19", "g", "Audit shows the backlog cleared")
    assert rows(
        recorder,
        "SELECT brag, rationale, rated_by FROM rag_rating WHERE action = 'IP25-09.2' "
        "AND meeting = 'M19' ORDER BY recorded_at DESC, id DESC LIMIT 1",
    ) == [("G", "Audit shows the backlog cleared", "Priya Sandhu")]
    assert rows(
        recorder, "SELECT who, table_name, row_key, field, new_value, why FROM audit_log ORDER BY id DESC LIMIT 1"
    ) == [("Priya Sandhu", "rag_rating", "IP25-09.2@M19", "brag", "G", "Audit shows the backlog cleared")]
    assert audit_count(recorder) == before + 1


def test_what_the_views_keep_is_read_again_after_a_change_and_its_undo(recorder):
    # The list screens' results are kept until the pack changes: a rating, or undoing it,
    # must show at once, never the result kept from before.
    views = BoardViews(recorder.store)
    try:

        def shown():
            return {r.id: r.brag for r in views.actions("W09", "M19")}, {r.code: r.r for r in views.dashboard("M19")}[
                "W09"
            ]

        before_actions, before_reds = shown()
        assert before_actions["IP25-09.2"] != "R"
        assert shown() == (before_actions, before_reds)  # kept: the same again
        recorder.record_rating("IP25-09.2", "M19", "R", "The backlog grew again")
        after_actions, after_reds = shown()
        assert after_actions["IP25-09.2"] == "R" and after_reds == before_reds + 1
        recorder.undo()
        assert shown() == (before_actions, before_reds)
    finally:
        views.close()


@pytest.mark.parametrize(
    "brag, rationale, field_name",
    [("X", "why", "rating"), ("Amber/Green", "why", "rating"), ("G", "   ", "rationale"), ("G", None, "rationale")],
)
def test_invalid_ratings_name_the_field_and_write_nothing(recorder, brag, rationale, field_name):
    before = rows(recorder, "SELECT count(*) FROM rag_rating")
    with pytest.raises(FieldError) as err:
        recorder.record_rating("IP25-09.2", "M19", brag, rationale)
    assert err.value.field == field_name
    assert rows(recorder, "SELECT count(*) FROM rag_rating") == before


def test_nothing_is_written_to_approved_minutes(recorder):
    with pytest.raises(FieldError, match=r"minutes of M18 .* are approved"):
        recorder.record_rating("IP25-09.2", "M18", "G", "late")
    with pytest.raises(FieldError, match="approved"):
        recorder.add_minute("M18", "decision", "too late")


def test_minutes_actions_arising_and_confidential(recorder):
    with pytest.raises(FieldError) as err:
        recorder.add_minute("M19", "action arising", "Chase the ICB", owner="", due="2026-01-10")
    assert err.value.field == "owner"
    with pytest.raises(FieldError) as err:
        recorder.add_minute("M19", "action arising", "Chase the ICB", owner="Lucy Hart", due="31/13/2025")
    assert err.value.field == "due date"
    with pytest.raises(FieldError) as err:  # every action in the log sits under a weakness
        recorder.add_minute("M19", "action arising", "Chase the ICB", owner="Lucy Hart", due="10/01/2026")
    assert err.value.field == "weakness"
    with pytest.raises(FieldError) as err:
        recorder.add_minute(
            "M19", "action arising", "Chase the ICB", weakness="W10", owner="Lucy Hart", due="10/01/2025"
        )
    assert err.value.field == "due date" and "before the meeting" in err.value.message
    recorder.add_minute("M19", "decision", "Fund the [bold] team", weakness="W10")
    change = recorder.add_minute(
        "M19",
        "action arising",
        "Chase the ICB",
        weakness="W10",
        action="IP25-10.5",
        owner="Lucy Hart",
        due="10/01/2026",
    )
    item = rows(
        recorder,
        "SELECT id, item_order, kind, text, owner, due_date, confidential, action FROM minute_item "
        "WHERE meeting = 'M19' ORDER BY item_order DESC LIMIT 1",
    )[0]
    assert item[2:] == ("action arising", "Chase the ICB", "Lucy Hart", date(2026, 1, 10), False, "IP25-10.5")
    assert change.description == f"action arising M19 item {item[1]} (action BA-M19.{item[1]})"
    # It joins the action log: led by its owner, due by its due date, under its weakness.
    assert rows(
        recorder,
        "SELECT weakness, plan, action_lead, target_date, status, description FROM action WHERE id = ?",
        f"BA-M19.{item[1]}",
    ) == [
        (
            "W10",
            "BOARD",
            "Lucy Hart",
            date(2026, 1, 10),
            "open",
            f"Arising from M19 (20 Nov 2025) item {item[1]}, about IP25-10.5.",
        )
    ]
    recorder.set_confidential(item[0], True)
    assert rows(recorder, "SELECT confidential FROM minute_item WHERE id = ?", item[0]) == [(True,)]


def first_item(recorder, meeting):
    return rows(recorder, "SELECT id, text FROM minute_item WHERE meeting = ? ORDER BY item_order LIMIT 1", meeting)[0]


def test_approved_minutes_take_an_amendment_with_its_reason(recorder):
    item, old = first_item(recorder, "M01")  # M01's minutes are approved
    with pytest.raises(FieldError) as err:
        recorder.amend_minute(item, "Terms of reference agreed.", "")
    assert err.value.field == "reason"
    with pytest.raises(FieldError):  # and nothing else about them can change
        recorder.set_confidential(item, True)
    recorder.amend_minute(item, "Terms of reference agreed.", "agreed wording")
    assert rows(recorder, "SELECT text FROM minute_item WHERE id = ?", item) == [("Terms of reference agreed.",)]
    assert rows(
        recorder, "SELECT row_key, field, old_value, new_value, why FROM audit_log ORDER BY id DESC LIMIT 1"
    ) == [("M01 item 1", "text", old, "Terms of reference agreed.", "amendment: agreed wording")]
    recorder.undo()
    assert rows(recorder, "SELECT text FROM minute_item WHERE id = ?", item) == [(old,)]


def test_attendance_is_recorded_changed_and_removed(recorder):
    with pytest.raises(FieldError) as err:
        recorder.set_attendance("M19", "New Member", "", "DfE", True)
    assert err.value.field == "role"
    recorder.set_attendance("M19", "New Member", "Adviser", "DfE", True)
    recorder.set_attendance("M19", "New Member", None, None, False)  # role and organisation kept
    assert rows(recorder, "SELECT role, organisation, present FROM attendance WHERE person = 'New Member'") == [
        ("Adviser", "DfE", False)
    ]
    recorder.remove_attendance("M19", "New Member")
    assert rows(recorder, "SELECT count(*) FROM attendance WHERE person = 'New Member'") == [(0,)]
    assert [
        r[0] for r in rows(recorder, "SELECT new_value FROM audit_log WHERE table_name = 'attendance' ORDER BY id")
    ] == ["present", "apologies", None]
    with pytest.raises(FieldError):  # approved minutes: attendance is settled too
        recorder.set_attendance("M18", "New Member", "Adviser", "DfE", True)


def test_start_or_resume_finds_the_meeting_on_a_date(recorder):
    resumed = recorder.start_or_resume("20/11/2025")
    assert (resumed.meeting, resumed.written) == ("M19", False)
    started = recorder.start_or_resume("2026-01-22")
    assert (started.meeting, started.written) == ("M20", True)
    with pytest.raises(FieldError) as err:
        recorder.start_or_resume("2025-09-25")  # M18: approved
    assert err.value.field == "date" and "approved" in err.value.message


def test_revising_a_target_keeps_the_original(recorder):
    recorder.revise_target("IP25-09.2", "31/12/2026", "Backlog larger than planned")
    row = rows(recorder, "SELECT target_date, revised_target_date FROM action WHERE id = 'IP25-09.2'")[0]
    assert row == (date(2026, 9, 28), date(2026, 12, 31))
    why = rows(recorder, "SELECT why FROM audit_log ORDER BY id DESC LIMIT 1")[0][0]
    assert "original target 28 Sep 2026 kept" in why


def test_closing_an_action_needs_evidence_and_records_blue(recorder):
    with pytest.raises(FieldError) as err:
        recorder.close_action("IP25-09.3", "M19", "", None, "Delivered")
    assert err.value.field == "evidence"
    recorder.close_action("IP25-09.3", "M19", "Feedback report on 120 plans", "QA-2025-11", "Delivered")
    assert rows(recorder, "SELECT status, closed_date FROM action WHERE id = 'IP25-09.3'") == [
        ("complete", date(2025, 11, 20))
    ]
    assert rows(recorder, "SELECT description, reference FROM evidence WHERE action = 'IP25-09.3'") == [
        ("Feedback report on 120 plans", "QA-2025-11")
    ]


def test_undo_takes_back_the_last_change_and_is_audited(recorder):
    recorder.close_action("IP25-09.3", "M19", "Feedback report", None, "Delivered")
    recorder.record_rating("IP25-09.2", "M19", "R", "Slipped again")
    recorder.undo()
    assert rows(recorder, "SELECT count(*) FROM rag_rating WHERE rationale = 'Slipped again'") == [(0,)]
    recorder.undo()
    assert rows(recorder, "SELECT status FROM action WHERE id = 'IP25-09.3'") == [("open",)]
    assert rows(recorder, "SELECT count(*) FROM evidence WHERE action = 'IP25-09.3'") == [(0,)]
    undo_rows = rows(recorder, "SELECT why FROM audit_log WHERE why LIKE 'undo: %'")
    assert len(undo_rows) == 4  # one rating, then the three rows of the closure
    with pytest.raises(BoardError, match="nothing to undo"):
        recorder.undo()


def test_new_meeting_then_minutes_approved_there(recorder):
    new = recorder.new_meeting("2026-01-22")
    assert new == "M20"
    assert rows(recorder, "SELECT date, minutes_status FROM meeting WHERE id = 'M20'") == [(date(2026, 1, 22), "draft")]
    recorder.approve_minutes("M19", "M20")
    assert rows(recorder, "SELECT minutes_status, approved_at FROM meeting WHERE id = 'M19'") == [("approved", "M20")]
    with pytest.raises(FieldError, match="approved"):
        recorder.record_rating("IP25-09.2", "M19", "G", "after approval")


def test_read_only_packs_cannot_record(demo_pack):
    store = open_store(demo_pack, read_only=True)
    try:
        with pytest.raises(BoardError, match="read-only"):
            Recorder(store, "x")
    finally:
        store.close()


def test_meeting_new_on_the_command_line(demo_pack):
    result = run_cli("meeting", "new", str(demo_pack), "--date", "2026-01-22")
    assert result.returncode == 0, result.stderr
    assert "created board meeting M20 on 2026-01-22" in result.stdout
    bad = run_cli("meeting", "new", str(demo_pack), "--date", "22/13/2026")
    assert bad.returncode == 2 and "date:" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


KILLED = r"""
import sys
from boardtui.store.db import open_store
from boardtui.store.recording import Recorder
recorder = Recorder(open_store(sys.argv[1]), "Priya Sandhu")
for n in range(1000):
    recorder.record_rating("IP25-09.2", "M19", "RAG"[n % 3], f"confirmed {n}")
    print(n, flush=True)  # confirmed: the transaction has committed
"""


def test_every_confirmed_change_survives_sigkill(demo_pack, tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", KILLED, str(demo_pack)], stdout=subprocess.PIPE, text=True)
    confirmed = []
    for line in proc.stdout:
        confirmed.append(int(line))
        if len(confirmed) == 40:
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    # The .duckdb file alone (as a backup or an email carries it, without PACK.wal) holds them.
    alone = tmp_path / "alone" / demo_pack.name
    alone.parent.mkdir()
    shutil.copyfile(demo_pack, alone)
    con = duckdb.connect(str(alone), read_only=True)
    found = {
        r[0] for r in con.execute("SELECT rationale FROM rag_rating WHERE rationale LIKE 'confirmed %'").fetchall()
    }
    con.close()
    assert {f"confirmed {n}" for n in confirmed} <= found


def test_redo_makes_an_undone_change_again_and_a_new_change_ends_redo(recorder):
    def reds():
        return rows(
            recorder, "SELECT count(*) FROM rag_rating WHERE action = 'IP25-09.2' AND meeting = 'M19' AND brag = 'R'"
        )[0][0]

    before = reds()
    recorder.record_rating("IP25-09.2", "M19", "R", "Backlog grew")
    recorder.undo()
    assert reds() == before
    again = recorder.redo()
    assert reds() == before + 1 and again.description.startswith("redo: rating R for IP25-09.2")
    recorder.undo()  # the redone change is undone like any other
    assert reds() == before
    recorder.record_rating("IP25-09.3", "M19", "G", "On track")  # a new change: nothing left to redo
    with pytest.raises(BoardError, match="nothing to redo"):
        recorder.redo()


def test_undo_twice_then_redo_twice_in_order(recorder):
    recorder.record_rating("IP25-09.2", "M19", "R", "first")
    recorder.record_rating("IP25-09.3", "M19", "A", "second")
    recorder.undo()
    recorder.undo()
    assert [recorder.redo().description, recorder.redo().description] == [
        "redo: rating R for IP25-09.2 at M19",
        "redo: rating A for IP25-09.3 at M19",
    ]


def test_changes_from_worker_threads_each_take_their_turn_on_their_own_cursor(recorder):
    # The app records from worker threads: many at once must all land, one transaction each.
    import threading

    before = rows(recorder, "SELECT count(*) FROM rag_rating")[0][0]
    threads = [
        threading.Thread(target=recorder.record_rating, args=("IP25-09.2", "M19", "G", f"note {n}")) for n in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert rows(recorder, "SELECT count(*) FROM rag_rating")[0][0] == before + 8
    assert len(recorder.history) == 8


def test_undo_redo_undo_redo_of_one_change_goes_back_and_forth(recorder):
    # A redone change is made again the same way it was first made: redo never redoes itself.
    def reds():
        return rows(recorder, "SELECT count(*) FROM rag_rating WHERE action = 'IP25-09.2' AND brag = 'R'")[0][0]

    before = reds()
    recorder.record_rating("IP25-09.2", "M19", "R", "Backlog grew")
    for _ in range(3):
        recorder.undo()
        assert reds() == before
        recorder.redo()
        assert reds() == before + 1
