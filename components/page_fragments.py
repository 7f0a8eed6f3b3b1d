"""The pages' fragments: parts of a page that one widget redraws without rerunning the page.

They live here, not in the page scripts, because Streamlit keeps a session's fragments (with their arguments)
between runs. A function defined in a page script holds that script's globals — every figure and sub-atlas the
run built — for as long as the session stays on the page; a function defined here holds only this module and the
light arguments it is given (the shared atlas, the filters, a few ids).
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from neuroimmune import Atlas, Filters
from neuroimmune.conditions import best_documented_condition, condition_biomarkers, condition_treatments
from neuroimmune.figures import build_cytokine_condition_heatmap
from neuroimmune.text import escape_markdown

from .cache import cached_build, shared_value
from .entity_card import entity_card
from .network_chart import show_figure
from .page_controls import url_selectbox, url_toggle

__all__ = ["cytokine_condition_heatmap", "treatments_and_biomarkers", "network_and_card"]


@st.fragment
def cytokine_condition_heatmap(atlas: Atlas, filters: Filters, hidden: Sequence[str]) -> None:
    """Cytokines × conditions; its toggle redraws this chart only. ``hidden``: cytokines not picked on the page."""
    st.subheader("Cytokines × conditions")
    indirect = url_toggle("Also show indirect links (two steps, faint)", key="cyto_indirect", param="indirect", on_value="1")
    others = set(hidden)
    heat_atlas = atlas.filter(filters)
    heat_atlas = shared_value(Atlas.with_nodes, heat_atlas, [i for i in heat_atlas.nodes["id"] if i not in others])
    show_figure(cached_build(build_cytokine_condition_heatmap, heat_atlas, indirect=indirect), key="cyto_heatmap", selectable=False)


@st.fragment
def treatments_and_biomarkers(atlas: Atlas, filters: Filters, conditions: Sequence[str]) -> None:
    """One condition's treatments and biomarkers; choosing a condition redraws these tables only."""
    st.subheader("Treatments and biomarkers of one condition")
    filtered = atlas.filter(filters)
    default = shared_value(best_documented_condition, filtered, tuple(conditions))  # opens on rows, not "none recorded"
    condition = url_selectbox("Condition", list(conditions), key="condition", param="condition", default=default,
                              format_func=atlas.label)  # fmt: skip
    for title, table in (
        ("Treatments", condition_treatments(filtered, condition)),
        ("Biomarkers", condition_biomarkers(filtered, condition)),
    ):
        st.markdown(f"**{title} of {escape_markdown(atlas.label(condition))}** ({len(table)})")
        if table.empty:
            st.caption(f"No {title.lower()} recorded under the current filters.")
        else:
            st.dataframe(table, hide_index=True, width="stretch", key=f"cond_{title.lower()}")


@st.fragment
def network_and_card(fig, atlas: Atlas, *, key: str) -> None:
    """A network whose click opens the entity's card below it, without rerunning the page."""
    clicked = show_figure(fig, key=key)
    if clicked:
        entity_card(atlas, clicked[0], key=f"{key.removesuffix('_network')}_card")
