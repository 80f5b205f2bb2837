"""Nothing from a pack reaches a terminal raw: boardtui.text is the one chokepoint, and every
command's raw output bytes are free of control sequences, with the hostile corpus
(tests/hostile.py) in every free-text column of the pack."""

from __future__ import annotations

import json
import random
import re

import duckdb
import pytest
from conftest import REPO, build_from, edit_csv
from hostile import FILLED, HOSTILE, MARKERS, controls_in, write_hostile_pack

from boardtui.store.diff import md_text
from boardtui.text import clean, one_line

# What one_line shows of each corpus entry: the text around a control sequence stays, the
# sequence goes whole (an unended string takes the rest of its line with it, as a terminal would).
SHOWN = {
    "\x1b]0;hostile-title-zero\x07Title zero": "Title zero",
    "\x1b]2;hostile-title-two\x1b\\Title two": "Title two",
    "Clip \x1b]52;c;SGVsbG8=\x1b\\board": "Clip board",
    "Clip \x1b]52;c;SGVsbG8=\x07bell": "Clip bell",
    "\x1b]8;;http://hostile-link.example/\x1b\\linked text\x1b]8;;\x1b\\ after": "linked text after",
    "Unended \x1b]2;hostile-unended-title": "Unended",
    "\x1b[2J\x1b[HCleared": "Cleared",
    "\x1b[31;1;5mRed blink\x1b[0m plain": "Red blink plain",
    "Unended CSI \x1b[12;": "Unended CSI",
    "\x1bPq#0;2;0;0;0hostile-dcs\x1b\\DCS": "DCS",
    "Reset \x1bc\x1b(0\x1b7\x1b8 done": "Reset done",
    "\x9b2J\x9b31m8-bit CSI": "8-bit CSI",
    "APP-01.1 \u202eevil\u202c safe": "APP-01.1 evil safe",
    "\u202a\u202b\u202d\u2066\u2067\u2068isolated\u2069\u202c text": "isolated text",
    "مرحبا بالعالم — تقدم جيد": "مرحبا بالعالم — تقدم جيد",
    "שלום \u200fעולם\u200e and \u061cnumbers 12": "שלום \u200fעולם\u200e and \u061cnumbers 12",
    "[/] [@click=app.quit] [bold]x": "[/] [@click=app.quit] [bold]x",
    "line1\nline2\r\nline3\rline4\x0bline5\x0cline6\x85line7\u2028line8\u2029line9": "line1 line2 line3 line4 line5 line6 line7 line8 line9",
    "nul\x00byte bell\x07 backspace\x08\x08 del\x7f lone esc\x1b": "nulbyte bell backspace del lone esc",
}


def test_the_corpus_has_every_class_the_issue_names():
    joined = "".join(HOSTILE)
    for needed in (
        "\x1b]0;",
        "\x1b]2;",
        "\x1b]52;",
        "\x1b]8;",
        "\x1b[2J",
        "\x1b[31",
        "\x1b[10;20H",
        "\x1bP",
        "\x1b_",
        "\x1b^",
        "\x9b",
        "\x9d",
        "\x85",
        "\u202e",
        "\u2066",
        "[/]",
        "[@click=app.quit]",
        "[bold]",
        "\r\n",
        "\u2028",
        "\u2029",
        "\x00",
        "<script>",
    ):
        assert needed in joined, repr(needed)
    assert max(map(len, HOSTILE)) == 10_000
    assert set(SHOWN) <= set(HOSTILE)


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_nothing_a_terminal_would_act_on_survives(text):
    for shown in (clean(text), one_line(text)):
        assert controls_in(shown) == []
    assert "\n" not in one_line(text)
    if text in SHOWN:
        assert one_line(text) == SHOWN[text]


def test_clean_keeps_lines_and_tabs_and_makes_every_break_a_newline():
    assert clean("a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h") == "a\nb\nc\nd\ne\nf\ng\nh"
    assert clean("col\tcol\nnext") == "col\tcol\nnext"
    # A carriage return can no longer take the cursor back over what was shown.
    assert "\r" not in clean("Approved\rRejected")


def test_plain_values_come_back_unchanged():
    for value in ("APP-09.3", "Zoë O'Neill", "", "£1,200 — 3½ weeks", "مرحبا", "a b"):
        assert clean(value) == value and one_line(value) == value
    assert clean(None) == "" and one_line(None) == "" and one_line(12) == "12"
    assert one_line("  two  spaces\t") == "two spaces"


def test_random_strings_never_keep_a_control_and_clean_twice_is_clean_once():
    rng = random.Random(17)
    alphabet = (
        "\x1b",
        "[",
        "]",
        "P",
        "\\",
        "\x07",
        "\x9b",
        "\x9d",
        "\x9c",
        "\x90",
        "\x85",
        "\r",
        "\n",
        "\x00",
        "\x7f",
        "\u202e",
        "\u2069",
        "\u2028",
        ";",
        "2",
        "J",
        "a",
        "é",
        "ש",
        " ",
    )
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 24)))
        once = clean(text)
        assert controls_in(once) == [] or set(controls_in(once)) <= set(MARKERS), repr(text)
        assert clean(once) == once and one_line(one_line(text)) == one_line(text)


def test_markdown_text_is_literal():
    assert md_text("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md_text("1. first") == "1\\. first" and md_text("- dash") == "\\- dash"
    assert md_text("a | b [x](y) *e* &amp;") == "a \\| b \\[x\\](y) \\*e\\* \\&amp;"
    assert md_text("two\nlines\x1b[2J") == "two lines"


def test_hostile_pack_fills_every_free_text_column(demo_master, tmp_path):
    pack = write_hostile_pack(demo_master, tmp_path / "hostile.duckdb")
    con = duckdb.connect(str(pack), read_only=True)
    try:
        text_columns = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE data_type = 'VARCHAR' "
            "AND NOT internal AND table_name <> 'schema_version'"
        ).fetchall()
        for table, column in text_columns:
            if column in FILLED.get(table, ()):
                values = {v for (v,) in con.execute(f'SELECT "{column}" FROM "{table}"').fetchall()}
                assert values <= set(HOSTILE), (table, column)
        left_alone = {(t, c) for t, c in text_columns if c not in FILLED.get(t, ())}
        # Keys, references and fixed vocabularies: changing them would change what rows mean.
        assert left_alone == {
            ("weakness", "code"),
            ("judgement", "weakness"),
            ("judgement", "body"),
            ("judgement", "outcome"),
            ("plan", "code"),
            ("action", "id"),
            ("action", "weakness"),
            ("action", "plan"),
            ("action", "status"),
            ("action", "carried_forward_from"),
            ("meeting", "id"),
            ("meeting", "kind"),
            ("meeting", "minutes_status"),
            ("meeting", "approved_at"),
            ("rag_rating", "action"),
            ("rag_rating", "meeting"),
            ("rag_rating", "brag"),
            ("weakness_rating", "weakness"),
            ("weakness_rating", "meeting"),
            ("weakness_rating", "brag"),
            ("attendance", "meeting"),
            ("attendance", "person"),
            ("minute_item", "meeting"),
            ("minute_item", "kind"),
            ("minute_item", "weakness"),
            ("minute_item", "action"),
            ("evidence", "action"),
            ("measure", "code"),
            ("measure", "weakness"),
            ("measure_value", "measure"),
            ("rag_definition", "brag"),
            ("officer_update", "uid"),
            ("officer_update", "action"),
            ("officer_update", "for_meeting"),
            ("officer_update", "proposed_brag"),
            ("officer_update", "base"),
            ("officer_update", "state"),
            ("glossary", "term"),
            ("publication_decision", "candidate"),
            ("publication_decision", "kind"),
            ("publication_decision", "decision"),
            ("public_title", "action"),
        }
        titles = {t for (t,) in con.execute("SELECT title FROM action").fetchall()}
        assert titles == set(HOSTILE)  # 102 actions: every string of the corpus, in one column
    finally:
        con.close()


@pytest.fixture(scope="module")
def hostile_pair(demo_master, tmp_path_factory):
    """Two hostile packs a diff finds changes of every kind between."""
    folder = tmp_path_factory.mktemp("hostile")
    old = write_hostile_pack(demo_master, folder / "old.duckdb")
    data = folder / "data"
    import shutil

    shutil.copytree(REPO / "data", data)

    def rating(rows):
        for row in rows:
            if row["action"] in ("IP25-09.2", "IP25-05.1"):
                row["M19"] = "R"

    def target(rows):
        for row in rows:
            if row["id"] == "IP25-09.3":
                row["revised_target_date"], row["target_revised_on"] = "2026-12-31", "2025-11-20"

    def minute(rows):
        rows.append(
            {
                **rows[-1],
                "item_order": "9",
                "kind": "decision",
                "weakness": "W09",
                "action": "IP25-09.2",
                "text": "placeholder",
                "confidential": "false",
            }
        )

    edit_csv(data / "ratings.csv", rating)
    edit_csv(data / "actions.csv", target)
    edit_csv(data / "minutes.csv", minute)
    new = write_hostile_pack(build_from(data, folder / "plain-new.duckdb"), folder / "new.duckdb")
    return old, new


def _raw(*args):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "boardtui", *args], capture_output=True, timeout=120)
    return done.returncode, done.stdout, done.stderr


def test_diff_prints_no_control_sequence_in_any_format(hostile_pair):
    old, new = hostile_pair
    code, out, err = _raw("diff", str(old), str(new))
    assert code == 0 and err == b""
    assert controls_in(out) == []
    text = out.decode()
    assert "Ratings changed (2)" in text and "Target dates revised (1)" in text
    # Each change is one line: a minute of many lines stays one item.
    minutes = text.split("Minutes and decisions added (")[1]
    count = int(minutes.split(")")[0])
    assert len([line for line in minutes.splitlines()[1:] if line.startswith("  ")]) == count
    code, out, err = _raw("diff", str(old), str(new), "--format", "md")
    assert code == 0 and err == b"" and controls_in(out) == []
    md = out.decode()
    assert "<script>" not in md and "\\<script\\>" in md and "[@click" not in md
    assert all(line == "" or line.startswith(("#", "- ")) for line in md.splitlines())
    code, out, err = _raw("diff", str(old), str(new), "--format", "json")
    assert code == 0 and err == b""
    # JSON keeps the data exact, every control escaped as \\uXXXX.
    assert not re.search(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]", out)
    data = json.loads(out)
    assert {item["text"] for item in data["minutes_added"]} <= set(HOSTILE)
    assert any("\x9b" in item["text"] or "\x1b" in item["text"] for item in data["minutes_added"])


def test_check_report_and_export_print_no_control_sequence(hostile_pair, tmp_path):
    _, pack = hostile_pair
    for args in (
        ("check", str(pack)),
        ("report", str(pack), "--format", "md", "--out", str(tmp_path / "r.md")),
        ("report", str(pack), "--format", "html", "--out", str(tmp_path / "r.html")),
        ("export", str(pack), "--to", str(tmp_path / "snap")),
    ):
        code, out, err = _raw(*args)
        assert code == 0, err
        assert controls_in(out) == [] and controls_in(err) == [], args
    assert controls_in((tmp_path / "r.md").read_bytes()) == []
    code, out, err = _raw("diff", str(pack), str(tmp_path / "snap"))
    assert code == 0 and out.decode().strip().endswith("no differences")


def test_output_cut_short_by_a_closed_pipe_is_not_a_traceback(hostile_pair):
    import subprocess
    import sys

    old, new = hostile_pair
    diff = subprocess.Popen(
        [sys.executable, "-m", "boardtui", "diff", str(old), str(new)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    diff.stdout.readline()
    diff.stdout.close()  # like '| head -1'
    err = diff.stderr.read()
    diff.wait(timeout=60)
    assert b"Traceback" not in err


def test_pack_paths_in_output_are_cleaned_too(hostile_pair, tmp_path):
    old, _ = hostile_pair
    odd = tmp_path / "odd\x1b]2;hostile-title-path\x07.duckdb"
    odd.write_bytes(old.read_bytes())
    code, out, _ = _raw("diff", str(old), str(odd))
    assert code == 0 and controls_in(out) == [] and b"odd.duckdb" in out
    code, _, err = _raw("check", str(tmp_path / "gone\x9b2J.duckdb"))
    assert code == 2 and b"does not exist" in err and controls_in(err) == []
