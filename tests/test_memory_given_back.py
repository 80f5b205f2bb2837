"""After work over the whole pack (the publication review, returns due, a snapshot, the meeting pack) the app
hands back what DuckDB's buffer pool kept, by lowering its limit for a moment under the screens'
lock, and puts the limit back (store/views.py release_memory; benchmarks/memory_keys.py measures
what it gives back)."""

from __future__ import annotations

import pytest

from boardtui.app.reads import ReturnsDueRead, ReviewRead
from boardtui.store import queries
from boardtui.store.db import open_store
from boardtui.store.queries import sql
from boardtui.store.views import BoardViews


def _limit(views: BoardViews) -> str:
    with views._cur() as cur:
        return cur.execute("SELECT current_setting('memory_limit')").fetchone()[0]


@pytest.mark.parametrize("read", ["review", "returns due"])
def test_whole_pack_reads_give_duckdbs_memory_back_and_put_its_limit_back(demo_pack, tmp_path, monkeypatch, read):
    store = open_store(demo_pack, read_only=True)
    store.con.execute(sql("app_memory_limit"))
    views = BoardViews(store)
    try:
        limit = _limit(views)
        asked: list[str] = []
        real_sql = queries.sql

        def noting(name: str) -> str:
            asked.append(name)
            return real_sql(name)

        monkeypatch.setattr(queries, "sql", noting)
        (ReviewRead(store.generation) if read == "review" else ReturnsDueRead(tmp_path)).run(views)
        # Lowered, then put back as the app sets it.
        lowered = asked.index("app_memory_released")
        assert asked[lowered + 1] == "app_memory_limit"
        assert _limit(views) == limit
        assert len(views.dashboard(views.meetings()[-1].id)) == 13  # the screens read on
    finally:
        views.close()


def test_a_limit_duckdb_cannot_lower_to_is_left_as_it_was(demo_pack, monkeypatch):
    store = open_store(demo_pack, read_only=True)
    store.con.execute(sql("app_memory_limit"))
    views = BoardViews(store)
    try:
        limit = _limit(views)
        real_sql = queries.sql
        refused = "SET memory_limit = 'not a size'"  # DuckDB refuses it, as it refuses a limit it cannot free down to
        monkeypatch.setattr(queries, "sql", lambda name: refused if name == "app_memory_released" else real_sql(name))
        views.release_memory()
        assert _limit(views) == limit
    finally:
        views.close()
