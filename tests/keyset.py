"""Every key a person can press in the app, for the random-key runs (tests/test_fuzz.py and
benchmarks/fuzz.py): every binding's keys, the letters and words typed into dialogs, and the
keys that move around. Quit is left out (it ends the run) except during a meeting, where it asks."""

from __future__ import annotations

from boardtui.app.keys import ACTIONS_BINDINGS, AGENDA_BINDINGS, APP_BINDINGS, BACK


def bound_keys() -> list[str]:
    keys: set[str] = set()
    for binding in (*APP_BINDINGS, BACK, *ACTIONS_BINDINGS, *AGENDA_BINDINGS):
        keys.update(k.strip() for k in binding.key.split(","))
    keys.discard("q")
    return sorted(keys)


MOVES = [
    "up",
    "down",
    "left",
    "right",
    "pageup",
    "pagedown",
    "home",
    "end",
    "tab",
    "shift+tab",
    "enter",
    "escape",
    "j",
    "k",
]
DIALOG_KEYS = [
    "B",
    "R",
    "A",
    "G",
    "b",
    "y",
    "n",
    "x",
    "p",
    "delete",
    "ctrl+s",
    "ctrl+p",
    "ctrl+y",
    "U",
    "o",
    "w",
    "space",
    "1",
    "2",
    "W",
]


def every_key() -> list[str]:
    return sorted(set(bound_keys()) | set(MOVES) | set(DIALOG_KEYS))
