"""Every message `boardtui import` prints, on success and on every kind of problem, is checked:
no Python `None`, no internal field names, no traceback, nothing from the file raw. Each case
also proves its message was reached, so a new problem path with a bad message shows up here."""

from __future__ import annotations

from pathlib import Path

import duckdb
import openpyxl
import pytest
from conftest import run_cli
from importhelp import check_said, run_import

TRACKERS = Path(__file__).parent / "trackers"
GOOD_HEADER = "Ref,Area,Plan,Action,Lead officer,Organisation,Target date,RAG,Progress update"


def two_plans_in_force(pack: Path) -> Path:
    con = duckdb.connect(str(pack))
    con.execute("UPDATE action SET status = 'open', closed_date = NULL WHERE id = 'APP-09.4'")
    con.close()
    return pack


def fresh_pack(folder: Path) -> Path:
    spec = folder / "areas.toml"
    spec.write_text('[[weakness]]\ncode = "A1"\nshort_name = "Waits"\ntitle = "Long waits"\ntheme = "Health"\n')
    pack = folder / "fresh.duckdb"
    assert run_cli("init", str(pack), "--weaknesses", str(spec)).returncode == 0
    return pack


def formula_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Ref", "Action", "RAG"])
    ws.append(["IP25-09.2", "Quality of annual review amendments", '=IF(1=1,"Green","Red")'])
    book.save(path)
    return path


# (name, files to write {name: text}, arguments after the pack, pack setup, fragments the output must hold)
CASES = [
    ("missing file", {}, ["nowhere.csv"], None, ["nowhere.csv does not exist; give the path of the tracker"]),
    ("csv with a sheet", {"t.csv": GOOD_HEADER}, ["t.csv", "--sheet", "x"], None, ["has no sheets; leave out --sheet"]),
    ("old excel", {"t.xls": "x"}, ["t.xls"], None, ["old-style Excel file (.xls); save it as .xlsx or CSV"]),
    ("other format", {"t.ods": "x"}, ["t.ods"], None, ["only .csv and .xlsx trackers can be imported"]),
    ("damaged workbook", {"t.xlsx": "not a zip"}, ["t.xlsx"], None, ["could not be read as an Excel workbook"]),
    (
        "mapping key",
        {"t.csv": GOOD_HEADER, "m.toml": 'meetng = "2025-11-20"\n'},
        ["t.csv", "--mapping", "m.toml"],
        None,
        ["'meetng' is not a mapping file key; did you mean 'meeting'?"],
    ),
    (
        "mapping kind",
        {"t.csv": GOOD_HEADER, "m.toml": 'kind = "rating"\n'},
        ["t.csv", "--mapping", "m.toml"],
        None,
        ["kind = 'rating' is not one of actions, ratings, minutes, measures"],
    ),
    (
        "mapping header row",
        {"t.csv": GOOD_HEADER, "m.toml": 'header_row = "three"\n'},
        ["t.csv", "--mapping", "m.toml"],
        None,
        ["header_row = three is not a row number"],
    ),
    (
        "mapping meeting",
        {"t.csv": GOOD_HEADER, "m.toml": 'meeting = "31/02/2025"\n'},
        ["t.csv", "--mapping", "m.toml"],
        None,
        ["meeting = '31/02/2025' is not a real date"],
    ),
    (
        "mapping field",
        {"t.csv": GOOD_HEADER, "m.toml": '[columns]\n"Lead officer" = "action_leed"\n'},
        ["t.csv", "--mapping", "m.toml"],
        None,
        [
            "[columns] 'Lead officer' names 'action_leed', which is not a field an import reads; did you mean "
            "'action lead'?"
        ],
    ),
    (
        "mapping default",
        {"t.csv": GOOD_HEADER, "m.toml": '[defaults]\n"lead orgnisation" = "ICB"\n'},
        ["t.csv", "--mapping", "m.toml"],
        None,
        ["did you mean 'lead organisation'?"],
    ),
    (
        "mapping value",
        {"t.csv": GOOD_HEADER, "m.toml": '[values.status]\n"Paused" = "sleeping"\n'},
        ["t.csv", "--mapping", "m.toml"],
        None,
        ["[values.status] 'Paused' = 'sleeping': 'sleeping' is not open, complete, carried forward or withdrawn"],
    ),
    (
        "mapping values for no column",
        {
            "t.csv": GOOD_HEADER + "\nIP25-09.2,W09,IP25,T,Grace Lin,BCC,28/09/2026,G,x",
            "m.toml": '[values."RAG Sept"]\n"x" = "G"\n',
        },
        ["t.csv", "--mapping", "m.toml"],
        None,
        ["[values.'RAG Sept'] names no field and no column of"],
    ),
    (
        "two columns, one field",
        {"t.csv": "Ref,Lead,Lead officer,Action\nIP25-09.2,A,B,T"},
        ["t.csv"],
        None,
        ["columns 'Lead' (column B) and 'Lead officer' (column C) both read as the action lead; map one of them"],
    ),
    (
        "no header",
        {"t.csv": "Dear colleagues,\nplease find the tracker attached.\n"},
        ["t.csv"],
        None,
        ["no header row found in the first rows"],
    ),
    (
        "header row past the end",
        {"t.csv": GOOD_HEADER, "m.toml": "header_row = 40\n"},
        ["t.csv", "--mapping", "m.toml"],
        None,
        ["header_row = 40 is past the end of the sheet"],
    ),
    (
        "no id column",
        {"t.csv": "Action,Lead officer,Target date\nT,Grace Lin,28/09/2026"},
        ["t.csv"],
        None,
        ["no column for the action id"],
    ),
    (
        "every cell problem at once",
        {
            "t.csv": "\n".join(
                [
                    "Ref,Area,Plan,Action,Lead officer,Organisation,Target date,Status,RAG,RAG 20/11/2025,RAG Jun 2025,Progress",
                    ",W09,IP25,Key worker pilot,Grace Lin,BCC,28/09/2026,,G,,,",  # a data row, not a "Key" note
                    "IP25-09.2,W01,IP25,Quality,Grace Lin,BCC,31/13/2026,Sleeping,Purple,G,A,x",
                    "IP25-09.2,W09,IP25,Quality,Grace Lin,BCC,28/09/2026,,G,,,",
                    "IP25-09.3,W09,APP,Family feedback,Bev Collins,PCF,28/09/2026,,G,A,,",
                    "IP25-09.8,W02 Co-production,IP25,New,,BCC,28/09/2026,,G,,,",
                    "IP25-09.9,Nonsense area,XYZ,New,Ann,BCC,28/09/2026,,,,,",
                ]
            )
        },
        ["t.csv"],
        None,
        [
            "row 2, column 'Ref' (cell A2) is blank: every action row needs its action id, such as",
            "(cell B3): 'W01' is not IP25-09.2's weakness: it is under W09 (EHC plan quality) in the pack, and an "
            "import cannot move an action",
            "(cell G3): '31/13/2026' is not a real date in day/month/year form",
            "(cell H3): 'Sleeping' is not a status boardtui knows",
            "(cell I3): 'Purple' is not one of Blue (or Complete), Red, Amber, Green",
            "(cell A4): 'IP25-09.2' is not a new id: row 3 has 'IP25-09.2' too; give each action one row",
            "(cell C5): 'APP' is not IP25-09.3's plan: it is in IP25 in the pack",
            "(cell I5): 'G' is not the rating in column 'RAG 20/11/2025' for the same meeting (A)",
            "(cell B6): 'W02 Co-production' is not one weakness: W02 is Inter-agency working in the pack, but the "
            "name is W05's (Co-production)",
            "(cell E6) is blank: a new action needs its action lead; write the name of the officer who leads it",
            "(cell B7): 'Nonsense area' is not a weakness in the pack",
            "(cell C7): 'XYZ' is not a plan in the pack: write APP or IP25",
            "column 'RAG Jun 2025' (column K) is headed June 2025, and the pack has no board meeting that month",
        ],
    ),
    (
        "missing columns and no plan",
        {"t.csv": "Ref,Action\nNEW-1,Something new\nNEW-2,Something else"},
        ["t.csv"],
        two_plans_in_force,
        [
            "has no column for the weakness, which new actions need (rows 2–3): add a column headed 'Area of weakness'",
            "has no column for the action lead",
            "has no column for the target date",
            "has no plan column and names no plan in its file name or title, and the pack has plans APP (Accelerated "
            "Progress Plan) and IP25 (SEND & AP Improvement Plan 2025): import again with --plan CODE",
        ],
    ),
    (
        "a date with no meeting",
        {"t.csv": "Ref,19/11/2025\nIP25-09.2,Red"},
        ["t.csv"],
        None,
        [
            "the pack has no board meeting on 19 Nov 2025 (column '19/11/2025'; the nearest is M19 on 20 Nov 2025); "
            "correct the date to a meeting the pack has, or import again with --create-meetings"
        ],
    ),
    (
        "no meeting at all",
        {
            "t.csv": "Ref,Area,Action,Lead officer,Organisation,Target date,RAG,Status\n"
            "A-1,A1,Shorter waits,Ann,ICB,31/03/2026,Red,Complete"
        },
        ["t.csv"],
        "fresh",
        [
            "row 2 has ratings, which are dated at a board meeting, and the pack has none: create one with boardtui "
            "meeting new",
            "has no plan column and names no plan in its file name or title, and the pack has no plans yet",
        ],
    ),
    (
        "approved ratings",
        {},
        [str(TRACKERS / "approved-meeting.csv")],
        None,
        ["row 2 would add ratings to M18 (25 Sep 2025), whose minutes are approved"],
    ),
    (
        "approved minutes",
        {"m.csv": "Meeting date,Type,Minute\n25/09/2025,Decision,Fund the validation team"},
        ["m.csv"],
        None,
        ["row 2 would add minutes to M18 (25 Sep 2025), whose minutes are approved"],
    ),
    (
        "long ratings",
        {
            "r.csv": "Action ID,Meeting date,RAG\nNOPE-1,20/11/2025,Red\nIP25-09.2,,Red\nIP25-09.3,20/11/2025,\n"
            "IP25-09.4,20/11/2025,Red\nIP25-09.4,20 Nov 2025,Amber"
        },
        ["r.csv"],
        None,
        [
            "(cell A2): 'NOPE-1' is not an action in the pack: write the id of one of its actions",
            "(cell B3) is blank: write the date of the meeting the rating was given at",
            "(cell C4) is blank: write the rating: Blue, Red, Amber or Green",
            "(cell C6): 'Amber' is not the rating row 5 gives IP25-09.4 at M19 (20 Nov 2025) (R); give one rating per action "
            "and meeting",
        ],
    ),
    (
        "minutes",
        {
            "m.csv": "Meeting date,Type,Minute,Owner,Due,Confidential,Action ID\n"
            ",Decision,Text,,,no,\n20/11/2025,Aside,,,,maybe,NOPE-1\n20/11/2025,Action arising,Do it,,,no,"
        },
        ["m.csv"],
        None,
        [
            "(cell A2) is blank: write the date of the meeting",
            "(cell B3): 'Aside' is not a kind of minute: write note, decision or action arising",
            "(cell C3) is blank: write the minute's text",
            "(cell F3): 'maybe' is not yes or no: write yes or no",
            "(cell G3): 'NOPE-1' is not an action in the pack",
            "(cell D4) is blank: an action arising needs an owner",
            "(cell E4) is blank: an action arising needs a due date",
        ],
    ),
    (
        "measures",
        {"v.csv": "Measure,Period end,Value\nNOPE,31/10/2025,4\nND-WAIT,,4\nND-WAIT,31/10/2025,n/a"},
        ["v.csv"],
        None,
        [
            "(cell A2): 'NOPE' is not a measure in the pack: write",
            "(cell B3) is blank: write the date the period ends",
            "(cell C4): 'n/a' is not a number: write a number, such as 41.5",
        ],
    ),
    (
        "unknown plan option",
        {"t.csv": GOOD_HEADER},
        ["t.csv", "--plan", "XYZ"],
        None,
        ["--plan XYZ: the pack has no such plan; its plans are APP (Accelerated Progress Plan) and IP25"],
    ),
    (
        "unsaved formulas",
        {},
        ["formulas.xlsx"],
        None,
        ["column 'RAG' (column C, rows 2) holds formulas whose values were not saved with the workbook"],
    ),
]


@pytest.mark.parametrize("name, files, args, setup, expected", CASES, ids=[c[0] for c in CASES])
def test_every_problem_message_names_things_in_the_trackers_words(
    name, files, args, setup, expected, demo_pack, tmp_path
):
    pack = fresh_pack(tmp_path) if setup == "fresh" else setup(demo_pack) if setup else demo_pack
    for file, content in files.items():
        (tmp_path / file).write_text(content + "\n", encoding="utf-8")
    formula_workbook(tmp_path / "formulas.xlsx")
    paths = [
        str(tmp_path / a) if a.endswith((".csv", ".toml", ".xlsx", ".xls", ".ods")) and not a.startswith("/") else a
        for a in args
    ]
    result = run_import(pack, *paths)
    assert result.returncode == 2, result.stdout
    said = check_said(result)
    for fragment in expected:
        assert fragment in said, said
    for line in said.splitlines():
        assert line.startswith("boardtui: ")
