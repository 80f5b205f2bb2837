"""Keys handled one at a time, each on the screen it was typed for, however fast they come.

Textual routes each key to the focused widget's queue as it arrives; the widget handles it in
its own task, and a key it does not take bubbles back up to the app, whose bindings act on it
there. So at typing speed every key is routed before the one before it has done anything: the
letters typed after ``r`` went to the list, not to the rating dialog ``r`` was about to open
(and were lost), and a screen just pushed had no focused widget for them yet.

Here a key is routed only when the key before it has finished its whole journey (taken by a
widget, or bubbled back to the app and acted on), the top screen is mounted with its focus set,
and no dialog on top is saving (``busy``). The journey is followed with callbacks queued behind
the key in each queue it passes through, so they run just after the key has been handled there.
A key the focused widget takes (a letter in a text field) is followed up the same way, so it
costs a hop or two: Textual does not say publicly whether a key was stopped.
"""

from __future__ import annotations

import asyncio
from collections import deque

from textual import events
from textual.app import App
from textual.dom import DOMNode

# A key whose journey cannot be followed to its end (its widget was removed on the way) lets
# the next one go after this long; how often a key waiting for its screen looks again.
KEY_JOURNEY_MOST, SCREEN_WAIT_STEP, SCREEN_WAIT_MOST = 1.0, 0.004, 5.0


class KeysInOrder(App):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._keys_waiting: deque[events.Key] = deque()
        self._key_on_its_way: events.Key | None = None

    @property
    def keys_on_their_way(self) -> bool:
        """Whether a key is still being handled, or waiting its turn."""
        return self._key_on_its_way is not None or bool(self._keys_waiting)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._keys_waiting.append(event)
            await self._route_waiting_keys()
            return
        await super().on_event(event)

    async def _route_waiting_keys(self) -> None:
        while self._keys_waiting and self._key_on_its_way is None:
            await self._until_the_screen_can_take_keys()
            key = self._keys_waiting.popleft()
            self._key_on_its_way = key
            target = self.focused or self.screen
            await super().on_event(key)  # priority bindings act here; otherwise it is forwarded
            if key.is_forwarded:
                self.set_timer(KEY_JOURNEY_MOST, lambda key=key: self._key_arrived(key))
                target.call_later(self._key_handled_at, key, target)
            else:
                self._key_on_its_way = None

    def _key_handled_at(self, key: events.Key, node: DOMNode) -> None:
        """Runs in ``node``'s queue just after it handled ``key``. The key has bubbled on to the
        parent, or stopped here: either way, look again behind it in the parent's queue (a
        stopped key costs a hop or two more), up to the app, where its bindings act."""
        parent = node.parent
        if parent is None or parent is self:
            self.call_later(self._key_arrived, key)  # behind the key, if it bubbled to the app
        else:
            parent.call_later(self._key_handled_at, key, parent)

    async def _key_arrived(self, key: events.Key) -> None:
        if self._key_on_its_way is key:
            self._key_on_its_way = None
            await self._route_waiting_keys()

    async def _until_the_screen_can_take_keys(self) -> None:
        waited = 0.0
        while waited < SCREEN_WAIT_MOST:
            screen = self.screen
            if screen.is_mounted and not getattr(screen, "busy", False) and \
                    not getattr(self, "first_frame_pending", False):  # keys wait for the data
                return
            await asyncio.sleep(SCREEN_WAIT_STEP)
            waited += SCREEN_WAIT_STEP
