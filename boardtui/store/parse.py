"""Reading a value the board writes: a BRAG rating in any of its words, a date in any of the
forms trackers and people use. The importer and the recorder both read values through here, so
a rating or a date means the same wherever it is typed; nothing of boardtui's is imported.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime, timedelta

MONTHS = "%d %B %Y", "%d %b %Y", "%d-%b-%Y", "%d-%B-%Y", "%d-%b-%y", "%d %b %y"
EXCEL_EPOCH = date(1899, 12, 30)
NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")

BRAG_WORDS = {
    "r": "R",
    "red": "R",
    "a": "A",
    "amber": "A",
    "g": "G",
    "green": "G",
    "b": "B",
    "blue": "B",
    "complete": "B",
    "completed": "B",
}
BRAG_SUGGEST = ["Red", "Amber", "Green", "Blue", "Complete"]


def words(value: object) -> str:
    """Lower case with spaces single, punctuation kept: how a cell is compared with a word."""
    return " ".join(str(value if value is not None else "").lower().split())


def parse_date(value: object) -> date | str:
    """A date, or what was expected."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\d{5}(\.0+)?", value.strip())):
        serial = float(value)
        if 20000 <= serial <= 80000:  # Excel's day numbers for 1954-2119
            return EXCEL_EPOCH + timedelta(days=int(serial))
        return "a date such as 31/01/2024"
    found = str(value).strip()
    try:
        return date.fromisoformat(found)
    except ValueError:
        pass
    match = NUMERIC_DATE.match(found)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        year += 2000 if year < 100 else 0
        if first <= 12 < second:
            return f"a day/month date; {found} reads as month/day (US style): write {second:02d}/{first:02d}/{year}"
        try:
            return date(year, second, first)
        except ValueError:
            return "a real date in day/month/year form, such as 31/01/2024"
    for pattern in MONTHS:
        try:
            return datetime.strptime(found, pattern).date()
        except ValueError:
            continue
    return "a date such as 31/01/2024, 31-Jan-2024, 31 January 2024 or 2024-01-31"


def parse_brag(value: object) -> str:
    """'R', 'A', 'G' or 'B', or raises ValueError with what was expected."""
    found = words(value)
    if found in BRAG_WORDS:
        return BRAG_WORDS[found]
    if "/" in found:
        parts = " or ".join(p.strip().title() for p in found.split("/"))
        raise ValueError(f"one rating of Blue, Red, Amber or Green; choose {parts}")
    near = difflib.get_close_matches(found.title(), BRAG_SUGGEST, n=1, cutoff=0.5)
    hint = f"; did you mean {near[0]}?" if near else ""
    raise ValueError(f"one of Blue (or Complete), Red, Amber, Green, or B/R/A/G{hint}")
