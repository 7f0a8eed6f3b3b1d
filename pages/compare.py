"""Compare conditions: what two conditions share — mechanisms, cytokines, symptoms, treatments, biomarkers."""

import streamlit as st

from components.cache import shared_value
from components.compare_view import compare_controls, compare_picture
from components.data_source import require_atlas
from components.filter_sidebar import sidebar_filters
from components.lesson_player import presenter_toggle
from components.network_chart import show_figure
from components.overlay_state import current_overlay
from components.page_fragments import network_and_card
from components.url_state import init_from_url, write_url
from components.view_frame import drawn_caption
from neuroimmune.compare import compare_conditions, default_pair
from neuroimmune.conditions import conditions_in_groups
from neuroimmune.text import escape_markdown

filters = sidebar_filters()
st.title("Compare conditions")
st.caption(
    "Each condition sits between what only it is linked to (outside) and what both share (the middle, purple): "
    "entities linked to it directly, plus cytokines and microbes/metabolites reached through one of its mechanisms."
)
atlas = require_atlas()
conditions = shared_value(conditions_in_groups, atlas)  # every condition, by label; read-only
if len(conditions) < 2:
    st.info("This atlas has fewer than two conditions, so there is nothing to compare.")
    st.stop()

for key, param, default in zip(("compare_a", "compare_b"), ("a", "b"), default_pair(conditions)):
    init_from_url(key, param, lambda raw: raw if raw in conditions else None, default)
    if st.session_state[key] not in conditions:  # another atlas was loaded since
        st.session_state[key] = default
left, right = st.columns(2)
a = left.selectbox("Condition A", conditions, key="compare_a", format_func=atlas.label)
b = right.selectbox("Condition B", conditions, key="compare_b", format_func=atlas.label)
write_url({"a": a, "b": b})
if a == b:
    st.info("Pick two different conditions.")
    st.stop()

filtered = atlas.filter(filters, keep_isolated=True)
if a not in filtered.labels or b not in filtered.labels:
    st.caption("The sidebar filters hide a chosen condition, so the comparison ignores them.")
    filtered = atlas
result = shared_value(compare_conditions, filtered, a, b)  # read-only: handed out as is
overlay, overlay_label = current_overlay()
presenter = presenter_toggle(draw=False)  # ?present=1: the projector canvas (20 px type)
picture = compare_picture(filtered, a, b, result, presenter=presenter, overlay=overlay, overlay_label=overlay_label)
compare_controls(filtered, a, b, result, picture)
drawn_caption(picture.drawn)


network_and_card(picture.network, filtered, key="compare_network")  # a click opens the card, not a new comparison
c1, c2, c3 = st.columns(3)
c1.metric(f"Only {escape_markdown(atlas.label(a))}", int((result["in_a"] & ~result["in_b"]).sum()))
c2.metric("Shared", int(result["shared"].sum()))
c3.metric(f"Only {escape_markdown(atlas.label(b))}", int((result["in_b"] & ~result["in_a"]).sum()))
st.dataframe(result, hide_index=True, width="stretch", key="compare_table")
show_figure(picture.bars, key="compare_bars", selectable=False)
if presenter:
    presenter_toggle()  # the way back from presenter mode
