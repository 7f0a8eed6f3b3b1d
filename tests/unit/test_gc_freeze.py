"""The server freezes its long-lived heap once per page (components.gc_freeze): later full collections skip it."""

from __future__ import annotations

import gc

import components.gc_freeze as gc_freeze


def test_freeze_once_per_key_moves_survivors_to_the_permanent_generation(monkeypatch):
    monkeypatch.setattr(gc_freeze, "_frozen", set())
    kept = [object() for _ in range(1000)]  # long-lived objects (a loaded page's modules and caches)
    try:
        assert gc_freeze.freeze_once("home") is True
        frozen = gc.get_freeze_count()
        assert frozen >= len(kept)
        assert gc_freeze.freeze_once("home") is False  # the same page again: nothing collected or frozen
        assert gc.get_freeze_count() == frozen
        assert gc_freeze.freeze_once("gut_brain") is True  # another page's first run
    finally:
        gc.unfreeze()  # leave the test process's collector as it was


def test_garbage_made_after_a_freeze_is_still_collected(monkeypatch):
    monkeypatch.setattr(gc_freeze, "_frozen", set())
    try:
        gc_freeze.freeze_once("home")

        class Cycle:
            pass

        a, b = Cycle(), Cycle()
        a.other, b.other = b, a
        del a, b
        assert gc.collect() >= 2  # the cycle made after the freeze is found and freed
    finally:
        gc.unfreeze()
