"""Helpers for driving the real app with Pilot and reading what is on screen."""

from __future__ import annotations

import contextlib
import html
import re
from pathlib import Path

from boardtui.app.run import load_app
from boardtui.config import Config

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="[\d.]+" textLength="[\d.]+" clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>')


def make_app(path: Path, **settings):
    return load_app(path, Config(**settings))


async def settle(pilot) -> None:
    """Wait until every key has been handled, every worker has finished (including those a
    paint started, such as a page read when rows come into view) and the screen has caught up."""
    from textual.worker import WorkerCancelled, WorkerFailed

    app = pilot.app
    for _ in range(50):
        await pilot.pause()
        with contextlib.suppress(WorkerFailed, WorkerCancelled):  # the app says why itself; a cancelled read was superseded
            await app.workers.wait_for_complete()
        await pilot.pause()
        if not _busy(app):
            await pilot.pause()  # and once more: a paint after the last pause may start a worker
            if not _busy(app):
                return


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
_KEY_NAMES = {" ": "space", ".": "full_stop", ",": "comma", "/": "slash", "-": "minus", "[": "left_square_bracket",
              "]": "right_square_bracket", "?": "question_mark", "'": "apostrophe", ":": "colon"}


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
