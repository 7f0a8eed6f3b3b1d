"""Make sure app.py's st.navigation routes every request, even a deep link on a fresh server."""

from __future__ import annotations

import streamlit as st

__all__ = ["ensure_router"]


def ensure_router() -> None:
    """Rerun through app.py when Streamlit ran a page file directly.

    Streamlit treats a folder named ``pages/`` beside the entry script as a v1 multipage app until
    the entry script has called ``st.navigation`` once in the process. A shared link such as
    ``/lessons?lesson=…&step=3`` opened first on a fresh server would therefore run
    ``pages/lessons.py`` alone, without our navigation and page set-up. Switching the flag off and
    rerunning hands the same request to app.py, which routes it by its ``url_path``.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a future Streamlit without v1 pages: nothing to do
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()
