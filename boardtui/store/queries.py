"""Every SQL statement lives in queries/*.sql; this loads them by name and runs them.

It does not import DuckDB (a cursor is passed in): the app imports it before its first frame,
and DuckDB takes ~100 ms to import, which the app does after that frame.
"""

from __future__ import annotations

import re
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from boardtui.resources import queries_dir

if TYPE_CHECKING:
    import duckdb

R = TypeVar("R", bound=NamedTuple)  # a row class of store/rows.py

_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.sql$")


@cache
def sql(name: str) -> str:
    """The text of ``queries/<name>.sql``."""
    path = queries_dir() / f"{name}.sql"
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuntimeError(f"no query named {name!r} in {queries_dir()}") from None


@cache
def migrations() -> tuple[tuple[int, Path], ...]:
    """Numbered migration files, in order: ((1, path), (2, path), …)."""
    found = []
    for path in (queries_dir() / "migrations").iterdir():
        match = _MIGRATION_NAME.match(path.name)
        if match:
            found.append((int(match.group(1)), path))
    found.sort()
    numbers = [n for n, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations are not numbered 1..n: {numbers}")
    return tuple(found)


def rows(cur: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[tuple[Any, ...]]:
    return cur.execute(sql(name), params or None).fetchall()


def dicts(cur: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    result = cur.execute(sql(name), params or None)
    columns = [d[0] for d in result.description]
    return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]


def typed(cur: duckdb.DuckDBPyConnection, name: str, row: type[R], **params: Any) -> list[R]:
    """Query ``name``'s rows, each a ``row`` (store/rows.py: a NamedTuple whose fields are the
    query's columns). A query and its class that disagree raise, naming both and the columns
    that differ: the columns are the contract, checked where the rows are built."""
    result = cur.execute(sql(name), params or None)
    columns = tuple(d[0] for d in result.description)
    wanted = row._fields
    found = result.fetchall()
    if columns == wanted:
        return [row(*values) for values in found]
    if sorted(columns) != sorted(wanted):
        missing = [c for c in wanted if c not in columns]
        extra = [c for c in columns if c not in wanted]
        raise RuntimeError(
            f"query {name!r} does not give the columns of {row.__name__}: "
            f"it lacks {', '.join(missing) or 'none'}; {row.__name__} lacks {', '.join(extra) or 'none'}"
        )
    # The same columns in another order (a lake's version of a query): taken by name.
    pick = itemgetter(*(columns.index(c) for c in wanted))
    return [row(*pick(values)) for values in found]
