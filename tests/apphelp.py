"""Helpers for driving the real app with Pilot and reading what is on screen."""

from __future__ import annotations

import asyncio
import html
import re
import time
from pathlib import Path

from boardtui.app.run import load_app
from boardtui.config import Config

_TEXT = re.compile(
    r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>'
)


def make_app(path: Path, **settings):
    return load_app(path, Config(**settings))


SETTLE_ROUNDS = 50  # a round: pause, wait for every worker, pause, look
SETTLE_SECONDS = 120.0  # far beyond any settle on a loaded machine; a stuck worker would hang


async def settle(pilot, seconds: float = SETTLE_SECONDS) -> None:
    """Wait until every key has been handled, every worker has finished (including those a
    paint started, such as a page read when rows come into view) and the screen has caught up.
    Raises if that has not happened in SETTLE_ROUNDS rounds or ``seconds``: a test must never go
    on to assert against an app still working (it would pass or fail by luck)."""
    from textual.worker import WorkerCancelled, WorkerFailed

    app = pilot.app
    deadline = time.monotonic() + seconds
    for _ in range(SETTLE_ROUNDS):
        await pilot.pause()
        try:
            # Shielded: a wait given up must not cancel the app's workers along with it.
            await asyncio.wait_for(
                asyncio.shield(app.workers.wait_for_complete()), max(0.0, deadline - time.monotonic())
            )
        except (WorkerFailed, WorkerCancelled):  # the app says why itself; a cancelled read was superseded
            pass
        except asyncio.TimeoutError:
            break
        await pilot.pause()
        if not _busy(app):
            await pilot.pause()  # and once more: a paint after the last pause may start a worker
            if not _busy(app):
                return
    busy = [f"{worker.group}/{worker.name} {worker.state.name}" for worker in app.workers if not worker.is_finished]
    raise AssertionError(
        f"the app did not settle (in {SETTLE_ROUNDS} rounds or {seconds:g} s): workers still "
        f"running {busy or 'none'}, keys waiting {app.keys_waiting}, "
        f"screen {type(app.screen).__name__}"
    )


async def wait_until(pilot, condition, what: str, seconds: float = 30.0) -> None:
    """Wait, a pause at a time, until ``condition()`` is true (a timer the app set, a worker it
    started); raise saying what never happened rather than go on after a guessed delay."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:g} s, and still not: {what}")
        await pilot.pause()


def _busy(app) -> bool:
    return any(not worker.is_finished for worker in app.workers) or app.keys_waiting


def screen_lines(app) -> list[str]:
    """The characters on screen, line by line, read back from Textual's own screenshot."""
    svg = app.export_screenshot()
    width = app.size.width
    lines = [[" "] * width for _ in range(app.size.height)]
    cell = None
    found = _TEXT.findall(svg)
    xs = sorted({float(x) for x, _, _ in found})
    # The narrowest gap between segment starts is at least one cell; use the SVG's cell width.
    match = re.search(r'textLength="([\d.]+)"[^>]*>([^<]+)</text>', svg)
    if match:
        cell = float(match.group(1)) / max(1, len(html.unescape(match.group(2))))
    cell = cell or 12.2
    for x, line, text in found:
        text = html.unescape(text).replace("\xa0", " ")
        col = round((float(x) - xs[0] + 0.0) / cell) if xs else 0
        row = lines[int(line)]
        for i, ch in enumerate(text):
            if 0 <= col + i < width:
                row[col + i] = ch
    return ["".join(r).rstrip() for r in lines]


def screen_text(app) -> str:
    return "\n".join(screen_lines(app))


def notices(app) -> str:
    """Every notification the app is showing, one per line (toasts may not be painted yet)."""
    return "\n".join(str(n.message) for n in app._notifications)


def app_query(app, sql: str, *params):
    """Read the file through the app's own connection (DuckDB allows one per file per process)."""
    cur = app.views.opened_store().cursor()
    try:
        return cur.execute(sql, list(params)).fetchall()
    finally:
        cur.close()


# Key names for the characters tests type (Textual names punctuation keys by their names).
_KEY_NAMES = {
    " ": "space",
    ".": "full_stop",
    ",": "comma",
    "/": "slash",
    "-": "minus",
    "[": "left_square_bracket",
    "]": "right_square_bracket",
    "?": "question_mark",
    "'": "apostrophe",
    ":": "colon",
}


def key_event(key: str):
    """The Key event a terminal's driver hands the app for a key name or a typed character."""
    from textual import events

    if len(key) == 1:
        return events.Key(_KEY_NAMES.get(key, key), key)
    return events.Key(key, "\r" if key == "enter" else None)


def type_at_once(app, *keys: str) -> None:
    """Hand every key to the app at once, before it has handled the first: what a terminal does
    when typing outruns the app (Pilot.press waits after each key, as nobody types)."""
    for key in keys:
        app.post_message(key_event(key))
