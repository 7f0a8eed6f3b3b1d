"""Condition groups, treatments and biomarkers; the explained-path figure of the explorer."""

from __future__ import annotations

from neuroimmune.conditions import (
    best_documented_condition,
    condition_biomarkers,
    condition_treatments,
    conditions_in_groups,
    without_other_conditions,
)
from neuroimmune.explore import PATH_TRACE_NAME, build_path_figure, entity_choices, path_positions

MDD, IL1B = "MESH:D003865", "HGNC:5992"


def test_groups_select_conditions(shipped_atlas):
    everything = conditions_in_groups(shipped_atlas)
    gut = conditions_in_groups(shipped_atlas, ["gut"])
    assert 0 < len(gut) < len(everything)
    groups = shipped_atlas.nodes.set_index("id").loc[gut, "condition_group"]
    assert all("gut" in g.split("|") for g in groups)
    assert set(conditions_in_groups(shipped_atlas, ["gut", "psychiatric"])) >= set(gut)


def test_without_other_conditions(shipped_atlas):
    keep = conditions_in_groups(shipped_atlas, ["psychiatric"])
    sub = without_other_conditions(shipped_atlas, keep)
    assert set(sub.nodes.loc[sub.nodes["type"] == "condition", "id"]) <= set(keep)


def test_treatments_and_biomarkers_carry_evidence_and_citations(shipped_atlas):
    treatments = condition_treatments(shipped_atlas, MDD)
    biomarkers = condition_biomarkers(shipped_atlas, MDD)
    assert len(treatments) and len(biomarkers)
    for table in (treatments, biomarkers):
        assert (table["citation"] != "").all() and table["evidence"].isin(["established", "supported", "emerging", "contested"]).all()
    assert "IFN-α therapy" not in set(treatments["entity"])  # it causes depression, it does not treat it
    assert "IL-6" in set(biomarkers["entity"])


def test_path_positions_run_from_a_to_b(shipped_atlas):
    paths = shipped_atlas.paths(IL1B, MDD)
    pos = path_positions(paths).set_index("id")
    assert pos.at[IL1B, "x"] == 0.0 and pos.at[MDD, "x"] == 1.0


def test_path_figure_highlights_the_path(shipped_atlas):
    paths = shipped_atlas.paths(IL1B, MDD)
    fig = build_path_figure(shipped_atlas, paths)
    assert fig.data[0].name == PATH_TRACE_NAME
    drawn = {i for t in fig.data if t.customdata is not None for i in t.customdata if isinstance(i, str)}
    assert {n for p in paths for n in p.nodes} <= drawn


def test_picker_choices_cover_the_atlas_in_label_order(shipped_atlas):
    names = entity_choices(shipped_atlas)
    assert set(names) == set(shipped_atlas.nodes["id"])
    labels = [shipped_atlas.label(i) for i in names]
    assert labels == sorted(labels, key=str.lower)
    with_syn = shipped_atlas.nodes.loc[shipped_atlas.nodes["synonyms"] != ""].iloc[0]
    assert names[with_syn["id"]] == f"{with_syn['label']}  ({with_syn['synonyms'].replace('|', ', ')})"
    conditions = conditions_in_groups(shipped_atlas)  # the compare page's pickers: every condition, by label
    assert set(conditions) == set(shipped_atlas.nodes.loc[shipped_atlas.nodes["type"] == "condition", "id"])
    assert [shipped_atlas.label(c) for c in conditions] == sorted(shipped_atlas.label(c) for c in conditions)


def test_the_best_documented_condition_has_the_most_treatments_and_biomarkers(shipped_atlas):
    conditions = conditions_in_groups(shipped_atlas, ["neuroimmune"])
    rows = {c: len(condition_treatments(shipped_atlas, c)) + len(condition_biomarkers(shipped_atlas, c)) for c in conditions}
    best = best_documented_condition(shipped_atlas, conditions)
    assert rows[best] == max(rows.values()) > 0
    assert rows[conditions[0]] < rows[best]  # the first by label (ADEM) has none: the table would open empty
    empty = [c for c in conditions if rows[c] == 0]
    assert best_documented_condition(shipped_atlas, empty[:2]) == empty[0]  # a tie keeps the first
    assert best_documented_condition(shipped_atlas, []) is None
