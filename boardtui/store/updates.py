"""An officer's progress update: its fields checked, and the base it was written on.

An update is its own record (not a rating): the action, who wrote it and when, the board meeting
it reports to, progress since the last report, an optional proposed BRAG, risks and mitigation,
impact and evidence. Wherever it is written (in a pack, through the Recorder, or in an
officer's draft return beside a pack or snapshot that cannot be written), it is checked here
and carries its *base*: which pack or snapshot it was written on and the action as it stood
there, so a merge can say what changed since.

Nothing here writes; every statement is in queries/update_*.sql and needs only the rules
(queries/rules.sql), not the other macros: the Recorder gives its cursor them to check an update,
and the returns read on Store.rules_cursor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardtui.errors import FieldError
from boardtui.store.parse import parse_brag
from boardtui.store.queries import dicts
from boardtui.text import clean

if TYPE_CHECKING:
    import duckdb

    from boardtui.store.db import Store

WRITTEN_HERE = "written here"  # officer_update.source of an update written in the pack itself


@dataclass(frozen=True)
class UpdateText:
    """What an officer writes in the update form. ``for_meeting``: a board meeting's id, or
    None for the next board meeting."""

    action: str
    progress: str
    for_meeting: str | None = None
    proposed_brag: str | None = None
    risks: str | None = None
    impact: str | None = None
    evidence: str | None = None


@dataclass(frozen=True)
class OfficerUpdate:
    """One update as the officer's own list shows it. ``where``: 'pack' (a row of the pack) or
    'draft' (in the officer's draft return); ``sent_at``: when it left in a return (None: not
    yet)."""

    uid: str
    action: str
    for_meeting: str | None
    author: str
    written_at: datetime
    progress: str
    proposed_brag: str | None = None
    risks: str | None = None
    impact: str | None = None
    evidence: str | None = None
    state: str = "submitted"
    source: str = WRITTEN_HERE
    where: str = "pack"
    sent_at: datetime | None = None
    decided_by: str | None = None
    decided_at: datetime | None = None
    decision_reason: str | None = None
    conflicts: str | None = None

    @classmethod
    def from_row(cls, row: dict[str, Any], where: str = "pack") -> OfficerUpdate:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names}, where=where)


def _text(field_name: str, value: str | None, *, required: bool, why: str = "required") -> str | None:
    text = clean(value).strip() if value is not None else ""
    if required and not text:
        raise FieldError(field_name, why)
    return text or None


def checked(cur: duckdb.DuckDBPyConnection, update: UpdateText) -> dict[str, Any]:
    """The update's fields, cleaned and checked against the pack it is written on; FieldError
    names the first field that is wrong."""
    action_id = _text("action", update.action, required=True)
    if not dicts(cur, "update_action_state", id=action_id):
        raise FieldError("action", f"there is no action {action_id} in this pack")
    progress = _text("progress", update.progress, required=True, why="required: what was done since the last report")
    brag = None
    if update.proposed_brag is not None and update.proposed_brag.strip():
        try:
            brag = parse_brag(update.proposed_brag)
        except ValueError as err:
            raise FieldError("proposed BRAG", f"{update.proposed_brag!r} is not {err}") from None
    meeting = _text("meeting", update.for_meeting, required=False)
    if meeting is not None:
        found = dicts(cur, "update_meeting_one", id=meeting)
        if not found or found[0]["kind"] != "board":
            raise FieldError("meeting", f"there is no board meeting {meeting}; leave it blank for the next one")
        if found[0]["minutes_status"] == "approved":
            raise FieldError(
                "meeting",
                f"the minutes of {meeting} ({found[0]['date']:%d %b %Y}) are approved, "
                "so it has happened; write the update for the next meeting",
            )
    return {
        "action": action_id,
        "progress": progress,
        "for_meeting": meeting,
        "proposed_brag": brag,
        "risks": _text("risks", update.risks, required=False),
        "impact": _text("impact", update.impact, required=False),
        "evidence": _text("evidence", update.evidence, required=False),
    }


def default_meeting(cur: duckdb.DuckDBPyConnection, today: date | None = None) -> str | None:
    """The board meeting an update reports to unless the officer chooses: the latest one with
    draft minutes still to come, else None (the next board meeting)."""
    found = dicts(cur, "update_default_meeting", today=today or date.today())
    return found[0]["id"] if found else None


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def action_state(cur: duckdb.DuckDBPyConnection, action_id: str) -> dict[str, Any] | None:
    """The action as the pack holds it now, in the form a base keeps (JSON-ready); None when
    the pack has no such action."""
    found = dicts(cur, "update_action_state", id=action_id)
    if not found:
        return None
    a = found[0]
    return {
        "id": a["id"],
        "brag": a["brag"],
        "rated_at": a["rated_at"],
        "rated_on": _iso(a["rated_on"]),
        "target_date": _iso(a["target_date"]),
        "revised_target_date": _iso(a["revised_target_date"]),
        "target_revised_on": _iso(a["target_revised_on"]),
        "status": a["status"],
        "closed_date": _iso(a["closed_date"]),
        "carried_forward_to": a["carried_forward_to"],
    }


def pack_identity(cur: duckdb.DuckDBPyConnection, store: Store) -> dict[str, Any]:
    """Which pack or snapshot the store is: the pack's id and board, its latest board meeting,
    and for a snapshot its id and when it was exported, else the pack's path."""
    found = dicts(cur, "update_pack_identity")
    board = found[0] if found else {"pack_id": None, "board": None, "latest_meeting": None, "latest_meeting_date": None}
    identity: dict[str, Any] = {
        "pack_id": board["pack_id"],
        "board": board["board"],
        "latest_meeting": board["latest_meeting"],
        "latest_meeting_date": _iso(board["latest_meeting_date"]),
    }
    path = Path(store.path)
    if path.is_dir():
        from boardtui.store.snapshot import manifest_file

        manifest = json.loads(manifest_file(path).read_text(encoding="utf-8"))
        identity.update(
            kind="snapshot",
            snapshot_id=manifest.get("snapshot_id"),
            exported_at=manifest.get("exported_at"),
            path=str(path.resolve()),
            public=bool(manifest.get("public")),
        )
    else:
        identity.update(kind="pack", path=str(path.resolve()))
    return identity


def base_of(cur: duckdb.DuckDBPyConnection, identity: dict[str, Any], action_id: str) -> dict[str, Any]:
    """What an update is based on: the pack or snapshot and the action as it stood there."""
    return {**identity, "action": action_state(cur, action_id)}


def describe_base(base: dict[str, Any] | None) -> str:
    """'the officer's snapshot of 25 Nov 2025' or 'the officer's copy of the pack (as at M19)'."""
    if not base:
        return "the officer's copy"
    if base.get("kind") == "snapshot" and base.get("exported_at"):
        try:
            when = datetime.fromisoformat(base["exported_at"]).strftime("%d %b %Y")
        except ValueError:
            when = base["exported_at"]
        return f"the officer's snapshot of {when}"
    latest = base.get("latest_meeting")
    return "the officer's copy of the pack" + (f" (as at {latest})" if latest else "")
