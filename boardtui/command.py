"""How a person runs boardtui, as a command a message can give them to type.

A message that says "run …" must give a command that works where the person is. An officer who
installed from the offline kit has no ``boardtui`` on PATH: they run the kit's launcher
(``boardtui.cmd`` on Windows, ``boardtui`` elsewhere), which says where it is in
``BOARDTUI_COMMAND``. Otherwise: ``boardtui`` when that is this very install on PATH, else this
install's own script by its full path, else ``python -m boardtui`` with this Python's full path.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

ENV = "BOARDTUI_COMMAND"  # set by the kit's launchers to their own full path
# Characters that make cmd.exe split or read a word: such a word goes in double quotes there.
_CMD_SPECIAL = set(" \t&()[]{}^=;!'+,`~<>|")


def quote(word: str | Path) -> str:
    """A word as the person's shell needs it typed: double quotes for cmd.exe, else POSIX quoting."""
    text = str(word)
    if os.name == "nt":
        return f'"{text}"' if not text or _CMD_SPECIAL & set(text) else text
    return shlex.quote(text)


def program() -> str:
    """The command that runs boardtui here, quoted for typing."""
    given = os.environ.get(ENV, "").strip()
    if given:
        return quote(given)
    script = Path(sys.executable).parent / ("boardtui.exe" if os.name == "nt" else "boardtui")
    if script.is_file():
        found = shutil.which("boardtui")
        if found and Path(found).resolve() == script.resolve():
            return "boardtui"
        return quote(script)
    return f"{quote(sys.executable)} -m boardtui"


def command_line(*words: str | Path) -> str:
    """``boardtui WORDS…`` as the person types it here: 'run: <this>'."""
    return " ".join([program(), *(quote(w) for w in words)])
