"""Layouts and figures computed once per dataset, view and state — never again on a plain rerun.

The shipped atlas is read-only and identical for everyone, so its layouts live in ``st.cache_resource`` and
its figures (with what they drew, tables and text descriptions) in one bounded ``st.cache_data`` shared by
every session: a lecture hall asking for the same pictures builds each once. The key is the atlas version
plus the call's arguments (a sub-atlas by its rows, filters and choices by value) — never anything a user
uploaded: with an uploaded atlas or an overlay in the session, results live in that session's
``st.session_state`` only.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from neuroimmune import Atlas

from .data_source import USER_ATLAS_KEY

__all__ = ["view_layout", "cached_build", "shared_value", "call_key", "SHARED_MAX_ENTRIES"]

SHARED_MAX_ENTRIES = 128  # 70–250 kB pickled per network view: about 20 MB at most
_PRIVATE_STORE = "_private_builds"
_PRIVATE_MAX = 16


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


#: Digests of the read-only objects the shared caches hand out again on every run (id → (object, digest)):
#: hashing them again (a story layout's frame, a comparison table) was a tenth of a cached run. The object is
#: held, so its id cannot be reused while it is remembered; oldest forgotten first.
_KNOWN: dict[int, tuple[Any, bytes]] = {}
_KNOWN_MAX = 512


_KNOWN_LOCK = threading.Lock()
#: Values hashed as a digest of their own (so a remembered one and a fresh equal one give the same key).
_DIGESTED = (pd.DataFrame, pd.Series, tuple, Atlas)


def remember_digest(value: Any) -> Any:
    """Mark ``value`` (never to be changed again: a shared cache's result) so keys hash it once; returns it."""
    if isinstance(value, _DIGESTED) and id(value) not in _KNOWN:
        try:
            digest = _digest(value)
        except TypeError:  # not keyable: keys that meet it fail as before
            return value
        with _KNOWN_LOCK:
            while len(_KNOWN) >= _KNOWN_MAX:
                _KNOWN.pop(next(iter(_KNOWN)))
            _KNOWN[id(value)] = (value, digest)
    return value


def _digest(value: Any) -> bytes:
    known = _KNOWN.get(id(value))
    if known is not None and known[0] is value:
        return known[1]
    inner = hashlib.sha256()
    _feed_value(inner, value)
    return inner.digest()


def _feed(h, value: Any) -> None:
    """Hash ``value`` by what it is: an Atlas by version and rows, frames by content, others by value.

    Frames, atlases and tuples go in as a digest of their own, taken once for a remembered value."""
    if isinstance(value, _DIGESTED):
        h.update(_digest(value))
        h.update(b";")
        return
    _feed_value(h, value)


def _feed_value(h, value: Any) -> None:
    if isinstance(value, Atlas):
        h.update(f"atlas:{value.version}:{len(value.nodes)}:{len(value.edges)}".encode())
        h.update(value.nodes.index.to_numpy(dtype=np.int64).tobytes())
        h.update(value.edges.index.to_numpy(dtype=np.int64).tobytes())
    elif isinstance(value, pd.DataFrame | pd.Series):
        h.update(f"{type(value).__name__}:{value.shape}".encode())
        try:
            hashed = pd.util.hash_pandas_object(value, index=True)
        except TypeError:  # unhashable cells (lists): by their text
            hashed = pd.util.hash_pandas_object(value.astype(str), index=True)
        h.update(hashed.to_numpy().tobytes())
    elif isinstance(value, dict):
        h.update(b"{")
        for k in sorted(value, key=repr):
            _feed(h, k)
            _feed(h, value[k])
        h.update(b"}")
    elif isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        h.update(f"{type(value).__name__}[".encode())
        for item in items:
            _feed(h, item)
        h.update(b"]")
    elif is_dataclass(value) and not isinstance(value, type):
        h.update(type(value).__qualname__.encode())
        _feed(h, {f.name: getattr(value, f.name) for f in fields(value)})
    elif callable(value):
        h.update(f"fn:{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}".encode())
    elif value is None or isinstance(value, str | int | float | bool | np.generic):
        h.update(f"{type(value).__name__}:{value!r}".encode())
    else:
        raise TypeError(f"cannot key a shared cache by a {type(value).__name__}")
    h.update(b";")


def call_key(fn: Callable, args: tuple, kwargs: dict) -> str:
    """A stable key for ``fn(*args, **kwargs)``: equal for equal atlas versions, rows and arguments."""
    h = hashlib.sha256()
    _feed(h, fn)
    _feed(h, args)
    _feed(h, kwargs)
    return h.hexdigest()


class _PackedFigure(dict):
    """A figure stored as its plain dict: unpickling a ``go.Figure`` re-validates every property (~25 ms)."""


def _pack(value):
    import plotly.graph_objects as go

    if isinstance(value, go.Figure):
        return _PackedFigure(value.to_dict())
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # NamedTuple, e.g. DrawnView
        return type(value)(*(_pack(v) for v in value))
    if type(value) is tuple:
        return tuple(_pack(v) for v in value)
    return value


def _typed_arrays(value):
    """Plotly's ``to_dict`` stores numpy arrays as ``{"dtype", "bdata"[, "shape"]}``: decode them back to arrays,
    so a figure from the cache is the same object a fresh build gives (code that post-processes traces works on both)."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value and len(value) <= 3:
            arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
            shape = value.get("shape")
            if shape:
                arr = arr.reshape([int(n) for n in str(shape).split(",")])
            return arr.copy()
        return {k: _typed_arrays(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_typed_arrays(v) for v in value]
    return value


def _unpack(value):
    import plotly.graph_objects as go

    if isinstance(value, _PackedFigure):
        return go.Figure(_typed_arrays(dict(value)), _validate=False)  # it was valid when built
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return type(value)(*(_unpack(v) for v in value))
    if type(value) is tuple:
        return tuple(_unpack(v) for v in value)
    return value


@st.cache_data(max_entries=SHARED_MAX_ENTRIES, show_spinner=False)
def _shared_build(key: str, _fn: Callable, _args: tuple, _kwargs: dict):
    # st.cache_data hands every caller its own unpickled copy: a caller may change its figure freely
    return _pack(_fn(*_args, **_kwargs))


def _session_is_private() -> bool:
    from .overlay_state import current_overlay

    return st.session_state.get(USER_ATLAS_KEY) is not None or current_overlay()[0] is not None


def cached_build(fn: Callable, *args, **kwargs):
    """``fn(*args, **kwargs)``, built once and shared while the session shows the shipped atlas.

    ``fn`` must be a pure library function of its arguments. A session with its own atlas or overlay keeps
    its results in its own ``st.session_state`` (a few, newest kept).
    """
    key = call_key(fn, args, kwargs)
    if not _session_is_private():
        return _unpack(_shared_build(key, fn, args, kwargs))
    store = st.session_state.setdefault(_PRIVATE_STORE, {})
    if key not in store:
        if len(store) >= _PRIVATE_MAX:
            store.pop(next(iter(store)))
        store[key] = fn(*args, **kwargs)
    return store[key]


@st.cache_resource(max_entries=SHARED_MAX_ENTRIES, show_spinner=False)
def _shared_value(key: str, _fn: Callable, _args: tuple, _kwargs: dict):
    return _fn(*_args, **_kwargs)


def shared_value(fn: Callable, *args, **kwargs):
    """``fn(*args, **kwargs)`` computed once and handed to every caller *as is* (no copy, no pickling).

    For read-only intermediate results a page derives on every run — sub-atlases, story plans, story
    growth — whose callers never change them (an :class:`~neuroimmune.Atlas` never mutates). Figures
    and anything a caller may change go through :func:`cached_build`, which hands out copies. Keyed and
    kept private like :func:`cached_build`.
    """
    key = call_key(fn, args, kwargs)
    if not _session_is_private():
        return _remember_parts(_shared_value(key, fn, args, kwargs))
    store = st.session_state.setdefault("_private_values", {})
    if key not in store:
        if len(store) >= _PRIVATE_MAX * 4:
            store.pop(next(iter(store)))
        store[key] = fn(*args, **kwargs)
    return store[key]


def _remember_parts(value):
    """Remember the digests of a shared value and of the frames, atlases and tuples it holds (one level down).

    An atlas's own frames are not: keys take an atlas by its version and row ids, so hashing the contents of a
    new sub-atlas's frames was wasted (14 % of a 100k-edge rerun with a new filter, py-spy)."""
    remember_digest(value)
    parts = value if type(value) is tuple or (isinstance(value, tuple) and hasattr(value, "_fields")) else ()
    if is_dataclass(value) and not isinstance(value, type | Atlas):
        parts = [getattr(value, f.name) for f in fields(value)]
    for part in parts:
        remember_digest(part)
    return value
