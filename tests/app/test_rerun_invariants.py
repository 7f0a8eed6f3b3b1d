"""What keeps reruns cheap: a layout is computed once per dataset and view, never again on a rerun."""

from __future__ import annotations

import streamlit as st

import neuroimmune.views as views
from tests.app.conftest import assert_no_exception, make_app


def test_layout_not_recomputed_on_filter_changes(monkeypatch, synthetic_10k):
    calls: list[str] = []
    real = views.layout_for_view

    def counting(atlas, view, **kwargs):
        calls.append(view)
        return real(atlas, view, **kwargs)

    monkeypatch.setattr(views, "layout_for_view", counting)
    st.cache_resource.clear()
    at = make_app(monkeypatch, synthetic_10k, page="pages/gut_brain.py", params={"all": "1"})  # show everything
    assert_no_exception(at)
    assert calls.count("gut_brain") == 1
    for choice in (["established"], ["established", "supported"], []):
        at.multiselect(key="filter_evidence").set_value(choice).run()
        assert_no_exception(at)
    at.multiselect(key="filter_species").set_value(["mouse"]).run()
    assert_no_exception(at)
    assert calls.count("gut_brain") == 1, calls


def test_second_session_reuses_the_shared_layout(monkeypatch, synthetic_10k):
    calls: list[str] = []
    real = views.layout_for_view
    monkeypatch.setattr(views, "layout_for_view", lambda atlas, view, **kw: calls.append(view) or real(atlas, view, **kw))
    st.cache_resource.clear()
    make_app(monkeypatch, synthetic_10k, page="pages/gut_brain.py", params={"all": "1"})
    make_app(monkeypatch, synthetic_10k, page="pages/gut_brain.py", params={"all": "1"})  # another user, same shipped data
    assert calls.count("gut_brain") == 1


def test_story_layout_once_per_state_and_shared_between_sessions(monkeypatch, synthetic_10k):
    import components.story_view as story_view

    calls: list[str] = []
    real = story_view.story_layout
    monkeypatch.setattr(story_view, "story_layout", lambda sub, view, *a, **kw: calls.append(view) or real(sub, view, *a, **kw))
    st.cache_resource.clear()
    at = make_app(monkeypatch, synthetic_10k, page="pages/gut_brain.py")
    assert_no_exception(at)
    assert calls == ["gut_brain"]
    at.run()  # a plain rerun (e.g. a click elsewhere) lays nothing out
    at.toggle(key="gb_bbb_disrupted").set_value(True).run()
    at.toggle(key="gb_bbb_disrupted").set_value(False).run()  # back to a story already laid out
    make_app(monkeypatch, synthetic_10k, page="pages/gut_brain.py")  # another user, same shipped data
    assert calls.count("gut_brain") <= 2, calls
