"""Filter the actions list by BRAG, overdue, lead organisation and plan."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, Static

from boardtui.app.dialogs.base import Dialog
from boardtui.app.widgets.choice import ChoiceList
from boardtui.store.rows import ActionRow

ANY = "any"


@dataclass
class ActionFilter:
    brag: str = ANY  # B, R, A, G, "none" (unrated) or any
    overdue: str = ANY  # yes, no or any
    organisation: str = ANY
    plan: str = ANY

    @property
    def active(self) -> bool:
        return any(v != ANY for v in (self.brag, self.overdue, self.organisation, self.plan))

    def keeps(self, row: ActionRow) -> bool:
        if self.brag != ANY and (row.brag or "none") != self.brag:
            return False
        if self.overdue != ANY and bool(row.overdue) != (self.overdue == "yes"):
            return False
        if self.organisation != ANY and row.lead_org != self.organisation:
            return False
        return self.plan == ANY or row.plan == self.plan

    def describe(self) -> str:
        parts = []
        if self.brag != ANY:
            parts.append(f"BRAG {self.brag}")
        if self.overdue != ANY:
            parts.append("overdue" if self.overdue == "yes" else "not overdue")
        if self.organisation != ANY:
            parts.append(self.organisation)
        if self.plan != ANY:
            parts.append(f"plan {self.plan}")
        return " · ".join(parts)


BRAG_CHOICES = [
    (ANY, "any"),
    ("B", "B Blue - complete"),
    ("R", "R Red - off track"),
    ("A", "A Amber - at risk"),
    ("G", "G Green - on track"),
    ("none", "not yet rated"),
]
OVERDUE_CHOICES = [(ANY, "any"), ("yes", "overdue only"), ("no", "not overdue")]


class FilterDialog(Dialog[ActionFilter]):
    """Closes with the filter chosen, or None when cancelled. Enter moves down the choices and
    applies from the last; Ctrl+S applies from any; Delete clears every choice (letters typed
    in a list jump to a choice)."""

    BINDINGS = [Binding("delete", "clear", "Clear all", id="filter_clear")]

    def __init__(self, current: ActionFilter, organisations: list[str], plans: list[str]) -> None:
        super().__init__()
        self.current = current
        self.organisations = organisations
        self.plans = plans

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Filter actions", classes="dialog-title")
            yield Label("BRAG")
            yield ChoiceList(BRAG_CHOICES, self.current.brag, id="brag")
            yield Label("Overdue")
            yield ChoiceList(OVERDUE_CHOICES, self.current.overdue, id="overdue")
            yield Label("Lead organisation")
            yield ChoiceList(
                [(ANY, "any"), *((o, o) for o in self.organisations)], self.current.organisation, id="organisation"
            )
            yield Label("Plan")
            yield ChoiceList([(ANY, "any"), *((p, p) for p in self.plans)], self.current.plan, id="plan")
            yield Static(Text("Enter next · Ctrl+S applies · Delete clears all · Esc cancels", style="dim"))

    def submit(self) -> None:
        self.dismiss(
            ActionFilter(
                *(
                    self.query_one(f"#{name}", ChoiceList).value or ANY
                    for name in ("brag", "overdue", "organisation", "plan")
                )
            )
        )

    def action_clear(self) -> None:
        self.dismiss(ActionFilter())
