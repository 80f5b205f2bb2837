"""Importing trackers: real CSV (Windows-1252, BOM) and .xlsx files written here, every problem
named at once, all or nothing, idempotent re-import, and the dry run."""

from __future__ import annotations

from datetime import datetime

import duckdb
import openpyxl
import pytest
from conftest import pack_query as query
from conftest import run_cli

AREAS = """
[[weakness]]
code = "A1"
short_name = "Waiting times"
title = "Children wait too long for assessment"
theme = "Health"
[[weakness]]
code = "A2"
short_name = "Co-production"
title = "Families are not involved enough"
theme = "Families"
"""
HEADER = "Ref,Area,Plan,Action,Action owner,Organisation,Target date,Revised target date,Update,14/03/2024,16/05/2024,18/07/2024"
ROWS = [
    "IP-1.1,A1,IP,Recruit two paediatricians – café meeting,Zoë Brontë,NHS Birmingham,31/03/2025,,On plan,Red,amber, GREEN ",
    "IP-1.2,A1,IP,Waiting list validation,Lucy Hart,NHS Birmingham,31-Jan-2025,30 June 2025,Slipped,A,A,R",
    "IP-2.1,A2,IP,Co-production charter,Bev Collins,Parent Carer Forum,2024-09-30,,Done,G,Complete,",
]


@pytest.fixture
def pack(tmp_path):
    spec = tmp_path / "areas.toml"
    spec.write_text(AREAS)
    path = tmp_path / "board.duckdb"
    assert run_cli("init", str(path), "--weaknesses", str(spec)).returncode == 0
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO plan (code, title) VALUES ('IP', 'Improvement plan')")
    con.close()
    return path


def write_tracker(path, rows, *, encoding="cp1252", bom=False, notes=True):
    lines = ["Board tracker (exported)", "", HEADER, *rows[:1], ",,,,", *rows[1:]]  # a stray blank row
    if notes:
        lines += ["", "Notes: ratings agreed at each board."]
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def counts(pack):
    return query(
        pack,
        "SELECT (SELECT count(*) FROM action), (SELECT count(*) FROM rag_rating), "
        "(SELECT count(*) FROM meeting), (SELECT count(*) FROM audit_log)",
    )[0]


def test_windows_1252_tracker_with_uk_dates_and_wide_rag_history(pack, tmp_path):
    tracker = write_tracker(tmp_path / "tracker.csv", ROWS)
    result = run_cli("import", str(pack), str(tracker), "--create-meetings")
    assert result.returncode == 0, result.stderr
    assert "row 9 read as a note ('Notes: ratings agreed at each board.'), not data, and not imported" in result.stdout
    assert "read as Windows-1252, header in row 3" in result.stdout
    assert run_cli("check", str(pack)).returncode == 0
    actions = query(
        pack,
        "SELECT id, title, action_lead, target_date, revised_target_date, status, closed_date FROM action ORDER BY id",
    )
    assert actions[0][1:3] == ("Recruit two paediatricians – café meeting", "Zoë Brontë")
    assert str(actions[1][3]) == "2025-01-31" and str(actions[1][4]) == "2025-06-30"
    assert actions[2][5:] == ("complete", datetime(2024, 5, 16).date())
    ratings = query(
        pack,
        "SELECT action, m.date, brag, rationale FROM rag_rating r JOIN meeting m ON m.id = r.meeting "
        "ORDER BY action, m.date",
    )
    assert [(a, str(d), b) for a, d, b, _ in ratings if a == "IP-1.1"] == [
        ("IP-1.1", "2024-03-14", "R"),
        ("IP-1.1", "2024-05-16", "A"),
        ("IP-1.1", "2024-07-18", "G"),
    ]
    assert ratings[2][3] == "On plan"  # the update goes with the latest rating
    whys = {why for (why,) in query(pack, "SELECT DISTINCT why FROM audit_log")}
    assert whys == {"import tracker.csv"}


def test_utf8_with_bom_and_a_hostile_row_kept_exactly_less_control_characters(pack, tmp_path):
    hostile = ROWS[0].replace(
        "Recruit two paediatricians – café meeting", "[/] [@click=app.quit] \x1b]0;pwned\x07ok\x1b[2J"
    )
    tracker = write_tracker(tmp_path / "bom.csv", [hostile, *ROWS[1:]], encoding="utf-8", bom=True)
    assert run_cli("import", str(pack), str(tracker), "--create-meetings").returncode == 0
    assert query(pack, "SELECT title, action_lead FROM action WHERE id = 'IP-1.1'") == [
        ("[/] [@click=app.quit] ok", "Zoë Brontë")
    ]


def test_one_bad_cell_imports_nothing_and_names_row_and_column(pack, tmp_path):
    bad = [*ROWS[:1], ROWS[1].replace(",A,A,R", ",A,Amber/Green,R"), *ROWS[2:]]
    before = counts(pack)
    result = run_cli("import", str(pack), str(write_tracker(tmp_path / "bad.csv", bad)), "--create-meetings")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert "bad.csv, row 6, column '16/05/2024' (cell K6): 'Amber/Green' is not one rating" in lines[0]
    assert "choose Amber or Green" in lines[0]
    assert lines[-1].endswith(
        "1 problem(s) in " + str(tmp_path / "bad.csv") + "; nothing was imported. "
        "Fix the cells named above and import again."
    )
    assert counts(pack) == before


def test_every_problem_is_listed_at_once(pack, tmp_path):
    bad = [
        ROWS[0].replace("31/03/2025", "03/31/2025"),
        ROWS[1].replace("IP-1.2,A1", "IP-1.2,Z9"),
        ROWS[2].replace("G,Complete,", "G,TBC,"),
    ]
    result = run_cli("import", str(pack), str(write_tracker(tmp_path / "bad.csv", bad)), "--create-meetings")
    assert result.returncode == 2
    err = result.stderr
    assert (
        "row 4, column 'Target date' (cell G4): '03/31/2025' is not a day/month date; 03/31/2025 reads as "
        "month/day (US style): write 31/03/2025"
    ) in err
    assert (
        "row 6, column 'Area' (cell B6): 'Z9' is not a weakness in the pack: write its code (A1, A2) or its short name"
    ) in err
    assert "row 7, column '16/05/2024' (cell K7): 'TBC' is not one of Blue" in err
    assert "3 problem(s)" in err


def test_reimport_changes_nothing_and_an_update_is_audited(pack, tmp_path):
    tracker = write_tracker(tmp_path / "tracker.csv", ROWS)
    assert run_cli("import", str(pack), str(tracker), "--create-meetings").returncode == 0
    first = counts(pack)
    again = run_cli("import", str(pack), str(tracker))
    assert again.returncode == 0 and "nothing to add or change" in again.stdout
    assert counts(pack) == first
    updated = [ROWS[0].replace("31/03/2025", "30/09/2025").replace("Red,amber, GREEN ", "Red,amber,Amber"), *ROWS[1:]]
    result = run_cli("import", str(pack), str(write_tracker(tmp_path / "tracker-v2.csv", updated)))
    assert result.returncode == 0, result.stderr
    row = query(pack, "SELECT target_date, revised_target_date FROM action WHERE id = 'IP-1.1'")[0]
    assert (str(row[0]), str(row[1])) == ("2025-03-31", "2025-09-30")  # the original is kept
    audit = query(
        pack,
        "SELECT row_key, field, old_value, new_value FROM audit_log WHERE why = 'import tracker-v2.csv' ORDER BY id",
    )
    assert ("IP-1.1", "revised_target_date", None, "2025-09-30") in audit
    assert ("IP-1.1@BM-2024-07-18", "brag", None, "A") in audit


def test_dry_run_writes_nothing(pack, tmp_path):
    before = counts(pack)
    result = run_cli(
        "import", str(pack), str(write_tracker(tmp_path / "t.csv", ROWS)), "--dry-run", "--create-meetings"
    )
    assert result.returncode == 0 and result.stdout.startswith(f"dry run of {tmp_path / 't.csv'}, nothing written:")
    assert "3 action(s) to add" in result.stdout and "8 rating(s) at BM-2024-03-14" in result.stdout
    assert counts(pack) == before


def test_xlsx_with_merged_headers_excel_dates_and_a_hostile_row(pack, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "Tracker"
    ws.append(["SEND tracker"])
    ws.append(["ID", "Area", "Plan", "Action", "Lead", "Organisation", "Target date", None, "RAG", "Owner's notes"])
    ws.append([None, None, None, None, None, None, "Original", "Revised", None, None])
    ws.merge_cells("G2:H2")
    ws.append(
        [
            "IP-9.1",
            "A1",
            "IP",
            "[/] [@click=app.quit] ok",
            "Ann Lee",
            "ICB",
            datetime(2025, 3, 31),
            45900,
            "G",
            "kept aside",
        ]
    )
    ws.append(["IP-9.2", "A2", "IP", "Second", "Bo Day", "BCC", "28/02/2025", None, "Amber", None])
    path = tmp_path / "tracker.xlsx"
    book.save(path)
    mapping = tmp_path / "map.toml"
    mapping.write_text('meeting = "2025-04-01"\n')
    result = run_cli(
        "import", str(pack), str(path), "--sheet", "Tracker", "--mapping", str(mapping), "--create-meetings"
    )
    assert result.returncode == 0, result.stderr
    assert (
        "columns not imported (not recognised, or hidden; name them under [columns] in a mapping file): "
        "'Owner's notes' (column J)" in result.stdout
    )
    rows = query(pack, "SELECT id, title, target_date, revised_target_date FROM action ORDER BY id")
    assert rows[0][1] == "[/] [@click=app.quit] ok"
    assert str(rows[0][2]) == "2025-03-31" and str(rows[0][3]) == "2025-08-31"  # Excel serial 45900
    assert query(pack, "SELECT brag FROM rag_rating r JOIN action a ON a.id = r.action ORDER BY a.id") == [
        ("G",),
        ("A",),
    ]
    missing = run_cli("import", str(pack), str(path), "--sheet", "Nope")
    assert missing.returncode == 2 and "has no sheet 'Nope'; its sheets are 'Tracker'" in missing.stderr


def test_long_ratings_minutes_and_measure_values(pack, tmp_path):
    assert (
        run_cli("import", str(pack), str(write_tracker(tmp_path / "t.csv", ROWS)), "--create-meetings").returncode == 0
    )
    long = tmp_path / "ratings.csv"
    long.write_text("Action ID,Meeting date,RAG,Commentary\nIP-1.2,19/09/2024,Amber,Recovering\n", encoding="utf-8")
    assert run_cli("import", str(pack), str(long), "--create-meetings").returncode == 0
    assert query(
        pack,
        "SELECT brag, rationale FROM rag_rating r JOIN meeting m ON m.id = r.meeting "
        "WHERE action = 'IP-1.2' AND m.date = DATE '2024-09-19'",
    ) == [("Amber"[0], "Recovering")]
    minutes = tmp_path / "minutes.csv"
    minutes.write_text(
        "Meeting date,Type,Minute,Owner,Due,Confidential\n"
        "18/07/2024,Decision,Fund the validation team,,,no\n"
        "18/07/2024,Action arising,Report waits monthly,Lucy Hart,30/08/2024,yes\n",
        encoding="utf-8",
    )
    assert run_cli("import", str(pack), str(minutes)).returncode == 0
    assert query(pack, "SELECT kind, owner, confidential FROM minute_item ORDER BY item_order") == [
        ("decision", None, False),
        ("action arising", "Lucy Hart", True),
    ]
    con = duckdb.connect(str(pack))
    con.execute("INSERT INTO measure VALUES ('WAIT', 'A1', 'Average wait', 'weeks', true, NULL)")
    con.close()
    values = tmp_path / "values.csv"
    values.write_text('Measure,Period end,Value\nWAIT,31/03/2024,48\nWAIT,30/09/2024,"41.5"\n', encoding="utf-8")
    assert run_cli("import", str(pack), str(values)).returncode == 0
    assert query(pack, "SELECT value FROM measure_value ORDER BY period_end") == [(48.0,), (41.5,)]
    assert "nothing to add or change" in run_cli("import", str(pack), str(values)).stdout
