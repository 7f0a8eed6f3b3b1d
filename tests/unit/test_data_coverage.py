"""The shipped atlas keeps the coverage promised in issue 4, so a later edit cannot silently drop it."""

from __future__ import annotations

import re

import pytest

from neuroimmune import schema
from tests.conftest import ROOT

DATA = ROOT / "data"


@pytest.fixture(scope="module")
def stats(shipped_atlas):
    return shipped_atlas.stats()


def test_shipped_data_validates_without_errors():
    result = schema.validate_folder(DATA)
    assert result.ok, [str(p) for p in result.errors[:10]]


def test_size_bars(stats):
    assert stats["nodes"] >= 250
    assert stats["edges"] >= 700
    assert stats["sources"] >= 150


@pytest.mark.parametrize("topic", ["gut_brain", "cytokine", "condition_mechanism"])
def test_each_core_topic_has_150_relations(stats, topic):
    assert stats["topics"].get(topic, 0) >= 150


def test_every_topic_present(stats):
    assert set(stats["topics"]) == set(schema.TOPICS)


def test_reference_quality(shipped_atlas, stats):
    assert stats["edges_without_reference"] == 0
    assert stats["share_sources_with_doi_or_pmid"] >= 0.95
    assert stats["share_nodes_standard_prefix"] >= 0.80
    e = shipped_atlas.edges
    for col in ("evidence", "study_type", "species", "references"):
        assert (e[col] != "").all(), col


def test_every_node_has_a_plain_description(shipped_atlas):
    missing = shipped_atlas.nodes.loc[shipped_atlas.nodes["description"].str.len() < 15, "id"].tolist()
    assert missing == []


@pytest.mark.parametrize(
    ("node_type", "minimum"), [("condition", 25), ("cytokine", 25), ("treatment", 20), ("symptom", 6), ("microbe", 5), ("metabolite", 5)]
)
def test_type_counts(stats, node_type, minimum):
    assert stats["node_types"].get(node_type, 0) >= minimum


def test_treatments_linked_to_targets_and_conditions(shipped_atlas):
    n, e = shipped_atlas.nodes, shipped_atlas.edges
    treatments = set(n.loc[n["type"] == "treatment", "id"])
    treats = set(e.loc[e["relation"] == "treats", "source"])
    acts = set(e.loc[e["relation"].isin(["targets", "inhibits", "decreases", "increases", "activates"]), "source"])
    both = treatments & treats & acts
    assert len(both) >= 20, sorted(treatments - both)


def test_biomarkers(shipped_atlas):
    e = shipped_atlas.edges
    assert e.loc[e["relation"] == "biomarker_of", "source"].nunique() >= 10


def test_contested_findings_are_kept(stats):
    assert stats["evidence"].get("contested", 0) >= 5


@pytest.mark.parametrize(
    "label_pattern",
    [
        r"multiple sclerosis",
        r"neuromyelitis|nmosd",
        r"myasthenia",
        r"guillain",
        r"nmda",
        r"lupus",
        r"rheumatoid",
        r"celiac|coeliac",
        r"narcolepsy",
        r"depress",
        r"anxiety",
        r"schizophrenia",
        r"bipolar",
        r"irritable bowel",
        r"inflammatory bowel|crohn",
        r"alzheimer",
        r"parkinson",
        r"cidp|chronic inflammatory demyelinating",
        r"mog",
    ],
)
def test_seed_conditions_present(shipped_atlas, label_pattern):
    n = shipped_atlas.nodes
    hits = n[(n["type"] == "condition") & (n["label"] + " " + n["synonyms"]).str.lower().str.contains(label_pattern)]
    assert not hits.empty, label_pattern


@pytest.mark.parametrize(
    "label_pattern",
    [
        r"^il-1β$",
        r"^il-6$",
        r"^tnf",
        r"ifn-γ",
        r"il-17",
        r"^il-10$",
        r"tgf-β",
        r"^il-4$",
        r"^il-2$",
        r"il-23|il-12",
        r"^il-18$",
        r"^il-33$",
        r"^ccl2",
        r"^cxcl8",
        r"gm-csf",
    ],
)
def test_seed_cytokines_present(shipped_atlas, label_pattern):
    n = shipped_atlas.nodes
    assert n[(n["type"] == "cytokine") & n["label"].str.lower().str.contains(label_pattern)].shape[0] >= 1, label_pattern


def test_gut_brain_route_nodes_have_compartments(shipped_atlas):
    gut = shipped_atlas.filter(view="gut_brain")
    missing = gut.nodes.loc[gut.nodes["compartment"] == "", "id"].tolist()
    assert missing == []
    assert set(gut.nodes["compartment"]) >= {
        "gut_lumen",
        "gut_epithelium",
        "gut_immune",
        "enteric_nervous",
        "circulation",
        "vagus",
        "hpa_axis",
        "bbb",
        "brain",
    }


def test_lessons(shipped_atlas):
    lessons = shipped_atlas.lessons
    per = lessons.groupby("lesson")["step"].count()
    assert (per >= 4).sum() >= 6
    ids = set(shipped_atlas.nodes["id"])
    focus = {f for cell in lessons["focus"] for f in cell.split("|") if f}
    assert focus <= ids


def test_dois_look_like_dois(shipped_atlas):
    s = shipped_atlas.sources
    assert s.loc[s["doi"] != "", "doi"].str.match(r"^10\.\d{4,9}/").all()
    assert s.loc[s["pmid"] != "", "pmid"].map(lambda p: bool(re.fullmatch(r"\d{5,9}", p))).all()
