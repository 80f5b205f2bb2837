"""The offline install kit: one folder that installs boardtui with no network on Windows, macOS
and Linux, for officers whose laptops are locked down or offline.

The secretary (who has the network) runs ``boardtui kit FOLDER``. It writes:

- ``wheels/``: a wheel of this boardtui (built from the installed package itself, so the kit
  installs exactly what the secretary runs) and a wheel of every dependency for each platform and
  Python version asked for, fetched by ``pip download --only-binary=:all: --platform …
  --python-version … --implementation cp --abi …``, pinned to the versions installed here;
- ``install.cmd`` (Windows, double-click) and ``install.sh`` (macOS, Linux): each makes a virtual
  environment in the officer's user data folder and installs boardtui into it from ``wheels/``
  alone (``pip install --no-index --find-links wheels``, pip's configuration and environment
  ignored, so nothing is fetched from anywhere);
- ``boardtui.cmd`` and ``boardtui``: the launchers the officer runs, with no change to PATH; each
  tells boardtui where it is (``BOARDTUI_COMMAND``), so the commands boardtui's messages give
  are ones that work (boardtui/command.py);
- ``README.txt`` (what to do, in plain words) and ``kit.json`` (what the kit holds: each
  platform and Python, the wheels each installs, and every wheel's size and SHA-256).

The folder is written beside its target under a hidden name and renamed into place only when
complete; a failed download leaves nothing.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from boardtui import __version__
from boardtui.errors import BoardError

if TYPE_CHECKING:
    from email.message import Message

KIT_FORMAT = "boardtui-kit"
KIT_VERSION = 1


@dataclass(frozen=True)
class Platform:
    name: str  # what --platform takes
    tag: str  # the wheel platform tag pip is given (pip also takes the older ones it covers)
    describe: str
    system: str  # windows, macos or linux: which installer and launcher it uses


PLATFORMS = {
    p.name: p
    for p in (
        Platform("windows", "win_amd64", "Windows 10 or 11, 64-bit (Intel or AMD)", "windows"),
        Platform("macos-intel", "macosx_12_0_x86_64", "macOS 12 or later on an Intel Mac", "macos"),
        Platform("macos-arm", "macosx_12_0_arm64", "macOS 12 or later on Apple silicon (M1 and later)", "macos"),
        Platform("linux", "manylinux_2_28_x86_64", "Linux, 64-bit Intel or AMD, glibc 2.28 or later", "linux"),
        Platform("linux-arm", "manylinux_2_28_aarch64", "Linux, 64-bit ARM, glibc 2.28 or later", "linux"),
    )
}
DEFAULT_PLATFORMS = ("windows", "macos-intel", "macos-arm", "linux")
DEFAULT_PYTHONS = ("3.11", "3.12", "3.13")


def here() -> str:
    """The name of this machine's platform, for ``--platform here``."""
    machine = platform.machine().lower()
    arm = machine in ("arm64", "aarch64")
    if sys.platform == "win32":
        return "windows"
    if sys.platform == "darwin":
        return "macos-arm" if arm else "macos-intel"
    return "linux-arm" if arm else "linux"


def choose_platforms(names: list[str] | None) -> list[Platform]:
    chosen = []
    for name in names or DEFAULT_PLATFORMS:
        for part in (p.strip() for p in name.split(",")):
            part = here() if part == "here" else part
            if part not in PLATFORMS:
                raise BoardError(
                    f"--platform {part!r} is not one boardtui makes a kit for; choose from "
                    f"{', '.join(PLATFORMS)} or here (this machine's)."
                )
            if PLATFORMS[part] not in chosen:
                chosen.append(PLATFORMS[part])
    return chosen


def choose_pythons(versions: list[str] | None) -> list[str]:
    chosen = []
    for version in versions or DEFAULT_PYTHONS:
        for part in (v.strip() for v in version.split(",")):
            if not re.fullmatch(r"3\.1[1-9]", part):
                raise BoardError(f"--python {part!r}: give a Python version from 3.11 on, such as 3.12.")
            if part not in chosen:
                chosen.append(part)
    return chosen


# The wheel of this boardtui ------------------------------------------------------------------
def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")


def _package_files() -> dict[str, Path]:
    """Every file the installed package needs, by its path in the wheel: the package itself and
    its queries/ and data/ (inside it when installed from a wheel, beside it in a checkout)."""
    from boardtui.resources import data_dir, queries_dir

    package = Path(__file__).resolve().parent
    files: dict[str, Path] = {}
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            files["boardtui/" + path.relative_to(package).as_posix()] = path
    for folder, inside in ((queries_dir(), "_queries"), (data_dir(), "_data")):
        if package not in folder.parents:  # a checkout: put them where the wheel keeps them
            for path in sorted(folder.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    files[f"boardtui/{inside}/" + path.relative_to(folder).as_posix()] = path
    return files


def _metadata() -> str:
    from importlib import metadata

    try:
        dist = metadata.distribution("boardtui")
    except metadata.PackageNotFoundError:
        raise BoardError(
            "boardtui is not installed as a package here, so its wheel cannot be made; install it "
            "(pip install .) and make the kit again."
        ) from None
    meta = cast("Message", dist.metadata)  # an email Message (typeshed declares only a protocol before 3.12)
    lines = [
        "Metadata-Version: 2.1",
        "Name: boardtui",
        f"Version: {__version__}",
        f"Summary: {meta.get('Summary') or 'boardtui'}",
    ]
    if meta.get("Requires-Python"):
        lines.append(f"Requires-Python: {meta['Requires-Python']}")
    # The test extra stays behind: an officer installs the app, not the suite.
    lines += [f"Requires-Dist: {r}" for r in dist.requires or [] if "extra ==" not in r.replace('"', "'")]
    return "\n".join(lines) + "\n"


def build_wheel(folder: Path) -> Path:
    """A wheel of this boardtui in ``folder``: the installed package's own files, with the
    installed requirements (so a kit installs exactly what the secretary runs)."""
    name = f"boardtui-{__version__}"
    info = f"{name}.dist-info"
    contents: dict[str, bytes] = {where: path.read_bytes() for where, path in _package_files().items()}
    contents[f"{info}/METADATA"] = _metadata().encode("utf-8")
    contents[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: boardtui kit\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
    )
    contents[f"{info}/entry_points.txt"] = b"[console_scripts]\nboardtui = boardtui.cli:main\n"
    record = [f"{where},{_record_hash(data)},{len(data)}" for where, data in contents.items()]
    contents[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode("utf-8")
    target = folder / f"{name}-py3-none-any.whl"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as wheel:
        for where, data in contents.items():  # a fixed time: the same package makes the same wheel
            entry = zipfile.ZipInfo(where, date_time=(1980, 1, 1, 0, 0, 0))
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            wheel.writestr(entry, data)
    return target


def _pins() -> str:
    """Every distribution installed here, pinned: the kit gets the versions the secretary runs."""
    from importlib import metadata

    pins = {}
    for dist in metadata.distributions():
        name = (cast("Message", dist.metadata).get("Name") or "").strip()
        if name and name.lower() != "boardtui" and dist.version:
            pins[name.lower()] = f"{name}=={dist.version}"
    return "\n".join(sorted(pins.values())) + "\n"


# Fetching ------------------------------------------------------------------------------------
def pip_download(wheel: Path, target: Platform, python: str, dest: Path, constraints: Path) -> list[str]:
    """The pip command that fetches every wheel ``wheel`` needs on one platform and Python."""
    return [
        sys.executable,
        "-m",
        "pip",
        "download",
        "--disable-pip-version-check",
        "--only-binary=:all:",
        "--platform",
        target.tag,
        "--python-version",
        python,
        "--implementation",
        "cp",
        "--abi",
        "cp" + python.replace(".", ""),
        "--dest",
        str(dest),
        "--constraint",
        str(constraints),
        str(wheel),
    ]


_FETCHED = re.compile(r"(?:Saved|File was already downloaded)\s+(\S.*\.whl)\s*$")


def _fetched(output: str) -> list[str]:
    """The wheel files pip named as saved or already there, by name."""
    return sorted({Path(m.group(1).strip()).name for line in output.splitlines() if (m := _FETCHED.search(line))})


def _why(output: str) -> str:
    """pip's own reason, in one line: its last ERROR line, else its last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR")]
    return (errors or lines or ["no output"])[-1][:300]


@dataclass
class KitBuilt:
    folder: Path
    targets: list[dict[str, Any]]
    wheels: dict[str, dict[str, Any]]

    @property
    def size(self) -> int:
        return sum(w["bytes"] for w in self.wheels.values())


def plan(platforms: list[Platform], pythons: list[str]) -> list[str]:
    """What ``boardtui kit`` fetches, one line per platform and Python, with pip's command."""
    lines = []
    for target in platforms:
        for python in pythons:
            command = pip_download(Path("wheels/boardtui.whl"), target, python, Path("wheels"), Path("pins.txt"))
            lines.append(f"{target.name} ({target.describe}), Python {python}: " + " ".join(command[1:]))
    return lines


def make_kit(
    folder: Path, platforms: list[Platform], pythons: list[str], *, say: Callable[[str], object] = print
) -> KitBuilt:
    """Write the kit into the new folder ``folder`` (see the module's docstring)."""
    folder = Path(folder)
    if folder.exists():
        raise BoardError(f"{folder} already exists; a kit is written into a new folder, so name one that is not there.")
    if not folder.parent.is_dir():
        raise BoardError(f"{folder.parent} is not a folder; create it first.")
    partial = folder.with_name(f".{folder.name}.partial-{os.getpid()}")
    shutil.rmtree(partial, ignore_errors=True)
    try:
        wheels = partial / "wheels"
        wheels.mkdir(parents=True)
        wheel = build_wheel(wheels)
        constraints = partial / "pins.txt"
        constraints.write_text(_pins(), encoding="utf-8")
        targets = []
        for target in platforms:
            for python in pythons:
                say(f"fetching the wheels for {target.describe}, Python {python} …")
                done = subprocess.run(  # noqa: S603 - pip, with arguments we built
                    pip_download(wheel, target, python, wheels, constraints),
                    capture_output=True,
                    text=True,
                    stdin=subprocess.DEVNULL,
                )
                if done.returncode != 0:
                    raise BoardError(
                        f"the wheels for {target.name} and Python {python} could not be fetched "
                        f"({_why(done.stderr + done.stdout)}), so no kit was written; check the "
                        "network, or leave that platform or Python out (--platform, --python)."
                    )
                fetched = _fetched(done.stdout)
                if wheel.name not in fetched:
                    fetched = sorted({*fetched, wheel.name})
                targets.append(
                    {
                        "platform": target.name,
                        "tag": target.tag,
                        "describe": target.describe,
                        "system": target.system,
                        "python": python,
                        "wheels": fetched,
                    }
                )
        constraints.unlink()
        listing = {
            p.name: {"bytes": p.stat().st_size, "sha256": hashlib.sha256(p.read_bytes()).hexdigest()}
            for p in sorted(wheels.iterdir())
            if p.suffix == ".whl"
        }
        _write_scripts(partial, pythons, platforms, folder.name)
        kit = {
            "format": KIT_FORMAT,
            "version": KIT_VERSION,
            "boardtui": __version__,
            "made_at": datetime.now().replace(microsecond=0).isoformat(),
            "pythons": pythons,
            "targets": targets,
            "wheels": listing,
        }
        (partial / "kit.json").write_text(json.dumps(kit, indent=2) + "\n", encoding="utf-8")
        _for_everyone(partial)
        os.replace(partial, folder)
    except OSError as err:
        raise BoardError(
            f"the kit could not be written in {folder.parent} ({err.strerror or err}); nothing was left there."
        ) from None
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return KitBuilt(folder, targets, listing)


def _for_everyone(kit: Path) -> None:
    """A kit holds nothing confidential and is made to be copied: its files take the modes the
    user's umask gives (boardtui's own commands otherwise make what they write private), and the
    scripts stay runnable."""
    from boardtui.store.files import public_mode, user_umask

    for path in [kit, *kit.rglob("*")]:
        if path.is_dir():
            path.chmod(public_mode(folder=True))
        elif path.name in ("install.sh", "boardtui"):
            path.chmod(0o777 & ~user_umask())
        else:
            path.chmod(public_mode())


# The installers and launchers ----------------------------------------------------------------
def _write(path: Path, text: str, *, windows: bool = False, executable: bool = False) -> None:
    # cmd.exe reads a batch file's labels reliably only with CRLF line ends.
    data = text.replace("\n", "\r\n") if windows else text
    path.write_bytes(data.encode("utf-8"))
    if executable:
        path.chmod(0o755)


def _write_scripts(kit: Path, pythons: list[str], platforms: list[Platform], name: str) -> None:
    newest_first = sorted(pythons, key=lambda v: tuple(int(p) for p in v.split(".")), reverse=True)
    words = " ".join(newest_first)
    tuples = ",".join(f"({v.replace('.', ',')})" for v in newest_first)
    systems = {p.system for p in platforms}
    if "windows" in systems:
        _write(
            kit / "install.cmd",
            INSTALL_CMD.replace("@VERSIONS@", words)
            .replace("@TUPLES@", tuples)
            .replace("@LIST@", _spoken(newest_first)),
            windows=True,
        )
        _write(kit / "boardtui.cmd", LAUNCH_CMD, windows=True)
    if systems & {"macos", "linux"}:
        _write(
            kit / "install.sh",
            INSTALL_SH.replace("@VERSIONS@", words)
            .replace("@LIST@", _spoken(newest_first))
            .replace("@CANDIDATES@", " ".join(f"python{v}" for v in newest_first)),
            executable=True,
        )
        _write(kit / "boardtui", LAUNCH_SH, executable=True)
    lines = [f"  - {p.describe}" for p in platforms]
    _write(
        kit / "README.txt",
        README_TXT.replace("@VERSION@", __version__)
        .replace("@LIST@", _spoken(newest_first))
        .replace("@PLATFORMS@", "\n".join(lines))
        .replace("@KIT@", name),
        windows=True,
    )


def _spoken(versions: list[str]) -> str:
    ordered = sorted(versions, key=lambda v: tuple(int(p) for p in v.split(".")))
    return ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " or " + ordered[-1]


INSTALL_CMD = r"""@echo off
rem Installs boardtui from the wheels beside this file, with no network: double-click it.
rem It makes a Python virtual environment in %LOCALAPPDATA%\boardtui\venv (or BOARDTUI_VENV).
setlocal EnableExtensions
set "KIT=%~dp0"
set "VENV=%LOCALAPPDATA%\boardtui\venv"
if defined BOARDTUI_VENV set "VENV=%BOARDTUI_VENV%"
set "PY="
for %%V in (@VERSIONS@) do if not defined PY py -%%V -c "import sys" >NUL 2>&1 && set "PY=py -%%V"
if not defined PY python -c "import sys; sys.exit(0 if sys.version_info[:2] in (@TUPLES@) else 1)" >NUL 2>&1 && set "PY=python"
if not defined PY goto nopython
echo Installing boardtui into %VENV% with %PY%; no network is used ...
%PY% -m venv --clear "%VENV%"
if errorlevel 1 goto failed
set "PIP_CONFIG_FILE=NUL"
"%VENV%\Scripts\python.exe" -m pip --isolated --disable-pip-version-check install --no-index --no-cache-dir --find-links "%KIT%wheels" boardtui
if errorlevel 1 goto failed
call "%KIT%boardtui.cmd" --version
if errorlevel 1 goto failed
echo.
echo Done. To open the snapshot your secretary sent, type in a terminal, in the folder that holds it:
echo   "%KIT%boardtui.cmd" board-2025-12
if not defined BOARDTUI_NO_PAUSE pause
exit /b 0
:nopython
echo boardtui needs Python @LIST@, and none was found on this laptop.
echo Ask IT to install one, from python.org or the Microsoft Store, then double-click install.cmd again.
if not defined BOARDTUI_NO_PAUSE pause
exit /b 2
:failed
echo The install did not finish. Send the text in this window to the board secretary.
if not defined BOARDTUI_NO_PAUSE pause
exit /b 2
"""

LAUNCH_CMD = r"""@echo off
rem Runs boardtui as install.cmd beside this file installed it; no change to PATH is needed.
setlocal
set "VENV=%LOCALAPPDATA%\boardtui\venv"
if defined BOARDTUI_VENV set "VENV=%BOARDTUI_VENV%"
if not exist "%VENV%\Scripts\boardtui.exe" goto notinstalled
set "BOARDTUI_COMMAND=%~f0"
"%VENV%\Scripts\boardtui.exe" %*
exit /b %ERRORLEVEL%
:notinstalled
echo boardtui is not installed yet: double-click install.cmd in %~dp0 first. 1>&2
exit /b 2
"""

_DATA_SH = r"""case "$(uname -s)" in
  Darwin) data="$HOME/Library/Application Support/boardtui" ;;
  *) data="${XDG_DATA_HOME:-$HOME/.local/share}/boardtui" ;;
esac
venv="${BOARDTUI_VENV:-$data/venv}"
"""

INSTALL_SH = (
    r"""#!/bin/sh
# Installs boardtui from the wheels beside this file, with no network:  sh install.sh
# It makes a Python virtual environment in your user data folder (or BOARDTUI_VENV).
kit=$(cd "$(dirname "$0")" && pwd)
"""
    + _DATA_SH
    + r"""suits() { "$1" -c 'import sys; sys.exit(0 if "%d.%d" % sys.version_info[:2] in "@VERSIONS@".split() else 1)' >/dev/null 2>&1; }
python=""
if [ -n "${BOARDTUI_PYTHON:-}" ] && suits "$BOARDTUI_PYTHON"; then
  python=$BOARDTUI_PYTHON
else
  for candidate in python@VERSIONS@ python3; do
    if command -v "$candidate" >/dev/null 2>&1 && suits "$candidate"; then python=$candidate; break; fi
  done
fi
if [ -z "$python" ]; then
  echo "boardtui needs Python @LIST@, and none was found. Ask IT to install one (python.org), then run this again." >&2
  exit 2
fi
echo "Installing boardtui into $venv with $python; no network is used ..."
"$python" -m venv --clear "$venv" || { echo "The install did not finish: the environment could not be made." >&2; exit 2; }
PIP_CONFIG_FILE=/dev/null "$venv/bin/python" -m pip --isolated --disable-pip-version-check install \
  --no-index --no-cache-dir --find-links "$kit/wheels" boardtui \
  || { echo "The install did not finish. Send the text above to the board secretary." >&2; exit 2; }
chmod +x "$kit/boardtui" 2>/dev/null
sh "$kit/boardtui" --version || exit 2
echo
echo "Done. To open the snapshot your secretary sent, type, in the folder that holds it:"
echo "  \"$kit/boardtui\" board-2025-12"
"""
)
INSTALL_SH = INSTALL_SH.replace("python@VERSIONS@", "@CANDIDATES@")

LAUNCH_SH = (
    r"""#!/bin/sh
# Runs boardtui as install.sh beside this file installed it; no change to PATH is needed.
here=$(cd "$(dirname "$0")" && pwd)
"""
    + _DATA_SH
    + r"""if [ ! -x "$venv/bin/boardtui" ]; then
  echo "boardtui is not installed yet: run  sh \"$here/install.sh\"  first." >&2
  exit 2
fi
BOARDTUI_COMMAND="$here/boardtui"
export BOARDTUI_COMMAND
exec "$venv/bin/boardtui" "$@"
"""
)

README_TXT = """boardtui @VERSION@: offline install kit
=====================================

This folder installs boardtui with no network, on:
@PLATFORMS@
It needs Python @LIST@ on the laptop (ask IT if there is none).

Windows
  1. Save this whole folder in your Documents (unzip it first if it came as a .zip).
  2. Double-click install.cmd. A window shows what it does and says "Done".
  3. To run boardtui, open a terminal (Windows key, type Terminal, Enter), go to the folder
     that holds your snapshot, and type the full path of boardtui.cmd, for example:
        cd Documents
        Documents\\@KIT@\\boardtui.cmd board-2025-12

macOS and Linux
  1. Save this whole folder in your Documents.
  2. Open Terminal and type:  sh ~/Documents/@KIT@/install.sh
  3. To run boardtui:  ~/Documents/@KIT@/boardtui board-2025-12

boardtui is installed in your own user folder; nothing needs administrator rights, and nothing
is downloaded. Run install again from a newer kit to upgrade. kit.json lists every file here.
"""
