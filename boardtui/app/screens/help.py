"""Help: the keys in force, the board's BRAG definitions, and how a weakness's BRAG is found."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from boardtui.app.keys import keys_in_force
from boardtui.app.render import brag, para
from boardtui.app.widgets.keybar import KeyBar
from boardtui.store.rows import RagDefinition

WEAKNESS_RULE = (
    "A weakness's BRAG at a meeting is the board's own rating of the weakness at that meeting "
    "when it recorded one (marked * on the dashboard). Otherwise it is derived from its actions' "
    "latest ratings as at that meeting: Red if any action is Red, else Amber if any is Amber, "
    "else Green if any is Green, and Blue only when every rated action is Blue. Direction "
    "compares with the same rule at the previous board meeting: ↑ better, → same, ↓ worse."
)
AS_AT_RULE = (
    "Everything is shown as at the meeting in the header. An action's BRAG is its latest rating "
    "at or before that meeting. It is overdue when the target in force then (a revised target "
    "counts from the date it was agreed) had passed and it was not Blue."
)


def key_label(keys: str) -> str:
    names = {
        "question_mark": "?",
        "slash": "/",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "escape": "Esc",
        "ctrl+p": "Ctrl+P",
        "full_stop": ".",
        "comma": ",",
    }
    return ", ".join(names.get(k.strip(), k.strip()) for k in keys.split(","))


class HelpScreen(Screen):
    CSS_PATH = "screens.tcss"  # read when first shown, not for the first frame
    BINDINGS = [Binding("escape,q,question_mark,f1", "app.pop_screen", "Close help")]

    def __init__(self, definitions: list[RagDefinition], keymap: dict[str, str]) -> None:
        super().__init__()
        self.definitions = definitions
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        text = Text()
        text.append("Keys\n", style="bold underline")
        rows = [
            *keys_in_force(self.keymap),
            ("up,down,j,k", "", "move"),
            ("enter", "", "drill in / open"),
            ("ctrl+p", "", "command palette: go to a weakness, action or meeting"),
        ]
        for keys, binding_id, explain in rows:
            text.append(f"  {key_label(keys):<16}", style="bold")
            text.append(explain)
            text.append(f"  ({binding_id})\n" if binding_id else "\n", style="dim")
        text.append(
            '\nKeys can be rebound in boardtui.toml under [keys], by the ids above (for example: exceptions = "x,f6").',
            style="italic",
        )
        # Side by side, so the definitions and rules are on screen with the keys.
        rules = Text()
        rules.append("The board's BRAG definitions\n", style="bold underline")
        for d in self.definitions:
            rules.append("  ")
            rules.append(brag(d.brag))
            rules.append(" ")
            rules.append(para(d.label, "bold"))
            rules.append(": ")
            rules.append(para(d.meaning))
            rules.append("\n")
        rules.append("\nHow a weakness gets its BRAG\n", style="bold underline")
        rules.append(WEAKNESS_RULE + "\n")
        rules.append("\nAs at a meeting\n", style="bold underline")
        rules.append(AS_AT_RULE + "\n")
        with VerticalScroll(id="detail"), Horizontal(id="help-columns"):
            yield Static(text, id="help-keys")
            yield Static(rules, id="help-rules")
        yield KeyBar()
