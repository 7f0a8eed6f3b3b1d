"""The lessons page on an atlas with lesson_layout.csv: every step drawn at the curator's positions, on a laptop and a projector."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from neuroimmune import load_atlas
from neuroimmune.lessons import lesson_layout
from tests.app.conftest import assert_no_exception, make_app
from tests.conftest import BAD_INPUTS

PAGE = "pages/lessons.py"
DATA = BAD_INPUTS / "ok_with_lesson_layout"


def _values(v) -> list[float]:
    """A coordinate array from the chart spec: a list, or plotly's base64 typed array."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype=v["dtype"]).astype(float).tolist()
    return [float(x) for x in v]


def _places(at) -> dict[str, tuple[float, float]]:
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    out = {}
    for trace in spec["data"]:
        if trace.get("legendgroup") != "nodes":
            continue
        out.update({c: (x, y) for c, x, y in zip(trace["customdata"], _values(trace["x"]), _values(trace["y"]))})
    return out


@pytest.mark.parametrize("presenter", [False, True], ids=["laptop", "presenter"])
def test_lessons_page_draws_the_hand_laid_positions(monkeypatch, presenter):
    params = {"lesson": "sickness", **({"present": "1"} if presenter else {})}
    at = make_app(monkeypatch, DATA, page=PAGE, params=params)
    assert_no_exception(at)
    layout = lesson_layout(load_atlas(DATA), "sickness", filters=None, presenter=presenter).positions.set_index("id")
    seen = []
    for n in (1, 2):
        places = _places(at)
        seen.append(places)
        for node, (x, y) in places.items():
            assert x - 2 == pytest.approx(float(layout.at[node, "x"]), abs=1e-3) and y - 2 == pytest.approx(
                float(layout.at[node, "y"]), abs=1e-3
            )
        if n == 1:
            at.button(key="lesson_next").click().run()
            assert_no_exception(at)
    assert {"HGNC:5992", "NIA:sickness_behaviour", "MESH:D003865"} <= seen[-1].keys()
    assert all(seen[0][k] == seen[1][k] for k in seen[0])  # nothing moves between steps
    # left to right as the curator put them: IL-1β (0.1), sickness behaviour (0.5), depression (0.9)
    xs = [seen[-1][k][0] for k in ("HGNC:5992", "NIA:sickness_behaviour", "MESH:D003865")]
    assert xs == sorted(xs)
