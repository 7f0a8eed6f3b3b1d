"""The load test at a small size (bench/load.py): 1 and 2 replicas behind nginx, no errors; a killed replica's sessions fail over."""

from __future__ import annotations

import pytest

from bench.load import LoadPlan, run_load, run_load_bench
from neuroimmune.serve import Cluster, free_port
from tests.e2e.test_serve_browser import require_nginx

pytestmark = pytest.mark.e2e


def test_small_load_has_no_errors_on_one_and_two_replicas():
    require_nginx()
    plan = LoadPlan.small()
    report = run_load_bench(plan, progress=lambda m: None)
    phases = {(p["replicas"], p["phase"].split(" (")[0]): p for p in report["phases"]}
    assert set(phases) == {(1, "single session"), (1, "class"), (1, "saturated"), (2, "class"), (2, "saturated")}
    for p in report["phases"]:
        assert p["errors"] == 0, p
        assert p["runs"] == p["sessions"] * (plan.single_runs if p["phase"] == "single session" else plan.runs)
    assert phases[(1, "class")]["replicas_seen"] == ["r1"]
    assert phases[(2, "class")]["replicas_seen"] == ["r1", "r2"]  # three sessions, round robin over two replicas
    assert [t["target"] for t in report["targets"]][-1] == "0 errors without faults" and report["targets"][-1]["met"]


def test_killed_replica_new_sessions_go_to_the_living_one():
    require_nginx()
    with Cluster(replicas=2, port=free_port(), restart=False, log=lambda m: None) as cluster:
        run_load(cluster.url, sessions=2, runs=2, think=0.0)  # warm both

        def kill():
            cluster.kill("r2")
            return "killed r2"

        result = run_load(cluster.url, sessions=4, runs=4, think=0.5, fault=(1.5, kill), late_sessions=2, ramp=0.0)
    late = [r for r in result.runs if r.session >= 4]
    assert late and all(r.ok and r.replica == "r1" for r in late), late
    on_r1 = [r for r in result.runs if r.session < 4 and r.replica == "r1" and r.start > 0]
    assert all(r.ok for r in on_r1), [r for r in on_r1 if not r.ok]  # nothing happens to the living replica's sessions
    assert result.events and result.events[0][1] == "killed r2"
