"""Officers' updates and returns: written wherever the officer is (a writable pack through the
Recorder, else their draft return, durable against SIGKILL), sent as one checksummed return
file, merged by the secretary with the conflicts in words, decided (audited, undoable), and
shown on the agenda, in the meeting pack and in diff. Real packs, real snapshots, the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest
from conftest import build_from, edit_csv, run_cli

from boardtui.errors import BoardError, FieldError
from boardtui.store import changes
from boardtui.store.db import open_store
from boardtui.store.merge import import_returns, returns_folder, returns_waiting
from boardtui.store.recording import Recorder
from boardtui.store.returns import DraftReturn, OfficerDesk
from boardtui.store.updates import UpdateText
from boardtui.store.views import BoardViews

JANE = "Jane Officer"
PROGRESS = "Consultation with schools on the amendment audit closed; 41 of 45 schools replied."


def query(path: Path, text: str, *params) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(text, list(params)).fetchall()
    finally:
        con.close()


def config_for(folder: Path, user: str, **more: str) -> Path:
    path = folder / f"{user.split()[0].lower()}.toml"
    lines = [f'user = "{user}"'] + [f'{key} = "{value}"' for key, value in more.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot_of(pack: Path, folder: Path) -> Path:
    result = run_cli("export", str(pack), "--to", str(folder))
    assert result.returncode == 0, result.stderr
    return folder


def write_on(source: Path, who: str, *updates: UpdateText) -> list[str]:
    """Save updates through the officer's desk on a pack or snapshot; their uids."""
    store = open_store(source)
    try:
        desk = OfficerDesk(store, who)
        return [desk.save(u).update.uid for u in updates]
    finally:
        store.close()


def send(source: Path, to: Path, who: str = JANE, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("returns", "export", str(source), "--to", str(to), "--author", who, *extra)


def merge(pack: Path, *files: Path, config: Path | None = None) -> subprocess.CompletedProcess:
    return run_cli("returns", "import", str(pack), *map(str, files), *(["--config", str(config)] if config else []))


def one_sentence(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "None" not in result.stderr
    return result.stderr


def updates_in(pack: Path) -> list[tuple]:
    return query(pack, "SELECT action, author, state, progress, source FROM officer_update ORDER BY id")


# The "Must show" ----------------------------------------------------------------------
def test_an_update_written_on_a_snapshot_is_sent_and_merged_once(demo_pack, tmp_path):
    snap = snapshot_of(demo_pack, tmp_path / "snap")
    store = open_store(snap)
    try:
        desk = OfficerDesk(store, JANE)
        assert not desk.writes_to_pack
        saved = desk.save(UpdateText("IP25-09.2", PROGRESS, proposed_brag="amber", risks="Two SENCOs on leave"))
        assert saved.where == "draft" and saved.path == tmp_path / "snap.jane-officer.draft-return"
        assert str(saved.path) in saved.sentence and "boardtui returns export" in saved.sentence
        # The officer sees it on the action at once, though the snapshot itself cannot change.
        [mine] = desk.updates_on("IP25-09.2")
        assert (mine.progress, mine.proposed_brag, mine.where, mine.sent_at) == (PROGRESS, "A", "draft", None)
    finally:
        store.close()

    config = config_for(tmp_path, JANE)
    result = run_cli("returns", "export", str(snap), "--to", str(tmp_path / "jane.return"), "--config", str(config))
    assert result.returncode == 0, result.stderr
    sent = tmp_path / "jane.return.boardreturn"
    assert f"wrote the return {sent}: 1 update(s) by {JANE}" in result.stdout
    document = json.loads(sent.read_text(encoding="utf-8"))
    content = document["content"]
    assert content["author"] == JANE and content["source"]["kind"] == "snapshot"
    manifest = json.loads((snap / "_manifest.json").read_text(encoding="utf-8"))
    assert content["source"]["snapshot_id"] == manifest["snapshot_id"]
    assert content["source"]["exported_at"] == manifest["exported_at"]
    [update] = content["updates"]
    assert update["base"]["action"] == {
        "id": "IP25-09.2",
        "brag": "G",
        "rated_at": "M19",
        "rated_on": "2025-11-20",
        "target_date": "2026-09-28",
        "revised_target_date": None,
        "target_revised_on": None,
        "status": "open",
        "closed_date": None,
        "carried_forward_to": None,
    }
    # Sent: the draft says so, and the next export has nothing to send.
    again = send(snap, tmp_path / "again.boardreturn")
    assert "Jane Officer has no updates on" in one_sentence(again)

    before = query(demo_pack, "SELECT count(*) FROM rag_rating")
    result = merge(demo_pack, sent, config=config_for(tmp_path, "Priya Sandhu"))
    assert result.returncode == 0, result.stderr
    assert "1 update(s) submitted, 0 already in the pack" in result.stdout
    assert updates_in(demo_pack) == [("IP25-09.2", JANE, "submitted", PROGRESS, "return jane.return.boardreturn")]
    assert query(demo_pack, "SELECT count(*) FROM rag_rating") == before  # the board's record is unchanged
    assert query(demo_pack, "SELECT who, field, new_value, why FROM audit_log WHERE table_name = 'officer_update'") == [
        ("Priya Sandhu", "progress", PROGRESS, f"return jane.return.boardreturn from {JANE}")
    ]

    result = merge(demo_pack, sent)
    assert result.returncode == 0 and "0 update(s) submitted, 1 already in the pack" in result.stdout
    assert len(updates_in(demo_pack)) == 1
    # Named as it was given to --to (the export added the ending): the same return.
    result = merge(demo_pack, tmp_path / "jane.return")
    assert result.returncode == 0 and "0 update(s) submitted, 1 already in the pack" in result.stdout


def test_a_return_on_an_older_snapshot_names_what_changed_since_and_stays_submitted(demo_pack, tmp_path):
    snap = snapshot_of(demo_pack, tmp_path / "snap")
    write_on(snap, JANE, UpdateText("IP25-09.2", PROGRESS, proposed_brag="G"))
    assert send(snap, tmp_path / "jane.boardreturn").returncode == 0

    day = date.today() + timedelta(days=9)
    assert run_cli("meeting", "new", str(demo_pack), "--date", day.isoformat()).returncode == 0
    tracker = tmp_path / "ratings.csv"
    tracker.write_text(f"Action ID,Meeting date,RAG\nIP25-09.2,{day.isoformat()},R\n", encoding="utf-8")
    imported = run_cli("import", str(demo_pack), str(tracker))
    assert imported.returncode == 0, imported.stderr

    result = merge(demo_pack, tmp_path / "jane.boardreturn")
    assert result.returncode == 0, result.stderr
    exported = json.loads((snap / "_manifest.json").read_text(encoding="utf-8"))["exported_at"]
    said = (
        f"IP25-09.2 was rated R at M20 ({day:%d %b %Y}) since the officer's snapshot of "
        f"{date.fromisoformat(exported[:10]):%d %b %Y}, which showed G at M19"
    )
    assert f"IP25-09.2 for M20 by {JANE}: {said}" in result.stdout
    assert query(demo_pack, "SELECT state, for_meeting, conflicts FROM officer_update WHERE author = ?", JANE) == [
        ("submitted", "M20", said)
    ]
    assert query(demo_pack, "SELECT brag FROM rag_rating WHERE action = 'IP25-09.2' AND meeting = 'M20'") == [("R",)]


def another_boards_pack(data_copy: Path, tmp_path: Path) -> Path:
    board = data_copy / "board.toml"
    text = board.read_text(encoding="utf-8")  # built from the same files, it has an id of its own
    board.write_text(
        text.replace('name = "SEND & AP Improvement Board"', 'name = "Northshire SEND Board"'), encoding="utf-8"
    )
    return build_from(data_copy, tmp_path / "northshire.duckdb")


def same_board_as(pack: Path, data_copy: Path) -> None:
    """Pin the id of ``pack`` in a copy of data/, so a pack built from it is the same board's."""
    [(pack_id,)] = query(pack, "SELECT pack_id FROM board")
    board = data_copy / "board.toml"
    text = board.read_text(encoding="utf-8")
    board.write_text(
        text.replace("illustrative = true\n", f'illustrative = true\npack_id = "{pack_id}"\n', 1), encoding="utf-8"
    )


def test_a_return_from_another_boards_pack_is_refused_in_one_sentence(demo_pack, data_copy, tmp_path):
    other = another_boards_pack(data_copy, tmp_path)
    write_on(other, JANE, UpdateText("IP25-09.2", PROGRESS))
    assert send(other, tmp_path / "northshire.boardreturn").returncode == 0
    result = merge(demo_pack, tmp_path / "northshire.boardreturn")
    stderr = one_sentence(result)
    assert stderr.splitlines()[0] == (
        f"boardtui: {tmp_path / 'northshire.boardreturn'} was written on another board's pack (Northshire SEND Board), "
        "not this one (SEND & AP Improvement Board), so it was refused; import it into the pack it came from."
    )
    assert updates_in(demo_pack) == []


def test_a_tampered_or_broken_return_is_refused_and_nothing_is_imported(demo_pack, tmp_path):
    snap = snapshot_of(demo_pack, tmp_path / "snap")
    write_on(snap, JANE, UpdateText("IP25-09.2", PROGRESS))
    good = tmp_path / "good.boardreturn"
    assert send(snap, good).returncode == 0
    tampered = tmp_path / "tampered.boardreturn"
    tampered.write_text(good.read_text(encoding="utf-8").replace("41 of 45", "45 of 45"), encoding="utf-8")
    result = merge(demo_pack, good, tampered)
    assert (
        f"boardtui: {tampered} was changed after it was exported (its checksum does not match), so it was "
        f"refused; ask {JANE} to export the return again."
    ) in one_sentence(result)
    assert updates_in(demo_pack) == []  # the good one waits for a run without the bad one

    for name, body in (
        ("empty.boardreturn", b""),
        ("words.boardreturn", b"Dear secretary, see attached"),
        ("list.boardreturn", b"[1, 2]"),
        ("binary.boardreturn", b"\xff\xfe\x00\x01"),
    ):
        (tmp_path / name).write_bytes(body)
        stderr = one_sentence(merge(demo_pack, tmp_path / name))
        assert f"{tmp_path / name} is not a return boardtui can read" in stderr
    assert "does not exist" in one_sentence(merge(demo_pack, tmp_path / "missing.boardreturn"))
    assert merge(demo_pack, good).returncode == 0 and len(updates_in(demo_pack)) == 1


def test_accept_and_decline_are_audited_and_undoable(demo_pack):
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        first = changes.WriteUpdate("IP25-09.2", PROGRESS, proposed_brag="A").apply(recorder)
        uid = first.undo[0][1]["uid"]
        second = recorder.write_update("IP25-09.4", "Quality audit sample of 40 plans done").undo[0][1]["uid"]

        def state(u):
            return store.con.execute(
                "SELECT state, decided_by, decision_reason FROM officer_update WHERE uid = ?", [u]
            ).fetchall()[0]

        changes.AcceptUpdate(uid).apply(recorder)
        assert state(uid) == ("accepted", "Priya Sandhu", None)
        assert store.con.execute(
            "SELECT field, old_value, new_value, who FROM audit_log ORDER BY id DESC LIMIT 1"
        ).fetchall()[0] == ("state", "submitted", "accepted", "Priya Sandhu")
        with pytest.raises(FieldError, match="already accepted by Priya Sandhu"):
            recorder.decline_update(uid, "changed my mind")
        recorder.undo()
        assert state(uid) == ("submitted", None, None)
        assert store.con.execute("SELECT why FROM audit_log ORDER BY id DESC LIMIT 1").fetchall()[0] == (
            "undo: accepted by the secretary",
        )
        recorder.redo()
        assert state(uid) == ("accepted", "Priya Sandhu", None)

        with pytest.raises(FieldError) as err:
            changes.DeclineUpdate(second, "  ").apply(recorder)
        assert err.value.field == "reason"
        changes.DeclineUpdate(second, "Not this action's update: it belongs to IP25-09.2").apply(recorder)
        assert state(second) == ("declined", "Priya Sandhu", "Not this action's update: it belongs to IP25-09.2")
        recorder.undo()
        assert state(second) == ("submitted", None, None)
        recorder.undo()  # the acceptance (redone) goes too, then the second update itself
        recorder.undo()
        assert state(uid) == ("submitted", None, None)
        assert store.con.execute("SELECT count(*) FROM officer_update WHERE uid = ?", [second]).fetchall()[0] == (0,)
        with pytest.raises(FieldError, match="no update"):
            recorder.accept_update("no-such-uid")
    finally:
        store.close()


def test_an_accepted_update_shows_in_the_meeting_pack_and_quoted_without_names_in_the_public_update(
    demo_pack, tmp_path
):
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        accepted = recorder.write_update(
            "IP25-09.2",
            "Grace Lin met every SENCO; 41 of 45 schools replied.",
            for_meeting="M19",
            proposed_brag="A",
            risks="Two SENCOs on leave",
            impact="Plans amended within four weeks for 30 children",
            evidence="Audit log AR-2025-11",
        ).undo[0][1]["uid"]
        recorder.accept_update(accepted)
        waiting = recorder.write_update("IP25-09.4", "Still waiting text", for_meeting="M19").undo[0][1]["uid"]
        declined = recorder.write_update("IP25-09.2", "Declined text", for_meeting="M19").undo[0][1]["uid"]
        recorder.decline_update(declined, "Duplicate")
        assert waiting
    finally:
        store.close()
    pack, public = tmp_path / "pack.md", tmp_path / "public.html"
    assert run_cli("report", str(demo_pack), "--meeting", "M19", "--format", "md", "--out", str(pack)).returncode == 0
    text = pack.read_text(encoding="utf-8")
    section = text[text.index("#### Progress since last report") :]
    assert section.splitlines()[2] == (
        "- IP25-09.2 (Priya Sandhu, " + f"{date.today():%d %b %Y}" + ", proposed BRAG **A**): Grace Lin met every "
        "SENCO; 41 of 45 schools replied. Risks and mitigation: Two SENCOs on leave Impact: Plans amended within "
        "four weeks for 30 children Evidence: Audit log AR-2025-11"
    )
    assert "Still waiting text" not in text and "Declined text" not in text
    assert (
        run_cli(
            "report", str(demo_pack), "--meeting", "M19", "--format", "html", "--public", "--out", str(public)
        ).returncode
        == 0
    )
    html = public.read_text(encoding="utf-8")
    assert "Progress since the last report" in html
    assert "[name withheld] met every SENCO; 41 of 45 schools replied." in html
    assert "What it means for children and families: Plans amended within four weeks for 30 children" in html
    assert "Grace Lin" not in html and "Priya Sandhu" not in html and "Two SENCOs" not in html


# Durability ----------------------------------------------------------------------------------
KEEP_SAVING = """
import sys
from boardtui.store.db import open_store
from boardtui.store.returns import OfficerDesk
from boardtui.store.updates import UpdateText
desk = OfficerDesk(open_store(sys.argv[1]), "Jane Officer")
print("ready", flush=True)
n = 0
while True:
    n += 1
    saved = desk.save(UpdateText("IP25-09.2", f"progress note {n} " + "x" * 3000))
    print(saved.update.uid, flush=True)
"""


def test_every_confirmed_update_survives_sigkill_straight_after_it_is_saved(demo_master, tmp_path):
    snap = snapshot_of(demo_master, tmp_path / "snap")
    child = subprocess.Popen([sys.executable, "-c", KEEP_SAVING, str(snap)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    confirmed = [child.stdout.readline().strip() for _ in range(40)]
    child.send_signal(signal.SIGKILL)  # straight after the 40th confirmation, mid-way through the 41st
    child.wait()
    child.stdout.close()

    result = send(snap, tmp_path / "jane.boardreturn")
    assert result.returncode == 0, result.stderr
    sent = [
        u["uid"] for u in json.loads((tmp_path / "jane.boardreturn").read_text(encoding="utf-8"))["content"]["updates"]
    ]
    assert sent[:40] == confirmed and len(sent) in (40, 41)


def test_a_record_cut_off_by_a_crash_is_ignored_and_dropped_before_the_next_save(demo_master, tmp_path):
    snap = snapshot_of(demo_master, tmp_path / "snap")
    [first] = write_on(snap, JANE, UpdateText("IP25-09.2", PROGRESS))
    draft = tmp_path / "snap.jane-officer.draft-return"
    with draft.open("ab") as handle:
        handle.write(b'{"record":"update","uid":"half-writ')  # the laptop died here
    assert [r.get("uid") for r in DraftReturn(draft).records()] == [None, first]
    [second] = write_on(snap, JANE, UpdateText("IP25-09.4", "Audit sample done"))
    assert [json.loads(line).get("uid") for line in draft.read_text(encoding="utf-8").splitlines()] == [
        None,
        first,
        second,
    ]


def test_save_returns_only_after_the_draft_is_flushed_to_disk(demo_master, tmp_path, monkeypatch):
    snap = snapshot_of(demo_master, tmp_path / "snap")
    store = open_store(snap)
    synced = []
    real = os.fsync

    def spy(fd):
        synced.append(os.readlink(f"/proc/self/fd/{fd}"))  # the file (or folder) flushed
        real(fd)

    monkeypatch.setattr(os, "fsync", spy)
    try:
        saved = OfficerDesk(store, JANE).save(UpdateText("IP25-09.2", PROGRESS))
    finally:
        store.close()
    assert str(saved.path) in synced  # the file itself
    assert str(tmp_path) in synced  # and its folder, for the new file's name


def test_where_beside_cannot_be_written_the_draft_goes_to_the_user_data_folder_and_says_so(demo_master, tmp_path):
    snap = snapshot_of(demo_master, tmp_path / "snap")
    # The suite runs as root, for whom permissions do not stop a write: a folder where the draft
    # file would be stops it for anyone.
    (tmp_path / "snap.jane-officer.draft-return").mkdir()
    store = open_store(snap)
    try:
        desk = OfficerDesk(store, JANE)
        saved = desk.save(UpdateText("IP25-09.2", PROGRESS))
        assert saved.path == desk.fallback and desk.fallback.is_file()
        assert str(Path(os.environ["XDG_DATA_HOME"]) / "boardtui" / "returns") in str(saved.path)
        assert "kept in your user data folder" in saved.sentence and str(tmp_path) in saved.sentence
        assert [u.progress for u in desk.updates_on("IP25-09.2")] == [PROGRESS]
    finally:
        store.close()
    result = send(snap, tmp_path / "jane.boardreturn")
    assert result.returncode == 0 and "1 update(s)" in result.stdout


# Wherever the officer is ------------------------------------------------------------------
def test_on_a_pack_opened_read_only_or_held_by_another_program_updates_go_into_the_draft(demo_pack, holder_of):
    store = open_store(demo_pack, read_only=True)
    try:
        desk = OfficerDesk(store, JANE)
        saved = desk.save(UpdateText("IP25-09.2", "Written read-only"))
        assert saved.where == "draft" and saved.path == demo_pack.with_name("pack.duckdb.jane-officer.draft-return")
    finally:
        store.close()
    holder = holder_of(demo_pack)
    store = open_store(demo_pack, copy_if_locked=True)
    try:
        assert store.banner and store.read_only
        desk = OfficerDesk(store, JANE)
        desk.save(UpdateText("IP25-09.4", "Written while the secretary held the pack"))
        assert [u.action for u in desk.updates_on("IP25-09.4")] == ["IP25-09.4"]
        assert desk.draft_path() == demo_pack.with_name("pack.duckdb.jane-officer.draft-return")
        assert len(desk.unsent()) == 2
    finally:
        store.close()
    holder.kill()
    holder.wait()
    assert send(demo_pack, demo_pack.parent / "jane.boardreturn").returncode == 0


def test_on_a_writable_pack_the_update_goes_through_the_recorder_and_export_marks_it_sent(
    demo_pack, demo_master, tmp_path
):
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, JANE)
        written = []

        def write(request):  # the app passes its recording room's write
            written.append(request)
            return request.apply(recorder)

        desk = OfficerDesk(store, JANE, write=write)
        saved = desk.save(UpdateText("IP25-09.2", PROGRESS, for_meeting="M19"))
        assert saved.where == "pack" and saved.change is recorder.history[-1] and len(written) == 1
        assert saved.sentence == (
            "Saved in pack.duckdb: your update on IP25-09.2 for M19, submitted for the secretary to accept."
        )
        assert [u.where for u in desk.updates_on("IP25-09.2")] == ["pack"]
        base = json.loads(store.con.execute("SELECT base FROM officer_update").fetchall()[0][0])
        assert (base["kind"], base["path"], base["latest_meeting"], base["action"]["brag"]) == (
            "pack",
            str(demo_pack.resolve()),
            "M19",
            "G",
        )
        recorder.undo()
        assert desk.updates_on("IP25-09.2") == []
        recorder.redo()
        assert [u.uid for u in desk.updates_on("IP25-09.2")] == [saved.update.uid]  # the same update again
    finally:
        store.close()
    assert send(demo_pack, tmp_path / "first.boardreturn").returncode == 0
    sent_at = query(demo_pack, "SELECT sent_at FROM officer_update")[0][0]
    assert sent_at is not None
    assert query(demo_pack, "SELECT why FROM audit_log WHERE field = 'sent_at'") == [
        ("sent in return first.boardreturn",)
    ]
    assert "no updates" in one_sentence(send(demo_pack, tmp_path / "second.boardreturn"))
    again = send(demo_pack, tmp_path, JANE, "--all")  # a folder: the file is named after the officer and the time
    assert again.returncode == 0
    [named] = tmp_path.glob("jane-officer-*.boardreturn")
    assert "0 update(s) submitted, 1 already" in merge(demo_pack, named).stdout  # written there: already in it
    master = shutil.copy2(demo_master, tmp_path / "master.duckdb")
    assert "1 update(s) submitted, 0 already" in merge(master, named).stdout
    assert "0 update(s) submitted, 1 already" in merge(master, tmp_path / "first.boardreturn").stdout  # one uid


@pytest.mark.parametrize(
    "update, field_name, said",
    [
        (UpdateText("IP25-09.2", "   "), "progress", "required: what was done since the last report"),
        (UpdateText("IP25-99.9", PROGRESS), "action", "there is no action IP25-99.9 in this pack"),
        (UpdateText("IP25-09.2", PROGRESS, proposed_brag="Amber/Green"), "proposed BRAG", "choose Amber or Green"),
        (
            UpdateText("IP25-09.2", PROGRESS, for_meeting="M18"),
            "meeting",
            "the minutes of M18 (25 Sep 2025) are approved",
        ),
        (UpdateText("IP25-09.2", PROGRESS, for_meeting="I01"), "meeting", "there is no board meeting I01"),
    ],
)
def test_a_wrong_field_is_named_and_nothing_is_saved_in_the_pack_or_the_draft(
    demo_pack, tmp_path, update, field_name, said
):
    snap = snapshot_of(demo_pack, tmp_path / "snap")
    for source in (demo_pack, snap):
        store = open_store(source)
        try:
            with pytest.raises(FieldError) as err:
                OfficerDesk(store, JANE).save(update)
            assert err.value.field == field_name and said in err.value.message
        finally:
            store.close()
    assert updates_in(demo_pack) == [] and not list(tmp_path.glob("*.draft-return"))


# Merging: what changed, who else, what is unknown -------------------------------------------
def test_a_merge_names_a_revised_target_a_closure_a_second_author_and_an_action_this_pack_lacks(
    demo_pack, data_copy, tmp_path
):
    # The officer's own writable pack, built from the same board's files with one action more.
    def add_action(rows):
        extra = dict(rows[-1], id="IP25-09.9", title="Pilot of joint annual reviews", carried_forward_from="")
        rows.append(extra)

    edit_csv(data_copy / "actions.csv", add_action)
    same_board_as(demo_pack, data_copy)
    mine = build_from(data_copy, tmp_path / "mine.duckdb")
    write_on(
        mine,
        JANE,
        UpdateText("IP25-09.2", "Target under review"),
        UpdateText("IP25-09.4", "Nearly done"),
        UpdateText("IP25-09.9", "Pilot started in two schools"),
    )
    assert send(mine, tmp_path / "jane.boardreturn").returncode == 0
    snap = snapshot_of(demo_pack, tmp_path / "snap")
    write_on(snap, "Omar Hussain", UpdateText("IP25-09.4", "Omar's view of the same action"))
    assert send(snap, tmp_path / "omar.boardreturn", "Omar Hussain").returncode == 0

    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        recorder.revise_target("IP25-09.2", "2026-12-31", "Agreed at the board")
        recorder.close_action("IP25-09.4", "M19", "Audit report", "AR-1", "Delivered")
    finally:
        store.close()
    result = merge(demo_pack, tmp_path / "jane.boardreturn", tmp_path / "omar.boardreturn")
    assert result.returncode == 0, result.stderr
    found = dict(query(demo_pack, "SELECT action || ' ' || author, conflicts FROM officer_update"))
    today = f"{date.today():%d %b %Y}"
    assert found["IP25-09.2 Jane Officer"] == (
        f"IP25-09.2's target was revised to 31 Dec 2026 on {today} (after M19) since the officer's copy of the "
        "pack (as at M19), which showed 28 Sep 2026"
    )
    assert found["IP25-09.4 Jane Officer"].startswith(
        "IP25-09.4 was rated B at M19 (20 Nov 2025) since the officer's copy of the pack (as at M19), which showed "
        "G at M19; IP25-09.4 was closed as complete at M19 (20 Nov 2025) since the officer's copy of the pack "
        "(as at M19)"
    )
    assert found["IP25-09.9 Jane Officer"] == (
        "IP25-09.9 is not an action in this pack: the update is kept for "
        "the secretary to decide (accepting it needs the action)"
    )
    # Both officers' updates for the next meeting on IP25-09.4 name each other.
    assert (
        "Jane Officer also updated IP25-09.4 for the next meeting (submitted, return jane.boardreturn"
        in found["IP25-09.4 Omar Hussain"]
    )
    assert found["IP25-09.4 Jane Officer"].endswith(
        "Omar Hussain also updated IP25-09.4 for the next meeting (return omar.boardreturn)"
    )
    for line in (
        "IP25-09.9 for the next meeting by Jane Officer: IP25-09.9 is not an action in this pack",
        "IP25-09.4 for the next meeting by Omar Hussain: ",
    ):
        assert line in result.stdout
    store = open_store(demo_pack)
    try:
        with pytest.raises(FieldError, match=r"IP25-09.9 is not an action in this pack"):
            Recorder(store, "Priya Sandhu").accept_update(
                store.con.execute("SELECT uid FROM officer_update WHERE action = 'IP25-09.9'").fetchall()[0][0]
            )
    finally:
        store.close()


# Using them ----------------------------------------------------------------------------------
def test_the_views_give_an_actions_updates_an_agenda_items_and_those_waiting(demo_pack):
    store = open_store(demo_pack)
    views = BoardViews(store)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        ids = [
            recorder.write_update(action, text, for_meeting="M19", proposed_brag=brag).undo[0][1]["uid"]
            for action, text, brag in (
                ("IP25-09.2", "first", "A"),
                ("IP25-09.2", "second", "R"),
                ("IP25-09.4", "third", None),
                ("IP25-05.1", "other weakness", "G"),
            )
        ]
        recorder.accept_update(ids[0])
        recorder.decline_update(ids[2], "Wrong action")
        assert [(u.progress, u.state) for u in views.updates_of_action("IP25-09.2")] == [
            ("second", "submitted"),
            ("first", "accepted"),
        ]
        agenda = views.agenda_updates("M19", "W09")
        # One officer's second update for the same meeting replaces the first there (both kept).
        assert [(u.action, u.progress, u.state, u.proposed_brag, u.current_brag, u.replaces) for u in agenda] == [
            ("IP25-09.2", "second", "submitted", "R", "G", 1)
        ]
        assert [(u.progress, u.replaced_on is not None) for u in views.updates_of_action("IP25-09.2")] == [
            ("second", False),
            ("first", True),
        ]
        assert [u.progress for u in views.updates_waiting()] == ["other weakness", "second"]  # natural order
        assert [u.progress for u in views.progress_since("M19")] == ["first"]
        assert views.update(ids[1]).proposed_brag == "R"
        assert views.agenda_updates("M18", "W09") == []
    finally:
        views.close()


def test_diff_lists_updates_added_and_decided(demo_pack, tmp_path):
    before = snapshot_of(demo_pack, tmp_path / "before")
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        recorder.write_update("IP25-09.2", "Audit\x1b]0;owned\x07 done\nand shared")
        uid = recorder.write_update("IP25-09.4", "Second").undo[0][1]["uid"]
    finally:
        store.close()
    middle = snapshot_of(demo_pack, tmp_path / "middle")
    store = open_store(demo_pack)
    try:
        Recorder(store, "Priya Sandhu").decline_update(uid, "Duplicate")
    finally:
        store.close()
    result = run_cli("diff", str(before), str(middle))
    assert "Officers' updates added (2)" in result.stdout
    assert (
        "  IP25-09.2 for the next meeting by Priya Sandhu (submitted, written here): Audit done and shared"
        in result.stdout
    )
    result = run_cli("diff", str(middle), str(demo_pack))
    assert "Officers' updates decided (1)" in result.stdout
    assert (
        "  IP25-09.4 for the next meeting by Priya Sandhu: submitted → declined by Priya Sandhu: Duplicate"
        in result.stdout
    )


def test_the_returns_folder_lists_each_return_and_whether_it_is_imported(demo_pack, tmp_path):
    incoming = tmp_path / "shared" / "incoming"
    incoming.mkdir(parents=True)
    config = config_for(tmp_path / "shared", "Priya Sandhu", returns="incoming")
    snap = snapshot_of(demo_pack, tmp_path / "snap")
    write_on(snap, JANE, UpdateText("IP25-09.2", PROGRESS))
    assert send(snap, incoming / "jane.boardreturn").returncode == 0
    (incoming / "note.boardreturn").write_text("not a return", encoding="utf-8")
    (incoming / "readme.txt").write_text("returns go here", encoding="utf-8")

    from boardtui.config import load_config

    assert load_config(str(config)).returns == incoming
    assert returns_folder(None, demo_pack) == demo_pack.parent / "returns"
    result = run_cli("returns", "list", str(demo_pack), "--config", str(config))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"{incoming}: 2 return(s), 1 waiting to be imported"
    assert "  jane.boardreturn from Jane Officer" in result.stdout and "waiting: 1 of 1 update(s)" in result.stdout
    assert "  note.boardreturn: cannot be imported:" in result.stdout

    store = open_store(demo_pack)
    try:
        [merged] = import_returns(store, [incoming / "jane.boardreturn"], "Priya Sandhu")
        assert len(merged.added) == 1
        found = {r.path.name: r for r in returns_waiting(store, incoming)}
        assert found["jane.boardreturn"].imported and found["jane.boardreturn"].author == JANE
        assert found["note.boardreturn"].problem and not found["note.boardreturn"].imported
        assert returns_waiting(store, tmp_path / "nowhere") == []
        with pytest.raises(BoardError, match="not a return boardtui can read"):
            import_returns(store, [incoming / "note.boardreturn"], "Priya Sandhu")
    finally:
        store.close()


def test_an_update_written_on_another_boards_pack_is_refused_though_the_return_says_this_pack(demo_pack, tmp_path):
    # A draft kept beside a snapshot that was replaced by another board's: the return names this
    # pack, one update's base another. Written with the real checksum, so only the ids differ.
    from boardtui.store.returns import checksum

    snap = snapshot_of(demo_pack, tmp_path / "snap")
    write_on(snap, JANE, UpdateText("IP25-09.2", PROGRESS), UpdateText("IP25-09.4", "Second"))
    good = tmp_path / "good.boardreturn"
    assert send(snap, good).returncode == 0
    document = json.loads(good.read_text(encoding="utf-8"))
    document["content"]["updates"][1]["base"]["pack_id"] = "another-board"
    document["sha256"] = checksum(document["content"])
    mixed = tmp_path / "mixed.boardreturn"
    mixed.write_text(json.dumps(document), encoding="utf-8")
    assert "was written on another board's pack" in one_sentence(merge(demo_pack, mixed))
    assert updates_in(demo_pack) == []


def test_sending_from_a_snapshot_that_is_gone_says_where_the_draft_is(demo_master, tmp_path):
    snap = snapshot_of(demo_master, tmp_path / "snap")
    write_on(snap, JANE, UpdateText("IP25-09.2", PROGRESS))
    shutil.rmtree(snap)
    stderr = one_sentence(send(snap, tmp_path / "jane.boardreturn"))
    assert f"{snap} does not exist; your draft return {tmp_path / 'snap.jane-officer.draft-return'} is kept" in stderr
