"""`python -m neuroimmune export --lesson L --step N` draws the lesson step as the Lessons page does."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from neuroimmune.cli import main
from neuroimmune.lessons import build_lesson_figure, lesson_step
from tests.conftest import ROOT

DATA = str(ROOT / "data")


def _json_ids(text: str) -> set[str]:
    return {c for t in json.loads(text)["data"] for c in (t.get("customdata") or []) if isinstance(c, str)}


def test_lesson_step_json_is_the_lesson_figure(tmp_path, shipped_atlas):
    out = tmp_path / "step3.json"
    assert main(["export", "--data", DATA, "--lesson", "sickness_behaviour", "--step", "3", "--out", str(out)]) == 0
    exported = json.loads(out.read_text())
    expected = json.loads(build_lesson_figure(shipped_atlas, "sickness_behaviour", 3).to_json())
    assert exported["data"] == expected["data"]
    assert exported["layout"]["title"]["text"].startswith("The signal reaches the brain")
    step = lesson_step(shipped_atlas, "sickness_behaviour", 3)
    assert set(step.revealed) <= _json_ids(out.read_text())
    step5 = lesson_step(shipped_atlas, "sickness_behaviour", 5)
    assert not set(step5.focus) & _json_ids(out.read_text())  # the lesson builds up: later steps are not drawn yet


def test_lesson_step_zip_holds_the_focus_and_its_references(tmp_path, shipped_atlas):
    out = tmp_path / "step2.zip"
    argv = [
        "export",
        "--data",
        DATA,
        "--lesson",
        "ms_t_cell_to_lesion",
        "--step",
        "2",
        "--evidence",
        "established",
        "--out",
        str(out),
        "--no-png",
    ]
    assert main(argv) == 0
    with zipfile.ZipFile(out) as z:
        nodes = {row["id"] for row in csv.DictReader(io.StringIO(z.read("nodes.csv").decode()))}
        bib = z.read("references.bib").decode()
    assert set(lesson_step(shipped_atlas, "ms_t_cell_to_lesion", 2).revealed) <= nodes
    assert bib.count("@") >= 1


def test_lesson_with_an_explicit_view_draws_that_view(tmp_path):
    out = tmp_path / "view.json"
    assert main(["export", "--data", DATA, "--lesson", "sickness_behaviour", "--step", "2", "--view", "gut_brain", "--out", str(out)]) == 0
    assert json.loads(out.read_text())["layout"]["title"]["text"].startswith("The gut–brain axis")


def test_lesson_step_out_of_range_exits_2(tmp_path, capsys):
    assert main(["export", "--data", DATA, "--lesson", "sickness_behaviour", "--step", "6", "--out", str(tmp_path / "x.json")]) == 2
    assert "has no step 6" in capsys.readouterr().err
