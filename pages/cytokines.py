"""Cytokine pathways: from chosen cytokines through receptors and signalling to cells, symptoms and conditions."""

import streamlit as st

from components.cache import cached_build, shared_value
from components.data_source import require_atlas
from components.filter_sidebar import sidebar_filters
from components.overlay_state import current_overlay
from components.page_controls import url_multiselect
from components.page_fragments import cytokine_condition_heatmap
from components.story_view import default_view, story_controls, story_state
from components.view_frame import current_focus, max_nodes_control, view_frame
from neuroimmune.cytokines import build_cytokine_pathway_figure, classify_cytokines
from neuroimmune.defaults import default_cytokines, story_plan

filters = sidebar_filters()
st.title("Cytokine pathways")
st.caption(
    "Pick cytokines to follow what they do, left to right: receptor → signalling → cells and processes → symptoms "
    "and conditions. Pro-inflammatory cytokines are vermillion triangles, anti-inflammatory ones blue squares."
)
atlas = require_atlas()
max_nodes = max_nodes_control()

view_atlas = atlas.filter(filters, view="cytokine")
classes = cached_build(classify_cytokines, atlas)
cytokines = classes.sort_values("label")["id"].tolist()
if not cytokines:
    st.info("This atlas has no cytokines.")
    st.stop()
default = default_cytokines(atlas)
picked = url_multiselect("Cytokines", cytokines, key="cytokine_pick", param="cytokines", default=default, format_func=atlas.label,
                         placeholder="Type a cytokine, e.g. IL-6")  # fmt: skip
if not picked:
    st.info("Pick at least one cytokine to draw its pathways.")
    st.stop()

with st.spinner("Tracing the pathways…"):
    focus = current_focus(atlas, "cyto_network")
    overlay, overlay_label = current_overlay()
    class_of = dict(zip(classes["id"], classes["inflammatory"]))
    state = story_state("cyto")
    plan = shared_value(story_plan, atlas, "cytokine", filters=filters, cytokines=picked)
    if state.everything:
        fig, drawn, total = cached_build(build_cytokine_pathway_figure, view_atlas, picked, classes=class_of, overlay=overlay,
                                                          overlay_label=overlay_label, max_nodes=max_nodes)  # fmt: skip
    else:
        fig, drawn, _ = default_view(atlas, plan, state, overlay=overlay, overlay_label=overlay_label, classes=class_of)
        total = None
story_controls("cyto", plan, drawn, state, focus)
view_frame(drawn, fig, view="cytokine", filters=filters, key="cyto_network", card_atlas=view_atlas, total=total)

with st.expander("How cytokines are classified as pro- or anti-inflammatory"):
    st.markdown(
        "First the textbook lists (anti-inflammatory: IL-10, TGF-β1, IL-1Ra, IL-4, IL-13; pro-inflammatory: IL-1α, "
        "IL-1β, TNF, IL-6, IFN-γ, IL-12, IL-17A, IL-18, IL-23, GM-CSF, CXCL8, CCL2). Any other cytokine is scored by "
        "its relations onto inflammation, microglial activation and pro-inflammatory cytokines (raising +1, lowering "
        "−1); the sign decides. Without such relations it stays unclassified (orange star)."
    )
    st.dataframe(classes, hide_index=True, width="stretch", key="cyto_classes")


cytokine_condition_heatmap(atlas, filters, hidden=[c for c in cytokines if c not in picked])  # its toggle redraws the chart only
