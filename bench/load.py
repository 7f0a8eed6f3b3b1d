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


async def _load(url, sessions, runs, think, pids, seed, fault, late_sessions, ramp) -> LoadResult:
    result = LoadResult()
    t0 = time.perf_counter()
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
    return asyncio.run(_load(url, sessions, runs, think, pids, seed, fault, late_sessions, ramp))
