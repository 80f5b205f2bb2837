"""Small board packs written as text (the same files as data/) and built into a DuckDB file, for
the rule tests; and the board's rules read plainly in Python, to check the app's answers against.

A pack is described by a `Board`: weaknesses, board meetings (and other meetings), judgements,
actions, one rating per action per meeting (the wide ratings.csv trackers use) and the board's
own weakness ratings. `write_board` turns it into the text files `build_pack` reads.

`Rules` is the plain reading of the rules the help screen and README state, written without the
SQL's shortcuts: an action's BRAG as at a meeting is its latest rating at or before that meeting;
direction compares with the previous board meeting; overdue when the target in force then had
passed and the BRAG is not Blue, a revised target counting from the date it was agreed; a
weakness's BRAG is the board's own rating at that meeting, else the worst of its live actions'
(Blue only when all are Blue); monitoring from the judgements on or before the meeting's date.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from boardtui.store.build import build_pack
from boardtui.store.db import open_store

REPO = Path(__file__).resolve().parent.parent
RANK = {"R": 1, "A": 2, "G": 3, "B": 4}
ENDED = ("carried forward", "withdrawn")  # statuses that take an action off the record once closed
OFF_MONITORING = ("sufficient", "left formal monitoring")
# The outcomes that say whether a weakness is monitored; others (the inspection's finding) do not.
MONITORING_OUTCOMES = (*OFF_MONITORING, "not sufficient", "remains under monitoring")


@dataclass
class Meeting:
    id: str
    date: date
    kind: str = "board"


@dataclass
class Action:
    id: str
    weakness: str
    start: date
    target: date
    revised: date | None = None
    revised_on: date | None = None
    status: str = "open"
    closed: date | None = None


@dataclass
class Judgement:
    weakness: str
    date: date
    outcome: str


@dataclass
class Board:
    weaknesses: list[str]
    meetings: list[Meeting]
    actions: list[Action] = field(default_factory=list)
    ratings: dict[tuple[str, str], str] = field(default_factory=dict)  # (action, meeting) -> BRAG
    own: dict[tuple[str, str], str] = field(default_factory=dict)  # (weakness, meeting) -> BRAG
    judgements: list[Judgement] = field(default_factory=list)


def _csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in row] for row in rows])


def write_board(board: Board, folder: Path) -> Path:
    """The board as the text files build_pack reads."""
    folder.mkdir(parents=True)
    shutil.copy(REPO / "data" / "rationales.toml", folder / "rationales.toml")
    (folder / "board.toml").write_text(
        '[board]\nname = "Rules board"\narea = "Test area"\n\n'
        + "".join(f'[[rag]]\nbrag = "{b}"\nlabel = "{b}"\nmeaning = "{b}"\n\n' for b in "BGAR")
        + '[[plan]]\ncode = "P"\ntitle = "Plan"\n',
        encoding="utf-8",
    )
    (folder / "weaknesses.toml").write_text(
        "".join(
            f'[[weakness]]\ncode = "{w}"\nshort_name = "{w} name"\ntheme = "t"\ntitle = "{w} title"\n\n'
            for w in board.weaknesses
        ),
        encoding="utf-8",
    )
    (folder / "measures.toml").write_text("measure = []\n", encoding="utf-8")
    _csv(
        folder / "meetings.csv",
        ["id", "date", "kind", "title", "minutes_status", "approved_at"],
        [[m.id, m.date, m.kind, f"Meeting {m.id}", "draft", None] for m in board.meetings],
    )
    first, last = board.meetings[0].id, board.meetings[-1].id
    _csv(
        folder / "members.csv",
        ["person", "role", "organisation", "first_meeting", "last_meeting", "attends_reviews", "apologies"],
        [["Sam Secretary", "Board secretary", "Council", first, last, "yes", None]],
    )
    _csv(
        folder / "judgements.csv",
        ["weakness", "date", "body", "outcome", "source", "note"],
        [[j.weakness, j.date, "DfE/NHS England review", j.outcome, "test", None] for j in board.judgements],
    )
    _csv(
        folder / "actions.csv",
        [
            "id",
            "weakness",
            "plan",
            "title",
            "description",
            "success_criteria",
            "action_lead",
            "senior_officer",
            "lead_org",
            "start_date",
            "target_date",
            "revised_target_date",
            "target_revised_on",
            "status",
            "closed_date",
            "carried_forward_from",
        ],
        [
            [
                a.id,
                a.weakness,
                "P",
                f"Action {a.id}",
                None,
                None,
                "Lee Lead",
                "Sue Senior",
                "Council",
                a.start,
                a.target,
                a.revised,
                a.revised_on,
                a.status,
                a.closed,
                None,
            ]
            for a in board.actions
        ],
    )
    _csv(
        folder / "ratings.csv",
        ["action", *[m.id for m in board.meetings]],
        [[a.id, *[board.ratings.get((a.id, m.id)) for m in board.meetings]] for a in board.actions],
    )
    _csv(
        folder / "weakness_ratings.csv",
        ["weakness", "meeting", "brag", "rationale"],
        [[w, m, brag, "The board's own view"] for (w, m), brag in board.own.items()],
    )
    _csv(
        folder / "minutes.csv",
        ["meeting", "item_order", "kind", "weakness", "action", "text", "owner", "due_date", "confidential"],
        [],
    )
    _csv(folder / "evidence.csv", ["action", "date", "description", "reference"], [])
    _csv(folder / "measure_values.csv", ["measure", "period_end", "value", "note"], [])
    return folder


def build_board(board: Board, folder: Path, empty: Path | None = None) -> Path:
    """The board's pack, built from its text files in ``folder``; ``empty``: a copy of this
    empty pack (made once) is filled, instead of making the schema again."""
    pack = folder / "pack.duckdb"
    if empty is not None:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(empty, pack)
    store = open_store(pack, create=True)
    try:
        build_pack(store.con, write_board(board, folder / "data"))
    finally:
        store.close()
    return pack


def empty_pack(path: Path) -> Path:
    """A pack with the schema and nothing in it, to copy."""
    open_store(path, create=True).close()
    return path


class Rules:
    """The rules, read plainly, for one board."""

    def __init__(self, board: Board) -> None:
        self.board = board
        self.when = {m.id: m.date for m in board.meetings}
        # Board meetings in order; each with the one before it.
        self.board_meetings = sorted((m for m in board.meetings if m.kind == "board"), key=lambda m: (m.date, m.id))

    def previous(self, meeting: str) -> Meeting | None:
        ids = [m.id for m in self.board_meetings]
        at = ids.index(meeting)
        return self.board_meetings[at - 1] if at else None

    @staticmethod
    def live(action: Action, day: date | None) -> bool:
        """Started by then, and not yet replaced (carried forward) or withdrawn."""
        if day is None:
            return False
        return action.start <= day and not (action.status in ENDED and action.closed <= day)

    def brag(self, action: Action, day: date | None) -> str | None:
        """Its latest rating at a meeting on or before the day (none before the first meeting)."""
        if day is None:
            return None
        given = [
            (self.when[m], m) for (a, m), _ in self.board.ratings.items() if a == action.id and self.when[m] <= day
        ]
        return self.board.ratings[(action.id, max(given)[1])] if given else None

    def last_rated(self, action: Action, day: date) -> date | None:
        return max(
            (self.when[m] for (a, m) in self.board.ratings if a == action.id and self.when[m] <= day), default=None
        )

    @staticmethod
    def direction(now: str | None, before: str | None) -> str:
        if now is None or before is None:
            return ""
        return "↑" if RANK[now] > RANK[before] else "↓" if RANK[now] < RANK[before] else "→"

    @staticmethod
    def target_in_force(action: Action, day: date) -> date:
        agreed = action.revised_on is not None and action.revised_on <= day
        return action.revised if agreed else action.target

    def overdue(self, action: Action, day: date) -> bool:
        return self.brag(action, day) != "B" and self.target_in_force(action, day) < day

    def action_row(self, action: Action, meeting: str) -> dict:
        day = self.when[meeting]
        before = self.previous(meeting)
        now = self.brag(action, day)
        agreed = action.revised_on is not None and action.revised_on <= day
        return {
            "id": action.id,
            "brag": now,
            "direction": self.direction(now, self.brag(action, before and before.date)),
            "overdue": self.overdue(action, day),
            "revised_as_at": action.revised if agreed else None,
            "last_rated": self.last_rated(action, day),
        }

    def actions(self, weakness: str, meeting: str) -> list[dict]:
        day = self.when[meeting]
        return sorted(
            (self.action_row(a, meeting) for a in self.board.actions if a.weakness == weakness and self.live(a, day)),
            key=lambda r: r["id"],
        )

    def exceptions(self, meeting: str) -> list[dict]:
        return sorted(
            (r for w in self.board.weaknesses for r in self.actions(w, meeting) if r["brag"] == "R" or r["overdue"]),
            key=lambda r: r["id"],
        )

    @staticmethod
    def worst(brags: list[str | None]) -> str | None:
        rated = [b for b in brags if b is not None]
        return min(rated, key=RANK.__getitem__) if rated else None

    def derived(self, weakness: str, meeting: Meeting | None) -> str | None:
        """The worst latest rating among its actions live at the meeting (Blue only if all are)."""
        if meeting is None:
            return None
        return self.worst(
            [
                self.brag(a, meeting.date)
                for a in self.board.actions
                if a.weakness == weakness and self.live(a, meeting.date)
            ]
        )

    def weakness_brag(self, weakness: str, meeting: Meeting | None) -> str | None:
        if meeting is None:
            return None
        return self.board.own.get((weakness, meeting.id)) or self.derived(weakness, meeting)

    def monitoring(self, weakness: str, day: date) -> tuple[bool, str]:
        made = [
            j
            for j in self.board.judgements
            if j.weakness == weakness and j.date <= day and j.outcome in MONITORING_OUTCOMES
        ]
        if not made:
            return True, "monitored"
        latest = max(made, key=lambda j: j.date)  # the generator gives one judgement per weakness and day
        if latest.outcome in OFF_MONITORING:
            return False, f"{latest.outcome}, {latest.date:%b %Y}"
        return True, "monitored"

    def dashboard(self, meeting: str) -> list[dict]:
        day = self.when[meeting]
        here = next(m for m in self.board_meetings if m.id == meeting)
        out = []
        for w in self.board.weaknesses:
            rows = self.actions(w, meeting)
            monitored, status = self.monitoring(w, day)
            out.append(
                {
                    "code": w,
                    "monitored": monitored,
                    "monitoring": status,
                    "brag": self.weakness_brag(w, here),
                    "board_rated": (w, meeting) in self.board.own,
                    **{letter.lower(): sum(r["brag"] == letter for r in rows) for letter in "BRAG"},
                    # Still to rate here: live, not complete by then, not rated at this meeting.
                    "unrated": sum(
                        1
                        for a in self.board.actions
                        if a.weakness == w
                        and self.live(a, day)
                        and not (a.status == "complete" and a.closed <= day)
                        and (self.last_rated(a, day) or date.min) < day
                    ),
                    "overdue_actions": sum(r["overdue"] for r in rows),
                    "direction": self.direction(
                        self.weakness_brag(w, here), self.weakness_brag(w, self.previous(meeting))
                    ),
                }
            )
        return out

    def matrix(self) -> dict[tuple[str, str], dict]:
        return {
            (w, m.id): {"brag": self.weakness_brag(w, m), "board_rated": (w, m.id) in self.board.own}
            for m in self.board_meetings
            for w in self.board.weaknesses
        }

    def agenda(self, meeting: str) -> list[tuple]:
        """Each weakness monitored then, or with a red or overdue action then: (code, monitored,
        BRAG, derived BRAG, rated by the board here, direction)."""
        day = self.when[meeting]
        here = next(m for m in self.board_meetings if m.id == meeting)
        out = []
        for w in self.board.weaknesses:
            monitored, _ = self.monitoring(w, day)
            flagged = any(r["brag"] == "R" or r["overdue"] for r in self.actions(w, meeting))
            if monitored or flagged:
                now = self.weakness_brag(w, here)
                out.append(
                    (
                        w,
                        monitored,
                        now,
                        self.derived(w, here),
                        (w, meeting) in self.board.own,
                        self.direction(now, self.weakness_brag(w, self.previous(meeting))),
                    )
                )
        return out
