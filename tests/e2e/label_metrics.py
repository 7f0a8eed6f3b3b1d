"""Measure a rendered network chart's labels in the browser: unlabelled entities, overlaps, cut labels, small type."""

from __future__ import annotations

# Reads the rendered SVG: each node trace's markers (entities) and its text elements (labels),
# with their on-screen boxes (getBoundingClientRect) and computed font size.
MEASURE_JS = """
(gd) => {
  const chart = gd.getBoundingClientRect();
  const entities = [], labels = [];
  gd.querySelectorAll('.scatterlayer .trace').forEach(el => {
    const d = el.__data__ && el.__data__[0];
    const t = d && d.trace;
    if (!t || t.legendgroup !== 'nodes' || !t.customdata || t.visible !== true) return;
    el.querySelectorAll('.points path.point').forEach((p, i) => entities.push(String(t.customdata[i])));
    el.querySelectorAll('.textpoint text').forEach(tx => {
      const r = tx.getBoundingClientRect();
      const text = (tx.textContent || '').trim();
      if (!text) return;
      labels.push({text, left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                   size: parseFloat(getComputedStyle(tx).fontSize)});
    });
  });
  return {chart: {left: chart.left, top: chart.top, right: chart.right, bottom: chart.bottom}, entities, labels};
}
"""


def overlaps(labels: list[dict], *, share: float = 0.25) -> list[tuple[str, str]]:
    """Label pairs whose boxes overlap by more than ``share`` of the smaller box's area."""
    out = []
    for i, a in enumerate(labels):
        for b in labels[i + 1 :]:
            w = min(a["right"], b["right"]) - max(a["left"], b["left"])
            h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if w <= 0 or h <= 0:
                continue
            smaller = min((a["right"] - a["left"]) * (a["bottom"] - a["top"]), (b["right"] - b["left"]) * (b["bottom"] - b["top"]))
            if w * h > share * smaller:
                out.append((a["text"], b["text"]))
    return out


def cut(labels: list[dict], chart: dict, tol: float = 1.0) -> list[str]:
    """Labels reaching outside the chart."""
    return [
        lb["text"]
        for lb in labels
        if lb["left"] < chart["left"] - tol or lb["right"] > chart["right"] + tol or lb["top"] < chart["top"] - tol
        or lb["bottom"] > chart["bottom"] + tol
    ]  # fmt: skip


def summary(measured: dict, floor: float) -> dict:
    """Counts per rule: entities drawn, unlabelled, overlapping pairs, cut labels, labels under ``floor`` px."""
    labels = measured["labels"]
    return {
        "entities": len(measured["entities"]),
        "unlabelled": max(len(measured["entities"]) - len(labels), 0),
        "overlaps": overlaps(labels),
        "touching": overlaps(labels, share=0.0),
        "cut": cut(labels, measured["chart"]),
        "small": [lb["text"] for lb in labels if lb["size"] < floor],
    }
