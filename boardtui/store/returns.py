"""The officer's side of progress updates: writing them wherever the officer is, and sending
them to the secretary as one return file.

- ``OfficerDesk`` is what the app calls. On a pack it can write, an update goes into the pack
  through the Recorder (audited, undoable). Where the pack cannot be written (opened read-only,
  held by another program, or a snapshot folder), it goes into the officer's **draft return**,
  kept beside the source (else in the user data folder, and the desk says where).
- A draft return is an append-only journal of JSON lines. Each confirmed update is one
  ``os.write`` of whole lines followed by ``fsync`` before ``save`` returns, so a laptop that
  dies straight after loses nothing confirmed; a record cut off by the crash has no newline
  and is ignored (and dropped before the next write).
- A **return** (``.boardreturn``) is one JSON file: the updates not yet sent, who wrote them,
  the pack or snapshot they were based on, the state of each action as the officer saw it,
  and a SHA-256 over the content. JSON because one text file goes by email or a synced folder,
  any tool can read it, and it holds the nested base of each update as it is. The checksum
  shows the file was not changed after export (by hand or by a mail system); it is not a
  signature. The secretary's side is ``store/merge.py``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardtui import __version__
from boardtui.errors import BoardError
from boardtui.store import changes
from boardtui.store.jsonfile import JsonProblem, strict_loads
from boardtui.store.queries import dicts, sql
from boardtui.store.updates import OfficerUpdate, UpdateText, base_of, checked, default_meeting, pack_identity

if TYPE_CHECKING:
    from boardtui.store.db import Store
    from boardtui.store.recording import Change, Recorder

RETURN_FORMAT = "boardtui-return"
RETURN_VERSION = 1
RETURN_SUFFIX = ".boardreturn"
DRAFT_FORMAT = "boardtui-draft-return"
DRAFT_SUFFIX = ".draft-return"
# The fields of an update that travel in a return (its state and decision stay in each pack).
UPDATE_FIELDS = (
    "uid",
    "action",
    "for_meeting",
    "author",
    "written_at",
    "progress",
    "proposed_brag",
    "risks",
    "impact",
    "evidence",
)


# Files written so that a crash leaves either the old state or the new ---------------------------
def _fsync_folder(folder: Path) -> None:
    """Make a new or renamed file's name durable too (POSIX; Windows cannot open a folder)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def write_file_atomically(path: Path, payload: bytes) -> None:
    """``payload`` at ``path``: written beside it, flushed to disk, then renamed into place.
    For its owner only: a return holds officers' words about their actions."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(partial, path)
        _fsync_folder(path.parent)
    except OSError as err:
        partial.unlink(missing_ok=True)
        raise BoardError(f"could not write {path} ({err.strerror or err}); nothing was written.") from None


def _json_default(value: object) -> str:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _dumps(value: object, **kwargs: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_json_default, **kwargs)


# The officer's draft return --------------------------------------------------------------------
def slug(name: str) -> str:
    """A name as part of a file name: 'Jane O'Neil' -> 'jane-o-neil'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "officer"


def draft_places(source: Path, author: str) -> tuple[Path, Path]:
    """Where an officer's draft return for a source lives: beside the source, else in the user
    data folder (named after the source's full path, so two packs of one name do not share)."""
    from boardtui.store.files import user_data_dir

    source = Path(source).resolve()
    name = f"{source.name}.{slug(author)}{DRAFT_SUFFIX}"
    key = hashlib.sha256(str(source).encode("utf-8")).hexdigest()[:10]
    return source.parent / name, user_data_dir() / "returns" / f"{key}-{name}"


class DraftReturn:
    """One draft return file: a header line, then one JSON line per update written and per
    return sent. Appends are whole lines, written and fsync'd before ``append`` returns."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def exists(self) -> bool:
        return self.path.is_file()

    def records(self) -> list[dict[str, Any]]:
        """Every complete record; a last line with no newline was cut off by a crash before it
        was confirmed, and is left out."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as err:
            raise BoardError(f"your draft return {self.path} could not be read ({err.strerror or err}).") from None
        found = []
        for number, line in enumerate(data.split(b"\n")[:-1], 1):
            if not line.strip():
                continue
            try:
                record = strict_loads(line.decode("utf-8"))
                if not isinstance(record, dict):
                    raise ValueError("not a record")
            except (ValueError, JsonProblem):
                raise BoardError(
                    f"line {number} of your draft return {self.path} is damaged, so it cannot be "
                    "read; keep the file and ask the board secretary for help."
                ) from None
            found.append(record)
        if found and found[0].get("record") != "draft":
            raise BoardError(f"{self.path} is not a boardtui draft return; move it aside.")
        return found

    def append(self, records: list[dict[str, Any]], header: dict[str, Any]) -> None:
        """Add records durably (``header`` first when the file is new). OSError when the file
        cannot be written here."""
        payload = b"".join(_dumps(r, separators=(",", ":")).encode("utf-8") + b"\n" for r in records)
        self.path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
        flags = os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags, 0o600)  # the officer's own: for their eyes only
        try:
            size = os.fstat(fd).st_size
            if size:
                os.lseek(fd, 0, os.SEEK_SET)
                existing = b"".join(iter(lambda: os.read(fd, 1 << 20), b""))
                whole = existing.rfind(b"\n") + 1
                if whole < len(existing):  # a record cut off by a crash: never confirmed
                    os.ftruncate(fd, whole)
                    size = whole
            if not size:
                payload = _dumps(header, separators=(",", ":")).encode("utf-8") + b"\n" + payload
            _write_all(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        if not size:
            _fsync_folder(self.path.parent)


def _writable_folder(folder: Path) -> bool:
    """Whether files can be made in ``folder`` (not a read-only drive, nor a folder without write
    permission)."""
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        return False
    return not (hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY)


def _can_create(path: Path) -> bool:
    """Whether a new file could be made at ``path``: nothing is there, and its folder can be written."""
    return not (path.exists() or path.is_symlink()) and _writable_folder(path.parent)


def _draft_update(record: dict[str, Any], sent: dict[str, datetime]) -> OfficerUpdate:
    return OfficerUpdate(
        uid=record["uid"],
        action=record["action"],
        for_meeting=record.get("for_meeting"),
        author=record["author"],
        written_at=datetime.fromisoformat(record["written_at"]),
        progress=record["progress"],
        proposed_brag=record.get("proposed_brag"),
        risks=record.get("risks"),
        impact=record.get("impact"),
        evidence=record.get("evidence"),
        where="draft",
        source="draft return",
        sent_at=sent.get(record["uid"]),
    )


def _draft_contents(draft: DraftReturn) -> tuple[list[dict[str, Any]], dict[str, datetime]]:
    """(update records, when each uid was sent) of one draft."""
    updates: list[dict[str, Any]] = []
    sent: dict[str, datetime] = {}
    for record in draft.records():
        if record.get("record") == "update":
            updates.append(record)
        elif record.get("record") == "sent":
            for uid in record.get("uids", []):
                sent.setdefault(uid, datetime.fromisoformat(record["at"]))
    return updates, sent


def draft_updates(source: Path, author: str) -> list[OfficerUpdate]:
    """Every update in ``author``'s draft returns for ``source`` (beside it and in the user data
    folder), sent or not: what "my actions" shows of an officer's own work on this laptop."""
    found: dict[str, OfficerUpdate] = {}
    for path in draft_places(source, author):
        if path.is_file():
            records, sent = _draft_contents(DraftReturn(path))
            for record in records:
                found.setdefault(record["uid"], _draft_update(record, sent))
    return sorted(found.values(), key=lambda u: u.written_at)


# What the desk hands back ---------------------------------------------------------------------
@dataclass(frozen=True)
class Saved:
    """An update confirmed on disk. ``where``: 'pack' or 'draft'; ``path``: the pack or the
    draft return file; ``sentence``: what to tell the officer; ``change``: the Recorder's
    change when it went into the pack (undoable), else None."""

    update: OfficerUpdate
    where: str
    path: Path
    sentence: str
    change: Change | None = None


@dataclass(frozen=True)
class SentReturn:
    """A return written: its file, the updates in it, and how many of them could not be marked
    sent (a pack opened read-only: they go again next time, and importing twice adds nothing)."""

    path: Path
    updates: list[OfficerUpdate]
    authors: list[str]
    not_marked: int = 0
    notes: list[str] = field(default_factory=list)


class OfficerDesk:
    """Where an officer writes updates, whatever they opened. Safe to call from worker threads.

    ``write``: how a change reaches a writable pack; the app passes its recording room's
    ``write``, so the update is undoable with everything else and the screens hear of it.
    Without it the desk uses a Recorder of its own."""

    def __init__(self, store: Store, who: str, write: Callable[[changes.WriteUpdate], Change] | None = None) -> None:
        self.store, self.who = store, who
        self.source = Path(store.path)
        self.is_snapshot = self.source.is_dir()
        self._write = write
        self._recorder: Recorder | None = None
        self._lock = threading.Lock()
        self._identity: dict[str, Any] | None = None
        self.beside, self.fallback = draft_places(self.source, who)

    # -- where updates go
    @property
    def writes_to_pack(self) -> bool:
        """True: updates go into the pack; False: into the officer's draft return."""
        return not self.store.read_only

    def drafts(self) -> list[DraftReturn]:
        """This officer's draft returns for this source that exist (beside it, in the user data
        folder, or both)."""
        return [DraftReturn(p) for p in (self.beside, self.fallback) if p.is_file()]

    def draft_path(self) -> Path:
        """Where the next draft update will be written: the draft that exists, else beside the
        source when its folder can be written, else the user data folder."""
        found = self.drafts()
        if found:
            return found[0].path
        return self.beside if _can_create(self.beside) else self.fallback

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        cur = self.store.rules_cursor()
        try:
            yield cur
        finally:
            cur.close()

    def identity(self) -> dict[str, Any]:
        """The pack or snapshot the desk writes on (see updates.pack_identity)."""
        if self._identity is None:
            with self._cursor() as cur:
                self._identity = pack_identity(cur, self.store)
        return self._identity

    def default_meeting(self) -> str | None:
        """The board meeting the update form offers: the latest with draft minutes still to
        come, else None (the next board meeting)."""
        with self._cursor() as cur:
            return default_meeting(cur)

    # -- writing
    def save(self, text: UpdateText) -> Saved:
        """Save one update, durably, wherever it can go. FieldError names a field that is wrong
        (nothing saved); BoardError says why nothing could be saved."""
        if self.writes_to_pack:
            return self._save_in_pack(text)
        return self._save_in_draft(text)

    def _save_in_pack(self, text: UpdateText) -> Saved:
        uid = uuid.uuid4().hex
        request = changes.WriteUpdate(
            text.action,
            text.progress,
            text.for_meeting,
            text.proposed_brag,
            text.risks,
            text.impact,
            text.evidence,
            uid=uid,
        )
        change = self._write(request) if self._write else request.apply(self._own_recorder())
        with self._cursor() as cur:
            update = OfficerUpdate.from_row(dicts(cur, "update_one", uid=uid)[0])
        meeting = update.for_meeting or "the next meeting"
        return Saved(
            update,
            "pack",
            self.source,
            f"Saved in {self.source.name}: your update on {update.action} "
            f"for {meeting}, submitted for the secretary to accept.",
            change,
        )

    def _own_recorder(self) -> Recorder:
        from boardtui.store.recording import Recorder

        with self._lock:
            if self._recorder is None:
                self._recorder = Recorder(self.store, self.who)
            return self._recorder

    def _header(self) -> dict[str, Any]:
        return {
            "record": "draft",
            "format": DRAFT_FORMAT,
            "version": RETURN_VERSION,
            "author": self.who,
            "source": self.identity(),
            "app_version": __version__,
        }

    def _append(self, records: list[dict[str, Any]]) -> tuple[Path, str]:
        """Append to this officer's draft: (its path, a note when it is not beside the source)."""
        with self._lock:
            existing = self.drafts()
            targets = [existing[0].path] if existing else [self.beside, self.fallback]
            failed: OSError | None = None
            for path in targets:
                try:
                    DraftReturn(path).append(records, self._header())
                except OSError as err:
                    failed = err
                    continue
                if path == self.beside:
                    return path, ""
                return path, (
                    f"kept in your user data folder, {path.parent}, because {self.beside.parent} "
                    "could not be written when the draft was started"
                )
            raise BoardError(
                f"your update could not be saved: {targets[-1]} cannot be written "
                f"({(failed and failed.strerror) or failed}); nothing was saved."
            )

    def _save_in_draft(self, text: UpdateText) -> Saved:
        with self._cursor() as cur:
            fields = checked(cur, text)
            base = base_of(cur, self.identity(), fields["action"])
        record = {
            "record": "update",
            "uid": uuid.uuid4().hex,
            **fields,
            "author": self.who,
            "written_at": datetime.now().replace(microsecond=0).isoformat(),
            "base": base,
        }
        path, note = self._append([record])
        update = _draft_update(record, {})
        meeting = update.for_meeting or "the next meeting"
        sentence = f"Saved in your draft return, {path}: your update on {update.action} for {meeting}"
        if note:
            sentence += f" ({note})"
        return Saved(update, "draft", path, f"{sentence}. {self.how_to_send()}")

    def how_to_send(self) -> str:
        """How to send the updates not yet sent, as the officer can do it here: in the app, or
        the command that works after the documented install (the kit's launcher when that is
        how boardtui was started), with the source and the officer named, from any folder."""
        from boardtui.command import command_line

        source = self.source.resolve()
        # The return goes beside the source, or into the home folder when that cannot be written.
        to = source.parent if _writable_folder(source.parent) else Path.home()
        line = command_line("returns", "export", source, "--to", to, "--author", self.who)
        return f"To send it: R, then s, in the app; or run: {line}"

    # -- reading
    def updates_on(self, action_id: str) -> list[OfficerUpdate]:
        """The officer's own updates on an action, newest first: in the pack and in their draft
        return (so they show at once on a read-only pack or a snapshot too)."""
        found: dict[str, OfficerUpdate] = {}
        with self._cursor() as cur:
            for row in dicts(cur, "update_by_author_on", action=action_id, author=self.who):
                found[row["uid"]] = OfficerUpdate.from_row(row)
        for draft in self.drafts():
            records, sent = _draft_contents(draft)
            for record in records:
                if record["action"] == action_id and record["author"] == self.who:
                    found.setdefault(record["uid"], _draft_update(record, sent))
        return sorted(found.values(), key=lambda u: u.written_at, reverse=True)

    def unsent(self, *, include_sent: bool = False) -> list[tuple[OfficerUpdate, dict[str, Any] | None]]:
        """(update, base) of every update by this officer not yet sent, oldest first: those
        written in a pack file (never a snapshot's: those are the board's record already) and
        those in the draft returns."""
        found: dict[str, tuple[OfficerUpdate, dict[str, Any] | None]] = {}
        if not self.is_snapshot:
            with self._cursor() as cur:
                for row in dicts(cur, "update_unsent_by", author=self.who, all=include_sent):
                    base = json.loads(row["base"]) if row["base"] else base_of(cur, self.identity(), row["action"])
                    found[row["uid"]] = (OfficerUpdate.from_row(row), base)
        for draft in self.drafts():
            records, sent = _draft_contents(draft)
            for record in records:
                if record["author"] == self.who and (include_sent or record["uid"] not in sent):
                    found.setdefault(record["uid"], (_draft_update(record, sent), record.get("base")))
        return sorted(found.values(), key=lambda pair: pair[0].written_at)

    # -- sending
    def send(self, to: Path, *, include_sent: bool = False) -> SentReturn:
        """Write one return file with the updates not yet sent (``to``: a file, or a folder to
        write a new one into), then mark them sent. BoardError when there is nothing to send or
        the file cannot be written."""
        pending = self.unsent(include_sent=include_sent)
        if not pending:
            raise BoardError(
                f"{self.who} has no updates on {self.source} that are not sent yet"
                f"{self._elsewhere()}; write one with U in the app first "
                "(--all sends those already sent again)."
            )
        target = return_target(Path(to), self.who)
        identity = self.identity()
        content = {
            "return_id": uuid.uuid4().hex,
            "author": self.who,
            "exported_at": datetime.now().replace(microsecond=0).isoformat(),
            "app_version": __version__,
            "pack": {"pack_id": identity["pack_id"], "board": identity["board"]},
            "source": identity,
            "updates": [{**{k: getattr(u, k) for k in UPDATE_FIELDS}, "base": base} for u, base in pending],
        }
        content = json.loads(_dumps(content))  # dates as ISO text: the checksum is over what is written
        document = {"format": RETURN_FORMAT, "version": RETURN_VERSION, "content": content, "sha256": checksum(content)}
        write_file_atomically(target, (_dumps(document, indent=2) + "\n").encode("utf-8"))
        not_marked = self._mark_sent(target, [u for u, _ in pending])
        notes = []
        if not_marked:
            notes.append(
                f"{not_marked} update(s) written in {self.source.name} could not be marked sent "
                "(it is open read-only): they go again in your next return, and importing them "
                "twice adds nothing"
            )
        authors = sorted({u.author for u, _ in pending})
        return SentReturn(target, [u for u, _ in pending], authors, not_marked, notes)

    def _elsewhere(self) -> str:
        """Other officers' drafts for this source, named: the usual reason for 'nothing to send'."""
        mine = {self.beside.name, self.fallback.name}
        others = sorted(
            {
                p.name
                for folder in {self.beside.parent, self.fallback.parent}
                if folder.is_dir()
                for p in folder.iterdir()
                if p.name.endswith(DRAFT_SUFFIX) and f"{self.source.name}." in p.name
            }
            - mine
        )
        if not others:
            return ""
        return f" (other draft returns there: {', '.join(others)}; --author NAME sends another officer's)"

    def _mark_sent(self, target: Path, sent: list[OfficerUpdate]) -> int:
        when = datetime.now().replace(microsecond=0)
        in_pack = [u for u in sent if u.where == "pack"]
        in_draft = {u.uid for u in sent if u.where == "draft"}
        not_marked = 0
        if in_pack and self.writes_to_pack:
            audit = [
                {
                    "changed_at": when,
                    "who": self.who,
                    "table_name": "officer_update",
                    "row_key": u.uid,
                    "field": "sent_at",
                    "old_value": None if u.sent_at is None else str(u.sent_at),
                    "new_value": str(when),
                    "why": f"sent in return {target.name}",
                }
                for u in in_pack
            ]
            with self._cursor() as cur, self.store.transaction(cur):
                for u in in_pack:
                    cur.execute(sql("update_mark_sent"), {"uid": u.uid, "sent_at": when})
                for row in audit:
                    cur.execute(sql("audit_insert"), row)
        elif in_pack:
            not_marked = len(in_pack)
        if in_draft:
            with self._lock:
                for draft in self.drafts():
                    mine = [r["uid"] for r in _draft_contents(draft)[0] if r["uid"] in in_draft]
                    if mine:
                        try:
                            draft.append(
                                [{"record": "sent", "uids": mine, "at": when.isoformat(), "to": str(target)}],
                                self._header(),
                            )
                        except OSError as err:
                            raise BoardError(
                                f"{target} was written, but {draft.path} could not record it as "
                                f"sent ({err.strerror or err}); those updates will go again "
                                "next time, and importing them twice adds nothing."
                            ) from None
        return not_marked


# The return file ---------------------------------------------------------------------------
def checksum(content: dict[str, Any]) -> str:
    """SHA-256 of the content in one canonical form (keys sorted, no spaces)."""
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def return_target(to: Path, author: str) -> Path:
    """The file a return goes to: ``to`` itself (with the .boardreturn ending added if it has
    another), or a new file named after the officer and the time in the folder ``to``."""
    if to.is_dir():
        return to / f"{slug(author)}-{datetime.now():%Y%m%d-%H%M%S}{RETURN_SUFFIX}"
    if to.suffix != RETURN_SUFFIX:
        to = to.with_name(to.name + RETURN_SUFFIX)
    if to.exists():
        raise BoardError(
            f"{to} already exists; a return is never written over another, so choose a new "
            "name (or name a folder, and the return is named after you and the time)."
        )
    if not to.parent.is_dir():
        raise BoardError(f"{to.parent} is not a folder; create it first, or name a folder that exists.")
    return to


def export_return(source: Path, to: Path, author: str, *, include_sent: bool = False) -> SentReturn:
    """'boardtui returns export': open the pack (for writing when free, so sent updates are
    marked sent; else a read-only copy) or snapshot, and send the author's return."""
    from boardtui.store.db import lock_holder, open_store, unwritable

    source = Path(source)
    if not source.exists():
        drafts = [p for p in draft_places(source, author) if p.is_file()]
        kept = (
            f"; your draft return {drafts[0]} is kept, so put it back where it was and export again" if drafts else ""
        )
        raise BoardError(
            f"{source} does not exist{kept}; name the pack (.duckdb) or snapshot folder you wrote your updates on."
        )
    if source.is_dir():
        store = open_store(source)
    elif unwritable(source):
        # A pack on a read-only file, folder or drive: its updates were written into the draft
        # return, and it is only read here (the return goes to --to).
        store = open_store(source, read_only=True)
    else:
        try:
            store = open_store(source)
        except BoardError as err:
            if not lock_holder(err):
                raise
            store = open_store(source, copy_if_locked=True)
    try:
        # The return says what each action looked like in the pack: never from a damaged one.
        if store.read_only:
            from boardtui.store.db import verify_sound

            verify_sound(store)
        else:
            store.ensure_sound()
        return OfficerDesk(store, author).send(to, include_sent=include_sent)
    finally:
        store.close()
