"""The compare page's picture: a story of both conditions and the best of each column, grown on demand.

URL params like the other story pages (:mod:`components.story_view`): ``cols`` (whole columns shown,
numbered as :data:`neuroimmune.compare.STORY_COLUMNS`) and ``all=1`` (today's full picture, each
column capped). The story, its growth and its layout are computed once per comparison and state
(:func:`components.cache.shared_value`); the figures once (:func:`components.cache.cached_build`).
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd
import streamlit as st

from neuroimmune import Atlas
from neuroimmune.compare import (
    MAX_PER_COLUMN,
    ONLY_A,
    ONLY_B,
    SHARED,
    build_compare_figures,
    build_compare_story,
    compare_story,
    compare_story_layout,
    drawn_compare_atlas,
    grow_compare_story,
    story_columns,
)
from neuroimmune.story import StoryState

from .cache import cached_build, shared_value
from .story_view import _add_column, _reset, story_state

__all__ = ["ComparePicture", "compare_picture", "compare_controls", "PREFIX"]

PREFIX = "compare"


class ComparePicture(NamedTuple):
    """The network, the bars, what the network draws and the story state it was drawn for."""

    network: object
    bars: object
    drawn: Atlas
    state: StoryState


def _story(atlas: Atlas, a: str, b: str, result: pd.DataFrame, state: StoryState):
    """The story's ids, growth steps and the entities of whole columns (shared: once per state)."""
    base = compare_story(atlas, a, b, result)
    ids, steps = grow_compare_story(atlas, a, b, result, base, state)
    return base, ids, steps, [i for _, added in steps for i in added]


def compare_picture(atlas: Atlas, a: str, b: str, result: pd.DataFrame, *, presenter: bool = False, overlay=None, overlay_label: str = ""):
    """The page's figures for its story state (read from / written to the URL)."""
    state = story_state(PREFIX)
    if state.everything:
        network, bars = cached_build(build_compare_figures, atlas, a, b, result, overlay=overlay, overlay_label=overlay_label)
        return ComparePicture(network, bars, shared_value(drawn_compare_atlas, atlas, a, b, result), state)
    base, ids, steps, keep = shared_value(_story, atlas, a, b, result, state)
    layout = shared_value(compare_story_layout, atlas, a, b, result, base, steps, presenter=presenter)
    network, bars, drawn = cached_build(build_compare_story, atlas, a, b, result, ids, layout, presenter=presenter, overlay=overlay,
                                        overlay_label=overlay_label, keep=keep)  # fmt: skip
    return ComparePicture(network, bars, drawn, state)


def compare_controls(atlas: Atlas, a: str, b: str, result: pd.DataFrame, picture: ComparePicture) -> None:
    """Show everything (toggle), show a whole column (select), back to the story.

    Keys: ``compare_all``, ``compare_col_pick``, ``compare_reset``.
    """
    state, drawn = picture.state, picture.drawn
    left, mid, right = st.columns([2, 3, 2], vertical_alignment="bottom")
    with left:
        st.toggle("Show everything", key=f"{PREFIX}_all",
                  help=f"Draw every linked entity (the {MAX_PER_COLUMN} best-connected per column at most).")  # fmt: skip
    if state.everything:
        return
    column = story_columns(result)
    names = {ONLY_A: f"Only {atlas.label(a)}", SHARED: "Shared", ONLY_B: f"Only {atlas.label(b)}"}
    drawn_ids = set(drawn.nodes["id"])
    counts = {c: int((column == c).sum()) for c in names}
    hidden = {c: int(((column == c) & ~result["id"].isin(drawn_ids)).sum()) for c in names}
    options = [c for c in names if hidden[c] and c not in state.columns]

    def label(c: int) -> str:
        n = counts[c]
        return f"{names[c]}: show all {n}" if n <= MAX_PER_COLUMN else f"{names[c]}: show the best {MAX_PER_COLUMN} of {n:,}"

    with mid:
        st.selectbox("Show a whole column", options, index=None, key=f"{PREFIX}_col_pick", on_change=_add_column, args=(PREFIX,),
                     format_func=label, placeholder="Show all of a column…")  # fmt: skip
    with right:
        if state.columns:
            st.button("Back to the story", key=f"{PREFIX}_reset", on_click=_reset, args=(PREFIX,), icon=":material/undo:")
    st.caption(
        f"A story of {len(drawn.nodes):,} of the comparison's {len(result) + 2:,} entities: in each column the direct links first, "
        "then those reached through a mechanism, each by evidence and then the best-connected. The table below lists all of them."
    )
