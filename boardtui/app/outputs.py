"""Files the app writes in the background from a key: a Parquet snapshot (e) and the meeting
pack (p). Each runs in a worker thread, so the screen keeps answering keys; the app says the
worker's sentence when it ends, or its error.

One of each at a time: a key pressed again while one is being written says so (a national
pack's meeting pack takes a while; six at once held six threads and their memory). Each reads
through its own cursor, so the screens' reads never wait behind it."""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from boardtui.app.work import EXPORT, REPORT, in_thread
from boardtui.errors import BoardError

if TYPE_CHECKING:
    from boardtui.app.app import BoardApp
    from boardtui.store.views import BoardViews


def snapshot_target(app: BoardApp) -> Path:
    folder = app.config.snapshots or app.pack_path.parent / "snapshots"
    stem = app.pack_path.stem if app.pack_path.suffix else app.pack_path.name
    return folder / f"{stem}-{datetime.now():%Y%m%d-%H%M%S}"


def _under_way(app: BoardApp, group: str, what: str) -> bool:
    writing = app.files_writing.get(group)
    if writing is not None and not writing.is_finished:
        app.notify(f"{what} is still being written; it says when it is done.", timeout=4)
        return True
    return False


def on_a_lake(app: BoardApp, what: str) -> bool:
    """Say so when the app shows a lake: it holds boards' snapshots, and writes nothing."""
    store = app.views.store
    if store is not None and store.reader is not None:
        app.notify(
            f"This is a lake of boards' snapshots, read as it is: {what} is made from each board's own pack.",
            severity="warning",
            timeout=8,
        )
        return True
    return False


def export_snapshot_now(app: BoardApp) -> None:
    if on_a_lake(app, "a snapshot") or _under_way(app, EXPORT, "A snapshot"):
        return
    target = snapshot_target(app)
    app.notify(f"Exporting a snapshot to {target} …", timeout=3)
    said = partial(app.notify, timeout=8)  # the sentence the worker returns, saying what was written
    app.files_writing[EXPORT] = in_thread(
        app, partial(_export, app.views, target), said, app.say_failure, name="snapshot", group=EXPORT
    )


def write_meeting_pack_now(app: BoardApp) -> None:
    if app.meeting is None:
        app.notify("There is no board meeting to write a pack for.", severity="warning")
        return
    if on_a_lake(app, "a meeting pack") or _under_way(app, REPORT, "A meeting pack"):
        return
    from boardtui.report import report_name

    folder = app.config.reports or app.pack_path.parent / "reports"
    target = folder / report_name(app.pack_path, app.meeting, "html", public=False)
    app.notify(f"Writing the meeting pack to {target} …", timeout=3)
    work = partial(_report, app.views, app.meeting.id, target)
    said = partial(app.notify, timeout=8)  # the sentence the worker returns, saying what was written
    app.files_writing[REPORT] = in_thread(app, work, said, app.say_failure, name="meeting pack", group=REPORT)


def _make_folder(folder: Path) -> None:
    """The snapshots or reports folder: made for its owner only (what goes in is confidential)."""
    from boardtui.store.files import private_folder

    try:
        private_folder(folder)
    except OSError as err:
        raise BoardError(
            f"could not make the folder {folder} ({err.strerror}); choose another in boardtui.toml."
        ) from None


def _export(views: BoardViews, target: Path) -> str:
    # A worker thread with its own cursor (export_snapshot makes one).
    from boardtui.app.reads import whole_pack
    from boardtui.store.snapshot import export_snapshot

    _make_folder(target.parent)
    with whole_pack(views):
        result = export_snapshot(views.opened_store(), target)
    rows = sum(f["rows"] for f in result.manifest["files"].values())
    return f"Snapshot written to {result.folder} ({rows} rows)."


def _report(views: BoardViews, meeting_id: str, target: Path) -> str:
    from boardtui.app.reads import whole_pack
    from boardtui.report import write_report
    from boardtui.store.views import BoardViews

    _make_folder(target.parent)
    own = BoardViews(views.opened_store())  # its own cursor: the screens' reads do not queue behind it
    try:
        with whole_pack(views):
            write_report(own, meeting_id, "html", target, public=False)
    except OSError as err:
        raise BoardError(f"could not write {target} ({err.strerror}).") from None
    finally:
        own.close_cursor()
    return f"Meeting pack written to {target}."
