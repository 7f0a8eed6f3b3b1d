"""Make sure app.py's st.navigation routes every request, even a deep link on a fresh server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import streamlit as st

__all__ = ["routed", "ensure_router"]

_ROUTED: ContextVar[bool] = ContextVar("neuroimmune_routed_by_app", default=False)


@contextmanager
def routed() -> Iterator[None]:
    """Mark the pages run inside this block as routed by app.py's ``st.navigation``."""
    token = _ROUTED.set(True)
    try:
        yield
    finally:
        _ROUTED.reset(token)


def ensure_router() -> None:
    """Rerun through app.py when Streamlit ran a page file directly.

    Streamlit treats a folder named ``pages/`` beside the entry script as a v1 multipage app until
    the entry script has called ``st.navigation`` once in the process. A shared link such as
    ``/lessons?lesson=…&step=3`` opened first on a fresh server would therefore run
    ``pages/lessons.py`` alone, without our navigation and page set-up. Switching the flag off and
    rerunning hands the same request to app.py, which routes it by its ``url_path``. Pages that
    app.py is already running (inside :func:`routed`) are left alone.
    """
    if _ROUTED.get():
        return
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a future Streamlit without v1 pages: nothing to do
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
