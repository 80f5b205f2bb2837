"""Random keys from every binding at machine speed: the app on the demo pack stays alive and
answers. A short run, seeded; benchmarks/fuzz.py runs it for minutes in a real terminal."""

from __future__ import annotations

import asyncio
import random

import pytest
from apphelp import make_app, settle, type_at_once
from keyset import every_key

SEEDS = [11, 2026]
BURSTS, BURST = 30, 12  # 360 keys a run, in bursts typed at once


@pytest.mark.parametrize("seed", SEEDS)
async def test_random_keys_at_machine_speed_leave_the_app_alive_and_answering(demo_pack, seed):
    rng = random.Random(seed)
    keys = every_key()
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(BURSTS):
            type_at_once(app, *(rng.choice(keys) for _ in range(BURST)))
            await asyncio.wait_for(settle(pilot), timeout=30)
            assert app.is_running, f"seed {seed}: the app stopped"
        # Still answering: a callback queued now runs, and Esc after Esc gets back to the board.
        answered = asyncio.Event()
        app.call_later(answered.set)
        await asyncio.wait_for(answered.wait(), timeout=5)
        for _ in range(12):
            await pilot.press("escape")
            if type(app.screen).__name__ == "ConfirmDialog":
                await pilot.press("n")
        await settle(pilot)
        assert type(app.screen).__name__ == "DashboardScreen", type(app.screen).__name__
    app.close_pack()
