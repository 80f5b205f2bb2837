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
from typing import TYPE_CHECKING

from boardtui.errors import BoardError

if TYPE_CHECKING:
    from boardtui.config import Config


def _open_pack(path: Path, read_only: bool):
    """The pack's views and its first frame; any failure is one sentence (BoardError)."""
    from boardtui.store.db import open_store, reading
    from boardtui.store.views import BoardViews

    try:
        views = BoardViews(open_store(path, read_only=read_only, copy_if_locked=True))
    except OSError as err:
        raise BoardError(f"{path} could not be opened ({err.strerror or err}); check it is there "
                         "and you may read it.") from None
    try:
        with reading(path):
            return views, views.first_frame()
    except BaseException:
        views.close()
        raise


class FirstFrameChild:
    """A forked child that reads the first frame and pipes it back (pickled). Started as early
    as can be (cli.main starts it for `boardtui PACK` before parsing anything else): the child
    needs a few hundred milliseconds of its own for DuckDB, the parent as long for Textual."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pid = 0
        self.read_fd = -1
        # Forking is only safe before this process has threads or its own DuckDB instance.
        if not hasattr(os, "fork") or "duckdb" in sys.modules or threading.active_count() > 1:
            return
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: read, write, leave without running any cleanup
            os.close(read_fd)
            views, payload = None, b""
            try:
                views, first = _open_pack(path, read_only=True)
                payload = pickle.dumps(first)
            except BaseException:  # noqa: BLE001 - the parent falls back and reports properly
                payload = b""
            try:
                with os.fdopen(write_fd, "wb") as out:
                    out.write(payload)
            finally:
                # No close: a read-only connection has nothing to write, and the kernel drops
                # its shared lock as the process ends, before the parent's waitpid returns
                # (closing DuckDB first kept the parent waiting 7 ms more). But a private copy
                # of a locked pack must not outlive the child: removed after the answer is sent.
                if views is not None and views.store is not None:
                    views.store.discard_copy()
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

    def discard(self) -> None:
        """Not wanted after all (the arguments named another pack): its answer is dropped."""
        if self.pid:
            self.result()
            self.pid = 0


class _PackLoader(threading.Thread):
    """Opens the pack and reads the first frame in a thread (the portable path)."""

    def __init__(self, path: Path, read_only: bool) -> None:
        super().__init__(daemon=True, name="boardtui-open")
        self.path, self.read_only = path, read_only
        self.views = None
        self.first = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.views, self.first = _open_pack(self.path, self.read_only)
        except BaseException as err:  # noqa: BLE001 - handed to the main thread, raised there
            self.error = err


def load_app(path: Path, config: Config, *, read_only: bool = False, child: FirstFrameChild | None = None):
    """The app, ready to run, or BoardError. ``child``: a first-frame reader already started."""
    # Importing Textual makes many objects that live for the whole run; collecting cycles
    # among them now only delays the first frame. The dashboard turns collection back on
    # once that frame is painted (DashboardScreen.on_mount).
    gc.disable()
    try:
        return _load_app(path, config, read_only, child)
    except BaseException:
        gc.enable()
        raise


def _load_app(path: Path, config: Config, read_only: bool, child: FirstFrameChild | None):
    from boardtui.store.copies import sweep_stale_copies

    if child is not None and child.path != path:
        child.discard()
        child = None
    child = child or FirstFrameChild(path)
    loader = None if child.pid else _PackLoader(path, read_only)
    if loader:
        loader.start()
    # Copies of locked packs left by app processes that were killed: removed at the next start.
    sweep_stale_copies()
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


def run_app(path: Path, config: Config, *, read_only: bool = False, child: FirstFrameChild | None = None) -> int:
    app = load_app(path, config, read_only=read_only, child=child)
    try:
        app.run()
    finally:
        app.close_pack()
    return app.return_code or 0
