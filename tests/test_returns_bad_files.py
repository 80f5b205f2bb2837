"""Returns that are damaged, crafted or too big: each refused in one sentence naming the file and
the field, by `returns import` (exit 2, nothing imported, the pack byte for byte as it was), by
`returns list` (listed as one that cannot be imported) and by the count of returns waiting the
app shows (it reads returns_waiting); the big ones within their limits, in bounded memory. An
update id that another update already has is never used to drop a genuine update, and one
return of hundreds of updates to one action merges in bounded work."""

from __future__ import annotations

import copy
import hashlib
import json
import shutil
from pathlib import Path

import pytest
from conftest import pack_query, run_cli
from peak import run_with_peak

from boardtui.store.db import open_store
from boardtui.store.limits import JSON_DEPTH, RETURN_UPDATES
from boardtui.store.merge import returns_waiting
from boardtui.store.returns import OfficerDesk, checksum
from boardtui.store.updates import UpdateText

JANE, OMAR = "Jane Officer", "Omar Hussain"
REFUSED_PEAK_MB = 300


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def genuine(demo_master, tmp_path_factory) -> dict:
    """A return as boardtui writes it: Jane's two updates, written on a copy of the board's pack."""
    folder = tmp_path_factory.mktemp("genuine")
    mine = folder / "mine.duckdb"
    shutil.copyfile(demo_master, mine)
    store = open_store(mine)
    try:
        desk = OfficerDesk(store, JANE)
        desk.save(UpdateText("IP25-09.2", "Audit of 40 plans done", proposed_brag="A"))
        desk.save(UpdateText("IP25-09.4", "Training booked for March"))
    finally:
        store.close()
    result = run_cli("returns", "export", str(mine), "--to", str(folder / "jane.boardreturn"), "--author", JANE)
    assert result.returncode == 0, result.stderr
    return json.loads((folder / "jane.boardreturn").read_text(encoding="utf-8"))


def write_return(path: Path, document: dict, *, raw: str | None = None) -> Path:
    """The document with its checksum made right again (a crafted return, not a tampered one)."""
    document = copy.deepcopy(document)
    document["sha256"] = checksum(document["content"])
    path.write_text(raw if raw is not None else json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def refused_everywhere(pack: Path, ret: Path, expected: str) -> str:
    """`returns import` refuses it (exit 2, nothing imported), `returns list` and the app's count
    list it as one that cannot be imported, each with the same sentence; the sentence."""
    before = digest(pack)
    result = run_cli("returns", "import", str(pack), str(ret))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == "boardtui: nothing was imported; import again without the file(s) named above."
    [sentence] = lines[:-1]
    assert sentence.startswith(f"boardtui: {ret}") and expected in sentence, sentence
    assert len(sentence) < 600
    listed = run_cli("returns", "list", str(pack), "--folder", str(ret.parent))
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert f"{ret.name}: cannot be imported: " in listed.stdout and expected in listed.stdout
    store = open_store(pack, read_only=True)
    try:
        [waiting] = [w for w in returns_waiting(store, ret.parent) if w.path.name == ret.name]
    finally:
        store.close()
    assert waiting.problem is not None and expected in waiting.problem and not waiting.imported
    assert digest(pack) == before and not pack.with_name(pack.name + ".wal").exists()
    return sentence


def _set(document: dict, path: list, value) -> dict:
    document = copy.deepcopy(document)
    target = document["content"]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return document


WRONG = [
    (["pack", "pack_id"], ["a", "list"], "its pack.pack_id is a list, not text"),
    (["exported_at"], 20251201, "its exported_at is a number, not a date and time"),
    (["source"], [], "its source is a list, not a record"),
    (["source", "exported_at"], "last Tuesday", "its source.exported_at is 'last Tuesday', not a date and time"),
    (["updates", 0, "base", "action"], "IP25-09.2", "update 1's base.action is 'IP25-09.2', not a record"),
    (
        ["updates", 0, "base", "action", "rated_on"],
        "2025-13-45",
        "update 1's base.action.rated_on is '2025-13-45', not a date (YYYY-MM-DD)",
    ),
    (["updates", 1, "base", "pack_id"], {"nested": True}, "update 2's base.pack_id is a record, not text"),
    (["updates", 0, "written_at"], None, "update 1's written_at is empty, not a date and time"),
    (["updates", 1, "progress"], 42, "update 2's progress is a number, not text"),
]


@pytest.mark.parametrize("path,value,expected", WRONG, ids=[".".join(map(str, w[0])) for w in WRONG])
def test_a_field_of_the_wrong_kind(demo_pack, genuine, tmp_path, path, value, expected):
    (tmp_path / "returns").mkdir()
    ret = write_return(tmp_path / "returns" / "crafted.boardreturn", _set(genuine, path, value))
    refused_everywhere(demo_pack, ret, expected)


def test_records_nested_very_deep(demo_pack, genuine, tmp_path):
    (tmp_path / "returns").mkdir()
    deep = write_return(tmp_path / "returns" / "deep.boardreturn", genuine)
    text = deep.read_text(encoding="utf-8")
    # 100,000 lists inside each other: Python's own JSON reader gives up (RecursionError).
    deep.write_text(
        text.replace('"base": {', '"junk": ' + "[" * 100_000 + "]" * 100_000 + ', "base": {', 1), encoding="utf-8"
    )
    refused_everywhere(demo_pack, deep, f"its records are nested more than {JSON_DEPTH} deep")
    shallow = _set(genuine, ["updates", 0, "base", "action", "junk"], json.loads("[" * 20 + "]" * 20))
    refused_everywhere(
        demo_pack,
        write_return(deep, shallow),
        f"its records are nested more than {JSON_DEPTH} deep, at content.updates[0].base.action.junk",
    )


def test_a_lone_surrogate(demo_pack, genuine, tmp_path):
    (tmp_path / "returns").mkdir()
    ret = tmp_path / "returns" / "surrogate.boardreturn"
    text = json.dumps(genuine, ensure_ascii=True).replace("Audit of 40 plans done", "Audit \\ud800 done")
    ret.write_text(text, encoding="utf-8")
    refused_everywhere(demo_pack, ret, "content.updates[0].progress holds a lone surrogate, which is not a character")


def test_a_key_twice_in_one_record(demo_pack, genuine, tmp_path):
    (tmp_path / "returns").mkdir()
    ret = write_return(tmp_path / "returns" / "twice.boardreturn", genuine)
    text = ret.read_text(encoding="utf-8")
    ret.write_text(
        text.replace(
            '"progress": "Audit of 40 plans done"',
            '"progress": "Audit of 40 plans done", "progress": "Something else entirely"',
            1,
        ),
        encoding="utf-8",
    )
    refused_everywhere(demo_pack, ret, "the key 'progress' appears twice in one of its records")


def test_a_return_over_the_size_limit_is_refused_before_it_is_read(demo_pack, tmp_path):
    (tmp_path / "returns").mkdir()
    ret = tmp_path / "returns" / "huge.boardreturn"
    with ret.open("wb") as handle:
        handle.truncate(11_000_000)
    before = digest(demo_pack)
    result, peak = run_with_peak("returns", "import", str(demo_pack), str(ret))
    assert result.returncode == 2 and "it is 11 MB, and a return is at most 10 MB" in result.stderr
    assert peak < REFUSED_PEAK_MB and digest(demo_pack) == before
    refused_everywhere(demo_pack, ret, "it is 11 MB, and a return is at most 10 MB")


def test_a_long_name_is_cut_short_in_every_message(demo_pack, genuine, tmp_path):
    (tmp_path / "returns").mkdir()
    long_name = "Jane " + "Q" * 5_000_000
    document = _set(genuine, ["author"], long_name)
    tampered = write_return(tmp_path / "returns" / "tampered.boardreturn", document)
    data = json.loads(tampered.read_text(encoding="utf-8"))
    data["sha256"] = "0" * 64  # changed after export: the refusal names who to ask, cut short
    tampered.write_text(json.dumps(data), encoding="utf-8")
    before = digest(demo_pack)
    result, peak = run_with_peak("returns", "import", str(demo_pack), str(tampered))
    assert result.returncode == 2 and len(result.stderr) < 1000
    assert "ask Jane QQQQ" in result.stderr and "…" in result.stderr
    assert peak < REFUSED_PEAK_MB and digest(demo_pack) == before
    crafted = write_return(tampered, document)
    refused_everywhere(demo_pack, crafted, "its author is 5,000,005 characters long, more than the 200 boardtui reads")


def test_more_updates_than_a_return_holds(demo_pack, genuine, tmp_path):
    (tmp_path / "returns").mkdir()
    many = _set(genuine, ["updates"], [genuine["content"]["updates"][0]] * (RETURN_UPDATES + 1))
    refused_everywhere(
        demo_pack,
        write_return(tmp_path / "returns" / "many.boardreturn", many),
        f"it holds {RETURN_UPDATES + 1:,} updates, and a return holds at most {RETURN_UPDATES:,}",
    )


def _many_updates(genuine: dict, count: int) -> dict:
    first = genuine["content"]["updates"][0]
    updates = [
        {**first, "uid": f"{n:032x}", "progress": f"Weekly note {n} on the audit", "for_meeting": "M19"}
        for n in range(count)
    ]
    return _set(genuine, ["updates"], updates)


def test_five_hundred_updates_to_one_action_merge_in_bounded_work(demo_pack, genuine, tmp_path):
    ret = write_return(tmp_path / "many.boardreturn", _many_updates(genuine, 500))
    assert ret.stat().st_size < 1_000_000
    audit_before = pack_query(demo_pack, "SELECT count(*) FROM audit_log")[0][0]
    result, peak = run_with_peak("returns", "import", str(demo_pack), str(ret))
    assert result.returncode == 0, result.stderr
    assert "500 update(s) submitted, 0 already in the pack" in result.stdout
    assert peak < REFUSED_PEAK_MB, f"{peak:.0f} MB"
    [(added, longest)] = pack_query(
        demo_pack,
        "SELECT count(*), max(length(conflicts)) FROM officer_update WHERE source = 'return many.boardreturn'",
    )
    assert added == 500 and longest < 1_000  # each says three of the others, then how many more
    audit = pack_query(demo_pack, "SELECT count(*) FROM audit_log")[0][0] - audit_before
    assert audit <= 2 * 500  # one for each update added, one for each told of those after it
    last = pack_query(demo_pack, "SELECT conflicts FROM officer_update WHERE uid = ?", f"{499:032x}")[0][0]
    assert "and 496 more update(s) on IP25-09.2 for M19" in last
    first = pack_query(demo_pack, "SELECT conflicts FROM officer_update WHERE uid = ?", f"{0:032x}")[0][0]
    assert first.endswith(
        "replaced by Jane Officer's later update on IP25-09.2 for M19 (return many.boardreturn, "
        "499 updates), and this one stays in the history"
    )


def test_an_update_id_another_update_has_never_drops_the_genuine_update(demo_pack, genuine, tmp_path):
    jane = write_return(tmp_path / "jane.boardreturn", genuine)
    # Omar's return reuses Jane's update ids for updates of his own.
    omars = copy.deepcopy(genuine)
    omars["content"]["author"] = OMAR
    for number, update in enumerate(omars["content"]["updates"]):
        update.update(author=OMAR, progress=f"Omar's own update {number}")
    omar = write_return(tmp_path / "omar.boardreturn", omars)
    first = run_cli("returns", "import", str(demo_pack), str(omar))
    assert first.returncode == 0 and "2 update(s) submitted" in first.stdout
    second = run_cli("returns", "import", str(demo_pack), str(jane))
    assert second.returncode == 0, second.stderr
    assert "2 update(s) submitted, 0 already in the pack" in second.stdout  # not dropped as "already"
    uid = genuine["content"]["updates"][0]["uid"]
    assert f"its id {uid} is already Omar Hussain's update on IP25-09.2" in second.stdout
    rows = pack_query(
        demo_pack, "SELECT author, progress, conflicts FROM officer_update WHERE action = 'IP25-09.2' ORDER BY id"
    )
    assert [(a, p) for a, p, _ in rows] == [(OMAR, "Omar's own update 0"), (JANE, "Audit of 40 plans done")]
    assert (
        "another update with this id came in return jane.boardreturn from Jane Officer, and is kept under an id "
        "of its own"
    ) in rows[0][2]
    # Imported again, each return adds nothing; both updates are there, each under its own id.
    again = run_cli("returns", "import", str(demo_pack), str(jane), str(omar))
    assert again.returncode == 0 and again.stdout.count("0 update(s) submitted, 2 already in the pack") == 2
    assert pack_query(demo_pack, "SELECT count(*) FROM officer_update")[0][0] == 4
