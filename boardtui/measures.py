"""How measure values are written and their trend named, for the app and the reports alike."""

from __future__ import annotations


def format_value(value: float) -> str:
    """1,240 for whole numbers, 41.5 otherwise."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def trend(first: float, last: float, lower_is_better: bool) -> str:
    """'improving', 'no change' or 'worse', from the first value to the last."""
    if first == last:
        return "no change"
    better = last < first if lower_is_better else last > first
    return "improving" if better else "worse"
