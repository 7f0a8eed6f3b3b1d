"""Force views (the home cloud, the explorer's Show everything): labels placed so none overlaps or leaves the chart.

Label boxes are estimated here on their own, from the figure as the browser receives it: Arial advance widths at
each trace's font size, placed around the marker as Plotly's ``textPointPosition`` does, in the pixel space of the
narrowest plot area (a 1280×720 screen with the sidebar open) and of a wider one.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from neuroimmune.figures import network
from neuroimmune.figures.network import FIGURE_OFFSET, FORCE_PLOT_WIDTH_PX
from neuroimmune.label_layout import text_width
from neuroimmune.views import VIEW_SPECS, build_view, layout_for_view

PAD = 0.06  # the axes span [-PAD, 1 + PAD] around the layout's [0, 1]
#: (view, build_view options): the home cloud and the explorer's Show everything at 1, 2 and 3 steps
CASES = {
    "overview": ("overview", {}),
    "explorer_il1b_k1": ("explorer", {"focus": ["HGNC:5992"], "k": 1}),
    "explorer_il1b_k2": ("explorer", {"focus": ["HGNC:5992"], "k": 2}),
    "explorer_il1b_k3": ("explorer", {"focus": ["HGNC:5992"], "k": 3}),
    "explorer_il6_k2": ("explorer", {"focus": ["HGNC:6018"], "k": 2}),
}


@pytest.fixture(scope="module")
def overview_positions(shipped_atlas):
    return layout_for_view(shipped_atlas, "overview")


def _each(value, n):
    return list(value) if isinstance(value, list | tuple | np.ndarray) else [value] * n


def label_boxes(fig, view: str, plot_width: float) -> tuple[list[dict], tuple[float, float]]:
    """Every drawn label's box in px (y down) for a plot area ``plot_width`` px wide, and the axes' px extent."""
    aspect = VIEW_SPECS[view].aspect
    plot_height = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    scale = min(plot_width / (1 + 2 * PAD), plot_height / ((1 + 2 * PAD) * aspect))  # y is locked to aspect × x
    sx, sy = scale, scale * aspect
    boxes = []
    for trace in fig.data:
        if trace.legendgroup != "nodes" or trace.text is None or "text" not in (trace.mode or ""):
            continue
        n = len(trace.x)
        positions, fonts, sizes = _each(trace.textposition, n), _each(trace.textfont.size, n), _each(trace.marker.size, n)
        for node, x, y, text, pos, font, size in zip(trace.customdata, trace.x, trace.y, trace.text, positions, fonts, sizes):
            if not text:
                continue
            cx, cy = (float(x) - FIGURE_OFFSET + PAD) * sx, (1 + PAD - (float(y) - FIGURE_OFFSET)) * sy
            r = float(size) / 1.6 + 1  # Plotly: text sits marker radius / 0.8 + 1 px from the marker's centre
            w = text_width(text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"), float(font))
            x0 = cx - w / 2 if "center" in pos else cx + r if "right" in pos else cx - r - w
            baseline = cy + 0.75 * font + (-r - font if "top" in pos else r if "bottom" in pos else -0.5 * font)
            boxes.append({"id": node, "text": text, "x0": x0, "x1": x0 + w, "y0": baseline - 0.905 * font, "y1": baseline + 0.212 * font})
    return boxes, ((1 + 2 * PAD) * sx, (1 + 2 * PAD) * sy)


def overlapping(boxes: list[dict], share: float = 0.25) -> list[tuple[str, str]]:
    """Pairs overlapping by more than ``share`` of the smaller box (the browser test's rule)."""
    out = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            h = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
            if w > 0 and h > 0:
                smaller = min((a["x1"] - a["x0"]) * (a["y1"] - a["y0"]), (b["x1"] - b["x0"]) * (b["y1"] - b["y0"]))
                if w * h > share * smaller:
                    out.append((a["text"], b["text"]))
    return out


def outside(boxes: list[dict], extent: tuple[float, float]) -> list[str]:
    return [b["text"] for b in boxes if b["x0"] < -0.5 or b["y0"] < -0.5 or b["x1"] > extent[0] + 0.5 or b["y1"] > extent[1] + 0.5]


@pytest.mark.parametrize("case", list(CASES))
def test_force_view_labels_neither_overlap_nor_leave_the_chart(shipped_atlas, overview_positions, case):
    view, options = CASES[case]
    fig, drawn, _ = build_view(shipped_atlas, view, positions=overview_positions, **options)
    for width in (FORCE_PLOT_WIDTH_PX, 880.0):  # the plot area at 1280×720 and at 1600×1000
        boxes, extent = label_boxes(fig, view, width)
        assert len(boxes) >= min(15, len(drawn.nodes)), f"{case}: only {len(boxes)} labels"
        assert not overlapping(boxes, share=0.0), f"{case} at {width:.0f} px: {overlapping(boxes, share=0.0)}"
        assert not outside(boxes, extent), f"{case} at {width:.0f} px: {outside(boxes, extent)}"
    labelled = {b["id"] for b in boxes}
    assert set(options.get("focus", ())) <= labelled  # the highlighted entity keeps its label


def test_labels_used_to_overlap(shipped_atlas, overview_positions, monkeypatch):
    """Before the pass (the degree-greedy choice with an assumed 800 px chart) the same views overprinted labels."""
    old = network.build_network_figure

    def without_pass(*args, **kwargs):
        kwargs["separate_labels"] = False
        return old(*args, **kwargs)

    monkeypatch.setattr("neuroimmune.views.build_network_figure", without_pass)
    counts = {}
    for case in ("overview", "explorer_il1b_k2", "explorer_il1b_k3", "explorer_il6_k2"):
        view, options = CASES[case]
        fig, _, _ = build_view(shipped_atlas, view, positions=overview_positions, **options)
        boxes, extent = label_boxes(fig, view, FORCE_PLOT_WIDTH_PX)
        counts[case] = (len(overlapping(boxes)), len(outside(boxes, extent)))
    assert sum(o for o, _ in counts.values()) > 0, counts


def test_the_label_pass_is_cheap_and_deterministic(shipped_atlas, overview_positions, monkeypatch):
    spent = []
    place = network._place_labels

    def timed(*args, **kwargs):
        start = time.perf_counter()
        out = place(*args, **kwargs)
        spent.append(time.perf_counter() - start)
        return out

    monkeypatch.setattr(network, "_place_labels", timed)
    figs = [build_view(shipped_atlas, "overview", positions=overview_positions).figure for _ in range(5)]
    assert min(spent) < 0.030, f"label pass took {min(spent) * 1000:.1f} ms (best of 5) for the whole atlas"
    assert all(f.to_json() == figs[0].to_json() for f in figs[1:])


def test_markers_never_move(shipped_atlas, overview_positions):
    fig, drawn, _ = build_view(shipped_atlas, "overview", positions=overview_positions)
    at = overview_positions.set_index("id")
    for trace in fig.data:
        if trace.legendgroup == "nodes":
            for node, x, y in zip(trace.customdata, trace.x, trace.y):
                assert float(x) - FIGURE_OFFSET == pytest.approx(float(at.at[node, "x"]), abs=1e-3)
                assert float(y) - FIGURE_OFFSET == pytest.approx(float(at.at[node, "y"]), abs=1e-3)
