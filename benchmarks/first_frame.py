"""Child process for benchmarks/startup.py: start, paint the first real frame, print, exit.

python benchmarks/first_frame.py empty          an empty Textual app (the floor)
python benchmarks/first_frame.py boardtui PACK  boardtui's dashboard with its data
"""

from __future__ import annotations

import sys
from pathlib import Path


def _done(app) -> None:
    print("frame", flush=True)
    app.exit()


def empty() -> None:
    from textual.app import App

    import boardtui.app  # noqa: F401  only its frame rate: the floor paints at the app's rate

    class Empty(App):
        def on_mount(self) -> None:
            self.call_after_refresh(_done, self)

    Empty().run(headless=True, size=(120, 40))


def boardtui(pack: str) -> None:
    # The same path as `boardtui PACK`: config, then load_app (pack opened in a thread while
    # Textual imports), then run. Only then is the dashboard patched to report its frame.
    from boardtui.app.run import load_app
    from boardtui.config import load_config

    app = load_app(Path(pack), load_config(None))
    from boardtui.app.screens.dashboard import DashboardScreen

    show = DashboardScreen.show

    def show_then_report(screen, data) -> None:
        show(screen, data)
        screen.app.call_after_refresh(_done, screen.app)  # after the rows are painted

    DashboardScreen.show = show_then_report
    try:
        app.run(headless=True, size=(120, 40))
    finally:
        app.close_pack()


if __name__ == "__main__":
    empty() if sys.argv[1] == "empty" else boardtui(sys.argv[2])
