"""Keys go one at a time, each to the screen it was typed for, however fast they come.

A terminal hands the app every key typed as soon as it can; Textual routes each at once, to
whatever has the focus then. Typed ahead of the screen (the Down keys straight after Enter, the
letters after the key that opens a dialog), keys would land in the list before its rows were
read, or in the screen a dialog was about to cover. So every key typed waits here, in order, and
goes on only when the app can take it:

    the key before it has been handled all the way (by the widget it went to, and by the
    bindings of every node it bubbled through to the app), nothing it started is still under
    way (a screen's read, a dialog's save, a recorded change, a search: every worker outside
    BACKGROUND; a character typed into a field does not wait for the results of the text
    before it, AS_TYPED), and the top screen and the app have handled every message queued
    so far (a screen pushed is mounted, a dialog's answer has reached the screen below, data
    read is shown).

That is ``_until_keys_can_go``, the one place that says so. Nothing here knows a screen: a screen
only has to do its work in workers (it does) to be waited for. Work a key's outcome never depends
on (reading ahead, writing a snapshot, checking the file) is BACKGROUND and never holds a key.

Keys are handed on by posting them back to the app's own queue, so Textual routes each exactly as
it routes any key (priority bindings, then the focused widget, then up to the app's bindings);
the gate decides only when.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections import deque
from time import monotonic

from textual import events
from textual.app import App
from textual.message_pump import MessagePump
from textual.widgets import Input  # textual.app has loaded it already
from textual.worker import Worker, WorkerCancelled, WorkerFailed

# The worker groups a key does not wait for (named in work.py): BACKGROUND, work whose results no
# later key depends on; AS_TYPED, results for the text typed so far (the palette's, the search
# screen's): the next character typed into that text starts them again, so it does not wait for
# them; any other key does (Enter and the arrows act on the results).
from boardtui.app.work import AS_TYPED, BACKGROUND, KEYS

# How often to look whether a node still waited for has stopped (closed with our callback
# still queued, it never answers).
NODE_LOOK = 0.25
# A screen still not able to take keys after this long (a bug: something waits for nothing)
# gets them anyway, rather than a frozen app in front of the board.
KEY_WAIT_MOST = 15.0
# A file the gate writes the number of keys it has read to, each time every one of them has been
# handled and what they started is done: a harness typing into a terminal (tests/keyrace.py)
# knows from it when the app has finished with what was typed, however long a save takes.
SETTLED_FILE = "BOARDTUI_KEYS_SETTLED_FILE"


def as_typed(event: events.Key) -> list[events.Key]:
    """The keys a person typed, from the Key event Textual read.

    Enter typed before the app had taken the terminal (while Python started) arrives as Ctrl+J:
    the terminal was still turning Return into a line feed. The app binds neither Ctrl+J nor any
    Alt key, so Ctrl+J is Enter, and Alt+x (the bytes Esc x: Esc typed just before x) is Esc then x.
    """
    if event.key == "ctrl+j":
        return [events.Key("enter", "\r")]
    if event.key.startswith("alt+") and event.character:
        rest = event.key[4:]
        return [
            events.Key("escape", "\x1b"),
            events.Key(rest.removeprefix("shift+").upper() if rest.startswith("shift+") else rest, event.character),
        ]
    return [event]


async def _handled_by(*nodes: MessagePump) -> None:
    """Until each node has handled every message queued to it before now, or has stopped.

    No time limit decides this (a loaded machine can take any time to get there, and a key let
    go early is a key in the wrong place): a node stops answering only when it stops running,
    which is checked every NODE_LOOK seconds. KEY_WAIT_MOST is the valve for a bug."""
    waiting: set[MessagePump] = set()
    all_handled = asyncio.Event()

    def handled_by(node: MessagePump) -> None:
        waiting.discard(node)
        if not waiting:
            all_handled.set()

    for node in nodes:
        if node not in waiting and node.call_later(handled_by, node):  # False: closing, it will handle nothing more
            waiting.add(node)
    began = monotonic()
    while waiting and monotonic() - began < KEY_WAIT_MOST:
        try:
            await asyncio.wait_for(all_handled.wait(), NODE_LOOK)
        except TimeoutError:
            waiting -= {node for node in waiting if not _still_there(node)}
            if not waiting:
                return


def _still_there(node: MessagePump) -> bool:
    """Whether ``node`` will still handle what is queued to it: the app while it runs; a widget or
    screen while it is in the DOM (one mounted but not yet running will run; one removed never)."""
    return node.is_running if isinstance(node, App) else node.is_attached


class KeyGate(App):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._keys_typed: deque[events.Key | events.Paste] = deque()
        self._let_through: events.Key | events.Paste | None = None  # the key the gate is handing on
        self._sent_to: MessagePump | None = None  # where Textual sent it
        self._gate: Worker | None = None
        self._keys_read = 0  # keys read from the terminal, before as_typed
        self._settled_file = os.environ.get(SETTLED_FILE)

    @property
    def keys_waiting(self) -> bool:
        """Whether a key is still waiting, or being handled (tests wait for this to be False)."""
        return self._gate is not None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            if event is self._let_through:  # handed on by the gate: route it as Textual does
                self._sent_to = self.focused or self.screen
                await super().on_event(event)
                return
            self._keys_read += 1
            self._keys_typed.extend(as_typed(event) if isinstance(event, events.Key) else [event])
            if self._gate is None:  # a worker: if the gate ever failed, the app would stop and say so
                self._gate = self.run_worker(self._let_keys_through(), group=KEYS)
            return
        await super().on_event(event)

    async def _let_keys_through(self) -> None:
        """Until every key typed has gone and what they started is done; the next key typed
        starts this again."""
        while True:
            await self._until_keys_can_go()
            if not self._keys_typed:
                break
            await self._hand_on(self._keys_typed.popleft())
        self._gate = None  # with no await since the test above: no key can have come meanwhile
        if self._settled_file:
            with open(self._settled_file, "w", encoding="ascii") as settled:
                settled.write(str(self._keys_read))

    async def _hand_on(self, key: events.Key | events.Paste) -> None:
        """Route ``key`` and follow it until it has been handled everywhere it goes."""
        self._let_through, self._sent_to = key, None
        try:
            self.post_message(key)
            await _handled_by(self)  # the app routed it: priority bindings acted, or it went on
            node = self._sent_to
            while node is not None and node is not self:  # up the way it bubbles, to the app's bindings
                await _handled_by(node)
                node = node.parent
            await _handled_by(self)
        finally:
            self._let_through = None

    def _key_work(self) -> list[Worker]:
        """The work the next key waits for."""
        skip = BACKGROUND | AS_TYPED if self._next_edits_text() else BACKGROUND
        return [w for w in self.workers if w.group not in skip and not w.is_finished]

    def _next_edits_text(self) -> bool:
        """Whether the next key only edits the text of the focused field."""
        if not self._keys_typed or not isinstance(self.focused, Input):
            return False
        key = self._keys_typed[0]
        return isinstance(key, events.Paste) or key.is_printable or key.key in ("backspace", "delete")

    async def _until_keys_can_go(self) -> None:
        """The one place that says when the next key may go (see the module's docstring)."""
        began = monotonic()
        settled_rounds = 0
        while monotonic() - began < KEY_WAIT_MOST:
            work = self._key_work()
            for worker in work:
                with contextlib.suppress(WorkerCancelled, WorkerFailed):  # superseded, or said by its screen
                    await worker.wait()
                await _handled_by(worker.node)  # its result is shown (or its error said)
            screen = self.screen
            await _handled_by(self, *screen.walk_children(with_self=True))
            # Twice over with nothing started and the same screen on top: what one message
            # handler queued for another (a dialog's answer, a focus) has been handled too.
            settled = not work and not self._key_work() and self.screen is screen and screen.is_mounted
            settled_rounds = settled_rounds + 1 if settled else 0
            if settled_rounds >= 2:
                return
        self.log.warning("a key waited", KEY_WAIT_MOST, "s for the app to settle; letting it go")
