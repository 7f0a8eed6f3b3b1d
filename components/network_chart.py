"""The one place that calls st.plotly_chart: config, selection → node ids, the figure caption."""

from __future__ import annotations

import html
import re

import streamlit as st

__all__ = ["show_figure", "chart_alt", "PLOTLY_CONFIG"]

PLOTLY_CONFIG = {
    "displaylogo": False,
    "scrollZoom": True,
    "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080, "scale": 1},
    "modeBarButtonsToRemove": ["lasso2d"],
}


def chart_alt(fig) -> str:
    """The chart's accessible name: its title as plain text, pointing to the text twin on the page."""
    raw = fig.layout.title.text if fig.layout.title and fig.layout.title.text else "Chart"
    title = html.unescape(re.sub(r"<[^>]+>", " ", str(raw)))
    title = re.sub(r"\s+", " ", title).strip() or "Chart"
    return f"{title}. Interactive chart; a text description and a table of what it shows are on this page."


def show_figure(fig, key: str, *, selectable: bool = True, height: int | None = None, alt: str | None = None) -> list[str]:
    """Draw ``fig``; return the node ids the user clicked or box-selected (empty if none).

    Clicked ids are remembered in ``st.session_state[f"{key}_selected"]`` so detail panes can
    read them after unrelated reruns. ``alt`` (default :func:`chart_alt`) is the chart's accessible name.
    """
    from neuroimmune.figures.selection import selected_node_ids

    if height:
        fig.update_layout(height=height)
    alt = alt or chart_alt(fig)
    if not selectable:
        st.plotly_chart(fig, key=key, config=PLOTLY_CONFIG, width="stretch", alt=alt)
        return []
    event = st.plotly_chart(
        fig, key=key, on_select="rerun", selection_mode=("points", "box"), config=PLOTLY_CONFIG, width="stretch", alt=alt
    )
    ids = selected_node_ids(event)
    st.session_state[f"{key}_selected"] = ids
    return ids
