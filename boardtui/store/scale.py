"""A national view for load tests: ``boardtui demo PATH --scale N`` is N local areas' packs in one
file. Area 1 is the demo; areas 2..N copy its weaknesses, actions, ratings, minutes, evidence and
measures under their own codes ('A0002-W01'), sharing the board meetings. Deterministic for a
given N, and built in SQL so N=1000 (about 100k actions) takes seconds, not minutes."""

from __future__ import annotations

import duckdb

from boardtui.store.queries import sql

# In foreign-key order.
STEPS = [
    ("scale_weakness", {}), ("scale_judgement", {}),
    ("scale_action", {"first_wave": True}), ("scale_action", {"first_wave": False}),
    ("scale_rag_rating", {}), ("scale_weakness_rating", {}), ("scale_minute_item", {}),
    ("scale_evidence", {}), ("scale_measure", {}), ("scale_measure_value", {}), ("scale_board", {}),
]
MAX_AREAS = 9999  # codes are A0002..A9999


def add_areas(cur: duckdb.DuckDBPyConnection, areas: int) -> None:
    """Copy the demo (already loaded) into areas 2..``areas``, in one transaction."""
    if areas <= 1:
        return
    cur.begin()
    try:
        for name, params in STEPS:
            cur.execute(sql(name), {"areas": areas, **params})
        cur.commit()
    except BaseException:
        cur.rollback()
        raise
    cur.checkpoint()
