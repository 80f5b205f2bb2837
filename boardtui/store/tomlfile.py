"""Read TOML with one-sentence errors naming the file and line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from boardtui.errors import BoardError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


def read_toml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BoardError(f"{path} does not exist.") from None
    except UnicodeDecodeError:
        raise BoardError(f"{path} is not UTF-8 text; save it as UTF-8.") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise BoardError(f"{path}: {err}; fix the TOML there.") from None
