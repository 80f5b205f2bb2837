"""Where queries/ and data/ are: inside the wheel, or at the checkout's root."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(installed: str, checkout: str) -> Path:
    # A wheel carries them as boardtui/_queries and boardtui/_data (see
    # pyproject.toml); a source checkout or editable install has them beside the package.
    for candidate in (_PACKAGE / installed, _PACKAGE.parent / checkout):
        if candidate.is_dir():
            return candidate
    raise RuntimeError(f"boardtui is installed without its {checkout}/ folder; reinstall it")


@cache
def queries_dir() -> Path:
    return _find("_queries", "queries")


@cache
def data_dir() -> Path:
    return _find("_data", "data")
