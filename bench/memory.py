"""Memory of a benchmark's child process, read from /proc (Linux)."""

from __future__ import annotations

import resource
from pathlib import Path


def proc_status_kib(key: str) -> int | None:
    """VmRSS (resident now) or VmHWM (peak) of this process, in KiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def peak_kib() -> int:
    """This process's peak resident set, in KiB.

    VmHWM belongs to this process's own address space. ru_maxrss is not usable in a child:
    the kernel carries the parent's peak over at exec, so every child of the (large) bench
    process would report at least the bench's own peak.
    """
    peak = proc_status_kib("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
