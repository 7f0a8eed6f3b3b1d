"""The shipped atlas under contract v1.1: every cited pair has one evidence row and every grade follows from its rows.

These tests need data/evidence.csv, which the per-citation audit (curation/audit/, merged by
curation/audit/merge_audit.py) produces; until it is merged they fail on purpose.
"""

from __future__ import annotations

import pytest

from neuroimmune import evidence as rules
from neuroimmune.schema import validate_folder
from tests.conftest import ROOT

DATA = ROOT / "data"
KEY = ["source", "target", "relation"]


@pytest.fixture(scope="module")
def shipped():
    assert (DATA / "evidence.csv").is_file(), "data/evidence.csv is missing: merge the audit (curation/audit/merge_audit.py)"
    from neuroimmune import load_atlas

    return load_atlas(DATA)


def _pairs(edges):
    return {
        (s, t, r, ref)
        for s, t, r, refs in zip(edges["source"], edges["target"], edges["relation"], edges["references"])
        for ref in refs.split("|")
        if ref
    }


def test_every_cited_pair_has_exactly_one_evidence_row(shipped):
    ev = shipped.evidence
    rows = list(zip(ev["source"], ev["target"], ev["relation"], ev["reference"]))
    assert len(rows) == len(set(rows)), "a (relation, reference) pair has two rows"
    assert set(rows) == _pairs(shipped.edges)


def test_no_relation_breaks_the_grade_rules(shipped):
    by_key = shipped.evidence.groupby(KEY)
    broken = []
    for _, edge in shipped.edges.iterrows():
        rows = by_key.get_group(tuple(edge[KEY])).to_dict("records")
        for message in rules.check_rules(edge["evidence"], edge["study_type"], edge["species"], rows):
            broken.append(f"{edge['source']} {edge['relation']} {edge['target']}: {message}")
    assert not broken, "\n".join(broken[:20])


def test_validator_accepts_the_shipped_atlas_with_evidence():
    result = validate_folder(DATA)
    assert (DATA / "evidence.csv").is_file()
    assert result.ok, [str(p) for p in result.errors[:20]]


def test_at_least_half_of_relations_have_a_primary_study_row(shipped):
    share = shipped.stats()["share_relations_with_primary_study"]
    assert share >= 0.5, f"only {share:.1%} of relations cite a primary study (any row that is not a review)"


def test_every_relation_still_has_a_reference(shipped):
    assert shipped.stats()["edges_without_reference"] == 0
    cited = {ref for refs in shipped.edges["references"] for ref in refs.split("|") if ref}
    assert cited <= set(shipped.sources["id"])
