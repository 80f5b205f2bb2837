"""boardtui.toml: where it is looked for, what it may say, and one-line errors."""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from boardtui.errors import BoardError

FILE_NAME = "boardtui.toml"
SETTINGS = {
    "database": "path of the board pack opened when none is named",
    "board_name": "name shown in the header instead of the one stored in the pack",
    "theme": "Textual theme, e.g. textual-dark, ansi-dark, ansi-light",
    "user": "your name for the audit log (default: your login name)",
    "snapshots": "folder the app's e key exports snapshots into (default: snapshots/ beside the pack)",
    "reports": "folder the app's p key writes meeting packs into (default: reports/ beside the pack)",
    "returns": "folder where officers' returns arrive, e.g. one a shared drive syncs (default: returns/ beside the pack)",
}
TABLES = {"keys": 'binding id = key(s), e.g. exceptions = "x,f6"'}


@dataclass
class Config:
    source: Path | None = None
    database: Path | None = None
    board_name: str | None = None
    theme: str | None = None
    user: str | None = None
    snapshots: Path | None = None
    reports: Path | None = None
    returns: Path | None = None
    keys: dict[str, str] = field(default_factory=dict)

    @property
    def who(self) -> str:
        """The name written to the audit log."""
        if self.user:
            return self.user
        try:
            import getpass

            return getpass.getuser()
        except Exception:  # noqa: BLE001 - no login name (some containers): still audit something honest
            return "unknown user"


def user_config_dir() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "boardtui"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "boardtui"
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "boardtui"


def find_config(explicit: str | None) -> Path | None:
    """--config, then BOARDTUI_CONFIG, then ./boardtui.toml, then the user config dir."""
    if explicit:
        return Path(explicit)
    if os.environ.get("BOARDTUI_CONFIG"):
        return Path(os.environ["BOARDTUI_CONFIG"])
    for candidate in (Path.cwd() / FILE_NAME, user_config_dir() / FILE_NAME):
        if candidate.is_file():
            return candidate
    return None


def _line_of(path: Path, key: str) -> int | None:
    pattern = re.compile(rf"^\s*\"?{re.escape(key)}\"?\s*=")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if pattern.match(line):
            return number
    return None


def _unknown(path: Path, key: str, allowed: dict[str, str], table: str = "") -> BoardError:
    line = _line_of(path, key)
    where = f"{path}, line {line}" if line else str(path)
    name = f"{table}.{key}" if table else key
    return BoardError(f"{where}: unknown key {name!r}; allowed keys are {', '.join(sorted(allowed))}.")


def load_config(explicit: str | None = None) -> Config:
    path = find_config(explicit)
    if path is None:
        return Config()
    if not path.is_file():
        raise BoardError(f"{path}: config file does not exist; fix --config or BOARDTUI_CONFIG.")
    from boardtui.store.tomlfile import read_toml  # only when there is a file: start-up need not pay

    data: dict[str, Any] = read_toml(path)
    config = Config(source=path)
    for key, value in data.items():
        if key in TABLES:
            if not isinstance(value, dict):
                raise BoardError(f"{path}, line {_line_of(path, key)}: {key} must be a table ([{key}]).")
            for binding, keys in value.items():
                if not isinstance(keys, str):
                    raise BoardError(
                        f'{path}, line {_line_of(path, binding)}: keys.{binding} must be text like "x" or "x,f6".'
                    )
            config.keys = dict(value)
            continue
        if key not in SETTINGS:
            raise _unknown(path, key, {**SETTINGS, **TABLES})
        if not isinstance(value, str) or not value.strip():
            raise BoardError(f"{path}, line {_line_of(path, key)}: {key} must be non-empty text.")
        if key in ("database", "snapshots", "reports", "returns"):
            resolved = Path(value).expanduser()
            if not resolved.is_absolute():  # relative to the config file, not the cwd
                resolved = path.parent / resolved
            setattr(config, key, resolved)
        else:
            setattr(config, key, value)
    return config
