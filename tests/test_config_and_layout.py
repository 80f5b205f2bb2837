"""Config lookup and errors; the architecture rules the layout promises."""

from __future__ import annotations

import ast
import re
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


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def test_data_layer_never_imports_textual():
    data_layer = [PACKAGE / "cli.py", PACKAGE / "config.py", PACKAGE / "text.py", *(PACKAGE / "store").rglob("*.py")]
    for path in data_layer:
        assert not _imports(path) & {"textual", "rich"}, path


def test_no_sql_in_python():
    statement = re.compile(r"""["'][^"']*\b(SELECT\s|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)""")
    offenders = [f"{p}:{n}" for p in PACKAGE.rglob("*.py")
                 for n, line in enumerate(p.read_text().splitlines(), 1) if statement.search(line)]
    assert offenders == []


def test_ci_runs_the_readme_test_command():
    root = PACKAGE.parent
    readme = (root / "README.md").read_text()
    ci = (root / ".ci" / "run").read_text()
    command = next(line for line in readme.splitlines() if "pip install '.[test]'" in line)
    assert command.strip() in ci
