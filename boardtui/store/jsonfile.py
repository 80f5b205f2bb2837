"""JSON from a file boardtui is given (a return, a snapshot's manifest), read strictly: each key
once in its record (which of two would count cannot be told), records nested no deeper than
JSON_DEPTH (Python's own reader fails with RecursionError somewhere past a thousand), and text
that is text (JSON can write a lone surrogate; no file or pack can hold one)."""

from __future__ import annotations

import json
import re
from typing import Any

from boardtui.store.limits import JSON_DEPTH
from boardtui.text import cut


class JsonProblem(Exception):
    """What is wrong with the JSON, in words naming where (``str(err)``)."""


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for key, value in pairs:
        if key in record:
            raise _DuplicateKey(key)
        record[key] = value
    return record


_SURROGATE = re.compile("[\ud800-\udfff]")


def _walk(document: object) -> None:
    stack: list[tuple[object, str, int]] = [(document, "", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > JSON_DEPTH:
            raise JsonProblem(f"its records are nested more than {JSON_DEPTH} deep, at {cut(where, 60)}")
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise JsonProblem(f"{cut(where, 60) or 'it'} holds a lone surrogate, which is not a character")
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    raise JsonProblem(
                        f"a key in {cut(where, 60) or 'it'} holds a lone surrogate, which is not a character"
                    )
                stack.append((item, f"{where}.{key}" if where else key, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{n}]", depth + 1) for n, item in enumerate(value))


def strict_loads(text: str) -> Any:
    """The JSON value in ``text``; JsonProblem saying what is wrong (not JSON at all: "it is not
    JSON")."""
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicates)
    except _DuplicateKey as dup:
        raise JsonProblem(
            f"the key '{cut(dup.key, 40)}' appears twice in one of its records, so which one counts cannot be told"
        ) from None
    except RecursionError:
        raise JsonProblem(f"its records are nested more than {JSON_DEPTH} deep") from None
    except ValueError:
        raise JsonProblem("it is not JSON") from None
    _walk(document)
    return document
