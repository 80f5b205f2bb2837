"""Data to Rich Text, never through markup: what the data says is what the screen shows."""

from __future__ import annotations

from datetime import date, datetime

from rich.text import Text

from boardtui.store.rows import ActionMinute, ActionRow, ExceptionRow, WeaknessMinute
from boardtui.text import clean, one_line

BRAG_STYLE = {
    "B": "bold white on #1f5fbf",
    "R": "bold white on #b3261e",
    "A": "bold black on #f2a900",
    "G": "bold white on #2e7d32",
}
BRAG_WORD = {"B": "Blue", "R": "Red", "A": "Amber", "G": "Green"}


def plain(value: object, style: str = "") -> Text:
    """A table cell: the value's characters exactly, control sequences removed."""
    return Text(one_line(value), style=style, no_wrap=True, overflow="ellipsis")


def para(value: object, style: str = "") -> Text:
    """A block of text, line breaks kept."""
    return Text(clean(value), style=style)


def brag(letter: str | None, *, word: bool = False) -> Text:
    """The letter always carries the meaning; the colour only helps."""
    if not letter:
        return Text("·", style="dim")
    label = f" {letter} " if not word else f" {letter} {BRAG_WORD[letter]} "
    return Text(label, style=BRAG_STYLE.get(letter, ""))


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime("%d %b %Y %H:%M") if isinstance(value, datetime) else value.strftime("%d %b %Y")


def number(value: int) -> Text:
    return Text(str(value), style="dim" if value == 0 else "")


def overdue(flag: bool | None) -> Text:
    return Text("OVERDUE", style="bold red") if flag else Text("")


def direction(arrow: str | None) -> Text:
    style = {"↑": "green", "↓": "bold red", "→": ""}.get(arrow or "", "")
    return Text(arrow or "", style=style, justify="center")


def section(title: str) -> Text:
    # A styled span, not the Text's base style: whatever is appended after it stays plain.
    out = Text("\n")
    out.append(title, style="bold underline")
    return out


def field(label: str, value: object) -> Text:
    """A labelled one-line field (a lead, an organisation, a date): a line break typed into the
    value is folded to a space, so it never spills under the next label."""
    line = Text(f"{label:<22}", style="bold")
    line.append(value if isinstance(value, Text) else Text(one_line(value)))
    return line


def minute_line(item: ActionMinute | WeaknessMinute, *, show_action: bool = False, show_owner: bool = False) -> Text:
    """One minute item: meeting, date, kind, confidential mark, (action), text, (owner)."""
    line = Text(f"{one_line(item.meeting):<4} {day(item.date):<12} {item.kind:<15}")
    if item.confidential:
        line.append("CONFIDENTIAL ", style="bold magenta")
    action = item.action if isinstance(item, WeaknessMinute) else None
    if show_action and action:
        line.append(plain(action, "bold"))
        line.append(": ")
    line.append(para(item.text))
    if show_owner and item.owner:
        line.append(Text(f"  owner {one_line(item.owner)}, due {day(item.due_date)}", style="dim"))
    return line


def action_cells(row: ActionRow | ExceptionRow) -> dict[str, Text]:
    """The cells of an action row, shared by the actions list and the exceptions view."""
    listed = row if isinstance(row, ActionRow) else None  # the exceptions have no plan or rating date
    return {
        "id": plain(row.id, "bold"),
        "title": plain(row.title),
        "lead": plain(row.action_lead),
        "org": plain(row.lead_org),
        "plan": plain(listed.plan if listed else None),
        # The target in force at the meeting shown (* when it is a revision); the original beside it.
        "target": plain(day(row.target_in_force) + ("*" if row.revised_as_at else "")),
        "original": plain(day(row.target_date) if row.revised_as_at else ""),
        "overdue": overdue(row.overdue),
        "brag": brag(row.brag),
        "dir": direction(row.direction),
        "rated": plain(day(listed.last_rated if listed else None)),
    }
