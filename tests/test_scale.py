"""boardtui demo --scale N: N local areas in one file, deterministic, and the app's rules hold."""

from __future__ import annotations

import duckdb

from conftest import run_cli
from boardtui.store.db import open_store
from boardtui.store.views import BoardViews


def counts(path):
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT (SELECT count(*) FROM weakness), (SELECT count(*) FROM action), "
                           "(SELECT count(*) FROM rag_rating), (SELECT count(*) FROM minute_item), "
                           "(SELECT count(*) FROM meeting)").fetchone()
    finally:
        con.close()


def test_scale_three_is_three_areas_and_checks_clean(tmp_path):
    one, three = tmp_path / "one.duckdb", tmp_path / "three.duckdb"
    assert run_cli("demo", str(one)).returncode == 0
    done = run_cli("demo", str(three), "--scale", "3")
    assert done.returncode == 0 and "3 local areas" in done.stdout
    w, a, r, m, meetings = counts(one)
    assert counts(three) == (3 * w, 3 * a, 3 * r, 3 * m, meetings)  # meetings are shared
    assert run_cli("check", str(three)).returncode == 0
    store = open_store(three, read_only=True)
    try:
        views = BoardViews(store)
        latest = views.meetings()[-1].id
        area3 = views.actions("A0003-W09", latest)
        assert [row["id"] for row in area3] == [f"A0003-{row['id']}" for row in views.actions("W09", latest)]
    finally:
        views.close()


def test_scale_is_deterministic_and_bad_scale_is_one_sentence(tmp_path):
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    for path in (first, second):
        assert run_cli("demo", str(path), "--scale", "2").returncode == 0
    sums = []
    for path in (first, second):
        con = duckdb.connect(str(path), read_only=True)
        sums.append(con.execute("SELECT sum(hash(action, meeting, brag, rationale)) FROM rag_rating").fetchone())
        con.close()
    assert sums[0] == sums[1]
    bad = run_cli("demo", str(tmp_path / "c.duckdb"), "--scale", "0")
    assert bad.returncode == 2 and "--scale 0" in bad.stderr and "Traceback" not in bad.stderr


def test_dashboard_brag_follows_the_weakness_rule_at_every_meeting(demo_pack):
    # The dashboard derives a weakness's BRAG from the same pass as its counts; it must agree
    # with weakness_brag_at, the rule's one statement, at every board meeting.
    store = open_store(demo_pack, read_only=True)
    try:
        views = BoardViews(store)
        cur = store.cursor()
        for meeting in views.meetings():
            rule = {w: (b, p) for w, b, p in cur.execute(
                "SELECT weakness, brag, direction(brag, prev_brag) FROM weakness_brag_at(?)", [meeting.id]).fetchall()}
            shown = {row["code"]: (row["brag"], row["direction"]) for row in views.dashboard(meeting.id)}
            assert shown == rule, meeting.id
        cur.close()
    finally:
        views.close()
