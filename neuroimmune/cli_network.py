"""The ``import`` command: a GraphML / Cytoscape JSON network → a validated atlas folder of CSVs."""

from __future__ import annotations

import sys
from pathlib import Path

from .atlas import AtlasError

__all__ = ["register", "validate_network"]


def register(subparsers) -> None:
    """Add the ``import`` subcommand (called from ``cli.build_parser``)."""
    p = subparsers.add_parser(
        "import",
        help="turn a GraphML or Cytoscape JSON network into an atlas folder",
        description="Map a network file onto the data contract, validate it and write nodes.csv, edges.csv, sources.csv.",
        epilog="example: neuroimmune import my_network.cyjs --sources my_sources.csv --out my_atlas",
    )
    p.add_argument("network", help=".graphml/.xml or .cyjs/.json file")
    p.add_argument("--sources", metavar="CSV", help="its sources.csv (needed unless the file carries its sources)")
    p.add_argument("--cite-from", metavar="DIR", help="take sources the network cites from this atlas folder (e.g. data)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write (created; existing atlas files are replaced)")
    p.set_defaults(func=_cmd_import)


def _load(path: str, sources: str | None, cite_from: str | None):
    from .exchange import load_network

    known = None
    if cite_from:
        from .cli import load_or_report

        base = load_or_report(cite_from)
        if base is None:
            return None
        known = base.sources
    try:
        return load_network(path, sources=sources, known_sources=known)
    except AtlasError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print(f"{path}: does not map onto a valid atlas", file=sys.stderr)
        return None


def _cmd_import(args) -> int:
    atlas = _load(args.network, args.sources, args.cite_from)
    if atlas is None:
        return 1
    from .export import export_tables

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in export_tables(atlas, cited_sources_only=False).items():
        (out / name).write_bytes(data)
    for problem in atlas.warnings:
        print(problem)
    print(f"wrote {out}: {len(atlas.nodes)} nodes, {len(atlas.edges)} edges, {len(atlas.sources)} sources")
    return 0


def validate_network(path: str) -> int:
    """``validate FILE`` for a network file: its problems as ``FILE: node ID: …``; exit status 0/1."""
    atlas = _load(path, None, None)
    if atlas is None:
        return 1
    print(f"{path}: valid ({len(atlas.nodes)} nodes, {len(atlas.edges)} edges, {len(atlas.sources)} sources)")
    return 0
