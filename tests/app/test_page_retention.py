"""A session must not keep a page run's globals alive after the run (issue 15: server memory under a class).

Streamlit keeps a session's fragments (and widgets' ``format_func``) between runs. A function defined in a page
script carries that script's globals — every figure and sub-atlas the run built — so twenty students on a page kept
twenty copies of them. The pages' fragments live in ``components/page_fragments.py`` and widgets get label lookups,
so once a run is over nothing reachable holds the page's namespace.
"""

from __future__ import annotations

import gc

import pytest

from tests.app.conftest import assert_no_exception, make_app
from tests.conftest import ROOT

PAGES = ["home", "gut_brain", "cytokines", "conditions", "explorer", "compare", "lessons", "data"]
IL1B, MDD, MS = "HGNC:5992", "MESH:D003865", "MESH:D009103"


def _open_quiz(at):
    """Lessons, step 2 of sickness behaviour: the self-test on IL-1β, answered and checked."""
    at.selectbox(key="quiz_node").set_value(IL1B).run()
    at.multiselect(key="quiz_answer").set_value(at.multiselect(key="quiz_answer").options[:2]).run()
    at.button(key="quiz_check").click().run()
    assert at.metric, "the checked quiz shows its score"


def _human_only(at):
    """The sidebar's human-evidence filter, switched on: a new sub-atlas and figure."""
    at.checkbox(key="filter_human_evidence").check().run()
    assert at.checkbox(key="filter_human_evidence").value


def _shows(text):
    def check(at):
        shown = " ".join(str(e.value) for kind in ("subheader", "markdown", "caption", "header") for e in at.get(kind))
        assert text in shown, f"{text!r} not on the page"

    return check


#: Pages in states other than their default: (page, URL params, what the user does next).
STATES = {
    "explorer path search": ("explorer", {"entity": IL1B, "target": MDD, "k": "2"}, _shows("is connected to")),
    "explorer everything, card open": ("explorer", {"entity": IL1B, "focus": IL1B, "all": "1"}, None),
    "lessons quiz checked": ("lessons", {"lesson": "sickness_behaviour", "step": "2"}, _open_quiz),
    "lessons presenter": ("lessons", {"lesson": "sickness_behaviour", "step": "3", "present": "1"}, None),
    "conditions one condition, everything": ("conditions", {"condition": MDD, "groups": "psychiatric", "all": "1"}, None),
    "cytokines card open": ("cytokines", {"focus": IL1B}, None),
    "compare two conditions": ("compare", {"a": MS, "b": MDD}, None),
    "gut_brain human evidence only": ("gut_brain", {}, _human_only),
}


def _page_namespaces(path: str) -> list[dict]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, dict) and o.get("__file__") == path and "__builtins__" in o]


def _assert_no_page_globals(path: str) -> None:
    kept = _page_namespaces(path)
    holders = sorted({type(r).__name__ for ns in kept for r in gc.get_referrers(ns) if r is not kept})
    assert not kept, f"{len(kept)} run(s) of {path} still reachable after the run, held by: {holders}"


@pytest.mark.parametrize("page", PAGES)
def test_a_finished_run_keeps_no_page_globals(monkeypatch, page):
    path = str(ROOT / "pages" / f"{page}.py")
    assert not _page_namespaces(path), "a namespace of this page survived an earlier test"
    at = make_app(monkeypatch, page=f"pages/{page}.py")
    assert_no_exception(at)
    at.run()  # a rerun: the first run's fragments and widgets are replaced, not added to
    assert_no_exception(at)
    _assert_no_page_globals(path)


@pytest.mark.parametrize("state", STATES)
def test_a_page_in_another_state_keeps_no_page_globals(monkeypatch, state):
    """The same after a path search, an open card, a checked quiz, presenter mode, a filter change…"""
    page, params, action = STATES[state]
    path = str(ROOT / "pages" / f"{page}.py")
    assert not _page_namespaces(path), "a namespace of this page survived an earlier test"
    at = make_app(monkeypatch, page=f"pages/{page}.py", params=params)
    assert_no_exception(at)
    if action is not None:
        action(at)
        assert_no_exception(at)
    at.run()
    assert_no_exception(at)
    _assert_no_page_globals(path)
