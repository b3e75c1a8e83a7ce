"""``one_per_loop``: one value per running event loop; values of ended loops are dropped."""

from __future__ import annotations

from mia.core.loops import one_per_loop
from mia.tests.aio import run


def test_one_value_per_loop_and_ended_loops_are_forgotten():
    registry, made, forgotten = {}, [], []

    def make():
        made.append(object())
        return made[-1]

    async def twice_in_one_loop():
        return one_per_loop(registry, make, forget=forgotten.append), one_per_loop(registry, make)

    first, again = run(twice_in_one_loop())
    assert first is again and len(made) == 1
    second, _ = run(twice_in_one_loop())  # a new loop: a new value, and the ended loop's value is forgotten
    assert second is not first and forgotten == [first] and list(registry.values()) == [second]
