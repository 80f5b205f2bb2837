"""The Textual app. Importing this package sets the frame rate before Textual is imported.

Textual paints at most TEXTUAL_FPS frames a second (60 unless set), and a screen's frame
timer waits one to two frames before the paint that follows an immediate one (after a skip it
counts one frame too many). A key whose rows arrive from a worker after the first paint (a
cold read, a search) waited 17–33 ms for its second paint: at 120 it waits 8–17 ms. Frames
are still painted only when something changed, so a held key costs no more CPU (measured).
Anyone may still set their own TEXTUAL_FPS.
"""

import os

FRAMES_PER_SECOND = 120

os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))
