"""Config lookup and errors; the architecture rules the layout promises."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from boardtui.config import load_config
from boardtui.errors import BoardError

PACKAGE = Path(__file__).resolve().parent.parent / "boardtui"


def test_lookup_order(tmp_path, monkeypatch):
    explicit, from_env, local = tmp_path / "a.toml", tmp_path / "b.toml", tmp_path / "boardtui.toml"
    explicit.write_text('board_name = "explicit"\n')
    from_env.write_text('board_name = "env"\n')
    local.write_text('board_name = "local"\ndatabase = "packs/board.duckdb"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("BOARDTUI_CONFIG", str(from_env))
    assert load_config(str(explicit)).board_name == "explicit"
    assert load_config(None).board_name == "env"
    monkeypatch.delenv("BOARDTUI_CONFIG")
    config = load_config(None)
    assert config.board_name == "local"
    assert config.database == tmp_path / "packs" / "board.duckdb"  # relative to the file
    local.unlink()
    user = tmp_path / "xdg" / "boardtui" / "boardtui.toml"
    user.parent.mkdir(parents=True)
    user.write_text('user = "Priya"\n[keys]\nexceptions = "x,f6"\n')
    config = load_config(None)
    assert config.who == "Priya" and config.keys == {"exceptions": "x,f6"}


def test_broken_toml_names_file_and_line(tmp_path):
    bad = tmp_path / "boardtui.toml"
    bad.write_text('board_name = "ok"\ntheme = \n')
    with pytest.raises(BoardError, match=r"boardtui.toml: .*line 2"):
        load_config(str(bad))


def test_unknown_key_names_file_line_and_allowed_keys(tmp_path):
    bad = tmp_path / "boardtui.toml"
    bad.write_text('board_name = "ok"\n\ncolour = "red"\n')
    with pytest.raises(BoardError, match=r"boardtui.toml, line 3: unknown key 'colour'; allowed keys are board_name"):
        load_config(str(bad))


DATA_LAYER = [
    PACKAGE / "cli.py",
    PACKAGE / "config.py",
    PACKAGE / "text.py",
    PACKAGE / "errors.py",
    PACKAGE / "report.py",
    PACKAGE / "measures.py",
    PACKAGE / "resources.py",
    *sorted((PACKAGE / "store").rglob("*.py")),
]
UI = ("textual", "rich")


def _ui_modules_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; the Textual and Rich modules loaded by the end,
    however they were reached (directly, through another module, or lazily)."""
    probe = code + "\nimport sys\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


def test_importing_every_data_layer_module_loads_no_textual_or_rich():
    names = [".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts) for p in DATA_LAYER]
    names = [n.removesuffix(".__init__") for n in names]
    assert _ui_modules_after("\n".join(f"import {n}" for n in names)) == []


def test_every_non_ui_command_runs_without_loading_textual_or_rich(tmp_path):
    pack, snap, other = tmp_path / "p.duckdb", tmp_path / "snap", tmp_path / "o.duckdb"
    tracker = tmp_path / "t.csv"
    tracker.write_text(
        "Ref,Weakness,Plan,Action,Lead,Organisation,Target date,RAG\n"
        "NEW-1,W09,IP25,A new action,Sam Lee,BCC,31/12/2026,Green\n"
    )
    commands = [
        ["demo", str(pack)],
        ["init", str(other)],
        ["check", str(pack)],
        ["export", str(pack), "--to", str(snap)],
        ["diff", str(pack), str(snap)],
        ["report", str(pack), "--format", "html", "--out", str(tmp_path / "r.html")],
        ["import", str(pack), str(tracker), "--dry-run"],
        ["meeting", "new", str(pack), "--date", "2026-01-22"],
    ]
    code = "from boardtui.cli import main\n" + "\n".join(
        f"assert main({command!r}) in (0, 1), {command!r}" for command in commands
    )
    assert _ui_modules_after(code) == []


def test_no_sql_in_python():
    statement = re.compile(r"""["'][^"']*\b(SELECT\s|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)""")
    offenders = [
        f"{p}:{n}"
        for p in PACKAGE.rglob("*.py")
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if statement.search(line)
    ]
    assert offenders == []


def test_ci_runs_the_readme_test_command():
    root = PACKAGE.parent
    readme = (root / "README.md").read_text()
    ci = (root / ".ci" / "run").read_text()
    command = next(line for line in readme.splitlines() if "pip install '.[test]'" in line)
    assert command.strip() in ci


async def test_the_keymap_rebinds_the_tables_own_keys(demo_pack):
    # j/k move in every list; the keymap can give them other keys by their ids.
    from apphelp import make_app, settle

    app = make_app(demo_pack, keys={"table_down": "n,down", "table_up": "p,up"})
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        from boardtui.app.widgets.table import BoardTable

        table = app.screen.query_one(BoardTable)
        await pilot.press("n", "n", "down")
        assert table.cursor_row == 3
        await pilot.press("p")
        assert table.cursor_row == 2


# A NamedTuple's documented methods and fields start with an underscore so as not to clash with
# its own field names (the rows of store/rows.py are NamedTuples).
NAMED_TUPLE_API = {"_replace", "_fields", "_asdict", "_make", "_field_defaults"}


def test_no_module_reaches_into_another_objects_private_parts():
    # Only an object's own methods use its _names (self._x, cls._x); everything else goes
    # through what it offers. (A module may set up its own class's private state, as db.py
    # does for the Store it builds; that is the one assignment allowed, in its own module.)
    # A subclass that overrides its base class's private method (to work around an upstream
    # bug, as the command palette does) names the base's own parts: that is the class's own.
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text())
        bases_of = {}
        for cls in ast.walk(tree):
            if isinstance(cls, ast.ClassDef):
                names = {base.id for base in cls.bases if isinstance(base, ast.Name)}
                for inner in ast.walk(cls):
                    bases_of.setdefault(id(inner), set()).update(names)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                owner = node.value
                if isinstance(owner, ast.Name) and owner.id in ("self", "cls", "os"):
                    continue
                if isinstance(owner, ast.Name) and owner.id in bases_of.get(id(node), ()):
                    continue
                if isinstance(owner, ast.Call) and isinstance(owner.func, ast.Name) and owner.func.id == "super":
                    continue
                if node.attr in NAMED_TUPLE_API:  # a NamedTuple's own public API, underscored
                    continue
                if isinstance(node.ctx, ast.Store) and path.name == "db.py" and node.attr == "_copy_dir":
                    continue
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} .{node.attr}")
    assert offenders == []


APP_RUN = """
import asyncio, sys
from pathlib import Path
sys.path.insert(0, {tests!r})
from apphelp import make_app, settle
from test_room import open_w09_actions, ratings_of_app

async def run():
    app = make_app(Path({pack!r}))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.views.opened_store().ensure_sound(blocks_elsewhere=True)  # as the app does before a write
        action = await open_w09_actions(pilot, 5)
        before = len(ratings_of_app(app, action))
        await pilot.press("r", "G", *"On track", "ctrl+s")
        await settle(pilot)
        assert len(ratings_of_app(app, action)) == before + 1
    app.close_pack()

asyncio.run(run())
"""


def test_the_app_opening_a_pack_and_recording_loads_no_pyarrow_or_numpy(demo_pack):
    # pyarrow with numpy is ~35 MB of memory the meeting never uses (snapshots and imports load
    # them when asked): counting the returns waiting once reached them through the importer.
    code = APP_RUN.format(tests=str(Path(__file__).parent), pack=str(demo_pack))
    probe = code + "\nprint(sorted(m for m in sys.modules if m.split('.')[0] in ('pyarrow', 'numpy')))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert ast.literal_eval(result.stdout.strip().splitlines()[-1]) == []
