"""The session's overlay values (uploaded on the Data page), for any view to colour nodes by."""

from __future__ import annotations

import pandas as pd
import streamlit as st

__all__ = ["OVERLAY_KEY", "current_overlay", "set_overlay", "clear_overlay"]

OVERLAY_KEY = "overlay"  # st.session_state only: one user's values never reach another session


def current_overlay() -> tuple[pd.Series | None, str]:
    """``(values indexed by node id, label)`` of the active overlay, or ``(None, "")``."""
    overlay = st.session_state.get(OVERLAY_KEY)
    if overlay is None or overlay.values.empty:
        return None, ""
    return overlay.values, overlay.name


def set_overlay(overlay) -> None:
    st.session_state[OVERLAY_KEY] = overlay


def clear_overlay() -> None:
    st.session_state.pop(OVERLAY_KEY, None)
