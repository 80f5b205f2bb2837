"""Private copies of a pack that another process holds for writing (DuckDB lets no one else
read it), and making sure none is left behind.

A copy holds the whole pack, confidential minutes included, so:

- it lives in a folder only this user can open (``mkdtemp`` makes it 0700; the files are 0600);
- where the OS allows (POSIX), its files are unlinked as soon as DuckDB has opened them: the
  open handle keeps them readable and the kernel frees them when the process ends, however it
  ends (SIGKILL included);
- the folder is removed when the pack is closed, and a folder left by a process that died
  (its PID, recorded in the folder, is no longer running) is removed at the next start. A live
  process's folder is never touched.

The folder where a process's in-memory DuckDBs spill (spill_folder) is made and swept the same
way. This module does not import DuckDB: the app sweeps before its first frame.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

PREFIX = "boardtui-copy-"
SPILL_PREFIX = "boardtui-spill-"
OWNER = "owner.pid"
# A folder with no owner yet is being made right now by another process; one older than this
# was left by a process that died between making it and recording itself.
_UNOWNED_GRACE_SECONDS = 60


def make_copy(pack: Path) -> tuple[Path, Path]:
    """Copy ``pack`` (and its write-ahead log) into a new private folder: (folder, copy)."""
    sweep_stale_copies()
    folder = Path(tempfile.mkdtemp(prefix=PREFIX))
    try:
        (folder / OWNER).write_text(f"{os.getpid()}\n", encoding="ascii")
        copy = folder / pack.name
        for source, target in ((pack, copy), (_wal(pack), _wal(copy))):
            if source.exists():
                # copyfile, not copy2: the copy gets its own 0600 mode, not the pack's.
                shutil.copyfile(source, target)
                os.chmod(target, 0o600)
    except BaseException:
        remove_copy(folder)
        raise
    return folder, copy


_spill: tuple[int, Path] | None = None
_spill_lock = threading.Lock()


def spill_folder() -> Path:
    """Where this process's in-memory DuckDBs (a snapshot's writer, a lake's reader) spill what
    does not fit in memory: a private folder of its own, removed as the process ends, or at the
    next start if it did not end cleanly (as a copy's). DuckDB's default, ``.tmp`` in the current
    folder, left a folder wherever boardtui was started."""
    global _spill
    with _spill_lock:
        if _spill is None or _spill[0] != os.getpid():  # a forked child makes its own
            folder = Path(tempfile.mkdtemp(prefix=SPILL_PREFIX))  # 0700
            (folder / OWNER).write_text(f"{os.getpid()}\n", encoding="ascii")
            atexit.register(remove_copy, folder)
            _spill = (os.getpid(), folder)
        return _spill[1]


def unlink_opened(folder: Path) -> None:
    """Unlink the copy's files once DuckDB holds them open (POSIX: they stay readable through
    the open handle and vanish with the process). Where open files cannot be unlinked, they
    stay until ``remove_copy``."""
    if os.name != "posix":
        return
    for entry in folder.iterdir():
        if entry.name != OWNER:
            entry.unlink(missing_ok=True)


def remove_copy(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _wal(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if os.name != "posix":
        # No safe liveness test here (os.kill would end the process): a live process's copy
        # is open, so Windows refuses to delete it, and a dead one's goes.
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def sweep_stale_copies(folder: str | Path | None = None) -> list[Path]:
    """Remove copies (and spill folders) left by processes that are no longer running; the
    folders removed."""
    root = Path(folder or tempfile.gettempdir())
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(root) if e.name.startswith((PREFIX, SPILL_PREFIX))]
    except OSError:
        return removed
    for entry in entries:
        try:
            if not entry.is_dir(follow_symlinks=False):
                continue
            if hasattr(os, "getuid") and entry.stat(follow_symlinks=False).st_uid != os.getuid():
                continue
            path = Path(entry.path)
            try:
                owner = int((path / OWNER).read_text(encoding="ascii").strip())
            except FileNotFoundError:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime < _UNOWNED_GRACE_SECONDS:
                    continue
                owner = None
            except ValueError:
                owner = None
            if owner is not None and _running(owner):
                continue
        except OSError:
            continue
        remove_copy(path)
        if not path.exists():
            removed.append(path)
    return removed
