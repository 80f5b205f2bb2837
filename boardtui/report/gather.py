"""What the meeting pack reads, and, for the public update, what it may carry.

The meeting's own facts (attendance, counts, exceptions, minutes, the weaknesses' rows) are a few
set-based reads. The weaknesses' sections (judgements, measures, actions, the matrix's cells)
are read a page of weaknesses at a time (four reads a page) as the document is written, and let
go once written: a national pack's 13,000 sections are never all held at once.

The public update is withheld here, once: actions arising from confidential minutes are left out
(or shown under their neutral title), and every text from the pack is published as the
publication review decided (store/publication.py). Its candidates are looked for first, over
every text the update will carry, in reading order; while one is undecided nothing is written.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any

from boardtui.errors import BoardError
from boardtui.report.words import PUBLIC_PROGRESS
from boardtui.store.publication import Candidate, Publication, Undecided
from boardtui.store.queries import dicts, rows
from boardtui.store.views import PAGE, BoardViews, Meeting


@dataclass
class WeaknessSection:
    row: dict
    title: str
    judgements: list[dict]
    measures: list[dict]
    actions: list[dict]
    progress: list[dict] = field(default_factory=list)  # accepted officers' updates for this meeting


@dataclass
class ReportData:
    board: dict
    meeting: Meeting
    previous: Meeting | None
    meetings: list[Meeting]
    public: bool
    attendance: list[dict]
    counts: dict[str, int]
    previous_counts: dict[str, int]
    ratings_recorded: int
    exceptions: list[dict]
    definitions: list[dict] = field(default_factory=list)
    plans: list[dict] = field(default_factory=list)
    glossary: list[dict] = field(default_factory=list)
    weakness_rows: list[dict] = field(default_factory=list)  # one per weakness, in the board's order
    titles: dict[str, str] = field(default_factory=dict)  # each weakness's full title
    progress: dict[str, list[dict]] = field(default_factory=dict)  # accepted updates, by weakness
    decisions: list[dict] = field(default_factory=list)
    arising_due: list[dict] = field(default_factory=list)
    withheld: int = 0  # mentions of personal data withheld from the pack's text (public)
    said: str = ""  # what was withheld, in words for the publisher (public)
    candidates: list[Candidate] = field(default_factory=list)  # found by the review (public)
    sections: Sections | None = None  # the weaknesses' sections, read as they are written
    publication: Publication | None = None  # the public update's: what it withheld, once written


def pick_meeting(meetings: list[Meeting], wanted: str) -> Meeting:
    """'latest', a board meeting's id (M19) or its date (2025-11-20)."""
    if not meetings:
        raise BoardError("the pack has no board meetings to report on.")
    if wanted == "latest":
        return meetings[-1]
    for meeting in meetings:
        if wanted in (meeting.id, meeting.date.isoformat()):
            return meeting
    raise BoardError(
        f"--meeting {wanted}: no board meeting has that id or date (YYYY-MM-DD); "
        f"the latest is {meetings[-1].date.isoformat()} ({meetings[-1].id})."
    )


def gather(views: BoardViews, wanted: str, *, public: bool, decided_only: bool = True) -> ReportData:
    """The meeting's own facts, and a reader of its sections. ``public``: personal data
    withheld and confidential actions left out; Undecided (nothing read further) while a
    candidate in it is not decided, unless ``decided_only`` is off (the review asks what is there)."""
    meetings = views.meetings()
    meeting = pick_meeting(meetings, wanted)
    index = meetings.index(meeting)
    previous = meetings[index - 1] if index else None
    data = ReportData(
        board=dict(views.board()),
        meeting=meeting,
        previous=previous,
        meetings=meetings[: index + 1],
        public=public,
        attendance=_own(views.attendance(meeting.id)),
        counts=views.brag_counts(meeting.id, public=public),
        previous_counts=views.brag_counts(previous.id, public=public) if previous else {},
        ratings_recorded=views.ratings_recorded(meeting.id, public=public),
        exceptions=_own(views.exceptions(meeting.id)),
        definitions=_own(views.rag_definitions()),
        decisions=_own(views.meeting_minutes(meeting.id, include_confidential=not public)),
        arising_due=_own(views.arising_due(meeting.id, include_confidential=not public)),
        weakness_rows=_own(views.dashboard(meeting.id)),
    )
    for update in views.progress_since(meeting.id):
        if public:  # only what the public update quotes, so only names in it are withheld and counted
            update = {k: update[k] for k in PUBLIC_PROGRESS}
        data.progress.setdefault(update["weakness"], []).append(dict(update))
    store = views.opened_store()
    with closing(store.cursor()) as cur:
        data.titles = dict(rows(cur, "report_weakness_titles"))
        data.plans = dicts(cur, "report_plans")
        publication = None
        if public:
            data.glossary = dicts(cur, "glossary_terms")
            publication = Publication(cur)
    if publication is None:
        data.sections = Sections(views, data, None)
        return data
    _leave_out_confidential(data, publication)
    # The candidates, over every text in reading order, before anything is published.
    data.candidates = publication.candidates(_places(data, Sections(views, data, publication, publish=False)))
    if decided_only and any(c.decision is None for c in data.candidates):
        raise Undecided([c for c in data.candidates if c.decision is None], "public update")
    _publish_meeting(data, publication)
    data.sections, data.publication = Sections(views, data, publication), publication
    return data


def _own(found: list[dict]) -> list[dict]:
    """Copies of the rows read: withholding never changes what the views keep for the app."""
    return [dict(r) for r in found]


class Sections:
    """The weaknesses' sections, in the board's order, read a page at a time. Iterated once
    each time (the document iterates it once; the review once more, unpublished). ``matrix``
    gives each weakness row with its BRAG at every meeting, a page at a time too."""

    def __init__(
        self, views: BoardViews, data: ReportData, publication: Publication | None, *, publish: bool = True
    ) -> None:
        self.views, self.data, self.publication = views, data, publication
        self.publish = publish and publication is not None
        self._read: list[list[WeaknessSection]] = []  # pages read ahead (first_action), not yet given
        self._next_page = 0

    def _pages(self) -> Iterator[list[dict]]:
        weaknesses = self.data.weakness_rows
        for start in range(0, len(weaknesses), PAGE):
            yield weaknesses[start : start + PAGE]

    def _read_page(self, number: int) -> list[WeaknessSection] | None:
        weaknesses = self.data.weakness_rows[number * PAGE : (number + 1) * PAGE]
        if not weaknesses:
            return None
        codes = [w["code"] for w in weaknesses]
        meeting = self.data.meeting
        with closing(self.views.opened_store().cursor()) as cur:
            placed = list(enumerate(dicts(cur, "report_judgements", as_of=meeting.date, codes=codes)))
            measures = _by_weakness(dicts(cur, "report_measures", as_of=meeting.date, codes=codes))
            actions = _by_weakness(dicts(cur, "report_actions", meeting=meeting.id, codes=codes))
        # Each section: its own judgements and the whole area's, in date order as read.
        whole_area = [(at, j) for at, j in placed if j["weakness"] is None]
        own: dict[str, list[tuple[int, dict]]] = {}
        for at, judgement in placed:
            if judgement["weakness"] is not None:
                own.setdefault(judgement["weakness"], []).append((at, judgement))
        sections = []
        for row in weaknesses:
            code = row["code"]
            judgements = [
                {k: v for k, v in j.items() if k != "weakness"}  # each section its own copies
                for _, j in heapq.merge(own.get(code, []), whole_area, key=itemgetter(0))
            ]
            sections.append(
                WeaknessSection(
                    row=row,
                    title=self.data.titles[code],
                    judgements=judgements,
                    measures=measures.get(code, []),
                    actions=actions.get(code, []),
                    progress=self.data.progress.get(code, []),
                )
            )
        if self.publication is not None:
            hidden = self.publication.confidential
            for section in sections:
                section.actions = _shown(section.actions, hidden)
            if self.publish:
                for section in sections:
                    for holder, key, _ in _section_fields(section):
                        holder[key] = self.publication.publish(holder[key])
        return sections

    def __iter__(self) -> Iterator[WeaknessSection]:
        while self._read:
            yield from self._read.pop(0)
        while (page := self._read_page(self._next_page)) is not None:
            self._next_page += 1
            yield from page

    def first_action(self) -> str | None:
        """The first action any section shows (the key's example of an action id): the pages
        read to find it are kept for the iteration that writes them."""
        for kept in self._read:
            for section in kept:
                if section.actions:
                    return section.actions[0]["id"]
        while (page := self._read_page(self._next_page)) is not None:
            self._next_page += 1
            self._read.append(page)
            for section in page:
                if section.actions:
                    return section.actions[0]["id"]
        return None

    def matrix(self) -> Iterator[tuple[dict, dict[str, str | None]]]:
        """Each weakness row with its BRAG at each meeting (meeting id -> letter)."""
        for weaknesses in self._pages():
            with closing(self.views.opened_store().cursor()) as cur:  # not kept: written once, then let go
                cells = {(w, m): brag for m, w, brag, _ in rows(cur, "matrix", codes=[w["code"] for w in weaknesses])}
            for row in weaknesses:
                yield row, {m.id: cells.get((row["code"], m.id)) for m in self.data.meetings}


def _by_weakness(found: list[dict]) -> dict[str | None, list[dict]]:
    """Rows grouped by their weakness, in the order read."""
    out: dict[str | None, list[dict]] = {}
    for row in found:
        out.setdefault(row["weakness"], []).append({k: v for k, v in row.items() if k != "weakness"})
    return out


def review(views: BoardViews, wanted: str) -> list[Candidate]:
    """Every candidate in the public update for a meeting (decided or not), in context."""
    return gather(views, wanted, public=True, decided_only=False).candidates


# The public update: what it may carry ---------------------------------------------------------
# Fields that hold ids, codes, dates, letters or the pack's fixed words, never typed text.
# Names in their own fields are never shown in the public update (a role or WITHHELD is).
_NOT_TEXT = {
    "id",
    "code",
    "weakness",
    "action",
    "meeting",
    "plan",
    "brag",
    "prev_brag",
    "direction",
    "kind",
    "status",
    "minutes_status",
    "body",
    "outcome",
    "term",
    "person",
    "action_lead",
    "senior_officer",
    "owner",
}


def _fields(what: str, found: list[dict]) -> Iterator[tuple[dict, str, str]]:
    """(holder, key, where) of every text in these rows."""
    for row in found:
        ident = " ".join(
            str(row[k])
            for k in ("meeting", "item_order", "id", "action", "code", "term")
            if row.get(k) not in (None, "") and str(row[k]) != what
        )
        for key, value in row.items():
            if isinstance(value, str) and key not in _NOT_TEXT:
                yield row, key, " ".join(p for p in (what, ident, key.replace("_", " ")) if p)


def _meeting_fields(data: ReportData) -> Iterator[tuple[dict, str, str]]:
    """(holder, key, where) of every text from the pack the update shows outside the sections."""
    yield data.board, "name", "the board's name"
    yield data.board, "area", "the board's area"
    for what, found in (
        ("attendance", data.attendance),
        ("exceptions", data.exceptions),
        ("minutes", data.decisions),
        ("actions arising due", data.arising_due),
        ("BRAG definitions", data.definitions),
        ("plans", data.plans),
        ("glossary", data.glossary),
    ):
        yield from _fields(what, found)


def _section_fields(s: WeaknessSection, *, with_row: bool = False) -> Iterator[tuple[dict, str, str]]:
    code = s.row["code"]
    if with_row:
        yield from _fields(code, [s.row])
    yield from _fields(f"{code} judgements", s.judgements)
    yield from _fields(f"{code} measures", s.measures)
    yield from _fields(f"{code} actions", s.actions)
    yield from _fields(f"{code} progress since the last report", s.progress)


def _places(data: ReportData, sections: Iterable[WeaknessSection]) -> Iterator[tuple[Any, str]]:
    """(where, text) of every text the public update carries, in reading order."""
    for holder, key, where in _meeting_fields(data):
        yield where, holder[key]
    for section in sections:
        for holder, key, where in _section_fields(section, with_row=True):
            yield where, holder[key]
    for m in data.meetings:
        yield f"meeting {m.id} title", m.title
    for row in data.weakness_rows:
        yield f"{row['code']} title", data.titles[row["code"]]


def _shown(found: list[dict], confidential: dict) -> list[dict]:
    """Actions arising from confidential minutes left out, or shown under their neutral title
    with nothing from the confidential text (no rationale)."""
    out = []
    for row in found:
        action = confidential.get(row["id"])
        if action is None:
            out.append(row)
        elif action.public_title:
            out.append({**row, "title": action.public_title, "last_rationale": ""})
    return out


def _leave_out_confidential(data: ReportData, publication: Publication) -> None:
    """What comes from confidential minutes, out of the meeting's own facts (the sections
    leave it out as they are read): exceptions, and officers' words on those actions."""
    confidential = publication.confidential
    if not confidential:
        return
    data.exceptions = _shown(data.exceptions, confidential)
    data.progress = {
        code: [u for u in updates if u["action"] not in confidential] for code, updates in data.progress.items()
    }


def _publish_meeting(data: ReportData, publication: Publication) -> None:
    """The meeting's own texts, the weaknesses' rows and every title, as published; the
    sections' texts are published as each page is read."""
    for holder, key, _ in _meeting_fields(data):
        holder[key] = publication.publish(holder[key])
    for row in data.weakness_rows:
        for holder, key, _ in _fields(row["code"], [row]):
            holder[key] = publication.publish(holder[key])
    meetings = data.meetings
    data.meetings = [replace(m, title=publication.publish(m.title) or "") for m in meetings]
    data.meeting = data.meetings[meetings.index(data.meeting)]
    for row in data.weakness_rows:
        data.titles[row["code"]] = publication.publish(data.titles[row["code"]]) or ""
