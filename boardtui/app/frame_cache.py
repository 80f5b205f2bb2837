"""The first frame of a pack as it was last read, kept so the next start paints it without
waiting for DuckDB.

Start-up is a race between importing Textual (this process) and importing DuckDB, opening the
pack and reading the dashboard (the first-frame child, run.py). DuckDB's part is the longer, by
50-130 ms. A board opens the same pack again and again, unchanged in between, so the frame read
last time is kept in the user's cache folder (owner only), under the pack's identity: its inode,
size, modification and change times (the change time no tool can set back); a lake's or a
snapshot's by its files'. A pack with a write-ahead log beside it is never kept, nor a frame read
from a copy because the pack was locked. Any write to the pack changes its identity, and the kept frame is not used.

A kept frame is a preview of the pack, not a substitute: the app still opens the pack straight
after the first paint, reads the first frame again, and keys wait for that read (work.FRAME_CHECK);
a frame that differs replaces it before any key acts on it. An entry is a pickle read back by an
unpickler that builds only the first frame's own row classes and dates.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import sys
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from boardtui.store.views import FirstFrame

# Bumped when what an entry holds changes shape.
FORMAT = 1
# The most entries kept: the oldest go when a new one is written.
MOST_ENTRIES = 16
# A snapshot folder with more files than this is not kept (a snapshot has about twenty).
MOST_FILES = 256
# An entry larger than this is not read (a lake of 1,000 boards' is under 1 MB).
MOST_BYTES = 32 << 20
# What an entry may build, and nothing else.
_ALLOWED = {
    "boardtui.store.rows": {"Board", "Meeting", "RagDefinition", "WeaknessRow"},
    "boardtui.store.views": {"FirstFrame"},
    "datetime": {"date", "datetime"},
}

Identity = tuple[Any, ...]
LAKE_FRAME = "first_frame.json"  # store/lake_frame.py NAME, not imported here (start-up path)


def cache_dir() -> Path:
    """Where boardtui keeps what it can make again: the user's cache folder."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "boardtui" / "cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "boardtui"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "boardtui"


def _frames_dir() -> Path:
    return cache_dir() / "first-frames"


def _stat(path: Path, name: str = "") -> tuple[Any, ...]:
    found = os.stat(path)
    return (name, found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


def _code() -> tuple[Any, ...]:
    """This boardtui's queries and rows: an entry written by other code is not used."""
    from boardtui import __version__
    from boardtui.resources import queries_dir

    store = Path(__file__).resolve().parent.parent / "store"
    queries = sorted(
        (entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
        for entry in os.scandir(queries_dir())
        if entry.name.endswith(".sql")
    )
    return (__version__, tuple(queries), _stat(store / "rows.py"), _stat(store / "views.py"))


def identity(path: Path) -> Identity | None:
    """The pack (or snapshot, or lake) as it is now; None when its frame may not be kept."""
    try:
        path = Path(os.path.realpath(path))
        if path.is_file():
            if os.path.exists(f"{path}.wal"):  # changes not yet in the file: DuckDB replays them
                return None
            return (str(path), _stat(path))
        if (path / ".adding").exists():  # a lake add under way
            return None
        if (path / "_lake.json").is_file():
            # Every add replaces these (renamed into place, last of all): a lake's own record.
            # Not its own first frame (store/lake_frame.py): written after, bound to these.
            index = (f"_index/{e.name}" for e in os.scandir(path / "_index") if e.name != LAKE_FRAME)
            names = ["_lake.json", "_history.json", *index]
        else:
            names = [
                f"{top.name}/{e.name}" if top.is_dir() else top.name
                for top in os.scandir(path)
                for e in (os.scandir(top.path) if top.is_dir() else [top])
            ]
        if len(names) > MOST_FILES:
            return None
        return (str(path), _stat(path), *(_stat(path / name, name) for name in sorted(names)))
    except OSError:
        return None


def entry_path(path: Path) -> Path:
    """The file the frame of ``path`` is kept in (it may not exist)."""
    # Named by two checksums of the pack's real path (zlib loads in a fraction of hashlib's
    # time); two packs that share a name only take turns, as the entry names its pack.
    real = os.path.realpath(path).encode("utf-8", "surrogateescape")
    return _frames_dir() / f"{zlib.crc32(real):08x}{zlib.adler32(real):08x}.pickle"


class _RowsOnly(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if name in _ALLOWED.get(module, ()):
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a first frame")


class Found(NamedTuple):
    frame: FirstFrame
    here: bool  # kept in this user's cache folder; False: a lake's own (store/lake_frame.py)


def find(path: Path) -> Found | None:
    """The frame kept for the pack as it is now, else a lake's own first frame written by
    ``lake add`` (store/lake_frame.py); None if there is neither."""
    now = identity(path)
    if now is None:
        return None
    if (frame := _kept_here(path, now)) is not None:
        return Found(frame, here=True)
    if os.path.isfile(os.path.join(path, "_lake.json")):
        from boardtui.store import lake_frame

        if (frame := lake_frame.read(path)) is not None:
            return Found(frame, here=False)
    return None


def kept(path: Path) -> FirstFrame | None:
    """The frame ``find`` finds, wherever it was kept."""
    found = find(path)
    return found.frame if found else None


def _kept_here(path: Path, now: Identity) -> FirstFrame | None:
    try:
        with open(entry_path(path), "rb") as entry:
            data = entry.read(MOST_BYTES + 1)
        if len(data) > MOST_BYTES:
            return None
        format_, code, then, frame = _RowsOnly(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - missing, unreadable or not ours: read the pack instead
        return None
    if format_ != FORMAT or then != now or code != _code():
        return None
    from boardtui.store.views import FirstFrame

    return frame if isinstance(frame, FirstFrame) else None


def keep(path: Path, then: Identity | None, frame: FirstFrame) -> bool:
    """Keep ``frame``, read from the pack while it had identity ``then``, if it still has it.
    False when not kept (changed since, or the cache folder cannot be written). The caller
    keeps only what it read from the pack itself, not from a copy of a locked pack."""
    if then is None or identity(path) != then:
        return False
    from boardtui.store.files import private_folder, write_bytes_atomically

    try:
        entry = entry_path(path)
        private_folder(entry.parent)
        write_bytes_atomically(entry, pickle.dumps((FORMAT, _code(), then, frame), protocol=pickle.HIGHEST_PROTOCOL))
        _prune(entry.parent)
    except (OSError, RuntimeError, KeyError):  # no home folder, or one that cannot be written
        return False
    return True


def _read_first_frame(path: Path, *, lake: bool = False) -> FirstFrame | None:
    """The first frame read from the pack (or lake) itself; None if it could not be read (only
    the next start's speed depends on it: the app says why when it opens the pack)."""
    from boardtui.store.db import open_store
    from boardtui.store.views import BoardViews

    try:
        store = open_store(path, read_only=True, lake=lake)
    except Exception:  # noqa: BLE001 - as above
        return None
    try:
        return BoardViews(store).first_frame()
    except Exception:  # noqa: BLE001 - as above
        return None
    finally:
        store.close()


def read_and_keep(path: Path) -> bool:
    """Read the first frame of a pack a `boardtui` command has just changed and keep it, as the
    app would on opening it: the board's next start (after an import, say) paints at once.
    False when it was not kept (locked, changed since, a log beside it)."""
    then = identity(path)
    if then is None or not Path(path).is_file():
        return False
    frame = _read_first_frame(path)
    return frame is not None and keep(path, then, frame)


def read_and_keep_lake(lake: Path) -> bool:
    """Read the first frame of a lake just added to, give the lake it (store/lake_frame.py: any
    machine's first start on it paints at once) and keep it here, as the app would on opening
    it. False when it was not kept."""
    from boardtui.errors import BoardError
    from boardtui.store import lake_frame
    from boardtui.store.lake import write_first_frame

    then = identity(lake)
    if then is None:
        return False
    try:
        lake_tag = lake_frame.tag(lake)  # before the read: the frame is bound to the lake as read
    except (OSError, lake_frame.NotAFrame):
        return False
    frame = _read_first_frame(lake, lake=True)
    if frame is None:
        return False
    with contextlib.suppress(BoardError, OSError):  # another add under way: its own frame follows
        write_first_frame(lake, frame, lake_tag)
    return keep(lake, then, frame)


def _prune(folder: Path) -> None:
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[MOST_ENTRIES:]:
        with contextlib.suppress(OSError):
            old.unlink()
