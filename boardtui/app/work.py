"""Work done off the UI thread, and its outcome handed back to the node that asked for it.

``in_thread`` runs a function in a Textual thread worker and hands what it returns to ``then``, or
what it raised to ``failed``, on the UI thread: callbacks the type checker matches to the work, so
no outcome is told apart by the worker's group name or read off ``Worker.StateChanged``. Where
anything in the app may want to hear of an outcome (a change recorded, an update saved), the
worker posts a typed Message instead (recording.py); ``in_thread`` is for the answer to one
node's question.

The outcome goes through the asking node's own message queue (``call_later`` posts a message, and
Textual's ``post_message`` is thread-safe), posted from inside the worker's function before it
returns: it is queued before the worker counts as finished. The key gate (key_gate.py) waits for a
worker to finish and then for its node to handle what is queued, so the next key typed goes only
once the outcome has been handled. An outcome reaches a node still there (a closed dialog hears
nothing) and is dropped if its worker was cancelled meanwhile (an exclusive group's later worker
took over, or the screen read again).

Worker groups are kept for what they do: ``exclusive=True`` cancels the group's earlier workers,
and the key gate waits for every worker outside BACKGROUND (and, for a character typed into a
field, outside AS_TYPED). Their names are the constants below; a worker with no group of use
says what it is by its name.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from textual.worker import Worker, get_current_worker

if TYPE_CHECKING:
    from textual.dom import DOMNode

T = TypeVar("T")

# Work whose outcome no later key depends on: the key gate never holds a key for it.
READ_AHEAD = "read-ahead"  # the dashboard reading what the next key may show (a screen reads it anyway)
PAGES = "page"  # pages of a national list, read as their rows come into view
OPEN = "open"  # this process's own connection, opened after the first frame (a save waits for it)
SOUND = "sound"  # the soundness check before the first write (the write waits for it)
RETURNS_COUNT = "returns-count"  # the header's count of returns waiting (exclusive: the latest count)
EXPORT = "export"  # files written in the background; their notice comes when done
REPORT = "report"
KEYS = "keys"  # the key gate itself
BACKGROUND = frozenset({READ_AHEAD, PAGES, OPEN, SOUND, RETURNS_COUNT, EXPORT, REPORT, KEYS})

# Results for the text typed so far: the next character typed starts them again (key_gate.AS_TYPED).
PALETTE = "palette"
SEARCH_RESULTS = "search-results"
AS_TYPED = frozenset({PALETTE, SEARCH_RESULTS})

# Exclusive groups the key gate waits for.
LOAD = "load"  # a screen's read of what it shows: a new read cancels the last (DataScreen.READ_GROUP)
SAVE = "save"  # a dialog's save: a second Ctrl+S cancels the first one's outcome
# The first frame painted from frame_cache, read again from the pack once it is open: keys wait.
FRAME_CHECK = "frame-check"


def in_thread(
    node: DOMNode,
    work: Callable[[], T],
    then: Callable[[T], object] | None = None,
    failed: Callable[[Exception], object] | None = None,
    *,
    name: str,
    group: str = "default",
    exclusive: bool = False,
) -> Worker[None]:
    """Run ``work`` in a thread worker of ``node``; then, on the UI thread, ``then(result)`` or
    ``failed(error)``: plain functions (what they return is not awaited). Without ``then`` the
    work says what it did itself (it posts a typed Message); without ``failed`` an error is only
    the worker's, which Textual logs: for work whose failure costs nothing but what it would show."""

    def run() -> None:
        worker = get_current_worker()
        try:
            result = work()
        except Exception as error:
            if failed is None:
                raise
            node.call_later(_unless_cancelled, worker, partial(failed, error))
            return
        if then is not None:
            node.call_later(_unless_cancelled, worker, partial(then, result))

    return node.run_worker(run, name=name, group=group, exclusive=exclusive, thread=True, exit_on_error=False)


def _unless_cancelled(worker: Worker[None], outcome: Callable[[], object]) -> None:
    # Checked on the UI thread, where cancelling happens: once cancelled, never handed on.
    if not worker.is_cancelled:
        outcome()  # not awaited: a dialog's dismiss awaited in its own handler would wait for itself
