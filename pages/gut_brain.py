"""Gut–brain axis: lanes from the gut lumen to the brain, route and barrier toggles, compartment flows."""

import streamlit as st

from components.cache import cached_build, shared_value, view_layout
from components.data_source import require_atlas
from components.filter_sidebar import sidebar_filters
from components.network_chart import show_figure
from components.overlay_state import current_overlay
from components.page_controls import url_multiselect, url_toggle
from components.story_view import default_view, story_controls, story_state
from components.view_frame import current_focus, max_nodes_control, view_frame
from neuroimmune.defaults import story_plan
from neuroimmune.figures import build_compartment_sankey
from neuroimmune.routes import ROUTES, barrier_nodes, gut_brain_atlas
from neuroimmune.views import build_view

filters = sidebar_filters()
st.title("Gut–brain axis")
st.caption(
    "How signals travel from the gut (left) to the brain (right): through immune cells and cytokines, "
    "the vagus and enteric nerves, stress hormones, and microbial metabolites. Arrows show direction; "
    "dashed lines are contested findings, faint ones emerging."
)
atlas = require_atlas()
max_nodes = max_nodes_control()

routes_col, gut_col, bbb_col = st.columns([4, 1, 1], vertical_alignment="bottom")
with routes_col:
    routes = url_multiselect("Routes", list(ROUTES), key="gb_routes", param="routes", default=list(ROUTES),
                             format_func={k: r.label for k, r in ROUTES.items()}.get, help="Each route is a rule over entity types and compartments (see below).")  # fmt: skip
with gut_col:
    gut_leaky = url_toggle("Leaky gut", key="gb_gut_leaky", param="gut", on_value="leaky", help="Off: the gut barrier is intact.")
with bbb_col:
    bbb_disrupted = url_toggle(
        "BBB disrupted", key="gb_bbb_disrupted", param="bbb", on_value="disrupted", help="Off: the blood–brain barrier is intact."
    )

with st.spinner("Drawing the gut–brain axis…"):
    sub = shared_value(gut_brain_atlas, atlas, filters, routes=routes, gut_leaky=gut_leaky, bbb_disrupted=bbb_disrupted)
    focus = current_focus(atlas, "gb_network")
    keep = [f for f in [focus, *barrier_nodes(gut_leaky=gut_leaky, bbb_disrupted=bbb_disrupted)] if f]
    overlay, overlay_label = current_overlay()
    state = story_state("gb")
    plan = shared_value(
        story_plan, atlas, "gut_brain", filters=filters, routes=routes, gut_leaky=gut_leaky, bbb_disrupted=bbb_disrupted, keep=keep
    )
    if state.everything:
        fig, drawn, total = cached_build(build_view, sub, "gut_brain", positions=view_layout(atlas, "gut_brain"), focus=keep, overlay=overlay,
                                       overlay_label=overlay_label, max_nodes=max_nodes)  # fmt: skip
    else:
        fig, drawn, total = default_view(atlas, plan, state, overlay=overlay, overlay_label=overlay_label)
        total = None
story_controls("gb", plan, drawn, state, focus)


def compartment_flows():
    show_figure(cached_build(build_compartment_sankey, drawn), key="gb_sankey", selectable=False)
    st.caption("Width = number of relations from one compartment (left) to another (right); colour = kind of relation.")


view_frame(drawn, fig, view="gut_brain", filters=filters, key="gb_network", card_atlas=sub, total=total, aside=compartment_flows)

with st.expander("About these routes and barrier states"):
    st.markdown(
        "**Routes.** Immune: cytokines, immune cells, antibodies and the gut immune system. Neural/vagal: the vagus, "
        "the enteric nervous system and neurotransmitters. Endocrine/HPA: hormones and the HPA axis. Microbial "
        "metabolites: microbes, their metabolites and the gut lumen. A relation travels a route when one of its ends "
        "belongs to it; relations inside the brain belong to no route and are drawn when they touch a route's entity.\n\n"
        "**Barriers.** The curators marked relations that hold only while a barrier fails (notes beginning "
        "'LEAKY GUT state:' or 'BBB DISRUPTED state:'). With a barrier intact these relations, and the consequences of "
        "the failure itself (what leaky gut, endotoxaemia or BBB disruption go on to cause), are hidden; the risk "
        "factors that make a barrier fail are always shown."
    )
