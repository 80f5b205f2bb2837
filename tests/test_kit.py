"""The offline install kit (boardtui kit): built from the registry, it installs boardtui into a
fresh virtual environment with the network refused, its launcher runs real commands, the
messages boardtui gives name the launcher, and it holds the wheels of Windows and both kinds of
Mac. The kit built here is for Python 3.11 on the four default platforms (about 200 MB, some
seconds from this machine's registry); the default, three Pythons, is the same command run three
times as long (README, Dependencies)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

from conftest import run_cli


def test_the_plan_lists_every_platform_and_python_and_bad_choices_are_one_sentence(tmp_path):
    result = run_cli("kit", str(tmp_path / "kit"), "--plan")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("for 4 platform(s) and 3 Python version(s), fetched with:")
    for platform, tag in (
        ("windows", "win_amd64"),
        ("macos-intel", "macosx_12_0_x86_64"),
        ("macos-arm", "macosx_12_0_arm64"),
        ("linux", "manylinux_2_28_x86_64"),
    ):
        for python in ("3.11", "3.12", "3.13"):
            abi = "cp" + python.replace(".", "")
            assert any(
                line.startswith(f"  {platform} (")
                and f"Python {python}:" in line
                and f"--platform {tag} --python-version {python} --implementation cp --abi {abi}" in line
                and "--only-binary=:all:" in line
                for line in lines
            ), (platform, python)
    assert not (tmp_path / "kit").exists()

    bad = run_cli("kit", str(tmp_path / "kit"), "--platform", "amiga")
    assert bad.returncode == 2 and bad.stderr.startswith("boardtui: --platform 'amiga' is not one boardtui makes")
    bad = run_cli("kit", str(tmp_path / "kit"), "--python", "2.7")
    assert bad.returncode == 2 and "give a Python version from 3.11 on" in bad.stderr
    (tmp_path / "there").mkdir()
    bad = run_cli("kit", str(tmp_path / "there"), "--platform", "here", "--python", "3.11")
    assert bad.returncode == 2 and "already exists" in bad.stderr and "Traceback" not in bad.stderr


SAVE_ON_A_SNAPSHOT = """
import sys
from boardtui.store.db import open_store
from boardtui.store.returns import OfficerDesk
from boardtui.store.updates import UpdateText
store = open_store(sys.argv[1])
print(OfficerDesk(store, "Grace Lin").save(UpdateText("IP25-09.2", "Written after the kit's install")).sentence)
store.close()
"""


def offline(env: dict[str, str]) -> dict[str, str]:
    """The environment with the network refused: every proxy a closed port on this machine, and
    pip pointed at nothing but what the kit's scripts give it."""
    refused = "http://127.0.0.1:9"
    return {
        **env,
        "http_proxy": refused,
        "https_proxy": refused,
        "HTTP_PROXY": refused,
        "HTTPS_PROXY": refused,
        "ALL_PROXY": refused,
        "no_proxy": "",
        "NO_PROXY": "",
        "PIP_INDEX_URL": refused,
        "PIP_FIND_LINKS": "/nonexistent",
    }


def test_a_kit_installs_with_no_network_runs_real_commands_and_holds_windows_and_mac_wheels(tmp_path):
    kit = tmp_path / "boardtui-kit"
    built = run_cli("kit", str(kit), "--python", "3.11")
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith(f"wrote the install kit {kit}: ")
    assert {p.name for p in kit.iterdir()} == {
        "wheels",
        "install.cmd",
        "install.sh",
        "boardtui.cmd",
        "boardtui",
        "README.txt",
        "kit.json",
    }

    # What it holds: for each platform, boardtui and a wheel of every dependency built for it.
    listing = json.loads((kit / "kit.json").read_text(encoding="utf-8"))
    targets = {t["platform"]: t for t in listing["targets"]}
    assert set(targets) == {"windows", "macos-intel", "macos-arm", "linux"}
    for platform, mark in (
        ("windows", "win_amd64"),
        ("macos-intel", "x86_64"),
        ("macos-arm", "arm64"),
        ("linux", "manylinux"),
    ):
        wheels = targets[platform]["wheels"]
        assert "boardtui-0.1.0-py3-none-any.whl" in wheels
        for binary in ("duckdb", "pyarrow"):
            [found] = [w for w in wheels if w.startswith(binary + "-")]
            assert "cp311" in found and mark in found and (platform != "macos-intel" or "macosx" in found), found
        assert any(w.startswith("textual-") for w in wheels) and any(w.startswith("openpyxl-") for w in wheels)
    on_disk = {p.name for p in (kit / "wheels").iterdir()}
    assert set(listing["wheels"]) == on_disk and all(w in on_disk for t in targets.values() for w in t["wheels"])
    assert any("win_amd64" in w for w in on_disk) and any("macosx" in w and "arm64" in w for w in on_disk)

    # The Windows scripts: CRLF (cmd.exe needs it for labels), installing from the kit's wheels alone.
    install_cmd = (kit / "install.cmd").read_bytes()
    assert b"\r\n" in install_cmd and b"\n" not in install_cmd.replace(b"\r\n", b"")
    assert b"--no-index" in install_cmd and b'--find-links "%KIT%wheels"' in install_cmd
    assert b"py -%%V" in install_cmd and b"(3.11)" in install_cmd
    assert b'set "BOARDTUI_COMMAND=%~f0"' in (kit / "boardtui.cmd").read_bytes()

    # Installed with the network refused, into a fresh environment in the officer's data folder.
    home = Path(os.environ["HOME"])
    env = offline({**os.environ, "BOARDTUI_PYTHON": sys.executable})
    env.pop("BOARDTUI_COMMAND", None)
    installed = subprocess.run(
        ["sh", str(kit / "install.sh")], capture_output=True, text=True, env=env, timeout=300, stdin=subprocess.DEVNULL
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    venv = Path(os.environ["XDG_DATA_HOME"]) / "boardtui" / "venv"
    assert (venv / "bin" / "boardtui").is_file() and home in venv.parents
    assert "boardtui 0.1.0" in installed.stdout

    launcher = str(kit / "boardtui")
    # Run where a folder named boardtui sits (the kit saved as Documents/boardtui, say): the
    # launcher runs the installed program, which never takes the package from the working folder.
    (tmp_path / "boardtui").mkdir()
    (tmp_path / "boardtui" / "__init__.py").write_text("raise SystemExit('not the installed boardtui')\n")
    version = subprocess.run([launcher, "--version"], capture_output=True, text=True, env=env, timeout=120)
    assert version.returncode == 0 and version.stdout.strip() == "boardtui 0.1.0"
    # Real commands, through the launcher, on the installed copy (not this checkout).
    pack, snap = tmp_path / "board.duckdb", tmp_path / "board-2025-12"
    for args in (["demo", str(pack)], ["check", str(pack)], ["export", str(pack), "--to", str(snap)]):
        result = subprocess.run([launcher, *args], capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import boardtui; print(boardtui.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=home,
    )
    assert Path(where.stdout.strip()).is_relative_to(venv)
    # A message that gives a command gives the launcher's, and that command works.
    missing = subprocess.run(
        [launcher, "check", str(tmp_path / "nowhere.duckdb")], capture_output=True, text=True, env=env, timeout=120
    )
    assert missing.returncode == 2 and f"make one with: {launcher} init {tmp_path / 'nowhere.duckdb'}" in missing.stderr
    saved = subprocess.run(
        [str(venv / "bin" / "python"), "-c", SAVE_ON_A_SNAPSHOT, str(snap)],
        capture_output=True,
        text=True,
        env={**env, "BOARDTUI_COMMAND": launcher},
        timeout=120,
        cwd=home,
    )
    assert saved.returncode == 0, saved.stderr
    command = shlex.split(saved.stdout.split("or run: ", 1)[1])
    assert command[0] == launcher and command[1:3] == ["returns", "export"]
    sent = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, cwd=home)
    assert sent.returncode == 0, sent.stderr
    assert "1 update(s) by Grace Lin" in sent.stdout and list(tmp_path.glob("grace-lin-*.boardreturn"))
