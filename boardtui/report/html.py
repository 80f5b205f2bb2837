"""The document as one self-contained HTML file (no script, no network): print CSS for A4, the
ratings in their colours with their letters, every text from the pack escaped."""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import TextIO

from boardtui.report.blocks import Bullets, Cell, Defs, Group, Heading, Inline, Para, Table
from boardtui.report.words import BRAG_LETTERS
from boardtui.text import clean


def h(value: object) -> str:
    """Data as literal HTML text."""
    return html.escape(clean(value), quote=True)


CSS = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #111; line-height: 1.4; }
h1 { font-size: 1.6rem; } h2 { border-bottom: 2px solid #444; margin-top: 2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding: 0.2rem 0; }
th, td { border: 1px solid #999; padding: 0.2rem 0.4rem; text-align: left; vertical-align: top; }
th { background: #eee; }
.id, .date, .brag, .direction, .overdue { white-space: nowrap; }
.brag { font-weight: bold; text-align: center; }
table.matrix .brag { width: 2.5em; }
span.brag { display: inline-block; min-width: 1.4em; padding: 0 0.2em; }
table.actions caption { font-size: 1.05rem; padding-top: 0.6rem; }
table.actions th:nth-child(2) { width: 22%; } table.actions th:last-child { width: 28%; }
.B { background: #1f5fbf; color: #fff; } .R { background: #b3261e; color: #fff; }
.A { background: #f2a900; color: #000; } .G { background: #2e7d32; color: #fff; }
.overdue { color: #b3261e; font-weight: bold; }
.public-note { border: 2px solid #444; padding: 0.5rem; }
dl.key, dl.glossary { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1rem; }
dl.key dd, dl.glossary dd { margin: 0; }
abbr { text-decoration: none; }
svg.trend { vertical-align: middle; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { margin: 0; font-size: 10pt; }
  h2 { margin-top: 1.2rem; }
  table { font-size: 9pt; }
  thead { display: table-header-group; }
  h1, h2, h3, h4, caption, thead { break-after: avoid; page-break-after: avoid; }
  tbody tr:first-child { break-before: avoid; page-break-before: avoid; }
  tr, th, td, li, dt, dd, p { break-inside: avoid; page-break-inside: avoid; }
  .keep { break-inside: avoid; page-break-inside: avoid; }
  .B, .R, .A, .G { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


def _html_inline(inline: Inline) -> str:
    out = []
    for span in inline:
        if span.kind == "svg":
            out.append(span.text)  # markup made by sparkline, its text escaped there
        elif span.kind == "strong":
            out.append(f"<strong>{h(span.text)}</strong>")
        elif span.kind == "brag":
            cls = f"brag {span.text}" if span.text in BRAG_LETTERS else "brag"
            out.append(f'<span class="{cls}">{h(span.text)}</span>')
        elif span.kind == "id":
            out.append(f'<span class="id">{h(span.text)}</span>')
        elif span.kind == "abbr":
            out.append(f'<abbr title="{h(span.title)}">{h(span.text)}</abbr>')
        else:
            out.append(h(span.text))
    return "".join(out).strip()


def _html_cell(cell: Cell) -> str:
    classes = {"brag": f"brag {cell.brag}" if cell.brag in BRAG_LETTERS else "brag"}.get(cell.kind, cell.kind)
    attrs = (f' class="{classes}"' if classes else "") + (f' title="{h(cell.title)}"' if cell.title else "")
    content = _html_inline(cell.content)
    if cell.kind == "id":
        content = h("".join(s.text for s in cell.content))  # the class is on the cell
    if cell.kind == "row":
        return f'<th scope="row"{attrs}>{content}</th>'
    return f"<td{attrs}>{content}</td>"


def _html_blocks(blocks: list) -> str:
    parts = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{_html_inline(block.content)}</h{block.level}>")
        elif isinstance(block, Para):
            cls = f' class="{block.cls}"' if block.cls else ""
            parts.append(f"<p{cls}>{_html_inline(block.content)}</p>")
        elif isinstance(block, Bullets):
            parts.append("<ul>" + "".join(f"<li>{_html_inline(item)}</li>" for item in block.items) + "</ul>")
        elif isinstance(block, Defs):
            cls = f' class="{block.cls}"' if block.cls else ""
            parts.append(
                f"<dl{cls}>"
                + "".join(f"<dt>{_html_inline(t)}</dt><dd>{_html_inline(v)}</dd>" for t, v in block.pairs)
                + "</dl>"
            )
        elif isinstance(block, Table):
            cls = f' class="{block.cls}"' if block.cls else ""
            head = "".join(f'<th scope="col">{_html_inline(c)}</th>' for c in block.header)
            body = "".join(["<tr>" + "".join(_html_cell(c) for c in row) + "</tr>" for row in block.rows])
            parts.append(
                f"<table{cls}><caption>{_html_inline(block.caption)}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
            )
        elif isinstance(block, Group):
            classes = " ".join(c for c in (block.cls, "keep" if block.keep else "") if c)
            cls = f' class="{classes}"' if classes else ""
            parts.append(f"<section{cls}>{_html_blocks(block.blocks)}</section>")
    return "".join(parts)


def write_html(title: str, blocks: Iterable, out: TextIO) -> None:
    """The document as one self-contained HTML file, written block by block."""
    out.write(
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{h(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>'
        "<body><main>"
    )
    for block in blocks:
        out.write(_html_blocks([block]))
    out.write("</main></body></html>\n")
