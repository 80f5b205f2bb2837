"""The app as its own type, for the screens, dialogs and widgets that reach it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.app import App

    from boardtui.app.app import BoardApp


class BoardAppAccess:
    """Mixed into a Textual node or command provider: ``board_app`` is ``self.app``, typed as the
    BoardApp it is."""

    app: App  # Textual's own property on every node (an annotation only: nothing is overridden)

    @property
    def board_app(self) -> BoardApp:
        return cast("BoardApp", self.app)
