"""The public outputs for families: every name the pack knows withheld from every free-text
field (report --public in both formats, export --public), plain words with a key for every
letter and arrow, and the board's glossary spelled out on first use."""

from __future__ import annotations

import re
from datetime import datetime

import html5lib
import pyarrow.parquet as pq
import pytest
import tomllib
from conftest import REPO, build_from, edit_csv, run_cli

from boardtui.errors import BoardError
from boardtui.store.build import load_glossary, load_rows
from boardtui.store.db import open_store
from boardtui.store.personal import known_names_pattern
from boardtui.store.withhold import MARK

# Every form of a known person's name typed into the pack's free text below.
TYPED = ("Marcus Hale", "Marcus", "Hale", "HALE", "Mr Hale", "M. Hale", "Nwosu", "Amara")


@pytest.fixture(scope="module")
def named_pack(tmp_path_factory):
    """The demo with known people's names typed into a rationale, a minute, an action's title
    and description, and an officer's accepted update."""
    import shutil

    folder = tmp_path_factory.mktemp("named") / "data"
    shutil.copytree(REPO / "data", folder)
    phrases = (folder / "rationales.toml").read_text()
    phrases = phrases.replace(
        'G = ["Continues on track.", "On track; no issues raised by the lead."]',
        'G = ["Marcus Hale reports it continues on track; the hale and hearty team agrees."]',
    )
    (folder / "rationales.toml").write_text(phrases)

    def minute(rows):
        rows.append(
            {
                **rows[-1],
                "item_order": "9",
                "kind": "decision",
                "weakness": "W09",
                "action": "",
                "text": "Mr Hale to report back to Dr Nwosu; M. Hale agreed and HALE signed it.",
                "owner": "",
                "due_date": "",
                "confidential": "false",
            }
        )

    def action(rows):
        for row in rows:
            if row["id"] == "IP25-09.1":
                row["title"] = "Outcome writing training, with Marcus presenting"
                row["description"] = "Marcus Hale leads; Amara checks the health advice."

    edit_csv(folder / "minutes.csv", minute)
    edit_csv(folder / "actions.csv", action)
    pack = build_from(folder, folder.parent / "named.duckdb")
    store = open_store(pack)
    try:
        with store.transaction() as cur:
            load_rows(
                cur,
                "officer_update",
                [
                    {
                        "uid": "u-1",
                        "action": "IP25-09.1",
                        "for_meeting": "M19",
                        "author": "Marcus Hale",
                        "written_at": datetime(2025, 11, 10, 9, 0),
                        "progress": "Marcus Hale: half the staff trained.",
                        "impact": "Families say plans read better (Amara Nwosu's audit).",
                        "source": "written here",
                        "state": "accepted",
                        "decided_by": "Priya Sandhu",
                        "decided_at": datetime(2025, 11, 20, 12, 0),
                        "decision_reason": "Accepted at the board; Priya Sandhu checked it.",
                    }
                ],
            )
    finally:
        store.close()
    return pack


def _withheld_said(stdout: str) -> int:
    found = re.search(r"withheld (\d+) mentions? of personal data \(names the pack knows (\d+)\)", stdout)
    assert found and found.group(1) == found.group(2), stdout
    assert "every word that looks like a name was decided in the publication review" in stdout
    return int(found.group(1))


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_public_update_withholds_every_name_and_says_how_many(named_pack, tmp_path, fmt):
    private = tmp_path / f"private.{fmt}"
    assert run_cli("report", str(named_pack), "--format", fmt, "--out", str(private)).returncode == 0
    assert "Marcus Hale reports it continues on track" in private.read_text()  # the board's own pack keeps it
    out = tmp_path / f"public.{fmt}"
    result = run_cli("report", str(named_pack), "--format", fmt, "--public", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    for name in TYPED:
        assert not re.search(rf"\b{re.escape(name)}\b", page), name
    assert "the hale and hearty team agrees" in page  # an ordinary word is not a name
    marks = page.count("name withheld")
    assert marks >= 4
    assert _withheld_said(result.stdout) == marks


def test_public_snapshot_withholds_every_name_and_says_how_many(named_pack, tmp_path):
    snap = tmp_path / "public"
    result = run_cli("export", str(named_pack), "--to", str(snap), "--public")
    assert result.returncode == 0, result.stderr
    marks = 0
    for path in snap.rglob("*.parquet"):
        for row in pq.read_table(path).to_pylist():
            for value in row.values():
                if isinstance(value, str):
                    for name in TYPED:
                        assert not re.search(rf"\b{re.escape(name)}\b", value), (path.name, value)
                    marks += value.count(MARK)
    update = pq.read_table(snap / "officer_update" / "part-0.parquet").to_pylist()[0]
    assert update["progress"] == f"{MARK}: half the staff trained."
    assert update["decision_reason"] == f"Accepted at the board; {MARK} checked it."
    action = next(r for r in pq.read_table(snap / "action" / "part-0.parquet").to_pylist() if r["id"] == "IP25-09.1")
    assert action["description"] == f"{MARK} leads; {MARK} checks the health advice."
    assert _withheld_said(result.stdout) == marks > 4
    # Without --public nothing is withheld and nothing is said about it.
    full = run_cli("export", str(named_pack), "--to", str(tmp_path / "full"))
    assert "withheld" not in full.stdout


def _withhold(names, texts, keep=()):
    """The texts with every name the pattern finds (on their folded form) withheld, and how many."""
    from boardtui.store.personal import fold

    pattern = known_names_pattern(names, keep=keep)
    out, count = [], 0
    for text in texts:
        spans = list(pattern.finditer(fold(text))) if pattern else []
        for m in reversed(spans):
            text = text[: m.start()] + MARK + text[m.end() :]
        out.append(text)
        count += len(spans)
    return out, count


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("Marcus Hale reports", f"{MARK} reports"),
        ("marcus  HALE said", f"{MARK} said"),
        ("Dr Marcus Hale said", f"{MARK} said"),
        ("Mr Hale, mr. hale and Dr Marcus", f"{MARK}, {MARK} and {MARK}"),
        ("M. Hale and M Hale and M.Hale", f"{MARK} and {MARK} and {MARK}"),
        ("Marcus H. agreed", f"{MARK} agreed"),
        ("Marcus, Hale, HALE and Hale's plan", f"{MARK}, {MARK}, {MARK} and {MARK}'s plan"),
        ("hale and hearty; Whale; Halesowen", "hale and hearty; Whale; Halesowen"),
        ("Dr Li and Mr Wei Li spoke; Li alone stays", f"{MARK} and {MARK} spoke; Li alone stays"),
        ("Tom Green; rated Green and green", f"{MARK}; rated Green and green"),
        ("Zoë said; ZOË; Ångström too", f"{MARK} said; {MARK}; {MARK} too"),
        ("Anne-Marie O'Neill, Anne-Marie and O'Neill", f"{MARK}, {MARK} and {MARK}"),
        ("The head teacher representative; Head noted", f"The {MARK}; Head noted"),
        ("psandhu logged in", f"{MARK} logged in"),
        ("SEN support from Ms Sen; Sen agreed", f"SEN support from {MARK}; {MARK} agreed"),
        ("Hale/Marcus", f"{MARK}/{MARK}"),
    ],
)
def test_the_rule_for_which_forms_of_a_name_are_withheld(typed, expected):
    names = [
        "Dr Marcus Hale",
        "Wei Li",
        "Tom Green",
        "Zoë Ångström",
        "Anne-Marie O'Neill",
        "Head teacher representative",
        "psandhu",
        "Ravi Sen",
    ]
    out, count = _withhold(names, [typed], keep=["SEN"])
    assert out == [expected]
    assert count == expected.count(MARK)


def test_no_names_known_withholds_nothing():
    assert _withhold([], ["Marcus Hale"]) == (["Marcus Hale"], 0)
    assert _withhold([" ", "x"], ["x marks the spot"]) == (["x marks the spot"], 0)  # too short to be a name


def _visible_text(page: str):
    """(text, in an id, in an abbr with this title) for every text node of the body, in order."""
    root = html5lib.parse(page, namespaceHTMLElements=False)
    out = []

    def walk(node, in_id, abbr):
        cls = node.get("class", "")
        in_id = in_id or "id" in cls.split()
        if node.tag == "abbr":
            abbr = node.get("title")
        if node.tag in ("svg", "style", "title"):
            return
        if node.text:
            out.append((node.text, in_id, abbr))
        for child in node:
            walk(child, in_id, abbr)
            if child.tail:
                out.append((child.tail, in_id, None if child.tag == "abbr" else abbr))

    walk(root.find("body"), False, None)
    return out


@pytest.fixture(scope="module")
def public_html(demo_master, tmp_path_factory):
    out = tmp_path_factory.mktemp("public") / "public.html"
    result = run_cli("report", str(demo_master), "--format", "html", "--public", "--out", str(out))
    assert result.returncode == 0, result.stderr
    page = out.read_text()
    parser = html5lib.HTMLParser()
    parser.parse(page)
    assert parser.errors == []
    return page


def test_public_html_has_a_key_for_every_letter_and_arrow_it_uses(public_html):
    root = html5lib.parse(public_html, namespaceHTMLElements=False)
    key = root.find(".//dl[@class='key']")
    keyed = {"".join(dt.itertext()).strip() for dt in key.findall("dt")}
    letters = set()
    for cell in root.iter("td"):
        if "brag" in cell.get("class", "").split():
            letters.add("".join(cell.itertext()).strip().split()[0])
    assert letters and letters <= keyed, letters - keyed
    arrows = {ch for text, _, _ in _visible_text(public_html) for ch in text if ch in "↑↓→←↗↘"}
    assert arrows and arrows <= keyed, arrows - keyed
    # The board's words, not its jargon.
    body = "".join(t for t, _, _ in _visible_text(public_html))
    for jargon in ("BRAG", "Dir", "Latest rationale", "OVERDUE"):
        assert not re.search(rf"\b{jargon}\b", body), jargon


def test_public_html_explains_every_glossary_term_where_it_first_appears(public_html):
    glossary = {t["term"]: t for t in tomllib.loads((REPO / "data" / "glossary.toml").read_text())["term"]}
    pattern = re.compile(
        r"(?<![\w-])(" + "|".join(re.escape(t) for t in sorted(glossary, key=len, reverse=True)) + r")(?![\w]|-\d)"
    )
    nodes = _visible_text(public_html)
    seen = set()
    for index, (text, in_id, abbr) in enumerate(nodes):
        if in_id:
            continue
        for match in pattern.finditer(text):
            term = match.group(1)
            if term in seen:
                continue
            seen.add(term)
            # The first time: the term is an abbreviation spelled out just before it.
            assert abbr == glossary[term]["spelled_out"], (term, text)
            before = "".join(t for t, _, _ in nodes[max(0, index - 3) : index]) + text[: match.start()]
            assert before.lower().endswith(glossary[term]["spelled_out"].lower() + " ("), (term, before[-80:])
    assert {"SEND", "ICB", "CQC", "EHC", "ND", "SENAR", "CDC", "DfE", "AP"} <= seen
    # Every short form in capitals the page uses is one the glossary explains (ids aside).
    capitals = {
        m
        for text, in_id, _ in nodes
        if not in_id
        for m in re.findall(r"(?<![\w-])[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*(?![\w]|-\d)", text)
    }
    assert capitals - set(glossary) <= {"RISE"}, capitals - set(glossary)
    root = html5lib.parse(public_html, namespaceHTMLElements=False)
    listed = root.find(".//dl[@class='glossary']")
    assert {"".join(dt.itertext()) for dt in listed.findall("dt")} >= seen - {"ADHD"}


def test_the_board_pack_keeps_the_board_words(demo_master, tmp_path):
    out = tmp_path / "pack.html"
    assert run_cli("report", str(demo_master), "--format", "html", "--out", str(out)).returncode == 0
    page = out.read_text()
    assert '<dl class="key">' in page and ">OVERDUE<" in page and ">BRAG<" in page
    assert "Special educational needs and disabilities (" not in page  # spelled out for families only


def test_the_glossary_loads_into_the_pack(demo_master):
    entries = tomllib.loads((REPO / "data" / "glossary.toml").read_text())["term"]
    store = open_store(demo_master, read_only=True)
    try:
        rows = store.cursor().execute("SELECT term, spelled_out, meaning FROM glossary ORDER BY term").fetchall()
    finally:
        store.close()
    assert rows == sorted((e["term"], e["spelled_out"], e.get("meaning")) for e in entries)


@pytest.mark.parametrize(
    "body, message",
    [
        ('[[term]]\nterm = "ICB"\n', "term 1: missing spelled_out"),
        (
            '[[term]]\nterm = "ICB"\nspelled_out = "Integrated Care Board"\ncolour = "x"\n',
            "term 1: unknown key 'colour'",
        ),
        (
            '[[term]]\nterm = "ICB"\nspelled_out = "a"\n[[term]]\nterm = "ICB"\nspelled_out = "b"\n',
            "term 2: term 'ICB' is already term 1",
        ),
        ('[[term]]\nterm = " "\nspelled_out = "a"\n', "term 1: term must be non-empty text"),
        ('title = "no terms"\n', "has no [[term]] entries"),
    ],
)
def test_a_bad_glossary_is_one_sentence_naming_the_entry(tmp_path, body, message):
    path = tmp_path / "glossary.toml"
    path.write_text(body)
    with pytest.raises(BoardError, match=re.escape(message)) as raised:
        load_glossary(path)
    assert str(path) in str(raised.value) and "\n" not in str(raised.value)


def test_a_data_folder_without_a_glossary_builds_a_pack_without_one(tmp_path, data_copy):
    (data_copy / "glossary.toml").unlink()
    pack = build_from(data_copy, tmp_path / "plain.duckdb")
    store = open_store(pack, read_only=True)
    try:
        assert store.cursor().execute("SELECT count(*) FROM glossary").fetchone() == (0,)
    finally:
        store.close()
    out = tmp_path / "public.md"
    assert run_cli("report", str(pack), "--format", "md", "--public", "--out", str(out)).returncode == 0
    assert "Words and letters used in this update" not in out.read_text()
