"""The table twin of a figure: the drawn nodes and edges as sortable, searchable tables."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from neuroimmune import Atlas

from .cache import cached_build
from .evidence_view import evidence_dataframe

__all__ = ["table_twin", "twin_tables"]


def table_twin(atlas: Atlas, *, key: str, expanded: bool = False) -> None:
    """Nodes and edges actually drawn, with labels and short citations (text shown literally); their evidence rows."""
    with st.expander(f"Table view: {len(atlas.nodes)} nodes, {len(atlas.edges)} relations", expanded=expanded):
        evidence = cached_build(Atlas.evidence_table, atlas)  # shared like the tables below, never rebuilt on a rerun
        names = ["Relations", "Entities"] + ([f"Evidence per paper ({len(evidence)})"] if not evidence.empty else [])
        tab_edges, tab_nodes, *tab_evidence = st.tabs(names)
        edges, nodes = cached_build(twin_tables, atlas)
        tab_edges.dataframe(edges, hide_index=True, width="stretch", key=f"{key}_edges")
        tab_nodes.dataframe(nodes, hide_index=True, width="stretch", key=f"{key}_nodes")
        for tab in tab_evidence:
            with tab:
                evidence_dataframe(evidence, key=f"{key}_evidence")


def twin_tables(atlas: Atlas) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The relations (with labels and short citations) and entities tables of ``atlas``."""
    edges = atlas.edges.assign(
        source_label=atlas.edges["source"].map(atlas.labels),
        target_label=atlas.edges["target"].map(atlas.labels),
        citation=atlas.edges["references"].map(lambda r: "; ".join(atlas.citations(r))),
    )
    cols = ["source_label", "relation", "target_label", "evidence", "study_type", "species", "citation", "note", "source", "target"]
    return edges[cols], atlas.nodes[["label", "type", "compartment", "description", "id"]]
