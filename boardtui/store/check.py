"""'boardtui check': schema version, row counts and problems in a pack."""

from __future__ import annotations

from dataclasses import dataclass

from boardtui.store.db import Store
from boardtui.store.queries import dicts, rows


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
            out += [f"  {p['kind']}: {p['key']} {p['detail']}" for p in self.problems]
        else:
            out.append("no problems found")
        return out


def check_pack(store: Store) -> CheckReport:
    cur = store.cursor()
    try:
        return CheckReport(
            schema_version=store.schema_version,
            counts=[(name, count) for name, count in rows(cur, "check_row_counts")],
            problems=dicts(cur, "check_problems"),
        )
    finally:
        cur.close()
