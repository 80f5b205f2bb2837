"""The command line. Only opening the app imports Textual; every other command stays free of it."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from boardtui import __version__
from boardtui.errors import BoardError

COMMANDS = ("demo", "init", "check", "export", "diff", "report", "import", "meeting")


def _parser_for_open() -> argparse.ArgumentParser:
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
    parser = argparse.ArgumentParser(prog="boardtui")
    parser.add_argument("--version", action="version", version=f"boardtui {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="write the illustrative demo pack to PATH")
    demo.add_argument("path")
    demo.add_argument("--scale", type=int, default=1, metavar="N",
                      help="N local areas' packs in one file, for load tests (default: 1, the demo)")
    init = sub.add_parser("init", help="create an empty board pack")
    init.add_argument("path")
    init.add_argument("--weaknesses", help="TOML file of [[weakness]] entries (code, short_name, title, theme)")
    init.add_argument("--name", default="Improvement Board", help="board name (default: %(default)s)")
    init.add_argument("--area", default="Local area SEND partnership", help="local area (default: %(default)s)")
    check = sub.add_parser("check", help="schema version, row counts and problems; exit 1 on problems")
    check.add_argument("path", help="a pack (.duckdb) or a snapshot folder")
    export = sub.add_parser("export", help="write a Parquet snapshot of a pack (or of a snapshot)")
    export.add_argument("path", help="a pack (.duckdb) or a snapshot folder")
    export.add_argument("--to", required=True, dest="to", help="new folder for the snapshot")
    export.add_argument("--public", action="store_true",
                        help="leave out confidential minutes, the audit log and individuals' names")
    diff = sub.add_parser("diff", help="what changed between two packs or snapshots")
    diff.add_argument("old", help="a pack (.duckdb) or a snapshot folder")
    diff.add_argument("new", help="a pack (.duckdb) or a snapshot folder")
    diff.add_argument("--format", choices=("text", "json", "md"), default="text")
    report = sub.add_parser("report", help="the meeting pack or public update, as Markdown or HTML")
    report.add_argument("path", help="a pack (.duckdb) or a snapshot folder")
    report.add_argument("--meeting", default="latest", help="latest, a board meeting id (M19) or date (YYYY-MM-DD)")
    report.add_argument("--format", choices=("md", "html"), required=True)
    report.add_argument("--public", action="store_true",
                        help="the family-facing update: no confidential items, no individuals' names")
    report.add_argument("--out", required=True, help="file to write")
    imp = sub.add_parser("import", help="bring in a tracker (CSV or .xlsx): all of it, or nothing")
    imp.add_argument("path", help="the pack (.duckdb) to import into")
    imp.add_argument("file", help="the tracker: .csv (UTF-8 or Windows-1252) or .xlsx")
    imp.add_argument("--sheet", help="the workbook sheet, in any case (default: the first with a header row)")
    imp.add_argument("--mapping", help="TOML: kind, header_row, meeting, [columns], [defaults], [values.FIELD]")
    imp.add_argument("--plan", metavar="CODE", help="the plan new actions join when the tracker has no plan column")
    imp.add_argument("--create-meetings", action="store_true",
                     help="create a board meeting (minutes draft) for each date the pack has none for")
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
    return parser


def _replace_atomically(path: Path, build) -> None:
    """Build a new pack beside ``path`` and rename it into place only when complete."""
    from boardtui.store.db import open_store

    if path.exists():
        raise BoardError(f"{path} already exists; choose another path or remove it first.")
    wal = path.with_name(path.name + ".wal")
    if wal.exists():  # DuckDB would replay it into the new pack, and refuse to open it
        raise BoardError(f"{wal} is left from an earlier file at this path; remove it, or choose "
                         "another path.")
    if not path.parent.is_dir():
        raise BoardError(f"{path.parent} is not a folder; create it first.")
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")
    try:
        store = open_store(partial, create=True)
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

    def build(store) -> None:
        build_pack(store.con, data_dir())
        add_areas(store.con, scale)

    _replace_atomically(path, build)


def _cmd_demo(args: argparse.Namespace) -> int:
    from boardtui.store.scale import MAX_AREAS

    if not 1 <= args.scale <= MAX_AREAS:
        raise BoardError(f"--scale {args.scale}: choose a number of local areas from 1 to {MAX_AREAS}.")
    path = Path(args.path)
    write_demo(path, args.scale)
    print(f"wrote the demo board pack to {path}" + (f" ({args.scale} local areas)" if args.scale > 1 else ""))
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from boardtui.store.build import load_rows, load_weaknesses

    path = Path(args.path)
    weaknesses = load_weaknesses(Path(args.weaknesses)) if args.weaknesses else []

    def build(store) -> None:
        with store.transaction() as cur:
            load_rows(cur, "board", [{"id": 1, "name": args.name, "area": args.area, "illustrative": False}])
            load_rows(cur, "weakness", weaknesses)

    _replace_atomically(path, build)
    print(f"created {path} with {len(weaknesses)} weakness(es)")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from boardtui.store.db import open_store
    from boardtui.store.check import check_pack

    store = open_store(args.path, read_only=True)
    try:
        report = check_pack(store)
    finally:
        store.close()
    print("\n".join(report.lines()))
    return 0 if report.sound else 1


def _cmd_export(args: argparse.Namespace) -> int:
    from boardtui.store.db import open_store
    from boardtui.store.snapshot import export_snapshot, terminal_progress

    store = open_store(args.path, read_only=True)
    try:
        result = export_snapshot(store, Path(args.to), public=args.public, progress=terminal_progress())
    finally:
        store.close()
    files = result.manifest["files"]
    rows = sum(entry["rows"] for entry in files.values())
    kind = "public snapshot" if args.public else "snapshot"
    print(f"wrote a {kind} of {args.path} to {result.folder}: {len(files)} Parquet files, {rows} rows")
    for removed in result.manifest["removed"]:
        print(f"  removed: {removed}")
    if args.public:
        from boardtui.store.withhold import withheld_line

        print(withheld_line(result.withheld))
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    from boardtui.store.db import open_store
    from boardtui.store.diff import diff_packs, render_json, render_markdown, render_text

    old = open_store(args.old, read_only=True)
    try:
        new = open_store(args.new, read_only=True)
        try:
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
    from boardtui.store.db import open_store
    from boardtui.store.views import BoardViews

    views = BoardViews(open_store(args.path, read_only=True))
    try:
        written = write_report(views, args.meeting, args.format, Path(args.out), public=args.public)
    finally:
        views.close()
    print(f"wrote the {'public update' if args.public else 'meeting pack'} to {written.path}")
    if args.public:
        from boardtui.store.withhold import withheld_line

        print(withheld_line(written.withheld))
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from boardtui.config import load_config
    from boardtui.store.db import open_store
    from boardtui.store.importer import import_file
    from boardtui.text import one_line

    who = load_config(args.config).who
    store = open_store(args.path, read_only=args.dry_run)
    try:
        plan, problems = import_file(store, Path(args.file), sheet=args.sheet,
                                     mapping=Path(args.mapping) if args.mapping else None,
                                     dry_run=args.dry_run, who=who, plan=args.plan,
                                     create_meetings=args.create_meetings)
    finally:
        store.close()
    # Every line echoes the tracker's words: each goes out on one line with control characters
    # removed, whatever a message put into it.
    shown = one_line(args.file)
    if problems:
        # How the file was read (its sheet, the columns left out) often explains a problem.
        lines = [str(problem) for problem in problems] + plan.notes
        lines.append(f"{len(problems)} problem(s) in {shown}; nothing was imported. "
                     "Fix the cells named above and import again.")
        print("\n".join(f"boardtui: {one_line(line)}" for line in lines), file=sys.stderr)
        return 2
    heading = f"dry run of {shown}, nothing written:" if args.dry_run else f"imported {shown}:"
    print("\n".join([heading, *(f"  {one_line(line)}" for line in plan.describe(done=not args.dry_run))]))
    return 0


def _cmd_meeting(args: argparse.Namespace) -> int:
    from boardtui.config import load_config
    from boardtui.store.db import open_store
    from boardtui.store.recording import FarAheadError, Recorder

    store = open_store(args.path)
    try:
        meeting_id = Recorder(store, load_config(args.config).who).new_meeting(args.date, args.title,
                                                                               far_ahead_ok=args.yes)
    except FarAheadError as err:
        raise BoardError(f"date: {err.day:%d %b %Y} is more than six months ahead (after {err.limit:%d %b %Y}); "
                         "check the year, or add --yes to confirm it.") from None
    finally:
        store.close()
    print(f"created board meeting {meeting_id} on {args.date} (minutes draft) in {args.path}")
    return 0


def _open_app(args: argparse.Namespace) -> int:
    from boardtui.config import load_config, user_data_dir

    config = load_config(args.config)
    if args.db:
        path = Path(args.db)
    elif config.database:
        path = config.database
    else:
        path = user_data_dir() / "demo.duckdb"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            print(f"building the demo board pack in {path} …", file=sys.stderr)
            write_demo(path)
    from boardtui.app.run import run_app  # Textual is loaded only here

    return run_app(path, config, read_only=args.read_only)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in COMMANDS:
            args = _parser_for_commands().parse_args(argv)
            commands = {"demo": _cmd_demo, "init": _cmd_init, "check": _cmd_check,
                        "export": _cmd_export, "diff": _cmd_diff, "report": _cmd_report,
                        "import": _cmd_import, "meeting": _cmd_meeting}
            return commands[args.command](args)
        return _open_app(_parser_for_open().parse_args(argv))
    except BoardError as err:
        print(f"boardtui: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
