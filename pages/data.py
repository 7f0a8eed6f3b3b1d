"""Data & downloads: bring your own atlas, overlay your values, browse and download every table."""

import streamlit as st

from components.data_source import require_atlas
from components.filter_sidebar import sidebar_filters
from components.upload_box import atlas_upload_box, data_browser, overlay_box, whole_atlas_downloads

filters = sidebar_filters()
st.title("Data & downloads")

st.subheader("Load your own atlas")
st.caption(
    "Same format as the shipped atlas (see the data dictionary), or a GraphML / Cytoscape JSON network. It is checked with the same validator, "
    "kept in this browser session only, and never shared with other users."
)
atlas_upload_box()

atlas = require_atlas()

st.subheader("Overlay your values")
st.caption("Colour the networks by your own numbers, e.g. expression fold changes or serum levels per entity.")
overlay_box(atlas)

st.subheader("Browse and download")
whole_atlas_downloads(atlas, filters)
data_browser(atlas, filters)
