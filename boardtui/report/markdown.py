"""The document as Markdown that any CommonMark reader shows as written: data escaped as literal
text, never read as syntax."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TextIO

from boardtui.report.blocks import Bullets, Defs, Group, Heading, Inline, Para, Table
from boardtui.text import one_line

# What Markdown (CommonMark, GitHub's and pandoc's) reads as syntax inside a line: backslash,
# code, emphasis, links and images, table cells, strikethrough, maths; < before a tag or an
# autolink; & before an entity; _ only where it can open or close emphasis (not in snake_case).
_MD_INLINE = re.compile(r"[\\`*\[\]|~$]|<(?=[A-Za-z/!?])|&(?=#?[A-Za-z0-9]+;)|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")
# At the start of a block: headings, quotes, list items, thematic breaks, setext underlines.
_MD_BLOCK_START = re.compile(r"^(?:[-+#>=]|(\d{1,9})(?=[.)]))")


def md_text(value: str, *, starts_block: bool = False) -> str:
    """Text as literal Markdown: only what Markdown would read as syntax is escaped."""
    out = _MD_INLINE.sub(lambda m: "\\" + m.group(0), value)
    if starts_block:
        out = _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" if m.group(1) else "\\" + m.group(0), out, count=1)
    return out


def md(value: object) -> str:
    """Data as literal Markdown text (one line)."""
    return md_text(one_line(value))


def _md_inline(inline: Inline, *, starts_block: bool = False) -> str:
    out: list[str] = []
    for span in inline:
        if span.kind == "svg":
            continue
        escaped = md_text(span.text, starts_block=starts_block and not out)
        strong = span.kind in ("strong", "brag") and escaped.strip()
        out.append(f"**{escaped}**" if strong else escaped)
    return "".join(out).strip()


def _md_blocks(blocks: list) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + _md_inline(block.content), ""]
        elif isinstance(block, Para):
            line = _md_inline(block.content, starts_block=True)
            lines += [f"*{line}*" if block.cls == "public-note" else line, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {_md_inline(item, starts_block=True)}" for item in block.items] + [""]
        elif isinstance(block, Defs):
            lines += [f"- {_md_inline(term, starts_block=True)}: {_md_inline(value)}" for term, value in block.pairs]
            lines.append("")
        elif isinstance(block, Table):
            lines += ["| " + " | ".join(_md_inline(h) for h in block.header) + " |", "|" + "---|" * len(block.header)]
            lines += ["| " + " | ".join(_md_inline(c.content) or " " for c in row) + " |" for row in block.rows]
            lines.append("")
        elif isinstance(block, Group):
            lines += _md_blocks(block.blocks)
    return lines


def write_markdown(blocks: Iterable, out: TextIO) -> None:
    """The document as Markdown, written block by block (the last block's blank line left off)."""
    held = ""  # the blank lines after a block, written only if another block follows
    for block in blocks:
        lines = _md_blocks([block])
        if not lines:
            continue
        text_out = "\n".join(lines)
        body = text_out.rstrip("\n")
        if not body:  # nothing but blank lines: they count only if something follows
            held += text_out + "\n"
            continue
        out.write(held + body)
        held = text_out[len(body) :] + "\n"
    out.write("\n")
