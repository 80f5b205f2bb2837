"""The names the pack knows, as one regular expression for withholding them from free text.

Every person the pack knows by name (``queries/public_known_names.sql``) is withheld from every
free-text field of the public update and the public snapshot, by one regular expression built
here (written so RE2 and Python's re read it alike). ``personal.py`` runs it, on text with its
accents folded ("Siân" reads as "Sian"), for both outputs, so they withhold the same words.

The rule, for a person written "Dr Marcus Hale":

* the name as written, in any case and spacing ("Marcus Hale", "marcus  hale",
  "Dr Marcus Hale");
* a title or an initial with any part of it ("Mr Hale", "Dr Marcus", "M. Hale", "M Hale",
  "Marcus H.");
* each part on its own, written with its capital as in the name or in capitals ("Marcus",
  "Hale", "HALE"), when it has at least three letters. A lowercase "hale" or "grace" is an
  ordinary word; a two-letter part ("Li", "Ng") alone is too often something else, so it is
  withheld only with a title, an initial or the rest of the name. Parts that are also the
  board's own vocabulary (the BRAG colours, month and day names, and the terms of the pack's
  glossary in the form the glossary writes them) are withheld only in those longer forms too.

An entry that does not read as a name (words in lower case after a capital, such as "Head
teacher representative") is withheld only whole. Names the pack does not know are found as
candidates for the publication review (``personal.py``, ``publication.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from boardtui.store.queries import rows

if TYPE_CHECKING:
    import duckdb

MARK = "[name withheld]"
# Matches nothing (RE2 has no lookahead for the usual (?!)): the pattern when no one is known.
NOTHING = r"[^\s\S]"
MIN_PART = 3
TITLES = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Cllr",
    "Councillor",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "Rev",
    "Revd",
)
# Lowercase words that belong to names (van Dijk, bin Salleh, de la Cruz).
PARTICLES = {
    "al",
    "bin",
    "binti",
    "da",
    "de",
    "del",
    "della",
    "der",
    "di",
    "du",
    "el",
    "ibn",
    "la",
    "le",
    "st",
    "ten",
    "ter",
    "van",
    "von",
}
# Words of the board's own that a part on its own may not take away.
VOCABULARY = {
    "blue",
    "red",
    "amber",
    "green",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
}
_WORD = re.compile(r"[A-Za-z0-9_]")
_TITLE_WORDS = {t.lower() for t in TITLES}


def literal(text: str) -> str:
    """``text`` as a literal for both RE2 and Python's re: punctuation escaped, any run of
    spaces matching any run of white space."""
    out = []
    for word in text.split():
        out.append("".join("\\" + ch if (ch.isascii() and not ch.isalnum()) else ch for ch in word))
    return r"\s+".join(out)


def _bounded(pattern: str, text: str) -> str:
    """``pattern`` with a word boundary at each end where ``text`` has an ASCII word character
    there. RE2's \\b knows only ASCII: at a non-ASCII letter (Zoë) no boundary is asked for,
    so a match may run into a longer word (more is withheld, never less)."""
    left = r"\b" if _WORD.match(text[0]) else ""
    right = r"\b" if _WORD.match(text[-1]) else ""
    return f"{left}{pattern}{right}"


def _untitled(name: str) -> str:
    """The name without the titles in front of it ("Dr Marcus Hale" is "Marcus Hale")."""
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").lower() in _TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def name_parts(name: str) -> list[str] | None:
    """The parts of a name (titles and particles dropped; a hyphenated part also split), or
    None when the entry does not read as a name."""
    words = _untitled(name).split()
    if not any(w[:1].isupper() for w in words):  # typed all in lower case: still a name
        words = [w.capitalize() for w in words]
    parts = []
    for word in words:
        if word.lower() in PARTICLES:
            continue
        if not word[:1].isupper():
            return None  # "Head teacher representative": a description, not a name
        parts.append(word)
        if "-" in word:
            parts += [p for p in word.split("-") if p]
    return parts


def _letters(word: str) -> int:
    return sum(ch.isalpha() for ch in word)


def names_pattern(names: Iterable[str], keep: Iterable[str] = ()) -> str:
    """One regular expression (RE2 and Python alike) that finds every form of these names
    described above. ``keep``: words a part on its own must not take (the glossary's terms)."""
    kept = set(keep)
    whole, parts_alone, titled, surnames, given_initial = set(), set(), set(), set(), set()
    for raw in names:
        name = " ".join(str(raw).split())
        if len(name) < 2:
            continue
        parts = name_parts(name)
        if not (parts and len(name.split()) == 1 and name[0].isupper()):
            # "Grace" alone is a part (its capital counts); "psandhu", a login, is matched whole.
            for form in {name, _untitled(name)}:
                whole.add(_bounded(literal(form), form))
        if not parts:
            continue
        if len(parts) > 1:
            titled.add(_untitled(name))  # "Mr Wei Li" goes whole, not as "Mr Wei" and "Li"
        for part in parts:
            titled.add(part)
            if _letters(part) < MIN_PART or part.lower() in VOCABULARY:
                continue
            forms = {part, part.upper()}
            if part.isupper():
                forms.add(part.capitalize())
            parts_alone |= {f for f in forms if f not in kept}
        if len(parts) > 1:
            surnames.add(parts[-1])
            given_initial.add((parts[0], parts[-1][0]))
    alternatives = sorted(whole, key=len, reverse=True)
    if titled:
        words = "|".join(literal(p) for p in sorted(titled, key=len, reverse=True))
        alternatives.append(r"\b(?i:(?:" + "|".join(TITLES) + r")\.?\s+(?:" + words + r"))\b")
    if surnames:
        words = "|".join(literal(s) for s in sorted(surnames, key=len, reverse=True))
        alternatives.append(r"\b[A-Z](?:\.\s*|\s+)(?i:" + words + r")\b")
    for given, initial in sorted(given_initial):
        if initial.isascii() and initial.isalpha():
            left = r"\b" if _WORD.match(given[0]) else ""
            alternatives.append(left + r"(?i:" + literal(given) + r")\s+" + initial + r"\b\.?")
    alternatives += [_bounded(literal(p), p) for p in sorted(parts_alone, key=len, reverse=True)]
    # Whole names first: at one place the first alternative that matches wins (RE2 and Python
    # both), so "Marcus Hale" goes as one, not as two parts.
    whole_names = "|".join(alternatives[: len(whole)])
    rest = "|".join(alternatives[len(whole) :])
    if not alternatives:
        return NOTHING
    if whole_names and rest:
        return f"(?i:{whole_names})|{rest}"
    return f"(?i:{whole_names})" if whole_names else rest


def known_names(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Every person the pack knows by name."""
    return [name for (name,) in rows(cur, "public_known_names")]


def glossary_terms(cur: duckdb.DuckDBPyConnection) -> list[str]:
    return [term for (term, *_rest) in rows(cur, "glossary_terms")]
