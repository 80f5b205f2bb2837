"""'boardtui diff OLD NEW': what changed between two packs or snapshots, each as at its own
latest board meeting."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from boardtui.store.db import Store, reading
from boardtui.store.queries import dicts, rows
from boardtui.text import one_line


@dataclass
class PackDiff:
    old: str
    new: str
    ratings_changed: list[dict[str, Any]] = field(default_factory=list)
    actions_added: list[dict[str, Any]] = field(default_factory=list)
    actions_closed: list[dict[str, Any]] = field(default_factory=list)
    newly_overdue: list[dict[str, Any]] = field(default_factory=list)
    targets_revised: list[dict[str, Any]] = field(default_factory=list)
    minutes_added: list[dict[str, Any]] = field(default_factory=list)
    judgements_changed: list[dict[str, Any]] = field(default_factory=list)
    updates_added: list[dict[str, Any]] = field(default_factory=list)
    updates_decided: list[dict[str, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in SECTIONS)


SECTIONS = {
    "ratings_changed": "Ratings changed",
    "actions_added": "Actions added",
    "actions_closed": "Actions closed",
    "newly_overdue": "Newly overdue",
    "targets_revised": "Target dates revised",
    "minutes_added": "Minutes and decisions added",
    "judgements_changed": "Judgements changed",
    "updates_added": "Officers' updates added",
    "updates_decided": "Officers' updates decided",
}


def _read(store: Store) -> dict[str, Any]:
    with reading(store.path):
        return _read_state(store)


def _read_state(store: Store) -> dict[str, Any]:
    cur = store.cursor()
    try:
        return {
            "actions": {r["id"]: r for r in dicts(cur, "diff_action_state")},
            "minutes": {(r["meeting"], r["item_order"]): r for r in dicts(cur, "export/minute_item")},
            "judgements": {
                (r["weakness"], r["date"], r["body"], r["outcome"]): r for r in dicts(cur, "export/judgement")
            },
            "updates": {r["uid"]: r for r in dicts(cur, "export/officer_update")},
        }
    finally:
        cur.close()


def _directions(store: Store, changed: list[dict[str, Any]]) -> None:
    """Each changed rating's direction, as the app gives it (queries/rules.sql), in one query."""
    if not changed:
        return
    cur = store.rules_cursor()
    try:
        found = rows(cur, "diff_directions", was=[r["old"] for r in changed], now=[r["new"] for r in changed])
    finally:
        cur.close()
    for rating, (direction,) in zip(changed, found, strict=True):
        rating["direction"] = direction


def diff_packs(old: Store, new: Store) -> PackDiff:
    a, b = _read(old), _read(new)
    out = PackDiff(str(old.path), str(new.path))
    for key, now in b["actions"].items():
        was = a["actions"].get(key)
        brief = {"id": key, "weakness": now["weakness"], "title": now["title"]}
        if was is None:
            out.actions_added.append({**brief, "brag": now["brag"], "status": now["status"]})
            continue
        if was["brag"] != now["brag"]:
            out.ratings_changed.append(
                {
                    **brief,
                    "old": was["brag"],
                    "new": now["brag"],
                    "direction": "",  # given below, by _directions
                    "meeting": now["meeting"],
                }
            )
        if was["status"] == "open" and now["status"] != "open":
            out.actions_closed.append({**brief, "status": now["status"]})
        if now["overdue"] and not was["overdue"]:
            out.newly_overdue.append({**brief, "target": now["latest_target"]})
        if was["revised_target_date"] != now["revised_target_date"]:
            out.targets_revised.append(
                {
                    **brief,
                    "original": now["target_date"],
                    "old": was["revised_target_date"],
                    "new": now["revised_target_date"],
                }
            )
    for key, item in b["minutes"].items():
        if key not in a["minutes"] or a["minutes"][key]["text"] != item["text"]:
            out.minutes_added.append(
                {
                    "meeting": item["meeting"],
                    "item": item["item_order"],
                    "kind": item["kind"],
                    "action": item["action"],
                    "weakness": item["weakness"],
                    "text": item["text"],
                }
            )
    for key, j in b["judgements"].items():
        if key not in a["judgements"]:
            out.judgements_changed.append(
                {
                    "weakness": j["weakness"] or "whole area",
                    "date": j["date"],
                    "body": j["body"],
                    "outcome": j["outcome"],
                }
            )
    _directions(new, out.ratings_changed)
    _diff_updates(a["updates"], b["updates"], out)
    return out


def _diff_updates(old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]], out: PackDiff) -> None:
    """Updates in NEW that OLD lacks (by uid: the same update in every pack), and updates
    accepted or declined since."""
    for uid, u in new.items():
        brief = {
            "action": u["action"],
            "for_meeting": u["for_meeting"],
            "author": u["author"],
            "state": u["state"],
            "progress": u["progress"],
        }
        was = old.get(uid)
        if was is None:
            out.updates_added.append({**brief, "source": u["source"]})
        elif was["state"] != u["state"]:
            out.updates_decided.append(
                {**brief, "old": was["state"], "decided_by": u["decided_by"], "reason": u["decision_reason"]}
            )


def _update_line(section: str, row: dict[str, Any]) -> str:
    # The officer's words, on one line with control characters removed.
    head = (
        f"{one_line(row['action'])} for {one_line(row['for_meeting']) or 'the next meeting'} by "
        f"{one_line(row['author'])}"
    )
    if section == "updates_added":
        return f"{head} ({row['state']}, {one_line(row['source'])}): {one_line(row['progress'])}"
    why = f": {one_line(row['reason'])}" if row["reason"] else ""
    return f"{head}: {row['old']} → {row['state']} by {one_line(row['decided_by'])}{why}"


def _line(section: str, row: dict[str, Any]) -> str:
    """One change as one line: data through one_line, so a control sequence never reaches the
    terminal and a multi-line minute stays one item."""
    if section.startswith("updates_"):
        return _update_line(section, row)
    row = {key: one_line(value) if isinstance(value, str) else value for key, value in row.items()}
    if section == "ratings_changed":
        return f"{row['id']} {row['old'] or '-'} → {row['new'] or '-'} {row['direction']}  {row['title']}"
    if section == "actions_added":
        return f"{row['id']} ({row['weakness']}) {row['title']}"
    if section == "actions_closed":
        return f"{row['id']} {row['status']}  {row['title']}"
    if section == "newly_overdue":
        return f"{row['id']} target {row['target']}  {row['title']}"
    if section == "targets_revised":
        return f"{row['id']} revised {row['old'] or 'none'} → {row['new'] or 'none'} (original {row['original']})"
    if section == "minutes_added":
        about = row["action"] or row["weakness"] or "board"
        return f"{row['meeting']} item {row['item']} {row['kind']} ({about}): {row['text']}"
    return f"{row['weakness']} {row['date']} {row['body']}: {row['outcome']}"


def render_text(diff: PackDiff) -> str:
    lines = [f"{one_line(diff.old)} → {one_line(diff.new)}"]
    if diff.empty:
        return "\n".join([*lines, "no differences"])
    for name, title in SECTIONS.items():
        rows = getattr(diff, name)
        if rows:
            lines.append(f"\n{title} ({len(rows)})")
            lines += [f"  {_line(name, row)}" for row in rows]
    return "\n".join(lines)


# Every character that could start Markdown or HTML (a tag, an entity, a link, emphasis, a
# table cell) is backslash-escaped, which CommonMark shows as the character itself. Parentheses
# need not be: with brackets escaped they can no longer make a link.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|<>~&])")
# At the start of an item, a number and a full stop (or a dash) would begin a nested list.
_MD_LIST_START = re.compile(r"^(\d+)([.)])|^-")


def md_text(value: object) -> str:
    """Data as literal text on one Markdown line."""
    text = _MD_SPECIAL.sub(r"\\\1", one_line(value))
    return _MD_LIST_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}" if m.group(1) else "\\-", text)


def render_markdown(diff: PackDiff) -> str:
    lines = [f"# Changes: {md_text(diff.old)} → {md_text(diff.new)}", ""]
    if diff.empty:
        return "\n".join([*lines, "No differences."])
    for name, title in SECTIONS.items():
        rows = getattr(diff, name)
        if rows:
            lines += [f"## {title} ({len(rows)})", ""]
            lines += [f"- {md_text(_line(name, row))}" for row in rows]
            lines.append("")
    return "\n".join(lines)


# json escapes C0 controls itself; these it would leave raw.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def render_json(diff: PackDiff) -> str:
    def default(value: object) -> str:
        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    text = json.dumps(asdict(diff), default=default, indent=2, ensure_ascii=False)
    # Escaped as \uXXXX, the data stays exact for the program that reads it, and the terminal safe.
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
