"""Merging a user's atlas into the shipped one: same id = same entity, the user's rows win."""

from __future__ import annotations

import pandas as pd

from neuroimmune import Atlas, validate_files
from neuroimmune.merge import merge_atlases
from tests.conftest import OK_BASELINE

IL1B, IL6, SICK, MDD = "HGNC:5992", "HGNC:6018", "NIA:sickness_behaviour", "MESH:D003865"


def _mine(small_atlas) -> Atlas:
    """IL-6 relabelled, one new node + relation + source, one edge re-graded, one DOI changed."""
    nodes = pd.DataFrame({"id": [IL6, "CL:0000129"], "label": ["Interleukin 6", "Microglia"], "type": ["cytokine", "cell"]})
    edges = pd.DataFrame(
        {"source": [IL1B, "CL:0000129"], "target": [SICK, IL1B], "relation": ["causes", "produces"], "topics": ["cytokine", "cytokine"],
         "evidence": ["emerging", "established"], "study_type": ["animal", "in_vitro"], "species": ["mouse", "mouse"],
         "references": ["dantzer2008", "mine2024"]}
    )  # fmt: skip
    sources = pd.DataFrame(
        {
            "id": ["mine2024", "miller2016"],
            "citation": ["Me A et al. (2024). Mine. J.", "Miller AH (2016). X. Y."],
            "year": ["2024", "2016"],
            "doi": ["10.1000/mine", "10.1000/other"],
        }
    )
    return Atlas.from_frames(nodes, edges, sources)


def test_union_keeps_everything(small_atlas):
    merged, _ = merge_atlases(small_atlas, _mine(small_atlas))
    assert set(merged.nodes["id"]) == {IL1B, IL6, SICK, MDD, "CL:0000129"}
    assert len(merged.edges) == 4 and set(merged.sources["id"]) == {"dantzer2008", "miller2016", "mine2024"}


def test_user_rows_win(small_atlas):
    merged, _ = merge_atlases(small_atlas, _mine(small_atlas))
    assert merged.label(IL6) == "Interleukin 6"
    row = merged.edges[(merged.edges["source"] == IL1B) & (merged.edges["target"] == SICK)]
    assert row["evidence"].tolist() == ["emerging"]
    assert merged.sources.set_index("id").at["miller2016", "doi"] == "10.1000/other"


def test_conflicts_listed(small_atlas):
    _, conflicts = merge_atlases(small_atlas, _mine(small_atlas))
    assert conflicts == [
        "node HGNC:6018: label 'IL-6' (shipped) vs 'Interleukin 6' (yours) — yours kept",
        "source miller2016: doi '10.1038/nri.2015.5' (shipped) vs '10.1000/other' (yours) — yours kept",
        f"relation {IL1B} {SICK} causes: evidence 'established' (shipped) vs 'emerging' (yours) — yours kept",
    ]


def test_type_conflict_listed(small_atlas):
    mine = Atlas.from_frames(
        pd.DataFrame({"id": [IL6], "label": ["IL-6"], "type": ["protein"]}), small_atlas.edges.iloc[0:0], small_atlas.sources.iloc[0:0]
    )
    _, conflicts = merge_atlases(small_atlas, mine)
    assert conflicts == ["node HGNC:6018: type 'cytokine' (shipped) vs 'protein' (yours) — yours kept"]


def test_identical_atlas_merges_without_conflicts(small_atlas):
    merged, conflicts = merge_atlases(small_atlas, small_atlas)
    assert conflicts == [] and len(merged.nodes) == len(small_atlas.nodes) and len(merged.edges) == len(small_atlas.edges)


def test_merged_atlas_is_valid_and_usable(small_atlas):
    merged, _ = merge_atlases(small_atlas, _mine(small_atlas))
    files = {
        f"{name}.csv": getattr(merged, name).drop(columns="topic_mask", errors="ignore").to_csv(index=False).encode()
        for name in ("nodes", "edges", "sources")
    }
    assert validate_files(files).ok
    assert merged.paths("CL:0000129", MDD)
    assert merged.version != small_atlas.version


def test_base_lessons_kept_when_user_has_none(small_atlas):
    base = Atlas.from_frames(small_atlas.nodes, small_atlas.edges, small_atlas.sources,
                             pd.DataFrame({"lesson": ["l"], "step": ["1"], "title": ["T"], "view": ["explorer"], "text": ["x"]}))  # fmt: skip
    merged, _ = merge_atlases(base, _mine(small_atlas))
    assert merged.lessons["lesson"].tolist() == ["l"]
    assert OK_BASELINE.exists()
