"""How much boardtui reads from a file it is given, each limit checked before the work it bounds,
so a file too big (or built to look small and open large) is refused in one sentence, with
nothing written and little memory used. The README's "Limits" lists these.
"""

from __future__ import annotations

# Trackers (boardtui import).
TRACKER_BYTES = 20_000_000  # the CSV or .xlsx file as it is on disk
TRACKER_UNPACKED_BYTES = 50_000_000  # an .xlsx's parts, as its zip says they unpack
TRACKER_CELLS = 500_000  # rows x columns of the sheets read (the used range, blanks included)
TRACKER_ROWS = 100_000
TRACKER_COLUMNS = 1_000
CELL_CHARS = 32_767  # the most a cell holds in Excel; any longer was not made by a spreadsheet

# Officers' returns (returns import, returns list, the app's count of returns waiting).
RETURN_BYTES = 10_000_000
RETURN_UPDATES = 1_000
UPDATE_TEXT_CHARS = CELL_CHARS  # progress, risks, impact, evidence
UPDATE_NAME_CHARS = 200  # ids, names, meetings, dates: anything that is not free text

# JSON files boardtui reads (returns, snapshot manifests): how deep their records nest.
JSON_DEPTH = 16
MANIFEST_BYTES = 1_000_000
MANIFEST_FILES = 200

# Messages.
PROBLEMS_LISTED = 100  # an import lists this many problems, then says how many more there are
LISTED_IN_A_LINE = 20  # columns, rows, … named in one line before "and N more"


def size(count: int) -> str:
    """A number of bytes as people read it: '20 MB', '1.5 MB', '512 KB'."""
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f}".rstrip("0").rstrip(".") + " MB"
    return f"{max(1, round(count / 1_000))} KB"
