"""The frame every view page shares: chart, text description, clicked node's card, table twin, downloads.

The last clicked node is kept in ``st.session_state`` and in the URL param ``focus``, so a shared
link reopens its card.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from neuroimmune import Atlas, Filters
from neuroimmune.figures import describe_view
from neuroimmune.views import DEFAULT_MAX_NODES

from .cache import cached_build
from .entity_card import entity_card
from .export_buttons import export_buttons
from .network_chart import show_figure
from .table_twin import table_twin
from .url_state import write_url

__all__ = ["current_focus", "view_frame", "max_nodes_control", "drawn_caption"]


def _focus_key(key: str) -> str:
    return f"{key}_focus"


def _take_click(key: str, clicked: list[str]) -> None:
    """A new click moves the focus; an emptied selection (e.g. the figure changed) keeps it."""
    last = f"{key}_last_click"
    if clicked and clicked != st.session_state.get(last):
        st.session_state[_focus_key(key)] = clicked[0]
    st.session_state[last] = clicked


def current_focus(atlas: Atlas, key: str) -> str | None:
    """The node whose card is open on the page whose chart has ``key``.

    The last click (read from the chart's widget state before the figure is rebuilt, so the figure
    can highlight it at once), else the URL's ``focus`` on the session's first run.
    """
    from neuroimmune.figures import selected_node_ids

    fkey = _focus_key(key)
    if fkey not in st.session_state:
        raw = st.query_params.get("focus")
        st.session_state[fkey] = raw if raw in atlas.labels else None
    _take_click(key, selected_node_ids(st.session_state.get(key)))
    focus = st.session_state[fkey]
    return focus if focus in atlas.labels else None


def drawn_caption(drawn: Atlas) -> None:
    st.caption(f"Drawn: {len(drawn.edges):,} relations among {len(drawn.nodes):,} entities")


def max_nodes_control(key: str = "max_nodes", default: int = DEFAULT_MAX_NODES) -> int:
    """How many entities a network may draw; a big atlas shows its best-connected ones first."""
    from .url_state import init_from_url

    init_from_url(key, "n", int, default)
    value = st.sidebar.number_input("Most entities drawn", min_value=20, max_value=20_000, step=100, key=key,
                                    help="Large atlases draw their best-connected entities only; raise this to see more (slower).")  # fmt: skip
    write_url({"n": value if value != default else None})
    return int(value)


def view_frame(
    drawn: Atlas,
    fig,
    *,
    view: str,
    filters: Filters,
    key: str,
    card_atlas: Atlas | None = None,
    total: int | None = None,
    aside: Callable[[], None] | None = None,
) -> str | None:
    """Render the view; return the focused (last clicked) node id, if any.

    The chart takes the full width (a network needs it on a projector); the text description and
    the clicked entity's card sit below it, beside ``aside`` (e.g. a summary chart) when given.
    """
    drawn_caption(drawn)
    if total is not None and total > len(drawn.nodes):
        st.info(
            f"Only the {len(drawn.nodes):,} best-connected of {total:,} entities are drawn. "
            "Raise “Most entities drawn” in the sidebar to see more."
        )
    text = cached_build(describe_view, drawn, view, filters.describe())
    _take_click(key, show_figure(fig, key=key))
    focus = st.session_state.get(_focus_key(key))
    write_url({"focus": focus})
    main, side = st.columns([1, 1], gap="large") if aside else (st.container(), None)
    with main:
        st.text(text)
        card_atlas = card_atlas or drawn
        if focus in card_atlas.labels:
            entity_card(card_atlas, focus, key=f"{key}_card")
        else:
            st.caption("Click an entity in the chart to open its card.")
    if side is not None:
        with side:
            aside()
    table_twin(drawn, key=f"{key}_table")
    export_buttons(fig, drawn, view=view, filters=filters, key=f"{key}_export")
    return focus
