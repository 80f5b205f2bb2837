"""Officers' own views of the pack: an officer's actions across every weakness, and, for the
secretary, whose returns are due for the next board meeting.

- ``my_actions``: the actions a person leads or oversees (action lead or senior officer), with
  their targets, last BRAG, and where the update since the last meeting is: drafted (in the
  officer's draft return), written in this pack and not sent, sent, received by the secretary
  (submitted), accepted or declined; or none yet.
- ``returns_due``: the actions open for the next board meeting, grouped by lead officer, and for
  each whether an update has come since the last board meeting (in the pack, or in a return
  waiting in the returns folder), so a reminder can be written to those who have not sent one.

"The next meeting" is the latest board meeting with draft minutes that has not happened yet (as
the update form offers it), else the next one, not set up yet. "Since the last meeting" is since
the board meeting before it. Nothing here writes; every statement is in queries/officer_*.sql.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardtui.store.queries import dicts
from boardtui.text import cut, one_line

if TYPE_CHECKING:
    import duckdb

    from boardtui.store.db import Store


# The meetings an update is counted for ---------------------------------------------------------
@dataclass(frozen=True)
class Window:
    """The next board meeting (None: not set up yet) and the last one, which updates count from."""

    next_id: str | None
    next_date: date | None
    last_id: str | None
    last_date: date | None

    @property
    def since(self) -> date:
        return self.last_date or date.min

    def next_words(self) -> str:
        return f"{self.next_id} ({self.next_date:%d %b %Y})" if self.next_id else "the next board meeting"

    def last_words(self) -> str:
        return f"{self.last_id} ({self.last_date:%d %b %Y})" if self.last_id else "the start"


def window(cur: duckdb.DuckDBPyConnection, today: date | None = None) -> Window:
    today = today or date.today()
    meetings = dicts(cur, "officer_meetings")
    ahead = [m for m in meetings if m["minutes_status"] == "draft" and m["date"] >= today]
    nxt = ahead[-1] if ahead else None
    before = [m for m in meetings if (m["date"], m["id"]) < ((nxt["date"], nxt["id"]) if nxt else (today, "\uffff"))]
    last = before[-1] if before else None
    return Window(
        nxt["id"] if nxt else None,
        nxt["date"] if nxt else None,
        last["id"] if last else None,
        last["date"] if last else None,
    )


# Where an update is --------------------------------------------------------------------------
@dataclass(frozen=True)
class Seen:
    """An update on an action since the last meeting, wherever it is."""

    action: str
    author: str
    written_at: datetime
    state: str  # drafted, not sent / written, not sent / sent / received / accepted / declined / waiting to be imported
    sent: bool  # it has left the officer (or is in the board's pack)
    when: datetime | None = None  # when it was sent, when known
    progress: str = ""

    def short(self, person: str | None = None) -> str:
        """For a list's cell: the state, who (when not ``person``) and the day it was written."""
        by = "" if person is not None and _key(self.author) == _key(person) else f" by {self.author}"
        return f"{self.state}{by}, {self.written_at:%d %b}"

    def words(self, person: str | None = None) -> str:
        by = "" if person is not None and _key(self.author) == _key(person) else f" by {self.author}"
        when = f" {self.when:%d %b}" if self.when is not None and self.state == "sent" else ""
        return f"{self.state}{when}{by} (written {self.written_at:%d %b %Y})"


def _key(name: str | None) -> str:
    """As person_key in queries/macros.sql: a name compared without capitals, spacing or title."""
    import re

    text = re.sub(r"\s+", " ", (name or "").strip().lower())
    return re.sub(r"^(dr|mr|mrs|ms|miss|mx|prof|professor|cllr|sir|dame)\.? ", "", text)


def _from_pack(row: dict[str, Any], *, board_pack: bool) -> Seen:
    if row["state"] in ("accepted", "declined"):
        state, sent = row["state"], True
    elif row["source"] != "written here":  # from a return, or a tracker: the secretary has it
        state, sent = "received", True
    elif row["sent_at"] is not None:
        state, sent = "sent", True
    elif board_pack:
        state, sent = "in the pack", True
    else:
        state, sent = "written, not sent", False
    return Seen(row["action"], row["author"], row["written_at"], state, sent, row["sent_at"], row["progress"])


def _from_draft(update: Any) -> Seen:
    if update.sent_at is not None:
        return Seen(update.action, update.author, update.written_at, "sent", True, update.sent_at, update.progress)
    return Seen(update.action, update.author, update.written_at, "drafted, not sent", False, None, update.progress)


def _latest(found: Iterable[Seen]) -> dict[str, Seen]:
    """The latest update on each action."""
    out: dict[str, Seen] = {}
    for seen in found:
        if seen.action not in out or seen.written_at >= out[seen.action].written_at:
            out[seen.action] = seen
    return out


def _in_pack(cur: duckdb.DuckDBPyConnection, win: Window, *, board_pack: bool) -> list[Seen]:
    rows = dicts(cur, "officer_updates_since", since=win.since, next=win.next_id)
    return [_from_pack(r, board_pack=board_pack) for r in rows]


# My actions ----------------------------------------------------------------------------------
@dataclass
class MyActions:
    person: str
    window: Window
    actions: list[dict[str, Any]]  # each action's row, with "role" and "update" (Seen or None)
    people: list[dict[str, Any]]  # everyone who leads or oversees an open action, to choose from

    @property
    def open(self) -> list[dict[str, Any]]:
        return [a for a in self.actions if a["status"] == "open"]

    def summary(self) -> str:
        opened = self.open
        if not self.actions:
            return (
                f"No action names {self.person} as its lead or senior officer; choose who you are (c), or set "
                "user in boardtui.toml to your name as the board knows it."
            )
        sent = sum(1 for a in opened if a["update"] is not None and a["update"].sent)
        drafted = sum(1 for a in opened if a["update"] is not None and not a["update"].sent)
        late = sum(1 for a in opened if a["overdue"])
        return (
            f"{self.person}: {len(opened)} open action(s) ({sum(1 for a in opened if a['leads'])} as lead), "
            f"{late} overdue; updates for {self.window.next_words()} since {self.window.last_words()}: "
            f"{sent} sent, {drafted} not sent yet, {len(opened) - sent - drafted} to write"
        )


def role(row: dict[str, Any]) -> str:
    return (
        "lead and senior officer" if row["leads"] and row["oversees"] else "lead" if row["leads"] else "senior officer"
    )


def my_actions(
    store: Store, person: str, meeting: str | None, drafts: Iterable[Any] = (), today: date | None = None
) -> MyActions:
    """The actions ``person`` leads or oversees as at ``meeting`` (the one shown), with the latest
    update on each since the last board meeting: from the pack, and from ``drafts`` (the
    officer's own draft-return updates, store/returns.py OfficerUpdate) when given."""
    with closing(store.cursor()) as cur:
        win = window(cur, today)
        rows = dicts(cur, "officer_actions", person=person, meeting=meeting) if meeting else []
        people = dicts(cur, "officer_people")
        seen = _in_pack(cur, win, board_pack=False)
    since = datetime.combine(win.since, datetime.max.time())
    seen += [_from_draft(u) for u in drafts if u.written_at > since or (win.next_id and u.for_meeting == win.next_id)]
    latest = _latest(seen)
    for row in rows:
        row["role"] = role(row)
        row["update"] = latest.get(row["id"])
    # The person as the pack writes their name, however it was typed.
    named = next((p["person"] for p in people if _key(p["person"]) == _key(person)), None)
    if named is None and rows:
        named = rows[0]["action_lead"] if rows[0]["leads"] else rows[0]["senior_officer"]
    return MyActions(named or person, win, rows, people)


# Returns due ---------------------------------------------------------------------------------
@dataclass
class Officer:
    name: str
    actions: list[dict[str, Any]]  # with "update": Seen or None

    @property
    def sent(self) -> int:
        return sum(1 for a in self.actions if a["update"] is not None and a["update"].sent)

    @property
    def done(self) -> bool:
        return self.sent == len(self.actions)


@dataclass
class ReturnsDue:
    board: str
    window: Window
    officers: list[Officer]  # those with an action still to report on first, then by name
    folder: Path | None = None
    folder_problems: list[str] = field(default_factory=list)

    @property
    def actions(self) -> int:
        return sum(len(o.actions) for o in self.officers)

    def heading(self) -> str:
        return f"Returns due for {self.window.next_words()}: updates since {self.window.last_words()}"

    def summary(self) -> str:
        done = sum(1 for o in self.officers if o.done)
        some = sum(1 for o in self.officers if 0 < o.sent < len(o.actions))
        none = sum(1 for o in self.officers if o.sent == 0)
        sent = sum(o.sent for o in self.officers)
        return (
            f"{self.actions} open action(s) with {len(self.officers)} lead officer(s): {sent} updated; "
            f"{done} officer(s) have sent an update on every action, {some} on some, {none} on none"
        )

    # Output that pastes into an email
    def text(self) -> str:
        lines = [self.heading(), self.summary(), ""]
        waiting = [o for o in self.officers if not o.done]
        if waiting:
            lines.append(f"Not yet sent ({len(waiting)} officer(s)):")
            for o in waiting:
                lines.append(f"  {o.name}: {len(o.actions) - o.sent} of {len(o.actions)} action(s) without an update")
                for a in o.actions:
                    if a["update"] is None or not a["update"].sent:
                        lines.append(f"    {_action_words(a)}")
        done = [o for o in self.officers if o.sent]
        if done:
            lines += ["", "Sent:"]
            for o in done:
                lines.append(f"  {o.name}: {o.sent} of {len(o.actions)}")
                for a in o.actions:
                    if a["update"] is not None and a["update"].sent:
                        lines.append(f"    {a['id']}: {a['update'].words()}")
        lines += self._folder_lines()
        # Each line on one line, control characters removed, its indent kept (it pastes into an email).
        return "\n".join(
            " " * (len(line) - len(line.lstrip(" "))) + one_line(line) if line.strip() else "" for line in lines
        )

    def markdown(self) -> str:
        from boardtui.store.diff import md_text  # data as literal Markdown on one line

        lines = [
            f"## {md_text(self.heading())}",
            "",
            md_text(self.summary()),
            "",
            "| Lead officer | Action | Title | Target | BRAG | Update since the last meeting |",
            "|---|---|---|---|---|---|",
        ]
        for o in self.officers:
            for a in o.actions:
                update = a["update"].words() if a["update"] is not None else "none yet"
                cells = [o.name, a["id"], a["title"], _target(a), a["brag"] or "not rated", update]
                lines.append("| " + " | ".join(md_text(c) for c in cells) + " |")
        lines += [md_text(line) if line else "" for line in self._folder_lines()]
        return "\n".join(lines)

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(
            [
                "lead officer",
                "action",
                "title",
                "weakness",
                "senior officer",
                "target",
                "overdue",
                "brag",
                "update",
                "update by",
                "written",
                "sent",
            ]
        )
        for o in self.officers:
            for a in o.actions:
                u = a["update"]
                writer.writerow(
                    [
                        _csv_cell(v)
                        for v in (
                            o.name,
                            a["id"],
                            a["title"],
                            a["weakness"],
                            a["senior_officer"],
                            _day(a["target_in_force"]),
                            "yes" if a["overdue"] else "no",
                            a["brag"] or "",
                            u.state if u else "none",
                            u.author if u else "",
                            u.written_at.date().isoformat() if u else "",
                            "yes" if u and u.sent else "no",
                        )
                    ]
                )
        return out.getvalue()

    def _folder_lines(self) -> list[str]:
        if not self.folder_problems:
            return []
        return [
            "",
            f"Returns in {self.folder} that cannot be read, so not counted:",
            *(f"  {cut(p, 200)}" for p in self.folder_problems),
        ]


def _csv_cell(value: object) -> str:
    """A cell as text, control characters removed; one a spreadsheet would read as a formula is
    kept as text."""
    text = one_line(value) if value is not None else ""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _day(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else "none"


def _target(a: dict[str, Any]) -> str:
    revised = f" (revised; was {_day(a['target_date'])})" if a["revised_as_at"] else ""
    return _day(a["target_in_force"]) + revised + (", OVERDUE" if a["overdue"] else "")


def _action_words(a: dict[str, Any]) -> str:
    brag = f"BRAG {a['brag']}" if a["brag"] else "not rated"
    update = f"; {a['update'].words()}" if a["update"] is not None else ""
    return f"{a['id']} {cut(a['title'], 70)}: target {_target(a)}, {brag}{update}"


def _in_folder(store: Store, folder: Path | None, win: Window) -> tuple[list[Seen], list[str]]:
    """The updates in the returns waiting in ``folder`` that are not in the pack yet: sent, so
    counted, though not imported."""
    if folder is None or not Path(folder).is_dir():
        return [], []
    from boardtui.errors import BoardError
    from boardtui.store.merge import in_pack, known_updates, read_return
    from boardtui.store.returns import RETURN_SUFFIX

    seen, problems = [], []
    since = datetime.combine(win.since, datetime.max.time())
    with closing(store.cursor()) as cur:
        for path in sorted(
            p for p in Path(folder).iterdir() if p.suffix == RETURN_SUFFIX and not p.name.startswith(".")
        ):
            try:
                ret = read_return(path)
            except BoardError as err:
                problems.append(str(err))
                continue
            known = known_updates(cur, ret.updates)
            for u in ret.updates:
                if not in_pack(known, u) and (
                    u["written_at"] > since or (win.next_id and u["for_meeting"] == win.next_id)
                ):
                    seen.append(
                        Seen(
                            u["action"],
                            u["author"],
                            u["written_at"],
                            "waiting to be imported",
                            True,
                            ret.exported_at,
                            u["progress"],
                        )
                    )
    return seen, problems


def returns_due(store: Store, folder: Path | None = None, today: date | None = None) -> ReturnsDue:
    """Whose updates are due for the next board meeting, and whose have come (see the module)."""
    with closing(store.cursor()) as cur:
        win = window(cur, today)
        as_of = win.next_date or today or date.today()
        rows = dicts(cur, "returns_due_actions", as_of=as_of)
        seen = _in_pack(cur, win, board_pack=True)
        board = (dicts(cur, "board_info") or [{"name": ""}])[0]
    waiting, problems = _in_folder(store, folder, win)
    latest = _latest([*seen, *waiting])
    by_lead: dict[str, list[dict[str, Any]]] = {}
    names: dict[str, str] = {}
    for row in rows:
        row["update"] = latest.get(row["id"])
        key = _key(row["action_lead"])
        names.setdefault(key, row["action_lead"] or "no lead recorded")
        by_lead.setdefault(key, []).append(row)
    officers = [Officer(names[k], acts) for k, acts in by_lead.items()]
    officers.sort(key=lambda o: (o.done, _key(o.name)))
    return ReturnsDue(board.get("name") or "", win, officers, folder, problems)
