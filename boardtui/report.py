"""The meeting pack (before a meeting) and the public board update (after it), as Markdown or
one self-contained HTML file, from the same views the app shows. Never imports Textual."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from boardtui.errors import BoardError
from boardtui.measures import format_value, trend
from boardtui.store.views import BoardViews, Meeting
from boardtui.text import clean, one_line

BRAG_ORDER = ("R", "A", "G", "B", "-")
BRAG_NAME = {"B": "Blue - complete", "R": "Red - off track", "A": "Amber - at risk",
             "G": "Green - on track", "-": "not yet rated"}
WITHHELD = "a named officer"

# The same report has two audiences; the public one uses plain-language headings.
HEADINGS = {
    False: {
        "cover": "Meeting", "summary": "Summary", "exceptions": "Exceptions: red and overdue actions",
        "matrix": "RAG matrix", "weaknesses": "Areas of weakness", "decisions": "Decisions and actions arising",
        "due": "Actions arising due", "judgements": "Judgement history", "measures": "Measures",
        "actions": "Actions",
    },
    True: {
        "cover": "About this update", "summary": "How the plan is going",
        "exceptions": "Where we are behind", "matrix": "Progress over time",
        "weaknesses": "What we are working on", "decisions": "What the board decided",
        "due": "What was due since the last meeting", "judgements": "What inspectors and reviewers said",
        "measures": "How we measure progress", "actions": "What we are doing",
    },
}


@dataclass
class WeaknessSection:
    row: dict
    title: str
    judgements: list[dict]
    measures: list[dict]
    actions: list[dict]


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
    weaknesses: list[WeaknessSection] = field(default_factory=list)
    decisions: list[dict] = field(default_factory=list)
    arising_due: list[dict] = field(default_factory=list)


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


def gather(views: BoardViews, wanted: str, *, public: bool) -> ReportData:
    meetings = views.meetings()
    meeting = pick_meeting(meetings, wanted)
    index = meetings.index(meeting)
    previous = meetings[index - 1] if index else None
    data = ReportData(
        board=views.board(), meeting=meeting, previous=previous, meetings=meetings[: index + 1],
        public=public, attendance=views.attendance(meeting.id),
        counts=views.brag_counts(meeting.id),
        previous_counts=views.brag_counts(previous.id) if previous else {},
        ratings_recorded=views.ratings_recorded(meeting.id),
        exceptions=views.exceptions(meeting.id), matrix=views.matrix(),
        decisions=views.meeting_minutes(meeting.id, include_confidential=not public),
        arising_due=views.arising_due(meeting.id, include_confidential=not public),
    )
    for row in views.dashboard(meeting.id):
        detail = views.weakness_detail(row["code"], meeting)
        data.weaknesses.append(WeaknessSection(
            row=row, title=detail["title"],
            judgements=[j for j in detail["judgements"] if j["date"] <= meeting.date],
            measures=detail["measures"], actions=views.actions(row["code"], meeting.id)))
    return data


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
    kind = "Public update" if data.public else "Meeting pack"
    return f"{data.board['name']} - {kind} - {_day(data.meeting.date)}"


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


# Markdown ---------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&])")


def md(value: object) -> str:
    """Data as literal Markdown text: every character that could mean something is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(value))


def _md_table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(cell or " " for cell in row) + " |" for row in rows]
    return out + [""]


def render_markdown(data: ReportData) -> str:
    h = HEADINGS[data.public]
    lines = [f"# {md(_title(data))}", ""]
    if data.public:
        lines += ["*This is the public version of the board's update: it leaves out confidential "
                  "items and the names of individuals.*", ""]
    lines += [f"## {h['cover']}", "",
              f"- Board: {md(data.board['name'])}",
              f"- Meeting: {md(data.meeting.title)} ({md(data.meeting.id)}), {_day(data.meeting.date)}",
              f"- Minutes: {data.meeting.minutes_status}",
              f"- Present: {md('; '.join(_attendees(data, True))) or 'not recorded'}",
              f"- Apologies: {md('; '.join(_attendees(data, False))) or 'none'}", ""]
    lines += [f"## {h['summary']}", "",
              f"{data.ratings_recorded} ratings were recorded at this meeting."
              if data.ratings_recorded else "No ratings have been recorded at this meeting yet; "
              "the figures are each action's latest rating.", ""]
    lines += _md_table(["BRAG", "Actions", "Change since previous meeting"],
                       [[BRAG_NAME[b], str(data.counts.get(b, 0)),
                         _change(data.counts.get(b, 0), data.previous_counts.get(b, 0) if data.previous else None)]
                        for b in BRAG_ORDER if data.counts.get(b) or data.previous_counts.get(b)])
    lines += [f"## {h['exceptions']}", ""]
    if data.exceptions:
        lines += _md_table(["Area", "Action", "Title", "BRAG", "Target", "Revised", "Overdue"],
                           [[md(e["weakness"]), md(e["id"]), md(e["title"]), e["brag"] or "-",
                             _day(e["target_date"]), _day(e["revised_target_date"]), "OVERDUE" if e["overdue"] else ""]
                            for e in data.exceptions])
    else:
        lines += ["No red or overdue actions.", ""]
    lines += [f"## {h['matrix']}", "",
              "Each cell is the area's BRAG letter at that meeting (- not yet rated).", ""]
    lines += _md_table(["Area"] + [f"{m.date:%b %y}" for m in data.meetings],
                       [[f"{md(w.row['code'])} {md(w.row['short_name'])}"]
                        + [(data.matrix.get((w.row["code"], m.id)) or {}).get("brag") or "-" for m in data.meetings]
                        for w in data.weaknesses])
    lines += [f"## {h['weaknesses']}", ""]
    for w in data.weaknesses:
        lines += [f"### {md(w.row['code'])} {md(w.row['short_name'])}: {w.row['brag'] or '-'} {w.row['direction']}", "",
                  md(w.title), "", f"Monitoring: {md(w.row['monitoring'])}", "", f"#### {h['judgements']}", ""]
        lines += [f"- {_day(j['date'])}, {md(j['body'])}: {md(j['outcome'])}" + (" (whole area)" if j["whole_area"] else "")
                  for j in w.judgements] + [""]
        if w.measures:
            lines += [f"#### {h['measures']}", ""]
            for m in w.measures:
                values = list(m["vals"] or [])
                series = ", ".join(format_value(v) for v in values) or "no values yet"
                lines += [f"- {md(m['name'])} ({md(m['unit'])}): {series}"
                          + (f" - {_trend(values, m['lower_is_better'])}" if len(values) > 1 else "")]
            lines.append("")
        lines += [f"#### {h['actions']}", ""]
        lead = "Lead organisation" if data.public else "Lead"
        lines += _md_table(["Action", "Title", lead, "BRAG", "Dir", "Target", "Revised", "Latest rationale"],
                           [[md(a["id"]), md(a["title"]),
                             md(a["lead_org"] if data.public else f"{a['action_lead']}, {a['lead_org']}"),
                             a["brag"] or "-", a["direction"], _day(a["target_date"]),
                             _day(a["revised_target_date"]) + (" OVERDUE" if a["overdue"] else ""),
                             md(a["last_rationale"])] for a in w.actions])
    lines += [f"## {h['decisions']}", ""]
    lines += [f"- **{md(d['kind'])}**{' (' + md(d['action'] or d['weakness']) + ')' if d['action'] or d['weakness'] else ''}: "
              f"{md(d['text'])}" + (f" - owner {md(_person(data, d['owner']))}, due {_day(d['due_date'])}" if d["owner"] else "")
              for d in data.decisions] or ["None recorded."]
    lines += ["", f"## {h['due']}", ""]
    lines += [f"- Due {_day(d['due_date'])} (raised {_day(d['raised_on'])}): {md(d['text'])} - owner {md(_person(data, d['owner']))}"
              for d in data.arising_due] or ["None fell due."]
    return "\n".join(lines) + "\n"


# HTML -------------------------------------------------------------------------------------
def h(value: object) -> str:
    """Data as literal HTML text."""
    return html.escape(clean(value), quote=True)


CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #444; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
th, td { border: 1px solid #999; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.brag { font-weight: bold; text-align: center; width: 2.5em; }
.B { background: #1f5fbf; color: #fff; } .R { background: #b3261e; color: #fff; }
.A { background: #f2a900; color: #000; } .G { background: #2e7d32; color: #fff; }
.overdue { color: #b3261e; font-weight: bold; }
.public-note { border: 2px solid #444; padding: 0.5rem; }
svg.trend { vertical-align: middle; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; font-size: 10pt; }
  h2 { break-after: avoid; } table, section.weakness { break-inside: avoid; }
  .B, .R, .A, .G { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


OVERDUE_HTML = ' <span class="overdue">OVERDUE</span>'


def _brag_cell(letter: str | None) -> str:
    letter = letter or "-"
    cls = f"brag {letter}" if letter in "BRAG" else "brag"
    return f'<td class="{cls}" title="{h(BRAG_NAME.get(letter, letter))}">{h(letter)}</td>'


def _table(caption: str, header: list[str], rows: list[str]) -> str:
    head = "".join(f'<th scope="col">{h(c)}</th>' for c in header)
    return (f"<table><caption>{h(caption)}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>")


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
    hd = HEADINGS[data.public]
    parts = [f"<h1>{h(_title(data))}</h1>"]
    if data.public:
        parts.append('<p class="public-note">This is the public version of the board\'s update. '
                     "It leaves out confidential items and the names of individuals.</p>")
    present, apologies = _attendees(data, True), _attendees(data, False)
    parts.append(f"<section><h2>{h(hd['cover'])}</h2><dl>"
                 f"<dt>Board</dt><dd>{h(data.board['name'])}</dd>"
                 f"<dt>Meeting</dt><dd>{h(data.meeting.title)} ({h(data.meeting.id)}), {h(_day(data.meeting.date))}</dd>"
                 f"<dt>Minutes</dt><dd>{h(data.meeting.minutes_status)}</dd>"
                 f"<dt>Present</dt><dd>{h('; '.join(present)) or 'not recorded'}</dd>"
                 f"<dt>Apologies</dt><dd>{h('; '.join(apologies)) or 'none'}</dd></dl></section>")
    rows = [f"<tr><th scope=\"row\">{h(BRAG_NAME[b])}</th><td>{data.counts.get(b, 0)}</td>"
            f"<td>{h(_change(data.counts.get(b, 0), data.previous_counts.get(b, 0) if data.previous else None))}</td></tr>"
            for b in BRAG_ORDER if data.counts.get(b) or data.previous_counts.get(b)]
    recorded = (f"{data.ratings_recorded} ratings were recorded at this meeting." if data.ratings_recorded
                else "No ratings have been recorded at this meeting yet; the figures are each action's latest rating.")
    parts.append(f"<section><h2>{h(hd['summary'])}</h2><p>{h(recorded)}</p>"
                 + _table("Actions by BRAG", ["BRAG", "Actions", "Change since previous meeting"], rows) + "</section>")
    if data.exceptions:
        rows = [f"<tr><td>{h(e['weakness'])}</td><th scope=\"row\">{h(e['id'])}</th><td>{h(e['title'])}</td>"
                f"{_brag_cell(e['brag'])}<td>{h(_day(e['target_date']))}</td><td>{h(_day(e['revised_target_date']))}</td>"
                f"<td class=\"overdue\">{'OVERDUE' if e['overdue'] else ''}</td></tr>" for e in data.exceptions]
        body = _table("Red or overdue actions", ["Area", "Action", "Title", "BRAG", "Target", "Revised", "Overdue"], rows)
    else:
        body = "<p>No red or overdue actions.</p>"
    parts.append(f"<section><h2>{h(hd['exceptions'])}</h2>{body}</section>")
    rows = [f"<tr><th scope=\"row\">{h(w.row['code'])} {h(w.row['short_name'])}</th>"
            + "".join(_brag_cell((data.matrix.get((w.row['code'], m.id)) or {}).get("brag")) for m in data.meetings)
            + "</tr>" for w in data.weaknesses]
    parts.append(f"<section><h2>{h(hd['matrix'])}</h2><p>Each cell is the area's BRAG letter at that meeting "
                 "(- not yet rated).</p>"
                 + _table("BRAG by area and meeting", ["Area"] + [f"{m.date:%b %y}" for m in data.meetings], rows)
                 + "</section>")
    parts.append(f"<h2>{h(hd['weaknesses'])}</h2>")
    for w in data.weaknesses:
        judgements = "".join(f"<li>{h(_day(j['date']))}, {h(j['body'])}: <strong>{h(j['outcome'])}</strong>"
                             f"{' (whole area)' if j['whole_area'] else ''}</li>" for j in w.judgements)
        measures = "".join(
            f"<li>{h(m['name'])} ({h(m['unit'])}): {h(', '.join(format_value(v) for v in (m['vals'] or [])) or 'no values yet')} "
            f"{sparkline(list(m['vals'] or []), m['lower_is_better'])}</li>" for m in w.measures)
        lead = "Lead organisation" if data.public else "Lead"
        rows = [f"<tr><th scope=\"row\">{h(a['id'])}</th><td>{h(a['title'])}</td>"
                f"<td>{h(a['lead_org'] if data.public else a['action_lead'] + ', ' + a['lead_org'])}</td>"
                f"{_brag_cell(a['brag'])}<td>{h(a['direction'])}</td><td>{h(_day(a['target_date']))}</td>"
                f"<td>{h(_day(a['revised_target_date']))}{OVERDUE_HTML if a['overdue'] else ''}</td>"
                f"<td>{h(a['last_rationale'])}</td></tr>" for a in w.actions]
        parts.append(
            f'<section class="weakness"><h3>{h(w.row["code"])} {h(w.row["short_name"])}: '
            f'BRAG {h(w.row["brag"] or "-")} {h(w.row["direction"])}</h3><p>{h(w.title)}</p>'
            f"<p>Monitoring: {h(w.row['monitoring'])}</p><h4>{h(hd['judgements'])}</h4><ul>{judgements}</ul>"
            + (f"<h4>{h(hd['measures'])}</h4><ul>{measures}</ul>" if w.measures else "")
            + f"<h4>{h(hd['actions'])}</h4>"
            + _table(f"Actions for {w.row['code']}", ["Action", "Title", lead, "BRAG", "Dir", "Target", "Revised", "Latest rationale"], rows)
            + "</section>")
    items = "".join(
        f"<li><strong>{h(d['kind'])}</strong>{' (' + h(d['action'] or d['weakness']) + ')' if d['action'] or d['weakness'] else ''}: "
        f"{h(d['text'])}{' - owner ' + h(_person(data, d['owner'])) + ', due ' + h(_day(d['due_date'])) if d['owner'] else ''}</li>"
        for d in data.decisions)
    parts.append(f"<section><h2>{h(hd['decisions'])}</h2>" + (f"<ul>{items}</ul>" if items else "<p>None recorded.</p>") + "</section>")
    items = "".join(f"<li>Due {h(_day(d['due_date']))} (raised {h(_day(d['raised_on']))}): {h(d['text'])} "
                    f"- owner {h(_person(data, d['owner']))}</li>" for d in data.arising_due)
    parts.append(f"<section><h2>{h(hd['due'])}</h2>" + (f"<ul>{items}</ul>" if items else "<p>None fell due.</p>") + "</section>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{h(_title(data))}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
            f"<body><main>{''.join(parts)}</main></body></html>\n")


def write_report(views: BoardViews, meeting: str, fmt: str, out: Path, *, public: bool) -> Path:
    """Render and write atomically (a temporary file beside ``out``, then renamed)."""
    data = gather(views, meeting, public=public)
    text = render_html(data) if fmt == "html" else render_markdown(data)
    out = Path(out)
    if not out.parent.is_dir():
        raise BoardError(f"{out.parent} is not a folder; create it first.")
    partial = out.with_name(f".{out.name}.partial-{os.getpid()}")
    try:
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, out)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise BoardError(f"could not write {out} ({err}); nothing was written.") from None
    return out


def report_name(pack: Path, meeting: Meeting, fmt: str, public: bool) -> str:
    stem = pack.stem if pack.suffix else pack.name
    return f"{stem}-{meeting.id}-{meeting.date.isoformat()}{'-public' if public else ''}.{fmt}"

