"""Protocol-level load test: S simulated browser sessions speaking Streamlit's websocket protocol.

Each session does what a browser does: ``GET /`` (which sets the proxy's sticky cookie), opens
``/_stcore/stream`` with that cookie, and sends ``BackMsg.rerun_script`` protobufs — the first opens a page, later
ones switch pages or change the sidebar's evidence filter (a ``WidgetState`` for the widget id the server sent).
A run is timed from the send to its ``script_finished``; an exception element, a closed socket or a 60 s wait is
an error. Server RSS is sampled over time. Used by ``python -m neuroimmune bench --load`` (bench/LOAD.md) and,
at a small size, by tests/app/test_load.py. It imports streamlit's protobufs, which is why it lives here and not
in the library.
"""

from __future__ import annotations

import asyncio
import random
import statistics
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

__all__ = ["Run", "LoadResult", "run_load", "percentile", "summarise", "PAGES", "EVIDENCE_CHOICES"]

PAGES = ("home", "gut_brain", "cytokines", "conditions", "explorer", "compare", "lessons", "data")
EVIDENCE_CHOICES = ((), ("established",), ("established", "supported"), ("supported", "emerging"), ("contested",))
RUN_TIMEOUT_S = 60.0


@dataclass
class Run:
    """One script run as a session saw it."""

    session: int
    kind: str  # open | page | filter
    page: str
    start: float  # seconds since the load test began
    seconds: float
    ok: bool
    replica: str = ""
    error: str = ""


@dataclass
class LoadResult:
    runs: list[Run] = field(default_factory=list)
    rss: list[tuple[float, int, float]] = field(default_factory=list)  # (t, runs finished so far, MB)
    wall_s: float = 0.0
    client_cpu_s: float = 0.0  # the load generator's own CPU: it shares the machine's cores with the servers
    server_cpu_s: float = 0.0  # CPU seconds the sampled server processes used during the run
    machine_idle: float = float("nan")  # share of the machine's CPU time left idle (other jobs share these cores)
    events: list[tuple[float, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"runs": [asdict(r) for r in self.runs], "rss": self.rss, "wall_s": self.wall_s, "events": self.events}


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0–100) by linear interpolation; NaN for no values.

    >>> percentile([1, 2, 3, 4], 50)
    2.5
    """
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def summarise(result: LoadResult, since: float = 0.0) -> dict:
    """p50/p95 of successful runs, error count and throughput (runs per second of wall time)."""
    runs = [r for r in result.runs if r.start >= since]
    ok = [r.seconds for r in runs if r.ok]
    wall = max((r.start + r.seconds for r in runs), default=0.0) - min((r.start for r in runs), default=0.0)
    return {
        "runs": len(runs),
        "errors": sum(not r.ok for r in runs),
        "p50_s": percentile(ok, 50),
        "p95_s": percentile(ok, 95),
        # a session's first run (opening the link) also builds its session; "acting" runs are its clicks after that
        "p95_acting_s": percentile([r.seconds for r in runs if r.ok and r.kind != "open"], 95),
        "mean_s": statistics.fmean(ok) if ok else float("nan"),
        "throughput_runs_per_s": len(ok) / wall if wall > 0 else float("nan"),
        "replicas_seen": sorted({r.replica for r in runs if r.replica}),
    }


def _protos():
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    return BackMsg, ForwardMsg


def _get_cookies(url: str, cookies: dict[str, str]) -> tuple[dict[str, str], str]:
    """GET the app's HTML page like a browser; returns the cookies it set and the replica that answered."""
    req = urllib.request.Request(url + "/", headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())})
    with urllib.request.urlopen(req, timeout=30) as r:
        r.read()
        out = dict(cookies)
        for header in r.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            out[name.strip()] = rest.split(";")[0]
        return out, r.headers.get("X-Nia-Replica", "")


class _Session:
    """One simulated browser tab."""

    def __init__(self, index: int, url: str, t0: float, result: LoadResult):
        self.index, self.url, self.t0, self.result = index, url, t0, result
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.replica = ""
        self.widget_ids: dict[str, str] = {}

    async def connect(self) -> None:
        import websockets

        self.cookies, _ = await asyncio.to_thread(_get_cookies, self.url, self.cookies)
        ws_url = self.url.replace("http://", "ws://", 1) + "/_stcore/stream"
        header = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        self.ws = await websockets.connect(ws_url, subprotocols=["streamlit"], additional_headers=header, origin=self.url,
                                           max_size=None, open_timeout=30, ping_interval=None)  # fmt: skip
        self.replica = self.ws.response.headers.get("X-Nia-Replica", "")
        for header in self.ws.response.headers.get_all("Set-Cookie"):
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def run(self, kind: str, page: str, evidence: tuple[str, ...] | None = None) -> Run:
        back_msg, forward_msg = _protos()
        msg = back_msg()
        msg.rerun_script.page_name = page
        if evidence is not None and "filter_evidence" in self.widget_ids:
            w = msg.rerun_script.widget_states.widgets.add()
            w.id = self.widget_ids["filter_evidence"]
            w.string_array_value.data.extend(evidence)
        start = time.perf_counter()
        error = ""
        try:
            if self.ws is None:
                await self.connect()
            await self.ws.send(msg.SerializeToString())
            error = await asyncio.wait_for(self._until_finished(forward_msg), RUN_TIMEOUT_S)
        except TimeoutError:
            error = f"no script_finished within {RUN_TIMEOUT_S:.0f} s"
        except Exception as exc:  # noqa: BLE001 - a dropped connection is a failed run, then a reconnect
            error = f"{type(exc).__name__}: {exc}"[:200]
            self.ws = None
        run = Run(self.index, kind, page, start - self.t0, time.perf_counter() - start, not error, self.replica, error)
        self.result.runs.append(run)
        return run

    async def _until_finished(self, forward_msg) -> str:
        error = ""
        while True:
            fm = forward_msg()
            fm.ParseFromString(await self.ws.recv())
            kind = fm.WhichOneof("type")
            if kind == "delta" and fm.delta.WhichOneof("type") == "new_element":
                el = fm.delta.new_element
                which = el.WhichOneof("type")
                if which == "exception":
                    error = error or f"exception: {el.exception.type}: {el.exception.message}"[:200]
                elif which == "multiselect":
                    self.widget_ids[el.multiselect.id.rsplit("-", 1)[-1]] = el.multiselect.id
            elif kind == "script_finished" and fm.script_finished != 2:  # 2: stopped early for a rerun
                return error if fm.script_finished in (0, 3) else error or f"script_finished={fm.script_finished}"


async def _session_loop(s: _Session, runs: int, think: float, rng: random.Random, start_delay: float) -> None:
    await asyncio.sleep(start_delay)
    page = rng.choice(PAGES[:5])
    await s.run("open", page)
    for k in range(1, runs):
        await asyncio.sleep(think * rng.uniform(0.5, 1.5))
        if k % 2:
            await s.run("filter", page, evidence=rng.choice(EVIDENCE_CHOICES))
        else:
            page = rng.choice([p for p in PAGES if p != page])
            await s.run("page", page)
    await s.close()


async def _warm(url: str, t0: float, result: LoadResult) -> None:
    """Every page under every evidence choice once: the states a class asks for, built before measuring."""
    s = _Session(0, url, t0, result)
    for page in PAGES:
        await s.run("page", page)
        for evidence in EVIDENCE_CHOICES[1:] + EVIDENCE_CHOICES[:1]:
            await s.run("filter", page, evidence=evidence)
    await s.close()


def _run(coro):
    """``asyncio.run`` — in a thread of its own when this thread already runs a loop (Playwright's sync API does)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def warm_up(url: str, replicas: int = 1) -> LoadResult:
    """Run :func:`_warm` once per replica (new sessions are spread round-robin)."""

    async def main():
        result, t0 = LoadResult(), time.perf_counter()
        await asyncio.gather(*(_warm(url, t0, result) for _ in range(replicas)))
        return result

    return _run(main())


async def _sample_rss(result: LoadResult, pids: Callable[[], list[int]], t0: float, stop: asyncio.Event, every: float) -> None:
    import psutil

    while not stop.is_set():
        total = 0
        for pid in pids():
            try:
                total += psutil.Process(pid).memory_info().rss
            except psutil.Error:
                pass
        result.rss.append((round(time.perf_counter() - t0, 2), len(result.runs), round(total / 2**20, 1)))
        try:
            await asyncio.wait_for(stop.wait(), every)
        except TimeoutError:
            pass


def _server_cpu(pids) -> dict[int, float]:
    import psutil

    out = {}
    for pid in pids() if pids else []:
        try:
            t = psutil.Process(pid).cpu_times()
            out[pid] = t.user + t.system
        except psutil.Error:
            pass
    return out


async def _load(url, sessions, runs, think, pids, seed, fault, late_sessions, ramp) -> LoadResult:
    import psutil

    result = LoadResult()
    t0, cpu0 = time.perf_counter(), time.process_time()
    servers, machine0 = _server_cpu(pids), psutil.cpu_times()
    stop = asyncio.Event()
    sampler = asyncio.create_task(_sample_rss(result, pids or (lambda: []), t0, stop, 0.5))
    rng = random.Random(seed)
    tasks = [
        asyncio.create_task(
            _session_loop(_Session(i, url, t0, result), runs, think, random.Random(rng.random()), ramp * i / max(1, sessions))
        )
        for i in range(sessions)
    ]
    if fault is not None:
        at, action = fault
        await asyncio.sleep(at)
        result.events.append((round(time.perf_counter() - t0, 2), await asyncio.to_thread(action)))
        # sessions opened after the fault: they must land on the living replicas
        tasks += [
            asyncio.create_task(_session_loop(_Session(sessions + j, url, t0, result), max(2, runs // 2), think, random.Random(j), 0.3 * j))
            for j in range(late_sessions)
        ]
    await asyncio.gather(*tasks)
    stop.set()
    await sampler
    result.wall_s = time.perf_counter() - t0
    result.client_cpu_s = time.process_time() - cpu0
    result.server_cpu_s = sum(max(0.0, _server_cpu(pids).get(pid, used) - used) for pid, used in servers.items())
    machine1 = psutil.cpu_times()
    spent = sum(machine1) - sum(machine0)
    result.machine_idle = (machine1.idle - machine0.idle) / spent if spent > 0 else float("nan")
    result.runs.sort(key=lambda r: r.start)
    return result


def run_load(
    url: str,
    *,
    sessions: int,
    runs: int,
    think: float,
    pids: Callable[[], list[int]] | None = None,
    seed: int = 0,
    fault: tuple[float, Callable[[], str]] | None = None,
    late_sessions: int = 0,
    ramp: float = 1.0,
) -> LoadResult:
    """Run ``sessions`` sessions of ``runs`` runs each against ``url`` with ``think`` seconds (±50 %) between runs.

    ``pids`` names the server processes whose RSS is sampled; ``fault=(after_s, action)`` calls ``action`` (e.g.
    kill a replica; it returns a note) after ``after_s`` seconds and then opens ``late_sessions`` new sessions.
    Sessions start spread over ``ramp`` seconds, as a class does.
    """
    return _run(_load(url, sessions, runs, think, pids, seed, fault, late_sessions, ramp))


# ----- the whole protocol: `python -m neuroimmune bench --load` -------------------------------------------------


@dataclass
class LoadPlan:
    """Sizes of one load benchmark; the defaults are the issue's lecture hall, ``small()`` the test suite's."""

    sessions: int = 20
    runs: int = 12  # 20 × 12: the RSS check sees ≥ 200 runs after every session's first two
    think: float = 2.0
    single_runs: int = 60  # p95 of one session needs enough runs not to be its single slowest
    single_think: float = 0.2
    saturate_sessions: int = 10
    saturate_runs: int = 40
    long_runs: int = 36  # a longer class on 1 replica (20 × 36): does RSS level off once every session has seen the pages?
    warm: bool = True  # first every page under every evidence choice (the states a class asks for)
    fault: bool = True

    @classmethod
    def small(cls) -> LoadPlan:
        return cls(sessions=3, runs=3, think=0.2, single_runs=3, saturate_sessions=3, saturate_runs=3, long_runs=0, warm=False, fault=False)


def _phase(name, result: LoadResult, **extra) -> dict:
    return {
        "phase": name,
        **summarise(result),
        "wall_s": round(result.wall_s, 1),
        "client_cpu_s": round(result.client_cpu_s, 1),
        "server_cores": round(result.server_cpu_s / result.wall_s, 2) if result.wall_s else None,
        "machine_idle": round(result.machine_idle, 2),
        **extra,
    }


def _rss_growth(samples: list[tuple[float, int, float]], settle_runs: int = 0) -> dict:
    """RSS once warm (``settle_runs`` runs done: caches built, the class's sessions connected) vs at the end."""
    warm = [s for s in samples if s[1] >= settle_runs]
    if len(warm) < 2:
        return {"start_mb": None, "end_mb": None, "growth": None, "runs": 0}
    start, end = warm[0], warm[-1]
    return {"start_mb": start[2], "end_mb": end[2], "growth": end[2] / start[2] - 1 if start[2] else None, "runs": end[1] - start[1]}


def rss_by_hundred(samples: list[tuple[float, int, float]], settle_runs: int = 0) -> dict:
    """RSS at every 100 runs once warm (``settle_runs`` done) and the growth in each hundred: a leak keeps growing
    at the same pace, state bounded by sessions × pages levels off."""
    warm = [s for s in samples if s[1] >= settle_runs]
    if len(warm) < 2:
        return {"points": [], "per_hundred_mb": []}
    start = warm[0][1]
    points = [warm[0]]
    for s in warm[1:]:
        if s[1] - start >= 100 * len(points):
            points.append(s)
    if points[-1] is not warm[-1]:
        points.append(warm[-1])
    per = [round((b[2] - a[2]) * 100 / (b[1] - a[1]), 1) for a, b in zip(points, points[1:]) if b[1] > a[1]]
    return {"points": [(round(t, 1), n - start, mb) for t, n, mb in points], "per_hundred_mb": per,
            "growth": warm[-1][2] / warm[0][2] - 1 if warm[0][2] else None, "runs": warm[-1][1] - start}  # fmt: skip


def run_load_bench(plan: LoadPlan | None = None, progress: Callable[[str], None] = print, data: str | None = None) -> dict:
    """Every phase on 1 and 2 replicas behind nginx (neuroimmune.serve); returns the report ``render_load`` prints."""
    plan = plan or LoadPlan()
    report: dict = {"plan": asdict(plan), "phases": [], "rss": {}, "fault": None}
    for replicas in (1, 2):
        _replica_phases(replicas, plan, report, progress, data)
    report["targets"] = load_targets(report)
    return report


def _replica_phases(replicas: int, plan: LoadPlan, report: dict, progress, data) -> None:
    from neuroimmune.serve import Cluster, free_port

    with Cluster(replicas=replicas, port=free_port(), data=data, restart=False, log=progress) as cluster:
        progress(f"[{replicas} replica(s)] warm-up: every page under every evidence choice")
        warm = warm_up(cluster.url, replicas) if plan.warm else LoadResult()
        report.setdefault("warmup", {})[replicas] = summarise(warm)

        def phase(name, **kw):
            progress(f"[{replicas} replica(s)] {name}")
            result = run_load(cluster.url, pids=lambda: list(cluster.pids().values()), **kw)
            report["phases"].append(_phase(name, result, replicas=replicas, sessions=kw["sessions"], think_s=kw["think"]))
            return result

        if replicas == 1:
            phase("single session", sessions=1, runs=plan.single_runs, think=plan.single_think, seed=1)
        klass = phase(
            f"class ({plan.sessions} sessions)", sessions=plan.sessions, runs=plan.runs, think=plan.think, seed=2, ramp=plan.think
        )
        phase("saturated", sessions=plan.saturate_sessions, runs=plan.saturate_runs, think=0.0, seed=3, ramp=0.0)
        # memory of the class phase, once warm: every session has made two runs (its state exists; the grid warm-up
        # built the caches), so growth after that is what a leak would show
        samples = klass.rss
        report["rss"][replicas] = {
            **_rss_growth(samples, 2 * plan.sessions),
            "over_time": samples[:: max(1, len(samples) // 12)] + samples[-1:],
        }
        if replicas == 1 and plan.long_runs:
            long = phase(f"long class ({plan.sessions} sessions)", sessions=plan.sessions, runs=plan.long_runs, think=plan.think, seed=5,
                         ramp=plan.think)  # fmt: skip
            report["rss_long"] = rss_by_hundred(long.rss, 2 * plan.sessions)
        if replicas == 2 and plan.fault:
            report["fault"] = _fault_phase(cluster, plan, progress)


def p95_windows(runs: list[tuple[float, float]], since: float, until: float, width: float = 2.0) -> list[dict]:
    """p95 run time of the (start, seconds) runs started in each ``width``-second window from ``since`` to ``until``.

    >>> [(w["from_s"], w["runs"]) for w in p95_windows([(10.5, 0.1), (11.0, 0.3), (12.5, 0.2)], 10.0, 13.0)]
    [(0.0, 2), (2.0, 1)]
    """
    windows, t = [], since
    while t < until:
        w = [sec for start, sec in runs if t <= start < t + width]
        windows.append({"from_s": round(t - since, 1), "runs": len(w), "p95_s": percentile(w, 95)})
        t += width
    return windows


def recovered_after_s(windows: list[dict], base: float, factor: float = 1.5, width: float = 2.0) -> float | None:
    """Seconds after the kill from which p95 *stays* within ``factor`` × ``base``: the end of the last window above it.

    A first quiet window does not count as recovered while later windows still queue (the failed-over sessions
    reconnect a few seconds after the kill). ``None`` when the last window with runs is still above.

    >>> w = [{"from_s": 0, "runs": 5, "p95_s": 0.1}, {"from_s": 2, "runs": 9, "p95_s": 0.4}, {"from_s": 4, "runs": 8, "p95_s": 0.12}]
    >>> recovered_after_s(w, 0.1), recovered_after_s(w[:2], 0.1), recovered_after_s(w[:1], 0.1)
    (4.0, None, 0.0)
    """
    busy = [w for w in windows if w["runs"]]
    above = [w for w in busy if w["p95_s"] > factor * base]
    if not above:
        return 0.0
    if above[-1] is busy[-1]:
        return None
    return round(above[-1]["from_s"] + width, 1)


def _fault_phase(cluster, plan: LoadPlan, progress) -> dict:
    """Kill replica r2 a third of the way through a class; new sessions must land on r1."""
    expected = plan.runs * (plan.think + 0.5)
    kill_at = max(2.0, expected / 3)

    def kill() -> str:
        cluster.kill("r2")
        return "killed replica r2 (SIGKILL)"

    progress(f"[2 replica(s)] fault: kill r2 after {kill_at:.0f} s")
    result = run_load(cluster.url, sessions=plan.sessions, runs=plan.runs, think=plan.think, seed=4, ramp=plan.think,
                      fault=(kill_at, kill), late_sessions=3)  # fmt: skip
    killed = result.events[0][0] if result.events else kill_at
    before = [r.seconds for r in result.runs if r.ok and r.start + r.seconds < killed]
    base = percentile(before, 95)
    windows = p95_windows([(r.start, r.seconds) for r in result.runs if r.ok], killed, result.wall_s)
    recovered_after = recovered_after_s(windows, base)
    late = [r for r in result.runs if r.session >= plan.sessions]
    failed = [r for r in result.runs if not r.ok]
    return {
        "killed_at_s": killed,
        "runs": len(result.runs),
        "failed_runs": len(failed),
        "failed_on": sorted({r.replica for r in failed}),
        "failures": [r.error for r in failed][:5],
        "errors_on_r1_sessions": sum(1 for r in failed if r.replica == "r1"),
        "late_sessions_replicas": sorted({r.replica for r in late}),
        "late_sessions_errors": sum(not r.ok for r in late),
        "p95_before_s": base,
        "p95_windows": windows,
        "recovered_after_s": recovered_after,
    }


def load_targets(report: dict) -> list[dict]:
    """The issue's targets, judged on ratios within this one run."""
    by = {(p["replicas"], p["phase"].split(" (")[0]): p for p in report["phases"]}
    out = []
    single, klass = by.get((1, "single session")), by.get((1, "class"))
    if single and klass:
        ratio = klass["p95_s"] / single["p95_s"]
        out.append(
            {
                "target": f"class p95 ≤ 4× single-session p95 (1 replica, {klass['sessions']} sessions)",
                "value": f"{ratio:.2f}×",
                "met": ratio <= 4,
            }
        )
    s1, s2 = by.get((1, "saturated")), by.get((2, "saturated"))
    if s1 and s2:
        ratio = s2["throughput_runs_per_s"] / s1["throughput_runs_per_s"]
        out.append({"target": "saturated throughput, 2 replicas ≥ 1.5× one", "value": f"{ratio:.2f}×", "met": ratio >= 1.5})
    rss = report["rss"].get(1)
    if rss and rss["growth"] is not None:
        out.append({"target": f"RSS after warm-up grows ≤ 10 % (1 replica, class, over {rss['runs']} runs)", "value": f"{rss['growth']:+.1%}",
                    "met": rss["growth"] <= 0.10})  # fmt: skip
    errors = sum(p["errors"] for p in report["phases"])
    out.append({"target": "0 errors without faults", "value": str(errors), "met": errors == 0})
    return out


def _f(x, digits=2) -> str:
    return "–" if x is None or x != x else f"{x:.{digits}f}"


def render_load(report: dict, machine: str = "") -> str:
    """bench/LOAD.md."""
    lines = ["# Load test: a class at once", "", "Written by `python -m neuroimmune bench --load` (bench/load.py). Protocol-level sessions "
             "(Streamlit's websocket, `BackMsg.rerun_script`) behind nginx started by `neuroimmune serve`; each session opens a page, "
             "then alternately changes the evidence filter and switches page, with the think time below (±50 %). Run time = send → "
             "`script_finished`. Ratios matter, not absolute times: the machine's 2 cores are shared.", ""]  # fmt: skip
    if machine:
        lines += [machine, ""]
    lines += ["| replicas | phase | sessions | think s | runs | errors | p50 s | p95 s | p95 acting s | runs/s | wall s | load generator CPU s | server cores used | machine idle |",
              "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for p in report["phases"]:
        lines.append(f"| {p['replicas']} | {p['phase']} | {p['sessions']} | {p['think_s']:g} | {p['runs']} | {p['errors']} | {_f(p['p50_s'])} | "
                     f"{_f(p['p95_s'])} | {_f(p.get('p95_acting_s'))} | {_f(p['throughput_runs_per_s'])} | {p['wall_s']:g} | {p.get('client_cpu_s', 0):g} | "
                     f"{_f(p.get('server_cores'))} | {_f(p.get('machine_idle'))} |")  # fmt: skip
    lines += ["", "## Targets", "", "| target | value | met |", "|---|---|---|"]
    lines += [f"| {t['target']} | {t['value']} | {'yes' if t['met'] else '**no**'} |" for t in report["targets"]]
    lines += ["", "## Server memory (sum of replica RSS) during the class", "",
              "From the moment every class session has made two runs (caches built by the warm-up, every session's state in "
              "memory) to the class's end; before that, RSS grows with the number of connected sessions, which is not a leak.", ""]  # fmt: skip
    for replicas, rss in report["rss"].items():
        lines.append(f"- {replicas} replica(s): {_f(rss['start_mb'], 0)} MB after warm-up → {_f(rss['end_mb'], 0)} MB after {rss['runs']} runs "
                     f"({'–' if rss['growth'] is None else format(rss['growth'], '+.1%')}); samples (s, runs, MB): "
                     + ", ".join(f"({t:.0f}, {n}, {mb:.0f})" for t, n, mb in rss["over_time"]))  # fmt: skip
    long = report.get("rss_long")
    if long and long["points"]:
        lines += ["", f"A longer class on 1 replica ({report['plan']['sessions']} sessions × {report['plan']['long_runs']} runs), from its "
                  f"sessions' first two runs on: {long['points'][0][2]:.0f} MB → {long['points'][-1][2]:.0f} MB after {long['runs']} runs "
                  f"({format(long['growth'], '+.1%')}). RSS at each further 100 runs (runs, MB): "
                  + ", ".join(f"({n}, {mb:.0f})" for _, n, mb in long["points"])
                  + "; growth per 100 runs in each stretch: " + ", ".join(f"{x:+.1f} MB" for x in long["per_hundred_mb"]) + "."]  # fmt: skip
    f = report.get("fault")
    if f:
        lines += ["", "## Fault: one replica killed during a class", "",
                  f"Replica r2 was killed (SIGKILL) {f['killed_at_s']:.1f} s into a class of {report['plan']['sessions']} sessions on 2 replicas; "
                  f"3 new sessions opened right after it. Runs: {f['runs']}, failed: {f['failed_runs']} (on {', '.join(f['failed_on']) or 'none'}; "
                  f"sessions on r1: {f['errors_on_r1_sessions']}). New sessions landed on {', '.join(f['late_sessions_replicas']) or '–'} "
                  f"with {f['late_sessions_errors']} errors. p95 before the kill {_f(f['p95_before_s'])} s; stays within 1.5× of it "
                  f"{'from ' + str(f['recovered_after_s']) + ' s after the kill on' if f['recovered_after_s'] is not None else 'not before the end of the run'} "
                  "(the last windows carry few runs: the class is ending). "
                  "A failed run is one in flight (or sent) on r2's socket when it died; the session then reconnects, nginx fails over "
                  "to r1 (backup server) and re-sets the sticky cookie, and the session starts afresh there.", "",
                  "| seconds after the kill | runs started | p95 s |", "|---|---|---|"]  # fmt: skip
        lines += [f"| {w['from_s']:g}–{w['from_s'] + 2:g} | {w['runs']} | {_f(w['p95_s'])} |" for w in f["p95_windows"]]
        if f["failures"]:
            lines += ["", "First failures: " + "; ".join(f"`{e}`" for e in f["failures"])]
    return "\n".join(lines) + "\n"
