"""Hand-laid lessons (lesson_layout.csv): loading, validation at file:line, positions drawn, nothing else changes."""

from __future__ import annotations

import itertools
import shutil

import numpy as np
import pandas as pd
import pytest

from neuroimmune import Atlas, load_atlas
from neuroimmune.label_layout import NORMAL_CANVAS, PRESENTER_CANVAS, fixed_label_layout, text_width
from neuroimmune.lessons import build_lesson_figure, lesson_layout, lesson_placed, lesson_step, lesson_story
from neuroimmune.merge import merge_atlases
from neuroimmune.schema import validate_files, validate_folder
from neuroimmune.upload import atlas_from_upload
from tests.conftest import BAD_INPUTS
from tests.unit.test_lessons import EDGES, LESSON, NODES

LAYOUT_OK = BAD_INPUTS / "ok_with_lesson_layout"
NO_LAYOUT = BAD_INPUTS / "ok_with_lessons"
#: The curator's figure of the tiny fever lesson: infection top left, fever bottom right.
PLACED = {"CHEBI:1": (0.0, 1.0), "HGNC:1": (0.2, 0.8), "CL:1": (0.4, 0.6), "HGNC:2": (0.6, 0.4), "HGNC:3": (0.8, 0.2), "MESH:1": (1.0, 0.0)}


def _frames(layout: dict[str, tuple[float, float]] | None = None) -> dict:
    nodes = pd.DataFrame(NODES, columns=["id", "label", "type"])
    edges = pd.DataFrame(EDGES, columns=["source", "target", "relation", "topics"]).assign(
        evidence="established", study_type="human_observational", species="human", references="s1"
    )
    sources = pd.DataFrame({"id": ["s1"], "citation": ["Dantzer R, Kelley KW (2008). Sickness. Nat Rev Neurosci."], "year": ["2008"]})
    lessons = pd.DataFrame(LESSON, columns=["step", "title", "view", "focus"]).assign(lesson="fever", text="Say this.")
    frames = {"nodes": nodes, "edges": edges, "sources": sources, "lessons": lessons}
    if layout is not None:
        frames["lesson_layout"] = pd.DataFrame([("fever", i, x, y) for i, (x, y) in layout.items()], columns=["lesson", "id", "x", "y"])
    return frames


@pytest.fixture(scope="module")
def plain() -> Atlas:
    return Atlas.from_frames(**_frames())


@pytest.fixture(scope="module")
def hand() -> Atlas:
    return Atlas.from_frames(**_frames(PLACED))


def _places(fig) -> dict[str, tuple[float, float]]:
    return {c: (float(x), float(y)) for t in fig.data if t.legendgroup == "nodes" for c, x, y in zip(t.customdata, t.x, t.y)}


def _boxes(layout) -> pd.DataFrame:
    """Label box (label above marker) of each entity in px, as the layout placed it."""
    p = layout.positions
    return pd.DataFrame(
        {"id": p["id"], "x0": p["px"] - p["w"] / 2, "x1": p["px"] + p["w"] / 2, "y0": p["py"] - p["top"], "y1": p["py"] + p["bottom"]}
    )


def _overlaps(boxes: pd.DataFrame) -> list[tuple[str, str]]:
    rows = boxes.to_dict("records")
    return [
        (a["id"], b["id"])
        for a, b in itertools.combinations(rows, 2)
        if min(a["x1"], b["x1"]) - max(a["x0"], b["x0"]) > 0.5 and min(a["y1"], b["y1"]) - max(a["y0"], b["y0"]) > 0.5
    ]


# ---------------------------------------------------------------------------------------------
# loading
def test_the_file_loads_with_numeric_positions():
    atlas = load_atlas(LAYOUT_OK)
    assert atlas.lesson_layout[["lesson", "id"]].values.tolist() == [
        ["sickness", "HGNC:5992"], ["sickness", "NIA:sickness_behaviour"], ["sickness", "MESH:D003865"],
    ]  # fmt: skip
    assert atlas.lesson_layout["x"].dtype.kind == "f" and atlas.lesson_layout["x"].tolist() == [0.1, 0.5, 0.9]
    assert lesson_placed(atlas, "sickness") == {"HGNC:5992": (0.1, 0.8), "NIA:sickness_behaviour": (0.5, 0.5), "MESH:D003865": (0.9, 0.2)}
    assert lesson_placed(atlas, "other") == {}


def test_an_atlas_without_the_file_loads_as_before(tmp_path):
    atlas = load_atlas(NO_LAYOUT)
    assert atlas.lesson_layout.empty and list(atlas.lesson_layout.columns) == ["lesson", "id", "x", "y"]
    # the same files plus an empty layout table give the same frames; the version is only the files' hash
    assert Atlas.from_frames(**_frames()).version == Atlas.from_frames(**_frames({})).version
    assert Atlas.from_frames(**_frames()).version != Atlas.from_frames(**_frames(PLACED)).version
    copy = tmp_path / "a"
    shutil.copytree(LAYOUT_OK, copy, ignore=shutil.ignore_patterns("EXPECT"))
    assert load_atlas(copy).version != atlas.version
    (copy / "lesson_layout.csv").unlink()
    assert load_atlas(copy).version == atlas.version


def test_upload_and_merge_keep_the_positions(small_atlas):
    files = [(p.name, p.read_bytes()) for p in LAYOUT_OK.iterdir() if p.suffix == ".csv"]
    atlas, problems = atlas_from_upload(files)
    assert atlas is not None and not [p for p in problems if p.severity == "error"]
    assert len(atlas.lesson_layout) == 3
    merged, _ = merge_atlases(small_atlas, atlas)
    assert lesson_placed(merged, "sickness") == lesson_placed(atlas, "sickness")
    again, _ = merge_atlases(atlas, small_atlas)  # the user's atlas has no layout: the base's rows stay
    assert len(again.lesson_layout) == 3


# ---------------------------------------------------------------------------------------------
# validation: FILE:LINE: what is wrong (what was expected), never a traceback
def _problems(layout: str, *, lessons: bool = True) -> list[str]:
    files = {p.name: p.read_bytes() for p in NO_LAYOUT.iterdir() if p.suffix == ".csv"}
    if not lessons:
        files.pop("lessons.csv")
    files["lesson_layout.csv"] = layout.encode()
    return [str(p) for p in validate_files(files).problems]


def test_every_broken_row_is_reported_at_its_line():
    text = (
        "lesson,id,x,y\n"
        "sicknes,HGNC:5992,0.1,0.9\n"  # 2: unknown lesson
        "sickness,HGNC:59920,0.2,0.5\n"  # 3: unknown node
        "sickness,HGNC:6018,left,1.5\n"  # 4: x not a number, y outside 0-1
        "sickness,MESH:D003865,0.9,0.1\n"
        "sickness,MESH:D003865,0.5,0.1\n"  # 6: second row for the same (lesson, id)
        "sickness,HGNC:5992,,0.5\n"  # 7: empty x
        "sickness,HGNC:6018,nan,-0.01\n"  # 8: nan is not a coordinate; y below 0 (duplicate of line 4 too)
    )
    assert _problems(text) == [
        "lesson_layout.csv:2: lesson 'sicknes' is not a lesson in lessons.csv — did you mean 'sickness'? (expected one of: sickness)",
        "lesson_layout.csv:3: id 'HGNC:59920' is not a node id in nodes.csv (expected an id defined in nodes.csv)",
        "lesson_layout.csv:4: x 'left' is not a finite number (expected a number from 0 to 1, 0 = left, 1 = right)",
        "lesson_layout.csv:4: y 1.5 is outside 0–1 (expected a number from 0 to 1, 0 = bottom, 1 = top)",
        "lesson_layout.csv:6: second position for 'MESH:D003865' in lesson 'sickness' (first on line 5; expected one row per lesson and entity)",
        "lesson_layout.csv:7: empty 'x' (a value is required)",
        "lesson_layout.csv:8: x 'nan' is not a finite number (expected a number from 0 to 1, 0 = left, 1 = right)",
        "lesson_layout.csv:8: y -0.01 is outside 0–1 (expected a number from 0 to 1, 0 = bottom, 1 = top)",
        "lesson_layout.csv:8: second position for 'HGNC:6018' in lesson 'sickness' (first on line 4; expected one row per lesson and entity)",
    ]


def test_missing_columns_and_missing_lessons():
    assert _problems("lesson,id,x\nsickness,HGNC:5992,0.1\n") == [
        "lesson_layout.csv:1: missing required column 'y' (expected columns: lesson,id,x,y)"
    ]
    assert _problems("lesson,id,x,y\nsickness,HGNC:5992,0.1,0.2\n", lessons=False) == [
        "lesson_layout.csv:2: lesson 'sickness' is not a lesson: this atlas has no lessons.csv (expected a lessons.csv that defines it)"
    ]


def test_an_entity_the_lesson_never_draws_is_a_warning():
    # a one-step lesson on IL-1β: IL-6 is no focus of it and linked to none of its focus entities
    files = {p.name: p.read_bytes() for p in NO_LAYOUT.iterdir() if p.suffix == ".csv"}
    files["lessons.csv"] = b"lesson,step,title,view,focus,text\nil1,1,IL-1,cytokine,HGNC:5992,Say this.\n"
    files["lesson_layout.csv"] = b"lesson,id,x,y\nil1,HGNC:5992,0.2,0.5\nil1,NIA:sickness_behaviour,0.8,0.5\nil1,HGNC:6018,0.5,0.5\n"
    result = validate_files(files)
    assert result.ok
    assert [str(p) for p in result.warnings] == [
        "lesson_layout.csv:4: warning: 'HGNC:6018' is neither a focus of lesson 'il1' nor linked to one in edges.csv, "
        "so the lesson never draws it; the row is ignored"
    ]


def test_the_fixture_folders_say_what_is_wrong():
    for name in ("lesson_layout_unknown_lesson", "lesson_layout_unknown_id", "lesson_layout_x_not_a_number", "lesson_layout_duplicate"):
        errors = validate_folder(BAD_INPUTS / name).errors
        assert errors and all(p.file == "lesson_layout.csv" and p.line for p in errors), name


# ---------------------------------------------------------------------------------------------
# drawing
@pytest.mark.parametrize("presenter", [False, True])
def test_placed_entities_are_drawn_where_the_curator_put_them(hand, presenter):
    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    layout = lesson_layout(hand, "fever", presenter=presenter)
    assert layout.n_columns == 0  # no column headers over a hand-drawn figure
    at = layout.positions.set_index("id")
    margin = at["w"].max() / 2 + 2
    for node, (x, y) in PLACED.items():
        assert at.at[node, "px"] == pytest.approx(margin + x * (canvas.width - 2 * margin))
        span = canvas.height - at["top"].max() - at["bottom"].max() - 2
        assert at.at[node, "py"] == pytest.approx(at["top"].max() + (1 - y) * span)  # the diagonal has room: nothing moved
    # left to right and top to bottom as given (the diagonal has room: nothing had to move)
    order = sorted(PLACED, key=lambda i: PLACED[i][0])
    assert list(at.loc[order, "px"]) == sorted(at.loc[order, "px"]) and list(at.loc[order, "py"]) == sorted(at.loc[order, "py"])
    assert at.at["CHEBI:1", "py"] == pytest.approx(at["top"].max())  # y = 1: the top of the canvas, room for the label
    fig = build_lesson_figure(hand, "fever", 4, presenter=presenter, layout=layout)
    drawn = _places(fig)
    for node in PLACED:
        assert drawn[node][0] - 2 == pytest.approx(at.at[node, "px"] / canvas.width, abs=1e-3)
        assert drawn[node][1] - 2 == pytest.approx(1 - at.at[node, "py"] / layout.height, abs=1e-3)
    assert fig.layout.yaxis.scaleanchor is None  # the plot area is the canvas the boxes were placed on
    assert not [a for a in fig.layout.annotations if a.name != "line_key"]  # no column headers


@pytest.mark.parametrize("presenter", [False, True])
def test_labels_never_overlap_nor_leave_the_chart(hand, presenter):
    canvas = PRESENTER_CANVAS if presenter else NORMAL_CANVAS
    layout = lesson_layout(hand, "fever", presenter=presenter)
    boxes = _boxes(layout)
    assert not _overlaps(boxes)
    assert (boxes["x0"] >= 0).all() and (boxes["x1"] <= canvas.width).all()
    assert (boxes["y0"] >= 0).all() and (boxes["y1"] <= layout.height).all()
    # the box holds the label drawn (measured like label_layout does: Arial widths, bold for a highlight)
    for node, text, w in zip(layout.positions["id"], layout.positions["text"], layout.positions["w"]):
        assert max(text_width(line, canvas.label_px, bold=True) for line in text.split("<br>")) <= w, node


def test_positions_on_top_of_each_other_are_pulled_apart():
    xy = np.array([[0.5, 0.5], [0.5, 0.5], [0.52, 0.5], [np.nan, np.nan]])
    frame, height = fixed_label_layout(["a", "b", "c", "d"], ["Interleukin-1 beta", "Tumour necrosis factor", "IL-6", "Fever"], xy,
                                       np.array([0]), np.array([3]), NORMAL_CANVAS)  # fmt: skip
    layout = type("L", (), {"positions": frame})
    boxes = _boxes(layout)
    assert not _overlaps(boxes)
    assert frame.loc[:2, "px"].nunique() == 2  # x as given (the two at 0.5 share it); only y moved
    assert (boxes["y1"] <= height).all()


def test_unplaced_entities_go_near_their_neighbours(hand):
    layout = lesson_layout(hand, "fever")
    at = layout.positions.set_index("id")
    others = [i for i in at.index if i not in PLACED]
    assert others, "the lesson's automatic context is still drawn"
    for node in others:
        e = hand.edges
        near = set(e.loc[e["source"] == node, "target"]) | set(e.loc[e["target"] == node, "source"])
        placed = [n for n in near if n in PLACED]
        if placed:
            d = min(np.hypot(at.at[node, "px"] - at.at[n, "px"], at.at[node, "py"] - at.at[n, "py"]) for n in placed)
            assert d < NORMAL_CANVAS.width / 3, node


def test_every_step_keeps_the_positions(hand):
    layout = lesson_layout(hand, "fever", presenter=True)
    places = [_places(build_lesson_figure(hand, "fever", n, presenter=True, layout=layout)) for n in (1, 2, 3, 4)]
    for earlier, later in zip(places, places[1:]):
        assert earlier.keys() <= later.keys() and all(earlier[k] == later[k] for k in earlier)
    assert set(lesson_step(hand, "fever", 4).revealed) <= places[-1].keys()


def test_a_placed_neighbour_joins_the_lesson():
    # IL-6 is no focus; placed by the curator it is drawn with the step whose focus it is linked to (macrophage, step 2)
    atlas = Atlas.from_frames(**_frames({**PLACED, "HGNC:4": (0.5, 0.9)}))
    for n, present in ((1, False), (2, True)):
        now, _ = lesson_story(atlas, lesson_step(atlas, "fever", n), context=0)
        assert ("HGNC:4" in now) is present
    assert "HGNC:4" in _places(build_lesson_figure(atlas, "fever", 2))


def test_without_the_file_nothing_changes(plain):
    """A layout for another lesson leaves this lesson's story, layout and figure exactly as without the file."""
    rows = pd.DataFrame([("another", "CHEBI:1", 0.1, 0.1)], columns=["lesson", "id", "x", "y"])
    elsewhere = Atlas.from_frames(**{**_frames(), "lesson_layout": rows})
    auto, again = lesson_layout(plain, "fever"), lesson_layout(elsewhere, "fever")
    assert auto.n_columns > 0
    pd.testing.assert_frame_equal(auto.positions, again.positions)
    assert (auto.height, auto.n_columns) == (again.height, again.n_columns)
    last = lesson_step(plain, "fever", 4)
    assert lesson_story(plain, last) == lesson_story(elsewhere, last)
    for presenter in (False, True):
        before = build_lesson_figure(plain, "fever", 3, presenter=presenter)
        after = build_lesson_figure(elsewhere, "fever", 3, presenter=presenter)
        assert before.to_json() == after.to_json()
