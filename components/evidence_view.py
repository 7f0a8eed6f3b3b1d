"""What each paper showed about a relation: badges, for and against side by side, the finding, the locator, the link."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
import streamlit as st

from neuroimmune import Atlas
from neuroimmune.text import escape_markdown

__all__ = ["evidence_panel", "evidence_dataframe", "EVIDENCE_TABLE_SHOWN"]

# Badge text comes from these fixed vocabularies only (never from data), so it is safe as Markdown.
_STUDY = {
    "human_interventional": "human trial",
    "human_observational": "human observational",
    "genetic": "human genetics",
    "animal": "animal",
    "in_vitro": "in vitro",
    "review": "review",
}
_SPECIES = {"human": "human", "mouse": "mouse", "rat": "rat", "mixed": "mixed species"}
_DIRECTION = {"supports": ("green", "supports"), "contradicts": ("red", "contradicts"), "mixed": ("orange", "mixed")}
_STUDY_COLOR = {"human_interventional": "blue", "genetic": "blue", "human_observational": "blue", "review": "gray"}
_LINK = st.column_config.LinkColumn("link", display_text=r"https://(?:doi\.org/|pubmed\.ncbi\.nlm\.nih\.gov/)(.*?)/?$")


def _badges(row: pd.Series) -> str:
    colour, word = _DIRECTION.get(row["direction"], ("gray", "unknown direction"))
    study = _STUDY.get(row["study_type"], "unknown study type")
    species = _SPECIES.get(row["species"], "unknown species")
    return f":{colour}-badge[{word}] :{_STUDY_COLOR.get(row['study_type'], 'violet')}-badge[{study}] :gray-badge[{species}]"


def _one_row(row: pd.Series, key: str) -> None:
    st.markdown(_badges(row))
    st.text(row["finding"])
    where = f"{row['citation']} · {row['locator']} · checked {row['checked']}"
    if row["link"]:
        st.link_button(escape_markdown(where), row["link"], key=key, help="Open the paper (DOI or PubMed)")
    else:
        st.caption(escape_markdown(where))


def _side(rows: pd.DataFrame, title: str, key: str) -> None:
    st.markdown(f"**{title} ({len(rows)})**")
    if rows.empty:
        st.caption("None recorded.")
    for i, (_, row) in enumerate(rows.iterrows()):
        _one_row(row, f"{key}_{i}")


#: The evidence table's columns as shown, in order.
EVIDENCE_TABLE_SHOWN = ("statement", "direction", "study_type", "species", "finding", "locator", "citation", "link", "checked")


def evidence_dataframe(table, *, key: str) -> None:
    """Evidence rows as one table (text shown literally, links built from the DOI/PMID); a frame or an Arrow table."""
    shown = table.select(list(EVIDENCE_TABLE_SHOWN)) if isinstance(table, pa.Table) else table[list(EVIDENCE_TABLE_SHOWN)]
    st.dataframe(shown, hide_index=True, width="stretch", key=key, column_config={"link": _LINK})


def evidence_panel(atlas: Atlas, relations: pd.DataFrame, *, key: str) -> None:
    """Pick one of ``relations`` and see what each of its papers found; a contested relation shows both sides."""
    table = atlas.evidence_table(relations)
    if table.empty:
        st.caption("This atlas has no evidence.csv: each relation carries one curated grade for all its references.")
        return
    st.markdown("**What each paper found**")
    keys = list(dict.fromkeys(zip(table["source"], table["target"], table["relation"])))
    grade = dict(zip(zip(relations["source"], relations["target"], relations["relation"]), relations["evidence"]))
    statement = dict(zip(zip(table["source"], table["target"], table["relation"]), table["statement"]))
    contested = [k for k in keys if grade.get(k) == "contested"]
    choice = st.selectbox(
        "Relation",
        range(len(keys)),
        index=keys.index(contested[0]) if contested else 0,
        format_func=lambda i: f"{statement[keys[i]]} ({grade.get(keys[i], '?')})",
        key=f"{key}_pick",
    )
    chosen = keys[choice]
    rows = table[(table["source"] == chosen[0]) & (table["target"] == chosen[1]) & (table["relation"] == chosen[2])]
    supports = rows[rows["direction"] == "supports"]
    against = rows[rows["direction"] != "supports"]
    if against.empty:
        _side(supports, "Evidence for", f"{key}_for")
    else:
        st.caption("Contested: the papers disagree, so both sides are shown.")
        left, right = st.columns(2)
        with left:
            _side(supports, "Evidence for", f"{key}_for")
        with right:
            _side(against, "Evidence against or mixed", f"{key}_against")
    with st.expander(f"All {len(table)} evidence rows of these relations"):
        evidence_dataframe(table, key=f"{key}_all")
