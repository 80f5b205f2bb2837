"""What an import will do, worked out in full before anything is written, and how it is told:
per action, what is added or changed and at which meeting."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from boardtui.store.importer.values import day, quote


@dataclass(frozen=True)
class Problem:
    """One sentence naming the cell (or the file, or the mapping file's key) and what to write."""

    text: str
    row: int | None = None  # for listing a sheet's problems in reading order
    column: int | None = None

    def __str__(self) -> str:
        return self.text

    @property
    def order(self) -> tuple[Any, ...]:
        return (self.row is None, self.row or 0, self.column or 0)


@dataclass
class ActionChange:
    row: int
    what: list[str] = field(default_factory=list)  # added, or fields changed
    ratings: list[tuple[str, str]] = field(default_factory=list)  # (BRAG, meeting)
    updates: list[str] = field(default_factory=list)  # progress updates, described


@dataclass
class Plan:
    notes: list[str] = field(default_factory=list)  # how the file was read, for every outcome
    meetings: list[dict[str, Any]] = field(default_factory=list)  # board meetings to create
    actions_new: list[dict[str, Any]] = field(default_factory=list)
    actions_changed: list[tuple[dict[str, Any], dict[str, Any]]] = field(default_factory=list)  # (old, new)
    ratings: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)  # officers' progress updates
    minutes: list[dict[str, Any]] = field(default_factory=list)
    measure_values: list[dict[str, Any]] = field(default_factory=list)
    changes: dict[str, ActionChange] = field(default_factory=dict)  # per action, in file order
    meeting_dates: dict[str, date] = field(default_factory=dict)  # meeting id -> date, for telling

    @property
    def empty(self) -> bool:
        return not (
            self.meetings
            or self.actions_new
            or self.actions_changed
            or self.ratings
            or self.updates
            or self.minutes
            or self.measure_values
        )

    def change(self, action: str, row: int) -> ActionChange:
        return self.changes.setdefault(action, ActionChange(row))

    def at(self, meeting: str | None) -> str:
        """A meeting as people say it: its id and date (a created meeting's id is its date)."""
        if meeting is None:
            return "no meeting"
        when = self.meeting_dates.get(meeting)
        return f"{meeting} ({day(when)})" if when and when.isoformat() not in meeting else meeting

    def describe(self, done: bool = False) -> list[str]:
        """Lines for the terminal: how the file was read, each action's changes, the counts;
        ``done``: said of an import made, not a dry run."""
        out = list(self.notes)
        for action, change in self.changes.items():
            parts = list(change.what)
            if change.ratings:
                parts.append("rated " + ", ".join(f"{brag} at {self.at(m)}" for brag, m in change.ratings))
            parts += change.updates
            out.append(f"{action} (row {change.row}): {'; '.join(parts)}")
        for m in self.minutes:
            out.append(f"{m['kind']} at {self.at(m['meeting'])} (row {m['row']}): {quote(m['text'])}")
        for v in self.measure_values:
            was = "" if v["old"] is None else f" (was {v['old']:g})"
            out.append(
                f"{v['measure']} for the period ending {day(v['period_end'])} (row {v['row']}): {v['value']:g}{was}"
            )
        for m in self.meetings:
            out.append(
                f"board meeting {m['id']} on {day(m['date'])} {'created' if done else 'to create'}, minutes draft"
            )
        at = sorted({r["meeting"] for r in self.ratings}, key=lambda m: (self.meeting_dates.get(m) or date.min, m))
        ratings = f"{len(self.ratings)} rating(s)" + (f" at {', '.join(self.at(m) for m in at)}" if at else "")
        if self.empty:
            out.append("nothing to add or change: the pack already holds everything in the file")
            return out
        out.append(
            f"{len(self.actions_new)} action(s) {'added' if done else 'to add'}, {len(self.actions_changed)} "
            f"{'changed' if done else 'to change'}; {ratings}; {len(self.updates)} progress update(s); "
            f"{len(self.minutes)} minute item(s); {len(self.measure_values)} measure value(s); "
            f"{len(self.meetings)} meeting(s) {'created' if done else 'to create'}"
        )
        return out
