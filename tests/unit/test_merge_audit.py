"""curation/audit/merge_audit.py on small synthetic slices written under tmp_path."""

from __future__ import annotations

import csv
import importlib.util
import sys

import pytest

from neuroimmune import load_atlas
from neuroimmune.schema import validate_folder
from tests.conftest import ROOT
from tests.unit.evidence_atlas import write_atlas

_spec = importlib.util.spec_from_file_location("merge_audit", ROOT / "curation" / "audit" / "merge_audit.py")
merge_audit = importlib.util.module_from_spec(_spec)
sys.modules["merge_audit"] = merge_audit  # dataclasses look their module up there
_spec.loader.exec_module(merge_audit)

NODES = "id,label,type\nNIA:a,Cytokine A,cytokine\nNIA:b,Condition B,condition\nNIA:c,Cell C,cell\nNIA:d,Drug D,treatment\n"
EDGES = """source,target,relation,topics,evidence,study_type,species,references,note
NIA:a,NIA:b,elevated_in,cytokine,supported,human_observational,human,s2,A is higher in B.
NIA:c,NIA:a,produces,cytokine,established,review,mixed,s1,C makes A.
NIA:a,NIA:c,activates,cytokine,supported,human_interventional,human,s2|s3,A activates C.
NIA:c,NIA:b,associated_with,condition_mechanism,emerging,animal,mouse,s3,C goes with B.
NIA:d,NIA:b,treats,treatment,emerging,animal,mouse,s3,D treats B.
NIA:a,NIA:b,associated_with,cytokine,established,review,mixed,s1,A goes with B.
NIA:b,NIA:c,increases,cytokine,supported,review,mixed,s1,B raises C.
NIA:c,NIA:b,inhibits,cytokine,emerging,in_vitro,human,s1,C inhibits B.
NIA:b,NIA:a,causes,cytokine,established,review,mixed,s1|s3,B causes A.
"""
LESSONS = "lesson,step,title,view,focus,text\nintro,1,Drugs,explorer,NIA:d|NIA:a,Meet D.\n"
EV = "source,target,relation,reference,study_type,species,direction,finding,locator,checked,keep\n"
CH = "source,target,relation,new_source,new_target,new_relation,new_note,reason\n"
SLICE1 = {
    "evidence.csv": EV
    + """NIA:a,NIA:b,elevated_in,s2,human_observational,human,supports,A higher in B patients.,abstract,2026-12-01,yes
NIA:c,NIA:a,produces,s1,review,mixed,supports,A review: C releases A.,section 1,2026-12-01,yes
NIA:a,NIA:c,activates,s2,human_interventional,human,contradicts,A did not activate C in a trial.,results,2026-12-01,yes
NIA:d,NIA:b,treats,s3,animal,mouse,supports,D helped mice.,figure 1,2026-12-01,yes
NIA:a,NIA:b,associated_with,s1,review,mixed,supports,A review: A is raised in B.,section 2,2026-12-01,yes
NIA:b,NIA:c,increases,s1,review,mixed,supports,A review: B raises C.,section 3,2026-12-01,yes
NIA:c,NIA:b,inhibits,s1,in_vitro,human,contradicts,C did not inhibit B cells in culture.,figure 4,2026-12-01,yes
NIA:b,NIA:a,causes,s1,review,mixed,supports,A review: B causes A.,section 4,2026-12-01,yes
""",
    "edge_changes.csv": CH
    + """NIA:d,NIA:b,treats,,,REMOVE,,the mouse study does not show treatment
NIA:a,NIA:b,associated_with,,,elevated_in,A is measured higher in B.,a level measured higher
NIA:b,NIA:a,causes,,,REMOVE,,the review does not say so
""",
}
SLICE2 = {
    "evidence.csv": EV
    + """NIA:a,NIA:c,activates,s3,animal,mouse,supports,A activated C in mice.,figure 2,2026-12-01,yes
NIA:c,NIA:b,associated_with,s3,animal,mouse,supports,The mouse paper is about D instead.,abstract,2026-12-01,no
NIA:a,NIA:b,elevated_in,s4,genetic,human,supports,A variants go with B.,table 2,2026-12-01,yes
NIA:b,NIA:a,causes,s3,animal,mouse,supports,B caused A in mice.,figure 5,2026-12-01,yes
""",
    "edge_changes.csv": CH + "NIA:c,NIA:a,produces,,,increases,C raises A.,produces is looser than the paper\n",
    "new_sources.csv": "id,citation,year,doi,pmid,url\ns4,Gene G et al. (2022). Genetics of A. J Gen.,2022,10.1000/gen.4,,\n",
}


def _slices(root):
    for name, files in (("slice1", SLICE1), ("slice2", SLICE2)):
        (root / name).mkdir(parents=True)
        for file, text in files.items():
            (root / name / file).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def merged(tmp_path):
    data = write_atlas(tmp_path / "data", nodes=NODES, edges=EDGES, evidence=None)
    (data / "lessons.csv").write_text(LESSONS, encoding="utf-8")
    audit = _slices(tmp_path / "audit")
    report = merge_audit.merge_audit(audit, data)
    return data, report


def _edges(data):
    with open(data / "edges.csv", encoding="utf-8") as f:
        return {(r["source"], r["target"], r["relation"]): r for r in csv.DictReader(f)}


def test_result_is_a_valid_v11_atlas(merged):
    data, _ = merged
    result = validate_folder(data)
    assert result.ok, [str(p) for p in result.errors]
    header = (data / "evidence.csv").read_text().splitlines()[0]
    assert header == "source,target,relation,reference,study_type,species,direction,finding,locator,checked"  # keep dropped


def test_remove_keep_no_and_unsupported_relations_are_listed(merged):
    data, report = merged
    edges = _edges(data)
    assert report.removed == ["NIA:d treats NIA:b — the mouse study does not show treatment"]
    assert report.removed_no_reference == ["NIA:c associated_with NIA:b"]
    assert [x.split(" (")[0] for x in report.removed_unsupported] == ["NIA:c inhibits NIA:b"]
    assert ("NIA:d", "NIA:b", "treats") not in edges and ("NIA:c", "NIA:b", "associated_with") not in edges
    assert report.dropped_references == ["NIA:c associated_with NIA:b − s3", "NIA:b causes NIA:a − s1"]


def test_remove_is_refused_while_another_slice_supports_the_relation(merged):
    data, report = merged
    edge = _edges(data)[("NIA:b", "NIA:a", "causes")]
    assert edge["references"] == "s3" and (edge["evidence"], edge["study_type"], edge["species"]) == ("emerging", "animal", "mouse")
    assert any("slice1 asks to REMOVE NIA:b causes NIA:a, but s3" in p for p in report.problems)


def test_restatement_rekeys_rows_and_a_collision_merges(merged):
    data, report = merged
    edges = _edges(data)
    assert ("NIA:c", "NIA:a", "produces") not in edges
    assert edges[("NIA:c", "NIA:a", "increases")]["note"] == "C raises A."
    assert report.merged_into_existing == ["NIA:a associated_with NIA:b → NIA:a elevated_in NIA:b"]
    merged_edge = edges[("NIA:a", "NIA:b", "elevated_in")]
    assert merged_edge["references"] == "s2|s4|s1" and merged_edge["note"] == "A is measured higher in B."
    atlas = load_atlas(data)
    rows = atlas.evidence[atlas.evidence["relation"] == "elevated_in"]
    assert sorted(rows["reference"]) == ["s1", "s2", "s4"]
    assert (merged_edge["evidence"], merged_edge["study_type"], merged_edge["species"]) == ("supported", "genetic", "mixed")


def test_grades_are_rederived_cautiously(merged):
    data, report = merged
    edges = _edges(data)
    assert edges[("NIA:b", "NIA:c", "increases")]["evidence"] == "emerging"  # a review is not human data
    assert edges[("NIA:c", "NIA:a", "increases")]["evidence"] == "established"  # a review permits established
    activates = edges[("NIA:a", "NIA:c", "activates")]
    assert (activates["evidence"], activates["study_type"], activates["species"]) == ("contested", "human_interventional", "mixed")
    assert report.regraded[("supported", "emerging")] == 1 and report.regraded[("supported", "contested")] == 1


def test_new_sources_lessons_and_summary(merged, capsys):
    data, report = merged
    assert "s4" in (data / "sources.csv").read_text()
    assert report.new_sources == 1 and report.added_references == ["NIA:a elevated_in NIA:b + s4"]
    assert report.lesson_focus_lost == ["intro step 1: NIA:d"]
    assert report.orphaned_nodes == ["NIA:d"]
    assert report.rows == 8 and report.directions == {"supports": 7, "contradicts": 1}
    assert report.relations == 5 and report.with_primary == 3
    text = "\n".join(report.lines())
    assert "with a primary-study row (not review): 3 (60.0%)" in text
    assert "relations regraded: 3" in text and "established → emerging: 1" in text


def test_cli_dry_run_writes_nothing(tmp_path, capsys):
    data = write_atlas(tmp_path / "data", nodes=NODES, edges=EDGES, evidence=None)
    before = (data / "edges.csv").read_text()
    assert merge_audit.main([str(_slices(tmp_path / "audit")), "--data", str(data), "--dry-run"]) == 0
    assert (data / "edges.csv").read_text() == before and not (data / "evidence.csv").exists()
    report = tmp_path / "report.txt"
    assert merge_audit.main([str(tmp_path / "audit"), "--data", str(data), "--report", str(report)]) == 0
    assert "relations restated: 2" in report.read_text() and (data / "evidence.csv").exists()
    assert "relations removed (edge_changes REMOVE): 1" in capsys.readouterr().out
