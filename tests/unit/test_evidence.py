"""neuroimmune.evidence (the grade rules) and the Atlas's evidence frame, filter, paths and merge."""

from __future__ import annotations

import pytest

from neuroimmune import Filters, load_atlas
from neuroimmune.evidence import cautious_grade, check_rules, derive_grade, permitted_grades, summarise
from neuroimmune.merge import merge_atlases
from tests.unit.evidence_atlas import write_atlas


def _row(study_type="animal", species="mouse", direction="supports"):
    return {"study_type": study_type, "species": species, "direction": direction}


HUMAN = _row("human_observational", "human")
TRIAL = _row("human_interventional", "human")
GENETIC = _row("genetic", "human")
REVIEW = _row("review", "mixed")
MOUSE = _row()
CELLS = _row("in_vitro", "human")
AGAINST = _row("human_interventional", "human", "contradicts")
MIXED = _row("human_observational", "human", "mixed")


@pytest.mark.parametrize(
    ("rows", "grades"),
    [
        ([MOUSE], ("emerging",)),
        ([MOUSE, CELLS], ("emerging",)),
        ([HUMAN], ("supported", "emerging")),
        ([HUMAN, GENETIC], ("established", "supported", "emerging")),
        ([REVIEW], ("established", "emerging")),
        ([REVIEW, MOUSE], ("established", "emerging")),
        ([MOUSE, AGAINST], ("contested",)),
        ([TRIAL, MIXED], ("contested",)),
        ([AGAINST], ()),
        ([MIXED, AGAINST], ()),
        ([], ()),
    ],
)
def test_permitted_grades(rows, grades):
    assert permitted_grades(rows) == grades
    assert derive_grade(rows) == (grades[0] if grades else None)


@pytest.mark.parametrize(
    ("curated", "rows", "expected"),
    [
        ("established", [HUMAN, GENETIC], "established"),
        ("established", [HUMAN], "supported"),
        ("established", [MOUSE], "emerging"),
        ("supported", [REVIEW], "emerging"),  # a review is not human data: never promoted to established
        ("supported", [MOUSE], "emerging"),
        ("emerging", [HUMAN, GENETIC], "emerging"),  # a cautious curated grade stays
        ("supported", [HUMAN, AGAINST], "contested"),
        ("contested", [HUMAN], "supported"),
        ("contested", [HUMAN, GENETIC], "supported"),  # never straight to a consensus grade
        ("contested", [REVIEW], "emerging"),
        ("supported", [AGAINST], None),
    ],
)
def test_cautious_grade(curated, rows, expected):
    assert cautious_grade(curated, rows) == expected


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([MOUSE], ("animal", "mouse")),
        ([MOUSE, CELLS], ("animal", "mixed")),
        ([REVIEW, HUMAN, GENETIC], ("genetic", "mixed")),
        ([HUMAN, GENETIC], ("genetic", "human")),
        ([HUMAN, AGAINST], ("human_interventional", "human")),  # the strongest of every row, for or against
        ([REVIEW], ("review", "mixed")),
        ([], None),
    ],
)
def test_summarise(rows, expected):
    assert summarise(rows) == expected


def test_check_rules_lists_every_break():
    messages = check_rules("established", "review", "human", [MOUSE])
    assert len(messages) == 3
    assert messages[0].startswith("evidence 'established' does not follow")
    assert "expected 'animal'" in messages[1] and "expected 'mouse'" in messages[2]
    assert check_rules("emerging", "animal", "mouse", [MOUSE]) == []


# ----- the Atlas -------------------------------------------------------------------------------
@pytest.fixture
def atlas(tmp_path):
    return load_atlas(write_atlas(tmp_path / "a"))


def test_filter_keeps_the_evidence_of_kept_relations(atlas):
    emerging = atlas.filter(Filters(evidence=("emerging",)))
    assert list(emerging.evidence["relation"]) == ["associated_with"]
    assert emerging.stats()["evidence_rows"] == 1


def test_human_evidence_filter(atlas):
    kept = atlas.filter(Filters(human_evidence=True))
    # a→b has a supporting human row; a→c's human row contradicts; c→a is a review; c→b mouse
    assert list(kept.edges["relation"]) == ["elevated_in"]


def test_human_evidence_filter_without_evidence_uses_study_type(tmp_path):
    atlas = load_atlas(write_atlas(tmp_path / "a", evidence=None))
    kept = atlas.filter(Filters(human_evidence=True))
    assert sorted(kept.edges["relation"]) == ["activates", "elevated_in"]


def test_filters_url_round_trip_with_human_evidence():
    f = Filters(evidence=("supported",), human_evidence=True)
    assert f.to_params() == {"evidence": "supported", "human_evidence": "1"}
    assert Filters.from_params(f.to_params()) == f
    assert Filters.from_params({"human_evidence": "0"}) == Filters()
    assert f.summary() == "evidence-supported_human-evidence"
    assert "only relations with human evidence" in f.describe()


def test_evidence_table_lists_both_sides_with_links(atlas):
    table = atlas.evidence_table(atlas.edges[atlas.edges["relation"] == "activates"])
    assert list(table["direction"]) == ["supports", "contradicts"]
    assert list(table["link"]) == ["https://doi.org/10.1000/mouse.3", "https://pubmed.ncbi.nlm.nih.gov/12345678/"]
    assert table["statement"].iloc[0] == "Cytokine A activates Cell C"


def test_path_hops_carry_their_evidence_rows(atlas):
    path = atlas.filter(Filters(evidence=("contested",))).paths("NIA:a", "NIA:c")[0]
    lines = path.explained_lines()
    assert lines[0] == "1. Cytokine A activates Cell C (contested; Human et al. 2021; Mouse et al. 2019)."
    assert lines[1].strip().startswith("for [animal · mouse] Mouse et al. 2019 (figure 2): A activated C in mice.")
    assert lines[2].strip().startswith("against [human_interventional · human] Human et al. 2021 (results)")


def test_stats_share_with_primary_study(atlas):
    stats = atlas.stats()
    assert stats["evidence_rows"] == 5
    assert stats["evidence_directions"] == {"contradicts": 1, "supports": 4}
    assert stats["share_relations_with_primary_study"] == 0.75


def test_merge_keeps_evidence_and_drops_rows_of_uncited_references(tmp_path, atlas):
    mine = load_atlas(
        write_atlas(
            tmp_path / "mine",
            edges="source,target,relation,topics,evidence,study_type,species,references,note\n"
            "NIA:a,NIA:c,activates,cytokine,emerging,animal,mouse,s3,Only the mouse study.\n",
            evidence="source,target,relation,reference,study_type,species,direction,finding,locator,checked\n"
            "NIA:a,NIA:c,activates,s3,animal,mouse,supports,My reading of the mouse study.,figure 1,2026-12-01\n",
        )
    )
    merged, _ = merge_atlases(atlas, mine)
    rows = merged.evidence_table(merged.edges[merged.edges["relation"] == "activates"])
    assert list(rows["finding"]) == ["My reading of the mouse study."]  # yours wins; s2 is no longer cited
    assert len(merged.evidence) == 4


def test_evidence_counts_per_relation(atlas, tmp_path):
    assert atlas.evidence_counts(atlas.edges) == ["1 for", "1 for", "1 for · 1 against", "1 for"]
    plain = load_atlas(write_atlas(tmp_path / "plain", evidence=None))
    assert plain.evidence_counts(plain.edges) == ["", "", "", ""]
