"""Contract v1.1 in the validator: evidence.csv rows, pair coverage and the grade rules (fixtures under tmp_path)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from neuroimmune import load_atlas
from neuroimmune.schema import RELATIONS, validate_folder
from neuroimmune.upload import atlas_from_upload
from tests.conftest import ROOT
from tests.unit.evidence_atlas import EDGES, EVIDENCE, EVIDENCE_HEADER, write_atlas


def _messages(folder, severity="error"):
    result = validate_folder(folder)
    return [str(p) for p in (result.errors if severity == "error" else result.warnings)]


def _broken(tmp_path, file, old, new):
    folder = write_atlas(tmp_path / "atlas")
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_fixture_is_valid(tmp_path):
    assert _messages(write_atlas(tmp_path / "a")) == []


def test_atlas_without_evidence_loads_as_before(tmp_path):
    folder = write_atlas(tmp_path / "a", evidence=None)
    assert _messages(folder) == []
    atlas = load_atlas(folder)
    assert atlas.evidence.empty
    assert list(atlas.evidence.columns) == "source,target,relation,reference,study_type,species,direction,finding,locator,checked".split(
        ","
    )


@pytest.mark.parametrize("relation", ["is_a", "elevated_in", "reduced_in", "worsens"])
def test_v11_relations_are_in_the_vocabulary(relation, tmp_path):
    assert relation in RELATIONS
    folder = _broken(tmp_path, "edges.csv", "NIA:c,NIA:b,associated_with", f"NIA:c,NIA:b,{relation}")
    _broken_evidence = (folder / "evidence.csv").read_text().replace("NIA:c,NIA:b,associated_with", f"NIA:c,NIA:b,{relation}")
    (folder / "evidence.csv").write_text(_broken_evidence)
    assert _messages(folder) == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (",supports,Serum", ",support,Serum", "evidence.csv:2: unknown direction 'support' — did you mean 'supports'?"),
        (",human_observational,human,supports", ",human_observational,humen,supports", "evidence.csv:2: unknown species 'humen'"),
        ("s2,human_observational", "s2,human_observatinal", "evidence.csv:2: unknown study_type 'human_observatinal' — did you mean"),
        ("Serum A was higher in people with B.", "", "evidence.csv:2: empty 'finding' (a value is required)"),
        (",abstract,2026-12-01", ",,2026-12-01", "evidence.csv:2: empty 'locator'"),
        (",abstract,2026-12-01", ",abstract,2026-13-01", "evidence.csv:2: checked '2026-13-01' is not a date (expected YYYY-MM-DD"),
        (",abstract,2026-12-01", ",abstract,01/12/2026", "evidence.csv:2: checked '01/12/2026' is not a date"),
        (",abstract,2026-12-01", ",abstract,2999-01-01", "evidence.csv:2: checked '2999-01-01' is in the future"),
        (
            "NIA:a,NIA:b,elevated_in,s2",
            "NIA:a,NIA:b,increases,s2",
            "evidence.csv:2: relation NIA:a increases NIA:b is not in edges.csv — did you mean relation 'elevated_in'?",
        ),
        (
            "NIA:a,NIA:b,elevated_in,s2",
            "NIA:b,NIA:a,elevated_in,s2",
            "evidence.csv:2: relation NIA:b elevated_in NIA:a is not in edges.csv — did you mean the other direction",
        ),
        (
            "NIA:a,NIA:b,elevated_in,s2",
            "NIA:a,NIA:b,elevated_in,s1",
            "evidence.csv:2: reference 's1' is not one of this relation's references (expected one of: s2)",
        ),
        (
            "NIA:a,NIA:c,activates,s3",
            "NIA:a,NIA:c,activates,s33",
            "evidence.csv:5: reference 's33' is not one of this relation's references — did you mean 's3'?",
        ),
    ],
)
def test_evidence_row_rules(tmp_path, old, new, expected):
    messages = _messages(_broken(tmp_path, "evidence.csv", old, new))
    assert any(m.startswith(expected) for m in messages), messages


def test_missing_pair_is_reported_at_the_edges_line(tmp_path):
    folder = write_atlas(
        tmp_path / "a",
        evidence=EVIDENCE.replace("NIA:a,NIA:c,activates,s3,animal,mouse,supports,A activated C in mice.,figure 2,2026-12-01\n", ""),
    )
    messages = _messages(folder)
    assert messages == [
        "edges.csv:4: reference 's3' of NIA:a activates NIA:c has no row in evidence.csv (expected exactly one row per (relation, reference))"
    ]


def test_duplicate_pair_is_reported_at_the_evidence_line(tmp_path):
    duplicate = "NIA:c,NIA:a,produces,s1,review,mixed,supports,Again.,section 3,2026-12-01\n"
    messages = _messages(write_atlas(tmp_path / "a", evidence=EVIDENCE + duplicate))
    assert messages == [
        "evidence.csv:7: second row for NIA:c produces NIA:a with reference 's1' (first on line 3; expected exactly one row per (relation, reference))"
    ]


def test_empty_evidence_file_reports_every_pair(tmp_path):
    messages = _messages(write_atlas(tmp_path / "a", evidence=EVIDENCE_HEADER))
    assert len(messages) == 5 and all(m.startswith("edges.csv:") and "has no row in evidence.csv" in m for m in messages)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # supported needs a supporting human row; animal-only relations are emerging
        (
            "emerging,animal,mouse,s3",
            "supported,animal,mouse,s3",
            "edges.csv:5: evidence 'supported' does not follow from its evidence rows: it needs at least one supporting human row",
        ),
        ("emerging,animal,mouse,s3", "established,animal,mouse,s3", "edges.csv:5: evidence 'established' does not follow"),
        # established needs a review row or two supporting human rows
        (
            "supported,human_observational,human,s2",
            "established,human_observational,human,s2",
            "edges.csv:2: evidence 'established' does not follow",
        ),
        # contested ⟺ a contradicts/mixed row and a supports row
        (
            "emerging,animal,mouse,s3",
            "contested,animal,mouse,s3",
            "edges.csv:5: evidence 'contested' does not follow from its evidence rows: it needs at least one contradicts or mixed row",
        ),
        (
            "contested,human_interventional,mixed,s2|s3",
            "supported,human_interventional,mixed,s2|s3",
            "edges.csv:4: evidence 'supported' does not follow",
        ),
        (
            "contested,human_interventional,mixed,s2|s3",
            "emerging,human_interventional,mixed,s2|s3",
            "edges.csv:4: evidence 'emerging' does not follow",
        ),
        # study_type is the strongest among the rows; species the rows' species or mixed
        (
            "contested,human_interventional,mixed",
            "contested,animal,mixed",
            "edges.csv:4: study_type 'animal' is not the strongest among its evidence rows (expected 'human_interventional'",
        ),
        ("supported,human_observational,human,s2", "supported,genetic,human,s2", "edges.csv:2: study_type 'genetic' is not the strongest"),
        (
            "contested,human_interventional,mixed",
            "contested,human_interventional,human",
            "edges.csv:4: species 'human' does not match its evidence rows (expected 'mixed'",
        ),
        (
            "emerging,animal,mouse,s3",
            "emerging,animal,mixed,s3",
            "edges.csv:5: species 'mixed' does not match its evidence rows (expected 'mouse'",
        ),
    ],
)
def test_grade_rules(tmp_path, old, new, expected):
    messages = _messages(_broken(tmp_path, "edges.csv", old, new))
    assert any(m.startswith(expected) for m in messages), messages
    assert all("[evidence.csv lines" in m for m in messages)


def test_relation_without_a_supporting_row_is_an_error(tmp_path):
    folder = _broken(tmp_path, "evidence.csv", "s3,animal,mouse,supports,C accumulated", "s3,animal,mouse,contradicts,C accumulated")
    assert _messages(folder) == [
        "edges.csv:5: no evidence row supports this relation (expected at least one row with direction 'supports'; remove or restate it) [evidence.csv lines 6]"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        ("edges.csv", "supported,human_observational,human,s2", "emerging,human_observational,human,s2"),  # a cautious grade is allowed
        ("evidence.csv", ",contradicts,Giving", ",mixed,Giving"),  # mixed counts against: still contested
    ],
)
def test_permitted_variants(tmp_path, file, old, new):
    assert _messages(_broken(tmp_path, file, old, new)) == []


def test_established_by_two_human_rows_or_a_review(tmp_path):
    edges = EDGES.replace("supported,human_observational,human,s2,", "established,genetic,human,s2|s1,")
    row = "NIA:a,NIA:b,elevated_in,s1,genetic,human,supports,A variants raise B risk.,table 2,2026-12-01\n"
    assert _messages(write_atlas(tmp_path / "two_human", edges=edges, evidence=EVIDENCE + row)) == []
    review = "NIA:a,NIA:b,elevated_in,s1,review,mixed,supports,A review of A in B.,section 1,2026-12-01\n"
    edges_mixed = edges.replace("established,genetic,human,s2|s1,", "established,human_observational,mixed,s2|s1,")
    assert _messages(write_atlas(tmp_path / "review", edges=edges_mixed, evidence=EVIDENCE + review)) == []


def test_duplicated_relation_in_edges_uses_the_union_of_references(tmp_path):
    edges = EDGES + "NIA:c,NIA:a,produces,cytokine,established,review,mixed,s1|s3,again\n"
    row = "NIA:c,NIA:a,produces,s3,review,mixed,supports,Also a review section.,discussion,2026-12-01\n"
    folder = write_atlas(tmp_path / "a", edges=edges, evidence=EVIDENCE + row)
    assert _messages(folder) == []
    atlas = load_atlas(folder)
    assert len(atlas.evidence_of(atlas.edges[atlas.edges["relation"] == "produces"])) == 2


def test_upload_with_and_without_evidence(tmp_path):
    folder = write_atlas(tmp_path / "a")
    files = [(p.name, p.read_bytes()) for p in sorted(folder.iterdir())]
    atlas, problems = atlas_from_upload(files)
    assert atlas is not None and len(atlas.evidence) == 5, problems
    atlas, problems = atlas_from_upload([f for f in files if f[0] != "evidence.csv"])
    assert atlas is not None and atlas.evidence.empty, problems
    broken = [(n, d.replace(b",supports,Serum", b",suports,Serum") if n == "evidence.csv" else d) for n, d in files]
    atlas, problems = atlas_from_upload(broken)
    assert atlas is None and any(str(p).startswith("evidence.csv:2: unknown direction 'suports'") for p in problems)


def test_cli_reports_evidence_problems_as_file_line(tmp_path):
    folder = _broken(tmp_path, "edges.csv", "emerging,animal,mouse,s3", "supported,animal,mouse,s3")
    proc = subprocess.run([sys.executable, "-m", "neuroimmune", "validate", str(folder)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert "edges.csv:5: evidence 'supported' does not follow" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
