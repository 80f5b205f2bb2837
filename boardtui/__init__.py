"""boardtui: a SEND improvement board's meeting pack in the terminal."""

__version__ = "0.1.0"
