"""Explorer: find any entity, see what lies around it, and ask how it is connected to another."""

import streamlit as st

from components.cache import cached_build, shared_value, view_layout
from components.data_source import require_atlas
from components.evidence_view import evidence_dataframe
from components.filter_sidebar import sidebar_filters
from components.network_chart import show_figure
from components.overlay_state import current_overlay
from components.page_controls import url_selectbox, url_slider
from components.story_view import default_view, story_controls, story_state
from components.view_frame import current_focus, max_nodes_control, view_frame
from neuroimmune.defaults import DEFAULT_ENTITY, story_plan
from neuroimmune.explore import build_path_figure, entity_choices
from neuroimmune.export import drawn_atlas
from neuroimmune.text import escape_markdown
from neuroimmune.views import build_view_figure

filters = sidebar_filters()
st.title("Explorer")
st.caption("Search any entity by name or synonym, see its neighbourhood, and ask how two entities are connected.")
atlas = require_atlas()
max_nodes = max_nodes_control()

names = shared_value(entity_choices, atlas)  # id → "label  (synonyms)", by label; read-only
ids = list(names)
default = DEFAULT_ENTITY if DEFAULT_ENTITY in names else ids[0]
a_col, k_col, b_col = st.columns([3, 1, 3])
with a_col:
    entity = url_selectbox(
        "Entity (type a name or synonym)", ids, key="explorer_entity", param="entity", default=default, format_func=names.get
    )
with k_col:
    k = url_slider("Steps around it", 1, 3, key="explorer_k", param="k", default=1)
with b_col:
    target = url_selectbox("How is it connected to…? (optional)", ids, key="explorer_target", param="target", default=None,
                           format_func=names.get, placeholder="Pick a second entity")  # fmt: skip

filtered = atlas.filter(filters)
overlay, overlay_label = current_overlay()
with st.spinner("Finding the neighbourhood…"):
    focus = current_focus(atlas, "explorer_network")  # a click opens that entity's card below
    state = story_state("explorer")
    plan = shared_value(story_plan, atlas, "explorer", filters=filters, entity=entity, k=k)
    if state.everything:
        fig = cached_build(build_view_figure, atlas, "explorer", filters=filters, focus=[entity], k=k, positions=view_layout(atlas, "overview"),
                                overlay=overlay, overlay_label=overlay_label, max_nodes=max_nodes)  # fmt: skip
        drawn = drawn_atlas(fig, atlas, view="explorer", filters=filters)
    else:
        fig, drawn, _ = default_view(atlas, plan, state, overlay=overlay, overlay_label=overlay_label)
story_controls("explorer", plan, drawn, state, focus)

if target and target != entity:
    with st.spinner("Looking for the shortest explained paths…"):
        paths = filtered.paths(entity, target) if entity in filtered.labels and target in filtered.labels else []
    st.subheader(f"How {escape_markdown(atlas.label(entity))} is connected to {escape_markdown(atlas.label(target))}", anchor=False)
    if not paths:
        st.info("No path of up to six steps joins them under the current filters.")
    for n, path in enumerate(paths, 1):
        st.markdown(f"**Path {n}** ({len(path.hops)} step{'s' if len(path.hops) != 1 else ''})")
        st.text("\n".join(path.explained_lines()))  # each cited sentence, then what each of its papers found
        evidence = filtered.evidence_table(path.keys())
        if not evidence.empty:
            with st.expander(f"Evidence behind path {n}: {len(evidence)} paper findings with links"):
                evidence_dataframe(evidence, key=f"explorer_path_evidence_{n}")
    if paths:
        show_figure(
            cached_build(build_path_figure, filtered, paths, overlay=overlay, overlay_label=overlay_label),
            key="explorer_path",
            selectable=False,
        )

view_frame(drawn, fig, view="explorer", filters=filters, key="explorer_network", card_atlas=filtered)
