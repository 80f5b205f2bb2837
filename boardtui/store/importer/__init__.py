"""Import a board's existing tracker (CSV or .xlsx): all of it, or nothing.

Four stages, one module each, so each can be read alone:

1. ``read``: the file's cells (CSV in any of Excel's encodings, or a workbook's sheets with
   their merged cells, hidden columns and formulas);
2. ``layout``: where the header is, what each column holds, which rows are data, headings or
   notes;
3. ``cells`` (with ``actions`` and ``records`` for each kind of sheet): every cell checked
   against the pack, giving the plan of what the import adds and changes, or every problem;
4. ``write``: the plan in one transaction with its audit rows.

Kinds of sheet: actions (one row per action, optionally with a current RAG column and/or one
RAG column per meeting, the "wide" history trackers keep), ratings in long form (action, date,
RAG), minutes / actions arising, and measure values.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from boardtui.errors import BoardError
from boardtui.store.db import Store
from boardtui.store.importer.actions import ActionChecker
from boardtui.store.importer.layout import Layout, find_header, recognise
from boardtui.store.importer.mapping import Mapping, read_mapping
from boardtui.store.importer.plan import Plan, Problem
from boardtui.store.importer.read import Source, read_source
from boardtui.store.importer.records import MeasureChecker, MinuteChecker, RatingChecker
from boardtui.store.importer.values import Weaknesses
from boardtui.store.importer.write import write_plan
from boardtui.store.queries import rows
from boardtui.text import one_line

__all__ = ["Plan", "Problem", "import_file"]

CHECKERS = {"actions": ActionChecker, "ratings": RatingChecker, "minutes": MinuteChecker, "measures": MeasureChecker}


def _layout_of(source: Source, mapping: Mapping, weaknesses: Weaknesses) -> tuple[Layout, str | None]:
    """The sheet to import and its layout: the one --sheet names, else the first visible sheet
    with a header row; and a note saying which, when there was a choice."""
    candidates = [s for s in source.sheets if source.named or s.visible]
    for sheet in candidates:
        header = find_header(sheet, mapping)
        if header is not None:
            layout = recognise(sheet, header, mapping, weaknesses)
            note = None
            if len(source.sheet_names) > 1:
                hidden = {s.name for s in source.sheets if not s.visible}
                others = ", ".join(
                    f"'{one_line(n)}'" + (" (hidden)" if n in hidden else "")
                    for n in source.sheet_names
                    if n != sheet.name
                )
                note = f"read sheet '{one_line(sheet.name)}', header in row {layout.header_row}" + (
                    "" if source.named else f" (the first sheet with a header row; --sheet NAME for another: {others})"
                )
            return layout, note
    where = candidates[0].label if len(candidates) == 1 or source.named else f"{one_line(source.path)} (no sheet)"
    if mapping.header_row is not None:
        raise BoardError(
            f"{where}: header_row = {mapping.header_row} is past the end of the sheet; write the "
            "number of the row that holds the headers."
        )
    raise BoardError(
        f"{where}: no header row found in the first rows (a row naming at least two known columns, "
        "such as 'Ref', 'Action', 'Lead officer', 'Target date', 'RAG'); name the header row with "
        "header_row in a mapping file, or name your columns under [columns]."
    )


def _kind(layout: Layout, mapping: Mapping) -> str:
    if mapping.kind:
        return mapping.kind
    present = set(layout.fields)
    if {"measure", "value"} <= present:
        return "measures"
    if "text" in present:
        return "minutes"
    if {"id", "rag", "meeting"} <= present and "title" not in present:
        return "ratings"
    return "actions"


def import_file(
    store: Store,
    file: Path,
    *,
    sheet: str | None = None,
    mapping: Path | None = None,
    dry_run: bool = False,
    who: str = "import",
    plan: str | None = None,
    create_meetings: bool = False,
) -> tuple[Plan, list[Problem]]:
    """Check the whole file; write it only when there is no problem and it is not a dry run.

    ``plan`` is the plan new actions join when a row names none (--plan); ``create_meetings``
    lets dates with no board meeting create one (minutes draft) instead of being a problem.
    """
    file = Path(file)
    spec = read_mapping(mapping)
    source = read_source(file, sheet)
    now = datetime.now().replace(microsecond=0)
    cur = store.cursor()
    try:
        weaknesses = Weaknesses(rows(cur, "import_weaknesses"))
        layout, note = _layout_of(source, spec, weaknesses)
        checker = CHECKERS[_kind(layout, spec)](
            cur,
            layout,
            spec,
            weaknesses,
            file=file,
            pack=store.path,
            plan_code=plan,
            create_meetings=create_meetings,
            who=who,
            now=now,
        )
        if note:
            checker.plan.notes.append(note)
        if source.encoding:
            checker.plan.notes.append(f"read as {source.encoding}, header in row {layout.header_row}")
        result, problems = checker.run()
    finally:
        cur.close()
    if not problems and not dry_run and not result.empty:
        write_plan(store, result, file, who, now)
    return result, problems
