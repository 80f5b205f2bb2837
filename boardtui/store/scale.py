"""A national view for load tests: ``boardtui demo PATH --scale N`` is N local areas' packs in one
file. Area 1 is the demo; areas 2..N copy its weaknesses, actions, ratings, minutes, evidence and
measures under their own codes ('A0002-W01'), sharing the board meetings. Deterministic for a
given N, and built in SQL so N=1000 (about 100k actions) takes seconds, not minutes."""

from __future__ import annotations

from pathlib import Path

import duckdb

from boardtui.store.queries import sql
from boardtui.store.snapshot import Progress

# In foreign-key order.
STEPS = [
    ("scale_weakness", {}),
    ("scale_judgement", {}),
    ("scale_action", {"first_wave": True}),
    ("scale_action", {"first_wave": False}),
    ("scale_rag_rating", {}),
    ("scale_weakness_rating", {}),
    ("scale_minute_item", {}),
    ("scale_evidence", {}),
    ("scale_measure", {}),
    ("scale_measure_value", {}),
    ("scale_board", {}),
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


def area_pack_id(area: int) -> str:
    """A demo area's own pack id, the same every time (each board in a lake has its own)."""
    import uuid

    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"boardtui:demo-area:{area}"))


def write_board_snapshots(
    target: Path, areas: int, *, public: bool = True, progress: Progress | None = None
) -> list[Path]:
    """What ``demo --scale N`` holds in one file, as N boards' snapshots: one folder per local
    area (area-0001, …), each the demo under its own name ('Area 0002') and pack id, exported by
    the same export as any pack. Written beside ``target`` and renamed into place when all are."""
    import os
    import shutil

    from boardtui.errors import BoardError
    from boardtui.resources import data_dir
    from boardtui.store import files
    from boardtui.store.build import build_pack
    from boardtui.store.db import LATEST_SCHEMA, Store, apply_migrations, memory_connection
    from boardtui.store.snapshot import export_snapshot

    target = Path(target)
    if target.exists():
        raise BoardError(f"{target} already exists; choose a new folder for the boards' snapshots.")
    if not target.parent.is_dir():
        raise BoardError(f"{target.parent} is not a folder; create it first.")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    con = memory_connection()
    try:
        apply_migrations(con, 0)
        build_pack(con, data_dir())
        store = Store(Path("demo.duckdb"), con, False, LATEST_SCHEMA)
        partial.mkdir(mode=files.PRIVATE_FOLDER)
        made = []
        for area in range(1, areas + 1):
            if area > 1:
                con.execute(sql("scale_board_identity"), {"area": area, "pack_id": area_pack_id(area)})
            else:
                con.execute(sql("scale_board_identity_first"), {"pack_id": area_pack_id(area)})
            folder = partial / f"area-{area:04d}"
            export_snapshot(store, folder, public=public)
            made.append(target / folder.name)
            if progress:
                progress(area, areas, folder.name)
        files.make_public(partial) if public else files.make_private(partial)
        os.replace(partial, target)
        return made
    finally:
        con.close()
        shutil.rmtree(partial, ignore_errors=True)
