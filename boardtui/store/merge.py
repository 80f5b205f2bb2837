"""The secretary's side of officers' returns: reading a return file, merging returns into the
board's pack, and listing the returns waiting in the returns folder.

Every update lands as submitted: nothing in the board's record changes until the secretary
accepts it (Recorder.accept_update). What a merge finds is shown, never resolved silently, and
kept in the update's ``conflicts`` in words: the action changed in the pack since the officer's
base (rated, target revised, closed or carried forward, and at which meeting), someone else
updated the same action for the same meeting, the action is not in this pack (kept, not
dropped), the meeting it reports to is unknown here or already approved. A return from another
board's pack, or changed after it was written (checksum), is refused whole. An update is known
by its uid, so importing a return twice adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, overload

import duckdb

from boardtui.errors import BoardError
from boardtui.store.jsonfile import JsonProblem, strict_loads
from boardtui.store.limits import RETURN_BYTES, RETURN_UPDATES, UPDATE_NAME_CHARS, UPDATE_TEXT_CHARS, size
from boardtui.store.queries import dicts, rows, sql
from boardtui.store.returns import RETURN_FORMAT, RETURN_SUFFIX, RETURN_VERSION, UPDATE_FIELDS, checksum
from boardtui.store.updates import action_state, describe_base
from boardtui.text import clean, cut, one_line

if TYPE_CHECKING:
    from boardtui.store.db import Store

BRAGS = ("B", "R", "A", "G")


class ReturnsRefused(BoardError):
    """One or more return files refused: nothing was imported. ``problems``: one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class ReturnFile:
    """A return, read and checked: who sent it, from which pack or snapshot, and its updates
    (each a dict of the update's fields with ``base``, ``written_at`` a datetime)."""

    path: Path
    author: str
    exported_at: datetime
    pack_id: str | None
    board: str | None
    source: dict[str, Any]
    updates: list[dict[str, Any]]


def _bad(path: Path, why: str) -> BoardError:
    return BoardError(
        f"{one_line(path)} is not a return boardtui can read ({why}); ask the officer to send the "
        f"{RETURN_SUFFIX} file that 'boardtui returns export' wrote."
    )


class _Refused(Exception):
    """What is wrong with a return's fields, in words naming the field (becomes _bad)."""


def _kind_of(value: object) -> str:
    return {dict: "a record", list: "a list", str: "text", bool: "true or false", type(None): "empty"}.get(
        type(value), "a number"
    )


def _wrong(where: str, value: object, expected: str) -> _Refused:
    if isinstance(value, str):
        return _Refused(f"{where} is '{cut(value, 40)}', not {expected}")
    return _Refused(f"{where} is {_kind_of(value)}, not {expected}")


@overload
def _text(value: object, where: str, *, required: Literal[True], limit: int = ...) -> str: ...
@overload
def _text(value: object, where: str, *, required: bool = ..., limit: int = ...) -> str | None: ...
def _text(value: object, where: str, *, required: bool = False, limit: int = UPDATE_NAME_CHARS) -> str | None:
    """Text from a return, cleaned; None when blank (an error when ``required``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _Refused(f"{where} is missing")
        return None
    if not isinstance(value, str):
        raise _wrong(where, value, "text")
    if len(value) > limit:
        raise _Refused(f"{where} is {len(value):,} characters long, more than the {limit:,} boardtui reads")
    return clean(value).strip()


@overload
def _iso(value: object, where: str, *, day: bool = ..., required: Literal[True]) -> str: ...
@overload
def _iso(value: object, where: str, *, day: bool = ..., required: bool = ...) -> str | None: ...
def _iso(value: object, where: str, *, day: bool = False, required: bool = False) -> str | None:
    """An ISO date (``day``) or date and time from a return, checked; kept as the text it was."""
    if value is None and not required:
        return None
    expected = "a date (YYYY-MM-DD)" if day else "a date and time (YYYY-MM-DDTHH:MM:SS)"
    if not isinstance(value, str) or len(value) > 40:
        raise _wrong(where, value, expected)
    try:
        (date if day else datetime).fromisoformat(value)
    except ValueError:
        raise _wrong(where, value, expected) from None
    return value


def _one_of(value: object, where: str, allowed: tuple[Any, ...]) -> object:
    if value not in allowed:
        shown = ", ".join("none" if a is None else str(a) for a in allowed)
        raise _wrong(where, value, f"one of {shown}")
    return value


@overload
def _record(value: object, where: str, *, required: Literal[True]) -> dict[str, Any]: ...
@overload
def _record(value: object, where: str, *, required: bool = ...) -> dict[str, Any] | None: ...
def _record(value: object, where: str, *, required: bool = False) -> dict[str, Any] | None:
    if value is None and not required:
        return None
    if not isinstance(value, dict):
        raise _wrong(where, value, "a record")
    return value


ACTION_STATUSES = ("open", "complete", "withdrawn", "carried forward")


def _identity(raw: object, where: str) -> dict[str, Any]:
    """The pack or snapshot an officer wrote on (a return's source, an update's base), keeping
    only the fields boardtui writes there, each checked."""
    found = _record(raw, where) or {}
    out = {
        "pack_id": _text(found.get("pack_id"), f"{where}.pack_id"),
        "board": _text(found.get("board"), f"{where}.board", limit=UPDATE_TEXT_CHARS),
        "latest_meeting": _text(found.get("latest_meeting"), f"{where}.latest_meeting"),
        "latest_meeting_date": _iso(found.get("latest_meeting_date"), f"{where}.latest_meeting_date", day=True),
        "kind": _one_of(found.get("kind"), f"{where}.kind", (None, "pack", "snapshot")),
        "snapshot_id": _text(found.get("snapshot_id"), f"{where}.snapshot_id"),
        "exported_at": _iso(found.get("exported_at"), f"{where}.exported_at"),
        "path": _text(found.get("path"), f"{where}.path", limit=4096),
    }
    if "public" in found:
        out["public"] = _one_of(found["public"], f"{where}.public", (None, True, False))
    return out


def _seen_action(raw: object, where: str) -> dict[str, Any] | None:
    """The action as the officer saw it, each field checked: a merge compares it with the pack."""
    found = _record(raw, where)
    if found is None:
        return None
    days = ("rated_on", "target_date", "revised_target_date", "target_revised_on", "closed_date")
    return {
        "id": _text(found.get("id"), f"{where}.id"),
        "brag": _one_of(found.get("brag"), f"{where}.brag", (None, *BRAGS)),
        "rated_at": _text(found.get("rated_at"), f"{where}.rated_at"),
        **{name: _iso(found.get(name), f"{where}.{name}", day=True) for name in days},
        "status": _one_of(found.get("status"), f"{where}.status", (None, *ACTION_STATUSES)),
        "carried_forward_to": _text(found.get("carried_forward_to"), f"{where}.carried_forward_to", limit=4096),
    }


def _update(raw: object, number: int) -> dict[str, Any]:
    where = f"update {number}"
    found = _record(raw, where, required=True)
    out = {
        name: _text(found.get(name), f"{where}'s {name}", required=name in ("uid", "action", "author"))
        for name in ("uid", "action", "for_meeting", "author")
    }
    out.update(
        {
            name: _text(found.get(name), f"{where}'s {name}", required=name == "progress", limit=UPDATE_TEXT_CHARS)
            for name in ("progress", "risks", "impact", "evidence")
        }
    )
    brag = _one_of(found.get("proposed_brag"), f"{where}'s proposed BRAG", (None, *BRAGS))
    written = datetime.fromisoformat(_iso(found.get("written_at"), f"{where}'s written_at", required=True))
    base = _record(found.get("base"), f"{where}'s base")
    if base is not None:
        base = {
            **_identity(base, f"{where}'s base"),
            "action": _seen_action(base.get("action"), f"{where}'s base.action"),
        }
    return {**out, "proposed_brag": brag, "written_at": written, "base": base}


def _document(path: Path) -> dict[str, Any]:
    """The return's JSON, read within the limits: no bigger than RETURN_BYTES, each key once in
    its record, nested no deeper than JSON_DEPTH, every text a text."""
    try:
        found = path.stat().st_size
        if found > RETURN_BYTES:
            raise _bad(path, f"it is {size(found)}, and a return is at most {size(RETURN_BYTES)}")
        data = path.read_bytes()
    except OSError as err:
        raise BoardError(
            f"{one_line(path)} could not be read ({err.strerror or err}); check it is there and you may read it."
        ) from None
    try:
        document = strict_loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise _bad(path, "it is not a boardtui return file") from None
    except JsonProblem as err:
        raise _bad(path, "it is not a boardtui return file" if str(err) == "it is not JSON" else str(err)) from None
    if not isinstance(document, dict) or document.get("format") != RETURN_FORMAT:
        raise _bad(path, "it is not a boardtui return file")
    return document


def read_return(path: Path) -> ReturnFile:
    """A return file, checked whole: BoardError (one sentence) for a file that is missing, not
    a return, from a newer boardtui, changed since it was written, over the limits, or with a
    field of the wrong kind."""
    path = Path(path)
    if not path.is_file() and path.suffix != RETURN_SUFFIX and path.with_name(path.name + RETURN_SUFFIX).is_file():
        # The name given to 'returns export --to', which added the ending: the same return.
        path = path.with_name(path.name + RETURN_SUFFIX)
    if not path.is_file():
        raise BoardError(f"{one_line(path)} does not exist; check the name of the return file.")
    document = _document(path)
    version = document.get("version")
    if type(version) is not int or version > RETURN_VERSION:
        raise BoardError(
            f"{one_line(path)} was written by a newer boardtui (return version {cut(version, 20)}); "
            "upgrade boardtui to import it."
        )
    content = document.get("content")
    if not isinstance(content, dict) or not isinstance(content.get("updates"), list):
        raise _bad(path, "it has no updates")
    if len(content["updates"]) > RETURN_UPDATES:
        raise _bad(path, f"it holds {len(content['updates']):,} updates, and a return holds at most {RETURN_UPDATES:,}")
    if document.get("sha256") != checksum(content):
        author = content.get("author") if isinstance(content.get("author"), str) else None
        raise BoardError(
            f"{one_line(path)} was changed after it was exported (its checksum does not match), so "
            f"it was refused; ask {cut(author or 'the officer', 60)} to export the return again."
        )
    try:
        exported = datetime.fromisoformat(_iso(content.get("exported_at"), "its exported_at", required=True))
        author = _text(content.get("author"), "its author", required=True)
        pack = _record(content.get("pack"), "its pack") or {}
        pack_id = _text(pack.get("pack_id"), "its pack.pack_id")
        board = _text(pack.get("board"), "its pack.board", limit=UPDATE_TEXT_CHARS)
        source = _identity(content.get("source"), "its source")
        updates = [_update(raw, number) for number, raw in enumerate(content["updates"], 1)]
    except _Refused as err:
        raise _bad(path, str(err)) from None
    return ReturnFile(path, author, exported, pack_id, board, source, updates)


# Conflicts -----------------------------------------------------------------------------------
def _day(value: str | date | None) -> str:
    if value is None:
        return "none"
    day = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day:%d %b %Y}"


def _when(cur: duckdb.DuckDBPyConnection, day: str | None) -> str:
    """'at M20 (11 Dec 2025)' for a board meeting's day, else 'on 3 Dec 2025 (after M19)'."""
    if day is None:
        return ""
    found = dicts(cur, "update_board_meeting_by", day=date.fromisoformat(day))
    if found and found[0]["date"].isoformat() == day:
        return f"at {found[0]['id']} ({_day(day)})"
    return f"on {_day(day)}" + (f" (after {found[0]['id']})" if found else "")


def _seen_rating(seen: dict[str, Any]) -> str:
    return f"{seen['brag']} at {seen['rated_at']}" if seen.get("brag") else "no rating"


def changed_since(cur: duckdb.DuckDBPyConnection, base: dict[str, Any] | None, now: dict[str, Any]) -> list[str]:
    """What happened to the action in the pack since the officer's base, in words."""
    seen = (base or {}).get("action")
    if not seen:
        return []
    action, since = now["id"], describe_base(base)
    out = []
    if (now["rated_at"], now["brag"]) != (seen.get("rated_at"), seen.get("brag")) and now["brag"]:
        out.append(
            f"{action} was rated {now['brag']} at {now['rated_at']} ({_day(now['rated_on'])}) since "
            f"{since}, which showed {_seen_rating(seen)}"
        )
    if now["revised_target_date"] != seen.get("revised_target_date"):
        was = rows(
            cur,
            "update_target_shown",
            target_date=seen.get("target_date"),
            revised_target_date=seen.get("revised_target_date"),
            target_revised_on=seen.get("target_revised_on"),
        )[0][0]
        new = (
            f"revised to {_day(now['revised_target_date'])} {_when(cur, now['target_revised_on'])}"
            if now["revised_target_date"]
            else "put back to the original"
        )
        out.append(f"{action}'s target was {new} since {since}, which showed {_day(was)}")
    if now["status"] != seen.get("status"):
        when = _when(cur, now["closed_date"])
        what = {
            "complete": f"closed as complete {when}",
            "withdrawn": f"withdrawn {when}",
            "carried forward": f"carried forward to {now['carried_forward_to'] or 'another action'} {when}",
            "open": "reopened",
        }.get(now["status"], now["status"])
        out.append(f"{action} was {what.strip()} since {since}")
    return out


def _meeting_problem(cur: duckdb.DuckDBPyConnection, meeting: str | None) -> str | None:
    if meeting is None:
        return None
    found = dicts(cur, "update_meeting_one", id=meeting)
    if not found or found[0]["kind"] != "board":
        return f"it reports to {meeting}, which is not a board meeting in this pack"
    if found[0]["minutes_status"] == "approved":
        return f"it reports to {meeting} ({_day(found[0]['date'])}), whose minutes are now approved"
    return None


def _slot(meeting: str | None) -> str:
    return meeting or "the next meeting"


def _relation(known: dict[str, Any], incoming: dict[str, Any]) -> str:
    """How an update coming in relates to one already there for the same action and meeting:
    "later" (the same officer wrote the newcomer later: it replaces the one there), "earlier"
    (the same officer's older update, arriving late: the one there replaces it), or "other"."""
    if known["author"] != incoming["author"]:
        return "other"
    # Written in the same second: the one that comes in later is taken as the later (as the pack
    # orders them, by when each was written, then by when each arrived).
    return "later" if incoming["written_at"] >= known["written_at"] else "earlier"


def _about_other(update: dict[str, Any], other: dict[str, Any], meeting: str | None) -> str:
    """What an update coming in is told about another on the same action for the same meeting."""
    slot = f"{update['action']} for {_slot(meeting)}"
    said = f"{other['state']}, {other['source']}, written {other['written_at']:%d %b %Y}"
    how = _relation(other, update)
    if how == "later":
        return f"replaces {other['author']}'s earlier update on {slot} ({said}), which stays in the history"
    if how == "earlier":
        return f"replaced by {other['author']}'s later update on {slot} ({said}), and this one stays in the history"
    return f"{other['author']} also updated {slot} ({said})"


# Short labels for what a merge found, for a list with one line per update. Each sentence above
# begins in one of these ways (kept beside them so that they change together).
_LABELS = (
    (re.compile(r"^replaces (.+?)'s earlier update on "), "replaces an earlier update by the same officer"),
    (re.compile(r"^replaced by (.+?)'s later update on "), "replaced by a later update by the same officer"),
    (
        re.compile(r"^(.+?)'s earlier update on .* this one replaces it$"),
        "replaces an earlier update by the same officer",
    ),
    (re.compile(r"^(.+?) also updated "), "also updated by {0}"),
    (re.compile(r"^and \d+ more update\(s\) on "), ""),
    (re.compile(r"^its id .* is already "), "its id is another update's"),
    (re.compile(r"^check which one is genuine$"), ""),  # the end of the sentence above
    (re.compile(r"^another update with this id came in "), "another update has its id"),
    (re.compile(r"^\S+ is not an action in this pack"), "action not in this pack"),
    (re.compile(r"^it reports to .*, which is not a board meeting in this pack$"), "meeting not in this pack"),
    (re.compile(r"^it reports to .*, whose minutes are now approved$"), "its meeting's minutes are approved"),
    (re.compile(r"^\S+ was rated \w at "), "rated since it was written"),
    (re.compile(r"^\S+'s target was "), "target changed since it was written"),
    (re.compile(r"^\S+ was (closed|withdrawn|carried forward|reopened)"), "{0} since it was written"),
)


def conflict_labels(conflicts: str | None) -> list[str]:
    """What a merge found on an update (its ``conflicts``), each as a few words, in order, each
    once: 'also updated by Daniel Okafor', 'rated since it was written'."""
    labels: list[str] = []
    for sentence in (conflicts or "").split("; "):
        if not sentence.strip():
            continue
        for pattern, label in _LABELS:
            found = pattern.search(sentence)
            if found:
                label = label.format(*found.groups())
                break
        else:
            label = "see the update"
        if label and label not in labels:
            labels.append(label)
    return labels


# Merging -------------------------------------------------------------------------------------
@dataclass
class MergedUpdate:
    """One update a merge brought in, with what it found (empty: nothing)."""

    uid: str
    action: str
    author: str
    for_meeting: str | None
    progress: str
    conflicts: list[str] = field(default_factory=list)


@dataclass
class ImportedReturn:
    """One return merged: its updates added, and how many were already in the pack."""

    path: Path
    author: str
    based_on: str
    added: list[MergedUpdate] = field(default_factory=list)
    already: int = 0
    #: What this return's updates made the merge say on updates already in the pack (an
    #: earlier return's, or one written there): (the update, as a row, and the sentence).
    flagged: list[tuple[dict[str, Any], str]] = field(default_factory=list)


def _check_pack(ret: ReturnFile, pack_id: str | None, board: str | None) -> str | None:
    # Each update says which pack it was written on too: a draft kept beside a snapshot that
    # was replaced by another board's must not slip its updates in under the return's id.
    bases = {(u["base"] or {}).get("pack_id") or ret.pack_id for u in ret.updates}
    if ret.pack_id == pack_id and bases <= {pack_id}:
        return None
    theirs = f" ({cut(ret.board)})" if ret.board else ""
    return (
        f"{one_line(ret.path)} was written on another board's pack{theirs}, not this one "
        f"({cut(board or 'this board')}), so it was refused; import it into the pack it came from."
    )


def read_returns_for(store: Store, files: list[Path]) -> list[ReturnFile]:
    """Every file read and checked against this pack; ReturnsRefused lists every refusal."""
    cur = store.con.cursor()
    try:
        identity = (dicts(cur, "update_pack_identity") or [{"pack_id": None, "board": None}])[0]
    finally:
        cur.close()
    read, problems = [], []
    for path in files:
        try:
            ret = read_return(Path(path))
        except BoardError as err:
            problems.append(str(err))
            continue
        refusal = _check_pack(ret, identity["pack_id"], identity["board"])
        if refusal:
            problems.append(refusal)
        read.append(ret)
    if problems:
        raise ReturnsRefused(problems)
    return read


def import_returns(store: Store, files: list[Path], who: str) -> list[ImportedReturn]:
    """Merge return files into a pack, all in one transaction with audit rows: every update
    submitted, its conflicts in words. ReturnsRefused (nothing imported) when any file is
    refused."""
    returns = read_returns_for(store, files)
    now = datetime.now().replace(microsecond=0)
    results = []
    cur = store.rules_cursor()
    try:
        with store.transaction(cur):
            merger = _Merger(cur, who, now)
            for ret in returns:
                results.append(merger.merge(ret))
            merger.finish()
    except duckdb.Error as err:
        raise BoardError(
            f"the returns could not be imported, and nothing was: {cut(str(err).splitlines()[0], 200)}"
        ) from None
    finally:
        cur.close()
    return results


def _same_update(known: dict[str, Any], update: dict[str, Any]) -> bool:
    """Whether the pack's update of this uid is this one: the same author, action, time and words."""
    return all(known[k] == update[k] for k in ("author", "action", "written_at", "progress"))


def _own_uid(update: dict[str, Any]) -> str:
    """The id an update is kept under when its own id is already another update's in this pack:
    made from the id and what the update is, so importing it again finds it."""
    said = "\n".join(str(update[k]) for k in ("uid", "author", "action", "written_at", "progress"))
    return "clash-" + hashlib.sha256(said.encode("utf-8")).hexdigest()[:32]


def known_updates(cur: duckdb.DuckDBPyConnection, updates: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The pack's updates under the uids of these updates, and under the ids a clash would give
    them, by uid."""
    uids = [u["uid"] for u in updates] + [_own_uid(u) for u in updates]
    return {row["uid"]: row for row in dicts(cur, "update_known", uids=uids)}


def in_pack(known: dict[str, dict[str, Any]], update: dict[str, Any]) -> bool:
    """Whether this update is in the pack already: under its uid, or (its uid being another
    update's) under the id a clash gave it."""
    found = known.get(update["uid"])
    if found is not None and _same_update(found, update):
        return True
    kept = known.get(_own_uid(update))
    return kept is not None and _same_update(kept, update)


# Conflicts about other updates in one slot listed in full; more are counted.
_LISTED_OTHERS = 3


class _Merger:
    """Merges returns into the pack in one transaction. What it reads (actions, meetings, the
    updates on each action and meeting) it reads once; what it says about updates already in
    the pack it writes once per update, at the end: a return of 500 updates to one action writes
    500 updates and about as many audit rows, not one for every pair of them."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, who: str, when: datetime) -> None:
        self.cur, self.who, self.when = cur, who, when
        self._states: dict[str, dict[str, Any] | None] = {}
        self._meeting_problems: dict[str | None, str | None] = {}
        self._next_meeting: dict[date, str | None] = {}
        self._slots: dict[tuple[str, str | None], list[dict[str, Any]]] = {}
        # uid -> (how it relates, author, source) -> updates; how: "clash", "other" (another
        # officer), "later" (the same officer's later update came) or "earlier" (their earlier one)
        self._told: dict[str, dict[tuple[str, str, str], int]] = {}
        self._rows: dict[str, dict[str, Any]] = {}  # every update in a slot read or added, by uid
        self._added: dict[str, MergedUpdate] = {}  # the updates this merge added, by uid
        self._audit: list[dict[str, Any]] = []
        self._results: dict[str, ImportedReturn] = {}  # by the source its updates are kept under

    def _state(self, action: str) -> dict[str, Any] | None:
        if action not in self._states:
            self._states[action] = action_state(self.cur, action)
        return self._states[action]

    def _meeting_problem(self, meeting: str | None) -> str | None:
        if meeting not in self._meeting_problems:
            self._meeting_problems[meeting] = _meeting_problem(self.cur, meeting)
        return self._meeting_problems[meeting]

    def _meeting_for(self, update: dict[str, Any]) -> str | None:
        if update["for_meeting"] is not None:
            named: str = update["for_meeting"]
            return named
        day = update["written_at"].date()  # "the next meeting": the first board meeting from that day
        if day not in self._next_meeting:
            found = dicts(self.cur, "update_next_board_meeting", day=day)
            self._next_meeting[day] = found[0]["id"] if found else None
        return self._next_meeting[day]

    def _slot(self, action: str, meeting: str | None) -> list[dict[str, Any]]:
        key = (action, meeting)
        if key not in self._slots:
            self._slots[key] = dicts(self.cur, "update_slot", action=action, for_meeting=meeting)
            self._rows.update({row["uid"]: row for row in self._slots[key]})
        return self._slots[key]

    def _note(self, uid: str, field_name: str, old: str | None, new: str | None, why: str) -> None:
        self._audit.append(
            {
                "changed_at": self.when,
                "who": self.who,
                "table_name": "officer_update",
                "row_key": uid,
                "field": field_name,
                "old_value": old,
                "new_value": new,
                "why": why,
            }
        )

    def merge(self, ret: ReturnFile) -> ImportedReturn:
        source = f"return {ret.path.name}"
        why = f"{source} from {ret.author}"
        known = known_updates(self.cur, ret.updates)
        result = self._results[source] = ImportedReturn(ret.path, ret.author, describe_base(ret.source))
        for update in ret.updates:
            if in_pack(known, update):
                result.already += 1
                continue
            uid, clash = update["uid"], known.get(update["uid"])
            if clash is not None:
                # The id is another update's here (another officer's, or other words): both are
                # kept, this one under an id of its own, and the secretary is told on each.
                uid = _own_uid(update)
            meeting = self._meeting_for(update)
            merged = MergedUpdate(uid, update["action"], update["author"], meeting, update["progress"])
            if clash is not None:
                merged.conflicts.append(
                    f"its id {cut(update['uid'], 40)} is already {cut(clash['author'], 60)}'s update on "
                    f"{cut(clash['action'], 40)} ({clash['source']}, written {clash['written_at']:%d %b %Y}), a different "
                    f"update: it is kept under the id {uid}; check which one is genuine"
                )
                if clash["state"] == "submitted":
                    self._told.setdefault(clash["uid"], {})[("clash", update["author"], source)] = 1
            state = self._state(update["action"])
            if state is None:
                merged.conflicts.append(
                    f"{update['action']} is not an action in this pack: the update is kept for "
                    "the secretary to decide (accepting it needs the action)"
                )
            else:
                merged.conflicts += changed_since(self.cur, update["base"], state)
            problem = self._meeting_problem(meeting)
            if problem:
                merged.conflicts.append(problem)
            others = [o for o in self._slot(update["action"], meeting) if o["uid"] != uid]
            for other in others[:_LISTED_OTHERS]:
                merged.conflicts.append(_about_other(update, other, meeting))
            if len(others) > _LISTED_OTHERS:
                merged.conflicts.append(
                    f"and {len(others) - _LISTED_OTHERS} more update(s) on {update['action']} for {_slot(meeting)}"
                )
            for other in others:
                if other["state"] == "submitted":
                    told = self._told.setdefault(other["uid"], {})
                    key = (_relation(other, update), update["author"], source)
                    told[key] = told.get(key, 0) + 1
            row = {
                **{k: update[k] for k in UPDATE_FIELDS},
                "uid": uid,
                "for_meeting": meeting,
                "source": source,
                "base": json.dumps(update["base"], ensure_ascii=False) if update["base"] is not None else None,
                "conflicts": "; ".join(merged.conflicts) or None,
            }
            self.cur.execute(sql("update_insert"), row)
            self._note(uid, "progress", None, update["progress"], why)
            added = {
                "uid": uid,
                "author": update["author"],
                "state": "submitted",
                "written_at": update["written_at"],
                "source": source,
                "conflicts": row["conflicts"],
                "action": update["action"],
                "for_meeting": meeting,
            }
            self._slot(update["action"], meeting).append(added)
            self._rows[uid] = added
            known[uid] = {**added, "progress": update["progress"]}
            self._added[uid] = merged
            result.added.append(merged)
        return result

    def finish(self) -> None:
        """Say on each update already there (or added earlier in this merge) what came after it:
        one sentence per officer and return, written once, with one audit row."""
        for uid, told in self._told.items():
            known = dicts(self.cur, "update_known", uids=[uid]) if uid not in self._rows else []
            row = self._rows.get(uid) or (known[0] if known else None)
            if row is None:
                continue
            said, by = [], []
            for (how, author, source), count in told.items():
                by.append(source)
                many = f", {count} updates" if count > 1 else ""
                slot = f"{row['action']} for {_slot(row['for_meeting'])}"
                if how == "clash":
                    said.append(
                        f"another update with this id came in {source} from {author}, and is kept under an "
                        "id of its own"
                    )
                elif how == "later":
                    said.append(
                        f"replaced by {author}'s later update on {slot} ({source}{many}), and this one stays in "
                        "the history"
                    )
                elif how == "earlier":
                    said.append(f"{author}'s earlier update on {slot} came in {source}{many}, and this one replaces it")
                else:
                    said.append(f"{author} also updated {slot} ({source}{many})")
            before = row["conflicts"]
            conflicts = "; ".join([before, *said] if before else said)
            self.cur.execute(sql("update_set_conflicts"), {"uid": uid, "conflicts": conflicts})
            self._note(uid, "conflicts", before, conflicts, "; ".join(sorted({s for (_, _, s) in told})))
            if uid in self._added:  # added earlier in this very merge: what it prints says so too
                self._added[uid].conflicts += said
            else:
                for source, sentence in zip(by, said, strict=False):
                    self._results[source].flagged.append((row, sentence))
        for row in self._audit:
            self.cur.execute(sql("audit_insert"), row)


# The returns folder --------------------------------------------------------------------------
@dataclass(frozen=True)
class WaitingReturn:
    """A return file in the returns folder: who sent it, how many updates, how many are not in
    the pack yet (0: already imported), or why it cannot be imported."""

    path: Path
    author: str | None
    exported_at: datetime | None
    updates: int
    new: int
    problem: str | None = None

    @property
    def imported(self) -> bool:
        return self.problem is None and self.new == 0


def returns_folder(configured: Path | None, pack: Path) -> Path:
    """The config's ``returns`` folder, else returns/ beside the pack."""
    return configured or Path(pack).parent / "returns"


def returns_waiting(store: Store, folder: Path) -> list[WaitingReturn]:
    """Every return file in ``folder``, by name, and whether it is imported into ``store``
    (an empty list when the folder does not exist)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    cur = store.con.cursor()
    try:
        identity = (dicts(cur, "update_pack_identity") or [{"pack_id": None, "board": None}])[0]
        found = []
        for path in sorted(p for p in folder.iterdir() if p.suffix == RETURN_SUFFIX and not p.name.startswith(".")):
            try:
                ret = read_return(path)
            except BoardError as err:
                found.append(WaitingReturn(path, None, None, 0, 0, str(err)))
                continue
            known = known_updates(cur, ret.updates)
            new = len(
                {(u["uid"], u["author"], u["written_at"], u["progress"]) for u in ret.updates if not in_pack(known, u)}
            )
            found.append(
                WaitingReturn(
                    path,
                    ret.author,
                    ret.exported_at,
                    len(ret.updates),
                    new,
                    _check_pack(ret, identity["pack_id"], identity["board"]),
                )
            )
        return found
    finally:
        cur.close()
