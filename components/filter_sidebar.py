"""The sidebar filters shared by every view, mirrored in the URL."""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from neuroimmune import Filters, schema

from .router import ensure_router
from .url_state import write_url

__all__ = ["sidebar_filters", "current_filters"]

_LABELS = {
    "evidence": ("Evidence grade", schema.EVIDENCE),
    "study_types": ("Study type", schema.STUDY_TYPES),
    "species": ("Species", schema.SPECIES),
    "node_types": ("Node types", schema.NODE_TYPES),
    "topics": ("Topics", schema.TOPICS),
}
FILTERS_KEY = "active_filters"
STORE_KEY = "_filters_across_pages"


def _pretty(value: str) -> str:
    return value.replace("_", " ")


def _remember(name: str, key: str) -> None:
    st.session_state[STORE_KEY][name] = list(st.session_state[key])


def sidebar_filters() -> Filters:
    """Draw the shared filters (empty = everything) and return them; also stored for pages.

    Every page calls this first, so it is also where a page makes sure app.py routed it.
    """
    ensure_router()
    with st.sidebar:
        st.markdown("### Filters")
        st.caption("Leave a filter empty to show everything.")
        values = {}
        # Widget state is dropped when the user switches page, and so are the query params; a plain
        # (non-widget) session key carries the filters across pages.
        store = st.session_state.setdefault(STORE_KEY, {})
        for f in fields(Filters):
            label, options = _LABELS[f.name]
            key = f"filter_{f.name}"
            if f.name not in store:  # first run of this session: the URL decides
                raw = st.query_params.get(f.name, "")
                store[f.name] = [v for v in str(raw).split(",") if v in options]
            st.session_state[key] = store[f.name]
            st.multiselect(label, options, key=key, format_func=_pretty, on_change=_remember, args=(f.name, key))
            values[f.name] = tuple(store[f.name])
    filters = Filters(**values)
    write_url({f.name: ",".join(getattr(filters, f.name)) for f in fields(Filters)})
    st.session_state[FILTERS_KEY] = filters
    return filters


def current_filters() -> Filters:
    """Filters chosen in the sidebar on this run (drawn by app.py before the page runs)."""
    return st.session_state.get(FILTERS_KEY, Filters())
