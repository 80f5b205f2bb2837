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


# Terminal bytes for Textual's key names (the rest are the character itself).
BYTES = {
    "up": "\x1b[A",
    "down": "\x1b[B",
    "right": "\x1b[C",
    "left": "\x1b[D",
    "home": "\x1b[H",
    "end": "\x1b[F",
    "pageup": "\x1b[5~",
    "pagedown": "\x1b[6~",
    "tab": "\t",
    "shift+tab": "\x1b[Z",
    "enter": "\r",
    "escape": "\x1b",
    "space": " ",
    "delete": "\x1b[3~",
    "backspace": "\x7f",
    "full_stop": ".",
    "comma": ",",
    "slash": "/",
    "question_mark": "?",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "asterisk": "*",
    "f1": "\x1bOP",
}


def key_bytes(key: str) -> str:
    if key in BYTES:
        return BYTES[key]
    if key.startswith("ctrl+") and len(key) == 6:
        return chr(ord(key[-1]) - 96)
    return key
