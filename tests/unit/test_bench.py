"""The benchmark runs end to end on a tiny size and judges its targets correctly (nothing is timed here)."""

from __future__ import annotations

import pytest

from neuroimmune.bench import SizeResult, render_markdown, run_bench, targets


def _result(edges, **kw):
    base = dict(
        edges=edges,
        nodes=edges // 10,
        export_json_total_s=1.0,
        rerun_after_filter_s=0.1,
        bytes_per_edge=50.0,
        traces=28,
        app_peak_rss_mb=300.0,
    )
    base.update(kw)
    return SizeResult(**base)


def test_targets_met_and_missed():
    ok = [
        _result(1_000),
        _result(10_000, speedup_layout_plus_figure=25.0),
        _result(100_000, export_json_total_s=3.0, rerun_after_filter_s=0.25),
    ]
    assert all(t["met"] for t in targets(ok))
    assert len(targets(ok)) == 6
    bad = [
        _result(1_000),
        _result(10_000, speedup_layout_plus_figure=5.0),
        _result(100_000, export_json_total_s=20.0, rerun_after_filter_s=0.5, bytes_per_edge=80.0, traces=31, app_peak_rss_mb=4096.0),
    ]
    assert not any(t["met"] for t in targets(bad))


@pytest.mark.slow
def test_bench_runs_on_a_tiny_atlas():
    report = run_bench((300,), app=False, baseline_limit=60)
    (r,) = report["results"]
    assert r["edges"] == 300 and r["traces"] <= 30 and r["figure_json_bytes"] > 0
    assert r["baseline_layout_s"] is not None, r["baseline_note"]
    assert r["notes"] == []
    md = render_markdown(report)
    assert "| 300 |" in md and report["machine"]["cpus"] >= 1
