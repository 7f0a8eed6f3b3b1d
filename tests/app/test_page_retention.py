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


def _page_namespaces(path: str) -> list[dict]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, dict) and o.get("__file__") == path and "__builtins__" in o]


@pytest.mark.parametrize("page", PAGES)
def test_a_finished_run_keeps_no_page_globals(monkeypatch, page):
    path = str(ROOT / "pages" / f"{page}.py")
    assert not _page_namespaces(path), "a namespace of this page survived an earlier test"
    at = make_app(monkeypatch, page=f"pages/{page}.py")
    assert_no_exception(at)
    at.run()  # a rerun: the first run's fragments and widgets are replaced, not added to
    assert_no_exception(at)
    kept = _page_namespaces(path)
    holders = sorted({type(r).__name__ for ns in kept for r in gc.get_referrers(ns) if r is not kept})
    assert not kept, f"{len(kept)} run(s) of pages/{page}.py still reachable after the run, held by: {holders}"
    del at
