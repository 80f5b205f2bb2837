"""The tracker set in tests/trackers, shaped as councils and NHS bodies keep them, each imported
into a copy of the demo pack with no mapping file through the real command line: each imports,
or fails with messages that name the cell in the tracker's own words and say what to write."""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from pathlib import Path

import pytest
from conftest import pack_query as query
from importhelp import run_import
from trackers.make_workbooks import write_workbooks

TRACKERS = Path(__file__).parent / "trackers"


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory) -> dict[str, Path]:
    return write_workbooks(tmp_path_factory.mktemp("workbooks"))


def counts(pack) -> tuple:
    return query(
        pack,
        "SELECT (SELECT count(*) FROM action), (SELECT count(*) FROM rag_rating), "
        "(SELECT count(*) FROM officer_update), (SELECT count(*) FROM minute_item), "
        "(SELECT count(*) FROM meeting), (SELECT count(*) FROM measure_value), "
        "(SELECT count(*) FROM audit_log)",
    )[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def imports(pack, tracker, *args):
    result = run_import(pack, tracker, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def test_the_set_is_at_least_eight_trackers_each_described_in_the_readme(workbooks):
    names = sorted([p.name for p in TRACKERS.glob("*.csv")] + list(workbooks))
    assert len(names) >= 8
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    section = readme.split("## Importing a tracker", 1)[1].split("\n## ", 1)[0]
    assert [n for n in names if f"`{n}`" not in section] == []


def test_council_workbook_title_block_merged_headers_hidden_and_formula_columns(demo_pack, workbooks):
    out = imports(demo_pack, workbooks["council-workbook.xlsx"])
    # the first sheet is a cover page: the first sheet with a header row is read, and says so
    assert (
        "read sheet 'Actions', header in row 5 (the first sheet with a header row; --sheet NAME for another: "
        "'Cover', 'Lists' (hidden), 'Archive')" in out
    )
    assert "row 13 read as a note ('RAG key: Red = off track" in out  # the merged notes block
    assert "'Days overdue' (column L, formulas), 'Internal ref' (column M, hidden)" in out
    assert "new actions join plan IP25 (SEND & AP Improvement Plan 2025): named in the tracker's title" in out
    assert "status words read: 'In progress', 'On hold', 'Delayed', 'Overdue', 'Not started' as open" in out
    rows = dict(query(demo_pack, "SELECT id, weakness FROM action WHERE id IN ('IP25-09.6', 'IP25-09.4')"))
    assert rows == {"IP25-09.6": "W09", "IP25-09.4": "W09"}  # 'W09 EHC plan quality', 'W09 – …'
    revised = query(
        demo_pack, "SELECT target_date, revised_target_date, target_revised_on FROM action WHERE id = 'IP25-09.4'"
    )[0]
    assert revised == (date(2026, 2, 28), date(2026, 4, 30), date(2025, 11, 20))  # agreed at M19
    assert query(demo_pack, "SELECT status, closed_date FROM action WHERE id = 'IP25-08.1'") == [
        ("complete", date(2025, 11, 20))
    ]
    assert query(demo_pack, "SELECT plan, start_date FROM action WHERE id = 'IP25-09.6'") == [
        ("IP25", date(2025, 11, 20))
    ]
    again = imports(demo_pack, workbooks["council-workbook.xlsx"])
    assert "nothing to add or change" in again


def test_council_workbook_other_sheet_by_name_in_any_case(demo_pack, workbooks):
    out = imports(demo_pack, workbooks["council-workbook.xlsx"], "--sheet", "archive")
    assert "read sheet 'Archive', header in row 1" in out
    assert "nothing to add or change" in out  # its closed actions are closed in the pack too
    wrong = run_import(demo_pack, str(workbooks["council-workbook.xlsx"]), "--sheet", "archiv")
    assert wrong.returncode == 2
    assert (
        "has no sheet 'archiv'; its sheets are 'Cover', 'Actions', 'Lists', 'Archive'; did you mean "
        "'Archive'?" in wrong.stderr
    )


def test_excel_windows_csv_status_words_and_progress_kept_when_the_rag_is_unchanged(demo_pack):
    before = query(demo_pack, "SELECT brag FROM rag_rating WHERE action = 'IP25-04.2' AND meeting = 'M19'")
    out = imports(demo_pack, TRACKERS / "excel-windows.csv")
    assert "read as Windows-1252, header in row 4" in out
    assert "new actions join plan IP25 (SEND & AP Improvement Plan 2025): the only plan with open actions" in out
    assert "'Overdue', 'On hold', 'In progress', 'Not started' as open; 'Completed' as complete" in out
    # Red at M19 already: no new rating, but the officer's comment is kept as an update
    assert query(demo_pack, "SELECT brag FROM rag_rating WHERE action = 'IP25-04.2' AND meeting = 'M19'") == before
    assert query(
        demo_pack, "SELECT progress, author, for_meeting, state, source FROM officer_update WHERE action = 'IP25-04.2'"
    ) == [
        (
            "Procurement paused; new date agreed with the ICB, cost £1.2m",
            "Sian Roberts",
            "M19",
            "submitted",
            "import excel-windows.csv",
        )
    ]
    assert query(demo_pack, "SELECT progress FROM officer_update WHERE action = 'IP25-13.2'") == [
        ("Pathway group to be convened; café-style event with families planned",)
    ]
    # "Completed": closed at the meeting its rating belongs to, not on the day of the import
    assert query(demo_pack, "SELECT status, closed_date FROM action WHERE id = 'IP25-05.1'") == [
        ("complete", date(2025, 11, 20))
    ]
    assert query(demo_pack, "SELECT weakness, plan, senior_officer FROM action WHERE id = 'IP25-12.4'") == [
        ("W12", "IP25", "Steven Gale")
    ]


def test_google_sheets_csv_with_a_line_break_in_a_cell_and_risks_and_evidence(demo_pack):
    out = imports(demo_pack, TRACKERS / "google-sheets.csv")
    assert "IP25-10.5 (row 3): rated R at M19 (20 Nov 2025); progress update by Lucy Hart for M19" in out
    update = query(demo_pack, "SELECT progress, risks, evidence FROM officer_update WHERE action = 'IP25-10.1'")
    assert update == [
        (
            "Waiting list down 6% since September.\nTwo extra assessment clinics from January.",
            "Paediatrician vacancies; agency cover agreed to March",
            "ND dashboard November 2025",
        )
    ]
    assert query(demo_pack, "SELECT start_date, status FROM action WHERE id = 'IP25-10.6'") == [
        (date(2025, 12, 1), "open")
    ]


def test_history_csv_with_bom_and_month_headers_adds_only_the_new_meeting(demo_pack):
    m18 = query(demo_pack, "SELECT count(*) FROM rag_rating WHERE meeting = 'M18'")
    out = imports(demo_pack, TRACKERS / "history-utf8-bom.csv")
    assert "read as UTF-8 with BOM" in out
    assert "RAG columns by meeting: 'RAG Sept 25' at M18 (25 Sep 2025), 'RAG Nov 25' at M19 (20 Nov 2025)" in out
    assert query(demo_pack, "SELECT count(*) FROM rag_rating WHERE meeting = 'M18'") == m18  # already recorded
    assert query(demo_pack, "SELECT status, closed_date FROM action WHERE id = 'IP25-07.2'") == [
        ("complete", date(2025, 11, 20))
    ]  # "Complete" in the Nov column: Blue, closed at M19


def test_grouped_workbook_headings_give_the_weakness_and_close_actions(demo_pack, workbooks):
    out = imports(demo_pack, workbooks["grouped-by-weakness.xlsx"])
    assert "rows 2 (W05), 4 (W06), 6 (W13) read as weakness headings" in out
    assert "row 5 is hidden in the workbook and read as data" in out
    assert "'No longer required' as withdrawn" in out
    assert query(
        demo_pack, "SELECT id, status, closed_date FROM action WHERE id IN ('IP25-13.1', 'IP25-13.3') ORDER BY id"
    ) == [("IP25-13.1", "withdrawn", date(2025, 11, 20)), ("IP25-13.3", "carried forward", date(2025, 11, 20))]


def test_long_ratings_minutes_and_measures_from_the_set(demo_pack):
    imports(demo_pack, TRACKERS / "ratings-long.csv")
    assert query(
        demo_pack,
        "SELECT brag, rationale, source FROM rag_rating WHERE action = 'IP25-02.2' "
        "AND meeting = 'M19' ORDER BY recorded_at DESC, id DESC LIMIT 1",
    ) == [("G", "Education Board met twice; terms of reference agreed", "import ratings-long.csv")]
    assert query(demo_pack, "SELECT count(*) FROM officer_update WHERE source = 'import ratings-long.csv'") == [(3,)]
    imports(demo_pack, TRACKERS / "minutes-log.csv")
    assert query(
        demo_pack,
        "SELECT kind, weakness, owner, due_date, confidential FROM minute_item "
        "WHERE meeting = 'M19' AND item_order > 4 ORDER BY item_order",
    ) == [
        ("decision", "W04", None, None, False),
        ("action arising", "W12", "Rachel Boateng", date(2026, 1, 16), False),
        ("note", None, None, None, True),
    ]
    imports(demo_pack, TRACKERS / "measures-kpi.csv")
    assert query(
        demo_pack, "SELECT value FROM measure_value WHERE measure = 'EHCP-20WK' AND period_end = DATE '2025-10-31'"
    ) == [(52.5,)]


def test_approved_meeting_is_refused_whole_and_the_pack_is_untouched(demo_pack):
    before, hashed = counts(demo_pack), digest(demo_pack)
    result = run_import(demo_pack, str(TRACKERS / "approved-meeting.csv"))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (
        f"boardtui: {TRACKERS / 'approved-meeting.csv'}: row 2 would add ratings to M18 (25 Sep 2025), whose "
        "minutes are approved, so nothing was imported; put them at a meeting whose minutes are draft (M19 on "
        '20 Nov 2025: a column headed 20/11/2025, or meeting = "2025-11-20" in a mapping file), or make a change '
        "to the approved record as an amendment at a later meeting (E on its agenda)"
    )
    assert lines[-1].startswith("boardtui: 1 problem(s) in ")
    assert counts(demo_pack) == before and digest(demo_pack) == hashed
    assert not demo_pack.with_name(demo_pack.name + ".wal").exists()


def test_an_officers_own_words_fail_with_every_cell_named_and_what_to_write(demo_pack):
    before, hashed = counts(demo_pack), digest(demo_pack)
    result = run_import(demo_pack, str(TRACKERS / "officer-own-words.csv"))
    assert result.returncode == 2
    where = f"boardtui: {TRACKERS / 'officer-own-words.csv'}, row"
    assert result.stderr.splitlines()[:6] == [
        f"{where} 2, column 'Area' (cell B2): 'EHC plan qualty' is not a weakness in the pack: write its code "
        "(W01 to W13) or its short name; did you mean W09 (EHC plan quality)?",
        f"{where} 2, column 'Target date' (cell F2): '03/31/2026' is not a day/month date; 03/31/2026 reads as "
        "month/day (US style): write 31/03/2026",
        f"{where} 2, column 'Status' (cell G2): 'Paused until January' is not a status boardtui knows: write open, "
        "complete, carried forward or withdrawn, or say how to read it under [values.status] in a mapping file",
        f"{where} 2, column 'RAG' (cell H2): 'Amber/Green' is not one rating of Blue, Red, Amber or Green; choose "
        "Amber or Green; or say how to read it under [values.RAG] in a mapping file",
        f"{where} 3, column 'RAG' (cell H3): 'TBC' is not one of Blue (or Complete), Red, Amber, Green, or B/R/A/G; "
        "or say how to read it under [values.RAG] in a mapping file",
        f"boardtui: {TRACKERS / 'officer-own-words.csv'} has no column for the action lead, which new actions "
        "need (row 2): add a column headed 'Lead officer', or give one for every row under [defaults] in a "
        'mapping file ("action lead" = "…")',
    ]
    # the unrecognised header that caused it is listed with the problems
    assert (
        "columns not imported (not recognised, or hidden; name them under [columns] in a mapping file): "
        "'Officer responsible for delivery' (column D)" in result.stderr
    )
    assert counts(demo_pack) == before and digest(demo_pack) == hashed


def test_a_mapping_file_maps_the_officers_columns_and_words(demo_pack, tmp_path):
    mapping = tmp_path / "officer.toml"
    mapping.write_text(
        '[columns]\n"Officer responsible for delivery" = "action lead"\n'
        '[values.status]\n"Paused until January" = "open"\n'
        '[values.RAG]\n"Amber/Green" = "Amber"\n"TBC" = ""\n'
        '[values.weakness]\n"EHC plan qualty" = "W09"\n'
        '[values."Target date"]\n"03/31/2026" = "31/03/2026"\n',
        encoding="utf-8",
    )
    out = imports(demo_pack, TRACKERS / "officer-own-words.csv", "--mapping", str(mapping))
    assert "IP25-09.5 (row 2): new action 'Plan quality spot checks by SENCOs' under W09 (EHC plan quality)" in out
    assert query(demo_pack, "SELECT action_lead, target_date, status FROM action WHERE id = 'IP25-09.5'") == [
        ("Grace Lin", date(2026, 3, 31), "open")
    ]
    assert query(demo_pack, "SELECT brag FROM rag_rating WHERE action = 'IP25-09.5'") == [("A",)]
    # "TBC" read as blank: no rating for IP25-09.2, but its update is kept
    assert query(demo_pack, "SELECT count(*) FROM rag_rating WHERE action = 'IP25-09.2' AND source IS NOT NULL") == [
        (0,)
    ]
    assert query(demo_pack, "SELECT progress FROM officer_update WHERE action = 'IP25-09.2'") == [
        ("Amendments audit planned for December",)
    ]


def test_imported_ratings_say_where_they_came_from_and_when_they_were_recorded(demo_pack, tmp_path):
    config = tmp_path / "boardtui.toml"
    config.write_text('user = "Priya Sandhu"\n', encoding="utf-8")
    start = datetime.now().replace(microsecond=0)
    imports(demo_pack, TRACKERS / "google-sheets.csv", "--config", str(config))
    end = datetime.now()
    rated = query(demo_pack, "SELECT rated_by, recorded_at, source FROM rag_rating WHERE source IS NOT NULL")
    assert len(rated) == 2
    for rated_by, recorded_at, source in rated:
        assert (rated_by, source) == ("Priya Sandhu", "import google-sheets.csv")
        assert start <= recorded_at <= end  # when it was recorded, not noon of the meeting date
    audit = query(demo_pack, "SELECT table_name, who, why FROM audit_log WHERE table_name = 'officer_update'")
    assert audit == [("officer_update", "Priya Sandhu", "import google-sheets.csv")] * 3
