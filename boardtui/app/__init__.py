"""The Textual app. Importing this package sets two of Textual's settings before Textual is
imported, each only if it is not set already (anyone may set their own):

- TEXTUAL_FPS, frames a second (60 unless set). A screen's frame timer waits one to two frames
  before the paint that follows an immediate one (after a skip it counts one frame too many). A
  key whose rows arrive from a worker after the first paint (a cold read, a search) waited
  17–33 ms for its second paint: at 120 it waits 8–17 ms. Frames are still painted only when
  something changed, so a held key costs no more CPU (measured).
- ESCDELAY, how long (ms) a lone Escape byte waits to see whether an escape sequence (an arrow,
  a function key) follows. Textual's 100 ms was most of what Esc cost in a real terminal (about
  110 ms from the key to the screen before it); a terminal on the same machine sends a whole
  sequence at once, so 25 ms is ample. Over a slow remote link, set ESCDELAY higher.
"""

import os

FRAMES_PER_SECOND = 120
ESCAPE_WAIT_MS = 25

os.environ.setdefault("TEXTUAL_FPS", str(FRAMES_PER_SECOND))
os.environ.setdefault("ESCDELAY", str(ESCAPE_WAIT_MS))
