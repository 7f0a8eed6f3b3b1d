"""Validation rules of the data contract: every rule has a failing example with its message."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from neuroimmune.cli import main as cli_main
from neuroimmune.schema import RELATIONS, validate_files, validate_folder
from tests.conftest import BAD_FOLDERS, BAD_INPUTS, OK_BASELINE, ROOT, expect


@pytest.mark.parametrize("folder", BAD_FOLDERS, ids=lambda p: p.name)
def test_bad_inputs_behave_as_expect(folder, capsys):
    """`neuroimmune validate FOLDER` in process (an exception fails the test like a traceback would)."""
    want = expect(folder)
    code = cli_main(["validate", str(folder)])
    captured = capsys.readouterr()
    out = captured.out + captured.err
    if want["verdict"] == "ok":
        assert code == 0, out
    elif want["verdict"] == "error":
        assert code == 1, out
        where = f"{want['file']}:{want['line']}:" if want["line"] else f"{want['file']}:"
        hits = [ln for ln in out.splitlines() if ln.startswith(where)]
        assert hits, out
        if want["line"] is None and "missing" not in (want["message"] or ""):
            assert any(ln.split(":")[1].isdigit() for ln in hits), out
        if want["message"]:
            assert any(want["message"] in ln for ln in hits), out
    else:
        assert code in (0, 1)


@pytest.mark.parametrize("name", ["ok_baseline", "binary_png", "unterminated_quote_mid_file"])
def test_validate_command_in_a_subprocess(name):
    proc = subprocess.run(
        [sys.executable, "-m", "neuroimmune", "validate", str(BAD_INPUTS / name)], capture_output=True, text=True, cwd=ROOT
    )
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == (0 if name.startswith("ok_") else 1)


def test_importing_main_does_not_run_the_cli():
    proc = subprocess.run([sys.executable, "-c", "import neuroimmune.__main__"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and proc.stdout == "" and "usage" not in proc.stderr


def test_fixture_folders_are_current(tmp_path):
    """The committed malformed folders are exactly what the generator writes (no drift, no hand edits)."""
    from tests.fixtures.make_bad_inputs import write

    names = write(tmp_path / "gen")
    assert sorted(names) == [p.name for p in BAD_FOLDERS]
    for name in names:
        got = {p.name: p.read_bytes() for p in (BAD_INPUTS / name).iterdir()}
        made = {p.name: p.read_bytes() for p in (tmp_path / "gen" / name).iterdir()}
        assert got == made, name


MULTILINE_EDGES = [
    "source,target,relation,topics,evidence,study_type,species,references,note",
    'HGNC:5992,NIA:sickness_behaviour,causes,cytokine,established,animal,mixed,dantzer2008,"IL-1β injected',
    "centrally, in mice,",
    "",
    'induces sickness behaviour."',
    "HGNC:6018,MESH:D003865,asociated_with,cytokine,supported,human_observational,human,miller2016,IL-6 is raised.",
    "",
]


@pytest.mark.parametrize("line_end", ["\n", "\r\n"], ids=["LF", "CRLF"])
def test_multiline_quoted_cells_accepted_with_first_line_numbers(tmp_path, line_end):
    """RFC 4180: a quoted cell may hold line breaks; later problems keep their physical line numbers."""
    shutil.copytree(OK_BASELINE, tmp_path / "a", ignore=shutil.ignore_patterns("EXPECT"))
    (tmp_path / "a" / "edges.csv").write_bytes(line_end.join(MULTILINE_EDGES).encode())
    result = validate_folder(tmp_path / "a")
    assert [str(p) for p in result.errors] == [
        "edges.csv:6: unknown relation 'asociated_with' — did you mean 'associated_with'? (expected one of: " + ", ".join(RELATIONS) + ")"
    ]
    notes = result.frames["edges"].set_index("_line")["note"]
    assert notes[2] == "IL-1β injected\ncentrally, in mice,\n\ninduces sickness behaviour."  # CRLF inside the cell becomes LF
    assert list(notes.index) == [2, 6]


def test_multiline_record_with_wrong_cell_count_is_a_missing_quote(tmp_path):
    shutil.copytree(OK_BASELINE, tmp_path / "a", ignore=shutil.ignore_patterns("EXPECT"))
    lines = MULTILINE_EDGES[:2] + ["centrally", 'in mice", extra, cells', ""]
    (tmp_path / "a" / "edges.csv").write_text("\n".join(lines), encoding="utf-8")
    messages = [str(p) for p in validate_folder(tmp_path / "a").errors]
    assert any(m.startswith("edges.csv:2: a quoted cell runs over lines 2-4 and the record has 11 cells, not 9") for m in messages), (
        messages
    )


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
