"""The key bar: the keys active on this screen, as Textual resolves them after the user's
keymap, so it never offers a key that does nothing.

Textual's Footer builds a widget per key and restyles them all on every change, a large
share of the first frame's cost; this draws the same facts as one line of text.
"""

from __future__ import annotations

from rich.text import Text
from textual.screen import Screen

from boardtui.app.widgets.line import FixedLine


class KeyBar(FixedLine):
    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $panel; color: $text; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.show_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen:
            self.show_keys()

    def show_keys(self) -> None:
        app = self.app
        line = Text(no_wrap=True, overflow="ellipsis")
        shown: set[str] = set()
        palette = None
        for key, active in self.screen.active_bindings.items():
            binding = active.binding
            if key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
                palette = binding
            if not binding.show or binding.action in shown:
                continue
            shown.add(binding.action)
            line.append(f" {app.get_key_display(binding)} ", style="bold" if active.enabled else "dim")
            line.append(f"{binding.description} ", style="" if active.enabled else "dim")
        if palette is not None:
            line.append(f"  {app.get_key_display(palette)} ", style="bold")
            line.append("palette")
        self.show_text(line)
