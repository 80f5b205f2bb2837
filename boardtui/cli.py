"""The command line. Only opening the app imports Textual; every other command stays free of it."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

from boardtui import __version__
from boardtui.errors import BoardError
from boardtui.text import one_line

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

    import duckdb

    from boardtui.app.run import FirstFrameChild, KeptFrame
    from boardtui.store.db import Store
    from boardtui.store.publication import Candidate


class Subcommands(Protocol):
    """What add_subparsers gives (argparse names its class privately)."""

    def add_parser(self, name: str, **kwargs: Any) -> argparse.ArgumentParser: ...


COMMANDS = (
    "demo",
    "init",
    "check",
    "export",
    "diff",
    "report",
    "import",
    "meeting",
    "returns",
    "review",
    "lake",
    "kit",
)


def _parser_for_open() -> argparse.ArgumentParser:
    import argparse  # here, not at the top: `boardtui PACK` starts reading its pack before this

    parser = argparse.ArgumentParser(
        prog="boardtui",
        description="Open a SEND improvement board pack in the terminal. "
        f"Other commands: {', '.join(COMMANDS)} (boardtui COMMAND --help).",
    )
    parser.add_argument("db", nargs="?", help="board pack (.duckdb); default: config 'database', else the demo pack")
    parser.add_argument("--read-only", action="store_true", help="open without the right to record anything")
    parser.add_argument("--config", help="config file (default: BOARDTUI_CONFIG, ./boardtui.toml, user config dir)")
    parser.add_argument("--version", action="version", version=f"boardtui {__version__}")
    return parser


def _parser_for_commands() -> argparse.ArgumentParser:
    import argparse

    parser = argparse.ArgumentParser(prog="boardtui")
    parser.add_argument("--version", action="version", version=f"boardtui {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write the illustrative demo pack to PATH")
    demo.add_argument("path")
    demo.add_argument(
        "--scale",
        type=int,
        default=1,
        metavar="N",
        help="N local areas' packs in one file, for load tests (default: 1, the demo)",
    )
    demo.add_argument(
        "--boards",
        action="store_true",
        help="write the N areas as N boards' public snapshots into the new folder PATH, each with "
        "its own pack id (for a lake: boardtui lake add LAKE PATH/*)",
    )
    init = sub.add_parser("init", help="create an empty board pack")
    init.add_argument("path")
    init.add_argument("--weaknesses", help="TOML file of [[weakness]] entries (code, short_name, title, theme)")
    init.add_argument("--name", default="Improvement Board", help="board name (default: %(default)s)")
    init.add_argument("--area", default="Local area SEND partnership", help="local area (default: %(default)s)")
    init.add_argument(
        "--glossary",
        help="TOML file of [[term]] entries (term, spelled_out, meaning): what the "
        "board's acronyms stand for, spelled out in the public update",
    )
    check = sub.add_parser("check", help="schema version, row counts and problems; exit 1 on problems")
    check.add_argument("path", help="a pack (.duckdb) or a snapshot folder")
    export = sub.add_parser("export", help="write a Parquet snapshot of a pack (or of a snapshot)")
    export.add_argument("path", help="a pack (.duckdb) or a snapshot folder")
    export.add_argument("--to", required=True, dest="to", help="new folder for the snapshot")
    export.add_argument(
        "--public", action="store_true", help="leave out confidential minutes, the audit log and individuals' names"
    )
    diff = sub.add_parser("diff", help="what changed between two packs or snapshots")
    diff.add_argument("old", help="a pack (.duckdb) or a snapshot folder")
    diff.add_argument("new", help="a pack (.duckdb) or a snapshot folder")
    diff.add_argument("--format", choices=("text", "json", "md"), default="text")
    report = sub.add_parser("report", help="the meeting pack or public update, as Markdown or HTML")
    report.add_argument("path", help="a pack (.duckdb) or a snapshot folder")
    report.add_argument("--meeting", default="latest", help="latest, a board meeting id (M19) or date (YYYY-MM-DD)")
    report.add_argument("--format", choices=("md", "html"), required=True)
    report.add_argument(
        "--public", action="store_true", help="the family-facing update: no confidential items, no individuals' names"
    )
    report.add_argument("--out", required=True, help="file to write")
    imp = sub.add_parser("import", help="bring in a tracker (CSV or .xlsx): all of it, or nothing")
    imp.add_argument("path", help="the pack (.duckdb) to import into")
    imp.add_argument("file", help="the tracker: .csv (UTF-8 or Windows-1252) or .xlsx")
    imp.add_argument("--sheet", help="the workbook sheet, in any case (default: the first with a header row)")
    imp.add_argument("--mapping", help="TOML: kind, header_row, meeting, [columns], [defaults], [values.FIELD]")
    imp.add_argument("--plan", metavar="CODE", help="the plan new actions join when the tracker has no plan column")
    imp.add_argument(
        "--create-meetings",
        action="store_true",
        help="create a board meeting (minutes draft) for each date the pack has none for",
    )
    imp.add_argument("--dry-run", action="store_true", help="show what would be added and changed; write nothing")
    imp.add_argument("--config", help="config file (for your name in the audit log)")
    meeting = sub.add_parser("meeting", help="board meetings")
    meeting_sub = meeting.add_subparsers(dest="meeting_command", required=True)
    new = meeting_sub.add_parser("new", help="create the next board meeting (minutes draft)")
    new.add_argument("path", help="the pack (.duckdb)")
    new.add_argument("--date", required=True, help="the meeting's date, YYYY-MM-DD; after the latest board meeting")
    new.add_argument("--title", help="default: Improvement Board - <Month YYYY>")
    new.add_argument("--yes", action="store_true", help="confirm a date more than six months ahead")
    new.add_argument("--config", help="config file (for your name in the audit log)")
    _returns_parser(sub)
    _lake_parser(sub)
    review = sub.add_parser(
        "review",
        help="the publication review: words that look like names, withheld or kept before anything public is written",
    )
    review.add_argument("path", help="the pack (.duckdb)")
    review.add_argument(
        "--meeting",
        help="only what the public update for this meeting carries (latest, an id or "
        "a date); default: everything a public snapshot carries, which includes every update",
    )
    action = review.add_mutually_exclusive_group()
    action.add_argument(
        "--to", metavar="FILE", help="write the candidates into a review file (TOML) to decide in a text editor"
    )
    action.add_argument("--apply", metavar="FILE", help="record the decisions a review file holds (audited)")
    review.add_argument(
        "--all",
        action="store_true",
        help="with --to or the list: the candidates decided already too, to see or change their decision",
    )
    review.add_argument("--config", help="config file (for your name in the audit log)")
    kit = sub.add_parser(
        "kit",
        help="write a folder that installs boardtui with no network on Windows, macOS and "
        "Linux (for officers' laptops); needs the network itself",
    )
    kit.add_argument("folder", help="the new folder to write the kit into")
    kit.add_argument(
        "--platform",
        action="append",
        metavar="NAME",
        help="windows, macos-intel, macos-arm, linux, linux-arm or here (this machine's); repeat or "
        "separate with commas (default: windows, macos-intel, macos-arm, linux)",
    )
    kit.add_argument(
        "--python",
        action="append",
        metavar="VERSION",
        help="Python versions the kit installs on (default: 3.11, 3.12, 3.13)",
    )
    kit.add_argument(
        "--plan", action="store_true", help="say what would be fetched, with pip's commands; fetch nothing"
    )
    return parser


def _returns_parser(sub: Subcommands) -> None:
    returns = sub.add_parser("returns", help="officers' returns: send your updates, or merge returns into the pack")
    returns_sub = returns.add_subparsers(dest="returns_command", required=True)
    export = returns_sub.add_parser("export", help="write your updates not sent yet into one return file")
    export.add_argument("source", help="the pack (.duckdb) or snapshot folder you wrote your updates on")
    export.add_argument(
        "--to",
        required=True,
        dest="to",
        help="the return file to write (ends .boardreturn), or a folder to write it into",
    )
    export.add_argument("--author", help="whose updates (default: user in the config, else your login name)")
    export.add_argument(
        "--all",
        action="store_true",
        dest="include_sent",
        help="send the updates already sent too (a return that went astray)",
    )
    export.add_argument("--config", help="config file (for your name)")
    imp = returns_sub.add_parser(
        "import", help="merge officers' returns into the pack: every update submitted, conflicts shown"
    )
    imp.add_argument("path", help="the board's pack (.duckdb)")
    imp.add_argument("files", nargs="+", metavar="FILE", help="return files (.boardreturn)")
    imp.add_argument("--config", help="config file (for your name in the audit log)")
    waiting = returns_sub.add_parser("list", help="the returns in the returns folder, and which are imported")
    waiting.add_argument("path", help="the board's pack (.duckdb)")
    waiting.add_argument(
        "--folder", help="the returns folder (default: config 'returns', else returns/ beside the pack)"
    )
    waiting.add_argument("--config", help="config file (for its returns folder)")
    due = returns_sub.add_parser(
        "due",
        help="the next meeting's actions by lead officer, and who has sent an "
        "update since the last meeting and who has not (for a reminder email)",
    )
    due.add_argument("path", help="the board's pack (.duckdb) or a snapshot folder")
    due.add_argument(
        "--format",
        choices=("text", "md", "csv"),
        default="text",
        help="text (pastes into an email; the default), md (a Markdown table) or csv",
    )
    due.add_argument(
        "--folder",
        help="the returns folder, whose returns not yet imported count as sent "
        "(default: config 'returns', else returns/ beside the pack)",
    )
    due.add_argument("--config", help="config file (for its returns folder)")


def _lake_parser(sub: Subcommands) -> None:
    lake = sub.add_parser(
        "lake",
        help="many boards' snapshots as one set of Hive-style tables, for regional or "
        "national views (open it with: boardtui LAKE)",
    )
    lake_sub = lake.add_subparsers(dest="lake_command", required=True)
    add = lake_sub.add_parser(
        "add", help="add snapshots to a lake (made if new), each replacing its board's older one: all of them, or none"
    )
    add.add_argument("lake", help="the lake folder")
    add.add_argument("snapshots", nargs="+", metavar="SNAPSHOT", help="snapshot folders (boardtui export --public)")
    add.add_argument(
        "--private",
        action="store_true",
        help="also accept full snapshots (names, audit log, confidential minutes); the lake becomes its owner's only",
    )
    listing = lake_sub.add_parser("list", help="the boards in a lake, and what was added when")
    listing.add_argument("lake", help="the lake folder")


def _cmd_lake(args: argparse.Namespace) -> int:
    from boardtui.store import lake

    if args.lake_command == "add":
        added = lake.add(Path(args.lake), [Path(s) for s in args.snapshots], private=args.private)
        catalog = lake.read_catalog(Path(args.lake))
        from boardtui.app.frame_cache import read_and_keep_lake  # no Textual: what the app paints first

        read_and_keep_lake(Path(args.lake))
        lines = [f"added {len(added)} snapshot(s) to {args.lake}, which now holds {len(catalog.boards)} board(s):"]
        lines += [f"  {lake.describe(a)}" for a in added]
        if catalog.private:
            lines.append("the lake holds full snapshots: it is its owner's only")
        print("\n".join(one_line(line) for line in lines))
        return 0
    folder = Path(args.lake)
    if not lake.is_lake(folder):
        raise BoardError(
            f"{folder} is not a boardtui lake (it has no {lake.CATALOG}); make one with "
            f"'boardtui lake add {folder} SNAPSHOT'."
        )
    lake.finish(folder)
    catalog = lake.read_catalog(folder)
    history = lake.read_history(folder)
    kind = "full and public snapshots, its owner's only" if catalog.private else "public snapshots"
    lines = [f"{folder}: {len(catalog.boards)} board(s), {kind}; {len(history)} snapshot(s) added in all"]
    for b in catalog.boards.values():
        what = "public" if b.public else "full"
        lines.append(
            f"  {b.key}  {b.name} ({b.area})  {what} snapshot exported {b.exported_at}, added {b.added_at}"
            f"  board={b.pack_id}"
        )
    print("\n".join(one_line(line) for line in lines))
    return 0


def _replace_atomically(path: Path, build: Callable[[Store], None]) -> None:
    """Build a new pack beside ``path`` and rename it into place only when complete."""
    from boardtui.store.db import open_store
    from boardtui.store.files import make_private

    if path.exists():
        raise BoardError(f"{path} already exists; choose another path or remove it first.")
    wal = path.with_name(path.name + ".wal")
    if wal.exists():  # DuckDB would replay it into the new pack, and refuse to open it
        raise BoardError(f"{wal} is left from an earlier file at this path; remove it, or choose another path.")
    if not path.parent.is_dir():
        raise BoardError(f"{path.parent} is not a folder; create it first.")
    if not os.access(path.parent, os.W_OK):
        raise BoardError(f"{path.parent} is a folder you cannot write to; choose another path.")
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        store = open_store(partial, create=True)
        make_private(partial)  # a pack holds confidential minutes: its owner's only
        try:
            build(store)
            store.con.checkpoint()
        finally:
            store.close()
        os.replace(partial, path)
    finally:
        for leftover in (partial, partial.with_name(partial.name + ".wal")):
            leftover.unlink(missing_ok=True)


def write_demo(path: Path, scale: int = 1) -> None:
    from boardtui.resources import data_dir
    from boardtui.store.build import build_pack
    from boardtui.store.scale import add_areas

    def build(store: Store) -> None:
        build_pack(store.con, data_dir())
        add_areas(store.con, scale)

    _replace_atomically(path, build)


def _cmd_demo(args: argparse.Namespace) -> int:
    from boardtui.store.scale import MAX_AREAS

    if not 1 <= args.scale <= MAX_AREAS:
        raise BoardError(f"--scale {args.scale}: choose a number of local areas from 1 to {MAX_AREAS}.")
    path = Path(args.path)
    if args.boards:
        from boardtui.store.scale import write_board_snapshots
        from boardtui.store.snapshot import terminal_progress

        made = write_board_snapshots(path, args.scale, progress=terminal_progress())
        print(f"wrote {len(made)} board(s)' public snapshots to {one_line(path)}")
        return 0
    write_demo(path, args.scale)
    print(f"wrote the demo board pack to {one_line(path)}" + (f" ({args.scale} local areas)" if args.scale > 1 else ""))
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from boardtui.store.build import load_glossary, load_rows, load_weaknesses

    path = Path(args.path)
    weaknesses = load_weaknesses(Path(args.weaknesses)) if args.weaknesses else []
    glossary = load_glossary(Path(args.glossary)) if args.glossary else []

    def build(store: Store) -> None:
        with store.transaction() as cur:
            load_rows(cur, "board", [{"id": 1, "name": args.name, "area": args.area, "illustrative": False}])
            load_rows(cur, "weakness", weaknesses)
            load_rows(cur, "glossary", glossary)

    _replace_atomically(path, build)
    print(
        f"created {one_line(path)} with {len(weaknesses)} weakness(es)"
        + (f" and {len(glossary)} glossary term(s)" if glossary else "")
    )
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from boardtui.store.check import check_pack
    from boardtui.store.db import open_store

    store = open_store(args.path, read_only=True)
    try:
        report = check_pack(store)
    finally:
        store.close()
    print("\n".join(report.lines()))
    return 0 if report.sound else 1


def _cmd_export(args: argparse.Namespace) -> int:
    from boardtui.store.db import open_store, verify_sound
    from boardtui.store.snapshot import export_snapshot, terminal_progress

    store = open_store(args.path, read_only=True)
    try:
        verify_sound(store)  # a damaged pack is named as such, not blamed on the export
        result = export_snapshot(store, Path(args.to), public=args.public, progress=terminal_progress())
    finally:
        store.close()
    files = result.manifest["files"]
    rows = sum(entry["rows"] for entry in files.values())
    kind = "public snapshot" if args.public else "snapshot"
    print(
        f"wrote a {kind} of {one_line(args.path)} to {one_line(result.folder)}: {len(files)} Parquet files, {rows} rows"
    )
    for removed in result.manifest["removed"]:
        print(f"  removed: {removed}")
    if args.public:
        print(one_line(result.said))
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from boardtui.store.db import open_store, verify_sound
    from boardtui.store.diff import diff_packs, render_json, render_markdown, render_text

    old = open_store(args.old, read_only=True)
    try:
        new = open_store(args.new, read_only=True)
        try:
            for side in (old, new):  # what a damaged pack says is not a change: refused, as check does
                verify_sound(side)
            diff = diff_packs(old, new)
        finally:
            new.close()
    finally:
        old.close()
    render = {"text": render_text, "json": render_json, "md": render_markdown}[args.format]
    print(render(diff))
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from boardtui.report import write_report
    from boardtui.store.db import open_store, reading, verify_sound
    from boardtui.store.views import BoardViews

    views = BoardViews(open_store(args.path, read_only=True))
    try:
        store = views.opened_store()
        verify_sound(store)  # a meeting pack is never written from a damaged pack
        with reading(store.path):
            written = write_report(views, args.meeting, args.format, Path(args.out), public=args.public)
    finally:
        views.close()
    print(f"wrote the {'public update' if args.public else 'meeting pack'} to {one_line(written.path)}")
    if args.public:
        print(one_line(written.said))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from boardtui.config import load_config
    from boardtui.store.db import open_store
    from boardtui.store.importer import import_file
    from boardtui.text import one_line

    who = load_config(args.config).who
    store = open_store(args.path, read_only=args.dry_run)
    try:
        plan, problems = import_file(
            store,
            Path(args.file),
            sheet=args.sheet,
            mapping=Path(args.mapping) if args.mapping else None,
            dry_run=args.dry_run,
            who=who,
            plan=args.plan,
            create_meetings=args.create_meetings,
        )
    finally:
        store.close()
    # Every line echoes the tracker's words: each goes out on one line with control characters
    # removed, whatever a message put into it.
    shown = one_line(args.file)
    if problems:
        # How the file was read (its sheet, the columns left out) often explains a problem. A
        # file with a problem in every cell is listed as far as anyone reads, then counted.
        from boardtui.store.limits import PROBLEMS_LISTED

        lines = [str(problem) for problem in problems[:PROBLEMS_LISTED]]
        if len(problems) > PROBLEMS_LISTED:
            lines.append(f"… and {len(problems) - PROBLEMS_LISTED} more problem(s) like these, not listed")
        lines += plan.notes
        lines.append(
            f"{len(problems)} problem(s) in {shown}; nothing was imported. Fix the cells named above and import again."
        )
        print("\n".join(f"boardtui: {one_line(line)}" for line in lines), file=sys.stderr)
        return 2
    heading = f"dry run of {shown}, nothing written:" if args.dry_run else f"imported {shown}:"
    print("\n".join([heading, *(f"  {one_line(line)}" for line in plan.describe(done=not args.dry_run))]))
    return 0


def _cmd_meeting(args: argparse.Namespace) -> int:
    from boardtui.config import load_config
    from boardtui.store.db import open_store, reading
    from boardtui.store.recording import FarAheadError, Recorder

    store = open_store(args.path)
    try:
        store.ensure_sound()  # before reading anything to decide what to write
        with reading(store.path, writing=True):
            meeting_id = Recorder(store, load_config(args.config).who).new_meeting(
                args.date, args.title, far_ahead_ok=args.yes
            )
    except FarAheadError as err:
        raise BoardError(
            f"date: {err.day:%d %b %Y} is more than six months ahead (after {err.limit:%d %b %Y}); "
            "check the year, or add --yes to confirm it."
        ) from None
    finally:
        store.close()
    print(
        f"created board meeting {one_line(meeting_id)} on {one_line(args.date)} (minutes draft) in {one_line(args.path)}"
    )
    return 0


def _cmd_returns(args: argparse.Namespace) -> int:
    return {"export": _returns_export, "import": _returns_import, "list": _returns_list, "due": _returns_due}[
        args.returns_command
    ](args)


def _returns_export(args: argparse.Namespace) -> int:
    from boardtui.config import load_config
    from boardtui.store.returns import export_return
    from boardtui.text import one_line

    author = args.author or load_config(args.config).who
    sent = export_return(Path(args.source), Path(args.to), author, include_sent=args.include_sent)
    # Every line echoes the officer's words: one line each, control characters removed.
    lines = [
        f"wrote the return {one_line(sent.path)}: {len(sent.updates)} update(s) by {one_line(', '.join(sent.authors))}"
    ]
    lines += [
        f"  {one_line(u.action)} for {one_line(u.for_meeting or 'the next meeting')}, written "
        f"{u.written_at:%d %b %Y %H:%M}"
        for u in sent.updates
    ]
    lines += [f"  note: {one_line(note)}" for note in sent.notes]
    lines.append("send this file to the board secretary (by email, or into the returns folder)")
    print("\n".join(lines))
    return 0


def _returns_import(args: argparse.Namespace) -> int:
    from boardtui.config import load_config
    from boardtui.store.db import open_store
    from boardtui.store.merge import ReturnsRefused, import_returns
    from boardtui.text import cut, one_line

    who = load_config(args.config).who
    store = open_store(args.path)
    try:
        try:
            merged = import_returns(store, [Path(f) for f in args.files], who)
        except ReturnsRefused as err:
            for problem in err.problems:
                print(f"boardtui: {one_line(problem)}", file=sys.stderr)
            print("boardtui: nothing was imported; import again without the file(s) named above.", file=sys.stderr)
            return 2
    finally:
        store.close()
    lines = []
    for ret in merged:
        lines.append(
            one_line(
                f"imported {ret.path.name} from {cut(ret.author)} (written on {ret.based_on}): "
                f"{len(ret.added)} update(s) submitted, {ret.already} already in the pack"
            )
        )
        for u in ret.added:
            found = "; ".join(u.conflicts) if u.conflicts else "no conflicts"
            lines.append(
                "  "
                + one_line(
                    f"{cut(u.action)} for {cut(u.for_meeting or 'the next meeting')} by {cut(u.author)}: {found}"
                )
            )
        for row, sentence in ret.flagged:
            lines.append(
                "  "
                + one_line(
                    f"{cut(row['action'])} for {cut(row['for_meeting'] or 'the next meeting')} "
                    f"by {cut(row['author'])} (already in the pack, {row['source']}): "
                    f"{sentence}"
                )
            )
    lines.append("nothing in the board's record changes until an update is accepted (the returns screen in the app)")
    print("\n".join(lines))
    return 0


def _returns_list(args: argparse.Namespace) -> int:
    from boardtui.config import load_config
    from boardtui.store.db import open_store, verify_sound
    from boardtui.store.merge import returns_folder, returns_waiting
    from boardtui.text import cut, one_line

    folder = Path(args.folder) if args.folder else returns_folder(load_config(args.config).returns, Path(args.path))
    store = open_store(args.path, read_only=True)
    try:
        verify_sound(store)  # whether a return is imported is read from the pack: a sound one
        found = returns_waiting(store, folder)
    finally:
        store.close()
    waiting = [r for r in found if not r.imported and r.problem is None]
    print(one_line(f"{folder}: {len(found)} return(s), {len(waiting)} waiting to be imported"))
    for r in found:
        if r.problem:
            state = f"cannot be imported: {r.problem}"
        elif r.imported:
            state = "imported"
        else:
            state = f"waiting: {r.new} of {r.updates} update(s) not in the pack"
        who = f" from {cut(r.author)}, {r.exported_at:%d %b %Y %H:%M}" if r.author else ""
        print("  " + one_line(f"{r.path.name}{who}: {state}"))
    return 0


def _cmd_kit(args: argparse.Namespace) -> int:
    from boardtui.kit import choose_platforms, choose_pythons, make_kit, plan

    platforms, pythons = choose_platforms(args.platform), choose_pythons(args.python)
    if args.plan:
        print(
            one_line(
                f"a kit in {args.folder} would hold boardtui and every dependency for "
                f"{len(platforms)} platform(s) and {len(pythons)} Python version(s), fetched with:"
            )
        )
        for line in plan(platforms, pythons):
            print("  " + one_line(line))
        return 0
    built = make_kit(Path(args.folder), platforms, pythons, say=lambda line: print(one_line(line), file=sys.stderr))
    print(
        one_line(f"wrote the install kit {built.folder}: {len(built.wheels)} wheel(s), {built.size / 1e6:.0f} MB, for:")
    )
    for target in built.targets:
        print("  " + one_line(f"{target['describe']}, Python {target['python']}: {len(target['wheels'])} wheel(s)"))
    print(
        "officers: copy the whole folder, then double-click install.cmd (Windows) or run sh install.sh "
        "(macOS, Linux); README.txt in it says the rest"
    )
    return 0


def _returns_due(args: argparse.Namespace) -> int:
    from boardtui.config import load_config
    from boardtui.store.db import open_store, verify_sound
    from boardtui.store.merge import returns_folder
    from boardtui.store.officers import returns_due

    folder = Path(args.folder) if args.folder else returns_folder(load_config(args.config).returns, Path(args.path))
    store = open_store(args.path, read_only=True)
    try:
        verify_sound(store)
        due = returns_due(store, folder)
    finally:
        store.close()
    # Every format writes the pack's words as data: one line each, control characters removed.
    print({"text": due.text, "md": due.markdown, "csv": due.csv}[args.format]().rstrip("\n"))
    return 0


def _cmd_review(args: argparse.Namespace) -> int:
    from contextlib import closing

    from boardtui.config import load_config
    from boardtui.store import review_file
    from boardtui.store.db import open_store, reading
    from boardtui.store.publication import Publication, review_lines

    path = Path(args.path)
    store = open_store(path, read_only=not args.apply)
    try:
        with reading(store.path, writing=bool(args.apply)):
            with closing(store.cursor()) as cur:
                publication = Publication(cur)
            if args.apply:
                from boardtui.store.recording import Recorder

                decided = {key: d["decision"] for key, d in publication.decided.items()}
                request = review_file.read(Path(args.apply), publication.confidential, decided)
                if not request.decisions and not request.titles:
                    print(f"{one_line(args.apply)} decides nothing new; nothing was recorded")
                    return 0
                store.ensure_sound()
                request.apply(Recorder(store, load_config(args.config).who))
                store.con.checkpoint()
                print(
                    one_line(
                        f"recorded {len(request.decisions)} decision(s) and {len(request.titles)} public "
                        f"title(s) from {args.apply} in {path} (audited)"
                    )
                )
                return 0
            candidates, scope = _review_candidates(store, args.meeting)
    finally:
        store.close()
    shown = candidates if args.all else [c for c in candidates if c.decision is None]
    actions = list(publication.confidential.values())
    if args.to:
        review_file.write(Path(args.to), review_file.render(path, scope, shown, actions))
        print(
            one_line(
                f"wrote {len(shown)} candidate(s) and {len(actions)} confidential action(s) to {args.to}: "
                f"fill in each decision, then run: boardtui review {path} --apply {args.to}"
            )
        )
        return 0
    undecided = sum(1 for c in candidates if c.decision is None)
    lines = [f"{scope}: {len(candidates)} word(s) that look like names, {undecided} not decided yet"]
    lines += review_lines(shown)
    for a in actions:
        lines.append(
            f"{a.id} arises from confidential minute {a.meeting} item {a.item_order}: "
            + (f'published as "{a.public_title}"' if a.public_title else "left out of public outputs")
        )
    if undecided:
        lines.append(f"decide them in the app (P) or with: boardtui review {path} --to review.toml")
    # Words from the pack: one line each, control characters removed; places indented under each.
    print("\n".join(("    " if line.startswith("    ") else "") + one_line(line) for line in lines))
    return 0


def _review_candidates(store: Store, meeting: str | None) -> tuple[list[Candidate], str]:
    """The candidates in what is published, and what that is, in words."""
    if meeting is None:
        from boardtui.store.snapshot import public_candidates

        return public_candidates(store), "everything a public snapshot carries"
    from boardtui.report import review
    from boardtui.store.views import BoardViews

    views = BoardViews(store)
    return review(views, meeting), f"the public update for {meeting}"


def _read_first_frame_early(argv: list[str]) -> KeptFrame | FirstFrameChild | None:
    """`boardtui PACK`: the frame kept from the last read, or else start reading the first
    frame before anything else is imported (the child's DuckDB then has the most time to finish
    while Textual imports here). Anything else waits for the arguments to be parsed properly."""
    if not argv or argv[0].startswith("-") or not os.path.exists(argv[0]):
        return None
    from boardtui.app.run import read_first_frame_early

    return read_first_frame_early(Path(argv[0]))


def _open_app(args: argparse.Namespace, child: KeptFrame | FirstFrameChild | None = None) -> int:
    from boardtui.config import load_config
    from boardtui.store.files import user_data_dir

    config = load_config(args.config)
    if args.db:
        path = Path(args.db)
    elif config.database:
        path = config.database
    else:
        path = user_data_dir() / "demo.duckdb"
        if not path.exists():
            from boardtui.store.files import private_folder

            private_folder(path.parent)
            print(f"building the demo board pack in {one_line(path)} …", file=sys.stderr)
            write_demo(path)
    from boardtui.app.run import run_app  # Textual is loaded only here

    return run_app(path, config, read_only=args.read_only, child=child)


def _packs_named(args: argparse.Namespace | None) -> list[str]:
    names = [getattr(args, name, None) for name in ("path", "old", "new", "db")] if args else []
    return [str(name) for name in names if name]


def _unexpected(err: Exception, args: argparse.Namespace | None) -> str | None:
    """One sentence for an error no command turned into one: DuckDB's, or the file system's.
    None for anything else, which is a bug and keeps its traceback."""
    packs = _packs_named(args)
    first = str(err).splitlines()[0] if str(err) else type(err).__name__
    if type(err).__module__.split(".")[0] in ("duckdb", "_duckdb"):
        if len(packs) == 1:
            from boardtui.store.db import describe_read_error

            writing = getattr(args, "command", None) in ("import", "meeting") and not getattr(args, "dry_run", False)
            return str(describe_read_error(Path(packs[0]), cast("duckdb.Error", err), writing=writing))
        from boardtui.command import program

        return (
            f"{' or '.join(packs) or 'a pack'} could not be read ({first}); to see whether each is sound, "
            f"run {program()} check on it."
        )
    if isinstance(err, OSError):
        where = err.filename or " or ".join(packs) or "a file"
        return f"{where} could not be used ({err.strerror or first}); check it is there and you may use it."
    return None


def _undecided_lines(err: BoardError) -> list[str]:
    """A public output refused while words in it are undecided: each of them, in context."""
    candidates = getattr(err, "candidates", None)
    if not candidates:
        return []
    from boardtui.store.publication import review_lines

    return review_lines(candidates)


# The commands that may change the pack they are given (args.path): one that did keeps the
# pack's new first frame as it ends (app/frame_cache.py), as the app keeps what it records.
CHANGE_A_PACK = {"demo", "init", "import", "meeting", "returns", "review"}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    args = None
    from boardtui.store.files import private_by_default

    private_by_default()  # what DuckDB writes itself (a pack's log) is its owner's only too
    try:
        if argv and argv[0] in COMMANDS:
            args = _parser_for_commands().parse_args(argv)
            commands = {
                "demo": _cmd_demo,
                "init": _cmd_init,
                "check": _cmd_check,
                "export": _cmd_export,
                "diff": _cmd_diff,
                "report": _cmd_report,
                "import": _cmd_import,
                "meeting": _cmd_meeting,
                "returns": _cmd_returns,
                "review": _cmd_review,
                "lake": _cmd_lake,
                "kit": _cmd_kit,
            }
            changes = args.command in CHANGE_A_PACK and getattr(args, "path", None)
            if changes:
                from boardtui.app import frame_cache  # no Textual

                before = frame_cache.identity(Path(args.path))
            done = commands[args.command](args)
            if changes and done == 0 and frame_cache.identity(Path(args.path)) != before:
                frame_cache.read_and_keep(Path(args.path))  # the app's next start paints at once
            return done
        from boardtui.app.malloc import one_arena
        from boardtui.app.tty import held  # no Textual: it holds the keys typed while Textual loads

        one_arena()  # before the first thread (and the first-frame child, which inherits it)
        with held():
            child = _read_first_frame_early(argv)
            args = _parser_for_open().parse_args(argv)
            return _open_app(args, child)
    except BoardError as err:
        print(f"boardtui: {one_line(err)}", file=sys.stderr)  # it may name a file, or quote one
        for line in _undecided_lines(err):
            print(("    " if line.startswith("    ") else "  ") + one_line(line), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the output went to a program that stopped reading (| head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as err:
        sentence = _unexpected(err, args)
        if sentence is None:
            raise
        print(f"boardtui: {one_line(sentence)}", file=sys.stderr)
        return 2
