"""Figures are built once and shared by every session of the shipped atlas; an upload never enters the shared cache."""

from __future__ import annotations

import functools

import pytest

import components.cache as cache
import components.story_view as story_view
import neuroimmune.views as views
from neuroimmune import Filters, load_atlas
from neuroimmune.defaults import StoryPlan
from neuroimmune.synthetic import write_synthetic
from tests.app.conftest import assert_no_exception, make_app


def _own_atlas_session(monkeypatch, tmp_path):
    """A session that loaded its own (synthetic) atlas, on the gut–brain page."""
    mine = load_atlas(write_synthetic(tmp_path / "mine", 60, 150, 3))
    own = make_app(monkeypatch)
    own.session_state["user_atlas"] = mine
    own.session_state["user_atlas_name"] = "mine"
    own.switch_page("pages/gut_brain.py").run()
    assert_no_exception(own)
    return mine, own


@pytest.fixture
def counted(monkeypatch):
    """Count figure builds (the whole view, and the story view pages open on) and record every atlas version the
    shared cache sees."""
    calls, shared_versions = [], []

    def counting(original):
        @functools.wraps(original)
        def build(*args, **kwargs):
            calls.append(args[1])
            return original(*args, **kwargs)

        return build

    real_shared = cache._shared_build

    def shared(key, fn, args, kwargs):
        shared_versions.extend(a.version for a in args if hasattr(a, "version"))
        return real_shared(key, fn, args, kwargs)

    monkeypatch.setattr(views, "build_view", counting(views.build_view))
    monkeypatch.setattr(story_view, "build_default_view", counting(story_view.build_default_view))
    monkeypatch.setattr(cache, "_shared_build", shared)
    real_shared.clear()
    return calls, shared_versions


def test_two_sessions_share_one_build_and_an_upload_stays_private(monkeypatch, counted, tmp_path):
    calls, shared_versions = counted
    first = make_app(monkeypatch, page="pages/gut_brain.py")
    assert_no_exception(first)
    built = len(calls)
    assert built >= 1
    second = make_app(monkeypatch, page="pages/gut_brain.py")  # another student, same link
    assert_no_exception(second)
    assert len(calls) == built, "the second session rebuilt a figure the first had built"

    mine, own = _own_atlas_session(monkeypatch, tmp_path)
    assert len(calls) == built + 1  # built for this session …
    own.run()
    assert len(calls) == built + 1  # … once
    assert mine.version not in shared_versions, "an uploaded atlas reached the cache shared by every session"


def test_call_key_tells_sub_atlases_and_arguments_apart(shipped_atlas):
    from neuroimmune import Filters

    a = shipped_atlas.filter(Filters(evidence=("established",)))
    b = shipped_atlas.filter(Filters(evidence=("supported",)))
    key = lambda *args, **kw: cache.call_key(views.build_view, args, kw)  # noqa: E731
    assert key(a, "gut_brain") == key(shipped_atlas.filter(Filters(evidence=("established",))), "gut_brain")
    assert key(a, "gut_brain") != key(b, "gut_brain")
    assert key(a, "gut_brain") != key(a, "overview")
    assert key(a, "gut_brain", focus=["x"]) != key(a, "gut_brain", focus=["y"])
    with pytest.raises(TypeError, match="cannot key"):
        key(a, object())


@pytest.mark.parametrize("page", ["pages/gut_brain.py", "pages/cytokines.py", "pages/conditions.py", "pages/explorer.py"])
def test_a_rerun_plans_no_story_again(monkeypatch, page):
    """The story a page opens on (its sub-atlas, ids and growth) is planned once per state, then shared:
    a rerun or another session with the same link never plans it again."""
    import neuroimmune.defaults as defaults
    import neuroimmune.story as story

    plans, growths = [], []
    real_plan, real_grow = defaults.story_plan, story_view.grow_story
    monkeypatch.setattr(defaults, "story_plan", lambda *a, **k: plans.append(a[1]) or real_plan(*a, **k))
    monkeypatch.setattr(story_view, "grow_story", lambda *a, **k: growths.append(1) or real_grow(*a, **k))
    cache._shared_value.clear()
    first = make_app(monkeypatch, page=page)
    assert_no_exception(first)
    assert len(plans) == 1 and len(growths) == 1, (plans, growths)
    first.run()
    make_app(monkeypatch, page=page)  # another student, same link
    assert len(plans) == 1 and len(growths) == 1, "a rerun planned the story again"
    assert story.grow_story is real_grow  # only the page's view of it was counted


def test_shared_value_hands_out_one_object_and_an_upload_keeps_its_own(monkeypatch, tmp_path):
    from neuroimmune.defaults import story_plan

    cache._shared_value.clear()
    app = make_app(monkeypatch, page="pages/gut_brain.py")
    assert_no_exception(app)
    mine, own = _own_atlas_session(monkeypatch, tmp_path)
    values = own.session_state["_private_values"]
    assert any(isinstance(v, type(story_plan(mine, "gut_brain"))) and v.sub.version == mine.version for v in values.values())


def test_a_remembered_value_keys_like_a_fresh_equal_one_and_hashes_once(shipped_atlas, monkeypatch):
    import pandas as pd

    frame = pd.DataFrame({"id": ["a", "b"], "x": [0.1, 0.2]})
    key = lambda *args: cache.call_key(views.build_view, args, {})  # noqa: E731
    before = key(shipped_atlas, frame)
    assert cache.remember_digest(frame) is frame
    hashed = []
    real = pd.util.hash_pandas_object
    monkeypatch.setattr(pd.util, "hash_pandas_object", lambda *a, **k: hashed.append(1) or real(*a, **k))
    assert key(shipped_atlas, frame) == before  # remembered: the same key, not hashed again
    assert not hashed
    assert key(shipped_atlas, frame.copy()) == before  # an equal fresh frame: hashed, same key
    assert hashed
    assert key(shipped_atlas, frame.assign(x=[0.1, 0.3])) != before


def test_a_shared_atlas_is_keyed_by_its_rows_without_hashing_its_frames(shipped_atlas, monkeypatch):
    import pandas as pd

    hashed = []
    real = pd.util.hash_pandas_object
    monkeypatch.setattr(pd.util, "hash_pandas_object", lambda *a, **k: hashed.append(1) or real(*a, **k))
    sub = shipped_atlas.filter(Filters(evidence=("established",)))
    plan = StoryPlan("gut_brain", sub, ["a"], "t", [])
    assert cache._remember_parts(plan) is plan and cache._remember_parts(sub) is sub
    assert not hashed, "an atlas's nodes/edges frames were content-hashed"
    key = cache.call_key(views.build_view, (sub,), {})
    assert key == cache.call_key(views.build_view, (shipped_atlas.filter(Filters(evidence=("established",))),), {})
    assert key != cache.call_key(views.build_view, (shipped_atlas,), {})
    assert not hashed
