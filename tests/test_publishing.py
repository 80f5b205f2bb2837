"""Publishing safely: the corpus of personal data (tests/corpus/personal_data.txt) typed through
the app, an officer's return and a tracker import reaches no public output (the public update in
HTML and Markdown, every Parquet file of the public snapshot read back with pyarrow) while the
private meeting pack and the full snapshot keep it; the publication review decides each
candidate in the app (P, h, s) and from the command line (review --to, --apply), audited, and is
not asked again; and an action arising from a confidential minute stays out of public outputs."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
import tomllib
from apphelp import make_app, notices, screen_text, settle
from conftest import REPO, pack_query, run_cli

from boardtui.store.db import open_store
from boardtui.store.personal import fold
from boardtui.store.recording import Recorder

CORPUS = REPO / "tests" / "corpus" / "personal_data.txt"
MEETING_DAY = "2026-01-15"


def corpus() -> dict[str, tuple[str, list[str]]]:
    """where -> (the text as typed, the words in it that must never be published)."""
    out = {}
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            where, _, marked = (part.strip() for part in line.partition("|"))
            out[where] = (marked.replace("[[", "").replace("]]", ""), re.findall(r"\[\[(.+?)\]\]", marked))
    return out


def leaks(published: str, secrets: list[str]) -> list[str]:
    """The secret words a published text still holds: as typed or without their accents, and a
    number also with its spaces and punctuation gone."""
    found = []
    folded, digits = fold(published), re.sub(r"\D", "", published)
    for secret in secrets:
        number = re.sub(r"\D", "", secret)
        if re.search(rf"(?<!\w){re.escape(fold(secret))}(?!\w)", folded) or (len(number) >= 9 and number in digits):
            found.append(secret)
    return found


def snapshot_texts(folder: Path) -> str:
    """Every text value of every Parquet file of a snapshot, read back with pyarrow."""
    values = []
    for path in sorted(folder.rglob("*.parquet")):
        for row in pq.read_table(path).to_pylist():
            values += [v for v in row.values() if isinstance(v, str)]
    return "\n".join(values)


def ok(*args: str) -> str:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _return_and_tracker(pack: Path, tmp_path: Path, texts: dict) -> None:
    """An officer writes the progress and impact lines on a snapshot and sends a return, which
    the secretary imports; a tracker brings a new action titled with the title line and rated
    at the meeting with the tracker's rationale line."""
    from boardtui.store.returns import OfficerDesk
    from boardtui.store.updates import UpdateText

    ok("export", str(pack), "--to", str(tmp_path / "officer"))
    snap = open_store(tmp_path / "officer")
    try:
        OfficerDesk(snap, "Jane Officer").save(
            UpdateText(
                "IP25-09.3", texts["progress"][0], for_meeting="M20", proposed_brag="A", impact=texts["impact"][0]
            )
        )
    finally:
        snap.close()
    ok(
        "returns",
        "export",
        str(tmp_path / "officer"),
        "--to",
        str(tmp_path / "jane.boardreturn"),
        "--author",
        "Jane Officer",
    )
    ok("returns", "import", str(pack), str(tmp_path / "jane.boardreturn"))
    tracker = tmp_path / "tracker.csv"
    tracker.write_text(
        "Ref,Area,Plan,Action,Action owner,Organisation,Target date,Rationale,15/01/2026\n"
        f'IP25-09.90,W09,IP25,"{texts["title"][0]}",Lucy Hart,Birmingham City Council,31/07/2026,'
        f'"{texts["tracker rationale"][0]}",Amber\n',
        encoding="utf-8",
    )
    ok("import", str(pack), str(tracker))


async def _type_in_the_app(pack: Path, texts: dict) -> list[str]:
    """The decision, note and rationale lines typed in the app; the officer's update accepted;
    then every candidate withheld in the review screen (P, h). What the review showed first."""
    app = make_app(pack, user="Priya Sandhu")
    async with app.run_test(size=(140, 44)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press(*texts["decision"][0], "ctrl+s")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press(*texts["note"][0], "ctrl+s")
        await settle(pilot)
        await pilot.press(*["down"] * 8, "enter")  # W09's actions
        await settle(pilot)
        table = app.screen.query_one("BoardTable")
        table.move_cursor(table.get_row_index("IP25-09.2"))
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("G", *texts["rationale"][0], "ctrl+s")
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        await pilot.press("home", "down", "a")
        await settle(pilot)
        assert pack_rows_in(app, "SELECT state FROM officer_update") == [("accepted",)]
        await pilot.press("P")
        await settle(pilot)
        first = screen_text(app)
        assert "to decide" in first
        for _ in range(20):
            undecided = [c for c in app.screen.page.candidates if c.decision is None]
            if not undecided:
                break
            table = app.screen.query_one("BoardTable")
            table.move_cursor(table.get_row_index(f"c:{undecided[0].key}"))
            await pilot.press("h")
            await settle(pilot)
        assert all(c.decision == "withhold" for c in app.screen.page.candidates)
        assert "Recorded: withhold" in notices(app)
    app.close_pack()
    return first.splitlines()


def pack_rows_in(app, sql: str):
    cur = app.views.opened_store().cursor()
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.close()


async def test_the_corpus_reaches_no_public_output_and_the_private_pack_keeps_it(demo_pack, tmp_path):
    texts = corpus()
    secrets = [s for _, marked in texts.values() for s in marked]
    ok("meeting", "new", str(demo_pack), "--date", MEETING_DAY)
    _return_and_tracker(demo_pack, tmp_path, texts)
    # Undecided words: nothing public is written, and the command says which and where.
    refused = run_cli("report", str(demo_pack), "--format", "md", "--public", "--out", str(tmp_path / "no.md"))
    assert refused.returncode == 2 and not (tmp_path / "no.md").exists()
    assert "not decided yet" in refused.stderr and "«" in refused.stderr
    shown = await _type_in_the_app(demo_pack, texts)
    assert any("look like names in the public outputs" in line for line in shown)

    public_md, public_html = tmp_path / "public.md", tmp_path / "public.html"
    said = ok("report", str(demo_pack), "--format", "md", "--public", "--out", str(public_md))
    assert re.search(r"withheld \d+ mentions of personal data \(.*emails", said), said
    ok("report", str(demo_pack), "--format", "html", "--public", "--out", str(public_html))
    ok("export", str(demo_pack), "--to", str(tmp_path / "public"), "--public")
    for name, published in (
        ("public.md", public_md.read_text()),
        ("public.html", public_html.read_text()),
        ("public snapshot", snapshot_texts(tmp_path / "public")),
    ):
        assert leaks(published, secrets) == [], name
    # Each line reached the public outputs, as published: what is left of it is there.
    update = public_md.read_text().replace("\\", "")  # Markdown's escapes before brackets
    for left in (
        "has had no school place since March",
        "now has a place at [school withheld]; [name withheld] thanked the team",
        "agreed the therapy",
        "asked for the plan this term",
    ):
        assert left in update, left
    snapshot = snapshot_texts(tmp_path / "public")
    for left in (
        "Transport for",
        "met the family at [postcode withheld]",
        "[phone number withheld]",
        "[NHS number withheld]",
        "[pupil number withheld]",
        "[date of birth withheld]",
        "[age withheld]",
    ):
        assert left in snapshot, left

    # The board's own papers keep every word as typed.
    ok("report", str(demo_pack), "--format", "md", "--out", str(tmp_path / "pack.md"))
    ok("export", str(demo_pack), "--to", str(tmp_path / "full"))
    private = (tmp_path / "pack.md").read_text()
    for where in ("decision", "rationale", "progress", "impact", "title", "tracker rationale"):
        assert texts[where][0].replace("[", "\\[").replace("(", "(") in private.replace("\\(", "("), where
    full = snapshot_texts(tmp_path / "full")
    for where, (typed, _) in texts.items():
        assert typed in full, where
    # Every decision is in the pack and audited, with who and when.
    decided = pack_query(demo_pack, "SELECT words, decision, decided_by FROM publication_decision ORDER BY words")
    assert decided and {d for _, d, _ in decided} == {"withhold"} and {w for _, _, w in decided} == {"Priya Sandhu"}
    audit = pack_query(
        demo_pack,
        "SELECT row_key, new_value, who FROM audit_log WHERE table_name = 'publication_decision' ORDER BY row_key",
    )
    assert audit == [(w, "withhold", "Priya Sandhu") for w, _, _ in decided]


def _pack_with_candidates(pack: Path) -> None:
    run = run_cli("meeting", "new", str(pack), "--date", MEETING_DAY)
    assert run.returncode == 0, run.stderr
    store = open_store(pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        recorder.add_minute(
            "M20",
            "decision",
            "Oliver Thompson at Highfield Primary School gets an interim plan; Jack, aged 9, joins Erdington Hub.",
            weakness="W09",
        )
        store.con.checkpoint()
    finally:
        store.close()


def test_the_review_from_the_command_line_is_recorded_audited_and_not_asked_again(demo_pack, tmp_path):
    _pack_with_candidates(demo_pack)
    out = tmp_path / "update.md"
    refused = run_cli("report", str(demo_pack), "--format", "md", "--public", "--out", str(out))
    assert refused.returncode == 2 and not out.exists()
    for words in ("Oliver Thompson", "Highfield Primary School", "Jack", "Erdington Hub"):
        assert f'"{words}"' in refused.stderr
    assert "boardtui review PACK --to review.toml" in refused.stderr
    listed = ok("review", str(demo_pack), "--meeting", "M20")
    assert "4 word(s) that look like names, 4 not decided yet" in listed
    review = tmp_path / "review.toml"
    ok("review", str(demo_pack), "--meeting", "latest", "--to", str(review))
    assert review.stat().st_mode & 0o777 == 0o600  # the words themselves: the secretary's only
    text = review.read_text()
    entries = tomllib.loads(text)["candidate"]
    assert [e["words"] for e in entries] == ["Oliver Thompson", "Highfield Primary School", "Jack", "Erdington Hub"]
    assert all(e["decision"] == "" for e in entries) and "«Jack»" in entries[2]["found"][0]
    # A wrong decision: one sentence naming the file, the entry and the value; nothing recorded.
    (tmp_path / "bad.toml").write_text(text.replace('decision = ""', 'decision = "maybe"', 1))
    bad = run_cli("review", str(demo_pack), "--apply", str(tmp_path / "bad.toml"))
    assert (
        bad.returncode == 2 and "[[candidate]] 1" in bad.stderr and '"maybe" is not "withhold" or "keep"' in bad.stderr
    )
    assert bad.stderr.count("\n") == 1 and pack_query(demo_pack, "SELECT count(*) FROM publication_decision") == [(0,)]
    # The secretary withholds three and keeps the hub (a public place), in a text editor.
    decisions = iter(["withhold", "withhold", "withhold", "keep"])
    review.write_text(re.sub(r'decision = ""', lambda _: f'decision = "{next(decisions)}"', text))
    config = tmp_path / "boardtui.toml"
    config.write_text('user = "Priya Sandhu"\n')
    applied = ok("review", str(demo_pack), "--apply", str(review), "--config", str(config))
    assert "recorded 4 decision(s)" in applied
    audit = pack_query(
        demo_pack,
        "SELECT who, row_key, old_value, new_value, why FROM audit_log "
        "WHERE table_name = 'publication_decision' ORDER BY id",
    )
    assert audit == [
        ("Priya Sandhu", w, None, d, "publication review file review.toml")
        for w, d in [
            ("Oliver Thompson", "withhold"),
            ("Highfield Primary School", "withhold"),
            ("Jack", "withhold"),
            ("Erdington Hub", "keep"),
        ]
    ]
    said = ok("report", str(demo_pack), "--format", "md", "--public", "--out", str(out))
    page = out.read_text()
    assert (
        "[name withheld] at [school withheld] gets an interim plan; [name withheld], [age withheld], joins "
        "Erdington Hub." in page.replace("\\[", "[").replace("\\]", "]")
    )
    assert "names decided in the review 2" in said and "schools decided in the review 1" in said
    # The next update asks nothing again: the same words are decided wherever they appear.
    assert "0 not decided yet" in ok("review", str(demo_pack))
    assert "decides nothing new" in ok("review", str(demo_pack), "--apply", str(review))


def test_an_action_arising_from_a_confidential_minute_is_in_no_public_output(demo_pack, tmp_path):
    ok("meeting", "new", str(demo_pack), "--date", MEETING_DAY)
    secret = "Brief counsel on the tribunal appeal"
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        recorder.add_minute(
            "M20", "action arising", secret, weakness="W07", owner="Grace Lin", due="2026-03-01", confidential=True
        )
        recorder.add_minute(
            "M20",
            "action arising",
            "Legal costs reported to the board",
            weakness="W07",
            owner="Grace Lin",
            due="2026-03-01",
        )
        recorder.record_rating("BA-M20.1", "M20", "R", "Counsel not yet briefed on the appeal")
        item = pack_rows(store, "SELECT id FROM minute_item WHERE meeting = 'M20' AND item_order = 2")[0][0]
        recorder.set_confidential(item, True)  # marked confidential afterwards
        recorder.write_update("BA-M20.1", "Counsel chosen for the appeal", for_meeting="M20")
        uid = pack_rows(store, "SELECT uid FROM officer_update WHERE action = 'BA-M20.1'")[0][0]
        recorder.accept_update(uid)
        store.con.checkpoint()
    finally:
        store.close()

    def public_outputs(name: str) -> tuple[str, Path]:
        ok("report", str(demo_pack), "--format", "md", "--public", "--out", str(tmp_path / f"{name}.md"))
        ok("export", str(demo_pack), "--to", str(tmp_path / name), "--public")
        return (tmp_path / f"{name}.md").read_text(), tmp_path / name

    page, snap = public_outputs("first")
    for words in (secret, "Legal costs reported", "BA-M20.1", "BA-M20.2", "Counsel", "tribunal appeal"):
        assert words not in page and words not in snapshot_texts(snap), words
    for table in ("action", "rag_rating", "action_as_at", "officer_update", "evidence"):
        ids = {
            r["action" if table != "action" else "id"]
            for r in pq.read_table(snap / table / "part-0.parquet").to_pylist()
        }
        assert not {"BA-M20.1", "BA-M20.2"} & ids, table
    # The public snapshot still opens (no row names an action it left out).
    assert run_cli("check", str(snap)).returncode in (0, 1)
    # The private meeting pack keeps it.
    ok("report", str(demo_pack), "--format", "md", "--out", str(tmp_path / "pack.md"))
    assert secret in (tmp_path / "pack.md").read_text()

    # The secretary chooses a neutral title for one: it is published under that, and nothing of
    # its minute, its rationale or its officer's update.
    store = open_store(demo_pack)
    try:
        Recorder(store, "Priya Sandhu").decide_publication([], {"BA-M20.1": "Legal advice for the board"})
        store.con.checkpoint()
    finally:
        store.close()
    page, snap = public_outputs("titled")
    assert "Legal advice for the board" in page and secret not in page and "Counsel" not in page
    action = next(r for r in pq.read_table(snap / "action" / "part-0.parquet").to_pylist() if r["id"] == "BA-M20.1")
    assert action["title"] == "Legal advice for the board" and action["description"] is None
    ratings = [
        r for r in pq.read_table(snap / "rag_rating" / "part-0.parquet").to_pylist() if r["action"] == "BA-M20.1"
    ]
    assert [r["rationale"] for r in ratings] == ["[confidential]"]
    assert "Counsel" not in snapshot_texts(snap) and "BA-M20.2" not in snapshot_texts(snap)
    assert pack_query(demo_pack, "SELECT who, row_key, new_value FROM audit_log WHERE table_name = 'public_title'") == [
        ("Priya Sandhu", "BA-M20.1", "Legal advice for the board")
    ]


def pack_rows(store, sql: str):
    return store.con.execute(sql).fetchall()


def test_the_public_update_explains_its_terms_and_counts_in_plain_english(demo_master, tmp_path):
    out = tmp_path / "public.md"
    ok("report", str(demo_master), "--format", "md", "--public", "--meeting", "M19", "--out", str(out))
    page = out.read_text()
    for words in (
        "written statement accepted** (Ofsted and CQC accepted",
        "sufficient progress** (inspectors found",
        "remains under monitoring** (the Department for Education",
        "left formal monitoring** (enough",
        "the middle of three outcomes** (inspections now give one of three results",
        "This area is no longer under formal monitoring: it left formal monitoring",
    ):
        assert words in page.replace("\\", ""), words
    assert not re.search(r"\b1 progress ratings\b", page)


@pytest.mark.parametrize(
    "typed, withheld",
    [
        ("call 07700 900123 or 07700-900-123 or +44 7700 900123 or (0121) 496 0000", 4),
        ("NHS 943 476 5919 and 9434765919", 2),
        ("not an NHS number: 943 476 5918", 0),
        ("UPN A123456789012, postcode B12 9QT, b12 9qt", 3),
        ("born 3 March 2015; DOB: 03/03/2015; date of birth 2015-03-03", 3),
        ("Jack, aged 9; a 7-year-old; young people aged 16 to 25 and pupils aged 11 and over", 2),
    ],
)
def test_each_kind_of_personal_data_is_withheld(typed, withheld):
    from boardtui.store.personal import Finder, Vocabulary, apply

    found = Finder([], Vocabulary.of([])).find(typed)
    out, counts = apply(found, {"jack": "keep"})
    assert sum(counts.values()) == withheld, (out, counts)


@pytest.mark.parametrize(
    "typed, candidates",
    [
        ("Mrs Thompson rang.", ["mrs thompson"]),
        ("Oliver Thompson, Year 4, Highfield Primary School", ["oliver thompson", "highfield primary school"]),
        ("Jack, aged 9, at St Mary's", ["jack", "st mary"]),
        ("Her son Jack moved; Grace said so.", ["jack", "grace"]),
        ("Progress is on track. Families welcomed the Local Offer relaunch.", []),
        ("The Special School and the SENCos met the DfE in March.", []),
        ("Mr Wiśniewski and Siân Davies", ["mr wisniewski", "sian davies"]),
    ],
)
def test_what_is_a_candidate(typed, candidates):
    from boardtui.store.personal import Finder, Vocabulary

    found = Finder([], Vocabulary.of(["Local Offer"])).find(typed)
    assert [c.key for c in found.candidates] == candidates
