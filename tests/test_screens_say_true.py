"""What the screens say is what the pack holds: the audit trail of an action includes its
ratings, a carried-forward action keeps its last rating date, and the dashboard's "To rate"
counts what is still to rate at the meeting shown."""

from __future__ import annotations

from apphelp import make_app, screen_text, settle

from boardtui.app.screens.action_detail import ActionDetailScreen
from boardtui.store.db import open_store
from boardtui.store.recording import Recorder
from boardtui.store.views import BoardViews


def test_an_actions_audit_trail_includes_its_ratings(demo_pack):
    store = open_store(demo_pack)
    try:
        views = BoardViews(store)
        meeting = views.meetings()[-1]
        before = len(views.action_detail("IP25-09.2", meeting).audit)
        Recorder(store, "Priya Sandhu").record_rating("IP25-09.2", "M19", "A", "Slipping")
        audit = views.action_detail("IP25-09.2", meeting).audit
        assert len(audit) == before + 1 and audit[0].new_value == "A" and audit[0].why == "Slipping"
    finally:
        store.close()


def test_a_carried_forward_action_keeps_its_last_rated_date(demo_pack):
    store = open_store(demo_pack)
    try:
        views = BoardViews(store)
        detail = views.action_detail("APP-09.4", views.meetings()[-1])
        assert detail.action.status == "carried forward" and detail.action.last_rated is not None
        assert detail.action.last_rated == max(r.date for r in detail.ratings)
    finally:
        store.close()


def test_to_rate_counts_open_actions_not_rated_at_the_meeting_shown(demo_pack):
    store = open_store(demo_pack)
    try:
        recorder = Recorder(store, "Priya Sandhu")
        recorder.new_meeting("2026-01-22")
        views = BoardViews(store)
        at_new = {r.code: r.unrated for r in views.dashboard("M20")}
        open_live = {
            r[0]: r[1]
            for r in store.con.execute(
                "SELECT weakness, count(*) FROM action WHERE status = 'open' AND start_date <= DATE '2026-01-22' "
                "GROUP BY weakness"
            ).fetchall()
        }
        assert at_new == {code: open_live.get(code, 0) for code in at_new}  # nothing rated at M20 yet
        recorder.record_rating("IP25-02.1", "M20", "G", "On track")
        assert {r.code: r.unrated for r in views.dashboard("M20")}["W02"] == at_new["W02"] - 1
    finally:
        store.close()


async def test_action_detail_shows_the_rating_just_recorded_in_its_audit_trail(demo_pack):
    app = make_app(demo_pack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*["down"] * 8, "enter")
        await settle(pilot)
        await pilot.press(*["down"] * 5, "enter")
        await settle(pilot)
        assert isinstance(app.screen, ActionDetailScreen)
        await pilot.press("r", "R", *"Slipping", "ctrl+s")
        await settle(pilot)
        app.screen.query_one("#detail").scroll_end(animate=False)
        await settle(pilot)
        text = screen_text(app)
        assert "Audit trail (1)" in text and "brag: - → R  Slipping" in text
    app.close_pack()
