"""Atlas.filter keeps its newest results (an atlas never mutates); the evidence key lookup agrees with MultiIndex."""

from __future__ import annotations

import numpy as np
import pandas as pd

from neuroimmune import Atlas, Filters
from neuroimmune.atlas import FILTER_MEMO, _key_index, _key_isin
from neuroimmune.synthetic import synthetic_frames


def _atlas() -> Atlas:
    return Atlas.from_frames(**synthetic_frames(40, 160, seed=1))


def test_same_filters_give_the_same_object_and_a_bounded_memo():
    atlas = _atlas()
    first = atlas.filter(Filters(evidence=("established",)), view="gut_brain")
    assert atlas.filter(Filters(evidence=("established",)), view="gut_brain") is first
    assert atlas.filter(Filters(evidence=("supported",)), view="gut_brain") is not first
    assert atlas.filter(Filters(evidence=("established",)), view="cytokine") is not first
    for i in range(FILTER_MEMO + 5):
        atlas.filter(Filters(evidence=("established",)), view="gut_brain")  # kept as the newest
        atlas.filter(Filters(topics=("cytokine",), human_evidence=bool(i % 2), species=("human",) * (i + 1)))
    assert len(atlas._filter_memo) == FILTER_MEMO
    assert atlas.filter(Filters(evidence=("established",)), view="gut_brain") is first


def test_memoised_result_equals_a_fresh_filter_and_lists_still_work():
    atlas = _atlas()
    memo = atlas.filter(Filters(evidence=("established", "supported")))
    fresh = _atlas().filter(Filters(evidence=("established", "supported")))
    pd.testing.assert_frame_equal(memo.edges, fresh.edges)
    listed = atlas.filter(Filters(evidence=["established", "supported"]))  # unhashable: computed, not kept
    pd.testing.assert_frame_equal(listed.edges, memo.edges)


def test_a_pickled_atlas_carries_no_memo():
    import pickle

    atlas = _atlas()
    atlas.filter(Filters(evidence=("established",)))
    copy = pickle.loads(pickle.dumps(atlas))
    assert "_filter_memo" not in copy.__dict__
    pd.testing.assert_frame_equal(
        copy.filter(Filters(evidence=("established",))).edges, atlas.filter(Filters(evidence=("established",))).edges
    )


def test_key_isin_agrees_with_multiindex():
    atlas = _atlas()
    rng = np.random.default_rng(0)
    for _ in range(5):
        other = atlas.edges.sample(frac=rng.uniform(0.1, 0.9), random_state=int(rng.integers(1000)))
        expected = _key_index(atlas.edges).isin(_key_index(other))
        assert (_key_isin(atlas.edges, other) == expected).all()
    assert not _key_isin(atlas.edges, atlas.edges.iloc[:0]).any()
    assert _key_isin(atlas.edges.iloc[:0], atlas.edges).shape == (0,)
