"""Filter the actions list by BRAG, overdue, lead organisation and plan."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Select

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

    def keeps(self, row: dict) -> bool:
        if self.brag != ANY and (row["brag"] or "none") != self.brag:
            return False
        if self.overdue != ANY and bool(row["overdue"]) != (self.overdue == "yes"):
            return False
        if self.organisation != ANY and row["lead_org"] != self.organisation:
            return False
        return self.plan == ANY or row["plan"] == self.plan

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


def _options(values: list[str]) -> list[tuple[Text, str]]:
    return [(Text("any"), ANY), *((Text(v), v) for v in values)]


class FilterDialog(ModalScreen[ActionFilter | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, current: ActionFilter, organisations: list[str], plans: list[str]) -> None:
        super().__init__()
        self.current = current
        self.organisations = organisations
        self.plans = plans

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label("Filter actions", classes="dialog-title")
            yield Label("BRAG")
            yield Select([(Text("any"), ANY), (Text("B Blue - complete"), "B"), (Text("R Red - off track"), "R"),
                          (Text("A Amber - at risk"), "A"), (Text("G Green - on track"), "G"),
                          (Text("not yet rated"), "none")], value=self.current.brag, allow_blank=False, id="brag")
            yield Label("Overdue")
            yield Select([(Text("any"), ANY), (Text("overdue only"), "yes"), (Text("not overdue"), "no")],
                         value=self.current.overdue, allow_blank=False, id="overdue")
            yield Label("Lead organisation")
            yield Select(_options(self.organisations), value=self.current.organisation
                         if self.current.organisation in self.organisations else ANY, allow_blank=False, id="organisation")
            yield Label("Plan")
            yield Select(_options(self.plans), value=self.current.plan if self.current.plan in self.plans else ANY,
                         allow_blank=False, id="plan")
            with Horizontal(classes="buttons"):
                yield Button("Apply", variant="primary", id="apply")
                yield Button("Clear all", id="clear")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "apply":
            self.dismiss(ActionFilter(*(self.query_one(f"#{name}", Select).value
                                        for name in ("brag", "overdue", "organisation", "plan"))))
        elif event.button.id == "clear":
            self.dismiss(ActionFilter())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
