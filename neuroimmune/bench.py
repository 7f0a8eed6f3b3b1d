"""Benchmark: our pipeline vs the networkx-tutorial way, on synthetic atlases of growing size."""

from __future__ import annotations

import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import textwrap
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["SizeResult", "run_bench", "targets", "render_markdown", "machine_description"]

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SIZES = (1_000, 10_000, 100_000)
BASELINE_LIMIT_S = 60.0
RERUN_PAGE = "pages/gut_brain.py"


@dataclass
class SizeResult:
    """Every measurement for one atlas size (seconds, bytes, MB)."""

    edges: int
    nodes: int
    load_validate_s: float = 0.0
    layout_s: float = 0.0
    figure_s: float = 0.0
    figure_json_bytes: int = 0
    bytes_per_edge: float = 0.0
    traces: int = 0
    export_json_total_s: float = 0.0
    rerun_after_filter_s: float | None = None
    app_peak_rss_mb: float | None = None
    baseline_layout_s: float | None = None
    baseline_figure_s: float | None = None
    baseline_note: str = ""
    speedup_layout_plus_figure: float | None = None
    notes: list[str] = field(default_factory=list)


def _timed(fn, *args, **kwargs):
    gc.collect()  # like timeit: garbage left by an earlier step is not charged to this one
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    return out, time.perf_counter() - t0


def _run_python(code: str, timeout: float, env: dict | None = None) -> tuple[dict | None, str]:
    """Run ``code`` in a fresh interpreter; it prints one JSON line last. Returns (result, error)."""
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, cwd=ROOT, env={**os.environ, **(env or {})}
        )
    except subprocess.TimeoutExpired:
        return None, f"did not finish within {timeout:.0f} s"
    lines = [ln for ln in proc.stdout.strip().splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        return None, (proc.stderr.strip().splitlines() or ["failed"])[-1][:200]
    return json.loads(lines[-1]), ""


_BASELINE = textwrap.dedent(
    """
    import gc, json, time, sys
    import pandas as pd, networkx as nx, plotly.graph_objects as go
    go.Figure([go.Scatter(x=[0, 1, None], y=[0, 1, None], mode="lines")]).to_json()  # warm-up, as for ours
    edges = pd.read_csv(sys.argv[1] if len(sys.argv) > 1 else {edges_csv!r}, dtype=str)
    nodes = pd.read_csv({nodes_csv!r}, dtype=str)
    G = nx.Graph()
    G.add_nodes_from(nodes["id"])
    G.add_edges_from(zip(edges["source"], edges["target"]))
    gc.collect()
    t0 = time.perf_counter()
    pos = nx.spring_layout(G, seed=1)
    layout_s = time.perf_counter() - t0
    gc.collect()
    t1 = time.perf_counter()
    edge_x, edge_y = [], []
    for u, v in G.edges():
        x0, y0 = pos[u]; x1, y1 = pos[v]
        edge_x += [x0, x1, None]; edge_y += [y0, y1, None]
    node_x = [pos[n][0] for n in G.nodes()]; node_y = [pos[n][1] for n in G.nodes()]
    fig = go.Figure([go.Scatter(x=edge_x, y=edge_y, mode="lines", hoverinfo="none"),
                     go.Scatter(x=node_x, y=node_y, mode="markers", text=list(G.nodes()), hoverinfo="text")])
    t2 = time.perf_counter()  # like ours, the figure time stops before serialising
    n_bytes = len(fig.to_json())
    print(json.dumps({{"layout_s": layout_s, "figure_s": t2 - t1, "json_bytes": n_bytes}}))
    """
)

_APP_RERUN = textwrap.dedent(
    """
    import json, resource, statistics, time
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest
    _init = PagesManager.__init__
    def _v2_only(self, *a, **k):  # AppTest re-detects pages/ each run; a real server routes via app.py
        _init(self, *a, **k)
        PagesManager.uses_pages_directory = False
    PagesManager.__init__ = _v2_only
    at = AppTest.from_file({app!r}, default_timeout=600)
    at.run()
    at.switch_page({page!r})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    times = []
    # every rerun asks for a filter combination not seen before, so no cached figure can answer it
    for choice in (["established"], ["established", "supported"], ["supported"], ["emerging"], ["contested"]):
        at.multiselect(key="filter_evidence").set_value(choice)
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, [e.value for e in at.exception]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({{"rerun_s": statistics.median(times), "peak_mb": peak_mb}}))
    """
)


def _bench_size(n_edges: int, workdir: Path, *, app: bool, baseline_limit: float) -> SizeResult:
    from .atlas import load_atlas
    from .synthetic import write_synthetic
    from .views import build_view_figure, layout_for_view

    n_nodes = max(100, n_edges // 10)
    res = SizeResult(edges=n_edges, nodes=n_nodes)
    folder = write_synthetic(workdir / f"atlas_{n_edges}", n_nodes, n_edges, seed=1)
    atlas, res.load_validate_s = _timed(load_atlas, folder)
    positions, res.layout_s = _timed(layout_for_view, atlas, "overview")
    fig, res.figure_s = _timed(build_view_figure, atlas, "overview", positions=positions, max_nodes=None)
    res.figure_json_bytes = len(fig.to_json())
    res.bytes_per_edge = round(res.figure_json_bytes / n_edges, 1)
    res.traces = len(fig.data)
    out = workdir / f"overview_{n_edges}.json"
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "neuroimmune", "export", "--data", str(folder), "--view", "overview", "--format", "json", "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    res.export_json_total_s = time.perf_counter() - t0
    if proc.returncode != 0:
        res.notes.append("export failed: " + proc.stderr.strip()[-200:])
    if app:
        page = RERUN_PAGE if (ROOT / RERUN_PAGE).exists() else "pages/home.py"
        got, err = _run_python(_APP_RERUN.format(app=str(ROOT / "app.py"), page=page), timeout=900, env={"NEUROIMMUNE_DATA": str(folder)})
        if got:
            res.rerun_after_filter_s, res.app_peak_rss_mb = round(got["rerun_s"], 3), round(got["peak_mb"], 1)
        else:
            res.notes.append(f"app rerun: {err}")
    code = _BASELINE.format(edges_csv=str(folder / "edges.csv"), nodes_csv=str(folder / "nodes.csv"))
    got, err = _run_python(code, timeout=baseline_limit)
    if got:
        res.baseline_layout_s, res.baseline_figure_s = got["layout_s"], got["figure_s"]
        res.speedup_layout_plus_figure = round((got["layout_s"] + got["figure_s"]) / max(res.layout_s + res.figure_s, 1e-9), 1)
    else:
        res.baseline_note = err
    return res


def _warm_up() -> None:
    """One tiny layout + figure so one-off import/validator costs are not charged to the first size."""
    from .atlas import Atlas
    from .synthetic import synthetic_frames
    from .views import build_view_figure, layout_for_view

    for n_nodes, n_edges in ((30, 60), (400, 4000)):  # SVG and WebGL traces
        f = synthetic_frames(n_nodes, n_edges, seed=0)
        small = Atlas.from_frames(f["nodes"], f["edges"], f["sources"])
        build_view_figure(small, "overview", positions=layout_for_view(small, "overview"), max_nodes=None).to_json()


def run_bench(sizes=DEFAULT_SIZES, *, app: bool = True, baseline_limit: float = BASELINE_LIMIT_S, progress=None) -> dict:
    """Measure every size; return ``{"machine", "results", "targets"}``."""
    _warm_up()
    results = []
    with tempfile.TemporaryDirectory(prefix="neuroimmune-bench-") as tmp:
        for n in sizes:
            if progress:
                progress(f"benchmarking {n:,} edges …")
            results.append(_bench_size(int(n), Path(tmp), app=app, baseline_limit=baseline_limit))
    return {"machine": machine_description(), "results": [asdict(r) for r in results], "targets": targets(results)}


def targets(results: list[SizeResult]) -> list[dict]:
    """The issue's targets, each with the measured value and whether it is met (None = not measurable)."""
    by = {r.edges: r for r in results}
    out = []

    def add(name, value, limit, ok):
        out.append({"target": name, "value": value, "limit": limit, "met": ok})

    if 10_000 in by and by[10_000].speedup_layout_plus_figure is not None:
        s = by[10_000].speedup_layout_plus_figure
        add("10k edges: layout + figure speed-up over networkx tutorial", s, ">= 20x", s >= 20)
    if 1_000 in by and 100_000 in by:
        g = round(by[100_000].export_json_total_s / by[1_000].export_json_total_s, 1)
        add("export --view overview --format json: time 100k / 1k", g, "<= 15x", g <= 15)
        a, b = by[1_000].rerun_after_filter_s, by[100_000].rerun_after_filter_s
        if a and b:
            add("page rerun after filter change: 100k / 1k", round(b / a, 2), "<= 3x", b / a <= 3)
    if 100_000 in by:
        r = by[100_000]
        add("figure JSON bytes per edge at 100k", r.bytes_per_edge, "<= 60", r.bytes_per_edge <= 60)
        add("traces at 100k", r.traces, "<= 30", r.traces <= 30)
        if r.app_peak_rss_mb is not None:
            add("app peak memory at 100k (MB)", r.app_peak_rss_mb, "<= 2048", r.app_peak_rss_mb <= 2048)
    return out


def machine_description() -> dict:
    import igraph
    import networkx
    import numpy
    import plotly
    import psutil

    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "versions": {
            "numpy": numpy.__version__,
            "plotly": plotly.__version__,
            "igraph": igraph.__version__,
            "networkx": networkx.__version__,
        },
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }


def _fmt(v, unit=""):
    if v is None:
        return "—"
    if isinstance(v, float):
        return f"{v:.3g}{unit}" if v < 100 else f"{v:,.0f}{unit}"
    return f"{v:,}{unit}" if isinstance(v, int) else f"{v}{unit}"


def render_markdown(report: dict) -> str:
    """The results table + targets as Markdown (what bench/RESULTS.md holds)."""
    m = report["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {m['date']} on {m['platform']} ({m['processor']}), {m['cpus']} CPUs, {m['memory_gb']} GB RAM, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["versions"].items())
        + ".",
        "Command: `python -m neuroimmune bench --sizes "
        + ",".join(str(r["edges"]) for r in report["results"])
        + "`. Synthetic atlases, seed 1, nodes = edges / 10.",
        "",
        "| edges | load+validate s | layout s | figure s | JSON bytes/edge | traces | export json total s | rerun after filter s | app peak MB | baseline layout s | baseline figure s | speed-up |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in report["results"]:
        base = (
            (_fmt(r["baseline_layout_s"]), _fmt(r["baseline_figure_s"]))
            if r["baseline_layout_s"] is not None
            else (r["baseline_note"] or "—", "—")
        )
        lines.append(
            f"| {r['edges']:,} | {_fmt(r['load_validate_s'])} | {_fmt(r['layout_s'])} | {_fmt(r['figure_s'])} | {_fmt(r['bytes_per_edge'])} | {r['traces']} | "
            f"{_fmt(r['export_json_total_s'])} | {_fmt(r['rerun_after_filter_s'])} | {_fmt(r['app_peak_rss_mb'])} | {base[0]} | {base[1]} | {_fmt(r['speedup_layout_plus_figure'], '×')} |"
        )
    lines += ["", "| target | measured | limit | met |", "|---|---|---|---|"]
    for t in report["targets"]:
        lines.append(f"| {t['target']} | {t['value']} | {t['limit']} | {'yes' if t['met'] else 'NO'} |")
    notes = [f"- {r['edges']:,} edges: {n}" for r in report["results"] for n in r["notes"]]
    if notes:
        lines += ["", "Notes:", *notes]
    lines += [
        "",
        "Baseline = the networkx tutorial way: `nx.spring_layout` + edge coordinates in Python lists with `None` separators + `go.Scatter`, "
        f"run in a fresh interpreter and stopped after {BASELINE_LIMIT_S:.0f} s. 'rerun after filter change' = median of five AppTest reruns of "
        f"`{RERUN_PAGE}` after changing the evidence filter to a value not used before; 'app peak MB' = peak RSS of that AppTest process. "
        "Both pipelines are warmed up once on a tiny figure, every timer starts after `gc.collect()`, and figure times stop "
        "before JSON serialisation.",
    ]
    return "\n".join(lines) + "\n"
