"""An import obeys the Recorder's rule: an action the pack has closed (complete, withdrawn or
carried forward) is not rated at a meeting on or after its closing, unless the same row reopens
it. The refusal names the row and cell; nothing is written."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from conftest import pack_query as query
from importhelp import run_import

from boardtui.store.db import open_store
from boardtui.store.importer import import_file
from boardtui.store.recording import Recorder


def counts(pack) -> tuple:
    return query(
        pack,
        "SELECT (SELECT count(*) FROM action), (SELECT count(*) FROM rag_rating), "
        "(SELECT count(*) FROM meeting), (SELECT count(*) FROM audit_log), "
        "(SELECT list(status ORDER BY id) FROM action)",
    )[0]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(pack, file, **options):
    store = open_store(pack)
    try:
        _, problems = import_file(store, file, **options)
    finally:
        store.close()
    return [str(p) for p in problems]


def test_a_rating_for_a_closed_action_is_refused_naming_the_row_and_nothing_is_written(demo_pack, tmp_path):
    tracker = write(
        tmp_path / "t.csv",
        "Ref,Action,RAG\n"
        "IP25-09.2,Clear the backlog,Green\n"
        "APP-09.1,EHCP quality assurance framework,Red\n"
        "APP-09.4,Workforce training on outcome writing,Amber\n",
    )
    before, hashed = counts(demo_pack), hashlib.sha256(demo_pack.read_bytes()).hexdigest()
    result = run_import(demo_pack, tracker)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"boardtui: {tracker}, row 3, column 'RAG' (cell C3): 'Red' rates APP-09.1 at M19 "
        "(20 Nov 2025), but it was completed on 20 Jul 2023 and a closed action is not rated; leave "
        "the cell blank, or add a Status column saying Open on its row if the board has reopened it"
    )
    assert lines[1] == (
        f"boardtui: {tracker}, row 4, column 'RAG' (cell C4): 'Amber' rates APP-09.4 at M19 "
        "(20 Nov 2025), but it was carried forward on 1 Jul 2025 and a closed action is not rated; "
        "rate IP25-09.1, which carries its work, instead"
    )
    assert lines[-1].startswith(f"boardtui: 2 problem(s) in {tracker}; nothing was imported.")
    assert counts(demo_pack) == before
    assert hashlib.sha256(demo_pack.read_bytes()).hexdigest() == hashed


def test_a_row_that_reopens_the_action_may_rate_it(demo_pack, tmp_path):
    stays = write(tmp_path / "stays.csv", "Ref,Status,RAG\nAPP-09.1,Complete,Red\n")
    assert problems_of(demo_pack, stays) == [
        f"{stays}, row 2, column 'RAG' (cell C2): 'Red' rates APP-09.1 at M19 (20 Nov 2025), but it was "
        "completed on 20 Jul 2023 and a closed action is not rated; leave the cell blank, or write Open in the "
        "row's status column if the board has reopened it"
    ]
    reopens = write(tmp_path / "reopens.csv", "Ref,Status,RAG\nAPP-09.1,Open,Red\n")
    result = run_import(demo_pack, reopens)
    assert result.returncode == 0, result.stderr
    assert "APP-09.1 (row 2): status open (was complete); rated R at M19 (20 Nov 2025)" in result.stdout
    assert query(demo_pack, "SELECT status, closed_date FROM action WHERE id = 'APP-09.1'") == [("open", None)]
    assert query(
        demo_pack,
        "SELECT field, old_value, new_value FROM audit_log WHERE row_key = 'APP-09.1' "
        "AND why = 'import reopens.csv' ORDER BY field",
    ) == [("closed_date", "2023-07-20", None), ("status", "complete", "open")]


def test_long_ratings_of_a_closed_action_are_refused_from_its_closing_on(demo_pack, tmp_path):
    # IP25-09.3 closed at M19 (20 Nov 2025): a second rating at M19 is refused, the Blue it was
    # closed with is already there, and a meeting the day before (created) rates it as open then.
    store = open_store(demo_pack)
    try:
        Recorder(store, "Priya Sandhu").close_action("IP25-09.3", "M19", "Feedback report", None, "Delivered")
    finally:
        store.close()
    ratings = write(tmp_path / "r.csv", "Action ID,Meeting,RAG\nIP25-09.3,20/11/2025,Green\n")
    assert problems_of(demo_pack, ratings) == [
        f"{ratings}, row 2, column 'RAG' (cell C2): 'Green' rates IP25-09.3 at M19 (20 Nov 2025), but it was "
        "completed on 20 Nov 2025 and a closed action is not rated; leave the row out, or reopen the action first "
        "(a tracker row for it with the status Open) if the board has taken it up again"
    ]
    before = write(
        tmp_path / "before.csv", "Action ID,Meeting,RAG\nIP25-09.3,19/11/2025,Amber\nIP25-09.3,20/11/2025,Blue\n"
    )
    assert problems_of(demo_pack, before, create_meetings=True) == []
    assert query(
        demo_pack,
        "SELECT r.brag, m.date FROM rag_rating r JOIN meeting m ON m.id = r.meeting "
        "WHERE r.action = 'IP25-09.3' AND m.date >= DATE '2025-11-19' "
        "ORDER BY m.date, r.recorded_at, r.id",
    ) == [("A", date(2025, 11, 19)), ("G", date(2025, 11, 20)), ("B", date(2025, 11, 20))]
