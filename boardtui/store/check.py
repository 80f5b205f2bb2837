"""'boardtui check': whether a pack is sound, its schema version, row counts and problems."""

from __future__ import annotations

from dataclasses import dataclass

from boardtui.store.db import Store, reading, verify_sound
from boardtui.store.queries import dicts
from boardtui.text import one_line


@dataclass
class CheckReport:
    schema_version: int
    counts: list[tuple[str, int]]
    problems: list[dict[str, str]]

    @property
    def sound(self) -> bool:
        return not self.problems

    def lines(self) -> list[str]:
        out = [f"schema version {self.schema_version}"]
        out += [f"{name:<16} {count:>8}" for name, count in self.counts]
        if self.problems:
            out.append(f"{len(self.problems)} problem(s):")
            out += [f"  {one_line(p['kind'])}: {one_line(p['key'])} {one_line(p['detail'])}" for p in self.problems]
        else:
            out.append("no problems found")
        return out


def check_pack(store: Store) -> CheckReport:
    """Read every table and every block first (BoardError if the pack is damaged), then look
    for problems in what it says."""
    counts = verify_sound(store)
    with reading(store.path):
        cur = store.cursor()
        try:
            problems = dicts(cur, "check_problems")
        finally:
            cur.close()
    log = store.log
    if log is not None and log.changes:
        # Whole (a damaged log is refused on opening), but not in the pack's file: boardtui
        # saves each change into the file as it confirms it, so a program stopped in between.
        problems.insert(
            0,
            {
                "kind": "log",
                "key": log.path.name,
                "detail": (
                    f"holds {log.changes} change(s) not yet saved into {store.path.name} itself (the program writing it "
                    "stopped first): keep the two files together; opening the pack in boardtui and closing it "
                    "saves them into it"
                ),
            },
        )
    return CheckReport(schema_version=store.schema_version, counts=counts, problems=problems)
