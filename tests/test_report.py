"""The meeting pack and the public update: valid HTML, Markdown tables, nothing confidential or
personal in the public version, data escaped, and a meeting with no ratings yet."""

from __future__ import annotations

import csv

import html5lib
import pytest
from apphelp import make_app, settle
from conftest import REPO, build_from, run_cli, update_rows


def parse_errors(text: str) -> list:
    parser = html5lib.HTMLParser()
    parser.parse(text)
    return parser.errors


def report(pack, tmp_path, *args, name="out"):
    out = tmp_path / name
    result = run_cli("report", str(pack), *args, "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out.read_text(encoding="utf-8")


def _confidential_texts():
    with (REPO / "data" / "minutes.csv").open() as handle:
        return [r["text"] for r in csv.DictReader(handle) if r["confidential"] == "true"]


def _names():
    names = set()
    with (REPO / "data" / "members.csv").open() as handle:
        names |= {r["person"] for r in csv.DictReader(handle)}
    with (REPO / "data" / "actions.csv").open() as handle:
        for r in csv.DictReader(handle):
            names |= {r["action_lead"], r["senior_officer"]}
    return names - {"Head teacher representative"}


def test_html_pack_for_the_latest_meeting_is_valid_and_complete(demo_master, tmp_path):
    text = report(demo_master, tmp_path, "--meeting", "latest", "--format", "html")
    assert parse_errors(text) == []
    for n in range(1, 14):
        assert f'<h3><span class="id">W{n:02d}</span> ' in text
    assert "<caption>BRAG by area and meeting</caption>" in text
    assert text.count('<th scope="col">') > 19 and "<thead>" in text
    assert "<svg" in text and "<script" not in text and "http" not in text.replace("http-equiv", "")
    assert "@media print" in text and "Meeting pack" in text
    # Letters carry the meaning without colour.
    assert '<td class="brag R" title="Red - off track">R</td>' in text
    assert "Minutes</dt><dd>draft" in text and "Apologies</dt>" in text


def test_markdown_pack_uses_tables(demo_master, tmp_path):
    text = report(demo_master, tmp_path, "--meeting", "M19", "--format", "md")
    assert text.count("|---|") >= 15
    assert all(f"### W{n:02d} " in text for n in range(1, 14))
    assert "## Decisions and actions arising" in text and "## Actions arising due" in text


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_public_update_has_no_confidential_text_and_no_names(demo_master, tmp_path, fmt):
    for meeting in ("latest", "M10", "2022-04-28"):
        text = report(demo_master, tmp_path, "--meeting", meeting, "--format", fmt, "--public", name=f"{meeting}.{fmt}")
        assert "public version" in text
        plain = text.replace("\\", "")
        for secret in _confidential_texts():
            assert secret not in plain
        for name in _names():
            assert name not in plain, name
        assert "How the plan is going" in text  # plain-language headings
    # A confidential decision is in the board's own pack and nowhere in the public one.
    secret = "Fund two interim assessment coordinators"
    assert secret in report(demo_master, tmp_path, "--meeting", "M17", "--format", fmt, name=f"m17.{fmt}")
    assert secret not in report(
        demo_master, tmp_path, "--meeting", "M17", "--format", fmt, "--public", name=f"m17p.{fmt}"
    )
    # The board's own pack keeps the names the public one leaves out.
    private = report(demo_master, tmp_path, "--meeting", "latest", "--format", fmt, name=f"private.{fmt}")
    assert "Grace Lin" in private.replace("\\", "")


def test_text_from_the_data_is_escaped(tmp_path, data_copy):
    update_rows(
        data_copy / "actions.csv", lambda r: r["id"] == "IP25-09.1", title="<script>alert(1)</script> [bold]x | y"
    )
    pack = build_from(data_copy, tmp_path / "hostile.duckdb")
    page = report(pack, tmp_path, "--format", "html", name="p.html")
    assert "<script" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; [bold]x | y" in page
    assert parse_errors(page) == []
    md = report(pack, tmp_path, "--format", "md", name="p.md")
    # Escaped only where Markdown needs it: a tag, a link's brackets, a table's pipe.
    assert "\\<script>alert(1)\\</script> \\[bold\\]x \\| y" in md


def test_a_meeting_with_no_ratings_yet(tmp_path, data_copy):
    meetings = data_copy / "meetings.csv"
    text = meetings.read_text().replace(
        "M19,2025-11-20,board,Improvement Board - November 2025,draft,",
        "M19,2025-11-20,board,Improvement Board - November 2025,approved,M20",
    )
    meetings.write_text(text + "M20,2026-01-22,board,Improvement Board - January 2026,draft,\n")
    pack = build_from(data_copy, tmp_path / "next.duckdb")
    for fmt in ("html", "md"):
        page = report(pack, tmp_path, "--meeting", "2026-01-22", "--format", fmt, name=f"n.{fmt}")
        assert "No ratings have been recorded at this meeting yet" in page
        assert "22 Jan 2026" in page


def test_an_unknown_meeting_is_one_clear_line(demo_master, tmp_path):
    result = run_cli(
        "report", str(demo_master), "--meeting", "2020-01-01", "--format", "md", "--out", str(tmp_path / "x.md")
    )
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "no board meeting has that id or date" in result.stderr
    assert not (tmp_path / "x.md").exists()


async def test_p_writes_the_pack_for_the_meeting_shown(demo_pack, tmp_path):
    app = make_app(demo_pack, reports=tmp_path / "reports")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("left_square_bracket", "p")
        await settle(pilot)
        written = list((tmp_path / "reports").iterdir())
        assert [p.name for p in written] == ["pack-M18-2025-09-25.html"]
        assert parse_errors(written[0].read_text()) == []
    app.close_pack()
