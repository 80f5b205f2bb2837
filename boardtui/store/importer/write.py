"""Stage 4, writing: the whole plan in one transaction with its audit rows, or nothing at all."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb

from boardtui.errors import BoardError
from boardtui.store.db import Store
from boardtui.store.importer.plan import Plan
from boardtui.store.queries import sql
from boardtui.text import one_line

ACTION_COLUMNS = (
    "id",
    "title",
    "description",
    "success_criteria",
    "action_lead",
    "senior_officer",
    "lead_org",
    "start_date",
    "target_date",
    "revised_target_date",
    "target_revised_on",
    "status",
    "closed_date",
)


def _insert_rows(cur: duckdb.DuckDBPyConnection, query: str, name: str, rows: list[dict[str, Any]]) -> None:
    """Run ``query``, which reads the relation ``name``: the rows, as one Arrow table."""
    # Imported here, not at the top: the app reaches this package (parse_brag, via the officers'
    # updates) on opening, and pyarrow with numpy would cost it ~35 MB it never uses.
    import pyarrow as pa

    cur.register(name, pa.Table.from_pylist(rows))
    try:
        cur.execute(sql(query))
    finally:
        cur.unregister(name)


def write_plan(store: Store, plan: Plan, file: Path, who: str, now: datetime) -> None:
    why = f"import {file.name}"
    audit: list[dict[str, Any]] = []

    def note(table: str, key: str, field_name: str, old: object, new: object) -> None:
        audit.append(
            {
                "changed_at": now,
                "who": who,
                "table_name": table,
                "row_key": key,
                "field": field_name,
                "old_value": None if old is None else str(old),
                "new_value": None if new is None else str(new),
                "why": why,
            }
        )

    try:
        with store.transaction() as cur:
            for m in plan.meetings:
                cur.execute(sql("import_insert_meeting"), {k: m[k] for k in ("id", "date", "title")})
                note("meeting", m["id"], "*", None, "created")
            if plan.actions_new:
                blank = {
                    "description": None,
                    "success_criteria": None,
                    "revised_target_date": None,
                    "target_revised_on": None,
                    "closed_date": None,
                }
                _insert_rows(cur, "import_insert_actions", "new_actions", [{**blank, **a} for a in plan.actions_new])
                for a in plan.actions_new:
                    note("action", a["id"], "*", None, "created")
            for old, new in plan.actions_changed:
                cur.execute(sql("import_update_action"), {k: new.get(k) for k in ACTION_COLUMNS})
                for k in new:
                    if new[k] != old.get(k):
                        note("action", new["id"], k, old.get(k), new[k])
            if plan.ratings:
                _insert_rows(
                    cur,
                    "import_insert_ratings",
                    "new_ratings",
                    [
                        {
                            "action": r["action"],
                            "meeting": r["meeting"],
                            "brag": r["brag"],
                            "rationale": r["rationale"],
                            "rated_by": who,
                            "recorded_at": now,
                            "source": why,
                        }
                        for r in plan.ratings
                    ],
                )
                for r in plan.ratings:
                    note("rag_rating", f"{r['action']}@{r['meeting']}", "brag", None, r["brag"])
            if plan.updates:
                _insert_rows(
                    cur,
                    "import_insert_updates",
                    "new_updates",
                    [{k: v for k, v in u.items() if k != "row"} for u in plan.updates],
                )
                for u in plan.updates:
                    note("officer_update", u["uid"], "progress", None, u["progress"])
            for m in plan.minutes:
                order = cur.execute(sql("import_next_item_order"), {"meeting": m["meeting"]}).fetchall()[0][0]
                cur.execute(
                    sql("import_insert_minute"), {**{k: v for k, v in m.items() if k != "row"}, "item_order": order}
                )
                note("minute_item", f"{m['meeting']} item {order}", "text", None, m["text"])
            for v in plan.measure_values:
                cur.execute(sql("import_upsert_measure_value"), {k: v[k] for k in ("measure", "period_end", "value")})
                note("measure_value", f"{v['measure']}@{v['period_end']}", "value", v["old"], v["value"])
            if audit:
                _insert_rows(cur, "import_insert_audit", "new_audit", audit)
        # Saved into the pack's file as the transaction ends (Store.transaction).
    except duckdb.Error as err:
        raise BoardError(
            f"import of {one_line(file)} failed and nothing was written: {one_line(str(err).splitlines()[0])}"
        ) from None
