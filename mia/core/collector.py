"""Python's cyclic garbage collector in a process that holds many objects for long (a worker with
thousands of open streams; the load generator of ``bench/live_session.py`` with thousands of phones).

A collection stops the thread that triggers it while it walks every tracked object: with Python's
thresholds such a process made full collections of a second and more every few seconds."""

from __future__ import annotations

import gc


def tune(young_threshold: int) -> None:
    """Freeze what the process holds now (never garbage, no longer walked) and collect the youngest
    generation every ``young_threshold`` allocations instead of 700, so that the older generations, and
    with them the full collections, come that much less often. 0 or less: leave Python's settings."""
    if young_threshold <= 0:
        return
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(young_threshold, middle, oldest)
