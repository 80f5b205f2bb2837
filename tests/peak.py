"""The real command line run in a process of its own, with the peak memory it reached: a wrapper
process runs it and reports its child's peak resident set (``ru_maxrss`` of the only child it
ever had), so nothing else the test process ran counts."""

from __future__ import annotations

import json
import subprocess
import sys

_WRAPPER = r"""
import json, resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "boardtui", *sys.argv[1:]], capture_output=True, text=True)
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # kilobytes on Linux
print(json.dumps({"code": done.returncode, "out": done.stdout, "err": done.stderr, "peak_mb": peak_kb / 1024}))
"""


def run_with_peak(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """``boardtui ARGS`` as a user runs it, and its peak memory in MB."""
    wrapper = subprocess.run([sys.executable, "-c", _WRAPPER, *args], capture_output=True, text=True, timeout=300)
    found = json.loads(wrapper.stdout)
    result = subprocess.CompletedProcess(["boardtui", *args], found["code"], found["out"], found["err"])
    return result, found["peak_mb"]
