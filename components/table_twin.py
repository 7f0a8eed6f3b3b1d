"""The table twin of a figure: the drawn nodes and edges as sortable, searchable tables."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from neuroimmune import Atlas

from .cache import shared_value
from .evidence_view import EVIDENCE_TABLE_SHOWN, evidence_dataframe

__all__ = ["table_twin", "twin_tables"]


def table_twin(atlas: Atlas, *, key: str, expanded: bool = False) -> None:
    """Nodes and edges actually drawn, with labels and short citations (text shown literally); their evidence rows."""
    with st.expander(f"Table view: {len(atlas.nodes)} nodes, {len(atlas.edges)} relations", expanded=expanded):
        # built once per drawn atlas and shared, already in Arrow form: a rerun converts nothing
        edges, nodes, evidence = shared_value(_arrow_twin, atlas)
        names = ["Relations", "Entities"] + ([f"Evidence per paper ({evidence.num_rows})"] if evidence.num_rows else [])
        tab_edges, tab_nodes, *tab_evidence = st.tabs(names)
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


def _arrow_twin(atlas: Atlas) -> tuple[pa.Table, pa.Table, pa.Table]:
    """:func:`twin_tables` and the evidence table as Arrow tables (what ``st.dataframe`` sends)."""
    edges, nodes = twin_tables(atlas)
    evidence = atlas.evidence_table()
    evidence = evidence[list(EVIDENCE_TABLE_SHOWN)] if not evidence.empty else pd.DataFrame(columns=list(EVIDENCE_TABLE_SHOWN))
    return tuple(pa.Table.from_pandas(frame, preserve_index=False) for frame in (edges, nodes, evidence))
