"""The README's Layout names what is in the tree, and nothing that is not.

The Layout is a tree in a code block: an entry's line starts with its name (or names, comma
separated) indented two spaces under its folder; what follows two spaces or more describes it,
and lines indented further still carry on the description. Every module and package of
boardtui, every folder of queries/, every benchmark, every helper module and folder of tests/
must be named there, and every name there must exist. Paths in backquotes in the prose under
the Layout must exist too.
"""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NAME = re.compile(r"[\w.-]+/?")


def layout_section(readme: str) -> str:
    start = readme.index("\n## Layout\n")
    end = readme.find("\n## ", start + 1)
    return readme[start : end if end >= 0 else len(readme)]


def named_in(section: str) -> set[str]:
    """Every path the Layout's tree names, relative to the repository ("boardtui/app/run.py",
    "queries/lake/"), read by the rule in the module's docstring."""
    block = section.split("```", 2)[1]
    parents: list[str] = []  # the folders the line being read is in
    named: set[str] = set()
    for line in block.splitlines()[1:]:
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip(" "))
        if indent % 2 or indent // 2 > len(parents):
            continue  # the description carried on
        depth = indent // 2
        names = re.split(r"\s{2,}", line.strip(), maxsplit=1)[0].split(", ")
        assert all(NAME.fullmatch(n) for n in names), f"the Layout cannot be read at: {line!r}"
        del parents[depth:]
        for name in names:
            named.add("".join(parents) + name)
        if len(names) == 1 and names[0].endswith("/"):
            parents.append(names[0])
    return named


def in_the_tree(root: Path = REPO) -> set[str]:
    """What the Layout must name: boardtui's modules and folders, the folders of queries/, the
    benchmarks, and the helper modules and folders of tests/."""

    def rel(path: Path) -> str:
        return path.relative_to(root).as_posix() + ("/" if path.is_dir() else "")

    def kept(path: Path) -> bool:
        return not any(part == "__pycache__" or part.startswith(".") for part in path.relative_to(root).parts)

    package = root / "boardtui"
    found = {rel(package)}
    found |= {rel(p) for p in package.rglob("*.py") if kept(p) and p.name != "__init__.py"}
    found |= {rel(p) for p in package.rglob("*") if p.is_dir() and kept(p)}
    found |= {rel(p) for p in (root / "queries").iterdir() if p.is_dir() and kept(p)} | {"queries/"}
    found |= {rel(p) for p in (root / "benchmarks").glob("*.py")} | {"benchmarks/"}
    found |= {
        rel(p)
        for p in (root / "tests").iterdir()
        if kept(p) and (p.is_dir() or (p.suffix == ".py" and not p.name.startswith("test_")))
    } | {"tests/"}
    return found


def test_the_layout_names_every_module_and_folder_and_only_those():
    section = layout_section((REPO / "README.md").read_text(encoding="utf-8"))
    named = named_in(section)
    missing = sorted(in_the_tree() - named)
    assert not missing, f"in the tree but not in the README's Layout: {missing}"
    absent = sorted(n for n in named if not (REPO / n).exists() or n.endswith("/") != (REPO / n).is_dir())
    assert not absent, f"named in the README's Layout but not in the tree: {absent}"


def test_paths_the_layout_prose_gives_exist():
    section = layout_section((REPO / "README.md").read_text(encoding="utf-8")).split("```", 2)[2]
    quoted = re.findall(r"`([\w./*-]+/[\w.*-]+\.(?:py|sql|tcss))`", section)
    assert quoted  # the prose does give paths: a change in how it quotes them must not pass by
    absent = [q for q in quoted if not any(any(base.glob(q)) for base in (REPO, REPO / "boardtui"))]
    assert not absent, f"the Layout's prose names paths that do not exist: {absent}"


def test_the_reading_of_the_layout_finds_what_is_missing_and_what_is_not_there(tmp_path):
    # The same reading on a small tree: a module left out and a name with nothing behind it.
    for path in (
        "boardtui/__init__.py",
        "boardtui/cli.py",
        "boardtui/app/__init__.py",
        "boardtui/app/run.py",
        "queries/lake/a.sql",
        "queries/one.sql",
        "benchmarks/run.py",
        "tests/apphelp.py",
        "tests/test_x.py",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("")
    section = (
        "\n## Layout\n\n```\nboardtui/     the package\n  cli.py      the command line\n"
        "  app/        the app\n    render.py, run.py   text; start-up\n"
        "              carried on\nqueries/\n  lake/\nbenchmarks/   run.py\ntests/\n  apphelp.py\n```\n"
    )
    named = named_in(section)
    assert named == {
        "boardtui/",
        "boardtui/cli.py",
        "boardtui/app/",
        "boardtui/app/render.py",
        "boardtui/app/run.py",
        "queries/",
        "queries/lake/",
        "benchmarks/",
        "tests/",
        "tests/apphelp.py",
    }
    assert in_the_tree(tmp_path) - named == {"benchmarks/run.py"}  # described, not named
    assert {n for n in named if not (tmp_path / n).exists()} == {"boardtui/app/render.py"}
