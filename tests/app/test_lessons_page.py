"""Lessons page through the real app.py: stepping, focus drawn, URL state, presenter mode, self-test."""

from __future__ import annotations

import base64
import json
import shutil

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from components.lesson_player import step_quiz
from neuroimmune import load_atlas
from neuroimmune.lessons import lesson_atlas, lesson_step, list_lessons
from neuroimmune.text import escape_markdown
from tests.app.conftest import assert_no_exception, make_app
from tests.conftest import OK_BASELINE, ROOT

PAGE = "pages/lessons.py"
SHIPPED = load_atlas(ROOT / "data")


def _lessons_app(monkeypatch, params: dict | None = None) -> AppTest:
    at = make_app(monkeypatch, page=PAGE, params=params)
    assert_no_exception(at)
    return at


def _counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if "Step " in m.value and " of " in m.value)


def _drawn_ids(at: AppTest) -> set[str]:
    """Node ids in the lesson chart's figure JSON, as the browser receives it."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    return {c for trace in spec["data"] for c in (trace.get("customdata") or []) if isinstance(c, str)}


def _revealed(lesson: str, upto: int) -> set[str]:
    rows = SHIPPED.lessons[(SHIPPED.lessons["lesson"] == lesson) & (SHIPPED.lessons["step"] <= upto)]
    return {f for cell in rows["focus"] for f in cell.split("|") if f}


@pytest.mark.parametrize("info", list_lessons(SHIPPED), ids=lambda info: info.key)
def test_every_lesson_steps_to_the_end_drawing_its_focus(monkeypatch, info):
    at = _lessons_app(monkeypatch, {"lesson": info.key})
    assert at.selectbox(key="lesson").value == info.key
    for n in range(1, info.n_steps + 1):
        assert _counter(at) == f"#### Step {n} of {info.n_steps}"
        assert at.query_params["step"] == str(n)
        assert _revealed(info.key, n) <= _drawn_ids(at), (info.key, n)
        assert at.button(key="lesson_next").disabled == (n == info.n_steps)
        if n < info.n_steps:
            at.button(key="lesson_next").click().run()
            assert_no_exception(at)
    at.button(key="lesson_prev").click().run()
    assert _counter(at) == f"#### Step {info.n_steps - 1} of {info.n_steps}"


def test_url_restores_lesson_and_step(monkeypatch):
    at = _lessons_app(monkeypatch, {"lesson": "ms_t_cell_to_lesion", "step": "3"})
    assert at.selectbox(key="lesson").value == "ms_t_cell_to_lesion"
    assert _counter(at) == "#### Step 3 of 5"
    assert at.title[0].value == escape_markdown("Crossing the blood-brain barrier")  # data text is shown literally
    assert "Natalizumab blocks α4-integrin" in " ".join(t.value for t in at.text)


def test_changing_lesson_starts_at_step_one(monkeypatch):
    at = _lessons_app(monkeypatch, {"lesson": "ms_t_cell_to_lesion", "step": "4"})
    at.selectbox(key="lesson").set_value("gut_brain_route").run()
    assert_no_exception(at)
    assert _counter(at) == "#### Step 1 of 5" and at.query_params["lesson"] == "gut_brain_route"


@pytest.mark.parametrize(
    ("params", "counter"),
    [({"lesson": "nope", "step": "2"}, "#### Step 2 of 5"), ({"step": "99"}, "#### Step 5 of 5"), ({"step": "x"}, "#### Step 1 of 5")],
)
def test_bad_url_values_fall_back(monkeypatch, params, counter):
    at = _lessons_app(monkeypatch, params)
    assert at.selectbox(key="lesson").value == list_lessons(SHIPPED)[0].key and _counter(at) == counter


def test_presenter_mode_keeps_only_previous_and_next(monkeypatch):
    at = _lessons_app(monkeypatch, {"lesson": "sickness_behaviour", "step": "2", "present": "1"})
    assert at.toggle(key="presenter").value is True
    assert not [s for s in at.selectbox if s.key == "lesson"] and not at.expander  # no picker, no exports, no self-test
    assert {b.key for b in at.button} == {"lesson_prev", "lesson_next"}
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert spec["layout"]["font"]["size"] >= 22 and spec["layout"]["height"] >= 900
    at.button(key="lesson_next").click().run()
    assert _counter(at) == "#### Step 3 of 5" and at.query_params["present"] == "1"
    at.toggle(key="presenter").set_value(False).run()
    assert_no_exception(at)
    assert "present" not in at.query_params and at.selectbox(key="lesson").value == "sickness_behaviour"


def test_presenter_toggle_writes_the_url(monkeypatch):
    at = _lessons_app(monkeypatch, {"lesson": "sickness_behaviour"})
    at.toggle(key="presenter").set_value(True).run()
    assert_no_exception(at)
    assert at.query_params["present"] == "1" and {b.key for b in at.button} == {"lesson_prev", "lesson_next"}


def test_self_test_hides_links_then_scores_a_known_answer(monkeypatch):
    at = _lessons_app(monkeypatch, {"lesson": "sickness_behaviour", "step": "2"})
    node = "HGNC:5992"  # IL-1β, focus of step 2
    arrows_before = _arrow_count(at)
    at.selectbox(key="quiz_node").set_value(node).run()
    assert_no_exception(at)
    assert _arrow_count(at) < arrows_before  # its links are hidden while the student thinks
    options = at.multiselect(key="quiz_answer").options
    quiz = _page_quiz(node)
    truth = sorted(quiz.answer)
    wrong = next(o for o in quiz.options if o not in quiz.answer)
    assert len(options) == len(quiz.options)
    at.multiselect(key="quiz_answer").set_value([*truth[:-1], wrong]).run()
    at.button(key="quiz_check").click().run()
    assert_no_exception(at)
    expected = (len(truth) - 1) / (len(truth) + 1)
    assert at.metric[0].value == f"{expected:.0%}"
    links = next(d.value for d in at.dataframe if "citations" in d.value.columns)
    assert len(links) == len(quiz.links) and (links["citations"] != "").all()
    assert set(links["you"]) == {"found", "missed"}
    assert _arrow_count(at) == arrows_before  # checking reveals the links again


def _arrow_count(at: AppTest) -> int:
    """Points in the arrowhead trace (one per drawn relation); plotly ships them as base64 float32."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    x = next(t for t in spec["data"] if t.get("name") == "relations")["x"]
    return len(x) if isinstance(x, list) else len(base64.b64decode(x["bdata"])) // np.dtype(x["dtype"]).itemsize


def _page_quiz(node: str):
    """The quiz the page builds for step 2 of sickness_behaviour."""
    step = lesson_step(SHIPPED, "sickness_behaviour", 2)
    return step_quiz(lesson_atlas(SHIPPED, step), step, node)


def test_atlas_without_lessons(monkeypatch, tmp_path):
    shutil.copytree(OK_BASELINE, tmp_path / "a", ignore=shutil.ignore_patterns("EXPECT", "lessons.csv"))
    at = make_app(monkeypatch, tmp_path / "a", page=PAGE)
    assert_no_exception(at)
    assert "no lessons" in at.info[0].value


def test_presenter_mode_sends_both_slides_and_the_laptop_one_chart(monkeypatch):
    """The projector's screen picks the slide (a CSS media query): 1920×1080 gets legends below, smaller screens
    the slide with its legends beside the plot. Both are sent; the laptop page draws one chart."""
    at = _lessons_app(monkeypatch, {"lesson": "stress_hpa", "step": "3", "present": "1"})
    specs = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(specs) == 2
    large, slide = (s["layout"] for s in specs)
    assert large["legend"]["orientation"] == "h" and slide["legend"]["orientation"] == "v"
    assert slide["height"] <= 700 < large["height"]
    assert not large.get("title", {}).get("text") and not slide.get("title", {}).get("text")  # the step title is beside them
    names = [c.proto.alt for c in at.get("plotly_chart")]
    assert len(names) == 2 and all("Step 3 of 5" in n and "text description" in n for n in names), names
    laptop = _lessons_app(monkeypatch, {"lesson": "stress_hpa", "step": "3"})
    assert len(laptop.get("plotly_chart")) == 1
