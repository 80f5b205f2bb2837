"""The publication review: every word that looks like a person's or a school's name in what a
public output would carry, each with where it was found. h withholds it and s keeps it (shows it
as written), for every public update and public snapshot from now on; each decision is audited
and u undoes it. Confidential actions arising are listed too: t gives one a neutral public
title (blank: it stays out of public outputs)."""

from __future__ import annotations

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult

from boardtui.app.keys import REVIEW_BINDINGS
from boardtui.app.reads import ReviewPage, ReviewRead
from boardtui.app.render import plain
from boardtui.app.screens.base import DataScreen
from boardtui.app.widgets.line import FixedLine
from boardtui.app.widgets.table import BoardTable, Col

COLUMNS = [
    Col("words", "Words", 24),
    Col("looks", "Looks like", 20, priority=2),
    Col("decision", "Decision", 12),
    Col("found", "Found in", None, min_width=30),
]
DECIDED = {"withhold": Text("withheld", style="bold"), "keep": Text("kept")}


def _heading(title: str) -> dict:
    return {"words": Text(title, style="bold underline")}


class ReviewScreen(DataScreen):
    BINDINGS = REVIEW_BINDINGS
    crumb = "Publication review"

    def __init__(self) -> None:
        super().__init__()
        self.page = ReviewPage([], [])

    def compose_body(self) -> ComposeResult:
        yield FixedLine(id="review-summary", classes="status-line")
        yield BoardTable(COLUMNS, id="review")
        yield FixedLine(id="review-detail", classes="row-detail")

    def loading_target(self):
        return self.query_one(BoardTable)

    def current_read(self) -> ReviewRead:
        return ReviewRead(self.board_app.views.generation)

    def show(self, data: ReviewPage) -> None:
        self.page = data
        undecided = sum(1 for c in data.candidates if c.decision is None)
        rows: list[tuple[str, dict]] = []
        if data.candidates:
            rows.append(("h:words", _heading(f"Words that look like names ({undecided} to decide)")))
        for c in data.candidates:
            decision = DECIDED[c.decision].copy() if c.decision else Text("to decide", style="bold reverse")
            rows.append(
                (
                    f"c:{c.key}",
                    {
                        "words": plain(c.words, "bold"),
                        "looks": plain(c.looks_like),
                        "decision": decision,
                        "found": plain(c.places[0] if c.places else ""),
                    },
                )
            )
        if data.actions:
            rows.append(("h:actions", _heading(f"Confidential actions arising ({len(data.actions)})")))
        for a in data.actions:
            state = plain(f"as: {a.public_title}") if a.public_title else Text("left out")
            rows.append(
                (
                    f"a:{a.id}",
                    {
                        "words": plain(a.id, "bold"),
                        "looks": Text("confidential action"),
                        "decision": state,
                        "found": plain(f"{a.meeting} item {a.item_order}: {a.minute}"),
                    },
                )
            )
        table = self.query_one(BoardTable)
        table.fill(rows)
        table.focus()
        summary = (
            f"{len(data.candidates)} word(s) that look like names in the public outputs, {undecided} to "
            "decide · h withholds · s keeps (shows it) · t gives a confidential action a public title"
        )
        if not data.candidates and not data.actions:
            summary = "Nothing to decide: no word in the public outputs looks like a name."
        self.query_one("#review-summary", FixedLine).show_text(plain(summary))
        self._show_detail(table.selected_key)

    def on_board_table_row_highlighted(self, event: BoardTable.RowHighlighted) -> None:
        self._show_detail(event.key)

    def _show_detail(self, key: str | None) -> None:
        line = Text()
        candidate = self._candidate(key)
        if candidate is not None:
            line.append(plain(f"{candidate.words} ({candidate.looks_like}?)", "bold"))
            for place in candidate.places:
                line.append("  ")
                line.append(plain(place))
        self.query_one("#review-detail", FixedLine).show_text(line)

    def _candidate(self, key: str | None):
        if not key or not key.startswith("c:"):
            return None
        return next((c for c in self.page.candidates if c.key == key[2:]), None)

    def _selected_candidate(self):
        candidate = self._candidate(self.query_one(BoardTable).selected_key)
        if candidate is None:
            self.board_app.notify("Choose words to decide first (h withholds, s keeps).", timeout=4)
            raise SkipAction()
        return candidate

    def action_withhold(self) -> None:
        self.board_app.recording.decide_publication(self._selected_candidate(), "withhold")

    def action_keep(self) -> None:
        self.board_app.recording.decide_publication(self._selected_candidate(), "keep")

    def action_public_title(self) -> None:
        key = self.query_one(BoardTable).selected_key or ""
        action = next((a for a in self.page.actions if f"a:{a.id}" == key), None)
        if action is None:
            self.board_app.notify("Choose a confidential action arising first (t gives it a public title).", timeout=4)
            raise SkipAction()
        self.board_app.recording.public_title(action)
