"""Key to frame in the real app, driven by Pilot, with each screen's DuckDB query alone as its
floor, timed in the same process; then this process's peak memory. Prints one JSON object.

  python benchmarks/keys.py PACK --runs 5

A key's time runs from handing the key event to the app (as Pilot's press does) until the app
is quiet — every message the key caused handled, every worker it started finished, the same
screen on top — and the screen has painted after that (``wait_for_refresh``). No sleeps:
Pilot's own ``press`` and ``pause`` poll in 20 ms sleeps, which would swamp a 50 ms budget. An
unbound key ("noop") is timed the same way, so what the waiting itself costs is visible.
Run by benchmarks/run.py, one process per pack.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import time
from pathlib import Path

from textual import constants, events
from textual.screen import Screen
from textual.widgets import Static

import boardtui.app  # noqa: F401  first, as in the app: it sets Textual's frame rate
from boardtui.app.run import load_app
from boardtui.app.screens.dashboard import READ_AHEAD_REST
from boardtui.config import Config
from boardtui.store.views import first_page

SEARCH_WORD = "waiting"


class EmptyScreen(Screen):
    def compose(self):
        yield Static()


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


# The characters the keys typed here stand for (Pilot works them out the same way).
CHARACTERS = {"enter": "\r", "escape": "\x1b", "right_square_bracket": "]", "left_square_bracket": "["}


async def quiet_and_painted(pilot) -> None:
    app = pilot.app
    while True:
        screen = app.screen
        await pilot._wait_for_screen()  # messages queued so far, on the app and this screen
        await app.workers.wait_for_complete()
        await pilot._wait_for_screen()  # what the workers posted back
        await screen.wait_for_refresh()
        if app.screen is screen and not any(w.is_running for w in app.workers):
            return


async def timed(pilot, key: str) -> float:
    event = events.Key(key, CHARACTERS.get(key, key))
    event.set_sender(pilot.app)
    start = time.perf_counter()
    pilot.app._driver.send_message(event)
    await quiet_and_painted(pilot)
    return time.perf_counter() - start


def query_time(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


async def rest(pilot) -> None:
    """The user pauses: the dashboard's read-ahead (after READ_AHEAD_REST) runs and finishes."""
    await asyncio.sleep(READ_AHEAD_REST + 0.05)
    await settle(pilot)


async def measure(pack: Path, runs: int) -> dict:
    app = load_app(pack, Config())
    screen_keys = ("enter", "next_meeting", "exceptions", "matrix")
    names = (
        "noop",
        "empty_screen",
        "enter",
        "escape",
        "next_meeting",
        "search",
        "exceptions",
        "matrix",
        *(f"{key}_cold" for key in screen_keys),
    )
    keys: dict[str, list[float]] = {k: [] for k in names}
    floors: dict[str, list[float]] = {k: [] for k in keys}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        views = app.views
        meetings = app.meetings
        latest, previous = meetings[-1], meetings[-2]
        weakness = app.screen.query_one("BoardTable").selected_key

        # Screens over every weakness read their first page before their first frame.
        page = first_page(list(app.weakness_names))
        floor_of = {
            "enter": lambda: views.actions(weakness, latest.id),
            "next_meeting": lambda: views.dashboard(latest.id, page),
            "exceptions": lambda: views.exceptions(latest.id, page),
            "matrix": lambda: views.matrix(page),
        }
        press = {"enter": "enter", "next_meeting": "right_square_bracket", "exceptions": "x", "matrix": "m"}

        def query_alone(key: str) -> float:
            views.forget()  # the floor is DuckDB's own time, never a kept result
            return query_time(floor_of[key])

        async def screen_key(key: str, cold: bool) -> None:
            if key == "next_meeting":
                await pilot.press("left_square_bracket")
            await rest(pilot)
            if cold:
                views.forget()  # nothing read ahead or kept: every read goes to DuckDB
            name = f"{key}_cold" if cold else key
            keys[name].append(await timed(pilot, press[key]))
            floors[name].append(query_alone(key))
            if key != "next_meeting":
                await pilot.press("escape")
            await settle(pilot)

        for _ in range(runs):
            # Pilot's own cost: a key bound to nothing, pressed and settled the same way.
            await rest(pilot)
            keys["noop"].append(await timed(pilot, "z"))
            floors["noop"].append(0.0)
            # Textual's own cost of showing a screen: push one holding a single empty Static.
            start = time.perf_counter()
            app.push_screen(EmptyScreen())
            await quiet_and_painted(pilot)
            keys["empty_screen"].append(time.perf_counter() - start)
            floors["empty_screen"].append(0.0)
            app.pop_screen()
            await rest(pilot)
            keys["enter"].append(await timed(pilot, "enter"))
            floors["enter"].append(query_alone("enter"))
            await rest(pilot)
            keys["escape"].append(await timed(pilot, "escape"))
            floors["escape"].append(query_alone("next_meeting"))  # the dashboard's own read
            await settle(pilot)
            for key in ("next_meeting", "exceptions", "matrix"):
                await screen_key(key, cold=False)
            for key in screen_keys:
                await screen_key(key, cold=True)
            await pilot.press("slash", *SEARCH_WORD[:-1])
            await settle(pilot)
            keys["search"].append(await timed(pilot, SEARCH_WORD[-1]))
            floors["search"].append(query_time(lambda: views.search(SEARCH_WORD)))
            await pilot.press("escape")
            await settle(pilot)
        assert previous.id != latest.id
    app.close_pack()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: kilobytes
    return {"keys": keys, "floors": floors, "peak_rss_mb": peak_kb / 1024, "frames_per_second": constants.MAX_FPS}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pack", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.pack, args.runs))))


if __name__ == "__main__":
    main()
