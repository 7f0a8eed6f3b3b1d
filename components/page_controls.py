"""Page widgets mirrored in the URL: seeded from st.query_params on first run, written back every run."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from .url_state import init_from_url, write_url

__all__ = ["url_multiselect", "url_selectbox", "url_toggle", "url_slider"]


def url_multiselect(
    label: str, options: Sequence[str], *, key: str, param: str, default: Sequence[str] = (), format_func: Callable = str, **kw
) -> list[str]:
    """A multiselect whose choice is the comma-separated URL param ``param`` (unknown values dropped)."""
    allowed = set(options)
    init_from_url(key, param, lambda raw: [v for v in str(raw).split(",") if v in allowed], [d for d in default if d in allowed])
    st.session_state[key] = [v for v in st.session_state[key] if v in allowed]  # another atlas may lack some
    value = st.multiselect(label, list(options), key=key, format_func=format_func, **kw)
    write_url({param: ",".join(value)})
    return value


def url_selectbox(
    label: str, options: Sequence[str], *, key: str, param: str, default: str | None, format_func: Callable = str, **kw
) -> str | None:
    """A selectbox whose choice is the URL param ``param``; ``default=None`` starts empty."""
    allowed = set(options)
    init_from_url(key, param, lambda raw: raw if raw in allowed else None, default if default in allowed else None)
    if st.session_state[key] is not None and st.session_state[key] not in allowed:
        st.session_state[key] = default if default in allowed else None
    value = st.selectbox(label, list(options), key=key, format_func=format_func, **kw)
    write_url({param: value})
    return value


def url_toggle(label: str, *, key: str, param: str, on_value: str, **kw) -> bool:
    """A toggle that is on when the URL param ``param`` equals ``on_value``."""
    init_from_url(key, param, lambda raw: raw == on_value, False)
    value = st.toggle(label, key=key, **kw)
    write_url({param: on_value if value else None})
    return bool(value)


def url_slider(label: str, lo: int, hi: int, *, key: str, param: str, default: int, **kw) -> int:
    """An integer slider in [lo, hi] mirrored in the URL param ``param``."""
    init_from_url(key, param, lambda raw: min(max(int(raw), lo), hi), default)
    value = st.slider(label, lo, hi, key=key, **kw)
    write_url({param: value})
    return int(value)
