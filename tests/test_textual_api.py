"""boardtui uses Textual through its public API: a private module only where the README says
why, and no attribute of Textual's own set or overridden by accident."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
import sys
from pathlib import Path

import boardtui.app

REPO = Path(__file__).resolve().parent.parent


def test_private_textual_api_is_named_in_the_readme():
    # Textual may change its private modules in any release: each one we use is said, with why.
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    used = {
        m
        for path in (REPO / "boardtui").rglob("*.py")
        for m in re.findall(r"\btextual(?:\.\w+)*\._\w+", path.read_text(encoding="utf-8"))
    }
    unnamed = sorted(m for m in used if f"`{m}`" not in readme)
    assert not unnamed, f"private Textual modules boardtui imports that the README does not name: {unnamed}"


def textual_private_names(cls: type) -> set[str]:
    """The private names Textual's classes in ``cls``'s ancestry define or set on self."""
    names: set[str] = set()
    for base in cls.__mro__:
        if base.__module__.split(".")[0] == "textual":
            names |= {n for n in vars(base) if n.startswith("_") and not n.startswith("__")}
            names |= set(re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=(?!=)", inspect.getsource(base)))
    return names


def our_private_names(cls: type) -> dict[str, str]:
    """The private names boardtui's classes in ``cls``'s ancestry (mixins too) define or set."""
    names: dict[str, str] = {}
    for base in cls.__mro__:
        if base.__module__.split(".")[0] == "boardtui":
            source = inspect.getsource(base)
            for name in {
                *re.findall(r"def (_[a-z]\w*)", source),
                *re.findall(r"self\.(_[a-z]\w*)\s*(?::[^=\n]*)?=(?!=)", source),
            }:
                names[name] = base.__qualname__
    return names


def test_no_class_of_ours_takes_over_a_private_name_of_textuals():
    # BoardApp once kept "the pack is closing" in _closing, which Textual's message pump uses
    # for its own closing: setting it marked the app as closing to Textual.
    for module in pkgutil.walk_packages(boardtui.app.__path__, "boardtui.app."):
        importlib.import_module(module.name)
    clashes = []
    classes = {
        c
        for m in list(sys.modules.values())
        if m and m.__name__.startswith("boardtui.app")
        for c in vars(m).values()
        if inspect.isclass(c) and c.__module__ == m.__name__
    }
    for cls in classes:
        if any(b.__module__.split(".")[0] == "textual" for b in cls.__mro__):
            ours = our_private_names(cls)
            clashes += [f"{ours[n]}.{n}" for n in sorted(ours.keys() & textual_private_names(cls))]
    assert not clashes, f"private names of Textual's that boardtui's classes define or set: {sorted(set(clashes))}"


def test_no_worker_outcome_is_told_apart_by_its_group_name():
    # Worker results were once dispatched by comparing event.worker.group with strings in each
    # node's on_worker_state_changed. An outcome goes to a typed callback (app/work.py) or a
    # typed Message; a group only says what exclusive=True cancels and which workers keys wait
    # for, named once in work.py.
    compared = re.compile(
        r"\.group\s*(?:==|!=)|\.group\s+(?:not\s+)?in\s*[(\[{]|(?:==|!=)\s*\w+(?:\.\w+)*\.group\b|event\.worker\.group\b"
    )
    literal = re.compile(r"""\bgroup\s*=\s*["']""")
    found = []
    for path in sorted((REPO / "boardtui" / "app").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if compared.search(line) or literal.search(line):
                found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert not found, "worker groups compared, or named by a string where they are used:\n" + "\n".join(found)
