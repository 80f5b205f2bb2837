"""Running `boardtui import` and checking what it says: every line it prints, on success or on a
problem, is free of Python's None, internal field names, tracebacks and raw control characters."""

from __future__ import annotations

import re
import subprocess

from conftest import run_cli

# Names the pack and the code use that a person should never have to read.
INTERNAL = re.compile(
    r"\bNone\b|action_lead|senior_officer|lead_org|success_criteria|start_date|target_date|revised_target|"
    r"target_revised_on|closed_date|due_date|period_end|for_meeting|proposed_brag|rated_by|recorded_at|"
    r"minutes_status|item_order|pack_id|row_key|mapping default|Traceback|datetime\.|\{'"
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def check_said(result: subprocess.CompletedProcess) -> str:
    """What the command printed, after checking every line of it reads cleanly."""
    said = result.stdout + result.stderr
    found = INTERNAL.search(said)
    assert found is None, f"{found.group(0)!r} in:\n{said}"
    assert CONTROL.search(said.replace("\n", "")) is None, said
    return said


def run_import(pack, *args) -> subprocess.CompletedProcess:
    result = run_cli("import", str(pack), *map(str, args))
    check_said(result)
    return result
