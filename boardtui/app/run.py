"""Start the app with the dashboard's data on its first frame, as fast as the machine allows.

Importing DuckDB and importing Textual each take a few hundred milliseconds and, in one
process, the GIL makes them take turns. So where the OS can fork, a child process reads the
first frame (read-only) on the other core while this process imports Textual; this process
opens its own connection right after the first frame is painted. Anywhere else, or if the
child fails for any reason, the pack is opened in a thread before the app starts, and any
error (missing file, newer schema, …) comes from that path exactly as before.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from boardtui.app import frame_cache
from boardtui.errors import BoardError

if TYPE_CHECKING:
    from boardtui.config import Config
    from boardtui.store.views import FirstFrame


def _open_views(path: Path, read_only: bool, *, check_foreign: bool = True):
    """The pack's views; any failure is one sentence (BoardError)."""
    from boardtui.store.db import open_store
    from boardtui.store.queries import sql
    from boardtui.store.views import BoardViews

    try:
        store = open_store(path, read_only=read_only, copy_if_locked=True, lake=True, check_foreign=check_foreign)
        store.con.execute(sql("app_memory_limit"))  # the app's memory, bounded (the query says why)
        return BoardViews(store)
    except OSError as err:
        raise BoardError(
            f"{path} could not be opened ({err.strerror or err}); check it is there and you may read it."
        ) from None


def _first_frame(views, path: Path):
    """The first frame read from open views; on any failure they are closed."""
    from boardtui.store.db import reading

    try:
        with reading(path):
            return views.first_frame()
    except BaseException:
        views.close()
        raise


def _open_pack(path: Path, read_only: bool):
    """The pack's views and its first frame; any failure is one sentence (BoardError)."""
    views = _open_views(path, read_only)
    return views, _first_frame(views, path)


class FirstFrameChild:
    """A forked child that reads the first frame and pipes it back (pickled). Started as early
    as can be (cli.main starts it for `boardtui PACK` before parsing anything else): the child
    needs a few hundred milliseconds of its own for DuckDB, the parent as long for Textual.

    The child says when the pack is open (one byte, ``OPENED``) before it reads the first
    frame: nearly every bad file fails at opening, so once it is open the parent can start the
    app and paint while the child finishes (FirstFrameLater)."""

    OPENED = b"O"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pid = 0
        self.read_fd = -1
        self._answer = bytearray()
        self.identity: frame_cache.Identity | None = None
        # Forking is only safe before this process has threads or its own DuckDB instance.
        if not hasattr(os, "fork") or "duckdb" in sys.modules or threading.active_count() > 1:
            return
        # The pack as the child will find it: if it is the same once this process has opened
        # it, the frame may be kept (frame_cache; nothing can write while the child reads).
        self.identity = frame_cache.identity(path)
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: read, write, leave without running any cleanup
            from boardtui.store.queries import sql

            os.close(read_fd)
            views = None
            try:
                with os.fdopen(write_fd, "wb") as out:
                    views = _open_views(path, read_only=True, check_foreign=False)
                    out.write(self.OPENED)
                    out.flush()
                    views.store.con.execute(sql("child_one_thread"))
                    # The pack's views, macros and triggers are looked for on a second thread
                    # while the first frame is read (duckdb_functions() lists every function
                    # DuckDB has: 20-30 ms); the frame goes only once none is found.
                    checked = _Checked(views.store)
                    checked.start()
                    first = _first_frame(views, path)
                    checked.join()
                    if checked.sound:
                        out.write(pickle.dumps(first))
            except BaseException:  # noqa: BLE001, S110 - the parent falls back and reports properly
                pass
            finally:
                # No close: a read-only connection has nothing to write, and the kernel drops
                # its shared lock as the process ends (closing DuckDB first kept the parent
                # waiting 7 ms more). But a private copy of a locked pack must not outlive the
                # child: removed after the answer is sent.
                if views is not None and views.store is not None:
                    views.store.discard_copy()
                os._exit(0)
        os.close(write_fd)
        self.pid, self.read_fd = pid, read_fd

    def opened(self) -> bool:
        """Blocks until the child has opened the pack (True) or failed to (False)."""
        if not self.pid:
            return False
        if not self._answer:
            self._answer += os.read(self.read_fd, 1)
        return self._answer[:1] == self.OPENED

    def finished(self) -> bool:
        """Whether the child's whole answer has come (never waits)."""
        os.set_blocking(self.read_fd, False)
        try:
            while chunk := os.read(self.read_fd, 1 << 16):
                self._answer += chunk
            return True  # the end of the pipe: the child has written all it will
        except BlockingIOError:
            return False
        finally:
            os.set_blocking(self.read_fd, True)

    def result(self):
        """The first frame (blocking until it has come), or None if the child failed."""
        if not self.pid:
            return None
        with os.fdopen(self.read_fd, "rb") as incoming:
            self._answer += incoming.read()
        self.gone()
        answer = bytes(self._answer)
        # Our own child wrote it, through a pipe.
        return pickle.loads(answer[1:]) if answer[:1] == self.OPENED and len(answer) > 1 else None  # noqa: S301

    def gone(self) -> None:
        """Wait for the child to have ended (and with it its shared lock on the pack)."""
        if self.pid:
            with contextlib.suppress(ChildProcessError):  # reaped already
                os.waitpid(self.pid, 0)
            self.pid = 0

    def discard(self) -> None:
        """Not wanted after all (the arguments named another pack): its answer is dropped."""
        if self.pid:
            self.result()


class KeptFrame(NamedTuple):
    """The first frame kept from the last time the pack was read, the pack unchanged since, or
    a lake's own (frame_cache.find)."""

    path: Path
    first: FirstFrame
    here: bool  # kept in this user's cache; False: the lake's own, kept here once checked


def read_first_frame_early(path: Path) -> KeptFrame | FirstFrameChild:
    """The kept first frame of the pack as it is now, or a child started to read it."""
    found = frame_cache.find(path)
    return KeptFrame(path, found.frame, found.here) if found is not None else FirstFrameChild(path)


class _Checked(threading.Thread):
    """In the first-frame child: whether the pack holds no view, macro or trigger (store/db.py
    check_foreign_objects). When it does, or the look fails, the child ends at once, sending no
    frame (a crafted macro may be keeping the frame's queries busy): the parent then opens the
    pack itself, and its own open refuses it in one sentence."""

    def __init__(self, store) -> None:
        super().__init__(daemon=True, name="boardtui-check")
        self.store = store
        self.sound = False

    def run(self) -> None:
        from boardtui.store.db import check_foreign_objects

        try:
            check_foreign_objects(self.store)
            self.sound = True
        except BaseException:  # noqa: BLE001 - the parent's own open reports it properly
            with contextlib.suppress(BaseException):
                self.store.discard_copy()
            os._exit(0)


class _PackLoader(threading.Thread):
    """Opens the pack and reads the first frame in a thread (the portable path)."""

    def __init__(self, path: Path, read_only: bool) -> None:
        super().__init__(daemon=True, name="boardtui-open")
        self.path, self.read_only = path, read_only
        self.views = None
        self.first = None
        self.error: BaseException | None = None
        self.identity = frame_cache.identity(path)  # the pack's, before it opens

    def run(self) -> None:
        try:
            self.views, self.first = _open_pack(self.path, self.read_only)
        except BaseException as err:  # noqa: BLE001 - handed to the main thread, raised there
            self.error = err


def load_app(path: Path, config: Config, *, read_only: bool = False, child: KeptFrame | FirstFrameChild | None = None):
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


def _load_app(path: Path, config: Config, read_only: bool, early: KeptFrame | FirstFrameChild | None):
    from boardtui.store.copies import sweep_stale_copies

    if early is not None and early.path != path:
        if isinstance(early, FirstFrameChild):
            early.discard()
        early = None
    early = early or read_first_frame_early(path)
    if isinstance(early, KeptFrame):
        # Painted from the kept frame; the pack opens after the first paint and its frame is
        # read again before any key acts (PackLink._read_kept_frame_again).
        sweep_stale_copies()
        from boardtui.app.app import BoardApp
        from boardtui.store.views import BoardViews

        return BoardApp(BoardViews(), config, early.first, path, read_only=read_only, kept=early)
    child = early
    loader = None if child.pid else _PackLoader(path, read_only)
    if loader:
        loader.start()
    # Copies of locked packs left by app processes that were killed: removed at the next start.
    sweep_stale_copies()
    from boardtui.app.app import BoardApp  # Textual imports while the pack is read
    from boardtui.store.views import BoardViews

    if child.pid and child.opened() and not child.finished():
        # Open in the child, first frame still being read: the app starts now and paints
        # while the child finishes, and takes the frame from FirstFrameLater (a worker) when
        # it comes (at 1,000 areas the child is the slower, by 50-80 ms).
        views = BoardViews()
        return BoardApp(
            views,
            config,
            None,
            path,
            read_only=read_only,
            first_later=FirstFrameLater(child, views, path, read_only),
            identity=child.identity,
        )
    first = child.result()
    if first is not None:
        # Opened for real after the first paint (BoardApp.open_pack).
        return BoardApp(BoardViews(), config, first, path, read_only=read_only, identity=child.identity)
    if loader is None:  # the child could not read it: take the portable path for the answer
        loader = _PackLoader(path, read_only)
        loader.start()
    loader.join()
    if loader.error:
        raise loader.error
    if loader.views is None:  # _PackLoader sets the views or the error
        raise RuntimeError("the pack loader ended with neither views nor an error")
    return BoardApp(loader.views, config, loader.first, path, read_only=read_only, identity=loader.identity)


class FirstFrameLater:
    """The first frame the child is still reading when the app starts: ``read`` in a worker;
    ``drop`` if the app ends first (the child must not outlive it, blocked on a full pipe)."""

    def __init__(self, child: FirstFrameChild, views, path: Path, read_only: bool) -> None:
        self.child, self.views, self.path, self.read_only = child, views, path, read_only
        self._dropped = False

    def read(self):
        """The child's first frame; if it failed after opening (a damaged table), the pack is
        opened here, and any failure is one sentence (BoardError)."""
        first = self.child.result()
        if first is not None or self._dropped:
            return first
        opened, first = _open_pack(self.path, self.read_only)
        self.views.attach(opened.store)
        return first

    def drop(self) -> None:
        self._dropped = True
        if self.child.pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.child.pid, signal.SIGKILL)  # it only reads: nothing is lost


def run_app(
    path: Path, config: Config, *, read_only: bool = False, child: KeptFrame | FirstFrameChild | None = None
) -> int:
    app = load_app(path, config, read_only=read_only, child=child)
    try:
        app.run()
    finally:
        app.close_pack()
    if app.startup_error is not None:  # the first frame could not be read after all
        raise app.startup_error
    return app.return_code or 0
