"""Who may read what boardtui writes.

A pack holds confidential minutes, the audit log and people's names; so do full snapshots, draft
returns, returns, the meeting pack and a review file. Each is created for its owner only (files
0600, folders 0700), whatever the umask. Public outputs (the public update, a public snapshot)
are made for publishing: they take the mode the user's umask gives (0644 under the usual 022).

Files DuckDB creates itself (a pack's write-ahead log, its temporary files) cannot be given a
mode: the command line (``boardtui.cli.main``) makes the process umask private for them
(``private_by_default``), and the functions here set each file's mode explicitly as well, so
they hold when called from anywhere (the app's tests call them in-process).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700

_lock = threading.Lock()
_user_umask: int | None = None


def user_data_dir() -> Path:
    """Where boardtui keeps what is the user's own: the demo pack, draft returns kept away from their pack."""
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / "boardtui"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "boardtui"
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "boardtui"


def user_umask() -> int:
    """The umask the user started boardtui with (read once, before boardtui tightens it)."""
    global _user_umask
    with _lock:
        if _user_umask is None:
            current = os.umask(0o077)  # reading the umask means setting it: put it straight back
            os.umask(current)
            _user_umask = current
        return _user_umask


def private_by_default() -> None:
    """From now on this process creates files for their owner only (DuckDB's own files too)."""
    os.umask(user_umask() | 0o077)


def public_mode(*, folder: bool = False) -> int:
    """The mode a public output takes: what the user's umask gives."""
    return (0o777 if folder else 0o666) & ~user_umask()


def make_private(path: Path) -> None:
    """Owner only: 0700 for a folder, 0600 for a file."""
    os.chmod(path, PRIVATE_FOLDER if Path(path).is_dir() else PRIVATE_FILE)


def make_public(path: Path) -> None:
    os.chmod(path, public_mode(folder=Path(path).is_dir()))


def private_folder(path: Path) -> Path:
    """``path`` as a folder (made owner only if it is new; an existing folder is the user's)."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(parents=True, mode=PRIVATE_FOLDER, exist_ok=True)
        os.chmod(path, PRIVATE_FOLDER)  # mkdir's mode is filtered by the umask
    return path


def write_text_atomically(path: Path, text: str, *, public: bool = False) -> None:
    """``text`` at ``path``: written beside it with its mode set from the start (owner only, or
    public), then renamed into place. OSError when it cannot be written; nothing is left."""
    write_atomically(path, lambda out: out.write(text), public=public)


def write_atomically(path: Path, write: Callable[[TextIO], object], *, public: bool = False) -> None:
    """What ``write`` writes (UTF-8 text, a piece at a time) at ``path``: beside it first, with
    its mode set from the start (owner only, or public), then renamed into place. Whatever
    stops ``write`` (OSError, or its own error) leaves nothing."""

    def fill(fd: int) -> None:
        with open(fd, "w", encoding="utf-8", newline="") as out:
            write(out)

    _into_place(Path(path), fill, public)


def write_bytes_atomically(path: Path, data: bytes, *, public: bool = False) -> None:
    """``data`` at ``path``, written beside it and renamed into place as write_atomically does."""

    def fill(fd: int) -> None:
        with open(fd, "wb") as out:
            out.write(data)

    _into_place(Path(path), fill, public)


def _into_place(path: Path, fill: Callable[[int], object], public: bool) -> None:
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}-{threading.get_ident()}")
    mode = public_mode() if public else PRIVATE_FILE
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
        os.fchmod(fd, mode) if hasattr(os, "fchmod") else None
        fill(fd)  # closes fd
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
