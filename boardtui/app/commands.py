"""Command palette (ctrl+p): go to any weakness or action by code or words, or to a meeting."""

from __future__ import annotations

from functools import partial

from textual import work
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.css.query import NoMatches
from textual.content import Content

from boardtui.app.access import BoardAppAccess
from boardtui.text import one_line

def literal_highlight(matcher: Matcher, text: str) -> Content:
    """Matcher.highlight parses its text as markup; this styles the matched characters of
    plain Content instead, so a title like "[/]" shows as typed and cannot break the palette."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        if not text[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


GO = {"weakness": "Go to weakness", "action": "Go to action", "meeting": "Show as at meeting"}
# Weaknesses listed before anything is typed. A board has a dozen or so; a national pack's
# 13,000 made Ctrl+P take 2.5 s to show a list nobody scrolls (typing searches them all).
DISCOVERED_WEAKNESSES = 100


class BoardCommands(BoardAppAccess, Provider):
    async def startup(self) -> None:
        # Off the UI thread in a worker, like every other query.
        views = self.board_app.views
        self.items = await self.app.run_worker(views.palette_items, thread=True, group="palette").wait()

    def _run(self, kind: str, target: str, weakness: str) -> None:
        if kind == "weakness":
            self.board_app.open_weakness(target)
        elif kind == "action":
            self.board_app.open_action(target, weakness)
        else:
            self.board_app.go_to_meeting(target)

    async def discover(self) -> Hits:
        weaknesses = 0
        for kind, target, weakness, label, _ in self.items:
            if kind == "action":
                continue
            if kind == "weakness":
                weaknesses += 1
                if weaknesses > DISCOVERED_WEAKNESSES:
                    continue
            yield DiscoveryHit(Content(one_line(label)), partial(self._run, kind, target, weakness), help=GO[kind])

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for kind, target, weakness, label, _ in self.items:
            text = one_line(label)
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, literal_highlight(matcher, text), partial(self._run, kind, target, weakness), help=GO[kind])


class BoardCommandPalette(CommandPalette):
    """Textual's palette, less two crashes that fast keys find (Textual 8.2; upstream, each
    should return where it now raises):

    - PageUp/PageDown before the command list has laid out its lines (no height yet, straight
      after Ctrl+P) raises KeyError in OptionList._move_page (_index_to_line is still empty):
      the page keys do nothing at that moment, which is all they could do.
    - Ctrl+P then Esc at once: the search worker started on mount runs after the palette has
      gone, and its first query_one(CommandList) raises NoMatches, which stops the app: there
      is nothing to search for then.
    """

    @work(exclusive=True, group=CommandPalette._GATHER_COMMANDS_GROUP)
    async def _gather_commands(self, search_value: str) -> None:
        try:
            await CommandPalette._gather_commands.__wrapped__(self, search_value)
        except NoMatches:
            if self.is_attached:
                raise

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:
            if action not in ("page_up", "page_down"):
                raise
