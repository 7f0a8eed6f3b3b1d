"""Which atlas this session sees: the user's own upload (session only) or the shipped folder."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from neuroimmune import Atlas, AtlasError, load_atlas
from neuroimmune.schema import Problem

__all__ = ["data_folder", "current_atlas", "require_atlas", "set_user_atlas", "clear_user_atlas", "show_problems", "USER_ATLAS_KEY"]

USER_ATLAS_KEY = "user_atlas"  # lives in st.session_state only: never in a cache another session can read
DEFAULT_FOLDER = Path(__file__).resolve().parent.parent / "data"


def data_folder() -> Path:
    """The shipped/configured atlas folder: ``$NEUROIMMUNE_DATA`` or ``data/``."""
    return Path(os.environ.get("NEUROIMMUNE_DATA") or DEFAULT_FOLDER)


def _folder_fingerprint(folder: Path) -> tuple:
    stamp = []
    for name in ("nodes.csv", "edges.csv", "sources.csv", "lessons.csv", "evidence.csv", "lesson_layout.csv"):
        p = folder / name
        try:
            s = p.stat()
            stamp.append((name, s.st_size, s.st_mtime_ns))
        except OSError:
            stamp.append((name, None, None))
    return tuple(stamp)


@st.cache_resource(show_spinner="Loading and validating the atlas…", max_entries=4)
def _load_folder(folder: str, _fingerprint: tuple, fingerprint_key: str) -> tuple[Atlas | None, tuple[Problem, ...]]:
    # Shared by every session: it only ever holds folders on the server's disk, never uploads.
    try:
        return load_atlas(folder), ()
    except AtlasError as exc:
        return None, tuple(exc.problems)


def current_atlas() -> Atlas | None:
    """The atlas this session works on, or ``None`` after showing why it could not be loaded."""
    user = st.session_state.get(USER_ATLAS_KEY)
    if user is not None:
        return user
    folder = data_folder()
    fp = _folder_fingerprint(folder)
    atlas, problems = _load_folder(str(folder), fp, repr(fp))
    if atlas is None:
        st.error(f"The atlas folder `{folder}` is not valid, so nothing can be drawn. Fix these problems and reload:")
        show_problems(problems)
    return atlas


def require_atlas() -> Atlas:
    """The current atlas; otherwise the validator's messages are shown and the page stops here."""
    atlas = current_atlas()
    if atlas is None:
        st.stop()
    return atlas


def set_user_atlas(atlas: Atlas, name: str) -> None:
    st.session_state[USER_ATLAS_KEY] = atlas
    st.session_state["user_atlas_name"] = name


def clear_user_atlas() -> None:
    st.session_state.pop(USER_ATLAS_KEY, None)
    st.session_state.pop("user_atlas_name", None)


def show_problems(problems, limit: int = 500) -> None:
    """Every problem as ``file:line: message`` in a code block (shown literally, never as HTML)."""
    lines = [str(p) for p in problems]
    shown = lines[:limit]
    if len(lines) > limit:
        shown.append(f"… and {len(lines) - limit} more problems")
    st.code("\n".join(shown) or "(no details)", language=None)
