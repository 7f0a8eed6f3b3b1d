"""``python -m neuroimmune bench``: the speed and memory benchmark (see bench/RESULTS.md)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

__all__ = ["register", "write_report", "NOTES_MARKER"]

#: Everything from this line on in a results file is written by hand (a run's history, what it means) and is kept
#: when the benchmark rewrites the tables above it.
NOTES_MARKER = "<!-- notes below are written by hand; `bench` keeps them when it rewrites the tables above -->"


def write_report(path: str | Path, markdown: str) -> None:
    r"""Write a benchmark's Markdown to ``path``, keeping the hand-written notes after :data:`NOTES_MARKER`.

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "R.md"
    >>> _ = f.write_text("old table\n\n" + NOTES_MARKER + "\nhistory\n")
    >>> write_report(f, "new table\n")
    >>> f.read_text().splitlines()[0], f.read_text().splitlines()[-1]
    ('new table', 'history')
    """
    path = Path(path)
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        old = ""
    at = old.find(NOTES_MARKER)
    notes = "\n" + old[at:] if at >= 0 else ""
    path.write_text(markdown.rstrip("\n") + "\n" + notes, encoding="utf-8")


def _cmd_load(args) -> int:
    from bench.load import LoadPlan, render_load, run_load_bench

    from .bench import machine_description

    plan = LoadPlan.small() if args.small else LoadPlan(sessions=args.sessions)
    report = run_load_bench(plan, progress=lambda m: print(m, file=sys.stderr, flush=True))
    machine = ", ".join(f"{k} {v}" for k, v in machine_description().items())
    load = "load average at the end: " + " / ".join(f"{x:.1f}" for x in os.getloadavg())
    markdown = render_load(report, machine=f"Machine: {machine}; {load}.")
    if args.load_results:
        write_report(args.load_results, markdown)
    print(json.dumps(report, indent=2, default=str) if args.json else markdown)
    return 0 if all(t["met"] for t in report["targets"]) else 1


def _cmd_bench(args) -> int:
    if args.load:
        return _cmd_load(args)
    from .bench import render_markdown, run_bench

    try:
        sizes = tuple(int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip())
    except ValueError:
        print(f"bench: --sizes takes comma-separated whole numbers, got {args.sizes!r}", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 100:
        print("bench: every size must be at least 100 edges", file=sys.stderr)
        return 2
    report = run_bench(sizes, app=not args.no_app, progress=lambda m: print(m, file=sys.stderr, flush=True))
    markdown = render_markdown(report)
    if args.results:
        write_report(args.results, markdown)
    print(json.dumps(report, indent=2) if args.json else markdown)
    return 0 if all(t["met"] for t in report["targets"]) else 1


def register(subparsers) -> None:
    p = subparsers.add_parser("bench", help="benchmark load, layout, figure, export and app reruns against the networkx-tutorial baseline")
    p.add_argument("--sizes", default="1000,10000,100000", help="comma-separated edge counts (default 1000,10000,100000)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--no-app", action="store_true", help="skip the AppTest rerun and memory measurement")
    p.add_argument(
        "--results",
        default=str(Path(__file__).resolve().parent.parent / "bench" / "RESULTS.md"),
        help="write the Markdown table here ('' to skip)",
    )
    p.add_argument("--load", action="store_true", help="the load test instead: S sessions on 1 and 2 replicas behind nginx (bench/LOAD.md)")
    p.add_argument("--sessions", type=int, default=20, help="--load: sessions in the class phases (default 20)")
    p.add_argument("--small", action="store_true", help="--load: the test suite's size (3 sessions x 3 runs, no fault)")
    p.add_argument(
        "--load-results",
        default=str(Path(__file__).resolve().parent.parent / "bench" / "LOAD.md"),
        help="--load: write the Markdown report here ('' to skip)",
    )
    p.set_defaults(func=_cmd_bench)
