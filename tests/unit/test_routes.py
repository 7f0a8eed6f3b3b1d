"""Gut–brain routes and barrier states as rules over node types, compartments and curated notes."""

from __future__ import annotations

import pandas as pd
import pytest

from neuroimmune import Atlas
from neuroimmune.routes import ROUTES, apply_barriers, barrier_nodes, edge_routes, gut_brain_atlas, route_nodes, select_routes

TOPIC = "gut_brain"
LEAK, ENDO, BBBD = "NIA:increased_intestinal_permeability", "MESH:D019446", "NIA:bbb_disruption"


def _atlas(nodes, edges) -> Atlas:
    n = pd.DataFrame(nodes, columns=["id", "label", "type", "compartment"])
    e = pd.DataFrame(edges, columns=["source", "target", "relation", "note"]).assign(
        topics=TOPIC, evidence="supported", study_type="review", species="human", references="s1"
    )
    s = pd.DataFrame([{"id": "s1", "citation": "Doe J et al. (2020). T. J.", "year": "2020", "doi": "10.1/x"}])
    return Atlas.from_frames(n, e, s)


@pytest.fixture
def axis() -> Atlas:
    nodes = [
        ("lps", "LPS", "metabolite", "gut_lumen"),
        (LEAK, "Leaky gut", "process", "gut_epithelium"),
        (ENDO, "Endotoxaemia", "process", "circulation"),
        ("tnf", "TNF", "cytokine", "circulation"),
        ("vagus", "Vagal afferents", "process", "vagus"),
        ("cort", "Cortisol", "hormone", "hpa_axis"),
        ("stress", "Stress", "process", "brain"),
        ("neuroinf", "Neuroinflammation", "process", "brain"),
        ("mdd", "Depression", "condition", "brain"),
        (BBBD, "BBB disruption", "process", "bbb"),
    ]
    edges = [
        ("lps", ENDO, "causes", "LEAKY GUT state: LPS crosses the epithelium."),
        (LEAK, ENDO, "increases", ""),  # a consequence of the failure node (unmarked)
        ("stress", LEAK, "increases", ""),  # a risk factor: holds in either state
        (ENDO, "tnf", "increases", ""),
        ("tnf", BBBD, "increases", "BBB DISRUPTED state: TNF loosens tight junctions."),
        (BBBD, "neuroinf", "increases", ""),
        ("lps", "vagus", "activates", ""),
        ("vagus", "neuroinf", "increases", ""),
        ("cort", "tnf", "decreases", ""),
        ("neuroinf", "mdd", "associated_with", ""),
    ]
    atlas = _atlas(nodes, edges)
    return atlas


def _pairs(atlas: Atlas) -> set[tuple[str, str]]:
    return set(zip(atlas.edges["source"], atlas.edges["target"]))


def test_route_nodes_follow_types_and_compartments(axis):
    assert route_nodes(axis, "immune") == {"tnf"}
    assert route_nodes(axis, "neural") == {"vagus"}
    assert route_nodes(axis, "endocrine") == {"cort"}
    assert route_nodes(axis, "microbial") == {"lps"}


def test_edge_routes_flags_either_end(axis):
    flags = edge_routes(axis)
    row = axis.edges.index[(axis.edges["source"] == "cort") & (axis.edges["target"] == "tnf")][0]
    assert flags.loc[row, "endocrine"] and flags.loc[row, "immune"] and not flags.loc[row, "neural"]


@pytest.mark.parametrize("route", list(ROUTES))
def test_each_route_is_a_subset(axis, route):
    assert _pairs(select_routes(axis, [route])) <= _pairs(axis)


def test_neural_route_keeps_shared_brain_edges_it_reaches(axis):
    pairs = _pairs(select_routes(axis, ["neural"]))
    assert ("lps", "vagus") in pairs and ("vagus", "neuroinf") in pairs
    assert ("neuroinf", "mdd") in pairs  # shared (no route node) but touches neuroinflammation
    assert ("cort", "tnf") not in pairs and (ENDO, "tnf") not in pairs


def test_all_routes_show_everything_and_none_shows_nothing(axis):
    assert _pairs(select_routes(axis, list(ROUTES))) == _pairs(axis)
    assert select_routes(axis, []).edges.empty


def test_unknown_route_is_refused(axis):
    with pytest.raises(ValueError, match="unknown route"):
        select_routes(axis, ["telepathy"])


def test_intact_barriers_hide_marked_edges_and_failure_consequences(axis):
    intact = _pairs(apply_barriers(axis))
    assert ("lps", ENDO) not in intact and (LEAK, ENDO) not in intact
    assert ("tnf", BBBD) not in intact and (BBBD, "neuroinf") not in intact
    assert ("stress", LEAK) in intact  # risk factors stay
    assert (ENDO, "tnf") not in intact  # endotoxaemia only exists once LPS has crossed


def test_failing_barriers_show_their_edges(axis):
    leaky = _pairs(apply_barriers(axis, gut_leaky=True))
    assert {("lps", ENDO), (LEAK, ENDO), (ENDO, "tnf")} <= leaky
    assert ("tnf", BBBD) not in leaky  # the BBB is still intact
    both = apply_barriers(axis, gut_leaky=True, bbb_disrupted=True)
    assert _pairs(both) == _pairs(axis)


def test_barrier_nodes_to_highlight():
    assert barrier_nodes() == []
    assert "NIA:bbb_disruption" in barrier_nodes(bbb_disrupted=True)
    assert "NIA:increased_intestinal_permeability" in barrier_nodes(gut_leaky=True)


def test_shipped_barrier_states_change_the_gut_brain_view(shipped_atlas):
    intact = gut_brain_atlas(shipped_atlas)
    leaky = gut_brain_atlas(shipped_atlas, gut_leaky=True)
    disrupted = gut_brain_atlas(shipped_atlas, bbb_disrupted=True)
    assert len(intact.edges) < len(leaky.edges) and len(intact.edges) < len(disrupted.edges)
    notes = intact.edges["note"]
    assert not notes.str.startswith("LEAKY GUT state:").any() and not notes.str.startswith("BBB DISRUPTED state:").any()
    assert leaky.edges["note"].str.startswith("LEAKY GUT state:").sum() >= 1  # after the audit: permeability → endotoxaemia
