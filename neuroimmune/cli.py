"""Thin command-line layer: parse arguments, call the library, print, return an exit status."""

from __future__ import annotations

import argparse
import json
import os
import sys

from . import schema
from .atlas import AtlasError, load_atlas

__all__ = ["main"]


def _cmd_validate(args) -> int:
    from .exchange import is_network_file

    if is_network_file(args.folder) and os.path.isfile(args.folder):
        from .cli_network import validate_network

        return validate_network(args.folder)
    result = schema.validate_folder(args.folder)
    for problem in result.problems:
        print(problem, file=sys.stderr if problem.severity == "error" else sys.stdout)
    errors, warnings = len(result.errors), len(result.warnings)
    if errors:
        print(f"{args.folder}: INVALID — {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return 1
    frames = result.frames
    counts = ", ".join(f"{len(frames[t.name])} {t.name}" for t in schema.TABLES if t.name in frames)
    print(f"{args.folder}: valid ({counts}; {warnings} warning(s))")
    return 0


def load_or_report(folder):
    """Load an atlas or print the validator's messages to stderr and return ``None``."""
    try:
        return load_atlas(folder)
    except AtlasError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{folder}: not a valid atlas (run 'python -m neuroimmune validate {folder}')", file=sys.stderr)
        return None


def _cmd_stats(args) -> int:
    atlas = load_or_report(args.folder)
    if atlas is None:
        return 1
    stats = atlas.stats()
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    print(f"Atlas {args.folder} (version {stats['version']})")
    print(f"  {stats['nodes']} nodes, {stats['edges']} edges, {stats['sources']} sources, {stats['lessons']} lessons")
    for key in ("node_types", "relations", "topics", "evidence", "study_types", "species"):
        print(f"  {key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in stats[key].items()))
    print(f"  sources with DOI or PMID: {stats['share_sources_with_doi_or_pmid']:.1%}")
    print(f"  nodes with a standard (non-NIA) id: {stats['share_nodes_standard_prefix']:.1%}")
    print(f"  edges without a reference: {stats['edges_without_reference']}")
    if stats["evidence_rows"]:  # contract v1.1: evidence.csv
        print(f"  evidence rows: {stats['evidence_rows']}")
        for key in ("evidence_directions", "evidence_study_types"):
            print(f"  {key.replace('_', ' ')}: " + ", ".join(f"{k} {v}" for k, v in stats[key].items()))
        print(f"  relations with a primary-study row: {stats['share_relations_with_primary_study']:.1%}")
    return 0


def _cmd_synth(args) -> int:
    from .synthetic import write_synthetic

    try:
        out = write_synthetic(args.out, args.nodes, args.edges, args.seed)
    except ValueError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    print(f"wrote a synthetic atlas of {args.nodes} nodes and {args.edges} edges to {out}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m neuroimmune", description="Neuroimmune Atlas tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check an atlas folder (or a GraphML / Cytoscape JSON file) against the data contract")
    p.add_argument("folder", help="atlas folder, or a .graphml/.cyjs network file")
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser("stats", help="counts per vocabulary and reference quality")
    p.add_argument("folder")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=_cmd_stats)
    p = sub.add_parser("synth", help="write a valid synthetic atlas of any size")
    p.add_argument("--nodes", type=int, required=True)
    p.add_argument("--edges", type=int, required=True)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True)
    p.set_defaults(func=_cmd_synth)
    from . import cli_bench, cli_export, cli_network, cli_serve  # each imports its heavy modules lazily

    cli_export.register(sub)
    cli_network.register(sub)
    cli_bench.register(sub)
    cli_serve.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # last resort: a message, never a traceback
        print(f"{args.command}: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
