"""The rules that keep an import true to the board's record, through the real command line on a
copy of the demo pack: nothing into approved minutes, no meeting made up, closures and updates
dated at their meeting, officers' updates kept once, the plan chosen and said, and the file's
words shown as text."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import openpyxl
from conftest import pack_query as query
from importhelp import run_import

TRACKERS = Path(__file__).parent / "trackers"


def counts(pack) -> tuple:
    return query(
        pack,
        "SELECT (SELECT count(*) FROM action), (SELECT count(*) FROM rag_rating), "
        "(SELECT count(*) FROM officer_update), (SELECT count(*) FROM minute_item), "
        "(SELECT count(*) FROM meeting), (SELECT count(*) FROM audit_log)",
    )[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_minutes_for_a_meeting_whose_minutes_are_approved_are_refused_and_nothing_changes(demo_pack, tmp_path):
    minutes = write(
        tmp_path / "minutes.csv",
        "Meeting date,Type,Minute\n"
        "20/11/2025,Note,A note for the draft meeting\n"
        "25/09/2025,Decision,Fund the validation team\n",
    )
    before, hashed = counts(demo_pack), digest(demo_pack)
    result = run_import(demo_pack, minutes)
    assert result.returncode == 2
    assert result.stderr.splitlines()[0] == (
        f"boardtui: {minutes}: row 3 would add minutes to M18 (25 Sep 2025), whose minutes are approved, so nothing "
        "was imported; put them at a meeting whose minutes are draft (M19 on 20 Nov 2025: date them 20/11/2025), "
        "or make a change to the approved record as an amendment at a later meeting (E on its agenda)"
    )
    assert counts(demo_pack) == before and digest(demo_pack) == hashed


def test_a_mapping_meeting_that_is_approved_is_refused_for_every_kind_of_change(demo_pack, tmp_path):
    tracker = write(
        tmp_path / "t.csv",
        "Ref,Status,RAG,Target date,Progress update\n"
        "IP25-04.1,Complete,Blue,31/03/2026,Model agreed\n"
        "IP25-11.1,In progress,Amber,30/06/2026,Projects in 20 schools\n",
    )
    mapping = write(tmp_path / "m.toml", 'meeting = "2025-09-25"\n')
    before, hashed = counts(demo_pack), digest(demo_pack)
    result = run_import(demo_pack, tracker, "--mapping", mapping)
    assert result.returncode == 2
    assert (
        f"{tracker}: rows 2–3 would add closing actions, progress updates, ratings and revised targets to M18 "
        "(25 Sep 2025), whose minutes are approved"
    ) in result.stderr
    assert counts(demo_pack) == before and digest(demo_pack) == hashed


def test_a_date_with_no_board_meeting_creates_none_unless_asked(demo_pack, tmp_path):
    tracker = write(tmp_path / "t.csv", "Ref,RAG 19/11/2025\nIP25-09.2,Red\n")
    before = counts(demo_pack)
    refused = run_import(demo_pack, tracker)
    assert refused.returncode == 2 and "the nearest is M19 on 20 Nov 2025" in refused.stderr
    assert counts(demo_pack) == before
    dry = run_import(demo_pack, tracker, "--create-meetings", "--dry-run")
    assert "board meeting BM-2025-11-19 on 19 Nov 2025 to create, minutes draft" in dry.stdout
    assert counts(demo_pack) == before
    made = run_import(demo_pack, tracker, "--create-meetings")
    assert made.returncode == 0 and "board meeting BM-2025-11-19 on 19 Nov 2025 created, minutes draft" in made.stdout
    assert query(demo_pack, "SELECT kind, minutes_status, title FROM meeting WHERE id = 'BM-2025-11-19'") == [
        ("board", "draft", "Board meeting 19 Nov 2025 (created by import of t.csv)")
    ]
    assert (
        query(demo_pack, "SELECT who, why FROM audit_log WHERE table_name = 'meeting' AND row_key = 'BM-2025-11-19'")[
            0
        ][1]
        == "import t.csv"
    )


def test_the_dry_run_lists_each_action_and_the_meeting_its_ratings_go_to(demo_pack):
    before, hashed = counts(demo_pack), digest(demo_pack)
    out = run_import(demo_pack, TRACKERS / "excel-windows.csv", "--dry-run").stdout
    assert out.splitlines()[0] == f"dry run of {TRACKERS / 'excel-windows.csv'}, nothing written:"
    assert "  column 'RAG status' rates at M19 (20 Nov 2025), minutes draft: the latest board meeting" in out
    assert (
        "  IP25-05.1 (row 9): status complete (was open), closed 20 Nov 2025; rated B at M19 (20 Nov 2025); "
        "progress update by Bev Collins for M19 (20 Nov 2025)"
    ) in out
    assert "  IP25-04.2 (row 5): revised target date 31 Mar 2026 (was none); progress update by Sian Roberts" in out
    assert out.splitlines()[-1] == (
        "  1 action(s) to add, 3 to change; 2 rating(s) at M19 (20 Nov 2025); "
        "6 progress update(s); 0 minute item(s); 0 measure value(s); 0 meeting(s) to create"
    )
    assert counts(demo_pack) == before and digest(demo_pack) == hashed


def test_progress_is_kept_once_as_an_officers_update_and_a_new_text_is_a_new_update(demo_pack, tmp_path):
    tracker = write(tmp_path / "t.csv", "Ref,RAG,Progress update\nIP25-09.2,Green,Audit of amendments under way\n")
    assert run_import(demo_pack, tracker).returncode == 0
    pack_id = query(demo_pack, "SELECT pack_id FROM board")[0][0]
    uid = hashlib.sha256(
        "\x1f".join((pack_id, "IP25-09.2", "Audit of amendments under way", "M19")).encode()
    ).hexdigest()
    assert query(demo_pack, "SELECT uid, author, for_meeting, state, proposed_brag, source FROM officer_update") == [
        (uid, "Grace Lin", "M19", "submitted", "G", "import t.csv")
    ]  # the pack's action lead: no lead column
    assert query(demo_pack, "SELECT field, new_value, why FROM audit_log WHERE table_name = 'officer_update'") == [
        ("progress", "Audit of amendments under way", "import t.csv")
    ]
    before = counts(demo_pack)
    assert "nothing to add or change" in run_import(demo_pack, tracker).stdout
    assert counts(demo_pack) == before
    write(tracker, "Ref,RAG,Progress update\nIP25-09.2,Green,Audit complete: 85% within four weeks\n")
    assert run_import(demo_pack, tracker).returncode == 0
    assert query(demo_pack, "SELECT progress FROM officer_update ORDER BY id") == [
        ("Audit of amendments under way",),
        ("Audit complete: 85% within four weeks",),
    ]


def test_with_no_plan_column_the_plan_comes_from_the_option_the_name_or_the_one_in_force(demo_pack, tmp_path):
    con = duckdb.connect(str(demo_pack))
    con.execute("UPDATE action SET status = 'open', closed_date = NULL WHERE id = 'APP-09.4'")  # two plans in force
    con.close()
    rows = (
        "Ref,Area,Action,Lead officer,Organisation,Target date\n"
        "NEW-1,W09,Spot checks by SENCOs,Grace Lin,Birmingham City Council,31/03/2026\n"
    )
    plain = write(tmp_path / "tracker.csv", rows)
    refused = run_import(demo_pack, plain)
    assert refused.returncode == 2 and "import again with --plan CODE" in refused.stderr
    chosen = run_import(demo_pack, plain, "--plan", "ip25", "--dry-run")
    assert "new actions join plan IP25 (SEND & AP Improvement Plan 2025): named by --plan" in chosen.stdout
    named = write(tmp_path / "APP tracker.csv", rows)
    out = run_import(demo_pack, named).stdout
    assert "new actions join plan APP (Accelerated Progress Plan): named in the file's name" in out
    assert query(demo_pack, "SELECT plan FROM action WHERE id = 'NEW-1'") == [("APP",)]


def test_rag_words_mapped_for_every_rag_column_and_the_boards_own_words(demo_pack, tmp_path):
    tracker = write(
        tmp_path / "t.csv", "Ref,RAG 25/09/2025,RAG 20/11/2025\nIP25-09.2,Good,On track\nIP25-09.3,good,At risk\n"
    )
    mapping = write(tmp_path / "m.toml", '[values.RAG]\n"Good" = "Green"\n')
    out = run_import(demo_pack, tracker, "--mapping", mapping).stdout
    assert "IP25-09.3 (row 3): rated A at M19 (20 Nov 2025)" in out  # 'At risk': the demo's Amber
    assert "IP25-09.2" not in out  # Green at M18 and M19 already: nothing to add


def test_the_files_words_reach_the_terminal_as_text_on_one_line(demo_pack, tmp_path):
    hostile = "Notes\x1b]0;pwned\x07\x1b[2J\nsecond line\u009b31m"
    tracker = tmp_path / "t.csv"
    tracker.write_text(f'Ref,RAG,"{hostile}"\nIP25-09.2,Purple,x\n', encoding="utf-8")
    for args in (["--dry-run"], []):
        result = run_import(demo_pack, tracker, *args)  # run_import checks no control character is printed
        assert "'Notes second line' (column C)" in result.stderr
    fixed = write(tmp_path / "ok.csv", f'Ref,RAG,"{hostile}"\nIP25-09.2,Green,x\n')
    assert "'Notes second line' (column C)" in run_import(demo_pack, fixed, "--dry-run").stdout


def test_a_hidden_column_named_in_the_mapping_file_is_read(demo_pack, tmp_path):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Ref", "Action", "RAG", "Board RAG"])
    ws.append(["IP25-09.2", "Quality of annual review amendments", "Green", "Red"])
    ws.column_dimensions["D"].hidden = True
    path = tmp_path / "hidden.xlsx"
    book.save(path)
    assert "'Board RAG' (column D, hidden)" in run_import(demo_pack, path, "--dry-run").stdout
    mapping = write(tmp_path / "m.toml", '[columns]\n"RAG" = "ignore"\n"Board RAG" = "RAG"\n')
    out = run_import(demo_pack, path, "--mapping", mapping).stdout
    assert "IP25-09.2 (row 2): rated R at M19 (20 Nov 2025)" in out and "not imported" not in out


def test_semicolon_and_utf16_csv(demo_pack, tmp_path):
    semi = write(
        tmp_path / "semi.csv", "Ref;RAG;Progress update;Confidential\r\nIP25-09.2;Red;Audit slipping;no\r\n", "cp1252"
    )
    out = run_import(demo_pack, semi, "--dry-run").stdout
    assert "IP25-09.2 (row 2): rated R at M19" in out
    assert (
        "columns recognised but not used in a list of actions (map them under [columns] if they hold something "
        "else): 'Confidential' (column D, read as confidential)"
    ) in out
    wide = tmp_path / "unicode.txt"
    wide.write_bytes("Ref\tRAG\tProgress update\r\nIP25-09.2\tRed\tAudit – slipping\r\n".encode("utf-16"))
    out = run_import(demo_pack, wide).stdout
    assert "read as UTF-16" in out
    assert query(demo_pack, "SELECT progress FROM officer_update") == [("Audit – slipping",)]
    assert query(demo_pack, "SELECT brag FROM rag_rating WHERE action = 'IP25-09.2' AND source IS NOT NULL") == [("R",)]
