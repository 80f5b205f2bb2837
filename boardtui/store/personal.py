"""Personal data in free text: what a public output must never carry.

Three sorts of words are found in a text, all on its *folded* form (accents taken off letter by
letter, so "Siân" reads as "Sian" and every position stays where it was):

* **by kind**, always withheld: emails, UK phone numbers, postcodes, dates of birth (a date
  beside "born", "DOB" or "date of birth"), a child's age ("aged 9"), NHS numbers (ten digits
  whose last is their mod-11 check digit) and unique pupil numbers (a letter and twelve digits);
* **names the pack knows** (``withhold.names_pattern``: whole, with a title or an initial, a
  part on its own), in any accent, and inside login-like handles ("grace.lin");
* **candidates**: words that look like a person's or a school's name and are not the pack's own
  vocabulary nor ordinary English. A person decides each one (withhold or keep) in the
  publication review; the decision is kept in the pack (``publication.py``).

How a candidate is told (rules, plus two shipped word lists in ``boardtui/words``):

* a title and what follows it: "Mrs Thompson", "Dr Ade Okafor";
* a school or setting: capitalised words ending in School, Academy, Primary, Nursery, College…
  with a word of their own before it ("Highfield Primary School"), or "St" and a name
  ("St Mary's");
* capitalised words of which one is not an English word (``english.txt.gz``) nor the pack's
  vocabulary: "Oliver Thompson", "Aisha's", "Erdington";
* a capitalised word right before an age ("Jack, aged 9"), or after a word for a child or a
  family member ("her son Jack");
* a given name that is also a word ("Grace", ``given_words.txt``) capitalised in the middle of a
  sentence, or before another capitalised word.

Ordinary words at the start of a sentence ("Progress", "Families"), words in capitals
(acronyms), the months and days, and the board's own words (its weaknesses, plans,
organisations, glossary and BRAG labels) are not candidates.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from boardtui.store import withhold

WORDS_DIR = Path(__file__).resolve().parent.parent / "words"

# What each kind becomes in a public output.
MARKS = {
    "email": "[email withheld]",
    "phone": "[phone number withheld]",
    "postcode": "[postcode withheld]",
    "birth": "[date of birth withheld]",
    "age": "[age withheld]",
    "nhs": "[NHS number withheld]",
    "upn": "[pupil number withheld]",
    "known": withhold.MARK,  # a name the pack knows
    "person": withhold.MARK,
    "name": withhold.MARK,
    "school": "[school withheld]",
}
# A mark, as written into a public output: how many were written is counted with this.
MARK_PATTERN = re.compile(
    r"\[(?:name|email|phone number|postcode|date of birth|age|NHS number|pupil number|"
    r"school) withheld\]"
)
KIND_WORDS = {
    "email": "emails",
    "phone": "phone numbers",
    "postcode": "postcodes",
    "birth": "dates of birth",
    "age": "ages",
    "nhs": "NHS numbers",
    "upn": "pupil numbers",
    "known": "names the pack knows",
    "person": "names decided in the review",
    "name": "names decided in the review",
    "school": "schools decided in the review",
}
# What a candidate looks like, in the review's words.
LOOKS_LIKE = {"person": "a person's name", "school": "a school or setting", "name": "a name"}


# Folding -------------------------------------------------------------------------------------
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2010": "-", "\u2011": "-"})


def fold(text: str) -> str:
    """``text`` with the accents taken off each letter ("Siân" is "Sian"), curly apostrophes
    straight, and every character where it was (a character that does not fold to one stays)."""
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        out.append(base if len(base) == 1 else ch)
    return "".join(out)


def key_of(words: str) -> str:
    """A candidate's key: folded, lower case, single spaces, no possessive at the end."""
    key = " ".join(fold(words).lower().replace(".", " ").split())
    return re.sub(r"'s?$", "", key)


# Word lists ----------------------------------------------------------------------------------
@cache
def english_words() -> frozenset[str]:
    with gzip.open(WORDS_DIR / "english.txt.gz", "rt", encoding="utf-8") as handle:
        return frozenset(handle.read().split())


@cache
def given_words() -> frozenset[str]:
    lines = (WORDS_DIR / "given_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


TITLES = frozenset(t.lower() for t in withhold.TITLES) | {"master"}
# A setting's own words: a phrase ending in one of these, with a word of its own before them.
SETTING_WORDS = frozenset(
    {
        "school",
        "schools",
        "academy",
        "primary",
        "nursery",
        "college",
        "infants",
        "infant",
        "juniors",
        "junior",
        "secondary",
        "preschool",
        "pre-school",
        "kindergarten",
    }
)
# Words that say what kind of setting, not which one ("Special School", "Primary Academy").
GENERIC_SETTING = SETTING_WORDS | frozenset(
    {
        "special",
        "high",
        "local",
        "mainstream",
        "independent",
        "free",
        "the",
        "resource",
        "resourced",
        "alternative",
        "provision",
        "grammar",
        "church",
        "community",
        "maintained",
        "state",
        "early",
        "years",
        "hospital",
        "pupil",
        "referral",
        "unit",
        "new",
        "a",
        "an",
        "all",
        "our",
        "their",
        "your",
        "every",
        "each",
        "any",
        "some",
        "other",
        "first",
        "middle",
        "upper",
        "lower",
        "sixth",
        "form",
        "further",
        "education",
        "specialist",
        "trust",
        "multi-academy",
        "and",
        "of",
        "for",
        "send",
    }
)
CONNECTORS = frozenset({"of", "de", "la", "le", "du", "da", "di", "van", "von", "der", "den", "al", "bin", "ibn"})
FAMILY = frozenset(
    {
        "son",
        "daughter",
        "child",
        "pupil",
        "learner",
        "student",
        "boy",
        "girl",
        "brother",
        "sister",
        "mum",
        "mother",
        "dad",
        "father",
        "parent",
        "carer",
        "grandmother",
        "grandfather",
        "nan",
        "gran",
        "granny",
        "grandad",
        "stepson",
        "stepdaughter",
        "baby",
        "toddler",
        "named",
        "called",
        "aunt",
        "uncle",
        "nephew",
        "niece",
        "cousin",
        "twin",
        "twins",
        "sibling",
        "foster",
        "guardian",
        "husband",
        "wife",
        "partner",
    }
)
BOARD_WORDS = frozenset(withhold.VOCABULARY) | {
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# A word made of one of these and an English word is an English word too ("Relaunch").
PREFIXES = (
    "re",
    "un",
    "pre",
    "co",
    "non",
    "multi",
    "inter",
    "sub",
    "over",
    "under",
    "out",
    "mis",
    "dis",
    "cross",
    "self",
    "post",
    "semi",
    "anti",
    "counter",
    "mid",
)


# Kinds ---------------------------------------------------------------------------------------
EMAIL = re.compile(
    r"[A-Za-z0-9][A-Za-z0-9._%+'-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"
)
PHONE = re.compile(
    r"""(?<![\w+])(?:
      \+\s?44\s?(?:\(0\)\s?)?\d{2,5}(?:[\s-]?\d{3,4}){1,2}   # +44 7700 900123, +44 (0)121 496 0000
    | \(0\d{2,4}\)\s?\d{3,4}[\s-]?\d{3,4}                     # (0121) 496 0000
    | 0\d{2,4}(?:[\s-]?\d{3,4}){1,2}                          # 07700 900123, 0121 496 0000, 07700-900-123
    )(?!\d)""",
    re.X,
)
POSTCODE = re.compile(
    r"\b(?:(?:[A-Z]{1,2}[0-9][A-Z0-9]?|GIR) ?[0-9][ABD-HJLNP-UW-Z]{2}"
    r"|(?:[a-z]{1,2}[0-9][a-z0-9]?) [0-9][abd-hjlnp-uw-z]{2})\b"
)
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}"
    rf"|(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH},?\s+\d{{4}}"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|(?:in\s+)?\d{{4}})"
)
BIRTH = re.compile(rf"\b(?:born(?:\s+on)?|d\.?o\.?b\.?|date\s+of\s+birth)\s*[:,-]?\s*(?:on\s+)?{_DATE}\b", re.I)
# A child's age: "aged 9", "age 9", "9 years old", "9-year-old"; not a range ("aged 16 to 25",
# "aged 11 and over"), which describes a service.
AGE = re.compile(
    r"\b(?:aged?\s+\d{1,2}(?:\s+(?:years?|months?))?(?:\s+old)?"
    r"(?!\s*(?:-|–|to|and|or|\+|plus)\s*(?:\d|over|under|above|below))(?!\+)"
    r"|\d{1,2}[-\s]years?[-\s]old|\d{1,2}-year-old)\b",
    re.I,
)
NHS = re.compile(r"(?<![\d-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
UPN = re.compile(r"\b[A-Za-z]\d{11}[0-9A-Za-z]\b")


def nhs_number(digits: str) -> bool:
    """Ten digits whose last is the mod-11 check digit of the nine before it."""
    if len(digits) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def uk_phone(found: str) -> bool:
    digits = re.sub(r"\D", "", found)
    if found.lstrip().startswith("+"):
        rest = digits[2:]
        rest = rest[1:] if "(0)" in found else rest
        return len(rest) in (9, 10)
    return len(digits) in (10, 11)


@dataclass(frozen=True)
class Span:
    """Words found in a text: [start, end) and what they are. ``key``: a candidate's."""

    start: int
    end: int
    kind: str
    key: str = ""


def kind_spans(folded: str) -> list[Span]:
    found = [Span(m.start(), m.end(), "email") for m in EMAIL.finditer(folded)]
    found += [Span(m.start(), m.end(), "birth") for m in BIRTH.finditer(folded)]
    found += [Span(m.start(), m.end(), "phone") for m in PHONE.finditer(folded) if uk_phone(m.group())]
    found += [Span(m.start(), m.end(), "nhs") for m in NHS.finditer(folded) if nhs_number(re.sub(r"\D", "", m.group()))]
    found += [Span(m.start(), m.end(), "upn") for m in UPN.finditer(folded)]
    found += [Span(m.start(), m.end(), "postcode") for m in POSTCODE.finditer(folded)]
    found += [Span(m.start(), m.end(), "age") for m in AGE.finditer(folded)]
    return found


def without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """The spans in order, an earlier (then longer) one winning where two overlap."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if out and span.start < out[-1].end:
            continue
        out.append(span)
    return out


# Candidates ----------------------------------------------------------------------------------
_TOKEN = re.compile(r"[A-Za-z](?:[A-Za-z'-]*[A-Za-z])?'?")
_SENTENCE_END = '.!?:;•*"“”'
# A word a person does: after a given name that is also a word, it reads as the name ("Grace said").
_DOES_AFTER = re.compile(
    r"\s+(?:said|says|told|asked|rang|phoned|called|emailed|wrote|explained|complained|"
    r"attends|attended|moved|is\s+waiting|was\s+excluded|has\s+autism|has\s+an?\s+EHC)\b"
)
_AGE_AFTER = re.compile(r"\s*,?\s*\(?\s*(?:aged?\s+\d|\d{1,2}[-\s]years?[-\s]old|\d{1,2}-year-old)", re.I)


def _base(token: str) -> str:
    """A word without its possessive."""
    return re.sub(r"'s?$", "", token)


@dataclass
class Vocabulary:
    """The pack's own words (lower case, folded) and whole phrases (its organisations, plans…)."""

    words: frozenset[str] = frozenset()
    phrases: frozenset[str] = frozenset()

    @classmethod
    def of(cls, texts: Iterable[str]) -> Vocabulary:
        words, phrases = set(), set()
        for text in texts:
            if not text:
                continue
            folded = fold(str(text))
            phrases.add(key_of(folded))
            words |= {_base(t).lower() for t in _TOKEN.findall(folded)}
        return cls(frozenset(words), frozenset(phrases))


@dataclass
class Token:
    start: int
    end: int
    text: str
    starts_sentence: bool

    @property
    def base(self) -> str:
        return _base(self.text)

    @property
    def lower(self) -> str:
        return self.base.lower()

    @property
    def capital(self) -> bool:
        """Written with a capital, and not an acronym (SEND, SENCos, DfE: capitals for half of it
        or more); McDonald is a name."""
        base = self.base
        upper = sum(ch.isupper() for ch in base)
        return base[0].isupper() and not (len(base) > 1 and upper >= 2 and upper * 2 >= len(base))


def _tokens(text: str) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        before = text[: m.start()]
        stripped = before.rstrip()
        starts = (
            not stripped
            or stripped[-1] in _SENTENCE_END
            or "\n" in before[len(stripped) :]
            or bool(re.search(r"(?:^|\n)\s*[-–—]\s*$", before))
        )
        if (
            stripped.endswith(".")
            and out
            and out[-1].end == len(stripped) - 1
            and (out[-1].lower in TITLES or out[-1].lower == "st" or len(out[-1].text) == 1)
        ):
            starts = False  # "Dr. Okafor", "St. Mary's", "M. Hale": not a new sentence
        out.append(Token(m.start(), m.end(), m.group(), starts))
    return out


class CandidateFinder:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.english = english_words()
        self.given = given_words()

    def ordinary(self, token: Token) -> bool:
        word = token.lower
        if self._word(word):
            return True
        if "-" in word:
            parts = [p for p in word.split("-") if p]
            return all(self._word(p) or len(p) <= 3 for p in parts)
        return any(word.startswith(p) and len(word) - len(p) > 3 and word[len(p) :] in self.english for p in PREFIXES)

    def _word(self, word: str) -> bool:
        return word in self.english or word in self.vocabulary.words or word in BOARD_WORDS or word in TITLES

    def phrases(self, text: str) -> list[list[Token]]:
        """Runs of capitalised words (joined by single spaces, and by "of", "de"… between
        them); words in capitals (acronyms) end a run."""
        tokens = _tokens(text)
        runs: list[list[Token]] = []
        current: list[Token] = []
        pending: list[Token] = []  # connectors waiting for the next capitalised word
        for token in tokens:
            joined = (
                bool(current)
                and not token.starts_sentence
                and re.fullmatch(r"[ \t]+|[ \t]*\.[ \t]*", text[(pending or current)[-1].end : token.start]) is not None
            )
            if token.capital:
                if joined and (
                    not text[(pending or current)[-1].end : token.start].strip(" \t")
                    or current[-1].lower in TITLES
                    or current[-1].lower == "st"
                ):
                    current += [*pending, token]
                else:
                    if current:
                        runs.append(current)
                    current = [token]
                pending = []
            elif current and joined and token.lower in CONNECTORS and not pending:
                pending = [token]
            else:
                if current:
                    runs.append(current)
                current, pending = [], []
        if current:
            runs.append(current)
        return runs

    def find(self, text: str, unmasked: str | None = None) -> list[Span]:
        """Candidates in ``text`` (folded, with what is withheld already masked; ``unmasked``:
        the same before masking, where an age after a word still reads as one)."""
        found = []
        tokens = _tokens(text)
        for run in self.phrases(text):
            kind = self._kind(unmasked or text, run, tokens)
            if kind is None:
                continue
            start, end = run[0].start, run[-1].end
            words = text[start:end]
            if kind != "school" and words.endswith("'s"):
                end -= 2
            elif kind != "school" and words.endswith("'"):
                end -= 1
            key = key_of(text[start:end])
            if key in self.vocabulary.phrases:
                continue
            found.append(Span(start, end, kind, key))
        return found

    def _kind(self, text: str, run: list[Token], tokens: list[Token]) -> str | None:
        names = [t for t in run if t.lower not in CONNECTORS]
        lowers = [t.lower for t in names]
        if lowers[0] in TITLES:
            return "person" if len(names) > 1 else None
        if lowers[0] == "st" and len(names) > 1:
            return "school"
        if lowers[-1] in SETTING_WORDS and any(w not in GENERIC_SETTING for w in lowers):
            return "school"
        index = next(i for i, t in enumerate(tokens) if t.start == run[0].start)
        previous = tokens[index - 1] if index else None
        family = (
            previous is not None
            and not previous.text[0].isupper()
            and previous.lower in FAMILY
            and re.fullmatch(r",?\s+", text[previous.end : run[0].start]) is not None
        )  # "her son Jack", "pupil, Jack"
        if _AGE_AFTER.match(text, run[-1].end) or family:
            return "person"
        if not all(self.ordinary(t) for t in names):
            return "name"
        if lowers[0] in self.given and (
            len(names) > 1 or not run[0].starts_sentence or _DOES_AFTER.match(text, run[-1].end)
        ):
            return "person"
        return None


# Known names ---------------------------------------------------------------------------------
def known_names_pattern(names: Iterable[str], keep: Iterable[str] = ()) -> re.Pattern[str] | None:
    """The names the pack knows, folded, as one pattern (``withhold.names_pattern``), with each
    name of two parts or more also as a login-like handle ("grace.lin", "grace_lin")."""
    folded = sorted({fold(" ".join(str(n).split())) for n in names if n and str(n).strip()})
    pattern = withhold.names_pattern(folded, keep=[fold(k) for k in keep])
    handles = set()
    for name in folded:
        parts = withhold.name_parts(name) or []
        if len(parts) > 1:
            handles.add(re.escape(parts[0]) + r"[._-]" + re.escape(parts[-1]))
    if handles:
        pattern = r"(?i:\b(?:" + "|".join(sorted(handles, key=len, reverse=True)) + r")\b)|" + pattern
    if pattern == withhold.NOTHING:
        return None
    return re.compile(pattern)


@dataclass
class Found:
    """Everything found in one text: what is withheld, and the candidates."""

    text: str
    withheld: list[Span] = field(default_factory=list)
    candidates: list[Span] = field(default_factory=list)


class Finder:
    """Finds personal data in texts for one pack: its known names, its vocabulary, and the
    people and schools its review decided to withhold (their names' parts too)."""

    def __init__(
        self,
        names: Iterable[str],
        vocabulary: Vocabulary,
        keep_terms: Iterable[str] = (),
        withheld_people: Iterable[str] = (),
        withheld_phrases: Iterable[str] = (),
    ) -> None:
        self.names = known_names_pattern(names, keep=keep_terms)
        self.candidates = CandidateFinder(vocabulary)
        english = english_words()
        people = [fold(p) for p in withheld_people]
        ordinary = {
            form
            for p in people
            for part in (withhold.name_parts(p) or [])
            if part.lower() in english or part.lower() in vocabulary.words
            for form in (part, part.upper())
        }
        pattern = withhold.names_pattern(people, keep=ordinary)
        self.decided = None if pattern == withhold.NOTHING else re.compile(pattern)
        phrases = [withhold.literal(fold(p)) for p in withheld_phrases]
        self.schools = (
            re.compile(r"(?i:\b(?:" + "|".join(sorted(phrases, key=len, reverse=True)) + r"))") if phrases else None
        )

    def find(self, text: str) -> Found:
        folded = fold(text)
        spans = kind_spans(folded)
        if self.names is not None:
            spans += [Span(m.start(), m.end(), "known") for m in self.names.finditer(folded) if m.end() > m.start()]
        for kind, pattern in (("school", self.schools), ("person", self.decided)):
            if pattern is not None:
                spans += [Span(m.start(), m.end(), kind) for m in pattern.finditer(folded) if m.end() > m.start()]
        withheld = without_overlaps(spans)
        masked = list(folded)
        for span in withheld:
            masked[span.start : span.end] = "x" * (span.end - span.start)
        candidates = self.candidates.find("".join(masked), folded)
        return Found(text, withheld, candidates)


def apply(found: Found, decisions: dict[str, str]) -> tuple[str, Counter[str]]:
    """The text as a public output carries it: each span withheld becomes its kind's mark, a
    candidate decided 'withhold' its mark, one decided 'keep' stays; one not decided is
    withheld too (the outputs refuse to be written before every candidate is decided, so this
    only makes sure nothing leaks). And how many of each kind were withheld."""
    spans = list(found.withheld)
    for c in found.candidates:
        if decisions.get(c.key) != "keep":
            spans.append(c)
    counts: Counter[str] = Counter()
    out = found.text
    for span in sorted(without_overlaps(spans), key=lambda s: s.start, reverse=True):
        out = out[: span.start] + MARKS[span.kind] + out[span.end :]
        counts[span.kind] += 1
    return out, counts


def context(text: str, span: Span, width: int = 40) -> str:
    """The words around a span, on one line, the span between « and »."""
    before = " ".join(text[: span.start].split())
    after = " ".join(text[span.end :].split())
    before = ("…" + before[-width:].lstrip()) if len(before) > width else before
    after = (after[:width].rstrip() + "…") if len(after) > width else after
    return (
        f"{before}{' ' if text[: span.start][-1:].isspace() else ''}«{text[span.start : span.end]}»"
        f"{' ' if text[span.end :][:1].isspace() else ''}{after}".strip()
    )
