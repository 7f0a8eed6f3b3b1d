"""Keep widget state and the URL (st.query_params) in step so a shared link reproduces the view."""

from __future__ import annotations

import streamlit as st

__all__ = ["init_from_url", "write_url"]


def init_from_url(key: str, param: str, parse, default) -> None:
    """On a session's first run, seed widget ``key`` from query param ``param`` (else ``default``)."""
    if key in st.session_state:
        return
    raw = st.query_params.get(param)
    value = default
    if raw not in (None, ""):
        try:
            parsed = parse(raw)
            value = default if parsed in (None, [], ()) else parsed
        except (TypeError, ValueError):
            value = default
    st.session_state[key] = value


def write_url(params: dict[str, str | None]) -> None:
    """Set (or remove, for empty values) the given query params without touching others."""
    for name, value in params.items():
        if value in (None, "", [], ()):
            if name in st.query_params:
                del st.query_params[name]
        elif st.query_params.get(name) != str(value):
            st.query_params[name] = str(value)
