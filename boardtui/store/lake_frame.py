"""A lake's own first frame (LAKE/_index/first_frame.json): what the app paints first on opening
the lake, written by ``lake add`` as it finishes, so that a start on any machine paints at once.

The app's kept frame (app/frame_cache.py) serves only the machine and the files it was read
from; a lake is built once and copied to many (a region's advisers each have it). Opening a lake
nobody has opened on this machine took 1.6-1.8x an empty Textual app at 150-1,000 boards, nearly
all of it DuckDB's import, the lake's views and the first reads (README Performance).

The frame is bound to the lake's content, not to its files' dates: it names the length and two
checksums of ``_lake.json``, which every add rewrites and which names each board's snapshot (by
its id and the time it was exported; ``lake add`` checked its files' SHA-256 against it). It is plain JSON, read strictly: every value is checked against the row
classes' own field types, and anything else means the frame is not used. Like a kept frame it is
a preview: the app opens the lake straight after the first paint and reads its first frame again
before any key acts (PackLink._read_kept_frame_again).
"""

from __future__ import annotations

import datetime as dt
import json
import types
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardtui import __version__
from boardtui.store.rows import Board, Meeting, RagDefinition, WeaknessRow

if TYPE_CHECKING:
    from boardtui.store.views import FirstFrame

NAME = "first_frame.json"
FORMAT = "boardtui-lake-first-frame"
# A frame larger than this is not read (1,000 boards' is about 60 KB: one page of the dashboard).
MOST_BYTES = 8 << 20
# The lake's own record, which every add rewrites (lake.py: CATALOG).
_BOUND_TO = ("_lake.json",)
_MOST_RECORD_BYTES = 64 << 20


class NotAFrame(ValueError):
    """The file is not a first frame this boardtui wrote for the lake as it is now."""


def path_in(lake: Path) -> Path:
    return Path(lake) / "_index" / NAME


def tag(lake: Path) -> list[list[int]]:
    """The lake's content as the frame is bound to it: each record's length and checksums."""
    found = []
    for name in _BOUND_TO:
        with open(Path(lake) / name, "rb") as record:
            data = record.read(_MOST_RECORD_BYTES + 1)
        if len(data) > _MOST_RECORD_BYTES:
            raise NotAFrame(f"{name} is larger than a lake's record")
        found.append([len(data), zlib.crc32(data), zlib.adler32(data)])
    return found


def _row(row: tuple[Any, ...]) -> list[Any]:
    return [v.isoformat() if isinstance(v, dt.date) else v for v in row]


def dumps(frame: FirstFrame, lake_tag: list[list[int]]) -> str:
    return json.dumps(
        {
            "format": FORMAT,
            "boardtui": __version__,
            "lake": lake_tag,
            "board": _row(frame.board),
            "meetings": [_row(m) for m in frame.meetings],
            "definitions": [_row(d) for d in frame.definitions],
            "weakness_codes": list(frame.weakness_names),
            "weakness_names": list(frame.weakness_names.values()),
            "dashboard": [_row(w) for w in frame.dashboard],
            "banner": frame.banner,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _value(kind: Any, value: Any) -> Any:
    """``value`` as a field of type ``kind`` (a row class's annotation), or NotAFrame."""
    if isinstance(kind, types.UnionType):  # only ``X | None`` occurs in these rows
        if value is None:
            return None
        (kind,) = [k for k in kind.__args__ if k is not type(None)]
    if kind is dt.date and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise NotAFrame(f"{value!r} is not a date") from None
    if type(value) is kind and kind in (str, bool, int):  # bool is an int, but not here
        return value
    raise NotAFrame(f"{value!r} is not a {getattr(kind, '__name__', kind)}")


def _rows(cls: Any, found: Any) -> list[Any]:
    if not isinstance(found, list):
        raise NotAFrame(f"{cls.__name__} rows are not a list")
    kinds = list(cls.__annotations__.values())
    built = []
    for row in found:
        if not isinstance(row, list) or len(row) != len(kinds):
            raise NotAFrame(f"a {cls.__name__} row has not {len(kinds)} fields")
        built.append(cls(*(_value(k, v) for k, v in zip(kinds, row, strict=True))))
    return built


def loads(text: str | bytes, lake_tag: list[list[int]]) -> FirstFrame:
    """The frame in ``text``, if it was written by this boardtui for the lake whose tag is
    ``lake_tag``; else NotAFrame."""
    from boardtui.store.views import FirstFrame

    try:
        found = json.loads(text)
    except (ValueError, RecursionError):
        raise NotAFrame("not JSON") from None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise NotAFrame("not a lake's first frame")
    if found.get("boardtui") != __version__ or found.get("lake") != lake_tag:
        raise NotAFrame("written by other code, or for the lake as it was")
    codes, names = found.get("weakness_codes"), found.get("weakness_names")
    # Two lists of text (13,000 each at 1,000 boards): checked by their values' types at once.
    if not (isinstance(codes, list) and isinstance(names, list) and len(codes) == len(names)):
        raise NotAFrame("the weaknesses' codes and names are not two lists of one length")
    if not set(map(type, codes)) | set(map(type, names)) <= {str}:
        raise NotAFrame("a weakness's code or name is not text")
    banner = found.get("banner")
    if banner is not None and type(banner) is not str:
        raise NotAFrame("the banner is not text")
    (board,) = _rows(Board, [found.get("board")])
    return FirstFrame(
        board=board,
        meetings=_rows(Meeting, found.get("meetings")),
        definitions=_rows(RagDefinition, found.get("definitions")),
        weakness_names=dict(zip(codes, names, strict=True)),
        dashboard=_rows(WeaknessRow, found.get("dashboard")),
        banner=banner,
    )


def read(lake: Path) -> FirstFrame | None:
    """The lake's own first frame, if it has one for the lake as it is now."""
    try:
        with open(path_in(lake), "rb") as kept:
            data = kept.read(MOST_BYTES + 1)
        if len(data) > MOST_BYTES:
            return None
        return loads(data, tag(lake))
    except (OSError, NotAFrame):
        return None
