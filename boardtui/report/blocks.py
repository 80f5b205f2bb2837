"""The document both formats render: blocks (headings, paragraphs, lists, tables, groups) of
inline spans, in reading order. A table's rows may be a stream, read once by the renderer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from boardtui.text import clean, one_line


@dataclass
class Span:
    """A run of inline text. kind: text (from the pack or our wording), strong, brag (a
    rating's letter, in its colour), id (an action or weakness id: never wraps, never expanded),
    abbr (a glossary term; title spells it out), svg (HTML only: markup we made, not text)."""

    text: str
    kind: str = "text"  # or strong, brag (a rating's letter), id, abbr, svg
    title: str = ""


Inline = list[Span]


@dataclass
class Cell:
    content: Inline
    kind: str = ""  # brag, id, date, direction, overdue, row (a row header)
    brag: str = ""
    title: str = ""  # a rating's name, shown on hover


@dataclass
class Heading:
    level: int
    content: Inline


@dataclass
class Para:
    content: Inline
    cls: str = ""


@dataclass
class Bullets:
    items: list[Inline]


@dataclass
class Defs:
    pairs: list[tuple[Inline, Inline]]
    cls: str = ""


@dataclass
class Table:
    caption: Inline
    header: list[Inline]
    rows: Iterable[list[Cell]]  # a list, or a stream of rows (a national pack's matrix) read once
    cls: str = ""


@dataclass
class Group:
    """Blocks that belong together: an HTML section. ``keep``: printed on one page if it fits
    (a heading with a short table), so the heading never sits alone at a page foot."""

    blocks: list
    cls: str = ""
    keep: bool = False


def text(value: object) -> Inline:
    """Text as one line (see one_line), keeping one space at either end where it had one, so
    runs of text join as written."""
    raw = clean(value)
    line = one_line(raw)
    if line and raw[:1].isspace():
        line = " " + line
    if line and raw[-1:].isspace():
        line += " "
    return [Span(line)]


def id_span(value: object) -> Span:
    """An action's or weakness's id: never wraps, never spelled out."""
    return Span(one_line(value), "id")
