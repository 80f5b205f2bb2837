"""A corpus of hostile text, and a demo pack with it in every free-text column.

``HOSTILE`` is one list: terminal escapes of every kind (7-bit and 8-bit), other C0 and C1
controls, bidirectional controls, Rich/Textual markup, Markdown and HTML, every kind of line
break, a 10,000-character string and NUL. Each payload that a terminal would act on carries a
marker word (``hostile-…`` or the clipboard text ``SGVsbG8=``): none may ever reach output,
whole or in part. ``controls_in`` finds what must never reach a terminal in raw output bytes.

``write_hostile_pack(source, target)`` copies a pack and puts the corpus into every column
listed in ``FILLED`` (a different string for each row and column) through the queries in
``tests/hostile_queries/`` (test-only, so kept out of queries/ and the wheel), with the corpus
as a bound parameter.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

QUERIES = Path(__file__).resolve().parent / "hostile_queries"

HOSTILE: list[str] = [
    # OSC: window title (0, 2), clipboard (52), hyperlink (8); ended by BEL, by ST, or not at all.
    "\x1b]0;hostile-title-zero\x07Title zero",
    "\x1b]2;hostile-title-two\x1b\\Title two",
    "Clip \x1b]52;c;SGVsbG8=\x1b\\board",
    "Clip \x1b]52;c;SGVsbG8=\x07bell",
    "\x1b]8;;http://hostile-link.example/\x1b\\linked text\x1b]8;;\x1b\\ after",
    "Unended \x1b]2;hostile-unended-title",
    # CSI: clear screen and home, SGR colours, cursor moves, erase, scroll region, private modes.
    "\x1b[2J\x1b[HCleared",
    "\x1b[31;1;5mRed blink\x1b[0m plain",
    "Moved \x1b[10;20H\x1b[3A\x1b[2K\x1b[1;24r\x1b[?1049h\x1b[?25l here",
    "Unended CSI \x1b[12;",
    # DCS (sixel), SOS, PM, APC strings; full reset; charset switch; save/restore cursor.
    "\x1bPq#0;2;0;0;0hostile-dcs\x1b\\DCS",
    "\x1bXhostile-sos\x1b\\SOS \x1b^hostile-pm\x1b\\PM \x1b_hostile-apc\x1b\\APC",
    "Reset \x1bc\x1b(0\x1b7\x1b8 done",
    # C1: 8-bit CSI and OSC with their parameters, and every other C1 control.
    "\x9b2J\x9b31m8-bit CSI",
    "\x9d0;hostile-c1-title\x9c8-bit OSC \x9d52;c;SGVsbG8=\x07",
    "C1 \x80\x81\x84\x85\x88\x8d\x8e\x8f\x90hostile-c1-dcs\x9c\x96\x97\x99\x9a\x9c\x9f end",
    # Bidirectional controls (must go) and right-to-left text (must stay).
    "APP-01.1 \u202eevil\u202c safe",
    "\u202a\u202b\u202d\u2066\u2067\u2068isolated\u2069\u202c text",
    "مرحبا بالعالم — تقدم جيد",
    "שלום \u200fעולם\u200e and \u061cnumbers 12",
    # Markup that Rich/Textual would interpret, and a stray closing tag that crashes it.
    "[/] [@click=app.quit] [bold]x",
    "[b]bold[/b] [red on white]c[/] [link=http://hostile-markup.example]y[/link] :smile:",
    # Markdown, HTML, shell, format strings.
    "<script>alert('hostile')</script> & &amp; | pipe | *star* _u_ # > `tick` [t](http://x)",
    "1. not a list\n- nor this\n# nor a heading",
    "{0} %s $(echo hostile) ${HOME} \\ backslash",
    # Line breaks of every kind.
    "line1\nline2\r\nline3\rline4\x0bline5\x0cline6\x85line7\u2028line8\u2029line9",
    "  leading and trailing spaces, tabs\tinside\t ",
    # Other C0 controls, DEL, NUL.
    "nul\x00byte bell\x07 backspace\x08\x08 del\x7f lone esc\x1b",
    # Long.
    "Long " + "x" * 9_995,
]

# The columns the corpus goes into, table by table (keys and fixed vocabularies are left as
# they are, so every row still means something: see test_hostile_corpus.py).
FILLED: dict[str, tuple[str, ...]] = {
    "board": ("name", "area", "pack_id"),
    "weakness": ("title", "short_name", "theme"),
    "judgement": ("source", "note"),
    "plan": ("title", "description"),
    "action": ("title", "description", "success_criteria", "action_lead", "senior_officer", "lead_org"),
    "meeting": ("title",),
    "rag_rating": ("rationale", "rated_by", "source"),
    "weakness_rating": ("rationale", "rated_by"),
    "attendance": ("role", "organisation"),
    "minute_item": ("text", "owner"),
    "evidence": ("description", "reference"),
    "measure": ("name", "unit", "description"),
    "measure_value": ("note",),
    "rag_definition": ("label", "meaning"),
    "audit_log": ("who", "table_name", "row_key", "field", "old_value", "new_value", "why"),
    "officer_update": (
        "author",
        "progress",
        "risks",
        "impact",
        "evidence",
        "source",
        "conflicts",
        "decided_by",
        "decision_reason",
    ),
    "glossary": ("spelled_out", "meaning"),
    "publication_decision": ("words", "context", "decided_by"),
    "public_title": ("title", "decided_by"),
}

# Words that appear only inside payloads that must be removed whole.
MARKERS = (
    "hostile-title",
    "hostile-unended",
    "SGVsbG8=",
    "hostile-link",
    "hostile-dcs",
    "hostile-sos",
    "hostile-pm",
    "hostile-apc",
    "hostile-c1",
)

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def controls_in(output: bytes | str) -> list[str]:
    """Every character in ``output`` a terminal could act on (tab and newline allowed), and
    every marker of a payload, as readable reprs; empty when the output is safe. Bytes that are
    not UTF-8 count too (a raw 0x9b byte is CSI to an 8-bit terminal)."""
    text = output.decode("utf-8", errors="surrogateescape") if isinstance(output, bytes) else output
    found = [repr(m.group()) for m in _CONTROLS.finditer(text)]
    return found + [marker for marker in MARKERS if marker in text]


def write_hostile_pack(source: Path, target: Path) -> Path:
    """A copy of the pack ``source`` at ``target`` with the corpus in every column of FILLED."""
    import duckdb

    shutil.copyfile(source, target)
    con = duckdb.connect(str(target))
    try:
        con.begin()
        for table in FILLED:
            con.execute((QUERIES / f"{table}.sql").read_text(encoding="utf-8"), {"texts": HOSTILE})
        con.commit()
        con.checkpoint()
    finally:
        con.close()
    return target
