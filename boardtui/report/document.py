"""The meeting pack and the public update as a document: what is said, in reading order, from
what gather.py read (and, for the public update, withheld). Both formats render it
(html.py, markdown.py). The public update is in plain words: ratings and directions are words
with a key for every letter and arrow, and each term of the board's glossary is spelled out where
it first appears and listed at the end."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date

from boardtui.measures import format_value, trend
from boardtui.report.blocks import Bullets, Cell, Defs, Group, Heading, Inline, Para, Span, Table, id_span, text
from boardtui.report.gather import PublicProgress, ReportData, Sections, WeaknessSection
from boardtui.report.html import h
from boardtui.report.words import (
    ARROW_WORD,
    ARROWS,
    BRAG_LETTERS,
    BRAG_NAME,
    BRAG_ORDER,
    OUTCOME_WORDS,
    PUBLIC_NOTE,
    UNRATED,
    WITHHELD,
    WORDS,
)
from boardtui.store.rows import GlossaryTerm, MeetingMinute, MeetingUpdate
from boardtui.text import one_line


# Shared wording ------------------------------------------------------------------------
def _day(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def _sections(data: ReportData) -> Sections:
    """The weaknesses' sections, which gather reads before any document is made."""
    if data.sections is None:
        raise RuntimeError("the report's sections were not gathered")
    return data.sections


def _person(data: ReportData, name: str | None) -> str:
    if not name:
        return ""
    return WITHHELD if data.public else name


def _change(now: int, before: int | None) -> str:
    if before is None:
        return ""
    delta = now - before
    return "no change" if delta == 0 else f"{delta:+d}"


def report_title(data: ReportData) -> str:
    return f"{one_line(data.board.name)} - {WORDS[data.public]['kind']} - {_day(data.meeting.date)}"


def _attendees(data: ReportData, present: bool) -> list[str]:
    out = []
    for a in data.attendance:
        if a.present != present:
            continue
        who = f"{a.role}, {a.organisation}" if data.public else f"{a.person} ({a.role}, {a.organisation})"
        out.append(who)
    return out


def _trend(values: list[float], lower_is_better: bool) -> str:
    return trend(values[0], values[-1], lower_is_better) if len(values) > 1 else ""


def _labels(data: ReportData) -> dict[str, str]:
    """Each BRAG letter's name: the board's own label where it wrote one."""
    labels = dict(BRAG_NAME)
    labels.update({d.brag: one_line(d.label) for d in data.definitions})
    return labels


def _rating(data: ReportData, letter: str | None) -> str:
    """How a rating reads in words: the board's label ("Amber - at risk")."""
    return _labels(data)[letter or UNRATED]


def _direction(data: ReportData, arrow: str | None) -> str:
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
    meanings = {d.brag: one_line(d.meaning) for d in data.definitions}
    order = [d.brag for d in data.definitions] + [b for b in BRAG_LETTERS if b not in meanings]
    pairs = []
    for letter in order:
        meaning = meanings.get(letter)
        pairs.append(([Span(letter, "brag")], text(_rating(data, letter) + (f". {meaning}" if meaning else ""))))
    pairs.append(([Span(UNRATED, "strong")], text("not yet rated")))
    pairs += [([Span(arrow, "strong")], text(words.capitalize())) for arrow, words in ARROWS.items()]
    late = WORDS[data.public]["overdue_mark"]
    pairs.append(
        (
            [Span(late, "strong")],
            text(
                "the date in force has passed and the action is not complete (a new date "
                "counts from the day the board agreed it; the first date is kept)"
            ),
        )
    )
    if data.plans:
        example = _sections(data).first_action()
        plans: Inline = [Span("begin with the plan the action belongs to (")]
        for number, p in enumerate(data.plans):
            plans += [Span("; " if number else ""), id_span(p.code), *text(f": {p.title}")]
        plans += [Span(")"), *([Span("; "), id_span(example), Span(" is one")] if example else []), Span(".")]
        pairs.append((text("Action ids"), plans))
    if data.weakness_rows:
        first, last = data.weakness_rows[0].code, data.weakness_rows[-1].code
        pairs.append(
            (
                text("Area ids"),
                [
                    id_span(first),
                    Span(" to "),
                    id_span(last),
                    Span(" number the areas, in the board's order; "),
                    id_span(data.meeting.id),
                    Span(" is this board meeting's number."),
                ],
            )
        )
    return [Heading(2, text(WORDS[data.public]["key"])), Defs(pairs, "key")]


# The document -------------------------------------------------------------------------------
def _summary(data: ReportData) -> list:
    w = WORDS[data.public]
    n = data.ratings_recorded
    recorded = w["recorded"][n != 1].format(n=n) if n else w["none_recorded"]
    rows = []
    for b in BRAG_ORDER:
        now, before = data.counts.get(b, 0), data.previous_counts.get(b, 0)
        if not (now or before):
            continue
        rows.append(
            [
                Cell([Span(b, "strong"), Span(f" {_rating(data, b)}")], "row"),
                Cell(text(now)),
                Cell(text(_change(now, before if data.previous else None))),
            ]
        )
    return [
        Heading(2, text(w["summary"])),
        Para(text(recorded)),
        Table(text(w["summary_caption"]), [text(w["rating"]), text(w["count"]), text(w["change"])], rows),
    ]


def _exceptions(data: ReportData) -> list:
    w = WORDS[data.public]
    if not data.exceptions:
        return [Heading(2, text(w["exceptions"])), Para(text(w["no_exceptions"]))]
    rows = [
        [
            Cell([id_span(e.weakness), *text(f" {e.short_name}")]),
            Cell([id_span(e.id)], "id"),
            Cell(text(e.title)),
            _brag_cell(data, e.brag),
            Cell(text(_day(e.target_date)), "date"),
            Cell(text(_day(e.revised_as_at)), "date"),
            Cell(text(w["overdue_mark"] if e.overdue else ""), "overdue"),
        ]
        for e in data.exceptions
    ]
    header = [
        text(c) for c in (w["area"], w["action"], w["title"], w["rating"], w["target"], w["revised"], w["overdue"])
    ]
    return [Heading(2, text(w["exceptions"])), Table(text(w["exceptions_caption"]), header, rows)]


def _matrix(data: ReportData) -> list:
    w = WORDS[data.public]
    rows = (
        [Cell([id_span(row.code), Span(" "), *text(row.short_name)], "row")]
        + [_brag_cell_letter(data, cells[m.id]) for m in data.meetings]
        for row, cells in _sections(data).matrix()
    )  # a page of weaknesses at a time
    header = [text(w["area"])] + [text(f"{m.date:%b %y}") for m in data.meetings]
    return [
        Group(
            [
                Heading(2, text(w["matrix"])),
                Para(text(w["matrix_note"])),
                Table(text(w["matrix_caption"]), header, rows, "matrix"),
            ],
            keep=True,
        )
    ]


def _monitoring(data: ReportData, status: str) -> str:
    if not data.public:
        return f"Monitoring: {status}"
    if status == "monitored":
        return (
            "This area is still under formal monitoring: the Department for Education and NHS England "
            "check its progress at regular reviews."
        )
    outcome, _, when = status.partition(", ")
    said = {
        "sufficient": "inspectors found sufficient progress here",
        "left formal monitoring": "it left formal monitoring, because enough progress was shown",
    }.get(outcome, outcome)
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
        state = _rating(data, row.brag) + (f", {_direction(data, row.direction)}" if row.direction else "")
    else:
        state = f"BRAG {row.brag or UNRATED}" + (f" {row.direction}" if row.direction else "")
    head = [id_span(row.code), *text(f" {row.short_name}: {state}")]
    # The heading, what the area is, its status and its judgements print together.
    top: list = [Heading(3, head), Para(text(s.title)), Para(text(_monitoring(data, row.monitoring)))]
    if s.judgements:
        items = [
            text(f"{_day(j.date)}, {j.body}: ")
            + _outcome(data, j.outcome)
            + (text(" (whole area)") if j.whole_area else [])
            for j in s.judgements
        ]
        top += [Heading(4, text(w["judgements"])), Bullets(items)]
    blocks: list = [Group(top, keep=True)]
    if s.measures:
        items = []
        for m in s.measures:
            values = list(m.vals or [])
            series = ", ".join(format_value(v) for v in values) or "no values yet"
            item = text(f"{m.name} ({m.unit}): {series}")
            if len(values) > 1:
                item += text(f" - {_trend(values, m.lower_is_better)}")
                item.append(Span(" " + sparkline(values, m.lower_is_better), "svg"))
            items.append(item)
        blocks.append(Group([Heading(4, text(w["measures"])), Bullets(items)], keep=True))
    lead = w["lead"]
    rows = [
        [
            Cell([id_span(a.id)], "id"),
            Cell(text(a.title)),
            Cell(text(a.lead_org if data.public else f"{a.action_lead}, {a.lead_org}")),
            _brag_cell(data, a.brag),
            Cell(text(_direction(data, a.direction)), "direction"),
            Cell(text(_day(a.target_date)), "date"),
            Cell(text(_day(a.revised_as_at)), "date"),
            Cell(text(w["overdue_mark"] if a.overdue else ""), "overdue"),
            Cell(text(a.last_rationale)),
        ]
        for a in s.actions
    ]
    header = [
        text(c)
        for c in (
            w["action"],
            w["title"],
            lead,
            w["rating"],
            w["direction"],
            w["target"],
            w["revised"],
            w["overdue"],
            w["rationale"],
        )
    ]
    # The caption heads the table: it prints with the first rows, where a heading could not.
    caption = [Span(f"{w['actions']}: "), id_span(row.code), *text(f" {row.short_name}")]
    blocks.append(Table(caption, header, rows, "actions"))
    if s.progress:
        blocks.append(
            Group([Heading(4, text(w["progress"])), Bullets([_progress(data, u) for u in s.progress])], keep=True)
        )
    return Group(blocks, "weakness")


def _progress(data: ReportData, u: MeetingUpdate | PublicProgress) -> Inline:
    """One accepted officer's update: the meeting pack gives who, when, the proposed BRAG, risks
    and evidence; the public update quotes the progress and its impact, with no name."""
    w = WORDS[data.public]
    if isinstance(u, PublicProgress):  # the public update's
        item = [id_span(u.action), *text(f": {u.progress}")]
        if u.impact:
            item += text(f" {w['impact']}: {u.impact}")
        return item
    item = [
        id_span(u.action),
        *text(f" ({u.author}, {_day(u.written_at.date())}"),
        *([Span(f", {w['proposed']} "), Span(u.proposed_brag, "brag")] if u.proposed_brag else []),
        *text(f"): {u.progress}"),
    ]
    for key, said in (("risks", u.risks), ("impact", u.impact), ("evidence", u.evidence)):
        if said:
            item += text(f" {w[key]}: {said}")
    return item


def _minute(data: ReportData, d: MeetingMinute) -> Inline:
    kind = WORDS[data.public]["kinds"].get(d.kind, d.kind)
    item: Inline = [Span(one_line(kind), "strong")]
    about = d.action or d.weakness
    if about:
        item += [Span(" ("), id_span(about), Span(")")]
    item += text(f": {d.text}")
    if d.owner:
        item += text(f" - owner {_person(data, d.owner)}, due {_day(d.due_date)}")
    return item


def document(data: ReportData) -> Iterator:
    """The report as blocks in reading order, each made as the renderer comes to it (the
    weaknesses' sections are read a page at a time meanwhile)."""
    if data.public:
        yield from spell_out(_blocks(data), data.glossary)
    else:
        yield from _blocks(data)


def _blocks(data: ReportData) -> Iterator:
    w = WORDS[data.public]
    blocks: list = [Heading(1, text(report_title(data)))]
    if data.public:
        blocks.append(Para(text(PUBLIC_NOTE), "public-note"))
    present, apologies = _attendees(data, True), _attendees(data, False)
    blocks.append(
        Group(
            [
                Heading(2, text(w["cover"])),
                Defs(
                    [
                        (text("Board"), text(data.board.name)),
                        (
                            text("Meeting"),
                            [
                                *text(f"{data.meeting.title} "),
                                Span("("),
                                id_span(data.meeting.id),
                                Span(f"), {_day(data.meeting.date)}"),
                            ],
                        ),
                        (text("Minutes"), text(data.meeting.minutes_status)),
                        (text("Present"), text("; ".join(present) or "not recorded")),
                        (text("Apologies"), text("; ".join(apologies) or "none")),
                    ]
                ),
            ],
            keep=True,
        )
    )
    blocks.append(Group(_key(data), keep=True))
    blocks.append(Group(_summary(data), keep=True))
    blocks.append(Group(_exceptions(data)))
    blocks += _matrix(data)
    blocks.append(Heading(2, text(w["weaknesses"])))
    yield from blocks
    for section in _sections(data):
        yield _weakness(data, section)
    blocks = []
    decisions = [_minute(data, d) for d in data.decisions]
    blocks.append(
        Group([Heading(2, text(w["decisions"])), Bullets(decisions) if decisions else Para(text("None recorded."))])
    )
    due = [
        text(f"Due {_day(d.due_date)} (raised {_day(d.raised_on)}): {d.text} - owner {_person(data, d.owner)}")
        for d in data.arising_due
    ]
    blocks.append(Group([Heading(2, text(w["due"])), Bullets(due) if due else Para(text("None fell due."))]))
    yield from blocks


# The glossary: each term spelled out where it first appears ------------------------------------
def _term_pattern(terms: list[str]) -> re.Pattern | None:
    """A term as a whole word, capitals as written: not inside a longer word, and not the front
    of an id (APP in APP-09.3); a slash or a hyphen before it is a boundary (Ofsted/CQC)."""
    if not terms:
        return None
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w]|-\d)")


def _spelled_block(block, spell: Callable[[Inline], Inline]):
    """The block with every inline spelled, in reading order (cells before the next row); a
    table's rows as they are read."""
    if isinstance(block, Heading):
        return Heading(block.level, spell(block.content))
    if isinstance(block, Para):
        return Para(spell(block.content), block.cls)
    if isinstance(block, Bullets):
        return Bullets([spell(item) for item in block.items])
    if isinstance(block, Defs):
        return Defs([(spell(term), spell(meaning)) for term, meaning in block.pairs], block.cls)
    if isinstance(block, Table):
        caption, header = spell(block.caption), [spell(h) for h in block.header]
        rows = ([replace(cell, content=spell(cell.content)) for cell in row] for row in block.rows)
        # A stream of rows (the matrix, last in its group) is spelled as it is read.
        return Table(caption, header, list(rows) if isinstance(block.rows, list) else rows, block.cls)
    if isinstance(block, Group):
        return Group([_spelled_block(b, spell) for b in block.blocks], block.cls, block.keep)
    return block


def _spell(inline: Inline, pattern: re.Pattern, glossary: dict[str, GlossaryTerm], used: list[str]) -> Inline:
    out: Inline = []
    for span in inline:
        if span.kind not in ("text", "strong"):
            out.append(span)
            continue
        at = 0
        for match in pattern.finditer(span.text):
            term = match.group(0)
            spelled = one_line(glossary[term].spelled_out)
            before = span.text[at : match.start()]
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


def spell_out(blocks: Iterable, glossary_rows: list[GlossaryTerm]) -> Iterator:
    """Each glossary term spelled out where it first appears, marked where it appears again,
    and a list of the terms used, with their meaning, at the end. The blocks are spelled as
    they are written, in reading order (a table's rows as they are read)."""
    glossary = {g.term: g for g in glossary_rows}
    pattern = _term_pattern(list(glossary))
    if pattern is None:
        yield from blocks
        return
    used: list[str] = []

    def spell(inline: Inline) -> Inline:
        return _spell(inline, pattern, glossary, used)

    for block in blocks:
        yield _spelled_block(block, spell)
    pairs = []
    for term in sorted(used, key=str.lower):
        g = glossary[term]
        meaning = text(one_line(g.spelled_out) + (f" - {one_line(g.meaning)}" if g.meaning else ""))
        pairs.append(([Span(term, "strong")], _spell(meaning, pattern, glossary, used)))
    if pairs:
        yield Group([Heading(2, text(WORDS[True]["glossary"])), Defs(pairs, "glossary")])


# A measure's trend drawn inline (HTML only: markdown leaves it out) ----------------------
def sparkline(values: list[float], lower_is_better: bool) -> str:
    """An inline SVG line of the values: no script, no network."""
    if len(values) < 2:
        return ""
    width, height, pad = 160, 32, 3
    low, high = min(values), max(values)
    span = (high - low) or 1
    points = " ".join(
        f"{pad + i * (width - 2 * pad) / (len(values) - 1):.1f},"
        f"{height - pad - (v - low) * (height - 2 * pad) / span:.1f}"
        for i, v in enumerate(values)
    )
    trend = _trend(values, lower_is_better)
    return (
        f'<svg class="trend" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
        f"<title>{h(trend)}: {h(format_value(values[0]))} to {h(format_value(values[-1]))}</title>"
        f'<polyline fill="none" stroke="#1f5fbf" stroke-width="2" points="{points}"/></svg>'
    )
