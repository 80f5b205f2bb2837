"""Key to frame in the real app, driven by Pilot, with each screen's DuckDB query alone as its
floor, timed in the same process; then this process's peak memory. Prints one JSON object.

  python benchmarks/keys.py PACK --runs 5

A key's time runs from the key press until every worker it started has finished and the screen
has refreshed (Pilot's pause), with no sleeps. Pilot's own waits cost the same for any key, so
an unbound key ("noop") is timed the same way and run.py reports each key net of it. Run by benchmarks/run.py, one process per pack.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import time
from pathlib import Path

from boardtui.app.run import load_app
from boardtui.config import Config

SEARCH_WORD = "waiting"


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def timed(pilot, *keys: str) -> float:
    start = time.perf_counter()
    await pilot.press(*keys)
    await settle(pilot)
    return time.perf_counter() - start


def query_time(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


async def measure(pack: Path, runs: int) -> dict:
    app = load_app(pack, Config())
    keys: dict[str, list[float]] = {k: [] for k in ("noop", "enter", "escape", "next_meeting", "search", "exceptions",
                                                    "matrix")}
    floors: dict[str, list[float]] = {k: [] for k in keys}
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        views = app.views
        meetings = app.meetings
        latest, previous = meetings[-1], meetings[-2]
        weakness = app.screen.query_one("BoardTable").selected_key
        for _ in range(runs):
            # Pilot's own cost: a key bound to nothing, pressed and settled the same way.
            keys["noop"].append(await timed(pilot, "z"))
            floors["noop"].append(0.0)
            keys["enter"].append(await timed(pilot, "enter"))
            floors["enter"].append(query_time(lambda: views.actions(weakness, latest.id)))
            keys["escape"].append(await timed(pilot, "escape"))
            floors["escape"].append(query_time(lambda: views.dashboard(latest.id)))
            await pilot.press("left_square_bracket")
            await settle(pilot)
            keys["next_meeting"].append(await timed(pilot, "right_square_bracket"))
            floors["next_meeting"].append(query_time(lambda: views.dashboard(latest.id)))
            await pilot.press("slash", *SEARCH_WORD[:-1])
            await settle(pilot)
            keys["search"].append(await timed(pilot, SEARCH_WORD[-1]))
            floors["search"].append(query_time(lambda: views.search(SEARCH_WORD)))
            await pilot.press("escape")
            await settle(pilot)
            keys["exceptions"].append(await timed(pilot, "x"))
            floors["exceptions"].append(query_time(lambda: views.exceptions(latest.id)))
            await pilot.press("escape")
            await settle(pilot)
            keys["matrix"].append(await timed(pilot, "m"))
            floors["matrix"].append(query_time(views.matrix))
            await pilot.press("escape")
            await settle(pilot)
        assert previous.id != latest.id
    app.close_pack()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: kilobytes
    return {"keys": keys, "floors": floors, "peak_rss_mb": peak_kb / 1024}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("pack", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.pack, args.runs))))


if __name__ == "__main__":
    main()
