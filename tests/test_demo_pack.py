"""The demo pack agrees with the source documents and tells a complete story."""

from __future__ import annotations

import datetime as dt
import hashlib

import duckdb
import pytest

from boardtui.cli import write_demo

D = dt.date


@pytest.fixture(scope="module")
def con(demo_master):
    con = duckdb.connect(str(demo_master), read_only=True)
    yield con
    con.close()


def q(con, sql, *params):
    return con.execute(sql, list(params)).fetchall()


def test_thirteen_weaknesses_in_order(con):
    codes = [r[0] for r in q(con, "SELECT code FROM weakness ORDER BY display_order")]
    assert codes == [f"W{n:02d}" for n in range(1, 14)]


def test_revisit_found_joint_commissioning_sufficient_and_twelve_not(con):
    rows = q(
        con, "SELECT weakness, outcome FROM judgement WHERE date = DATE '2021-07-06' AND body = 'Ofsted/CQC revisit'"
    )
    outcomes = dict(rows)
    assert outcomes.pop("W04") == "sufficient"
    assert len(outcomes) == 12 and set(outcomes.values()) == {"not sufficient"}
    short = q(con, "SELECT short_name FROM weakness WHERE code = 'W04'")[0][0]
    assert short == "Joint commissioning"


def test_strategy_left_formal_monitoring_on_6_february_2024(con):
    rows = q(con, "SELECT weakness, outcome FROM judgement WHERE date = DATE '2024-02-06'")
    assert ("W01", "left formal monitoring") in rows
    assert sum(1 for _, o in rows if o == "remains under monitoring") == 11


def test_eleven_remain_at_the_thirty_month_review(con):
    rows = q(
        con,
        "SELECT DISTINCT weakness FROM judgement WHERE date BETWEEN DATE '2024-07-01' AND DATE '2024-07-31' AND outcome = 'remains under monitoring'",
    )
    assert len(rows) == 11
    assert "W01" not in {r[0] for r in rows} and "W04" not in {r[0] for r in rows}


def test_june_2025_inspection_gave_the_middle_outcome(con):
    rows = q(con, "SELECT body, outcome FROM judgement WHERE date BETWEEN DATE '2025-06-01' AND DATE '2025-06-30'")
    assert rows == [("Ofsted/CQC inspection", "middle of three outcomes")]


def test_written_statement_dates(con):
    assert (
        q(con, "SELECT count(*) FROM judgement WHERE date = DATE '2018-09-03' AND outcome = 'significant weakness'")[0][
            0
        ]
        == 13
    )
    assert q(con, "SELECT outcome FROM judgement WHERE date = DATE '2019-01-04'") == [("written statement accepted",)]


def test_at_least_80_illustrative_actions_and_4_per_weakness(con):
    assert q(con, "SELECT count(*) FROM action WHERE illustrative")[0][0] >= 80
    per = q(con, "SELECT w.code, count(a.id) FROM weakness w LEFT JOIN action a ON a.weakness = w.code GROUP BY ALL")
    assert min(n for _, n in per) >= 4


def test_open_app_actions_are_carried_into_the_2025_plan(con):
    carried = q(
        con,
        """
        SELECT a.id, n.id, a.weakness FROM action a JOIN action n ON n.carried_forward_from = a.id
        WHERE a.plan = 'APP'""",
    )
    assert len(carried) >= 10
    assert all(new.startswith("IP25-") for _, new, _ in carried)
    assert q(con, "SELECT count(*) FROM action WHERE plan = 'APP' AND status = 'open'")[0][0] == 0
    # Weaknesses out of monitoring have nothing carried forward.
    assert {w for _, _, w in carried}.isdisjoint({"W01", "W04"})


def test_board_meetings_autumn_2021_to_autumn_2025_latest_draft(con):
    rows = q(con, "SELECT id, date, minutes_status FROM meeting WHERE kind = 'board' ORDER BY date")
    assert len(rows) >= 16
    assert D(2021, 9, 1) <= rows[0][1] <= D(2021, 11, 30)
    assert D(2025, 9, 1) <= rows[-1][1] <= D(2025, 11, 30)
    assert rows[-1][2] == "draft"
    assert {status for _, _, status in rows[:-1]} == {"approved"}


def test_every_board_meeting_has_attendance_and_minutes(con):
    rows = q(
        con,
        """
        SELECT m.id,
               (SELECT count(*) FROM attendance t WHERE t.meeting = m.id AND t.present),
               (SELECT count(*) FROM attendance t WHERE t.meeting = m.id AND NOT t.present),
               (SELECT count(*) FROM minute_item i WHERE i.meeting = m.id)
        FROM meeting m WHERE kind = 'board'""",
    )
    assert all(present > 0 and items > 0 for _, present, _, items in rows)
    assert sum(apologies for _, _, apologies, _ in rows) > 0
    kinds = {r[0] for r in q(con, "SELECT DISTINCT kind FROM minute_item")}
    assert kinds == {"note", "decision", "action arising"}
    assert q(con, "SELECT count(*) FROM minute_item WHERE confidential")[0][0] >= 3


def test_every_open_action_is_rated_at_every_board_meeting(con):
    # Open at a meeting: started, not yet replaced, and not already Blue at an earlier meeting.
    missing = q(
        con,
        """
        WITH bm AS (SELECT id, date FROM meeting WHERE kind = 'board')
        SELECT a.id, bm.id FROM action a, bm
        WHERE a.start_date <= bm.date
          AND (a.status = 'open' OR a.closed_date >= bm.date)
          AND NOT EXISTS (SELECT 1 FROM rag_rating r JOIN meeting m ON m.id = r.meeting
                          WHERE r.action = a.id AND r.brag = 'B' AND m.date < bm.date)
          AND NOT EXISTS (SELECT 1 FROM rag_rating r WHERE r.action = a.id AND r.meeting = bm.id)""",
    )
    assert missing == []


def test_the_story_has_movement_slips_revisions_and_overdue(con):
    assert q(con, "SELECT count(DISTINCT brag) FROM rag_rating")[0][0] == 4
    assert q(con, "SELECT count(*) FROM action WHERE revised_target_date IS NOT NULL")[0][0] >= 5
    # Some actions slipped back (a worse rating after a better one).
    slipped = q(
        con,
        """
        SELECT count(DISTINCT action) FROM (
            SELECT action, brag, lag(brag) OVER (PARTITION BY action ORDER BY m.date) AS prev
            FROM rag_rating r JOIN meeting m ON m.id = r.meeting)
        WHERE (prev = 'G' AND brag IN ('A', 'R')) OR (prev = 'A' AND brag = 'R')""",
    )[0][0]
    assert slipped >= 5
    latest = q(con, "SELECT date FROM meeting WHERE kind = 'board' ORDER BY date DESC LIMIT 1")[0][0]
    overdue = q(
        con,
        "SELECT count(*) FROM action WHERE status = 'open' AND coalesce(revised_target_date, target_date) < ?",
        latest,
    )
    assert overdue[0][0] >= 2


def test_measures_and_nd_wait_from_48_weeks(con):
    assert (
        q(
            con,
            "SELECT count(*) FROM measure m WHERE (SELECT count(*) FROM measure_value v WHERE v.measure = m.code) >= 4",
        )[0][0]
        >= 5
    )
    first = q(con, "SELECT value FROM measure_value WHERE measure = 'ND-WAIT' ORDER BY period_end LIMIT 1")
    assert first == [(48.0,)]
    assert q(con, "SELECT lower_is_better, unit FROM measure WHERE code = 'ND-WAIT'") == [(True, "weeks")]


def test_board_brag_definitions(con):
    rows = q(con, "SELECT brag, meaning FROM rag_definition ORDER BY sort_order")
    assert sorted(b for b, _ in rows) == ["A", "B", "G", "R"]
    assert all(len(meaning) > 20 for _, meaning in rows)


def _table_hashes(path):
    con = duckdb.connect(str(path), read_only=True)
    tables = [
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE table_name <> 'schema_version' ORDER BY 1"
        ).fetchall()
    ]
    out = {}
    for table in tables:
        # Every demo pack is its own board: the same data under an id made when it is built.
        columns = "* EXCLUDE (pack_id)" if table == "board" else "*"
        rows = con.execute(f"SELECT {columns} FROM {table}").fetchall()
        out[table] = hashlib.sha256(repr(sorted(map(repr, rows))).encode()).hexdigest()
    con.close()
    return out


def test_demo_build_is_deterministic(demo_master, tmp_path):
    again = tmp_path / "again.duckdb"
    write_demo(again)
    assert _table_hashes(again) == _table_hashes(demo_master)
