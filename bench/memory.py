"""What the benchmarks share: a child process's memory, read from /proc (Linux), and a
profile of one timed call."""

from __future__ import annotations

import cProfile
import pstats
import resource
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def profiled(call: Callable[[], T], top: int) -> T:
    """Run ``call`` under cProfile and print its top functions, by cumulative and by own
    time; return what it returned."""
    profiler = cProfile.Profile()
    profiler.enable()
    result = call()
    profiler.disable()
    for order in ("cumulative", "tottime"):
        stats = pstats.Stats(profiler, stream=sys.stdout)
        stats.strip_dirs().sort_stats(order).print_stats(top)
    return result


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
