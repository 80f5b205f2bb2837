"""The rows the screens, dialogs and reports read: one frozen class per query (queries/<name>.sql),
its fields named and ordered as the query's columns. queries.typed builds them, and says which
columns differ when a query and its class disagree (tests/test_typed_rows.py runs every one).

One name means one thing in every class: ``target_in_force`` is the target in force as at the
meeting shown, ``revised_as_at`` the revision in force then (None: none yet), and
``revised_target_date`` only ever the action's own column, the latest revision agreed.

A leaf: it imports nothing of ours (the app imports it before its first frame, and the first frame
is pickled with these rows in it). Rows are NamedTuples: forty frozen dataclasses took 26 ms to
define, on the start-up path of both the app and its first-frame reader; these take 5, and a
row is a tuple (no dict of its own), which a national pack's long lists notice. Annotations are
evaluated here (no ``from __future__ import annotations``): NamedTuple made a ForwardRef of each
string, which doubled the time.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import NamedTuple


# The board, its meetings and its words ---------------------------------------------------------
class Board(NamedTuple):
    """board_info: the board's name and area."""

    name: str
    area: str
    illustrative: bool


class Meeting(NamedTuple):
    """board_meetings: a board meeting, a step of time travel."""

    id: str
    date: dt.date
    title: str
    minutes_status: str


class RagDefinition(NamedTuple):
    """rag_definitions: what a BRAG letter means on this board."""

    brag: str
    label: str
    meaning: str


# The list screens -----------------------------------------------------------------------------
class WeaknessRow(NamedTuple):
    """dashboard: one weakness as at a board meeting."""

    code: str
    short_name: str
    monitoring: str
    monitored: bool
    brag: str | None
    board_rated: bool
    b: int
    r: int
    a: int
    g: int
    unrated: int
    overdue_actions: int  # how many of its live actions are overdue
    direction: str | None


class ActionRow(NamedTuple):
    """actions_of_weakness: one action of a weakness as at a board meeting."""

    id: str
    title: str
    action_lead: str
    lead_org: str
    senior_officer: str
    plan: str
    target_date: dt.date
    revised_as_at: dt.date | None
    target_in_force: dt.date
    last_rationale: str | None
    overdue: bool
    brag: str | None
    direction: str | None
    last_rated: dt.date | None
    status: str


class ExceptionRow(NamedTuple):
    """exceptions: a red or overdue action as at a board meeting, with its weakness."""

    weakness: str
    short_name: str
    id: str
    title: str
    action_lead: str
    lead_org: str
    target_date: dt.date
    revised_as_at: dt.date | None
    target_in_force: dt.date
    overdue: bool
    brag: str | None
    direction: str | None


class MatrixCell(NamedTuple):
    """matrix: a weakness's BRAG at one board meeting."""

    meeting: str
    weakness: str
    brag: str | None
    board_rated: bool


# One action -----------------------------------------------------------------------------------
class ActionOne(NamedTuple):
    """action_one: every field of one action, and its state as at a board meeting."""

    id: str
    weakness: str
    weakness_name: str
    plan: str
    plan_title: str
    title: str
    description: str | None
    success_criteria: str | None
    action_lead: str
    senior_officer: str
    lead_org: str
    start_date: dt.date
    target_date: dt.date
    revised_target_date: dt.date | None  # the action's own column: the latest revision agreed
    target_revised_on: dt.date | None
    status: str
    closed_date: dt.date | None
    carried_forward_from: str | None
    carried_forward_to: str | None
    illustrative: bool
    brag: str | None
    direction: str | None
    overdue: bool | None
    last_rated: dt.date | None


class ActionRating(NamedTuple):
    """action_ratings: one rating of an action."""

    meeting: str
    date: dt.date
    brag: str
    rationale: str
    rated_by: str
    recorded_at: dt.datetime


class ActionEvidence(NamedTuple):
    """action_evidence."""

    date: dt.date
    description: str
    reference: str | None


class ActionMinute(NamedTuple):
    """action_minutes: a minute item about an action."""

    meeting: str
    date: dt.date
    kind: str
    text: str
    owner: str | None
    due_date: dt.date | None
    confidential: bool


class AuditEntry(NamedTuple):
    """action_audit: one change to an action (or its ratings)."""

    changed_at: dt.datetime
    who: str
    table_name: str
    field: str
    old_value: str | None
    new_value: str | None
    why: str


@dataclass(frozen=True, slots=True)
class ActionDetail:
    """One action as the action detail shows it: action_one and its four lists."""

    action: ActionOne
    ratings: list[ActionRating]
    evidence: list[ActionEvidence]
    minutes: list[ActionMinute]
    audit: list[AuditEntry]


# One weakness ---------------------------------------------------------------------------------
class WeaknessOne(NamedTuple):
    """weakness_one."""

    code: str
    short_name: str
    title: str
    theme: str


class Judgement(NamedTuple):
    """weakness_judgements: an inspection judgement on a weakness or the whole area."""

    date: dt.date
    body: str
    outcome: str
    source: str
    note: str | None
    whole_area: bool


class WeaknessMeasure(NamedTuple):
    """weakness_measures: a measure and its values so far, oldest first."""

    code: str
    name: str
    unit: str
    lower_is_better: bool
    vals: list[float] | None
    periods: list[dt.date] | None


class WeaknessMinute(NamedTuple):
    """weakness_minutes: a minute item about a weakness or one of its actions."""

    meeting: str
    date: dt.date
    kind: str
    action: str | None
    text: str
    owner: str | None
    due_date: dt.date | None
    confidential: bool


@dataclass(frozen=True, slots=True)
class WeaknessDetail:
    """One weakness as its detail shows it: weakness_one and its three lists."""

    weakness: WeaknessOne
    judgements: list[Judgement]
    measures: list[WeaknessMeasure]
    minutes: list[WeaknessMinute]


# Meeting mode ---------------------------------------------------------------------------------
class AgendaWeakness(NamedTuple):
    """agenda_weaknesses: a weakness on a board meeting's agenda."""

    code: str
    short_name: str
    brag: str | None
    prev_brag: str | None
    direction: str | None
    monitored: bool
    monitoring: str
    derived_brag: str | None
    board_rated_here: bool


class ArisingDue(NamedTuple):
    """report_arising_due: an action arising from the minutes that fell due since the meeting before."""

    meeting: str
    raised_on: dt.date
    weakness: str | None
    action: str | None
    text: str
    owner: str
    due_date: dt.date


class AgendaMinute(NamedTuple):
    """agenda_minutes: a minute item as the agenda lists it (and the recording room edits it)."""

    id: int
    meeting: str
    date: dt.date
    minutes_status: str
    item_order: int
    kind: str
    weakness: str | None
    action: str | None
    text: str
    owner: str | None
    due_date: dt.date | None
    confidential: bool


class AgendaAction(NamedTuple):
    """agenda_actions: an action of the weakness on the agenda, with what moved since the meeting before."""

    id: str
    title: str
    action_lead: str
    lead_org: str
    plan: str
    brag: str | None
    prev_brag: str | None
    direction: str | None
    overdue: bool
    target_date: dt.date
    revised_as_at: dt.date | None
    target_in_force: dt.date
    last_rated: dt.date | None
    status: str
    closed_date: dt.date | None
    target_revised_on: dt.date | None
    start_date: dt.date
    rated_here: bool
    started_since: bool
    closed_since: bool
    revised_since: bool
    overdue_since: bool


class AgendaMeasure(NamedTuple):
    """agenda_measures_since: a measure value new since the meeting before."""

    name: str
    unit: str
    period_end: dt.date
    value: float


class AttendancePerson(NamedTuple):
    """attendance_people: someone at a meeting or the board meeting before, and what is recorded."""

    person: str
    role: str
    organisation: str
    present: bool | None  # False: apologies; None: not recorded at this meeting yet


# Officers' updates ----------------------------------------------------------------------------
class ActionUpdate(NamedTuple):
    """updates_of_action: an update on an action, in any state."""

    uid: str
    action: str
    for_meeting: str | None
    author: str
    written_at: dt.datetime
    progress: str
    proposed_brag: str | None
    risks: str | None
    impact: str | None
    evidence: str | None
    source: str
    conflicts: str | None
    state: str
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    sent_at: dt.datetime | None
    replaced_on: dt.datetime | None


class MeetingUpdate(NamedTuple):
    """updates_for_meeting: an update reported to a board meeting, its proposal beside the BRAG then."""

    uid: str
    action: str
    title: str
    weakness: str
    author: str
    written_at: dt.datetime
    for_meeting: str | None
    progress: str
    proposed_brag: str | None
    current_brag: str | None
    risks: str | None
    impact: str | None
    evidence: str | None
    state: str
    source: str
    conflicts: str | None
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    replaces: int  # how many earlier updates by the same officer for the same meeting it replaces


class WaitingUpdate(NamedTuple):
    """updates_waiting: a submitted update waiting for the secretary's decision."""

    uid: str
    action: str
    title: str
    weakness: str
    author: str
    written_at: dt.datetime
    for_meeting: str | None
    meeting_date: dt.date | None
    progress: str
    proposed_brag: str | None
    current_brag: str | None
    risks: str | None
    impact: str | None
    evidence: str | None
    source: str
    conflicts: str | None
    replaced_on: dt.datetime | None


class UpdateOne(NamedTuple):
    """update_one: every field of one update."""

    id: int
    uid: str
    action: str
    for_meeting: str | None
    author: str
    written_at: dt.datetime
    progress: str
    proposed_brag: str | None
    risks: str | None
    impact: str | None
    evidence: str | None
    source: str
    base: str | None
    conflicts: str | None
    state: str
    decided_by: str | None
    decided_at: dt.datetime | None
    decision_reason: str | None
    sent_at: dt.datetime | None


@dataclass(frozen=True, slots=True)
class AgendaDetail:
    """What one agenda item opens on (the previous minutes' item has no actions or measures)."""

    arising_due: list[ArisingDue]
    minutes: list[AgendaMinute]
    actions: list[AgendaAction] = field(default_factory=list)
    measures: list[AgendaMeasure] = field(default_factory=list)
    updates: list[MeetingUpdate] = field(default_factory=list)


# Search ---------------------------------------------------------------------------------------
class SearchResult(NamedTuple):
    """search: an action, weakness or minute whose words hold what was typed."""

    kind: str
    action: str | None
    weakness: str | None
    meeting: str | None
    label: str
    detail: str


class PaletteResult(NamedTuple):
    """palette_search: a weakness, action or board meeting to go to."""

    kind: str
    target: str
    weakness: str | None
    label: str


# The meeting pack (report/gather.py) ---------------------------------------------------------
class AttendanceRow(NamedTuple):
    """report_attendance."""

    person: str
    role: str
    organisation: str
    present: bool


class BragCount(NamedTuple):
    """report_brag_counts."""

    brag: str
    actions: int


class RatingsRecorded(NamedTuple):
    """report_ratings_recorded."""

    ratings: int


class MeetingMinute(NamedTuple):
    """report_meeting_minutes: a minute item recorded at the meeting reported on."""

    item_order: int
    kind: str
    weakness: str | None
    action: str | None
    text: str
    owner: str | None
    due_date: dt.date | None
    confidential: bool


class Plan(NamedTuple):
    """report_plans."""

    code: str
    title: str


class GlossaryTerm(NamedTuple):
    """glossary_terms."""

    term: str
    spelled_out: str
    meaning: str | None


class ReportJudgement(NamedTuple):
    """report_judgements: a judgement on one of a page's weaknesses (None: the whole area)."""

    weakness: str | None
    date: dt.date
    body: str
    outcome: str
    source: str
    note: str | None
    whole_area: bool


class ReportMeasure(NamedTuple):
    """report_measures: a page's weaknesses' measures and their values so far."""

    weakness: str
    code: str
    name: str
    unit: str
    lower_is_better: bool
    vals: list[float] | None
    periods: list[dt.date] | None


class ReportAction(NamedTuple):
    """report_actions: a page's weaknesses' actions as at the meeting."""

    weakness: str
    id: str
    title: str
    action_lead: str
    lead_org: str
    senior_officer: str
    plan: str
    target_date: dt.date
    revised_as_at: dt.date | None
    target_in_force: dt.date
    last_rationale: str | None
    overdue: bool
    brag: str | None
    direction: str | None
    last_rated: dt.date | None
    status: str


# Each query a screen, dialog or report reads, and its row (tests/test_typed_rows.py checks them all).
ROW_OF: dict[str, type] = {
    "board_info": Board,
    "board_meetings": Meeting,
    "rag_definitions": RagDefinition,
    "dashboard": WeaknessRow,
    "actions_of_weakness": ActionRow,
    "exceptions": ExceptionRow,
    "matrix": MatrixCell,
    "action_one": ActionOne,
    "action_ratings": ActionRating,
    "action_evidence": ActionEvidence,
    "action_minutes": ActionMinute,
    "action_audit": AuditEntry,
    "weakness_one": WeaknessOne,
    "weakness_judgements": Judgement,
    "weakness_measures": WeaknessMeasure,
    "weakness_minutes": WeaknessMinute,
    "agenda_weaknesses": AgendaWeakness,
    "report_arising_due": ArisingDue,
    "agenda_minutes": AgendaMinute,
    "agenda_actions": AgendaAction,
    "agenda_measures_since": AgendaMeasure,
    "attendance_people": AttendancePerson,
    "updates_of_action": ActionUpdate,
    "updates_for_meeting": MeetingUpdate,
    "updates_waiting": WaitingUpdate,
    "update_one": UpdateOne,
    "search": SearchResult,
    "palette_search": PaletteResult,
    "report_attendance": AttendanceRow,
    "report_brag_counts": BragCount,
    "report_ratings_recorded": RatingsRecorded,
    "report_meeting_minutes": MeetingMinute,
    "report_plans": Plan,
    "glossary_terms": GlossaryTerm,
    "report_judgements": ReportJudgement,
    "report_measures": ReportMeasure,
    "report_actions": ReportAction,
}
