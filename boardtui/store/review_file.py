"""The publication review as a file the secretary edits in a text editor (TOML): each candidate
in context with a decision to fill in (withhold or keep), and each confidential action arising
with a public title to give it or not. ``boardtui review PACK --to FILE`` writes it;
``boardtui review PACK --apply FILE`` records what it says, in one audited change."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import tomllib

from boardtui.errors import BoardError
from boardtui.store import files
from boardtui.store.changes import DecidePublication, Decision
from boardtui.store.personal import LOOKS_LIKE, key_of
from boardtui.store.publication import DECISIONS, Candidate, ConfidentialAction
from boardtui.text import clean

KIND_OF = {words: kind for kind, words in LOOKS_LIKE.items()}
CANDIDATE_KEYS = {"words", "looks_like", "found", "decision"}
ACTION_KEYS = {"action", "minute", "public_title"}


def _string(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's), with control characters removed."""
    return json.dumps(clean(value), ensure_ascii=False)


def render(pack: Path, scope: str, candidates: list[Candidate], actions: list[ConfidentialAction]) -> str:
    """The review file's text."""
    lines = [
        f"# Publication review of {clean(pack.name)}, written {datetime.now():%d %b %Y %H:%M}, for {scope}.",
        "#",
        "# Each [[candidate]] below is words that look like a person's or a school's name, with",
        '# where they were found. Set its decision to "withhold" (every public output shows a mark',
        '# such as [name withheld] instead) or "keep" (published as written). Save this file, then',
        f"# record the decisions with:  boardtui review {clean(pack.name)} --apply THIS-FILE",
        "# A decision left blank stays undecided, and a public output is not written until every",
        "# candidate in it is decided. Each decision is kept in the pack, with who made it and when.",
        "#",
        "# Each [[confidential_action]] is an action arising from a confidential minute item: it is",
        "# left out of every public output unless you give it a neutral public_title.",
        "#",
        "# This file holds the words themselves: keep it to yourself and delete it when done.",
        "",
    ]
    for c in candidates:
        lines += [
            "[[candidate]]",
            f"words = {_string(c.words)}",
            f"looks_like = {_string(c.looks_like)}",
            "found = [",
            *[f"  {_string(place)}," for place in c.places],
            "]",
            f"decision = {_string(c.decision or '')}  # withhold or keep",
            "",
        ]
    for a in actions:
        lines += [
            "[[confidential_action]]",
            f"action = {_string(a.id)}",
            f"minute = {_string(a.minute)}",
            f"public_title = {_string(a.public_title or '')}  # blank: left out of public outputs",
            "",
        ]
    if not candidates and not actions:
        lines.append("# Nothing to decide: no word looks like a name, and no action arising is confidential.")
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> None:
    if path.exists():
        raise BoardError(f"{path} already exists; choose a new name for the review file, or remove it first.")
    if not path.parent.is_dir():
        raise BoardError(f"{path.parent} is not a folder; create it first.")
    try:
        files.write_text_atomically(path, text)  # the words themselves: the secretary's only
    except OSError as err:
        raise BoardError(f"could not write {path} ({err.strerror or err}); nothing was written.") from None


def read(path: Path, confidential: dict[str, ConfidentialAction], decided: dict[str, str]) -> DecidePublication:
    """The decisions a review file records that the pack does not hold already (``decided``: the
    pack's decision by candidate). BoardError naming the file, the entry and the key for
    anything wrong in it (nothing is recorded then)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise BoardError(f"{path} cannot be read ({err.strerror or err}); check the name.") from None
    except UnicodeDecodeError:
        raise BoardError(f"{path} is not UTF-8 text; save it as UTF-8 in your editor and apply it again.") from None
    except tomllib.TOMLDecodeError as err:
        raise BoardError(
            f"{path} is not a review file ({err}); fix that line, or write the file again with --to."
        ) from None
    unknown = set(data) - {"candidate", "confidential_action"}
    if unknown:
        raise BoardError(
            f"{path}: unknown section {sorted(unknown)[0]!r}; a review file has [[candidate]] and "
            "[[confidential_action]] entries only."
        )
    decisions, titles = [], []
    for number, entry in enumerate(_entries(path, data, "candidate"), 1):
        where = f"{path}: [[candidate]] {number}"
        _keys(where, entry, CANDIDATE_KEYS, "words")
        words, decision = entry["words"], entry.get("decision", "")
        if not isinstance(words, str) or not words.strip():
            raise BoardError(f"{where}: words must be the words found; write the file again with --to.")
        if not isinstance(decision, str) or decision.strip().lower() not in (*DECISIONS, ""):
            raise BoardError(
                f'{where} ("{clean(words)}"): decision = {json.dumps(decision)} is not "withhold" or '
                '"keep"; write one of them, or leave it blank to decide later.'
            )
        decision = decision.strip().lower()
        if not decision or decided.get(key_of(words)) == decision:
            continue
        kind = KIND_OF.get(entry.get("looks_like", ""), "name")
        found = entry.get("found", [])
        context = found[0] if isinstance(found, list) and found and isinstance(found[0], str) else None
        decisions.append(Decision(words.strip(), kind, decision, context))
    for number, entry in enumerate(_entries(path, data, "confidential_action"), 1):
        where = f"{path}: [[confidential_action]] {number}"
        _keys(where, entry, ACTION_KEYS, "action")
        action, title = entry["action"], entry.get("public_title", "")
        if not isinstance(title, str):
            raise BoardError(f"{where}: public_title must be text in quotes, or blank.")
        if action not in confidential:
            raise BoardError(
                f"{where}: {clean(str(action))} is not an action arising from a confidential minute "
                "item of this pack; write the file again with --to."
            )
        title = " ".join(title.split()) or None
        if title != confidential[action].public_title:
            titles.append((action, title))
    return DecidePublication(tuple(decisions), tuple(titles), why=f"publication review file {path.name}")


def _entries(path: Path, data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    entries = data.get(name, [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise BoardError(f"{path}: {name} must be [[{name}]] entries; write the file again with --to.")
    return entries


def _keys(where: str, entry: dict[str, Any], allowed: set[str], required: str) -> None:
    unknown = sorted(set(entry) - allowed)
    if unknown:
        raise BoardError(f"{where}: unknown key {unknown[0]!r}; the keys are {', '.join(sorted(allowed))}.")
    if required not in entry:
        raise BoardError(f"{where}: {required} is missing; write the file again with --to.")
