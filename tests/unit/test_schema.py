"""Validation rules of the data contract: every rule has a failing example with its message."""

from __future__ import annotations

import subprocess
import sys

import pytest

from neuroimmune.schema import validate_files, validate_folder
from tests.conftest import BAD_INPUTS, ROOT


def _expect(folder):
    lines = (folder / "EXPECT").read_text().split("\n")
    verdict = lines[0].strip()
    file = next((ln.split()[1] for ln in lines if ln.startswith("FILE ")), None)
    return verdict, file


@pytest.mark.parametrize("folder", sorted(p for p in BAD_INPUTS.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_shared_bad_inputs_behave_as_expect(folder):
    verdict, file = _expect(folder)
    proc = subprocess.run([sys.executable, "-m", "neuroimmune", "validate", str(folder)], capture_output=True, text=True, cwd=ROOT)
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out
    if verdict == "ok":
        assert proc.returncode == 0, out
    elif verdict == "error":
        assert proc.returncode == 1, out
        assert any(line.startswith(f"{file}:") and line.split(":")[1].isdigit() for line in out.splitlines()), out
    else:
        assert proc.returncode in (0, 1)


def _rewrite(folder, name, old, new):
    p = folder / name
    p.write_text(p.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def _messages(folder):
    return [str(p) for p in validate_folder(folder).errors]


def test_baseline_is_valid(baseline_copy):
    assert validate_folder(baseline_copy).ok


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        ("edges.csv", ",causes,", ",cuases,", "edges.csv:2: unknown relation 'cuases' — did you mean 'causes'?"),
        ("edges.csv", ",established,", ",establised,", "edges.csv:2: unknown evidence 'establised' — did you mean 'established'?"),
        ("edges.csv", ",animal,", ",animall,", "edges.csv:2: unknown study_type 'animall'"),
        ("edges.csv", ",mixed,", ",monkey,", "edges.csv:2: unknown species 'monkey'"),
        (
            "edges.csv",
            "cytokine|condition_mechanism",
            "cytokine|condition_mechanisms",
            "edges.csv:3: unknown topics 'condition_mechanisms' — did you mean 'condition_mechanism'?",
        ),
        (
            "edges.csv",
            ",dantzer2008,",
            ",dantzer2009,",
            "edges.csv:2: reference 'dantzer2009' is not an id in sources.csv — did you mean 'dantzer2008'?",
        ),
        (
            "edges.csv",
            "HGNC:5992,NIA:sickness_behaviour",
            "HGNC:5992,NIA:sickness_behavior",
            "edges.csv:2: target 'NIA:sickness_behavior' is not a node id",
        ),
        ("edges.csv", "HGNC:5992,NIA:sickness_behaviour", ",NIA:sickness_behaviour", "edges.csv:2: empty 'source'"),
        (
            "nodes.csv",
            ",cytokine,circulation,IL1B",
            ",cytokin,circulation,IL1B",
            "nodes.csv:2: unknown type 'cytokin' — did you mean 'cytokine'?",
        ),
        (
            "nodes.csv",
            "cytokine,circulation,IL1B",
            "cytokine,circulaton,IL1B",
            "nodes.csv:2: unknown compartment 'circulaton' — did you mean 'circulation'?",
        ),
        ("nodes.csv", "HGNC:6018,IL-6", "HGNC:5992,IL-6", "nodes.csv:3: duplicate id 'HGNC:5992' (first defined on line 2"),
        ("nodes.csv", "HGNC:6018,IL-6", "HGNX:6018,IL-6", "nodes.csv:3: unknown id prefix 'HGNX'"),
        ("nodes.csv", "HGNC:6018,IL-6", "IL6,IL-6", "nodes.csv:3: id 'IL6' is not a CURIE"),
        (
            "nodes.csv",
            "NIA:sickness_behaviour,Sickness",
            "NIA:Sickness Behaviour,Sickness",
            "nodes.csv:4: id 'NIA:Sickness Behaviour' is not a CURIE",
        ),
        (
            "nodes.csv",
            "NIA:sickness_behaviour,Sickness",
            "NIA:SicknessBehaviour,Sickness",
            "nodes.csv:4: local id 'NIA:SicknessBehaviour' should be lower_snake_case",
        ),
        ("sources.csv", ",2008,", ",20008,", "sources.csv:2: year '20008' is not a plausible year"),
        ("sources.csv", ",10.1038/nrn2297,", ",doi:nrn2297,", "sources.csv:2: doi 'doi:nrn2297' is not a DOI"),
        ("sources.csv", ",18073775,", ",PMID18073775,", "sources.csv:2: pmid 'PMID18073775' is not a PubMed id"),
        ("sources.csv", ",10.1038/nrn2297,18073775,", ",,,", "sources.csv:2: no doi and no pmid"),
        ("nodes.csv", "id,label,type", "id,lable,type", "nodes.csv:1: missing required column 'label' — did you mean 'lable'?"),
    ],
)
def test_each_rule_reports_file_line_and_hint(baseline_copy, file, old, new, expected):
    _rewrite(baseline_copy, file, old, new)
    messages = _messages(baseline_copy)
    assert any(m.startswith(expected) for m in messages), messages


def test_all_problems_reported_at_once(baseline_copy):
    _rewrite(baseline_copy, "edges.csv", ",causes,", ",cuases,")
    _rewrite(baseline_copy, "edges.csv", ",supported,human_observational,", ",suported,human_observational,")
    _rewrite(baseline_copy, "nodes.csv", ",cytokine,circulation,IL1B", ",cytokin,circulation,IL1B")
    messages = _messages(baseline_copy)
    assert len(messages) >= 3
    assert {m.split(":")[0] for m in messages} == {"edges.csv", "nodes.csv"}


def test_duplicate_relation_is_warned_and_merged(baseline_copy):
    p = baseline_copy / "edges.csv"
    lines = p.read_text().splitlines()
    dup = lines[1].replace(",dantzer2008,", ",miller2016,")
    p.write_text("\n".join(lines + [dup]) + "\n")
    result = validate_folder(baseline_copy)
    assert result.ok
    assert any("duplicate relation" in str(w) for w in result.warnings)
    from neuroimmune import load_atlas

    atlas = load_atlas(baseline_copy)
    merged = atlas.edges[(atlas.edges.source == "HGNC:5992") & (atlas.edges.relation == "causes")]
    assert len(merged) == 1 and merged.iloc[0]["references"] == "dantzer2008|miller2016"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "nodes.csv:1: file is empty"),
        (b"   \n\n", "nodes.csv:1: file is empty"),
        (b"id,label,type\n", "nodes.csv:1: file has a header but no data rows"),
        (b"id;label;type\nNIA:a;A;cell\n", "nodes.csv:1: wrong delimiter"),
        (b"id\tlabel\ttype\nNIA:a\tA\tcell\n", "nodes.csv:1: wrong delimiter"),
        (b"id,label,type\nNIA:a,Caf\xe9,cell\n", "nodes.csv:2: byte 0xe9 is not valid UTF-8"),
        (b"\xff\xfei\x00d\x00", "nodes.csv:1: file is UTF-16"),
        (b"PK\x03\x04rest", "nodes.csv:1: this is a ZIP archive"),
        (b"id,label,type\nNIA:a,A\x00B,cell\n", "nodes.csv:2: file contains NUL bytes"),
        (b"id,label,type\nNIA:a,A,cell,extra\n", "nodes.csv:2: row has 4 cells, too many"),
        (b'id,label,type\nNIA:a,"A\nB,cell\n', "nodes.csv:2: "),
        (b'id,label,type\nNIA:a,"A"x,cell\n', "nodes.csv:2: broken CSV quoting"),
    ],
)
def test_malformed_files_give_clear_messages(content, expected):
    files = {
        "nodes.csv": content,
        "edges.csv": b"source,target,relation,topics,evidence,study_type,species,references\n",
        "sources.csv": b"id,citation,year,doi\ns1,A (2000). T. J.,2000,10.1/x\n",
    }
    messages = [str(p) for p in validate_files(files).errors]
    assert any(m.startswith(expected) for m in messages), messages


def test_oversized_file_refused_without_parsing():
    files = {"nodes.csv": b"id,label,type\n" + b"NIA:a,A,cell\n" * 100}
    messages = [str(p) for p in validate_files(files, max_bytes=500).errors]
    assert any(m.startswith("nodes.csv: file is") and "over the" in m for m in messages)


def test_missing_folder_and_files(tmp_path):
    assert str(validate_folder(tmp_path / "nope").errors[0]).endswith(
        "folder not found (expected a folder holding nodes.csv, edges.csv, sources.csv)"
    )
    messages = [str(p) for p in validate_folder(tmp_path).errors]
    assert [m.split(":")[0] for m in messages] == ["nodes.csv", "edges.csv", "sources.csv"]


def test_lessons_rules(baseline_copy):
    (baseline_copy / "lessons.csv").write_text(
        "lesson,step,title,view,focus,text\nl1,1,T,gut_brain,HGNC:5992,Text.\nl1,1,T,gut_brain,,Text.\nl1,x,T,gut_brian,HGNC:0000,Text.\n"
    )
    messages = [str(p) for p in validate_folder(baseline_copy).errors]
    assert any(m.startswith("lessons.csv:3: lesson 'l1' has step 1 twice") for m in messages), messages
    assert any(m.startswith("lessons.csv:4: step 'x' is not a positive whole number") for m in messages)
    assert any(m.startswith("lessons.csv:4: unknown view 'gut_brian' — did you mean 'gut_brain'?") for m in messages)
    assert any(m.startswith("lessons.csv:4: focus 'HGNC:0000' is not a node id") for m in messages)


def test_cli_never_tracebacks_on_garbage(tmp_path):
    (tmp_path / "nodes.csv").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "edges.csv").mkdir()
    proc = subprocess.run([sys.executable, "-m", "neuroimmune", "validate", str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "edges.csv: is a folder, not a file" in proc.stderr
    assert "sources.csv: file is missing" in proc.stderr
