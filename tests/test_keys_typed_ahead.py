"""The same keys typed slowly and at machine speed leave the same pack and the same screen, in a
real pseudo-terminal (tests/keyrace.py): every script, and seeded random sequences, each typed
slowly, in one burst once the dashboard shows, and in one burst as soon as the app has the
terminal. A script typed before the program has even started (the terminal still in line mode)
ends the same too, when it holds no key the terminal itself acts on in that mode."""

from __future__ import annotations

import keyrace
import pytest


@pytest.fixture(scope="session")
def race_master(tmp_path_factory):
    return keyrace.build_master(tmp_path_factory.mktemp("race"))


def _differences(found: dict[str, list[str]]) -> str:
    return "\n\n".join(f"typed {mode}:\n" + "\n".join(lines) for mode, lines in found.items())


@pytest.mark.parametrize("name", list(keyrace.SCRIPTS))
def test_a_script_ends_the_same_typed_slowly_or_at_once(race_master, tmp_path, name):
    found = keyrace.compare(race_master, tmp_path, "run", keyrace.SCRIPTS[name])
    assert not found, _differences(found)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_random_keys_end_the_same_typed_slowly_or_at_once(race_master, tmp_path, seed):
    keys = keyrace.random_script(seed, length=30)
    found = keyrace.compare(race_master, tmp_path, "run", keys, modes=("burst",))
    assert not found, f"keys {keys}\n" + _differences(found)


@pytest.mark.parametrize("name", ["drill down and rate", "start the meeting and open an item"])
def test_keys_typed_at_once_on_a_start_painted_from_the_kept_frame_end_the_same(race_master, tmp_path, name):
    # The first frame comes from the cache (app/frame_cache.py); the pack is read again before
    # any key acts on it.
    found = keyrace.compare(race_master, tmp_path, "run", keyrace.SCRIPTS[name], modes=("kept_launch",))
    assert not found, _differences(found)


@pytest.mark.parametrize(
    "name", ["start the meeting and open an item", "time travel and drill", "agenda back and forth"]
)
def test_keys_typed_before_the_program_starts_end_the_same(race_master, tmp_path, name):
    # Enter typed then arrives as Ctrl+J (the terminal turns Return into a line feed in line
    # mode); the app reads it as Enter. (Ctrl+S, Ctrl+Q, Ctrl+C and Ctrl+Z typed in those first
    # 25 ms are the terminal's own: flow control and signals, before any program can see them.)
    found = keyrace.compare(race_master, tmp_path, "run", keyrace.SCRIPTS[name], modes=("launch_at_spawn",))
    assert not found, _differences(found)


def test_the_harness_sees_a_difference_when_there_is_one(race_master, tmp_path):
    """The comparison is not blind: the same script with one key fewer ends elsewhere."""
    keys = keyrace.SCRIPTS["drill down and rate"]
    one = keyrace.run(keyrace.fresh_copy(race_master, tmp_path, "one"), keys, "burst")
    other = keyrace.run(keyrace.fresh_copy(race_master, tmp_path, "other"), keys[1:], "burst")
    found = one.differences(other)
    assert any(line.startswith("table rag_rating") for line in found), found
    assert any(line.startswith("breadcrumb") or line.startswith("cursor") for line in found), found
