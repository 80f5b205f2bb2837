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
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, NamedTuple, TypeVar

from boardtui.errors import BoardError
from boardtui.store.publication import Candidate, ConfidentialAction, Publication, Undecided
from boardtui.store.queries import rows, typed
from boardtui.store.rows import (
    ArisingDue,
    AttendanceRow,
    Board,
    ExceptionRow,
    GlossaryTerm,
    MatrixCell,
    MeetingMinute,
    MeetingUpdate,
    Plan,
    RagDefinition,
    ReportAction,
    ReportJudgement,
    ReportMeasure,
    WeaknessRow,
)
from boardtui.store.views import PAGE, BoardViews, Meeting

R = TypeVar("R", bound=NamedTuple)  # a row class of store/rows.py


class PublicProgress(NamedTuple):
    """What the public update quotes of an accepted officer's update: the words on progress and
    impact, never who wrote it, nor the risks and evidence, which are the board's working papers."""

    action: str
    weakness: str
    progress: str
    impact: str | None


Progress = MeetingUpdate | PublicProgress


@dataclass
class WeaknessSection:
    row: WeaknessRow
    title: str
    judgements: list[ReportJudgement]  # its own and the whole area's, in date order
    measures: list[ReportMeasure]
    actions: list[ReportAction]
    progress: list[Progress] = field(default_factory=list)  # accepted officers' updates for this meeting


@dataclass
class ReportData:
    board: Board
    meeting: Meeting
    previous: Meeting | None
    meetings: list[Meeting]
    public: bool
    attendance: list[AttendanceRow]
    counts: dict[str, int]
    previous_counts: dict[str, int]
    ratings_recorded: int
    exceptions: list[ExceptionRow]
    definitions: list[RagDefinition] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    glossary: list[GlossaryTerm] = field(default_factory=list)
    weakness_rows: list[WeaknessRow] = field(default_factory=list)  # one per weakness, in the board's order
    titles: dict[str, str] = field(default_factory=dict)  # each weakness's full title
    progress: dict[str, list[Progress]] = field(default_factory=dict)  # accepted updates, by weakness
    decisions: list[MeetingMinute] = field(default_factory=list)
    arising_due: list[ArisingDue] = field(default_factory=list)
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
    candidate in it is not decided, unless ``decided_only`` is off (the review asks what is there).
    The rows are frozen: withholding replaces them, never changing what the views keep for the app."""
    meetings = views.meetings()
    meeting = pick_meeting(meetings, wanted)
    index = meetings.index(meeting)
    previous = meetings[index - 1] if index else None
    data = ReportData(
        board=views.board(),
        meeting=meeting,
        previous=previous,
        meetings=meetings[: index + 1],
        public=public,
        attendance=views.attendance(meeting.id),
        counts=views.brag_counts(meeting.id, public=public),
        previous_counts=views.brag_counts(previous.id, public=public) if previous else {},
        ratings_recorded=views.ratings_recorded(meeting.id, public=public),
        exceptions=views.exceptions(meeting.id),
        definitions=views.rag_definitions(),
        decisions=views.meeting_minutes(meeting.id, include_confidential=not public),
        arising_due=views.arising_due(meeting.id, include_confidential=not public),
        weakness_rows=views.dashboard(meeting.id),
    )
    for update in views.progress_since(meeting.id):
        # Public: only what the public update quotes, so only names in it are withheld and counted.
        shown: Progress = (
            PublicProgress(update.action, update.weakness, update.progress, update.impact) if public else update
        )
        data.progress.setdefault(update.weakness, []).append(shown)
    store = views.opened_store()
    with closing(store.cursor()) as cur:
        data.titles = dict(rows(cur, "report_weakness_titles"))
        data.plans = typed(cur, "report_plans", Plan)
        publication = None
        if public:
            data.glossary = typed(cur, "glossary_terms", GlossaryTerm)
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

    def _pages(self) -> Iterator[list[WeaknessRow]]:
        weaknesses = self.data.weakness_rows
        for start in range(0, len(weaknesses), PAGE):
            yield weaknesses[start : start + PAGE]

    def _read_page(self, number: int) -> list[WeaknessSection] | None:
        weaknesses = self.data.weakness_rows[number * PAGE : (number + 1) * PAGE]
        if not weaknesses:
            return None
        codes = [w.code for w in weaknesses]
        meeting = self.data.meeting
        with closing(self.views.opened_store().cursor()) as cur:
            placed = list(enumerate(typed(cur, "report_judgements", ReportJudgement, as_of=meeting.date, codes=codes)))
            measures = _by_weakness(typed(cur, "report_measures", ReportMeasure, as_of=meeting.date, codes=codes))
            actions = _by_weakness(typed(cur, "report_actions", ReportAction, meeting=meeting.id, codes=codes))
        # Each section: its own judgements and the whole area's, in date order as read.
        whole_area = [(at, j) for at, j in placed if j.weakness is None]
        own: dict[str, list[tuple[int, ReportJudgement]]] = {}
        for at, judgement in placed:
            if judgement.weakness is not None:
                own.setdefault(judgement.weakness, []).append((at, judgement))
        sections = []
        for row in weaknesses:
            code = row.code
            sections.append(
                WeaknessSection(
                    row=row,
                    title=self.data.titles[code],
                    judgements=[j for _, j in heapq.merge(own.get(code, []), whole_area, key=itemgetter(0))],
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
                    _publish_section(section, self.publication)
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
                    return section.actions[0].id
        while (page := self._read_page(self._next_page)) is not None:
            self._next_page += 1
            self._read.append(page)
            for section in page:
                if section.actions:
                    return section.actions[0].id
        return None

    def matrix(self) -> Iterator[tuple[WeaknessRow, dict[str, str | None]]]:
        """Each weakness row with its BRAG at each meeting (meeting id -> letter)."""
        for weaknesses in self._pages():
            with closing(self.views.opened_store().cursor()) as cur:  # not kept: written once, then let go
                cells = {
                    (c.weakness, c.meeting): c.brag
                    for c in typed(cur, "matrix", MatrixCell, codes=[w.code for w in weaknesses])
                }
            for row in weaknesses:
                yield row, {m.id: cells.get((row.code, m.id)) for m in self.data.meetings}


def _by_weakness(found: list[Any]) -> dict[str, list[Any]]:
    """Rows grouped by their weakness, in the order read."""
    out: dict[str, list[Any]] = {}
    for row in found:
        out.setdefault(row.weakness, []).append(row)
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
# Fields that say which row a text is in (its "where"), in this order.
_IDENT = ("meeting", "item_order", "id", "action", "code", "term")
# The meeting's own lists of rows the public update shows outside the sections: (what, ReportData field).
_MEETING_LISTS = (
    ("attendance", "attendance"),
    ("exceptions", "exceptions"),
    ("minutes", "decisions"),
    ("actions arising due", "arising_due"),
    ("BRAG definitions", "definitions"),
    ("plans", "plans"),
    ("glossary", "glossary"),
)


def _texts(what: str, row: Any) -> Iterator[tuple[str, str]]:
    """(field, where) of every text in a row."""
    ident = " ".join(
        str(value) for key in _IDENT if (value := getattr(row, key, None)) not in (None, "") and str(value) != what
    )
    for name in row._fields:
        if isinstance(getattr(row, name), str) and name not in _NOT_TEXT:
            yield name, " ".join(p for p in (what, ident, name.replace("_", " ")) if p)


def _published(what: str, found: list[R], publication: Publication) -> list[R]:
    """The rows as the public update carries them: each text published (new rows, the rows
    read left as they were)."""
    out = []
    for row in found:
        published = {key: publication.publish(getattr(row, key)) for key, _ in _texts(what, row)}
        out.append(row._replace(**published) if published else row)
    return out


def _section_lists(s: WeaknessSection, *, with_row: bool = False) -> Iterator[tuple[str, list[Any]]]:
    code = s.row.code
    if with_row:
        yield code, [s.row]
    yield f"{code} judgements", s.judgements
    yield f"{code} measures", s.measures
    yield f"{code} actions", s.actions
    yield f"{code} progress since the last report", s.progress


def _publish_section(s: WeaknessSection, publication: Publication) -> None:
    code = s.row.code
    s.judgements = _published(f"{code} judgements", s.judgements, publication)
    s.measures = _published(f"{code} measures", s.measures, publication)
    s.actions = _published(f"{code} actions", s.actions, publication)
    s.progress = _published(f"{code} progress since the last report", s.progress, publication)


def _places(data: ReportData, sections: Iterable[WeaknessSection]) -> Iterator[tuple[Any, str]]:
    """(where, text) of every text the public update carries, in reading order."""
    yield "the board's name", data.board.name
    yield "the board's area", data.board.area
    for what, name in _MEETING_LISTS:
        for row in getattr(data, name):
            for key, where in _texts(what, row):
                yield where, getattr(row, key)
    for section in sections:
        for what, found in _section_lists(section, with_row=True):
            for row in found:
                for key, where in _texts(what, row):
                    yield where, getattr(row, key)
    for m in data.meetings:
        yield f"meeting {m.id} title", m.title
    for row in data.weakness_rows:
        yield f"{row.code} title", data.titles[row.code]


A = TypeVar("A", ExceptionRow, ReportAction)


def _shown(found: list[A], confidential: dict[str, ConfidentialAction]) -> list[A]:
    """Actions arising from confidential minutes left out, or shown under their neutral title
    with nothing from the confidential text (no rationale)."""
    out = []
    for row in found:
        action = confidential.get(row.id)
        if action is None:
            out.append(row)
        elif action.public_title:
            shown = row._replace(title=action.public_title)
            if isinstance(shown, ReportAction):
                shown = shown._replace(last_rationale="")
            out.append(shown)
    return out


def _leave_out_confidential(data: ReportData, publication: Publication) -> None:
    """What comes from confidential minutes, out of the meeting's own facts (the sections
    leave it out as they are read): exceptions, and officers' words on those actions."""
    confidential = publication.confidential
    if not confidential:
        return
    data.exceptions = _shown(data.exceptions, confidential)
    data.progress = {
        code: [u for u in updates if u.action not in confidential] for code, updates in data.progress.items()
    }


def _publish_meeting(data: ReportData, publication: Publication) -> None:
    """The meeting's own texts, the weaknesses' rows and every title, as published; the
    sections' texts are published as each page is read."""
    board = data.board
    data.board = board._replace(name=publication.publish(board.name) or "", area=publication.publish(board.area) or "")
    for what, name in _MEETING_LISTS:
        setattr(data, name, _published(what, getattr(data, name), publication))
    data.weakness_rows = [_published(row.code, [row], publication)[0] for row in data.weakness_rows]
    meetings = data.meetings
    data.meetings = [m._replace(title=publication.publish(m.title) or "") for m in meetings]
    data.meeting = data.meetings[meetings.index(data.meeting)]
    for row in data.weakness_rows:
        data.titles[row.code] = publication.publish(data.titles[row.code]) or ""
