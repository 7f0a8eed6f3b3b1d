"""Home: what the atlas shows, live counts and where to go next."""

from pathlib import Path

import streamlit as st

from components.cache import cached_build, shared_value, view_layout
from components.data_source import data_folder, require_atlas
from components.filter_sidebar import sidebar_filters
from components.network_chart import show_figure
from components.overlay_state import current_overlay
from neuroimmune import Atlas
from neuroimmune.figures import describe_view
from neuroimmune.figures.atlas_map import TOPIC_VIEWS, build_atlas_map_figure, topic_summary
from neuroimmune.text import DISCLAIMER
from neuroimmune.views import DEFAULT_MAX_NODES, build_view_figure

HERE = Path(__file__).resolve().parent
#: The page that opens each view.
VIEW_PAGES = {"gut_brain": "pages/gut_brain.py", "cytokine": "pages/cytokines.py", "condition_map": "pages/conditions.py",
              "explorer": "pages/explorer.py"}  # fmt: skip


def topic_entry(topics, topic: str) -> tuple[str, dict]:
    """The page (and URL params) that opens a topic: its view, or the explorer on the topic's hub."""
    view = TOPIC_VIEWS.get(topic, "explorer")
    hub = topics.set_index("topic").at[topic, "hub"]
    return VIEW_PAGES[view], ({"entity": hub} if view == "explorer" else {})


filters = sidebar_filters()
st.title("Neuroimmune Atlas")
st.markdown(
    "The nervous and immune systems talk both ways: cytokines change mood and behaviour, stress hormones "
    "tune immunity, and gut microbes signal to the brain through immune, neural and endocrine routes. "
    "This atlas maps those conversations as a cited network — every relation links to the study behind it."
)
st.caption(DISCLAIMER)
atlas = require_atlas()

stats = shared_value(Atlas.stats, atlas)  # read-only
cols = st.columns(5)
cols[0].metric("Entities", f"{stats['nodes']:,}")
cols[1].metric("Relations", f"{stats['edges']:,}")
cols[2].metric("Sources", f"{stats['sources']:,}")
cols[3].metric("Conditions", f"{stats['node_types'].get('condition', 0):,}")
cols[4].metric("Lessons", f"{stats['lessons']:,}")
st.caption(
    f"Atlas version {stats['version']} from `{data_folder()}` · "
    f"{stats['share_sources_with_doi_or_pmid']:.0%} of sources carry a DOI or PMID · "
    f"{stats['share_nodes_standard_prefix']:.0%} of entities use a standard identifier · "
    f"{stats['edges_without_reference']} relations without a reference"
)

with st.expander("Counts by type, topic and evidence"):
    c1, c2, c3 = st.columns(3)
    c1.dataframe({"node type": list(stats["node_types"]), "count": list(stats["node_types"].values())}, hide_index=True)
    c2.dataframe({"topic": list(stats["topics"]), "relations": list(stats["topics"].values())}, hide_index=True)
    c3.dataframe({"evidence": list(stats["evidence"]), "relations": list(stats["evidence"].values())}, hide_index=True)

st.subheader("Where next?")
go1, go2, go3 = st.columns(3)
if (HERE / "lessons.py").exists():
    go1.page_link("pages/lessons.py", label="Present a lesson", icon=":material/school:", help="Step-by-step slides for teaching.")
go2.page_link(
    "pages/explorer.py", label="Explore an entity", icon=":material/travel_explore:", help="Search, neighbourhoods and explained paths."
)
go3.page_link(
    "pages/data.py", label="Filter & download", icon=":material/table_view:", help="Every table, filtered, searchable and downloadable."
)
v1, v2, v3 = st.columns(3)
v1.page_link("pages/gut_brain.py", label="Gut–brain axis", icon=":material/conversion_path:")
v2.page_link("pages/cytokines.py", label="Cytokine pathways", icon=":material/hub:")
v3.page_link("pages/conditions.py", label="Condition–mechanism map", icon=":material/grid_view:")

st.subheader("The atlas at a glance")
st.caption("Each circle is a topic of the atlas; click one (or its link below) to open the view that tells its story.")
topics, _ = shared_value(topic_summary, atlas)
clicked = show_figure(cached_build(build_atlas_map_figure, atlas), key="home_map")
if clicked and clicked[0] in set(topics["topic"]):
    page, params = topic_entry(topics, clicked[0])
    st.switch_page(page, query_params=params)
links = st.columns(max(min(len(topics), 4), 1))
for i, row in enumerate(topics.itertuples(index=False)):
    page, params = topic_entry(topics, row.topic)
    links[i % len(links)].page_link(page, label=f"{row.name} ({row.relations:,})", query_params=params, icon=":material/arrow_forward:")

overlay, overlay_label = current_overlay()
if st.toggle(
    "Also draw the whole atlas as one network", key="home_cloud", help="Every entity at once: a research overview, not a teaching picture."
):
    with st.spinner("Drawing the whole atlas…"):
        fig = cached_build(build_view_figure, atlas, "overview", filters=filters, positions=view_layout(atlas, "overview"), overlay=overlay,
                                overlay_label=overlay_label, max_nodes=st.session_state.get("max_nodes", DEFAULT_MAX_NODES))  # fmt: skip
    show_figure(fig, key="home_overview", selectable=False)
    st.text(cached_build(describe_view, atlas.filter(filters, view="overview"), "overview", filters.describe()))
