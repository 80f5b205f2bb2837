"""Natural order of ids people say aloud: IP25-05.2 before IP25-05.19, APP-9.1 before APP-10.1.

``natural_key`` gives the same order as the SQL macro ``natural_key`` in queries/macros.sql, so
a list sorted here agrees with one sorted by a query. Plain Python: the app's screens, the
reports and the data layer can all use it.
"""

from __future__ import annotations

import re

_RUNS = re.compile(r"[0-9]+|[^0-9]+")  # ASCII digits only, as in the SQL macro
# Digit runs are padded to this width, so they compare as numbers; a longer run is kept whole
# (it sorts after every shorter number, since it has no leading zeros to pad).
WIDTH = 20


def natural_key(value: object) -> str:
    """A string that sorts ``value`` naturally: each run of digits compares as a number.

    Runs of the same number written with different leading zeros (05 and 5) compare equal;
    sort by the id itself second to break that tie.
    """
    text = "" if value is None else str(value)
    return "".join(run.rjust(WIDTH, "0") if "0" <= run[0] <= "9" else run for run in _RUNS.findall(text))
