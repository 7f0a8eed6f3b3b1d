"""Loading, filters, k-hop neighbours and explained paths on small named atlases."""

from __future__ import annotations

import pandas as pd
import pytest

from neuroimmune import Atlas, AtlasError, Filters, load_atlas
from tests.conftest import BAD_INPUTS, OK_BASELINE

IL1B, IL6, SICK, MDD = "HGNC:5992", "HGNC:6018", "NIA:sickness_behaviour", "MESH:D003865"


def test_load_baseline(small_atlas):
    assert len(small_atlas.nodes) == 4 and len(small_atlas.edges) == 3 and len(small_atlas.sources) == 2
    assert small_atlas.label(IL1B) == "IL-1β"
    assert small_atlas.version and len(small_atlas.version) == 16


def test_bom_and_crlf_load_identically(small_atlas):
    other = load_atlas(BAD_INPUTS / "ok_bom_and_crlf")
    assert list(other.nodes.columns) == list(small_atlas.nodes.columns)
    assert other.nodes["id"].tolist() == small_atlas.nodes["id"].tolist()


def test_invalid_folder_raises_with_problems():
    with pytest.raises(AtlasError, match="edges.csv:2: unknown relation 'cuases'") as info:
        load_atlas(BAD_INPUTS / "misspelt_relation")
    assert info.value.problems


def _chain() -> Atlas:
    """a → b → c → d plus a ⇢ d (contested) and an isolated e."""
    nodes = pd.DataFrame(
        {"id": [f"NIA:{x}" for x in "abcde"], "label": list("ABCDE"), "type": ["cytokine", "receptor", "signaling", "condition", "cell"]}
    )
    edges = pd.DataFrame(
        {
            "source": ["NIA:a", "NIA:b", "NIA:c", "NIA:a"],
            "target": ["NIA:b", "NIA:c", "NIA:d", "NIA:d"],
            "relation": ["signals_through", "activates", "causes", "associated_with"],
            "topics": ["cytokine", "cytokine", "condition_mechanism", "gut_brain|condition_mechanism"],
            "evidence": ["established", "supported", "emerging", "contested"],
            "study_type": ["review", "human_observational", "animal", "human_observational"],
            "species": ["human", "human", "mouse", "human"],
            "references": ["s1", "s1|s2", "s2", "s2"],
        }
    )
    sources = pd.DataFrame(
        {
            "id": ["s1", "s2"],
            "citation": ["Smith J et al. (2001). T. J.", "Jones K (2005). U. K."],
            "year": ["2001", "2005"],
            "doi": ["10.1/a", ""],
            "pmid": ["", "123"],
        }
    )
    return Atlas.from_frames(nodes, edges, sources)


@pytest.mark.parametrize(
    ("filters", "view", "expected_edges"),
    [
        (Filters(), None, 4),
        (Filters(evidence=("established", "supported")), None, 2),
        (Filters(species=("mouse",)), None, 1),
        (Filters(study_types=("human_observational",)), None, 2),
        (Filters(topics=("gut_brain",)), None, 1),
        (Filters(node_types=("cytokine", "receptor", "signaling")), None, 2),
        (Filters(), "cytokine", 2),
        (Filters(), "condition_map", 2),
        (Filters(), "gut_brain", 1),
        (Filters(evidence=("contested",)), "cytokine", 0),
    ],
)
def test_filters(filters, view, expected_edges):
    sub = _chain().filter(filters, view=view)
    assert len(sub.edges) == expected_edges
    ends = set(sub.edges["source"]) | set(sub.edges["target"])
    assert set(sub.nodes["id"]) == ends


def test_filter_keep_isolated_and_unknown_view():
    assert "NIA:e" in set(_chain().filter(keep_isolated=True).nodes["id"])
    with pytest.raises(ValueError, match="unknown view"):
        _chain().filter(view="nope")


def test_filters_round_trip_through_query_params():
    f = Filters(evidence=("established", "supported"), species=("human",))
    assert Filters.from_params(f.to_params()) == f
    assert Filters.from_params({"evidence": "established,bogus", "species": ""}) == Filters(evidence=("established",))
    assert f.summary() == "evidence-established+supported_species-human"


@pytest.mark.parametrize(("k", "expected"), [(1, {"a", "b", "d"}), (2, {"a", "b", "c", "d"}), (3, {"a", "b", "c", "d"})])
def test_k_hop_neighbours(k, expected):
    sub = _chain().neighbours("NIA:a", k)
    assert set(sub.nodes["id"]) == {f"NIA:{x}" for x in expected}
    assert set(sub.edges["source"]) | set(sub.edges["target"]) <= set(sub.nodes["id"])


def test_neighbours_limit_and_unknown():
    assert len(_chain().neighbours("NIA:a", 3, limit=2).nodes) == 2
    with pytest.raises(KeyError):
        _chain().neighbours("NIA:zzz", 1)


def test_explained_path_cites_every_hop():
    atlas = _chain()
    paths = atlas.paths("NIA:b", "NIA:d")
    assert paths, "b and d are connected"
    best = paths[0]
    assert best.nodes[0] == "NIA:b" and best.nodes[-1] == "NIA:d"
    assert all(h.citations for h in best.hops)
    assert best.sentences()[0] == "B activates C (supported; Smith et al. 2001; Jones 2005)."


def test_paths_prefer_fewer_hops_then_better_evidence():
    paths = _chain().paths("NIA:a", "NIA:d")
    assert paths[0].nodes == ("NIA:a", "NIA:d")  # one contested hop beats three hops
    assert paths[0].hops[0].evidence == "contested"
    assert len(paths) == 1  # the 3-hop route is more than one hop longer than the shortest


def test_paths_none_when_disconnected():
    assert _chain().paths("NIA:a", "NIA:e") == []


def test_search_and_resolve(small_atlas):
    assert small_atlas.search("il6")[0] == IL6
    assert small_atlas.search("interleukin")[:2] == [IL1B, IL6]
    assert small_atlas.resolve("depression") == MDD
    assert small_atlas.resolve("IL-1β") == IL1B
    assert small_atlas.resolve("no such thing") is None


def test_relations_of_and_cited_sources(small_atlas):
    rel = small_atlas.relations_of(SICK)
    assert set(rel["direction"]) == {"in", "out"}
    assert "Dantzer et al. 2008" in rel["citation"].iloc[0]
    assert set(small_atlas.filter(Filters(evidence=("established",))).cited_sources()["id"]) == {"dantzer2008"}


def test_stats(small_atlas):
    s = small_atlas.stats()
    assert s["nodes"] == 4 and s["edges"] == 3 and s["sources"] == 2
    assert s["relations"] == {"associated_with": 2, "causes": 1}
    assert s["share_sources_with_doi_or_pmid"] == 1.0
    assert s["share_nodes_standard_prefix"] == 0.75
    assert s["edges_without_reference"] == 0


def test_load_from_path_string():
    assert len(load_atlas(str(OK_BASELINE)).edges) == 3
