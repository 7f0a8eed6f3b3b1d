"""Layouts and figures computed once per dataset and view, never on a plain rerun.

The shipped atlas is read-only and identical for everyone, so its layouts live in
``st.cache_resource``. A user's own atlas is private: its layouts live in that user's
``st.session_state`` only.
"""

from __future__ import annotations

import streamlit as st

from neuroimmune import Atlas

from .data_source import USER_ATLAS_KEY

__all__ = ["view_layout"]


@st.cache_resource(max_entries=16, show_spinner="Computing the layout (once per dataset and view)…")
def _shared_layout(version: str, view: str, _atlas: Atlas):
    from neuroimmune.views import layout_for_view

    return layout_for_view(_atlas, view)


def view_layout(atlas: Atlas, view: str):
    """Positions for ``view`` of ``atlas`` (unfiltered, so filters never move nodes)."""
    if st.session_state.get(USER_ATLAS_KEY) is not atlas:
        return _shared_layout(atlas.version, view, atlas)
    store = st.session_state.setdefault("_private_layouts", {})
    key = (atlas.version, view)
    if key not in store:
        from neuroimmune.views import layout_for_view

        with st.spinner("Computing the layout of your atlas (once)…"):
            store.clear() if len(store) > 8 else None
            store[key] = layout_for_view(atlas, view)
    return store[key]
