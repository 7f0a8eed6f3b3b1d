"""The load benchmark's summaries (bench/load.py): pure functions over RSS samples and timed runs."""

from __future__ import annotations

import pytest

from bench.load import _rss_growth, load_targets, p95_windows, recovered_after_s, render_load, rss_by_hundred


def test_rss_growth_starts_once_the_class_has_settled():
    samples = [(0, 0, 100.0), (1, 20, 150.0), (2, 40, 200.0), (3, 240, 210.0)]
    g = _rss_growth(samples, settle_runs=40)
    assert (g["start_mb"], g["end_mb"], g["runs"]) == (200.0, 210.0, 200)
    assert g["growth"] == pytest.approx(0.05)
    assert _rss_growth(samples[:1], 0)["growth"] is None


def test_rss_by_hundred_tells_a_leak_from_a_level():
    leak = [(i, 40 + 10 * i, 300.0 + 0.1 * 10 * i) for i in range(61)]  # +10 MB per 100 runs, for ever
    level = [(i, 40 + 10 * i, min(300.0 + 1.0 * i, 320.0)) for i in range(61)]  # grows, then flat
    a, b = rss_by_hundred(leak, 40), rss_by_hundred(level, 40)
    assert a["per_hundred_mb"] == [10.0] * 6
    assert b["per_hundred_mb"][:2] == [10.0, 10.0] and b["per_hundred_mb"][-3:] == [0.0, 0.0, 0.0]
    assert [n for _, n, _ in b["points"]] == [0, 100, 200, 300, 400, 500, 600]
    assert b["runs"] == 600 and b["growth"] == pytest.approx(20 / 300)
    assert rss_by_hundred([(0, 0, 1.0)], 0) == {"points": [], "per_hundred_mb": []}


def test_the_report_shows_the_long_class_and_judges_rss_on_the_class():
    phase = {"replicas": 1, "sessions": 20, "think_s": 2.0, "runs": 240, "errors": 0, "p50_s": 0.05, "p95_s": 0.2,
             "throughput_runs_per_s": 8.0, "wall_s": 28.0}  # fmt: skip
    report = {
        "plan": {"sessions": 20, "long_runs": 36},
        "phases": [
            {**phase, "phase": "single session", "p95_s": 0.1},
            {**phase, "phase": "class (20 sessions)"},
            {**phase, "phase": "long class (20 sessions)", "p95_s": 9.9},
        ],  # fmt: skip
        "rss": {1: {"start_mb": 300.0, "end_mb": 345.0, "growth": 0.15, "runs": 200, "over_time": [(0, 0, 300.0)]}},
        "rss_long": rss_by_hundred([(i, 40 + 10 * i, 300.0 + i) for i in range(21)], 40),
    }
    targets = {t["target"].split(" (")[0]: t for t in load_targets(report)}
    assert targets["class p95 ≤ 4× single-session p95"]["value"] == "2.00×"  # the long class is not the class
    assert not targets["RSS after warm-up grows ≤ 10 %"]["met"]
    report["targets"] = load_targets(report)
    text = render_load(report)
    assert "A longer class on 1 replica (20 sessions × 36 runs)" in text
    assert "+10.0 MB, +10.0 MB" in text and "| +15.0% | **no** |" in text


# p95 per 2-s window after the kill, as bench/LOAD.md printed them at 18:21 UTC (pre-kill p95 0.10 s): the first
# window is quiet because r2's sessions have not reconnected yet; it is not the recovery.
LOAD_18_21 = [0.09, 0.27, 0.31, 0.14, 0.47, 0.37, 0.22, 0.06, 0.04, 0.04]


def _windows(p95s, runs=10):
    return [{"from_s": 2.0 * i, "runs": runs, "p95_s": v} for i, v in enumerate(p95s)]


def test_recovery_is_when_p95_stays_back_not_its_first_quiet_window():
    assert recovered_after_s(_windows(LOAD_18_21), 0.10) == 14.0
    assert recovered_after_s(_windows(LOAD_18_21[:5]), 0.10) is None  # still queueing when the run ends
    assert recovered_after_s(_windows([0.1, 0.12, 0.14]), 0.10) == 0.0  # never left the band
    empty_tail = _windows(LOAD_18_21) + [{"from_s": 20.0, "runs": 0, "p95_s": float("nan")}]
    assert recovered_after_s(empty_tail, 0.10) == 14.0  # a window without runs says nothing


def test_p95_windows_bins_runs_by_their_start():
    runs = [(10.1, 0.1), (11.9, 0.5), (12.0, 0.2), (15.5, 0.3)]
    w = p95_windows(runs, 10.0, 16.0)
    assert [(x["from_s"], x["runs"]) for x in w] == [(0.0, 2), (2.0, 1), (4.0, 1)]
    assert w[0]["p95_s"] == pytest.approx(0.48)
