"""The app's link to its pack file: opening this process's connection after the first frame,
checking the pack's soundness in the background, counting the returns waiting, and saying
what background work and the recording room report. BoardApp mixes it in; navigation stays
in app.py."""

from __future__ import annotations

import gc
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from boardtui.app import frame_cache
from boardtui.app.host import AppHost
from boardtui.app.screens.base import DataScreen
from boardtui.app.work import FRAME_CHECK, OPEN, RETURNS_COUNT, SOUND, in_thread
from boardtui.errors import BoardError

if TYPE_CHECKING:
    from boardtui.app.recording import Recorded, RecordRefused, ReturnsMoved, UpdateSaved
    from boardtui.app.screens.dashboard import DashboardScreen
    from boardtui.store.db import Store
    from boardtui.store.views import FirstFrame

# Seconds after the pack opens before its soundness is checked in the background.
SOUNDNESS_CHECK_AFTER = 1.5


class PackLink(AppHost):
    """Mixed into BoardApp (a Textual App): uses its views, config, workers and notices."""

    # The pack ---------------------------------------------------------------------------
    @property
    def first_frame_pending(self) -> bool:
        """Whether the first frame is still being read (the app paints meanwhile; keys wait)."""
        return self._first_later is not None

    def on_mount(self) -> None:
        if self._first_later is not None:
            in_thread(
                self, self._first_later.read, self._first_frame_arrived, self._first_frame_failed, name="first frame"
            )
        if self._kept is not None:
            # Started now, before any key is handled (it waits in its thread for the pack to
            # open after the first paint). Keys wait for it (FRAME_CHECK is no background
            # work): none acts on a kept frame the pack no longer matches.
            in_thread(
                self,
                self._read_kept_frame_again,
                self._kept_frame_read,
                self._kept_frame_failed,
                name="kept frame check",
                group=FRAME_CHECK,
            )

    def on_unmount(self) -> None:
        # Closing before the first frame came: the child still reading is stopped now, or the
        # worker waiting for it would keep the app's end waiting (asyncio joins its threads).
        if self._first_later is not None:
            self._first_later.drop()
        # Closing before this process's connection began to open: a read waiting for it would
        # wait for ever, and keep the app's end waiting too. It is told the pack is closed.
        with self._open_lock:
            self._pack_closing = True
            opening = self._open_started
        if not opening and self.views.store is None:
            self.views.attach(None, BoardError(f"{self.pack_path.name} was closed before it was opened."))

    def _first_frame_arrived(self, first: FirstFrame | None) -> None:
        if first is None:  # dropped: the app is closing
            return
        self._first_later = None
        self._take_first_frame(first)
        dashboard = cast("DashboardScreen", self.screen_stack[0])  # the app's first screen
        dashboard.first_frame_arrived()  # shows it, then first_frame_painted

    def _first_frame_failed(self, error: Exception) -> None:
        self.startup_error = error  # nothing to show: said on exit
        self.exit(return_code=2)

    def _take_first_frame(self, first: FirstFrame) -> None:
        self._frame_read = first
        self.board_name = self.config.board_name or first.board.name
        self.meetings = first.meetings
        self.definitions = first.definitions
        self.weakness_names = first.weakness_names
        self.first_dashboard = first.dashboard
        # The latest board meeting is "now"; set without watchers: the header is painted next.
        self.set_reactive(type(self).meeting, self.meetings[-1] if self.meetings else None)
        self.set_reactive(type(self).banner, first.banner)

    def first_frame_painted(self) -> None:
        # Collection was paused during start-up (run.load_app). What start-up made lives as long
        # as the app: frozen, later collections skip it instead of walking it on every pass.
        gc.freeze()
        gc.enable()
        self.open_pack()

    def _read_kept_frame_again(self) -> FirstFrame | None:
        """The pack's first frame read again once it is open; None if it is the frame kept."""
        kept = self._kept
        if kept is None:
            return None
        self.views.wait_opened()
        store = self.views.store
        then = frame_cache.identity(self.pack_path)
        first = self.views.first_frame()
        # Kept here if it differs, or if it was the lake's own (the next start reads it faster);
        # never from a copy, whose frame says the pack was locked.
        if (first != kept.first or not kept.here) and store is not None and not store.reads_a_copy:
            frame_cache.keep(self.pack_path, then, first)
        return None if first == kept.first else first

    def _kept_frame_failed(self, error: Exception) -> None:
        """The pack could not be opened or read after a kept frame was painted: refused as at
        any start (said on exit, code 2), unless the app was closing before it opened."""
        if not self._pack_closing:
            self._first_frame_failed(error)

    def _kept_frame_read(self, first: FirstFrame | None) -> None:
        self._kept = None
        if first is None:
            return
        # The pack is locked by another program (read through a copy, which the banner says),
        # or it changed in a way its identity did not show (it never should): what it now
        # holds replaces the frame before any key acts on it.
        self._take_first_frame(first)
        cast("DashboardScreen", self.screen_stack[0]).show_first_frame()

    def open_pack(self) -> None:
        """Open this process's connection if the first frame came from elsewhere (see run.py)."""
        if self.views.store is not None:  # opened with the first frame (the portable path)
            store = self.views.store
            in_thread(self, partial(self._keep_frame_read, store), name="keep first frame", group=OPEN)
            self._check_soundness_later(store)
            self.count_returns_waiting()
        elif not self._opening:
            self._opening = True
            in_thread(
                self, self._open_pack, self._pack_opened, partial(self.say_failure, timeout=30), name="open", group=OPEN
            )

    def _open_pack(self) -> Store | None:
        from boardtui.store.db import open_store

        with self._open_lock:  # the app may be closing already (quit at once): then nothing opens
            if self._pack_closing:
                return None
            self._open_started = True
        try:
            store = open_store(self.pack_path, read_only=self.read_only, copy_if_locked=True, lake=True)
        except BoardError as err:
            self.views.attach(None, err)
            raise
        from boardtui.store.queries import sql

        store.con.execute(sql("app_memory_limit"))
        self.views.attach(store)
        self._keep_frame_read(store)
        return store

    def _keep_frame_read(self, store: Store) -> None:
        """The frame read at start-up is kept if the pack is still as it was when it was read
        (frame_cache), and it was read from the pack itself, not a copy of a locked one."""
        read, self._frame_read = self._frame_read, None
        if read is not None and self._kept is None and not store.reads_a_copy and read.banner == store.banner:
            frame_cache.keep(self.pack_path, self._frame_identity, read)

    def _pack_opened(self, store: Store | None) -> None:
        if store is not None:  # None: the app closed first
            self.banner = store.banner or self.banner
            self._check_soundness_later(store)
            self.count_returns_waiting()

    def _check_soundness_later(self, store: Store) -> None:
        # Before the first change is written the pack must be found sound (a few hundred ms):
        # found in the background once the first keys have been answered, the first save does
        # not wait for it. A damaged pack is said then (the worker's error); recording refuses.
        if not store.read_only:
            self.set_timer(
                SOUNDNESS_CHECK_AFTER,
                lambda: in_thread(
                    self,
                    partial(store.ensure_sound, blocks_elsewhere=True),
                    failed=self.say_failure,
                    name="soundness check",
                    group=SOUND,
                ),
            )

    def close_pack(self) -> None:
        if self._first_later is not None:  # ended before the first frame came
            self._first_later.drop()
        with self._open_lock:
            self._pack_closing = True
            opening = self._open_started
        if opening:
            self.views.wait_opened()  # never leave a connection opening behind
        frame = self._frame_at_close()
        self.views.close()
        if frame is not None:  # closing wrote the last changes into the file: its identity now
            frame_cache.keep(self.pack_path, frame_cache.identity(self.pack_path), frame)
        gc.unfreeze()  # what was frozen (first_frame_painted) is freed like the rest at exit

    def _frame_at_close(self) -> FirstFrame | None:
        """The first frame as the pack now is, if this session wrote to it: the next start paints
        it at once (frame_cache). None if nothing was written, or it cannot be read now."""
        store = self.views.store
        if store is None or store.read_only or store.generation == 0 or store.reads_a_copy:
            return None
        try:
            return self.views.first_frame()
        except Exception:  # noqa: BLE001 - only a start-up's speed depends on it
            return None

    # Background work this app started: its failure is said here ----------------------------
    def say_failure(self, error: Exception, *, timeout: float = 15) -> None:
        """A worker's error, as a notice (the meeting goes on)."""
        self.notify(str(error), severity="error", timeout=timeout)

    # What is recorded, anywhere: say so, and show the pack as it now is --------------------
    def on_recorded(self, message: Recorded) -> None:
        if message.announce:
            self.notify(message.sentence, timeout=5)
        self.set_meetings(message.meetings)
        if isinstance(self.screen, DataScreen):  # a dialog on top: the screen reads again on resume
            self.screen.reload()

    def on_record_refused(self, message: RecordRefused) -> None:
        self.notify(message.reason, severity="warning", timeout=8)

    def on_update_saved(self, message: UpdateSaved) -> None:
        self.notify(message.sentence, timeout=8)
        self.desk_changes += 1
        # The screen the update was written from (under the dialog, which is closing) shows it
        # at once: read again now, shown as the dialog goes. Screens deeper down read again when
        # they are come back to (changes_seen).
        shown = next((s for s in reversed(self.screen_stack) if isinstance(s, DataScreen)), None)
        if shown is not None:
            shown.reload()

    def on_returns_moved(self, message: ReturnsMoved) -> None:
        self.notify(message.sentence, timeout=10)
        self.desk_changes += 1  # a return sent marks the officer's updates sent
        self.count_returns_waiting()
        if isinstance(self.screen, DataScreen):
            self.screen.reload()

    @property
    def returns_folder(self) -> Path:
        """Where returns are sent and looked for: the config's, else returns/ beside the pack."""
        from boardtui.store.merge import returns_folder

        return returns_folder(self.config.returns, self.pack_path)

    def count_returns_waiting(self) -> None:
        """Look in the returns folder (a worker: it reads each return) for returns to import."""
        store = self.views.store
        if store is None or store.read_only:
            return
        folder = self.returns_folder

        def count() -> int:
            from boardtui.store.merge import returns_waiting

            return sum(1 for r in returns_waiting(store, folder) if not r.imported and r.problem is None)

        # Not counted, nothing said: the header shows no count, and R lists the folder anyway.
        in_thread(self, count, self._returns_counted, name="returns count", group=RETURNS_COUNT, exclusive=True)

    def _returns_counted(self, waiting: int) -> None:
        self.returns_waiting = waiting
