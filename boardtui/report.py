"""The meeting pack (before a meeting) and the public board update (after it), as Markdown or
one self-contained HTML file, from the same views the app shows. Never imports Textual.

Both formats render one document, built first as a list of blocks (headings, paragraphs,
lists, tables) in reading order. The public update is that document in plain words: names the
pack knows are withheld from every text taken from the pack, ratings and directions are words
with a key for every letter and arrow, and each term of the board's glossary is spelled out
where it first appears and listed at the end.
"""

from __future__ import annotations

import heapq
import html
import re
from contextlib import closing
from dataclasses import dataclass, field, replace
from datetime import date
from operator import itemgetter
from pathlib import Path

from boardtui.errors import BoardError
from boardtui.measures import format_value, trend
from boardtui.store.publication import Candidate, Publication, Undecided
from boardtui.store.files import write_text_atomically
from boardtui.store.queries import dicts, rows
from boardtui.store.views import BoardViews, Meeting
from boardtui.text import clean, one_line

BRAG_LETTERS = ("B", "R", "A", "G")
BRAG_ORDER = ("R", "A", "G", "B", "-")
# The board's own labels come from rag_definition; these stand in when a pack has none.
BRAG_NAME = {"B": "Blue - complete", "R": "Red - off track", "A": "Amber - at risk",
             "G": "Green - on track", "-": "not yet rated"}
UNRATED = "-"
ARROWS = {"↑": "better than at the board meeting before", "→": "the same as at the board meeting before",
          "↓": "worse than at the board meeting before"}
ARROW_WORD = {"↑": "better", "→": "same", "↓": "worse"}
WITHHELD = "a named officer"

# The same report has two audiences; the public one is in plain words throughout.
WORDS = {
    False: {
        "kind": "Meeting pack",
        "cover": "Meeting", "key": "Key", "summary": "Summary",
        "exceptions": "Exceptions: red and overdue actions", "matrix": "RAG matrix",
        "weaknesses": "Areas of weakness", "decisions": "Decisions and actions arising",
        "due": "Actions arising due", "judgements": "Judgement history", "measures": "Measures",
        "actions": "Actions",
        "rating": "BRAG", "direction": "Dir", "target": "Target", "revised": "Revised",
        "overdue": "Overdue", "overdue_mark": "OVERDUE", "rationale": "Latest rationale",
        "lead": "Lead", "title": "Title", "area": "Area", "action": "Action", "count": "Actions",
        "change": "Change since previous meeting", "monitoring": "Monitoring",
        "summary_caption": "Actions by BRAG", "exceptions_caption": "Red or overdue actions",
        "matrix_caption": "BRAG by area and meeting",
        "matrix_note": "Each cell is the area's BRAG letter at that meeting (see the key).",
        "no_exceptions": "No red or overdue actions.",
        "recorded": ("{n} rating was recorded at this meeting.", "{n} ratings were recorded at this meeting."),
        "none_recorded": "No ratings have been recorded at this meeting yet; the figures are each "
                         "action's latest rating.",
        "kinds": {"decision": "decision", "action arising": "action arising", "note": "note"},
        "progress": "Progress since last report", "proposed": "proposed BRAG", "risks": "Risks and mitigation",
        "impact": "Impact", "evidence": "Evidence",
    },
    True: {
        "kind": "Public update",
        "cover": "About this update", "key": "How to read this update",
        "summary": "How the plan is going", "exceptions": "Where we are behind",
        "matrix": "Progress over time", "weaknesses": "What we are working on",
        "decisions": "What the board decided", "due": "What was due since the last meeting",
        "judgements": "What inspectors and reviewers said", "measures": "How we measure progress",
        "actions": "What we are doing", "glossary": "Words and letters used in this update",
        "rating": "Progress", "direction": "Since the last meeting", "target": "Due by",
        "revised": "New date agreed", "overdue": "Late", "overdue_mark": "Late",
        "rationale": "What the board heard", "lead": "Who leads it", "title": "What we are doing",
        "area": "Area", "action": "Action", "count": "Actions",
        "change": "Change since the last meeting", "monitoring": "Monitoring",
        "summary_caption": "Actions by progress", "exceptions_caption": "Actions that are off track or late",
        "matrix_caption": "Progress of each area at each board meeting",
        "matrix_note": "Each letter is an area's progress at that board meeting: the key above says "
                       "what each letter means.",
        "no_exceptions": "No action is off track or late.",
        "recorded": ("The board gave {n} progress rating at this meeting.",
                     "The board gave {n} progress ratings at this meeting."),
        "none_recorded": "The board has not rated progress at this meeting yet; the figures are "
                         "each action's latest rating.",
        "kinds": {"decision": "Decision", "action arising": "Action agreed", "note": "Note"},
        "progress": "Progress since the last report", "impact": "What it means for children and families",
    },
}
# What the public update quotes of an accepted officer's update: never who wrote it, nor the
# risks and evidence, which are the board's working papers.
PUBLIC_PROGRESS = ("action", "weakness", "progress", "impact")
# What each judgement's outcome means, for families (the pack's own words are the inspectors').
OUTCOME_WORDS = {
    "significant weakness": "a significant weakness: inspectors found this area of the local services was "
                            "not working well enough for children and young people with SEND",
    "written statement accepted": "written statement accepted: Ofsted and CQC accepted the area's written "
                                  "statement of action, its plan for putting the weaknesses right",
    "sufficient": "sufficient progress: inspectors found enough improvement here",
    "not sufficient": "not sufficient progress: inspectors found not enough improvement here yet",
    "remains under monitoring": "remains under monitoring: the Department for Education and NHS England "
                                "keep checking progress here",
    "left formal monitoring": "left formal monitoring: enough progress was shown, so the Department for "
                              "Education and NHS England no longer check this area formally",
    "middle of three outcomes": "the middle of three outcomes: inspections now give one of three results, and "
                                "this one means children's experiences and outcomes are inconsistent, so "
                                "the partners must keep working together to improve them",
}
PUBLIC_NOTE = ("This is the public version of the board's update. It leaves out confidential "
               "items and the names of individuals.")


# The document: blocks in reading order ------------------------------------------------------
@dataclass
class Span:
    """A run of inline text. kind: text (from the pack or our wording), strong, brag (a
    rating's letter, in its colour), id (an action or weakness id: never wraps, never expanded),
    abbr (a glossary term; title spells it out), svg (HTML only: markup we made, not text)."""

    text: str
    kind: str = "text"  # or strong, brag (a rating's letter), id, abbr, svg
    title: str = ""


Inline = list[Span]


@dataclass
class Cell:
    content: Inline
    kind: str = ""  # brag, id, date, direction, overdue, row (a row header)
    brag: str = ""
    title: str = ""  # a rating's name, shown on hover


@dataclass
class Heading:
    level: int
    content: Inline


@dataclass
class Para:
    content: Inline
    cls: str = ""


@dataclass
class Bullets:
    items: list[Inline]


@dataclass
class Defs:
    pairs: list[tuple[Inline, Inline]]
    cls: str = ""


@dataclass
class Table:
    caption: Inline
    header: list[Inline]
    rows: list[list[Cell]]
    cls: str = ""


@dataclass
class Group:
    """Blocks that belong together: an HTML section. ``keep``: printed on one page if it fits
    (a heading with a short table), so the heading never sits alone at a page foot."""

    blocks: list
    cls: str = ""
    keep: bool = False


def text(value: object) -> Inline:
    """Text as one line (see one_line), keeping one space at either end where it had one, so
    runs of text join as written."""
    raw = clean(value)
    line = one_line(raw)
    if line and raw[:1].isspace():
        line = " " + line
    if line and raw[-1:].isspace():
        line += " "
    return [Span(line)]


# What the report reads ---------------------------------------------------------------------
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
    matrix: dict[tuple[str, str], dict]
    definitions: list[dict] = field(default_factory=list)
    plans: list[dict] = field(default_factory=list)
    glossary: list[dict] = field(default_factory=list)
    weaknesses: list[WeaknessSection] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    arising_due: list[dict] = field(default_factory=list)
    withheld: int = 0  # mentions of personal data withheld from the pack's text (public)
    said: str = ""  # what was withheld, in words for the publisher (public)
    candidates: list[Candidate] = field(default_factory=list)  # found by the review (public)
    decided_only: bool = True  # refuse (Undecided) while a candidate is undecided


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    withheld: int  # mentions of personal data the public update withheld from the pack's text
    said: str = ""  # and what they were, in words


def pick_meeting(meetings: list[Meeting], wanted: str) -> Meeting:
    """'latest', a board meeting's id (M19) or its date (2025-11-20)."""
    if not meetings:
        raise BoardError("the pack has no board meetings to report on.")
    if wanted == "latest":
        return meetings[-1]
    for meeting in meetings:
        if wanted in (meeting.id, meeting.date.isoformat()):
            return meeting
    raise BoardError(f"--meeting {wanted}: no board meeting has that id or date (YYYY-MM-DD); "
                     f"the latest is {meetings[-1].date.isoformat()} ({meetings[-1].id}).")


def gather(views: BoardViews, wanted: str, *, public: bool, decided_only: bool = True) -> ReportData:
    """What the report shows. ``public``: with personal data withheld and confidential actions
    left out; Undecided (nothing written) while a candidate in it is not decided, unless
    ``decided_only`` is off (the review asks what is there)."""
    meetings = views.meetings()
    meeting = pick_meeting(meetings, wanted)
    index = meetings.index(meeting)
    previous = meetings[index - 1] if index else None
    data = ReportData(
        board=views.board(), meeting=meeting, previous=previous, meetings=meetings[: index + 1],
        public=public, decided_only=decided_only, attendance=views.attendance(meeting.id),
        counts=views.brag_counts(meeting.id, public=public),
        previous_counts=views.brag_counts(previous.id, public=public) if previous else {},
        ratings_recorded=views.ratings_recorded(meeting.id, public=public),
        exceptions=views.exceptions(meeting.id), matrix=views.matrix(),
        definitions=views.rag_definitions(),
        decisions=views.meeting_minutes(meeting.id, include_confidential=not public),
        arising_due=views.arising_due(meeting.id, include_confidential=not public),
    )
    progress: dict[str, list[dict]] = {}
    for update in views.progress_since(meeting.id):
        if public:  # only what the public update quotes, so only names in it are withheld and counted
            update = {k: update[k] for k in PUBLIC_PROGRESS}
        progress.setdefault(update["weakness"], []).append(update)
    with closing(views.opened_store().cursor()) as cur:
        # Every weakness's section from four reads, not five a weakness (a national pack's
        # 13,000 weaknesses took ten minutes one by one).
        titles = dict(rows(cur, "report_weakness_titles"))
        # Each section: its own judgements and the whole area's, in date order as read.
        placed = list(enumerate(dicts(cur, "report_judgements", as_of=meeting.date)))
        whole_area = [(at, j) for at, j in placed if j["weakness"] is None]
        own: dict[str, list[tuple[int, dict]]] = {}
        for at, judgement in placed:
            if judgement["weakness"] is not None:
                own.setdefault(judgement["weakness"], []).append((at, judgement))
        measures = _by_weakness(dicts(cur, "report_measures", as_of=meeting.date))
        actions = _by_weakness(dicts(cur, "report_actions", meeting=meeting.id))
        for row in views.dashboard(meeting.id):
            code = row["code"]
            judgements = [{k: v for k, v in j.items() if k != "weakness"}  # each section its own copies
                          for _, j in heapq.merge(own.get(code, []), whole_area, key=itemgetter(0))]
            data.weaknesses.append(WeaknessSection(
                row=row, title=titles[code], judgements=judgements, measures=measures.get(code, []),
                actions=actions.get(code, []), progress=progress.get(code, [])))
        data.plans = dicts(cur, "report_plans")
        if public:
            data.glossary = dicts(cur, "glossary_terms")
            publication = Publication(cur)
    if public:
        _leave_out_confidential(data, publication)
        _publish(data, publication)
    return data


def _by_weakness(found: list[dict]) -> dict[str | None, list[dict]]:
    """Rows grouped by their weakness, in the order read."""
    out: dict[str | None, list[dict]] = {}
    for row in found:
        out.setdefault(row["weakness"], []).append({k: v for k, v in row.items() if k != "weakness"})
    return out


def review(views: BoardViews, wanted: str) -> list[Candidate]:
    """Every candidate in the public update for a meeting (decided or not), in context."""
    data = gather(views, wanted, public=True, decided_only=False)
    return data.candidates


# Personal data withheld from the public update ---------------------------------------------------
# Fields that hold ids, codes, dates, letters or the pack's fixed words, never typed text.
# Names in their own fields are never shown in the public update (a role or WITHHELD is).
_NOT_TEXT = {"id", "code", "weakness", "action", "meeting", "plan", "brag", "prev_brag",
             "direction", "kind", "status", "minutes_status", "body", "outcome", "term",
             "person", "action_lead", "senior_officer", "owner"}


def _text_fields(data: ReportData):
    """(holder, key, where) of every text from the pack that the public update shows."""
    yield data.board, "name", "the board's name"
    yield data.board, "area", "the board's area"
    named: list[tuple[str, list[dict]]] = [
        ("attendance", data.attendance), ("exceptions", data.exceptions), ("minutes", data.decisions),
        ("actions arising due", data.arising_due), ("BRAG definitions", data.definitions), ("plans", data.plans),
        ("glossary", data.glossary)]
    for w in data.weaknesses:
        named += [(f"{w.row['code']}", [w.row]), (f"{w.row['code']} judgements", w.judgements),
                  (f"{w.row['code']} measures", w.measures), (f"{w.row['code']} actions", w.actions),
                  (f"{w.row['code']} progress since the last report", w.progress)]
    for what, rows in named:
        for row in rows:
            ident = " ".join(str(row[k]) for k in ("meeting", "item_order", "id", "action", "code", "term")
                             if row.get(k) not in (None, "") and str(row[k]) != what)
            for key, value in row.items():
                if isinstance(value, str) and key not in _NOT_TEXT:
                    yield row, key, " ".join(p for p in (what, ident, key.replace("_", " ")) if p)


def _own_rows(data: ReportData) -> None:
    """Copies of the rows read, so withholding never changes what the views keep for the app."""
    data.board = dict(data.board)
    data.attendance, data.exceptions = [dict(r) for r in data.attendance], [dict(r) for r in data.exceptions]
    data.decisions, data.arising_due = [dict(r) for r in data.decisions], [dict(r) for r in data.arising_due]
    data.definitions, data.glossary = [dict(r) for r in data.definitions], [dict(r) for r in data.glossary]
    data.plans = [dict(r) for r in data.plans]
    for w in data.weaknesses:
        w.row = dict(w.row)
        w.judgements, w.measures = [dict(r) for r in w.judgements], [dict(r) for r in w.measures]
        w.actions = [dict(r) for r in w.actions]
        w.progress = [dict(r) for r in w.progress]


def _leave_out_confidential(data: ReportData, publication: Publication) -> None:
    """Actions arising from confidential minutes: left out, or shown under their neutral title
    with nothing from the confidential text (no rationale, no officer's words)."""
    _own_rows(data)
    confidential = publication.confidential
    if not confidential:
        return

    def shown(rows: list[dict]) -> list[dict]:
        out = []
        for row in rows:
            action = confidential.get(row["id"])
            if action is None:
                out.append(row)
            elif action.public_title:
                out.append({**row, "title": action.public_title, "last_rationale": ""})
        return out

    data.exceptions = shown(data.exceptions)
    for w in data.weaknesses:
        w.actions = shown(w.actions)
        w.progress = [u for u in w.progress if u["action"] not in confidential]


def _publish(data: ReportData, publication: Publication) -> None:
    """Every text the public update shows, as published (``Publication``): Undecided first
    while a candidate in it is not decided (unless the review is asking)."""
    fields = list(_text_fields(data))
    meetings = data.meetings
    places = [(where, holder[key]) for holder, key, where in fields]
    places += [(f"meeting {m.id} title", m.title) for m in meetings]
    places += [(f"{w.row['code']} title", w.title) for w in data.weaknesses]
    data.candidates = publication.candidates(places)
    if data.decided_only and any(c.decision is None for c in data.candidates):
        raise Undecided([c for c in data.candidates if c.decision is None], "public update")
    for holder, key, _where in fields:
        holder[key] = publication.publish(holder[key])
    data.meetings = [replace(m, title=publication.publish(m.title)) for m in meetings]
    data.meeting = data.meetings[meetings.index(data.meeting)]
    for w in data.weaknesses:
        w.title = publication.publish(w.title)
    data.withheld = publication.withheld
    data.said = publication.said()


# Shared wording ------------------------------------------------------------------------
def _day(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def _person(data: ReportData, name: str | None) -> str:
    if not name:
        return ""
    return WITHHELD if data.public else name


def _change(now: int, before: int | None) -> str:
    if before is None:
        return ""
    delta = now - before
    return "no change" if delta == 0 else f"{delta:+d}"


def _title(data: ReportData) -> str:
    return f"{one_line(data.board['name'])} - {WORDS[data.public]['kind']} - {_day(data.meeting.date)}"


def _attendees(data: ReportData, present: bool) -> list[str]:
    out = []
    for a in data.attendance:
        if a["present"] != present:
            continue
        who = f"{a['role']}, {a['organisation']}" if data.public else f"{a['person']} ({a['role']}, {a['organisation']})"
        out.append(who)
    return out


def _trend(values: list[float], lower_is_better: bool) -> str:
    return trend(values[0], values[-1], lower_is_better) if len(values) > 1 else ""


def _labels(data: ReportData) -> dict[str, str]:
    """Each BRAG letter's name: the board's own label where it wrote one."""
    labels = dict(BRAG_NAME)
    labels.update({d["brag"]: one_line(d["label"]) for d in data.definitions})
    return labels


def _rating(data: ReportData, letter: str | None) -> str:
    """How a rating reads in words: the board's label ("Amber - at risk")."""
    return _labels(data)[letter or UNRATED]


def _direction(data: ReportData, arrow: str) -> str:
    if not arrow:
        return ""
    return f"{arrow} {ARROW_WORD[arrow]}" if data.public else arrow


def _brag_cell(data: ReportData, letter: str | None) -> Cell:
    letter = letter or UNRATED
    name = _rating(data, letter)
    if data.public:
        words = name.split(" - ", 1)[-1]
        return Cell([Span(letter, "strong"), Span(f" {words}")], "brag", letter, name)
    return Cell([Span(letter)], "brag", letter, name)


def _brag_cell_letter(data: ReportData, letter: str | None) -> Cell:
    """A rating as its letter alone (the matrix), named on hover."""
    letter = letter or UNRATED
    return Cell([Span(letter)], "brag", letter, _rating(data, letter))


def _key(data: ReportData) -> list:
    """Every letter and arrow the document uses, in words."""
    meanings = {d["brag"]: one_line(d["meaning"]) for d in data.definitions}
    order = [d["brag"] for d in data.definitions] + [b for b in BRAG_LETTERS if b not in meanings]
    pairs = []
    for letter in order:
        meaning = meanings.get(letter)
        pairs.append(([Span(letter, "brag")],
                      text(_rating(data, letter) + (f". {meaning}" if meaning else ""))))
    pairs.append(([Span(UNRATED, "strong")], text("not yet rated")))
    pairs += [([Span(arrow, "strong")], text(words.capitalize())) for arrow, words in ARROWS.items()]
    late = WORDS[data.public]["overdue_mark"]
    pairs.append(([Span(late, "strong")],
                  text("the date in force has passed and the action is not complete (a new date "
                       "counts from the day the board agreed it; the first date is kept)")))
    if data.plans:
        example = next((a["id"] for s in data.weaknesses for a in s.actions), None)
        plans: Inline = [Span("begin with the plan the action belongs to (")]
        for number, p in enumerate(data.plans):
            plans += [Span("; " if number else ""), _id(p["code"]), *text(f": {p['title']}")]
        plans += [Span(")"), *([Span("; "), _id(example), Span(" is one")] if example else []), Span(".")]
        pairs.append((text("Action ids"), plans))
    if data.weaknesses:
        first, last = data.weaknesses[0].row["code"], data.weaknesses[-1].row["code"]
        pairs.append((text("Area ids"), [_id(first), Span(" to "), _id(last),
                                         Span(" number the areas, in the board's order; "),
                                         _id(data.meeting.id), Span(" is this board meeting's number.")]))
    return [Heading(2, text(WORDS[data.public]["key"])), Defs(pairs, "key")]


# The document -------------------------------------------------------------------------------
def _id(value: object) -> Span:
    return Span(one_line(value), "id")


def _summary(data: ReportData) -> list:
    w = WORDS[data.public]
    n = data.ratings_recorded
    recorded = w["recorded"][n != 1].format(n=n) if n else w["none_recorded"]
    rows = []
    for b in BRAG_ORDER:
        now, before = data.counts.get(b, 0), data.previous_counts.get(b, 0)
        if not (now or before):
            continue
        rows.append([Cell([Span(b, "strong"), Span(f" {_rating(data, b)}")], "row"),
                     Cell(text(now)), Cell(text(_change(now, before if data.previous else None)))])
    return [Heading(2, text(w["summary"])), Para(text(recorded)),
            Table(text(w["summary_caption"]), [text(w["rating"]), text(w["count"]), text(w["change"])], rows)]


def _exceptions(data: ReportData) -> list:
    w = WORDS[data.public]
    if not data.exceptions:
        return [Heading(2, text(w["exceptions"])), Para(text(w["no_exceptions"]))]
    rows = [[Cell([_id(e["weakness"]), *text(f" {e['short_name']}")]), Cell([_id(e["id"])], "id"),
             Cell(text(e["title"])),
             _brag_cell(data, e["brag"]), Cell(text(_day(e["target_date"])), "date"),
             Cell(text(_day(e["revised_target_date"])), "date"),
             Cell(text(w["overdue_mark"] if e["overdue"] else ""), "overdue")]
            for e in data.exceptions]
    header = [text(c) for c in (w["area"], w["action"], w["title"], w["rating"], w["target"],
                                w["revised"], w["overdue"])]
    return [Heading(2, text(w["exceptions"])), Table(text(w["exceptions_caption"]), header, rows)]


def _matrix(data: ReportData) -> list:
    w = WORDS[data.public]
    rows = [[Cell([_id(s.row["code"]), Span(" "), *text(s.row["short_name"])], "row")]
            + [_brag_cell_letter(data, (data.matrix.get((s.row["code"], m.id)) or {}).get("brag"))
               for m in data.meetings]
            for s in data.weaknesses]
    header = [text(w["area"])] + [text(f"{m.date:%b %y}") for m in data.meetings]
    return [Group([Heading(2, text(w["matrix"])), Para(text(w["matrix_note"])),
                   Table(text(w["matrix_caption"]), header, rows, "matrix")], keep=True)]


def _monitoring(data: ReportData, status: str) -> str:
    if not data.public:
        return f"Monitoring: {status}"
    if status == "monitored":
        return ("This area is still under formal monitoring: the Department for Education and NHS England "
                "check its progress at regular reviews.")
    outcome, _, when = status.partition(", ")
    said = {"sufficient": "inspectors found sufficient progress here",
            "left formal monitoring": "it left formal monitoring, because enough progress was shown"}.get(outcome, outcome)
    return f"This area is no longer under formal monitoring: {said}{f' ({when})' if when else ''}."


def _outcome(data: ReportData, outcome: str) -> Inline:
    """A judgement's outcome: the inspectors' words, and for families what they mean."""
    if not data.public or outcome not in OUTCOME_WORDS:
        return [Span(one_line(outcome), "strong")]
    words, _, meaning = OUTCOME_WORDS[outcome].partition(": ")
    return [Span(words, "strong"), *text(f" ({meaning})")]


def _weakness(data: ReportData, s: WeaknessSection) -> Group:
    w = WORDS[data.public]
    row = s.row
    if data.public:
        state = _rating(data, row["brag"]) + (f", {_direction(data, row['direction'])}" if row["direction"] else "")
    else:
        state = f"BRAG {row['brag'] or UNRATED}" + (f" {row['direction']}" if row["direction"] else "")
    head = [_id(row["code"]), *text(f" {row['short_name']}: {state}")]
    # The heading, what the area is, its status and its judgements print together.
    top: list = [Heading(3, head), Para(text(s.title)), Para(text(_monitoring(data, row["monitoring"])))]
    if s.judgements:
        items = [text(f"{_day(j['date'])}, {j['body']}: ") + _outcome(data, j["outcome"])
                 + (text(" (whole area)") if j["whole_area"] else []) for j in s.judgements]
        top += [Heading(4, text(w["judgements"])), Bullets(items)]
    blocks: list = [Group(top, keep=True)]
    if s.measures:
        items = []
        for m in s.measures:
            values = list(m["vals"] or [])
            series = ", ".join(format_value(v) for v in values) or "no values yet"
            item = text(f"{m['name']} ({m['unit']}): {series}")
            if len(values) > 1:
                item += text(f" - {_trend(values, m['lower_is_better'])}")
                item.append(Span(" " + sparkline(values, m["lower_is_better"]), "svg"))
            items.append(item)
        blocks.append(Group([Heading(4, text(w["measures"])), Bullets(items)], keep=True))
    lead = w["lead"]
    rows = [[Cell([_id(a["id"])], "id"), Cell(text(a["title"])),
             Cell(text(a["lead_org"] if data.public else f"{a['action_lead']}, {a['lead_org']}")),
             _brag_cell(data, a["brag"]), Cell(text(_direction(data, a["direction"])), "direction"),
             Cell(text(_day(a["target_date"])), "date"), Cell(text(_day(a["revised_target_date"])), "date"),
             Cell(text(w["overdue_mark"] if a["overdue"] else ""), "overdue"),
             Cell(text(a["last_rationale"]))] for a in s.actions]
    header = [text(c) for c in (w["action"], w["title"], lead, w["rating"], w["direction"], w["target"],
                                w["revised"], w["overdue"], w["rationale"])]
    # The caption heads the table: it prints with the first rows, where a heading could not.
    caption = [Span(f"{w['actions']}: "), _id(row["code"]), *text(f" {row['short_name']}")]
    blocks.append(Table(caption, header, rows, "actions"))
    if s.progress:
        blocks.append(Group([Heading(4, text(w["progress"])), Bullets([_progress(data, u) for u in s.progress])],
                            keep=True))
    return Group(blocks, "weakness")


def _progress(data: ReportData, u: dict) -> Inline:
    """One accepted officer's update: the meeting pack gives who, when, the proposed BRAG, risks
    and evidence; the public update quotes the progress and its impact, with no name."""
    w = WORDS[data.public]
    if data.public:
        item = [_id(u["action"]), *text(f": {u['progress']}")]
        if u["impact"]:
            item += text(f" {w['impact']}: {u['impact']}")
        return item
    item = [_id(u["action"]), *text(f" ({u['author']}, {_day(u['written_at'].date())}"),
            *([Span(f", {w['proposed']} "), Span(u["proposed_brag"], "brag")] if u["proposed_brag"] else []),
            *text(f"): {u['progress']}")]
    for key in ("risks", "impact", "evidence"):
        if u[key]:
            item += text(f" {w[key]}: {u[key]}")
    return item


def _minute(data: ReportData, d: dict) -> Inline:
    kind = WORDS[data.public]["kinds"].get(d["kind"], d["kind"])
    item: Inline = [Span(one_line(kind), "strong")]
    about = d["action"] or d["weakness"]
    if about:
        item += [Span(" ("), _id(about), Span(")")]
    item += text(f": {d['text']}")
    if d["owner"]:
        item += text(f" - owner {_person(data, d['owner'])}, due {_day(d['due_date'])}")
    return item


def document(data: ReportData) -> list:
    """The report as blocks in reading order."""
    w = WORDS[data.public]
    blocks: list = [Heading(1, text(_title(data)))]
    if data.public:
        blocks.append(Para(text(PUBLIC_NOTE), "public-note"))
    present, apologies = _attendees(data, True), _attendees(data, False)
    blocks.append(Group([Heading(2, text(w["cover"])), Defs([
        (text("Board"), text(data.board["name"])),
        (text("Meeting"), text(f"{data.meeting.title} ") + [Span("("), _id(data.meeting.id),
                                                             Span(f"), {_day(data.meeting.date)}")]),
        (text("Minutes"), text(data.meeting.minutes_status)),
        (text("Present"), text("; ".join(present) or "not recorded")),
        (text("Apologies"), text("; ".join(apologies) or "none")),
    ])], keep=True))
    blocks.append(Group(_key(data), keep=True))
    blocks.append(Group(_summary(data), keep=True))
    blocks.append(Group(_exceptions(data)))
    blocks += _matrix(data)
    blocks.append(Heading(2, text(w["weaknesses"])))
    blocks += [_weakness(data, s) for s in data.weaknesses]
    decisions = [_minute(data, d) for d in data.decisions]
    blocks.append(Group([Heading(2, text(w["decisions"])),
                         Bullets(decisions) if decisions else Para(text("None recorded."))]))
    due = [text(f"Due {_day(d['due_date'])} (raised {_day(d['raised_on'])}): {d['text']} - owner "
                f"{_person(data, d['owner'])}") for d in data.arising_due]
    blocks.append(Group([Heading(2, text(w["due"])), Bullets(due) if due else Para(text("None fell due."))]))
    if data.public:
        blocks = spell_out(blocks, data.glossary)
    return blocks


# The glossary: each term spelled out where it first appears ------------------------------------
def _term_pattern(terms: list[str]) -> re.Pattern | None:
    """A term as a whole word, capitals as written: not inside a longer word, and not the front
    of an id (APP in APP-09.3); a slash or a hyphen before it is a boundary (Ofsted/CQC)."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w]|-\d)")


def _walk_inlines(blocks: list):
    """Every inline of the document, in reading order (cells before the next row)."""
    for block in blocks:
        if isinstance(block, (Heading, Para)):
            yield block.content
        elif isinstance(block, Bullets):
            yield from block.items
        elif isinstance(block, Defs):
            for term, meaning in block.pairs:
                yield term
                yield meaning
        elif isinstance(block, Table):
            yield block.caption
            yield from block.header
            for row in block.rows:
                for cell in row:
                    yield cell.content
        elif isinstance(block, Group):
            yield from _walk_inlines(block.blocks)


def _spell(inline: Inline, pattern: re.Pattern, glossary: dict[str, dict], used: list[str]) -> Inline:
    out: Inline = []
    for span in inline:
        if span.kind not in ("text", "strong"):
            out.append(span)
            continue
        at = 0
        for match in pattern.finditer(span.text):
            term = match.group(0)
            spelled = one_line(glossary[term]["spelled_out"])
            before = span.text[at:match.start()]
            if before:
                out.append(Span(before, span.kind))
            if term in used:
                out.append(Span(term, "abbr", spelled))
            else:
                used.append(term)
                starts = (not before.strip() and not out) or before.rstrip().endswith((".", "!", "?"))
                shown = spelled[:1].upper() + spelled[1:] if starts else spelled
                out += [Span(f"{shown} (", span.kind), Span(term, "abbr", spelled), Span(")", span.kind)]
            at = match.end()
        if at < len(span.text):
            out.append(Span(span.text[at:], span.kind))
    return out


def spell_out(blocks: list, glossary_rows: list[dict]) -> list:
    """Each glossary term spelled out where it first appears, marked where it appears again,
    and a list of the terms used, with their meaning, at the end."""
    glossary = {g["term"]: g for g in glossary_rows}
    pattern = _term_pattern(list(glossary))
    if pattern is None:
        return blocks
    used: list[str] = []
    for inline in _walk_inlines(blocks):
        inline[:] = _spell(inline, pattern, glossary, used)
    pairs = []
    for term in sorted(used, key=str.lower):
        g = glossary[term]
        meaning = text(one_line(g["spelled_out"]) + (f" - {one_line(g['meaning'])}" if g["meaning"] else ""))
        pairs.append(([Span(term, "strong")], _spell(meaning, pattern, glossary, used)))
    if pairs:
        blocks.append(Group([Heading(2, text(WORDS[True]["glossary"])), Defs(pairs, "glossary")]))
    return blocks


# Markdown ---------------------------------------------------------------------------------
# What Markdown (CommonMark, GitHub's and pandoc's) reads as syntax inside a line: backslash,
# code, emphasis, links and images, table cells, strikethrough, maths; < before a tag or an
# autolink; & before an entity; _ only where it can open or close emphasis (not in snake_case).
_MD_INLINE = re.compile(r"[\\`*\[\]|~$]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# At the start of a block: headings, quotes, list items, thematic breaks, setext underlines.
_MD_BLOCK_START = re.compile(r"^(?:[-+#>=]|(\d{1,9})(?=[.)]))")


def md_text(value: str, *, starts_block: bool = False) -> str:
    """Text as literal Markdown: only what Markdown would read as syntax is escaped."""
    out = _MD_INLINE.sub(lambda m: "\\" + m.group(0), value)
    if starts_block:
        out = _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" if m.group(1) else "\\" + m.group(0), out, count=1)
    return out


def md(value: object) -> str:
    """Data as literal Markdown text (one line)."""
    return md_text(one_line(value))


def _md_inline(inline: Inline, *, starts_block: bool = False) -> str:
    out = []
    for span in inline:
        if span.kind == "svg":
            continue
        escaped = md_text(span.text, starts_block=starts_block and not out)
        strong = span.kind in ("strong", "brag") and escaped.strip()
        out.append(f"**{escaped}**" if strong else escaped)
    return "".join(out).strip()


def _md_blocks(blocks: list) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + _md_inline(block.content), ""]
        elif isinstance(block, Para):
            line = _md_inline(block.content, starts_block=True)
            lines += [f"*{line}*" if block.cls == "public-note" else line, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_md_inline(item, starts_block=True)}" for item in block.items] + [""]
        elif isinstance(block, Defs):
            lines += [f"- {_md_inline(term, starts_block=True)}: {_md_inline(value)}" for term, value in block.pairs]
            lines.append("")
        elif isinstance(block, Table):
            lines += ["| " + " | ".join(_md_inline(h) for h in block.header) + " |",
                      "|" + "---|" * len(block.header)]
            lines += ["| " + " | ".join(_md_inline(c.content) or " " for c in row) + " |" for row in block.rows]
            lines.append("")
        elif isinstance(block, Group):
            lines += _md_blocks(block.blocks)
    return lines


def render_markdown(data: ReportData) -> str:
    return "\n".join(_md_blocks(document(data))).rstrip("\n") + "\n"


# HTML -------------------------------------------------------------------------------------
def h(value: object) -> str:
    """Data as literal HTML text."""
    return html.escape(clean(value), quote=True)


CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #444; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; }
th, td { border: 1px solid #999; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.id, .date, .brag, .direction, .overdue { white-space: nowrap; }
.brag { font-weight: bold; text-align: center; }
table.matrix .brag { width: 2.5em; }
span.brag { display: inline-block; min-width: 1.4em; padding: 0 0.2em; }
table.actions caption { font-size: 1.05rem; padding-top: 0.6rem; }
table.actions th:nth-child(2) { width: 22%; } table.actions th:last-child { width: 28%; }
.B { background: #1f5fbf; color: #fff; } .R { background: #b3261e; color: #fff; }
.A { background: #f2a900; color: #000; } .G { background: #2e7d32; color: #fff; }
.overdue { color: #b3261e; font-weight: bold; }
.public-note { border: 2px solid #444; padding: 0.5rem; }
dl.key, dl.glossary { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.key dd, dl.glossary dd { margin: 0; }
abbr { text-decoration: none; }
svg.trend { vertical-align: middle; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; font-size: 10pt; }
  h2 { margin-top: 1.2rem; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  h1, h2, h3, h4, caption, thead { break-after: avoid; page-break-after: avoid; }
  tbody tr:first-child { break-before: avoid; page-break-before: avoid; }
  tr, th, td, li, dt, dd, p { break-inside: avoid; page-break-inside: avoid; }
  .keep { break-inside: avoid; page-break-inside: avoid; }
  .B, .R, .A, .G { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _html_inline(inline: Inline) -> str:
    out = []
    for span in inline:
        if span.kind == "svg":
            out.append(span.text)  # markup made by sparkline, its text escaped there
        elif span.kind == "strong":
            out.append(f"<strong>{h(span.text)}</strong>")
        elif span.kind == "brag":
            cls = f"brag {span.text}" if span.text in BRAG_LETTERS else "brag"
            out.append(f'<span class="{cls}">{h(span.text)}</span>')
        elif span.kind == "id":
            out.append(f'<span class="id">{h(span.text)}</span>')
        elif span.kind == "abbr":
            out.append(f'<abbr title="{h(span.title)}">{h(span.text)}</abbr>')
        else:
            out.append(h(span.text))
    return "".join(out).strip()


def _html_cell(cell: Cell) -> str:
    classes = {"brag": f"brag {cell.brag}" if cell.brag in BRAG_LETTERS else "brag"}.get(cell.kind, cell.kind)
    attrs = (f' class="{classes}"' if classes else "") + (f' title="{h(cell.title)}"' if cell.title else "")
    content = _html_inline(cell.content)
    if cell.kind == "id":
        content = h("".join(s.text for s in cell.content))  # the class is on the cell
    if cell.kind == "row":
        return f'<th scope="row"{attrs}>{content}</th>'
    return f"<td{attrs}>{content}</td>"


def _html_blocks(blocks: list) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{_html_inline(block.content)}</h{block.level}>")
        elif isinstance(block, Para):
            cls = f' class="{block.cls}"' if block.cls else ""
            parts.append(f"<p{cls}>{_html_inline(block.content)}</p>")
        elif isinstance(block, Bullets):
            parts.append("<ul>" + "".join(f"<li>{_html_inline(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Defs):
            cls = f' class="{block.cls}"' if block.cls else ""
            parts.append(f"<dl{cls}>" + "".join(f"<dt>{_html_inline(t)}</dt><dd>{_html_inline(v)}</dd>"
                                                for t, v in block.pairs) + "</dl>")
        elif isinstance(block, Table):
            cls = f' class="{block.cls}"' if block.cls else ""
            head = "".join(f'<th scope="col">{_html_inline(c)}</th>' for c in block.header)
            body = "".join("<tr>" + "".join(_html_cell(c) for c in row) + "</tr>" for row in block.rows)
            parts.append(f"<table{cls}><caption>{_html_inline(block.caption)}</caption>"
                         f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
        elif isinstance(block, Group):
            classes = " ".join(c for c in (block.cls, "keep" if block.keep else "") if c)
            cls = f' class="{classes}"' if classes else ""
            parts.append(f"<section{cls}>{_html_blocks(block.blocks)}</section>")
    return "".join(parts)


def sparkline(values: list[float], lower_is_better: bool) -> str:
    """An inline SVG line of the values: no script, no network."""
    if len(values) < 2:
        return ""
    width, height, pad = 160, 32, 3
    low, high = min(values), max(values)
    span = (high - low) or 1
    points = " ".join(
        f"{pad + i * (width - 2 * pad) / (len(values) - 1):.1f},"
        f"{height - pad - (v - low) * (height - 2 * pad) / span:.1f}" for i, v in enumerate(values))
    trend = _trend(values, lower_is_better)
    return (f'<svg class="trend" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f"<title>{h(trend)}: {h(format_value(values[0]))} to {h(format_value(values[-1]))}</title>"
            f'<polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="{points}"/></svg>')


def render_html(data: ReportData) -> str:
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{h(_title(data))}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
            f"<body><main>{_html_blocks(document(data))}</main></body></html>\n")


def write_report(views: BoardViews, meeting: str, fmt: str, out: Path, *, public: bool) -> WrittenReport:
    """Render and write atomically (a temporary file beside ``out``, then renamed): the meeting
    pack for its owner only, the public update as the umask gives."""
    data = gather(views, meeting, public=public)
    text_out = render_html(data) if fmt == "html" else render_markdown(data)
    out = Path(out)
    if not out.parent.is_dir():
        raise BoardError(f"{out.parent} is not a folder; create it first.")
    try:  # the meeting pack is confidential (its owner's only); the public update is for publishing
        write_text_atomically(out, text_out, public=public)
    except OSError as err:
        raise BoardError(f"could not write {out} ({err}); nothing was written.") from None
    return WrittenReport(out, data.withheld, data.said)


def report_name(pack: Path, meeting: Meeting, fmt: str, public: bool) -> str:
    stem = pack.stem if pack.suffix else pack.name
    return f"{stem}-{meeting.id}-{meeting.date.isoformat()}{'-public' if public else ''}.{fmt}"
