"""Data is shown as data: markup-looking text appears exactly as typed, does nothing when
clicked, and terminal control sequences never reach the screen."""

from __future__ import annotations

import pytest
from apphelp import make_app, screen_text, settle
from conftest import build_from, update_rows

from boardtui.app.screens.action_detail import ActionDetailScreen
from boardtui.app.screens.actions import ActionsScreen

HOSTILE = "[/] [@click=app.quit] [bold]x"
OSC = "\x1b]0;pwned\x07"
CSI = "\x1b[2J"


@pytest.fixture
def hostile_pack(tmp_path, data_copy):
    update_rows(
        data_copy / "actions.csv",
        lambda r: r["id"] == "IP25-09.1",
        title=HOSTILE,
        description=f"before{OSC}after {CSI}[red]red[/red]",
        action_lead="[i]Lead[/i]",
    )
    update_rows(
        data_copy / "minutes.csv",
        lambda r: r["meeting"] == "M19" and r["item_order"] == "4",
        action="IP25-09.1",
        text=f"Minute {HOSTILE} {OSC}tail",
        confidential="false",
        owner=f"Ann{CSI} Lee",
        due_date="2026-01-10",
    )
    update_rows(
        data_copy / "evidence.csv",
        lambda r: r["action"] == "IP25-10.1",
        action="IP25-09.1",
        description="[link=http://x]evidence[/link]",
    )
    weaknesses = data_copy / "weaknesses.toml"
    weaknesses.write_text(
        weaknesses.read_text().replace('short_name = "EHC plan quality"', 'short_name = "EHC [b]plan[/b] quality"')
    )
    measures = data_copy / "measures.toml"
    measures.write_text(
        measures.read_text()
        .replace('name = "Audited EHC plans rated good or better"', 'name = "Audited [/] plans"')
        .replace(
            'unit = "%"\nlower_is_better = false\n\n[[measure]]\ncode = "PARENT-SAT"',
            'unit = "%\\u001b]0;pwned\\u0007"\nlower_is_better = false\n\n[[measure]]\ncode = "PARENT-SAT"',
        )
    )
    return build_from(data_copy, tmp_path / "hostile.duckdb")


def no_control_characters(text: str) -> bool:
    return not any((ord(ch) < 32 and ch not in "\n") or 0x7F <= ord(ch) <= 0x9F for ch in text)


async def test_every_screen_shows_hostile_text_literally(hostile_pack):
    app = make_app(hostile_pack)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        seen = {}
        seen["dashboard"] = screen_text(app)
        assert "EHC [b]plan[/b] quality" in seen["dashboard"]
        await pilot.press(*["down"] * 8, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionsScreen)
        seen["actions"] = screen_text(app)
        assert HOSTILE in seen["actions"] and "[i]Lead[/i]" in seen["actions"]
        # Clicking the title does not run app.quit.
        row = app.screen.query_one("BoardTable").get_row_index("IP25-09.1")
        await pilot.click("BoardTable", offset=(15, row + 1))
        await pilot.pause()
        assert app.is_running
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen)
        seen["detail"] = screen_text(app)
        assert HOSTILE in seen["detail"]
        assert "beforeafter [red]red[/red]" in seen["detail"]
        assert f"Minute {HOSTILE} tail" in seen["detail"]
        assert "[link=http://x]evidence[/link]" in seen["detail"]
        assert "owner Ann Lee, due 10 Jan 2026" in seen["detail"]
        await pilot.press("escape", "w")
        await settle(pilot)
        seen["weakness"] = screen_text(app)
        assert "Audited [/] plans (%, higher is better)" in seen["weakness"]
        assert f"Minute {HOSTILE} tail" in seen["weakness"]
        await pilot.press("x")
        await settle(pilot)
        seen["exceptions"] = screen_text(app)
        assert HOSTILE in seen["exceptions"]  # IP25-09.1 is overdue in the demo
        await pilot.press("m")
        await settle(pilot)
        seen["matrix"] = screen_text(app)
        assert "EHC [b]plan[/b] quality" in seen["matrix"]
        await pilot.press("slash", *"click")
        await settle(pilot)
        seen["search"] = screen_text(app)
        assert HOSTILE in seen["search"]
        await pilot.press("escape", "ctrl+p", *"IP25-09.1")
        await settle(pilot)  # the palette's search is a worker
        seen["palette"] = screen_text(app)
        assert "IP25-09.1 [/] [@click=app.quit] [bold]x" in seen["palette"]
        await pilot.press("escape")
        await settle(pilot)
        assert app.is_running
        for name, text in seen.items():
            assert "pwned" not in text, name
            assert no_control_characters(text), name
    app.close_pack()
