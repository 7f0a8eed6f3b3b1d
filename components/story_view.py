"""A page's default picture as a story: its growth state in the URL, Expand / whole column / Show everything.

URL params: ``expand`` (entity ids expanded, in order), ``cols`` (whole columns shown) and ``all=1``
(show everything, with the usual entity cap). The story's layout is computed once per dataset,
view and state and kept in ``st.cache_resource`` (shipped atlas) or the session (an upload).
"""

from __future__ import annotations

import streamlit as st

from neuroimmune import Atlas, Filters
from neuroimmune.defaults import StoryPlan
from neuroimmune.story import StoryState, column_names, column_of, grow_story
from neuroimmune.text import escape_markdown
from neuroimmune.views import DrawnView, build_default_view, story_layout

from .cache import cached_build, remember_digest, shared_value
from .data_source import USER_ATLAS_KEY
from .url_state import init_from_url, write_url

__all__ = ["story_state", "default_view", "story_controls", "lesson_layout"]


def _keys(prefix: str) -> tuple[str, str, str]:
    return f"{prefix}_expand", f"{prefix}_cols", f"{prefix}_all"


def _ids(raw) -> list[str]:
    return [v for v in str(raw).split(",") if v]


def _ints(raw) -> list[int]:
    return [int(v) for v in str(raw).split(",") if v.strip().isdigit()]


def story_state(prefix: str) -> StoryState:
    """The story's growth on this page (seeded from the URL on a session's first run, written back)."""
    k_exp, k_cols, k_all = _keys(prefix)
    init_from_url(k_exp, "expand", _ids, [])
    init_from_url(k_cols, "cols", _ints, [])
    init_from_url(k_all, "all", lambda raw: raw == "1", False)
    state = StoryState(tuple(st.session_state[k_exp]), tuple(st.session_state[k_cols]), bool(st.session_state[k_all]))
    write_url({"expand": ",".join(state.expanded), "cols": ",".join(map(str, state.columns)), "all": "1" if state.everything else None})
    return state


@st.cache_resource(max_entries=64, show_spinner=False)
def _shared_layout(version: str, view: str, presenter: bool, base: tuple, steps: tuple, edges: tuple, _sub: Atlas):
    return story_layout(_sub, view, base, steps, presenter=presenter)


def _growth(sub: Atlas, view: str, base: list[str], state: StoryState):
    """The story's growth steps and the relations its entities span (shared: computed once per state)."""
    _, steps = grow_story(sub, base, state, column_of(sub, view))
    ids = [*base, *(i for _, added in steps for i in added)]
    return steps, tuple(sub.with_nodes(ids).edges.index.tolist())


def _layout(atlas: Atlas, sub: Atlas, view: str, base: list[str], steps, edges: tuple, presenter: bool):
    key = (atlas.version, view, presenter, tuple(base), tuple((a, tuple(added)) for a, added in steps), edges)
    if st.session_state.get(USER_ATLAS_KEY) is not atlas:
        return remember_digest(_shared_layout(*key, _sub=sub))
    store = st.session_state.setdefault("_private_story_layouts", {})
    if key not in store:
        store.clear() if len(store) > 16 else None
        store[key] = story_layout(sub, view, base, steps, presenter=presenter)
    return store[key]


def default_view(atlas: Atlas, plan: StoryPlan, state: StoryState, **options) -> DrawnView:
    """The story figure of ``plan`` (see :func:`neuroimmune.views.build_default_view`) with its layout cached."""
    steps, edges = shared_value(_growth, plan.sub, plan.view, plan.base, state)
    layout = _layout(atlas, plan.sub, plan.view, plan.base, steps, edges, bool(options.get("presenter", False)))
    # built once and shared for the shipped atlas (components.cache), like every other figure
    return cached_build(
        build_default_view, plan.sub, plan.view, plan.base, state, layout=layout, title=plan.title, highlight=plan.highlight, **options
    )


def _expand(prefix: str, node: str) -> None:
    key = _keys(prefix)[0]
    st.session_state[key] = [*st.session_state.get(key, []), node]


def _add_column(prefix: str) -> None:
    pick = st.session_state.get(f"{prefix}_col_pick")
    key = _keys(prefix)[1]
    if pick is not None and pick not in st.session_state.get(key, []):
        st.session_state[key] = [*st.session_state.get(key, []), int(pick)]
    st.session_state[f"{prefix}_col_pick"] = None


def _reset(prefix: str) -> None:
    k_exp, k_cols, _ = _keys(prefix)
    st.session_state[k_exp], st.session_state[k_cols] = [], []


def story_controls(prefix: str, plan: StoryPlan, drawn: Atlas, state: StoryState, focus: str | None) -> None:
    """Show everything (toggle), Expand the clicked entity, show a whole column, back to the story.

    Keys: ``{prefix}_all``, ``{prefix}_expand_button``, ``{prefix}_col_pick``, ``{prefix}_reset``.
    """
    sub, view = plan.sub, plan.view
    k_exp, k_cols, k_all = _keys(prefix)
    left, mid, right = st.columns([2, 3, 2], vertical_alignment="bottom")
    with left:
        st.toggle("Show everything", key=k_all, help="Draw the whole view (the best-connected entities up to “Most entities drawn”).")
    if state.everything:
        return
    with mid:
        if focus and focus in sub.labels:
            name = escape_markdown(sub.label(focus))
            st.button(f"Expand {name}", key=f"{prefix}_expand_button", on_click=_expand, args=(prefix, focus),
                      help="Add its 10 best-evidence neighbours; nothing already drawn moves.", icon=":material/add_circle:")  # fmt: skip
        else:
            st.caption("Click an entity, then Expand it to add its best-evidence neighbours.")
    columns = shared_value(column_of, sub, view)
    names = column_names(view)
    if columns is not None and names:
        drawn_ids = set(drawn.nodes["id"])
        counts = {c: sum(1 for i, v in columns.items() if v == c) for c in range(len(names))}
        hidden = {c: sum(1 for i, v in columns.items() if v == c and i not in drawn_ids) for c in counts}
        options = [c for c in counts if hidden[c] and c not in state.columns]
        with right:
            st.selectbox("Show a whole column", options, index=None, key=f"{prefix}_col_pick", on_change=_add_column, args=(prefix,),
                         format_func=lambda c: f"{names[c]}: show all {counts[c]}", placeholder="Show all of a column…")  # fmt: skip
    if state.expanded or state.columns:
        st.button("Back to the story", key=f"{prefix}_reset", on_click=_reset, args=(prefix,), icon=":material/undo:")
    st.caption(f"A story of {len(drawn.nodes):,} of the view's {len(sub.nodes):,} entities.")


@st.cache_resource(max_entries=64, show_spinner=False)
def _shared_lesson_layout(version: str, lesson: str, filters: Filters, presenter: bool, _atlas: Atlas):
    from neuroimmune.lessons import lesson_layout as compute

    return compute(_atlas, lesson, filters=filters, presenter=presenter)


def lesson_layout(atlas: Atlas, lesson: str, *, filters: Filters, presenter: bool):
    """The lesson's final-step layout, computed once per dataset, lesson, filters and screen (every step reuses it)."""
    if st.session_state.get(USER_ATLAS_KEY) is not atlas:
        return _shared_lesson_layout(atlas.version, lesson, filters, presenter, _atlas=atlas)
    from neuroimmune.lessons import lesson_layout as compute

    store = st.session_state.setdefault("_private_lesson_layouts", {})
    key = (atlas.version, lesson, filters, presenter)
    if key not in store:
        store.clear() if len(store) > 16 else None
        store[key] = compute(atlas, lesson, filters=filters, presenter=presenter)
    return store[key]
