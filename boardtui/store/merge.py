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

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from boardtui.errors import BoardError
from boardtui.store.queries import dicts, sql
from boardtui.store.returns import RETURN_FORMAT, RETURN_SUFFIX, RETURN_VERSION, UPDATE_FIELDS, checksum
from boardtui.store.updates import action_state, describe_base
from boardtui.text import clean, one_line

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
    return BoardError(f"{one_line(path)} is not a return boardtui can read ({why}); ask the officer to send the "
                      f"{RETURN_SUFFIX} file that 'boardtui returns export' wrote.")


def _text(value: object, path: Path, number: int, name: str, *, required: bool) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _bad(path, f"update {number} has no {name}")
        return None
    if not isinstance(value, str):
        raise _bad(path, f"update {number}'s {name} is not text")
    return clean(value).strip()


def _update(raw: object, path: Path, number: int) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise _bad(path, f"update {number} is not a record")
    out = {name: _text(raw.get(name), path, number, name, required=name in ("uid", "action", "author", "progress"))
           for name in ("uid", "action", "for_meeting", "author", "progress", "risks", "impact", "evidence")}
    brag = raw.get("proposed_brag")
    if brag not in (None, *BRAGS):
        raise _bad(path, f"update {number}'s proposed BRAG {brag!r} is not B, R, A or G")
    try:
        written = datetime.fromisoformat(raw.get("written_at") or "")
    except (TypeError, ValueError):
        raise _bad(path, f"update {number} has no time it was written") from None
    base = raw.get("base")
    if base is not None and not isinstance(base, dict):
        raise _bad(path, f"update {number}'s base is not a record")
    return {**out, "proposed_brag": brag, "written_at": written, "base": base}


def read_return(path: Path) -> ReturnFile:
    """A return file, checked whole: BoardError (one sentence) for a file that is missing, not
    a return, from a newer boardtui, or changed since it was written."""
    path = Path(path)
    if not path.is_file() and path.suffix != RETURN_SUFFIX and path.with_name(path.name + RETURN_SUFFIX).is_file():
        # The name given to 'returns export --to', which added the ending: the same return.
        path = path.with_name(path.name + RETURN_SUFFIX)
    if not path.is_file():
        raise BoardError(f"{one_line(path)} does not exist; check the name of the return file.")
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError):
        raise _bad(path, "it is not a boardtui return file") from None
    if not isinstance(document, dict) or document.get("format") != RETURN_FORMAT:
        raise _bad(path, "it is not a boardtui return file")
    version = document.get("version")
    if not isinstance(version, int) or version > RETURN_VERSION:
        raise BoardError(f"{one_line(path)} was written by a newer boardtui (return version {version!r}); "
                         "upgrade boardtui to import it.")
    content = document.get("content")
    if not isinstance(content, dict) or not isinstance(content.get("updates"), list):
        raise _bad(path, "it has no updates")
    if document.get("sha256") != checksum(content):
        raise BoardError(f"{one_line(path)} was changed after it was exported (its checksum does not match), so "
                         f"it was refused; ask {one_line(content.get('author') or 'the officer')} to export the "
                         "return again.")
    pack = content.get("pack") if isinstance(content.get("pack"), dict) else {}
    try:
        exported = datetime.fromisoformat(content.get("exported_at") or "")
    except (TypeError, ValueError):
        raise _bad(path, "it does not say when it was exported") from None
    author = content.get("author")
    if not isinstance(author, str) or not author.strip():
        raise _bad(path, "it does not say who sent it")
    updates = [_update(raw, path, number) for number, raw in enumerate(content["updates"], 1)]
    source = content.get("source") if isinstance(content.get("source"), dict) else {}
    return ReturnFile(path, clean(author).strip(), exported, pack.get("pack_id"), pack.get("board"), source, updates)


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
        out.append(f"{action} was rated {now['brag']} at {now['rated_at']} ({_day(now['rated_on'])}) since "
                   f"{since}, which showed {_seen_rating(seen)}")
    if now["revised_target_date"] != seen.get("revised_target_date"):
        was = seen.get("revised_target_date") or seen.get("target_date")
        new = (f"revised to {_day(now['revised_target_date'])} {_when(cur, now['target_revised_on'])}"
               if now["revised_target_date"] else "put back to the original")
        out.append(f"{action}'s target was {new} since {since}, which showed {_day(was)}")
    if now["status"] != seen.get("status"):
        when = _when(cur, now["closed_date"])
        what = {"complete": f"closed as complete {when}", "withdrawn": f"withdrawn {when}",
                "carried forward": f"carried forward to {now['carried_forward_to'] or 'another action'} {when}",
                "open": "reopened"}.get(now["status"], now["status"])
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


def _check_pack(ret: ReturnFile, pack_id: str | None, board: str | None) -> str | None:
    # Each update says which pack it was written on too: a draft kept beside a snapshot that
    # was replaced by another board's must not slip its updates in under the return's id.
    bases = {(u["base"] or {}).get("pack_id", ret.pack_id) for u in ret.updates}
    if ret.pack_id == pack_id and bases <= {pack_id}:
        return None
    theirs = f" ({one_line(ret.board)})" if ret.board else ""
    return (f"{one_line(ret.path)} was written on another board's pack{theirs}, not this one "
            f"({one_line(board or 'this board')}), so it was refused; import it into the pack it came from.")


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
    cur = store.con.cursor()
    try:
        with store.transaction(cur):
            for ret in returns:
                results.append(_merge_one(cur, ret, who, now))
    except duckdb.Error as err:
        raise BoardError(f"the returns could not be imported, and nothing was: {one_line(str(err).splitlines()[0])}") \
            from None
    finally:
        cur.close()
    return results


def _audit(cur: duckdb.DuckDBPyConnection, when: datetime, who: str, uid: str, field_name: str, old: str | None,
           new: str | None, why: str) -> None:
    cur.execute(sql("audit_insert"), {"changed_at": when, "who": who, "table_name": "officer_update",
                                      "row_key": uid, "field": field_name, "old_value": old, "new_value": new,
                                      "why": why})


def _merge_one(cur: duckdb.DuckDBPyConnection, ret: ReturnFile, who: str, when: datetime) -> ImportedReturn:
    source = f"return {ret.path.name}"
    why = f"{source} from {ret.author}"
    known = {uid for (uid,) in cur.execute(sql("update_uids_known"), {"uids": [u["uid"] for u in ret.updates]})
             .fetchall()}
    result = ImportedReturn(ret.path, ret.author, describe_base(ret.source))
    for update in ret.updates:
        if update["uid"] in known:
            result.already += 1
            continue
        known.add(update["uid"])
        meeting = update["for_meeting"]
        if meeting is None:  # "the next meeting": the first board meeting from the day it was written
            found = dicts(cur, "update_next_board_meeting", day=update["written_at"].date())
            meeting = found[0]["id"] if found else None
        merged = MergedUpdate(update["uid"], update["action"], update["author"], meeting, update["progress"])
        state = action_state(cur, update["action"])
        if state is None:
            merged.conflicts.append(f"{update['action']} is not an action in this pack: the update is kept for "
                                    "the secretary to decide (accepting it needs the action)")
        else:
            merged.conflicts += changed_since(cur, update["base"], state)
        problem = _meeting_problem(cur, meeting)
        if problem:
            merged.conflicts.append(problem)
        for other in dicts(cur, "update_same_slot", action=update["action"], for_meeting=meeting, uid=update["uid"]):
            same = other["author"] == update["author"]
            merged.conflicts.append(
                f"{'an earlier update by the same officer' if same else other['author'] + ' also updated'} "
                f"{update['action']} for {_slot(meeting)} ({other['state']}, {other['source']}, written "
                f"{other['written_at']:%d %b %Y})")
            if other["state"] == "submitted":
                said = (f"{'a later update by the same officer' if same else update['author'] + ' also updated'} "
                        f"{update['action']} for {_slot(meeting)} ({source})")
                conflicts = f"{other['conflicts']}; {said}" if other["conflicts"] else said
                cur.execute(sql("update_set_conflicts"), {"uid": other["uid"], "conflicts": conflicts})
                _audit(cur, when, who, other["uid"], "conflicts", other["conflicts"], conflicts, why)
        cur.execute(sql("update_insert"), {
            **{k: update[k] for k in UPDATE_FIELDS}, "for_meeting": meeting, "source": source,
            "base": json.dumps(update["base"], ensure_ascii=False) if update["base"] is not None else None,
            "conflicts": "; ".join(merged.conflicts) or None})
        _audit(cur, when, who, update["uid"], "progress", None, update["progress"], why)
        result.added.append(merged)
    return result


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
            uids = [u["uid"] for u in ret.updates]
            known = {uid for (uid,) in cur.execute(sql("update_uids_known"), {"uids": uids}).fetchall()}
            found.append(WaitingReturn(path, ret.author, ret.exported_at, len(uids), len(set(uids) - known),
                                       _check_pack(ret, identity["pack_id"], identity["board"])))
        return found
    finally:
        cur.close()
