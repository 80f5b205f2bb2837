"""boardtui demo --scale N: N local areas in one file, deterministic, and the app's rules hold."""

from __future__ import annotations

import duckdb

from apphelp import make_app, settle
from conftest import run_cli
from boardtui.app.screens.matrix import PAGE, MatrixScreen
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


def test_matrix_follows_the_weakness_rule_at_every_meeting_and_pages_agree(demo_pack):
    # The matrix computes every meeting in one pass; it must agree with weakness_brag_at, and a
    # page of weaknesses must read exactly what the whole matrix holds for them.
    store = open_store(demo_pack, read_only=True)
    try:
        views = BoardViews(store)
        cur = store.cursor()
        whole = views.matrix()
        for meeting in views.meetings():
            rule = {w: b for w, b in cur.execute(
                "SELECT weakness, brag FROM weakness_brag_at(?)", [meeting.id]).fetchall()}
            assert {w: whole[(w, meeting.id)]["brag"] for w in rule} == rule, meeting.id
        page = views.matrix(["W02", "W09"])
        assert page and page == {key: row for key, row in whole.items() if key[0] in ("W02", "W09")}
        cur.close()
    finally:
        views.close()


async def test_matrix_reads_later_pages_as_they_are_drawn(tmp_path):
    # 20 areas: 260 weaknesses, more than one page; End shows the last, read when drawn.
    pack = tmp_path / "twenty.duckdb"
    assert run_cli("demo", str(pack), "--scale", "20").returncode == 0
    app = make_app(pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen) and len(screen.weaknesses) == 260 > PAGE
        assert screen.read_pages == {0}
        await pilot.press("end")
        await settle(pilot)
        assert screen.read_pages == {0, 1}
        table = screen.query_one("BoardTable")
        last = table.row_keys[-1]
        latest = app.meetings[-1].id
        expected = app.views.matrix([last])[(last, latest)]["brag"]
        assert table.get_cell(last, latest).plain.strip() == (expected or "·")
    app.close_pack()
