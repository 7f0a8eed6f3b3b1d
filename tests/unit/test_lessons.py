"""Lessons library: steps and progressive reveal, the step figure, the self-test and its score."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from neuroimmune import Atlas, Filters
from neuroimmune.lessons import (
    LATER_TRACE_NAME,
    Quiz,
    build_lesson_figure,
    build_lesson_slide,
    lesson_atlas,
    lesson_step,
    list_lessons,
    quiz_candidates,
    score,
    self_test,
)

# A tiny cytokine story: LPS → TLR4 → macrophage → IL-1β → IL-1R1 → fever, with side nodes.
NODES = [
    ("CHEBI:1", "LPS", "metabolite"), ("HGNC:1", "TLR4", "receptor"), ("CL:1", "Macrophage", "cell"),
    ("HGNC:2", "IL-1β", "cytokine"), ("HGNC:3", "IL-1R1", "receptor"), ("MESH:1", "Fever", "symptom"),
    ("HGNC:4", "IL-6", "cytokine"), ("HGNC:5", "IL-6R", "receptor"), ("MESH:2", "Fatigue", "symptom"),
    ("CL:2", "Microglia", "cell"), ("NIA:far", "Far away", "process"),
]  # fmt: skip
EDGES = [
    ("CHEBI:1", "HGNC:1", "binds", "cytokine"), ("HGNC:1", "CL:1", "activates", "cytokine"),
    ("CL:1", "HGNC:2", "produces", "cytokine"), ("CL:1", "HGNC:4", "produces", "cytokine"),
    ("HGNC:2", "HGNC:3", "binds", "cytokine"), ("HGNC:3", "MESH:1", "causes", "cytokine"),
    ("HGNC:4", "HGNC:5", "binds", "cytokine"), ("HGNC:5", "MESH:2", "causes", "cytokine"),
    ("HGNC:2", "CL:2", "activates", "cytokine"),
    ("NIA:far", "MESH:2", "associated_with", "condition_mechanism"),  # not in the cytokine view
]  # fmt: skip
LESSON = [
    (1, "Infection", "cytokine", "CHEBI:1|HGNC:1"),
    (2, "Macrophages answer", "cytokine", "CL:1|HGNC:2"),
    (3, "Fever", "cytokine", "HGNC:3|MESH:1"),
    (4, "A far process", "cytokine", "NIA:far"),
]


@pytest.fixture(scope="module")
def story() -> Atlas:
    nodes = pd.DataFrame(NODES, columns=["id", "label", "type"])
    edges = pd.DataFrame(EDGES, columns=["source", "target", "relation", "topics"]).assign(
        evidence="established", study_type="human_observational", species="human", references="s1"
    )
    sources = pd.DataFrame({"id": ["s1"], "citation": ["Dantzer R, Kelley KW (2008). Sickness. Nat Rev Neurosci."], "year": ["2008"]})
    lessons = pd.DataFrame(LESSON, columns=["step", "title", "view", "focus"]).assign(lesson="fever", text="Say this.")
    return Atlas.from_frames(nodes, edges, sources, lessons)


def _drawn_ids(fig) -> set[str]:
    """Node ids in the figure's JSON (customdata of the node traces), as the browser receives it."""
    ids = set()
    for trace in json.loads(fig.to_json())["data"]:
        custom = trace.get("customdata")
        if isinstance(custom, list):
            ids |= {c for c in custom if isinstance(c, str)}
    return ids


def _trace_ids(fig, name: str) -> set[str]:
    return {c for t in fig.data if t.name == name for c in t.customdata}


def test_list_lessons(story):
    [info] = list_lessons(story)
    assert (info.key, info.title, info.first_step_title, info.n_steps) == ("fever", "Fever", "Infection", 4)


def test_steps_reveal_progressively(story):
    s1, s2, s4 = (lesson_step(story, "fever", n) for n in (1, 2, 4))
    assert s1.counter == "Step 1 of 4" and s1.title == "Infection" and s1.view == "cytokine"
    assert s1.revealed == ("CHEBI:1", "HGNC:1") and s1.earlier == ()
    assert s1.future == ("CL:1", "HGNC:2", "HGNC:3", "MESH:1", "NIA:far")
    assert s2.focus == ("CL:1", "HGNC:2") and s2.earlier == ("CHEBI:1", "HGNC:1")
    assert set(s2.future) == {"HGNC:3", "MESH:1", "NIA:far"}
    assert s4.future == () and len(s4.revealed) == 7


@pytest.mark.parametrize(("lesson", "step", "error"), [("nope", 1, KeyError), ("fever", 0, ValueError), ("fever", 5, ValueError)])
def test_bad_lesson_or_step(story, lesson, step, error):
    with pytest.raises(error, match="nope|steps 1 to 4"):
        lesson_step(story, lesson, step)


@pytest.mark.parametrize("step", [1, 2, 3, 4])
@pytest.mark.parametrize("scope", ["lesson", "view"])
def test_every_revealed_focus_node_is_drawn(story, step, scope):
    fig = build_lesson_figure(story, "fever", step, scope=scope)
    assert set(lesson_step(story, "fever", step).revealed) <= _drawn_ids(fig)


def test_focus_drawn_even_when_a_filter_or_the_cap_drops_it(story):
    # NIA:far has no cytokine relation and the filter leaves it nothing; a cap of 2 would drop most nodes
    fig = build_lesson_figure(story, "fever", 4, scope="view", filters=Filters(evidence=("contested",)), max_nodes=2)
    assert set(lesson_step(story, "fever", 4).revealed) <= _drawn_ids(fig)


def test_a_lesson_builds_up_step_by_step(story):
    fig = build_lesson_figure(story, "fever", 2)
    # step 2 draws what steps 1 and 2 introduced; nothing of later steps, not even greyed
    assert {"CHEBI:1", "HGNC:1", "CL:1", "HGNC:2"} <= _drawn_ids(fig)
    assert not _drawn_ids(fig) & {"HGNC:3", "MESH:1", "NIA:far"}
    assert not any(t.name == LATER_TRACE_NAME for t in fig.data)
    labels = {c: t for tr in fig.data if tr.legendgroup == "nodes" and tr.text is not None for c, t in zip(tr.customdata, tr.text)}
    assert labels["HGNC:2"] == "<b>IL-1β</b>" and labels["CL:1"] == "<b>Macrophage</b>"  # this step: bold
    assert labels["HGNC:1"] == "TLR4" and labels["CHEBI:1"] == "LPS"  # earlier steps: labelled, normal
    assert all(labels.values()), "every drawn entity is labelled"
    # on request later steps' entities are placed now, grey
    dimmed = build_lesson_figure(story, "fever", 2, future="dim")
    assert {"HGNC:3", "MESH:1"} <= _trace_ids(dimmed, LATER_TRACE_NAME)
    # the whole-view scope still greys later focus nodes
    assert _trace_ids(build_lesson_figure(story, "fever", 2, scope="view", future="dim"), LATER_TRACE_NAME) == {"HGNC:3", "MESH:1"}


def test_lesson_scope_keeps_nodes_still_between_steps(story):
    def places(step):
        fig = build_lesson_figure(story, "fever", step)
        return {c: (x, y) for t in fig.data if t.legendgroup == "nodes" for c, x, y in zip(t.customdata, t.x, t.y)}

    one, three, four = places(1), places(3), places(4)
    assert one.keys() <= three.keys() <= four.keys() and one.keys() != four.keys()
    assert all(one[k] == four[k] for k in one) and all(three[k] == four[k] for k in three)


def test_presenter_figure_is_bigger(story):
    normal, big = build_lesson_figure(story, "fever", 1), build_lesson_figure(story, "fever", 1, presenter=True)
    assert big.layout.font.size > normal.layout.font.size
    assert max(t.line.width for t in big.data if t.mode == "lines") > max(t.line.width for t in normal.data if t.mode == "lines")


def test_a_slide_for_a_short_projector_keeps_the_picture_and_moves_the_legends_aside(story):
    page, slide = build_lesson_figure(story, "fever", 2), build_lesson_slide(story, "fever", 2)
    assert slide.layout.legend.orientation == "v" and slide.layout.legend2.orientation == "v"
    assert slide.layout.legend.x == 1.0 and slide.layout.margin.r > 100  # beside the plot, in a margin sized for it
    assert not (slide.layout.title.text or "")  # the page's step title names it
    assert slide.layout.height < page.layout.height  # the legends' rows under the plot are gone
    assert slide.layout.meta["story_plot_height"] == page.layout.meta["story_plot_height"]  # the plot keeps its height
    node_ids = lambda f: sorted(c for t in f.data if t.legendgroup == "nodes" and t.customdata is not None for c in t.customdata)  # noqa: E731
    assert node_ids(slide) == node_ids(page)  # the same entities, at the same places
    assert [a.name for a in slide.layout.annotations].count("line_key") == 1


def test_every_shipped_slide_fits_under_720_lines():
    """1280×720 in presenter mode: the chart column starts at the top of the screen (the title is beside it)."""
    from neuroimmune import load_atlas
    from neuroimmune.lessons import lesson_layout
    from tests.conftest import ROOT

    atlas = load_atlas(ROOT / "data")
    tall = []
    for info in list_lessons(atlas):
        layout = lesson_layout(atlas, info.key)  # the page's: one per lesson
        for n in range(1, info.n_steps + 1):
            h = build_lesson_slide(atlas, info.key, n, layout=layout).layout.height
            if h > 700:
                tall.append((info.key, n, h))
    assert not tall, tall


def test_hide_links_of_a_node(story):
    fig = build_lesson_figure(story, "fever", 2, hide_links_of="HGNC:2")
    arrows = next(t for t in fig.data if t.name == "relations")
    rows = story.edges.loc[list(arrows.customdata)]
    assert "HGNC:2" in _drawn_ids(fig) and not ((rows["source"] == "HGNC:2") | (rows["target"] == "HGNC:2")).any()


def test_lesson_atlas_scope(story):
    step = lesson_step(story, "fever", 1)
    assert len(lesson_atlas(story, step, context=0).nodes) < len(lesson_atlas(story, step, scope="view").nodes)
    with pytest.raises(ValueError, match="scope"):
        lesson_atlas(story, step, scope="everything")


def test_quiz_is_deterministic_and_fair(story):
    quiz = self_test(story, "HGNC:2", n_distractors=2, seed=7)
    assert quiz == self_test(story, "HGNC:2", n_distractors=2, seed=7)
    assert quiz.answer == {"CL:1", "HGNC:3", "CL:2"}
    distractors = set(quiz.options) - quiz.answer
    assert len(distractors) == 2 and "HGNC:2" not in quiz.options
    types = dict(zip(story.nodes["id"], story.nodes["type"]))
    assert {types[d] for d in distractors} <= {"cell", "receptor"}  # same types as the true neighbours
    assert list(quiz.options) == sorted(quiz.options, key=lambda i: story.label(i).lower())


def test_different_seeds_can_differ(story):
    picks = {frozenset(self_test(story, "MESH:2", n_distractors=1, seed=s).options) for s in range(12)}
    assert len(picks) > 1


def test_score_of_a_known_answer(story):
    quiz = self_test(story, "HGNC:2", n_distractors=2, seed=7)
    wrong = next(o for o in quiz.options if o not in quiz.answer)
    result = score(quiz, ["CL:1", "HGNC:3", wrong])
    assert set(result.correct) == {"CL:1", "HGNC:3"} and result.missed == ("CL:2",) and result.wrong == (wrong,)
    assert result.fraction == pytest.approx(2 / 4)
    sentences = {link.sentence for link in result.links}
    assert sentences == {"Macrophage produces IL-1β", "IL-1β binds IL-1R1", "IL-1β activates Microglia"}
    assert all(link.citations == ("Dantzer et al. 2008",) for link in result.links)
    assert score(quiz, sorted(quiz.answer)).fraction == 1.0


def test_quiz_candidates(story):
    sub = story.with_nodes(["HGNC:2", "HGNC:3", "NIA:far"])
    assert quiz_candidates(sub, ["NIA:far", "HGNC:2", "nope"]) == ["HGNC:2"]


def test_score_of_an_empty_quiz():
    assert score(Quiz("a", "A", (), frozenset(), (), 0), []).fraction == 1.0


def test_shipped_lessons_draw_every_revealed_focus(shipped_atlas):
    for info in list_lessons(shipped_atlas):
        for n in range(1, info.n_steps + 1):
            fig = build_lesson_figure(shipped_atlas, info.key, n, presenter=n % 2 == 0)
            assert set(lesson_step(shipped_atlas, info.key, n).revealed) <= _drawn_ids(fig), (info.key, n)
