"""The one place that calls st.plotly_chart: config, selection → node ids, the figure caption."""

from __future__ import annotations

import streamlit as st

__all__ = ["show_figure", "PLOTLY_CONFIG"]

PLOTLY_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
    "modeBarButtonsToRemove": ["lasso2d"],
}


def show_figure(fig, key: str, *, selectable: bool = True, height: int | None = None) -> list[str]:
    """Draw ``fig``; return the node ids the user clicked or box-selected (empty if none).

    Clicked ids are remembered in ``st.session_state[f"{key}_selected"]`` so detail panes can
    read them after unrelated reruns.
    """
    from neuroimmune.figures.selection import selected_node_ids

    if height:
        fig.update_layout(height=height)
    if not selectable:
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch")
        return []
    event = st.plotly_chart(fig, key=key, on_select="rerun", selection_mode=("points", "box"), config=PLOTLY_CONFIG, width="stretch")
    ids = selected_node_ids(event)
    st.session_state[f"{key}_selected"] = ids
    return ids
