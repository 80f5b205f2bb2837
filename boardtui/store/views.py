"""What each screen shows, as plain Python data. Thread-safe: each call uses its own cursor.

The app calls these from worker threads; nothing here knows about Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from boardtui.store.db import Store, dicts, rows

Row = dict[str, Any]


@dataclass(frozen=True)
class Meeting:
    id: str
    date: date
    title: str
    minutes_status: str


class BoardViews:
    def __init__(self, store: Store) -> None:
        self.store = store

    def _dicts(self, name: str, **params: Any) -> list[Row]:
        cur = self.store.cursor()
        try:
            return dicts(cur, name, **params)
        finally:
            cur.close()

    def board(self) -> Row:
        found = self._dicts("board_info")
        return found[0] if found else {"name": "Improvement Board", "area": "", "illustrative": False}

    def meetings(self) -> list[Meeting]:
        return [Meeting(r["id"], r["date"], r["title"], r["minutes_status"]) for r in self._dicts("board_meetings")]

    def rag_definitions(self) -> list[Row]:
        return self._dicts("rag_definitions")

    def dashboard(self, meeting: str) -> list[Row]:
        return self._dicts("dashboard", meeting=meeting)

    def weaknesses(self) -> list[Row]:
        return self._dicts("weaknesses_in_order")

    def actions(self, weakness: str, meeting: str) -> list[Row]:
        return self._dicts("actions_of_weakness", weakness=weakness, meeting=meeting)

    def action_detail(self, action_id: str, meeting: Meeting) -> Row | None:
        cur = self.store.cursor()
        try:
            found = dicts(cur, "action_one", id=action_id, meeting=meeting.id)
            if not found:
                return None
            detail = found[0]
            as_of = {"id": action_id, "as_of": meeting.date}
            detail["ratings"] = dicts(cur, "action_ratings", **as_of)
            detail["evidence"] = dicts(cur, "action_evidence", **as_of)
            detail["minutes"] = dicts(cur, "action_minutes", **as_of)
            detail["audit"] = dicts(cur, "action_audit", id=action_id)
            return detail
        finally:
            cur.close()

    def weakness_detail(self, code: str, meeting: Meeting) -> Row | None:
        cur = self.store.cursor()
        try:
            found = dicts(cur, "weakness_one", code=code)
            if not found:
                return None
            detail = found[0]
            detail["judgements"] = dicts(cur, "weakness_judgements", code=code)
            detail["measures"] = dicts(cur, "weakness_measures", code=code, as_of=meeting.date)
            detail["minutes"] = dicts(cur, "weakness_minutes", code=code, as_of=meeting.date)
            return detail
        finally:
            cur.close()

    def exceptions(self, meeting: str) -> list[Row]:
        return self._dicts("exceptions", meeting=meeting)

    def matrix(self) -> dict[tuple[str, str], Row]:
        return {(r["weakness"], r["meeting"]): r for r in self._dicts("matrix")}

    def search(self, words: str, limit: int = 200) -> list[Row]:
        words = words.strip()
        if not words:
            return []
        # Escape LIKE wildcards so a search for "100%" means the characters typed.
        escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return self._dicts("search", pattern=f"%{escaped}%", limit=limit)

    def palette_items(self) -> list[tuple]:
        cur = self.store.cursor()
        try:
            return rows(cur, "palette_items")
        finally:
            cur.close()
