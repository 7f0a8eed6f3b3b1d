"""The sidebar filters shared by every view, mirrored in the URL."""

from __future__ import annotations

from dataclasses import fields

import streamlit as st

from neuroimmune import Filters, schema

from .url_state import init_from_url, write_url

__all__ = ["sidebar_filters", "current_filters"]

_LABELS = {
    "evidence": ("Evidence grade", schema.EVIDENCE),
    "study_types": ("Study type", schema.STUDY_TYPES),
    "species": ("Species", schema.SPECIES),
    "node_types": ("Node types", schema.NODE_TYPES),
    "topics": ("Topics", schema.TOPICS),
}
FILTERS_KEY = "active_filters"


def _pretty(value: str) -> str:
    return value.replace("_", " ")


def sidebar_filters() -> Filters:
    """Draw the shared filters (empty = everything) and return them; also stored for pages."""
    with st.sidebar:
        st.markdown("### Filters")
        st.caption("Leave a filter empty to show everything.")
        values = {}
        for f in fields(Filters):
            label, options = _LABELS[f.name]
            key = f"filter_{f.name}"
            init_from_url(key, f.name, lambda raw, o=options: [v for v in raw.split(",") if v in o], [])
            values[f.name] = tuple(st.multiselect(label, options, key=key, format_func=_pretty))
    filters = Filters(**values)
    write_url({f.name: ",".join(getattr(filters, f.name)) for f in fields(Filters)})
    st.session_state[FILTERS_KEY] = filters
    return filters


def current_filters() -> Filters:
    """Filters chosen in the sidebar on this run (drawn by app.py before the page runs)."""
    return st.session_state.get(FILTERS_KEY, Filters())
