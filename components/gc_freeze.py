"""Short full garbage collections on a long-running server.

A server process holds hundreds of thousands of long-lived objects (Streamlit, pandas, Plotly's validators,
the shipped atlas and its caches). Python's full (generation 2) collection walks all of them: measured on the
shipped atlas it took 150–240 ms every ~9 s under a class's load, and every run in flight waited for it
(bench/LOAD.md). After the first run of each page (its imports and shared caches loaded), :func:`freeze_once`
collects once and moves every surviving object to the permanent generation (``gc.freeze``), so later full
collections walk only what was made since. Garbage made later is still collected as before.
"""

from __future__ import annotations

import gc
import threading

__all__ = ["freeze_once"]

_frozen: set[str] = set()
_lock = threading.Lock()


def freeze_once(key: str) -> bool:
    """Collect and freeze the heap the first time ``key`` (a page) finishes a run in this process; True if it did."""
    with _lock:
        if key in _frozen:
            return False
        _frozen.add(key)
    gc.collect()
    gc.freeze()
    return True
