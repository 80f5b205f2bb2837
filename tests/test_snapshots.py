"""Snapshots of each screen at the two sizes a secretary meets: a projector and a small laptop.

Update after an intended change with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

import pytest
from apphelp import make_app, settle

# Keys from the dashboard to each screen.
ROUTES = {
    "dashboard": (),
    "actions": ("down",) * 8 + ("enter",),
    "action_detail": ("down",) * 8 + ("enter", "enter"),
    "weakness_detail": ("down",) * 9 + ("enter", "w"),
    "exceptions": ("x",),
    "matrix": ("m",),
    "help": ("question_mark",),
    # Resume the demo's draft meeting (nothing is written) and step to W10.
    "agenda": ("n", "enter") + ("full_stop",) * 9,  # W10 (W04, red and overdue, is item 5)
}


def _run_before(keys):
    async def run_before(pilot) -> None:
        await settle(pilot)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        # A toast lasts seconds of wall time: whether it is still up depends on the machine.
        pilot.app.clear_notifications()
        await settle(pilot)

    return run_before


class TestScreens:
    @pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
    @pytest.mark.parametrize("screen", list(ROUTES))
    def test_screen(self, snap_compare, demo_pack, screen, size):
        app = make_app(demo_pack)
        try:
            assert snap_compare(app, terminal_size=size, run_before=_run_before(ROUTES[screen]))
        finally:
            app.close_pack()
