"""A lake opened read-only as the app opens a pack: DuckDB views with the pack's tables' names
over the lake's Parquet files (queries/lake/views.sql), read where they are, nothing copied.

A view cannot bind a path as a parameter, so the views name their files through variables that
are bound as parameters (the lake's folder, and the boards the next query reads: its scope) and
a macro that builds each table's file list from them (lake_files). Each query reads only the
files of the boards it is about: a weakness's or an action's own board, the boards of the page
of weaknesses on screen, every board only when nothing narrows it (search). Reading a board's
file costs DuckDB about a tenth of a millisecond however small it is, so at 1,000 boards a query
over every board would pay ~100 ms per table; a page of 200 weaknesses reads 16 boards. Every
board's weaknesses and meetings, which the first frame and time travel need, come from the
lake's index (two files, written by lake add).

Ids are made unique across boards by each board's key (B0007-W09), and time travel steps
through the days on which any board met: at each, every board is as at its own latest board
meeting on or before that day (queries/lake/macros.sql).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from boardtui.errors import BoardError
from boardtui.store import lake
from boardtui.store.pack import LATEST_SCHEMA, Store, file_connection
from boardtui.store.queries import sql

if TYPE_CHECKING:
    import duckdb

# Queries with a lake version of their own (queries/lake/<name>.sql): the rest read the views.
LAKE_QUERIES = frozenset({"dashboard", "matrix", "action_one", "board_info"})
# Parameters that name a weakness or an action, whose key says which board a query is about.
_ONE = ("weakness", "code", "id", "action")


class LakeReader:
    """What a lake's cursors need: its variables and macros, and each query's scope."""

    def __init__(self, folder: Path, catalog: lake.Catalog) -> None:
        self.root = str(Path(folder).resolve())
        boards = lake.order_of(catalog)
        self.boards = boards
        self.all = [b.pack_id for b in boards]
        self.by_key = {b.key: b.pack_id for b in boards}
        self.key_of = {b.pack_id: b.key for b in boards}
        self.name = f"Lake of {len(boards)} board(s)"
        areas = sorted({b.area for b in boards})
        self.area = areas[0] if len(areas) == 1 else f"{len(areas)} local areas"

    def before(self, cur: duckdb.DuckDBPyConnection) -> None:
        """A new cursor (or the connection), before the shared macros: the lake's variables and
        the functions its views use."""
        cur.execute(sql("lake/root"), {"root": self.root})
        # One board in scope while the macros are made: DuckDB binds each macro's body as it
        # is made, reading the footer of every file in scope (at 1,000 boards, 0.5 s a cursor).
        self.set_scope(cur, self.all[:1])
        cur.execute(sql("lake/functions"))

    def set_scope(self, cur: duckdb.DuckDBPyConnection, boards: list[str]) -> None:
        # The keys of the boards in scope only: a MAP is looked up one entry after another.
        cur.execute(sql("lake/scope"), {"boards": boards, "keys": [self.key_of[b] for b in boards]})

    def after(self, cur: duckdb.DuckDBPyConnection) -> None:
        """A new cursor, after the shared macros: the lake's own rules for many boards; then
        every board in scope."""
        cur.execute(sql("lake/macros"))
        self.set_scope(cur, self.all)

    def scope(self, name: str, params: dict[str, Any]) -> list[str]:
        """The boards a query reads: those its weaknesses or actions belong to, else all."""
        if name == "rag_definitions":  # each board has its own; the lake shows the first board's
            return self.all[:1]
        named: list[str] = []
        codes = params.get("codes")
        if isinstance(codes, list):
            named += codes
        named += [params[p] for p in _ONE if isinstance(params.get(p), str)]
        if not named:
            return self.all
        boards = {self.by_key.get(code.split("-", 1)[0]) for code in named}
        return sorted(b for b in boards if b is not None) or self.all

    def prepare(self, cur: duckdb.DuckDBPyConnection, name: str, params: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """Set the query's scope on ``cur``; the query to run instead, and its parameters."""
        self.set_scope(cur, self.scope(name, params))
        if name == "board_info":
            return "lake/board_info", {"lake_name": self.name, "lake_area": self.area}
        if name in LAKE_QUERIES:
            return f"lake/{name}", params
        return name, params


def open_lake(folder: Path) -> Store:
    """A lake, read-only, as a Store whose tables are views over its Parquet files."""
    folder = Path(folder)
    if lake.unfinished(folder):
        raise BoardError(
            f"{folder}: a 'boardtui lake add' was stopped while it moved its files into place; "
            f"run 'boardtui lake list {folder}' to finish it, then open the lake again."
        )
    catalog = lake.read_catalog(folder)
    if not catalog.boards:
        raise BoardError(f"{folder} holds no boards yet; add snapshots with 'boardtui lake add {folder} SNAPSHOT'.")
    for name in lake.INDEXED:
        if not (folder / lake.INDEX / f"{name}.parquet").is_file():
            raise BoardError(
                f"{folder} has no {lake.INDEX}/{name}.parquet; add a snapshot to it again with "
                "'boardtui lake add', which writes it."
            )
    reader = LakeReader(folder, catalog)
    con = file_connection(folder, cache_parquet_metadata=True)
    try:
        # Creating a view reads its files' schemas: before() leaves one board in scope (every
        # board's tables have today's schema, lake add writes them so) rather than every board.
        reader.before(con)
        con.execute(sql("lake/views"))
    except BaseException:
        con.close()
        raise
    exported = sorted(b.exported_at[:10] for b in catalog.boards.values())
    kind = "public snapshots" if not catalog.private else "snapshots, some of them full"
    span = exported[0] if exported[0] == exported[-1] else f"{exported[0]} to {exported[-1]}"
    banner = f"Read-only lake of {len(catalog.boards)} board(s): {kind} exported {span}."
    return Store(folder, con, True, LATEST_SCHEMA, banner=banner, reader=reader)
