"""Start the app: open the pack in a thread while Textual loads, then run."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from boardtui.config import Config
from boardtui.errors import BoardError


class _PackLoader(threading.Thread):
    """Opens the pack and reads what the first frame needs, off the main thread, so DuckDB's
    import and open overlap Textual's import (the machine has more than one core)."""

    def __init__(self, path: Path, read_only: bool) -> None:
        super().__init__(daemon=True, name="boardtui-open")
        self.path, self.read_only = path, read_only
        self.result: dict | None = None
        self.error: BoardError | None = None

    def run(self) -> None:
        try:
            from boardtui.store import open_store
            from boardtui.store.views import BoardViews

            store = open_store(self.path, read_only=self.read_only, copy_if_locked=True)
            views = BoardViews(store)
            meetings = views.meetings()
            first = views.dashboard(meetings[-1].id) if meetings else []
            self.result = {"store": store, "board": views.board(), "meetings": meetings,
                           "definitions": views.rag_definitions(), "first": first,
                           "weaknesses": {w["code"]: w["short_name"] for w in views.weaknesses()}}
        except BoardError as err:
            self.error = err


def load_app(path: Path, config: Config, *, read_only: bool = False):
    """The app, ready to run, or BoardError."""
    loader = _PackLoader(path, read_only)
    loader.start()
    from boardtui.app.app import BoardApp  # Textual's import runs while the pack opens

    loader.join()
    if loader.error:
        raise loader.error
    data = loader.result
    return BoardApp(data["store"], config, board=data["board"], meetings=data["meetings"],
                    definitions=data["definitions"], weakness_names=data["weaknesses"],
                    first_dashboard=data["first"])


def run_app(path: Path, config: Config, *, read_only: bool = False) -> int:
    app = load_app(path, config, read_only=read_only)
    try:
        app.run()
    finally:
        app.store.close()
    return app.return_code or 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(run_app(Path(sys.argv[1]), Config()))
