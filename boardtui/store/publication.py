"""Publishing a pack's text: what the public update and the public snapshot may carry.

Every text a public output takes from the pack goes through one ``Publication`` (both outputs,
so they withhold exactly the same words): personal data found by kind and the names the pack
knows are withheld, and each candidate (words that look like a person's or a school's name,
``personal.py``) is published as the pack's publication review decided: withheld or kept. A
public output is not written while a candidate in it is undecided (``Undecided``): the secretary
decides in the app's review screen or with a review file (``boardtui review``), each decision
kept in the pack (``publication_decision``) and audited, so it is never asked again.

Actions arising from a confidential minute item are confidential too: left out of every public
output, or published under a neutral title the secretary chose (``public_title``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from boardtui.errors import BoardError
from boardtui.store import personal, withhold
from boardtui.store.queries import dicts, rows

if TYPE_CHECKING:
    import duckdb

CONFIDENTIAL = "[confidential]"  # a rating's rationale on a confidential action published under a neutral title
DECISIONS = ("withhold", "keep")


@dataclass
class Candidate:
    """Words that look like a name, where they were found, and what the review decided."""

    key: str
    words: str
    kind: str
    decision: str | None = None
    places: list[str] = field(default_factory=list)  # "where: …words «in» context…"

    @property
    def looks_like(self) -> str:
        return personal.LOOKS_LIKE[self.kind]


class Undecided(BoardError):
    """A public output asked for while candidates in it are not decided: nothing was written."""

    def __init__(self, candidates: list[Candidate], what: str) -> None:
        self.candidates = candidates
        n = len(candidates)
        super().__init__(
            f"{n} word{'s' if n != 1 else ''} in the {what} look{'' if n != 1 else 's'} like "
            f"{'names' if n != 1 else 'a name'} and {'are' if n != 1 else 'is'} not decided yet "
            "(withhold or keep), so nothing was written; review them in the app (P) or with "
            "'boardtui review PACK --to review.toml', then publish again."
        )


@dataclass(frozen=True)
class ConfidentialAction:
    id: str
    public_title: str | None
    minute: str
    meeting: str
    item_order: int


class Publication:
    """One pack's rules for publishing, read once: the names it knows, its vocabulary, its
    review's decisions and its confidential actions. ``publish`` keeps count of what it withheld."""

    def __init__(self, cur: duckdb.DuckDBPyConnection) -> None:
        self.decided = {d["candidate"]: d for d in dicts(cur, "publication_decisions")}
        people = [d["words"] for d in self.decided.values() if d["decision"] == "withhold" and d["kind"] != "school"]
        schools = [d["words"] for d in self.decided.values() if d["decision"] == "withhold" and d["kind"] == "school"]
        vocabulary = personal.Vocabulary.of(text for (text,) in rows(cur, "publication_vocabulary"))
        self.finder = personal.Finder(
            withhold.known_names(cur),
            vocabulary,
            withhold.glossary_terms(cur),
            withheld_people=people,
            withheld_phrases=schools,
        )
        self.confidential = {r["id"]: ConfidentialAction(**r) for r in dicts(cur, "confidential_actions")}
        self.counts: Counter[str] = Counter()
        self._found: dict[str, personal.Found] = {}
        self._published: dict[str, tuple[str, Counter[str]]] = {}

    # Confidential actions arising ------------------------------------------------------------
    @property
    def hidden_actions(self) -> set[str]:
        """Confidential actions with no neutral title: left out of every public output."""
        return {a.id for a in self.confidential.values() if not a.public_title}

    # Finding -------------------------------------------------------------------------------------
    def found(self, text: str) -> personal.Found:
        found = self._found.get(text)
        if found is None:
            found = self._found[text] = self.finder.find(text)
        return found

    def candidates(self, texts: Iterable[tuple[Any, str]], *, places: int = 3) -> list[Candidate]:
        """Every candidate in these (where, text) pairs, in the order first found, each with up to
        ``places`` places it was found and the review's decision (None: undecided). ``where``
        is words, or a function that gives them."""
        out: dict[str, Candidate] = {}
        for where, text in texts:
            if not text:
                continue
            found = self.found(text)
            for span in found.candidates:
                candidate = out.get(span.key)
                if candidate is None:
                    decided = self.decided.get(span.key)
                    candidate = out[span.key] = Candidate(
                        span.key,
                        " ".join(text[span.start : span.end].split()),
                        span.kind,
                        decided["decision"] if decided else None,
                    )
                if len(candidate.places) < places:
                    said = where() if callable(where) else where  # worked out only when needed
                    candidate.places.append(f"{said}: {personal.context(text, span)}")
        return list(out.values())

    def check_decided(self, texts: Iterable[tuple[Any, str]], what: str) -> None:
        """Undecided when a candidate in these texts is not decided."""
        undecided = [c for c in self.candidates(texts) if c.decision is None]
        if undecided:
            raise Undecided(undecided, what)

    # Publishing ----------------------------------------------------------------------------------
    def publish(self, text: str | None, times: int = 1) -> str | None:
        """``text`` as a public output carries it (counted ``times``: the rows that hold it)."""
        if text is None:
            return None
        done = self._published.get(text)
        if done is None:
            decisions = {key: d["decision"] for key, d in self.decided.items()}
            done = self._published[text] = personal.apply(self.found(text), decisions)
        for kind, n in done[1].items():
            self.counts[kind] += n * times
        return done[0]

    @property
    def withheld(self) -> int:
        return sum(self.counts.values())

    def said(self) -> str:
        """What a public output withheld, for the publisher."""
        return withheld_line(self.counts)


def withheld_line(counts: Counter[str]) -> str:
    total = sum(counts.values())
    kinds: Counter[str] = Counter()
    for kind, n in counts.items():
        kinds[personal.KIND_WORDS[kind]] += n
    detail = "; ".join(f"{what} {n}" for what, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return (
        f"withheld {total} mention{'' if total == 1 else 's'} of personal data"
        + (f" ({detail})" if detail else "")
        + "; every word that looks like a name was decided in the publication review"
    )


def review_lines(candidates: list[Candidate]) -> list[str]:
    """Each candidate in context, for the terminal (the caller cleans each line)."""
    lines = []
    for c in candidates:
        state = f" - decided: {c.decision}" if c.decision else ""
        lines.append(f'"{c.words}" ({c.looks_like}?){state}')
        lines += [f"    {place}" for place in c.places]
    return lines
