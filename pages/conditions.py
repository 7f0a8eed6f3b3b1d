"""Condition–mechanism map: conditions and the mechanisms linked to them, with treatments and biomarkers."""

import streamlit as st

from components.cache import cached_build, shared_value, view_layout
from components.data_source import require_atlas
from components.filter_sidebar import sidebar_filters
from components.network_chart import show_figure
from components.overlay_state import current_overlay
from components.page_controls import url_multiselect
from components.page_fragments import treatments_and_biomarkers
from components.story_view import default_view, story_controls, story_state
from components.view_frame import current_focus, max_nodes_control, view_frame
from neuroimmune.conditions import CONDITION_GROUPS, conditions_in_groups, without_other_conditions
from neuroimmune.defaults import story_plan
from neuroimmune.figures import build_condition_mechanism_heatmap
from neuroimmune.story import default_condition_group
from neuroimmune.views import build_view

filters = sidebar_filters()
st.title("Condition–mechanism map")
st.caption("Conditions and symptoms (left) and the cytokines, cells and processes reported to drive them (right).")
atlas = require_atlas()
max_nodes = max_nodes_control()

groups = url_multiselect("Condition groups", CONDITION_GROUPS, key="condition_groups", param="groups", default=default_condition_group(atlas),
                         format_func={g: g.replace("_", " / " if g == "autoimmune_systemic" else " ") for g in CONDITION_GROUPS}.get,
                         placeholder="All groups")  # fmt: skip
conditions = conditions_in_groups(atlas, groups)
if not conditions:
    st.info("No condition belongs to the chosen groups in this atlas.")
    st.stop()

with st.spinner("Drawing the condition map…"):
    sub = shared_value(without_other_conditions, atlas, conditions).filter(filters, view="condition_map")
    focus = current_focus(atlas, "cond_network")
    overlay, overlay_label = current_overlay()
    keep = [focus] if focus else []
    state = story_state("cond")
    plan = shared_value(story_plan, atlas, "condition_map", filters=filters, groups=groups, keep=keep)
    if state.everything:
        fig, drawn, total = cached_build(build_view, sub, "condition_map", positions=view_layout(atlas, "condition_map"), focus=keep,
                                       overlay=overlay, overlay_label=overlay_label, max_nodes=max_nodes)  # fmt: skip
    else:
        fig, drawn, _ = default_view(atlas, plan, state, overlay=overlay, overlay_label=overlay_label)
        total = None
story_controls("cond", plan, drawn, state, focus)
view_frame(drawn, fig, view="condition_map", filters=filters, key="cond_network", card_atlas=sub, total=total)

st.subheader("Conditions × mechanisms")
show_figure(cached_build(build_condition_mechanism_heatmap, atlas.filter(filters), conditions), key="cond_heatmap", selectable=False)


treatments_and_biomarkers(atlas, filters, conditions)  # choosing a condition redraws these tables only
