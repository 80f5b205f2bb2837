"""Reading one cell's value: dates, BRAG ratings, status words, yes/no, weakness names.

Nothing here touches the pack or the file: each function takes a value and returns what it
reads as, or what was expected instead, so the same rules serve the importer and the recorder.
"""

from __future__ import annotations

import difflib
import re
from datetime import date, datetime

from boardtui.store.limits import LISTED_IN_A_LINE
from boardtui.store.parse import BRAG_WORDS, words
from boardtui.text import clean, cut, one_line

# The status words trackers use, and how each is read. A status word never sets a rating:
# "At risk" in a Status column says the action is open; the RAG column says how it is going.
STATUS_READINGS: dict[str, tuple[str, ...]] = {
    "open": (
        "open",
        "ongoing",
        "in progress",
        "on track",
        "not started",
        "not yet started",
        "planned",
        "started",
        "active",
        "live",
        "on hold",
        "paused",
        "delayed",
        "behind schedule",
        "slipped",
        "overdue",
        "at risk",
        "off track",
        "blocked",
        "escalated",
    ),
    "complete": ("complete", "completed", "closed", "done", "delivered", "achieved", "finished"),
    "carried forward": ("carried forward", "carried over", "rolled forward", "transferred"),
    "withdrawn": ("withdrawn", "cancelled", "canceled", "stopped", "not required", "no longer required"),
}
STATUS_WORDS = {word: status for status, words in STATUS_READINGS.items() for word in words}
STATUSES = tuple(STATUS_READINGS)

KIND_WORDS = {
    "note": "note",
    "notes": "note",
    "decision": "decision",
    "decisions": "decision",
    "action arising": "action arising",
    "actions arising": "action arising",
    "action": "action arising",
    "arising": "action arising",
}
KINDS = ("note", "decision", "action arising")
YES = {"yes", "y", "true", "1", "confidential"}
NO = {"no", "n", "false", "0", "", "public"}


def fold(value: object) -> str:
    """Lower case, punctuation as spaces, spaces single: how headers and words are compared."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", str(value if value is not None else "").lower()).split())


def is_blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


def text(value: object) -> str | None:
    """A cell as the text to store: control sequences removed, a whole number without '.0'."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    found = clean(value).strip()
    return found or None


def quote(value: object, limit: int = 60) -> str:
    """A value from the file as a message shows it: on one line, quoted, not too long."""
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"'{cut(value, limit)}'"


def numbers(values: list[int]) -> str:
    """Row numbers as people write them: 4, 7–9, 12 (the first runs of a long list, then how
    many rows more)."""
    out: list[str] = []
    ordered = sorted(set(values))
    start: int | None = None
    prev = 0
    shown = 0
    for n in [*ordered, None]:
        if start is not None and n is not None and n == prev + 1:
            prev = n
            continue
        if start is not None:
            if len(out) == LISTED_IN_A_LINE:
                return ", ".join(out) + f" and {len(ordered) - shown} more"
            out.append(str(start) if start == prev else f"{start}–{prev}")
            shown += prev - start + 1
        start, prev = n, n or 0
    return ", ".join(out)


def day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def board_brag_words(labels: dict[str, str]) -> dict[str, str]:
    """The board's own words for each rating, from its BRAG definitions' labels: 'Green - on
    track' lets a tracker write 'On track' for G. Words two letters share are left out."""
    found: dict[str, set[str]] = {}
    for brag, label in labels.items():
        for part in re.split(r"\s+[-–—:]\s+|[()/;,]", label or ""):
            key = words(part)
            if key and key not in BRAG_WORDS:
                found.setdefault(key, set()).add(brag)
    return {key: next(iter(brags)) for key, brags in found.items() if len(brags) == 1}


def parse_status(value: object) -> str:
    """'open', 'complete', 'carried forward' or 'withdrawn', or raises ValueError."""
    found = words(value)
    key = found if found in STATUS_WORDS else fold(found)
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    near = difflib.get_close_matches(key, list(STATUS_WORDS), n=1, cutoff=0.6)
    hint = f" (did you mean {near[0].capitalize()}?)" if near else ""
    raise ValueError(
        f"a status boardtui knows{hint}: write open, complete, carried forward or withdrawn, "
        "or say how to read it under [values.status] in a mapping file"
    )


def parse_kind(value: object) -> str:
    found = KIND_WORDS.get(fold(value if not is_blank(value) else "note"))
    if found is None:
        raise ValueError("write note, decision or action arising")
    return found


def parse_yes_no(value: object) -> bool:
    found = words(value)
    if found in YES:
        return True
    if found in NO:
        return False
    raise ValueError("write yes or no")


def parse_number(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        raise ValueError("write a number, such as 41.5") from None


class Weaknesses:
    """A pack's weaknesses, matched the ways trackers write them: the code ('W02'), the code
    followed by its name ('W02 Inter-agency working', 'W02: …'), or the short name or title."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:  # (code, short name, title)
        self.rows = rows
        self.by_code = {code.lower(): code for code, _, _ in rows}
        self.by_name: dict[str, str] = {}
        for code, short, title in rows:
            self.by_name.setdefault(fold(short), code)
            self.by_name.setdefault(fold(title), code)
        self.short = {code: short for code, short, _ in rows}
        self._leading = (
            re.compile(
                r"^("
                + "|".join(re.escape(c) for c in sorted(self.by_code, key=len, reverse=True))
                + r")(?=$|[^a-z0-9])",
                re.IGNORECASE,
            )
            if rows
            else None
        )

    def named(self, code: str) -> str:
        return one_line(f"{code} ({self.short[code]})")

    def match(self, value: object) -> str:
        """The code, or raises ValueError saying what to write."""
        found = " ".join(str(value).split())
        code = self.by_code.get(found.lower()) or self.by_name.get(fold(found))
        if code:
            return code
        leading = self._leading.match(found) if self._leading else None
        if leading:
            code = self.by_code[leading.group(1).lower()]
            rest = fold(found[leading.end() :])
            other = self.by_name.get(rest)
            if other and other != code:
                raise ValueError(
                    f"one weakness: {code} is {self.short[code]} in the pack, but the name is "
                    f"{other}'s ({self.short[other]}); write the code of the one you mean"
                )
            return code
        raise ValueError(self._expected(found))

    def _expected(self, found: str) -> str:
        if not self.rows:
            return "a weakness in the pack, which has none yet: load them with boardtui init --weaknesses"
        codes = [c for c, _, _ in self.rows]
        listed = ", ".join(codes) if len(codes) <= 8 else f"{codes[0]} to {codes[-1]}"
        hint = self._nearest(found)
        return f"a weakness in the pack: write its code ({listed}) or its short name" + (
            f"; did you mean {hint}?" if hint else ""
        )

    def _nearest(self, found: str) -> str | None:
        digits = re.findall(r"\d+", found)
        if digits and not re.search(r"[a-z]{3,}", found.lower()):
            for code, _, _ in self.rows:
                if re.findall(r"\d+", code) and int(re.findall(r"\d+", code)[-1]) == int(digits[-1]):
                    return self.named(code)
        choices = {fold(short): code for code, short, _ in self.rows}
        choices.update({fold(code): code for code, _, _ in self.rows})
        near = difflib.get_close_matches(fold(found), list(choices), n=1, cutoff=0.6)
        return self.named(choices[near[0]]) if near else None
