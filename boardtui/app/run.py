"""Start the app with the dashboard's data on its first frame, as fast as the machine allows.

Importing DuckDB and importing Textual each take a few hundred milliseconds and, in one
process, the GIL makes them take turns. So where the OS can fork, a child process reads the
first frame (read-only) on the other core while this process imports Textual; this process
opens its own connection right after the first frame is painted. Anywhere else, or if the
child fails for any reason, the pack is opened in a thread before the app starts, and any
error (missing file, newer schema, …) comes from that path exactly as before.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
import threading
from pathlib import Path

from boardtui.config import Config
from boardtui.errors import BoardError


def _open_pack(path: Path, read_only: bool):
    from boardtui.store.db import open_store
    from boardtui.store.views import BoardViews

    return BoardViews(open_store(path, read_only=read_only, copy_if_locked=True))


class _FirstFrameChild:
    """A forked child that reads the first frame and pipes it back (pickled)."""

    def __init__(self, path: Path) -> None:
        self.pid = 0
        self.read_fd = -1
        # Forking is only safe before this process has threads or its own DuckDB instance.
        if not hasattr(os, "fork") or "duckdb" in sys.modules or threading.active_count() > 1:
            return
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: read, write, leave without running any cleanup
            os.close(read_fd)
            payload = b""
            try:
                payload = pickle.dumps(_open_pack(path, read_only=True).first_frame())
            except BaseException:  # noqa: BLE001 - the parent falls back and reports properly
                payload = b""
            with os.fdopen(write_fd, "wb") as out:
                out.write(payload)
            # No close: a read-only connection has nothing to write, and the kernel drops its
            # shared lock as the process ends, before the parent's waitpid returns (closing
            # DuckDB first kept the parent waiting 7 ms more).
            os._exit(0)
        os.close(write_fd)
        self.pid, self.read_fd = pid, read_fd

    def result(self):
        if not self.pid:
            return None
        with os.fdopen(self.read_fd, "rb") as incoming:
            payload = incoming.read()
        os.waitpid(self.pid, 0)
        return pickle.loads(payload) if payload else None


class _PackLoader(threading.Thread):
    """Opens the pack and reads the first frame in a thread (the portable path)."""

    def __init__(self, path: Path, read_only: bool) -> None:
        super().__init__(daemon=True, name="boardtui-open")
        self.path, self.read_only = path, read_only
        self.views = None
        self.first = None
        self.error: BoardError | None = None

    def run(self) -> None:
        try:
            self.views = _open_pack(self.path, self.read_only)
            self.first = self.views.first_frame()
        except BoardError as err:
            self.error = err


def load_app(path: Path, config: Config, *, read_only: bool = False):
    """The app, ready to run, or BoardError."""
    # Importing Textual makes many objects that live for the whole run; collecting cycles
    # among them now only delays the first frame. The dashboard turns collection back on
    # once that frame is painted (DashboardScreen.on_mount).
    gc.disable()
    try:
        return _load_app(path, config, read_only)
    except BaseException:
        gc.enable()
        raise


def _load_app(path: Path, config: Config, read_only: bool):
    child = _FirstFrameChild(path)
    loader = None if child.pid else _PackLoader(path, read_only)
    if loader:
        loader.start()
    from boardtui.app.app import BoardApp  # Textual imports while the pack is read
    from boardtui.store.views import BoardViews

    first = child.result()
    if first is not None:
        # Opened for real after the first paint (BoardApp.open_pack).
        return BoardApp(BoardViews(), config, first, path, read_only=read_only)
    if loader is None:  # the child could not read it: take the portable path for the answer
        loader = _PackLoader(path, read_only)
        loader.start()
    loader.join()
    if loader.error:
        raise loader.error
    return BoardApp(loader.views, config, loader.first, path, read_only=read_only)


def run_app(path: Path, config: Config, *, read_only: bool = False) -> int:
    app = load_app(path, config, read_only=read_only)
    try:
        app.run()
    finally:
        app.close_pack()
    return app.return_code or 0
