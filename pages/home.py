"""Home: what the atlas shows, live counts and where to go next."""

import streamlit as st

from components.data_source import current_atlas, data_folder
from components.filter_sidebar import sidebar_filters

filters = sidebar_filters()
st.title("Neuroimmune Atlas")
st.markdown(
    "The nervous and immune systems talk both ways: cytokines change mood and behaviour, stress hormones "
    "tune immunity, and gut microbes signal to the brain through immune, neural and endocrine routes. "
    "This atlas maps those conversations as a cited network — every relation links to the study behind it."
)
atlas = current_atlas()
if atlas is None:
    st.stop()

stats = atlas.stats()
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
