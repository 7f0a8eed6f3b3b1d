"""Info card for one node: what it is, why it matters, its cited relations grouped by type."""

from __future__ import annotations

import streamlit as st

from neuroimmune import Atlas
from neuroimmune.atlas import relation_phrase
from neuroimmune.schema import registry_url
from neuroimmune.text import escape_markdown

from .evidence_view import evidence_panel

__all__ = ["entity_card"]


def entity_card(atlas: Atlas, node_id: str, *, key: str = "card") -> None:
    """Render the card; every data string is escaped (shown literally, never as Markdown/HTML)."""
    node = atlas.node(node_id)
    if node is None:
        st.info("That entity is not in the current atlas.")
        return
    with st.container(border=True):
        st.markdown(f"### {escape_markdown(node['label'])}")
        meta = f"**{escape_markdown(node['type'])}**"
        if node.get("compartment"):
            meta += f" · compartment: {escape_markdown(node['compartment'].replace('_', ' '))}"
        st.markdown(meta)
        st.text(node.get("description") or "No description in the data.")
        if node.get("synonyms"):
            st.caption("Also called: " + escape_markdown(", ".join(node["synonyms"].split("|"))))
        url = registry_url(node_id)
        if url:
            st.link_button(f"{node_id} in its registry ↗", url)
        else:
            st.caption(f"Local id {escape_markdown(node_id)} (no standard registry entry)")
        _relations(atlas, node_id, key)


def _relations(atlas: Atlas, node_id: str, key: str) -> None:
    rel = atlas.relations_of(node_id)
    if rel.empty:
        st.caption("No relations under the current filters.")
        return
    st.markdown(f"**{len(rel)} relations** (grouped by type)")
    for relation, group in rel.groupby("relation", sort=True):
        rows = group.assign(
            statement=[
                f"{atlas.label(s)} {relation_phrase(r)} {atlas.label(t)}"
                for s, r, t in zip(group["source"], group["relation"], group["target"])
            ]
        )
        with st.expander(f"{relation_phrase(relation)} ({len(group)})", expanded=len(rel) <= 8):
            st.dataframe(
                rows.assign(papers=atlas.evidence_counts(rows))[
                    ["statement", "evidence", "papers", "study_type", "species", "citation", "note"]
                ],
                hide_index=True,
                width="stretch",
                key=f"{key}_{relation}",
            )
    evidence_panel(atlas, rel, key=f"{key}_evidence")
