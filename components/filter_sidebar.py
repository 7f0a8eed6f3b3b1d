"""The sidebar filters shared by every view, mirrored in the URL."""

from __future__ import annotations

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
_HUMAN = "human_evidence"
FILTERS_KEY = "active_filters"
STORE_KEY = "_filters_across_pages"


def _pretty(value: str) -> str:
    return value.replace("_", " ")


def _remember(name: str, key: str) -> None:
    st.session_state[STORE_KEY][name] = list(st.session_state[key])


def _remember_flag(name: str, key: str) -> None:
    st.session_state[STORE_KEY][name] = bool(st.session_state[key])


def _human_evidence_checkbox(store: dict) -> bool:
    key = f"filter_{_HUMAN}"
    if _HUMAN not in store:
        store[_HUMAN] = str(st.query_params.get(_HUMAN, "")).lower() in ("1", "true", "yes")
    st.session_state[key] = store[_HUMAN]
    st.checkbox(
        "Only relations with human evidence",
        key=key,
        on_change=_remember_flag,
        args=(_HUMAN, key),
        help="Keep relations that a human study (trial, observational or genetic) supports, per evidence.csv.",
    )
    return bool(store[_HUMAN])


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
        for name, (label, options) in _LABELS.items():
            key = f"filter_{name}"
            if name not in store:  # first run of this session: the URL decides
                raw = st.query_params.get(name, "")
                store[name] = [v for v in str(raw).split(",") if v in options]
            st.session_state[key] = store[name]
            st.multiselect(label, options, key=key, format_func=_pretty, on_change=_remember, args=(name, key))
            values[name] = tuple(store[name])
        values[_HUMAN] = _human_evidence_checkbox(store)
    filters = Filters(**values)
    write_url({name: ",".join(getattr(filters, name)) for name in _LABELS} | {_HUMAN: "1" if filters.human_evidence else None})
    st.session_state[FILTERS_KEY] = filters
    return filters


def current_filters() -> Filters:
    """Filters chosen in the sidebar on this run (drawn by app.py before the page runs)."""
    return st.session_state.get(FILTERS_KEY, Filters())
