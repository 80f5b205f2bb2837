"""The meeting pack (before a meeting) and the public board update (after it), as Markdown or
one self-contained HTML file, from the same views the app shows. Never imports Textual.

- gather.py reads what the meeting pack says (the weaknesses' sections a page at a time) and,
  for the public update, withholds what it may not carry, once;
- document.py says it, as blocks in reading order;
- html.py and markdown.py write those blocks, one at a time, to a file renamed into place when
  it is whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from boardtui.errors import BoardError
from boardtui.report.document import document, report_title
from boardtui.report.gather import gather, review
from boardtui.report.html import CSS, write_html
from boardtui.report.markdown import write_markdown
from boardtui.store.files import write_atomically
from boardtui.store.views import BoardViews, Meeting

__all__ = ["CSS", "WrittenReport", "report_name", "review", "write_report"]


@dataclass(frozen=True)
class WrittenReport:
    path: Path
    withheld: int  # mentions of personal data the public update withheld from the pack's text
    said: str = ""  # and what they were, in words


def write_report(views: BoardViews, meeting: str, fmt: str, out: Path, *, public: bool) -> WrittenReport:
    """Write the report atomically (a temporary file beside ``out``, renamed when whole): the
    meeting pack for its owner only, the public update as the umask gives."""
    data = gather(views, meeting, public=public)
    out = Path(out)
    if not out.parent.is_dir():
        raise BoardError(f"{out.parent} is not a folder; create it first.")

    def write(handle) -> None:
        if fmt == "html":
            write_html(report_title(data), document(data), handle)
        else:
            write_markdown(document(data), handle)

    try:  # the meeting pack is confidential (its owner's only); the public update is for publishing
        write_atomically(out, write, public=public)
    except OSError as err:
        raise BoardError(f"could not write {out} ({err}); nothing was written.") from None
    if data.publication is None:
        return WrittenReport(out, 0)
    return WrittenReport(out, data.publication.withheld, data.publication.said())


def report_name(pack: Path, meeting: Meeting, fmt: str, public: bool) -> str:
    stem = pack.stem if pack.suffix else pack.name
    return f"{stem}-{meeting.id}-{meeting.date.isoformat()}{'-public' if public else ''}.{fmt}"
