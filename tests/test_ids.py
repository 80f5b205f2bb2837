"""Action ids sort naturally (IP25-05.2 before IP25-05.19) in Python and in every query that
lists actions, the same way in both."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from conftest import REPO, build_from, edit_csv, run_cli

from boardtui.ids import natural_key
from boardtui.store.db import open_store
from boardtui.store.views import BoardViews

TRICKY = [
    "IP25-05.19",
    "IP25-05.2",
    "APP-10.1",
    "APP-9.1",
    "APP-09.3",
    "BA-M20.10",
    "BA-M20.9",
    "APP-9.01",
    "APP-9.1a",
    "x123456789012345678901234",
    "x99",
    "é1",
    "e2",
    "W9",
    "W10",
    "10",
    "9",
]


def test_python_key_orders_numbers_as_numbers():
    assert sorted(["IP25-05.19", "IP25-05.2", "IP25-05.10"], key=natural_key) == [
        "IP25-05.2",
        "IP25-05.10",
        "IP25-05.19",
    ]
    assert sorted(["APP-10.1", "APP-9.1"], key=natural_key) == ["APP-9.1", "APP-10.1"]
    assert sorted(["BA-M20.10", "BA-M20.9"], key=natural_key) == ["BA-M20.9", "BA-M20.10"]


def test_python_and_sql_keys_give_the_same_order(demo_master):
    store = open_store(demo_master, read_only=True)
    try:
        cur = store.cursor()
        (in_sql,) = cur.execute(
            "SELECT list(i ORDER BY natural_key(i), i) FROM unnest($ids) t(i)", {"ids": TRICKY}
        ).fetchone()
    finally:
        store.close()
    assert in_sql == sorted(TRICKY, key=lambda i: (natural_key(i), i))


@pytest.fixture(scope="module")
def nineteen_pack(tmp_path_factory):
    """The demo with IP25-05.19 beside IP25-05.2, both red at the latest meeting."""
    import shutil

    folder = tmp_path_factory.mktemp("ids") / "data"
    shutil.copytree(REPO / "data", folder)

    def add_action(rows):
        two = next(r for r in rows if r["id"] == "IP25-05.2")
        rows.append({**two, "id": "IP25-05.19", "title": "Nineteenth co-production action", "carried_forward_from": ""})

    def add_ratings(rows):
        two = next(r for r in rows if r["action"] == "IP25-05.2")
        two["M19"] = "R"
        rows.append({**two, "action": "IP25-05.19"})

    edit_csv(folder / "actions.csv", add_action)
    edit_csv(folder / "ratings.csv", add_ratings)
    return build_from(folder, folder.parent / "nineteen.duckdb")


def _positions(seq, *ids):
    return [seq.index(i) for i in ids]


def test_lists_and_reports_put_05_2_before_05_19(nineteen_pack, tmp_path):
    views = BoardViews(open_store(nineteen_pack, read_only=True))
    try:
        actions = [a.id for a in views.actions("W05", "M19")]
        exceptions = [e.id for e in views.exceptions("M19")]
        found = [r.action for r in views.search("co-production") if r.kind == "action"]
        palette = [r.target for r in views.palette("IP25-05") if r.kind == "action"]
    finally:
        views.close()
    for seq in (actions, exceptions, found, palette):
        two, nineteen = _positions(seq, "IP25-05.2", "IP25-05.19")
        assert two < nineteen, seq
    out = tmp_path / "pack.md"
    assert run_cli("report", str(nineteen_pack), "--format", "md", "--out", str(out)).returncode == 0
    rows = [line for line in out.read_text().splitlines() if line.startswith("| IP25-05.")]
    firsts = [row.split(" | ")[0] for row in rows]
    assert firsts.index("| IP25-05.2") < firsts.index("| IP25-05.19")  # the actions table
    snap = tmp_path / "snap"
    assert run_cli("export", str(nineteen_pack), "--to", str(snap)).returncode == 0
    ids = pq.read_table(snap / "action" / "part-0.parquet", columns=["id"]).column("id").to_pylist()
    assert _positions(ids, "IP25-05.2", "IP25-05.19") == sorted(_positions(ids, "IP25-05.2", "IP25-05.19"))
    assert ids == sorted(ids, key=lambda i: (natural_key(i), i))


def test_the_actions_list_sorts_ids_as_people_count():
    from datetime import date

    from boardtui.app.screens.actions import sort_value
    from boardtui.store.rows import ActionRow

    day = date(2025, 1, 1)
    row = ActionRow("", "t", "lead", "org", "sro", "IP25", day, None, day, None, False, None, None, None, "open")
    rows = [row._replace(id=i) for i in ("IP25-05.19", "IP25-05.2", "APP-10.1", "APP-9.1")]
    rows.sort(key=lambda r: sort_value(r, "id"))
    assert [r.id for r in rows] == ["APP-9.1", "APP-10.1", "IP25-05.2", "IP25-05.19"]
