"""Pages that print on A4 and Markdown that reads as written: the print CSS read with a real CSS
parser (no browser needed), the HTML's structure those rules rely on, Overdue in its own
column, and Markdown escaped only where a real Markdown parser would read syntax."""

from __future__ import annotations

import html5lib
import pytest
import tinycss2
from conftest import build_from, edit_csv, run_cli, update_rows
from markdown_it import MarkdownIt

from boardtui.report import CSS


def _declarations(rule) -> dict[str, str]:
    found = {}
    for item in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True):
        if item.type == "declaration":
            found[item.lower_name] = tinycss2.serialize(item.value).strip()
    return found


def _rules(nodes) -> list[tuple[list[str], dict[str, str]]]:
    """(selectors, declarations) of each qualified rule."""
    out = []
    for rule in nodes:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in tinycss2.serialize(rule.prelude).split(",")]
            out.append((selectors, _declarations(rule)))
    return out


def _print_rules():
    sheet = tinycss2.parse_stylesheet(CSS, skip_whitespace=True, skip_comments=True)
    screen = _rules(sheet)
    media = [
        r
        for r in sheet
        if r.type == "at-rule" and r.lower_at_keyword == "media" and tinycss2.serialize(r.prelude).strip() == "print"
    ]
    assert len(media) == 1
    inner = tinycss2.parse_rule_list(media[0].content, skip_whitespace=True, skip_comments=True)
    pages = [r for r in inner if r.type == "at-rule" and r.lower_at_keyword == "page"]
    return screen, _rules(inner), pages


def _value(rules, selector: str, prop: str) -> str | None:
    value = None
    for selectors, declarations in rules:
        if selector in selectors and prop in declarations:
            value = declarations[prop]
    return value


def test_print_css_keeps_rows_whole_and_headings_with_what_they_head():
    screen, printed, pages = _print_rules()
    assert len(pages) == 1 and "A4" in tinycss2.serialize(pages[0].content)
    for selector in ("tr", "th", "td", "li", ".keep"):
        assert _value(printed, selector, "break-inside") == "avoid", selector
        assert _value(printed, selector, "page-break-inside") == "avoid", selector  # older engines
    for selector in ("h1", "h2", "h3", "h4", "caption", "thead"):
        assert _value(printed, selector, "break-after") == "avoid", selector
    # The first row goes with the table's caption and header, never alone on the next page.
    assert _value(printed, "tbody tr:first-child", "break-before") == "avoid"
    assert _value(printed, "thead", "display") == "table-header-group"  # repeated on each page
    # Nothing that may be taller than a page is kept whole: that leaves a heading alone on a
    # page and the rest on the next (a weakness with 45 actions did).
    for selector in ("table", "section", "section.weakness", "main", "body"):
        assert _value(printed, selector, "break-inside") is None, selector
    for selector in (".id", ".date", ".brag", ".overdue"):
        assert _value(screen, selector, "white-space") == "nowrap", selector
    for letter in ("B", "R", "A", "G"):
        assert _value(printed, f".{letter}", "print-color-adjust") == "exact"


@pytest.fixture(scope="module")
def pack_html(demo_master, tmp_path_factory):
    out = tmp_path_factory.mktemp("print") / "pack.html"
    assert run_cli("report", str(demo_master), "--format", "html", "--out", str(out)).returncode == 0
    return html5lib.parse(out.read_text(), namespaceHTMLElements=False)


def test_the_html_has_the_structure_the_print_rules_rely_on(pack_html):
    keeps = [s for s in pack_html.iter("section") if "keep" in s.get("class", "").split()]
    # The matrix's heading and explanation are kept with the matrix itself.
    matrix = [s for s in keeps if s.find("table[@class='matrix']") is not None]
    assert len(matrix) == 1 and matrix[0].find("h2").text == "RAG matrix" and matrix[0].find("p") is not None
    # Each weakness's heading is kept with what it is, its status and its judgements.
    heads = [s for s in keeps if s.find("h3") is not None]
    assert len(heads) == 13 and all(s.find("ul") is not None for s in heads)
    # Every action id sits in a cell that never wraps; its table is captioned with the area.
    tables = pack_html.findall(".//table[@class='actions']")
    assert len(tables) == 13
    for table in tables:
        assert table.find("caption").find("span[@class='id']") is not None
        for row in table.find("tbody"):
            assert row[0].get("class") == "id" and "-" in row[0].text


def _columns(table) -> list[str]:
    return ["".join(th.itertext()) for th in table.find("thead").iter("th")]


def test_overdue_has_its_own_column_in_html(pack_html):
    overdue_rows = 0
    for table in pack_html.findall(".//table[@class='actions']"):
        columns = _columns(table)
        revised, overdue = columns.index("Revised"), columns.index("Overdue")
        for row in table.find("tbody"):
            cells = ["".join(c.itertext()) for c in row]
            assert "OVERDUE" not in cells[revised]
            assert cells[overdue] in ("", "OVERDUE")
            overdue_rows += cells[overdue] == "OVERDUE"
    assert overdue_rows >= 5


def test_overdue_has_its_own_column_in_markdown(demo_master, tmp_path):
    out = tmp_path / "pack.md"
    assert run_cli("report", str(demo_master), "--format", "md", "--out", str(out)).returncode == 0
    lines = out.read_text().splitlines()
    header = next(line for line in lines if line.startswith("| Action | Title |"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    revised, overdue = columns.index("Revised"), columns.index("Overdue")
    rows = [
        [c.strip() for c in line.strip("|").split("|")]
        for line in lines
        if line.startswith("| APP-") or line.startswith("| IP25-")
    ]
    assert rows and all(len(r) == len(columns) for r in rows)
    assert all("OVERDUE" not in r[revised] for r in rows)
    assert sum(r[overdue] == "OVERDUE" for r in rows) >= 5


HOSTILE = {
    # weakness title: a paragraph of its own, so block syntax at its start would take effect
    "W01": "# not a heading",
    "W02": "- not a list",
    "W03": "1. not a list either",
    "W04": "> not a quote",
    "W05": "<div onclick=x>not html</div>",
}


@pytest.fixture(scope="module")
def hostile_md(tmp_path_factory):
    import shutil

    from conftest import REPO

    folder = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(REPO / "data", folder)
    weaknesses = (folder / "weaknesses.toml").read_text()
    for code, title in HOSTILE.items():
        start = weaknesses.index(f'code = "{code}"')
        line_start = weaknesses.index("title = ", start)
        line_end = weaknesses.index("\n", line_start)
        weaknesses = weaknesses[:line_start] + f"title = {title!r}".replace("'", '"') + weaknesses[line_end:]
    (folder / "weaknesses.toml").write_text(weaknesses)
    update_rows(
        folder / "actions.csv",
        lambda r: r["id"] == "IP25-09.1",
        title="<script>alert(1)</script> [x](http://example.com) ![i](http://example.com/i.png) "
        "a | b *bold* _em_ ~~gone~~ `code` &amp; $x$ snake_case AT&T",
    )
    edit_csv(
        folder / "minutes.csv",
        lambda rows: rows.append(
            {
                **rows[-1],
                "item_order": "9",
                "kind": "decision",
                "weakness": "W09",
                "action": "",
                "text": "- [ ] not a task; # not a heading; 2) not a list",
                "owner": "",
                "due_date": "",
                "confidential": "false",
            }
        ),
    )
    pack = build_from(folder, folder.parent / "hostile.duckdb")
    out = folder.parent / "pack.md"
    assert run_cli("report", str(pack), "--format", "md", "--out", str(out)).returncode == 0
    return out.read_text()


def test_markdown_from_hostile_data_stays_text(hostile_md):
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    rendered = parser.render(hostile_md)
    for tag in ("<script", "<a ", "<img", "<em>", "<del>", "<s>", "<code>", "<blockquote>", "<div", "<ol", "<h1>not"):
        assert tag not in rendered, tag
    tokens = parser.parse(hostile_md)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert not any("not a heading" in h for h in headings)
    # The words arrive as typed: a pipe split no cell, a bracket made no link.
    seen = _unescaped(parser, hostile_md)
    for typed in (
        "# not a heading",
        "- not a list",
        "1. not a list either",
        "> not a quote",
        "<div onclick=x>not html</div>",
        "<script>alert(1)</script>",
        "[x](http://example.com)",
        "![i](http://example.com/i.png) a | b *bold* _em_ ~~gone~~ `code` &amp; $x$ snake_case AT&T",
        "- [ ] not a task; # not a heading; 2) not a list",
    ):
        assert typed in seen, typed
    # snake_case and AT&T need no escape, and get none.
    assert "snake_case AT&T" in hostile_md


def _unescaped(parser, source: str) -> str:
    """The text a reader sees: the rendered HTML with its tags removed and entities decoded."""
    import html
    import re

    return html.unescape(re.sub(r"<[^>]+>", "", parser.render(source)))


def test_markdown_escapes_only_what_markdown_reads(demo_master, tmp_path):
    out = tmp_path / "pack.md"
    assert run_cli("report", str(demo_master), "--format", "md", "--out", str(out)).returncode == 0
    text = out.read_text()
    assert "SEND & AP Improvement Board" in text and "(board secretary)" in text
    for over in ("\\&", "\\(", "\\)", "\\.", "\\-0", "\\'"):
        assert over not in text, over
