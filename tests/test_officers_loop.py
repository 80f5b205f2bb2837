"""Issue 28, through the real command line: every pack its own id; a return exported from a pack
or folder the officer cannot write; one officer's second update for the same meeting replacing
the first in the meeting pack (both kept); conflict wording that says what happened; and
`returns due`, the secretary's list of who has sent an update since the last meeting."""

from __future__ import annotations

import csv
import io
import json
import os
from datetime import date
from pathlib import Path

import pytest
from conftest import pack_query, run_cli

from boardtui.store.db import open_store
from boardtui.store.recording import Recorder
from boardtui.store.returns import OfficerDesk
from boardtui.store.updates import UpdateText

GRACE, DANIEL = "Grace Lin", "Daniel Okafor"


def snapshot_of(pack: Path, folder: Path) -> Path:
    result = run_cli("export", str(pack), "--to", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def write_on(source: Path, who: str, *updates: UpdateText) -> list[str]:
    store = open_store(source)
    try:
        desk = OfficerDesk(store, who)
        return [desk.save(u).update.uid for u in updates]
    finally:
        store.close()


def send(source: Path, to: Path, who: str, *extra: str):
    return run_cli("returns", "export", str(source), "--to", str(to), "--author", who, *extra)


def one_sentence(result) -> str:
    assert result.returncode == 2, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


# Every pack its own id ----------------------------------------------------------------------
def test_each_demo_and_init_pack_has_its_own_id_and_refuses_another_ones_return(tmp_path):
    packs = [tmp_path / "a.duckdb", tmp_path / "b.duckdb", tmp_path / "c.duckdb", tmp_path / "d.duckdb"]
    for command, pack in zip(("demo", "demo", "init", "init"), packs, strict=True):
        assert run_cli(command, str(pack)).returncode == 0
    ids = [pack_query(pack, "SELECT pack_id FROM board")[0][0] for pack in packs]
    assert len(set(ids)) == 4 and all(len(i) == 36 for i in ids)
    # The demo's data are otherwise the same: the same actions and ratings.
    assert pack_query(packs[0], "SELECT count(*), sum(hash(brag)) FROM rag_rating") == pack_query(
        packs[1], "SELECT count(*), sum(hash(brag)) FROM rag_rating"
    )

    write_on(packs[0], GRACE, UpdateText("IP25-09.2", "Written on the first demo pack"))
    assert send(packs[0], tmp_path / "grace.boardreturn", GRACE).returncode == 0
    refused = run_cli("returns", "import", str(packs[1]), str(tmp_path / "grace.boardreturn"))
    assert "was written on another board's pack" in one_sentence(refused)
    assert pack_query(packs[1], "SELECT count(*) FROM officer_update") == [(0,)]
    assert run_cli("returns", "import", str(packs[0]), str(tmp_path / "grace.boardreturn")).returncode == 0


# One officer, two updates for one meeting; two officers on one action -------------------------
def test_a_second_update_by_the_same_officer_replaces_the_first_and_every_label_says_what_happened(demo_pack, tmp_path):
    from boardtui.store.merge import conflict_labels
    from boardtui.store.views import BoardViews

    day = date.today().replace(day=1).replace(year=date.today().year + 1)
    assert run_cli("meeting", "new", str(demo_pack), "--date", day.isoformat(), "--yes").returncode == 0
    grace_snap = snapshot_of(demo_pack, tmp_path / "grace-snap")
    daniel_snap = snapshot_of(demo_pack, tmp_path / "daniel-snap")
    write_on(grace_snap, GRACE, UpdateText("IP25-09.4", "First word from Grace"))
    assert send(grace_snap, tmp_path / "grace-1.boardreturn", GRACE).returncode == 0
    write_on(daniel_snap, DANIEL, UpdateText("IP25-09.4", "Daniel on the same action"))
    assert send(daniel_snap, tmp_path / "daniel.boardreturn", DANIEL).returncode == 0

    # Imported in one run, neither update is said to have "no conflicts": each names the other.
    result = run_cli(
        "returns", "import", str(demo_pack), str(tmp_path / "grace-1.boardreturn"), str(tmp_path / "daniel.boardreturn")
    )
    assert result.returncode == 0, result.stderr
    assert "no conflicts" not in result.stdout
    assert (
        f"IP25-09.4 for M20 by {GRACE}: {DANIEL} also updated IP25-09.4 for M20 (return daniel.boardreturn)"
        in result.stdout
    )
    assert (
        f"IP25-09.4 for M20 by {DANIEL}: {GRACE} also updated IP25-09.4 for M20 (submitted, return "
        "grace-1.boardreturn" in result.stdout
    )

    # Grace's second thoughts for the same meeting: it replaces her first, which stays.
    write_on(grace_snap, GRACE, UpdateText("IP25-09.4", "Second word from Grace", proposed_brag="A"))
    assert send(grace_snap, tmp_path / "grace-2.boardreturn", GRACE).returncode == 0
    result = run_cli("returns", "import", str(demo_pack), str(tmp_path / "grace-2.boardreturn"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.startswith(
            f"  IP25-09.4 for M20 by {GRACE}: replaces {GRACE}'s earlier update on IP25-09.4 "
            "for M20 (submitted, return grace-1.boardreturn"
        )
        for line in lines
    ), lines
    assert (
        f"  IP25-09.4 for M20 by {GRACE} (already in the pack, return grace-1.boardreturn): replaced by "
        f"{GRACE}'s later update on IP25-09.4 for M20 (return grace-2.boardreturn), and this one stays in the "
        "history" in lines
    )
    assert (
        f"  IP25-09.4 for M20 by {DANIEL} (already in the pack, return daniel.boardreturn): {GRACE} also "
        "updated IP25-09.4 for M20 (return grace-2.boardreturn)" in lines
    )

    found = dict(pack_query(demo_pack, "SELECT progress, conflicts FROM officer_update"))
    assert conflict_labels(found["Daniel on the same action"]) == [f"also updated by {GRACE}"]
    assert conflict_labels(found["First word from Grace"]) == [
        f"also updated by {DANIEL}",
        "replaced by a later update by the same officer",
    ]
    assert conflict_labels(found["Second word from Grace"]) == [
        "replaces an earlier update by the same officer",
        f"also updated by {DANIEL}",
    ]

    # Both accepted: the meeting pack carries Grace's second update only; the action keeps both.
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        for (uid,) in store.con.execute("SELECT uid FROM officer_update").fetchall():
            recorder.accept_update(uid)
        views = BoardViews(store)
        history = [(u.progress, u.replaced_on is not None) for u in views.updates_of_action("IP25-09.4")]
        assert sorted(history) == [
            ("Daniel on the same action", False),
            ("First word from Grace", True),
            ("Second word from Grace", False),
        ]
    finally:
        store.close()
    out = tmp_path / "pack.md"
    assert run_cli("report", str(demo_pack), "--meeting", "M20", "--format", "md", "--out", str(out)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "Second word from Grace" in text and "Daniel on the same action" in text
    assert "First word from Grace" not in text


def test_two_updates_in_one_return_for_one_meeting_the_later_replaces_the_earlier(demo_pack, tmp_path):
    snap = snapshot_of(demo_pack, tmp_path / "snap")
    write_on(snap, GRACE, UpdateText("IP25-09.2", "Morning note"), UpdateText("IP25-09.2", "Afternoon note"))
    assert send(snap, tmp_path / "grace.boardreturn", GRACE).returncode == 0
    result = run_cli("returns", "import", str(demo_pack), str(tmp_path / "grace.boardreturn"))
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("  IP25-09.2")]
    assert len(lines) == 2 and "no conflicts" not in result.stdout
    assert lines[0].endswith(
        f"replaced by {GRACE}'s later update on IP25-09.2 for the next meeting (return "
        "grace.boardreturn), and this one stays in the history"
    )
    assert (
        f"replaces {GRACE}'s earlier update on IP25-09.2 for the next meeting (submitted, return "
        "grace.boardreturn" in lines[1]
    )


# A pack or folder the officer cannot write ----------------------------------------------------
WRITE_AS_THE_APP_DOES = """
import sys
from boardtui.store.db import open_store
from boardtui.store.returns import OfficerDesk
from boardtui.store.updates import UpdateText
store = open_store(sys.argv[1], copy_if_locked=True)  # as the app opens it: read-only, with a banner
desk = OfficerDesk(store, "Grace Lin")
print(store.read_only, desk.writes_to_pack)
print(desk.draft_path())  # what the update dialog names, before the first save
saved = desk.save(UpdateText("IP25-09.2", "Written where the pack cannot be"))
print(saved.path)
print(saved.sentence)
store.close()
"""


@pytest.mark.parametrize("what", ["file", "folder"])
def test_returns_export_reads_a_pack_the_officer_cannot_write_and_the_messages_name_real_places(
    demo_master, tmp_path, what
):
    import shlex
    import shutil
    import subprocess
    import sys

    from test_damaged_files import drop_root

    shared = tmp_path / "shared"
    shared.mkdir()
    pack = shared / "board.duckdb"
    shutil.copyfile(demo_master, pack)
    out = tmp_path / "out"
    out.mkdir()
    os.chmod(pack if what == "file" else shared, 0o444 if what == "file" else 0o555)
    try:
        before = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in shared.iterdir())
        wrote = subprocess.run(
            drop_root([sys.executable, "-c", WRITE_AS_THE_APP_DOES, str(pack)]),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert wrote.returncode == 0, wrote.stderr
        flags, named, saved_at, sentence = wrote.stdout.splitlines()
        assert flags == "True False"
        assert named == saved_at  # the dialog names the place the draft really goes
        fallback = Path(os.environ["XDG_DATA_HOME"]) / "boardtui" / "returns"
        if what == "file":
            assert Path(saved_at) == shared / "board.duckdb.grace-lin.draft-return"
        else:
            assert Path(saved_at).parent == fallback and "kept in your user data folder" in sentence

        result = subprocess.run(
            drop_root(
                [sys.executable, "-m", "boardtui", "returns", "export", str(pack), "--to", str(out), "--author", GRACE]
            ),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        assert f"1 update(s) by {GRACE}" in result.stdout
        [sent] = out.glob("*.boardreturn")
        assert (
            json.loads(sent.read_text(encoding="utf-8"))["content"]["updates"][0]["progress"]
            == "Written where the pack cannot be"
        )

        # The command the save message gives works as given (here with --all: the one above sent it).
        command = [*shlex.split(sentence.split("or run: ", 1)[1]), "--all"]
        again = subprocess.run(drop_root(command), capture_output=True, text=True, timeout=120)
        assert again.returncode == 0, again.stderr
        assert "wrote the return" in again.stdout
        after = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in shared.iterdir())
        if what == "folder":
            assert after == before  # nothing written into the folder the officer cannot write
    finally:
        os.chmod(shared, 0o755)
        os.chmod(pack, 0o644)
    assert pack_query(pack, "SELECT count(*) FROM officer_update") == [(0,)]


# Returns due, and an officer's own actions ----------------------------------------------------
def test_returns_due_groups_the_next_meetings_actions_by_lead_and_says_who_has_sent(demo_pack, tmp_path):
    from datetime import timedelta

    day = date.today() + timedelta(days=30)
    assert run_cli("meeting", "new", str(demo_pack), "--date", day.isoformat()).returncode == 0
    snap = snapshot_of(demo_pack, tmp_path / "snap")
    folder = demo_pack.parent / "returns"
    folder.mkdir()
    # Grace's return waits in the returns folder, not imported; Daniel's is imported.
    write_on(snap, GRACE, UpdateText("IP25-09.2", "Amendments audit finished"))
    assert send(snap, folder, GRACE).returncode == 0
    write_on(snap, DANIEL, *(UpdateText(a, f"Daniel on {a}") for a in ("IP25-03.2", "IP25-03.3", "IP25-07.2")))
    assert send(snap, tmp_path / "daniel.boardreturn", DANIEL).returncode == 0
    assert run_cli("returns", "import", str(demo_pack), str(tmp_path / "daniel.boardreturn")).returncode == 0

    result = run_cli("returns", "due", str(demo_pack))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Returns due for M20 ({day:%d %b %Y}): updates since M19 (20 Nov 2025)"
    assert lines[1] == (
        "30 open action(s) with 14 lead officer(s): 4 updated; 1 officer(s) have sent an update on "
        "every action, 1 on some, 12 on none"
    )
    text = result.stdout
    waiting, sent = text.split("\nSent:\n")
    assert f"  {GRACE}: 2 of 3 action(s) without an update" in waiting
    assert "    IP25-09.1 Workforce training on outcome writing: target 31 Oct 2025, OVERDUE, BRAG A" in waiting
    assert DANIEL not in waiting and "IP25-09.2" not in waiting
    assert f"  {GRACE}: 1 of 3" in sent and f"  {DANIEL}: 3 of 3" in sent
    assert f"    IP25-09.2: waiting to be imported by {GRACE} (written {date.today():%d %b %Y})" in sent
    assert f"    IP25-03.2: received by {DANIEL}" in sent

    as_csv = run_cli("returns", "due", str(demo_pack), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == 30
    grace = {r["action"]: r for r in rows if r["lead officer"] == GRACE}
    assert set(grace) == {"IP25-09.1", "IP25-09.2", "IP25-09.4"}
    assert (grace["IP25-09.2"]["update"], grace["IP25-09.2"]["sent"], grace["IP25-09.1"]["update"]) == (
        "waiting to be imported",
        "yes",
        "none",
    )

    as_md = run_cli("returns", "due", str(demo_pack), "--format", "md")
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(as_md.stdout)
    assert html.count("<tr>") == 31 and "<td>Grace Lin</td>" in html

    # A snapshot answers the same, and nothing was written anywhere.
    assert (
        run_cli("returns", "due", str(snapshot_of(demo_pack, tmp_path / "later")), "--folder", str(folder)).stdout
        == result.stdout
    )


def test_my_actions_are_every_action_the_officer_leads_or_oversees_with_where_each_update_is(demo_pack, tmp_path):
    from boardtui.store.officers import my_actions

    snap = snapshot_of(demo_pack, tmp_path / "snap")
    store = open_store(snap)
    try:
        desk = OfficerDesk(store, GRACE)
        desk.save(UpdateText("IP25-09.4", "Drafted on the train"))
        mine = my_actions(store, "  grace   LIN ", "M19", [u for u, _ in desk.unsent(include_sent=True)])
        assert mine.person == GRACE
        assert [(a["id"], a["role"], a["status"], a["brag"]) for a in mine.actions] == [
            ("IP25-09.1", "lead", "open", "A"),
            ("IP25-09.4", "lead", "open", "G"),
            ("IP25-09.2", "lead", "open", "G"),
            ("APP-09.1", "lead", "complete", "B"),
        ]
        states = {a["id"]: a["update"] and a["update"].state for a in mine.actions}
        assert states == {"IP25-09.1": None, "IP25-09.4": "drafted, not sent", "IP25-09.2": None, "APP-09.1": None}
        assert mine.summary() == (
            f"{GRACE}: 3 open action(s) (3 as lead), 1 overdue; updates for the next board "
            "meeting since M19 (20 Nov 2025): 0 sent, 1 not sent yet, 2 to write"
        )
        # A senior officer sees the actions they oversee, under any title or capitals.
        helena = my_actions(store, "helena marsh", "M19")
        assert len(helena.open) == 15 and all(a["role"] == "senior officer" for a in helena.open)
        nwosu = my_actions(store, "Amara Nwosu", "M19")
        assert nwosu.person == "Dr Amara Nwosu" and nwosu.actions
        nobody = my_actions(store, "root", "M19")
        assert nobody.actions == [] and "choose who you are (c)" in nobody.summary()
        assert any(p["person"] == GRACE and p["leads"] == 3 for p in nobody.people)
    finally:
        store.close()
    assert run_cli("returns", "export", str(snap), "--to", str(tmp_path), "--author", GRACE).returncode == 0
    store = open_store(snap)
    try:
        desk = OfficerDesk(store, GRACE)
        mine = my_actions(store, GRACE, "M19", [u for u, _ in desk.unsent(include_sent=True)])
        [sent] = [a["update"] for a in mine.actions if a["update"]]
        assert (sent.state, sent.sent) == ("sent", True) and sent.words(GRACE).startswith(f"sent {date.today():%d %b}")
    finally:
        store.close()
