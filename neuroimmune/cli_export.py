"""The ``export`` command: a view (or the whole atlas) as PNG, SVG, HTML, CSV, BibTeX, JSON, GraphML, Cytoscape JSON or ZIP."""

from __future__ import annotations

import argparse
import difflib
import sys
from dataclasses import dataclass
from pathlib import Path

from . import schema
from .atlas import VIEW_TOPICS, Atlas, Filters
from .cli import load_or_report

__all__ = ["register", "FORMATS"]

FORMATS = ("png", "svg", "html", "csv", "bib", "json", "graphml", "cyjs", "zip")
#: Formats that need no figure: they can hold the whole atlas (--all).
DATA_FORMATS = ("csv", "bib", "graphml", "cyjs")

_FILTER_OPTIONS = {  # CLI option → (Filters field, vocabulary)
    "evidence": ("evidence", schema.EVIDENCE),
    "study_types": ("study_types", schema.STUDY_TYPES),
    "species": ("species", schema.SPECIES),
    "node_types": ("node_types", schema.NODE_TYPES),
    "topics": ("topics", schema.TOPICS),
}

_EPILOG = """\
formats:
  png, svg  a static image (needs Chromium: apt-get install chromium)
  html      a standalone interactive page, plotly.js inline, works offline
  json      the Plotly figure JSON (fig.to_json())
  csv       the drawn relations as FILE (edges.csv columns), the drawn entities as FILE_nodes.csv and
            their sources as FILE_sources.csv next to it (e.g. --out gut.csv → gut.csv, gut_nodes.csv,
            gut_sources.csv) and, when the atlas has evidence.csv, what each paper showed about the drawn
            relations as FILE_evidence.csv; cells that a spreadsheet would run as a formula are prefixed with '
  bib       BibTeX of exactly the sources cited by the drawn relations
  graphml   the drawn network as GraphML (Cytoscape, Gephi, yEd, igraph, networkx): every nodes.csv and
            edges.csv column as attributes, the view's x/y, registry links, the sources as a graph attribute
  cyjs      the same as Cytoscape.js JSON (Cytoscape desktop: File > Import > Network from File), with
            each node's position so it opens as laid out
  zip       "cite this view": PNG, SVG, HTML, the CSVs (evidence.csv too), GraphML, Cytoscape JSON,
            references.bib and README.txt
The format defaults to the extension of --out. --all exports the whole atlas (under the filters)
instead of a view, for csv, bib, graphml and cyjs.

exit status: 0 written; 1 invalid atlas or export failure; 2 bad arguments (unknown view, focus,
lesson or filter value).

examples:
  python -m neuroimmune export --data data --view gut_brain --out gut.png    # the page's default picture
  python -m neuroimmune export --data data --view gut_brain --everything --evidence established supported --out gut.png
  python -m neuroimmune export --data data --lesson sickness_behaviour --step 2 --format zip --out step2.zip
  python -m neuroimmune export --data data --view cytokine --out cytokine.cyjs
  python -m neuroimmune export --data data --all --out atlas.graphml
"""


class _UsageError(Exception):
    """A bad argument value: reported as one line, exit status 2."""


@dataclass(frozen=True)
class _Request:
    view: str
    focus: tuple[str, ...]
    filters: Filters
    lesson: str | None = None  # set when the figure is a lesson step (build_lesson_figure)
    step: int = 1  # position of the step in its lesson, 1..n


def register(subparsers) -> None:
    """Add the ``export`` subcommand to the CLI's subparsers (called from ``cli.build_parser``)."""
    p = subparsers.add_parser(
        "export",
        help="write a view as png/svg/html/csv/bib/json or a cite-this-view zip",
        description="Export what a view draws, with its data and references.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--data", required=True, metavar="DIR", help="atlas folder (nodes.csv, edges.csv, sources.csv)")
    p.add_argument("--view", choices=tuple(VIEW_TOPICS), help="view to draw (default: the lesson's view)")
    p.add_argument("--all", action="store_true", help="the whole atlas instead of a view (csv, bib, graphml, cyjs)")
    p.add_argument("--focus", nargs="+", action="extend", default=[], metavar="ID", help="node ids (or labels) to focus on")
    p.add_argument("--k", type=int, default=1, help="hops around the focus (default 1)")
    p.add_argument("--max-nodes", type=int, default=None, help="draw the whole view, at most this many nodes (default: the page's story)")
    p.add_argument("--everything", action="store_true", help="draw the whole view (as the page's 'Show everything'), not its story")
    p.add_argument("--lesson", help="take view and focus from this lesson of lessons.csv")
    p.add_argument("--step", type=int, help="lesson step (default 1)")
    for option, (_, vocab) in _FILTER_OPTIONS.items():
        p.add_argument(
            f"--{option.replace('_', '-')}",
            dest=option,
            nargs="+",
            action="extend",
            default=[],
            metavar="V",
            help=f"keep only {', '.join(vocab)} (space or comma separated)",
        )
    p.add_argument(
        "--human-evidence",
        action="store_true",
        help="keep only relations a human study supports (a supporting human_* or genetic row in evidence.csv)",
    )
    p.add_argument("--format", choices=FORMATS, help="output format (default: from the --out extension)")
    p.add_argument("--out", required=True, metavar="FILE", help="file to write")
    p.add_argument("--width", type=int, default=1920, help="image width in px (png/svg; default 1920)")
    p.add_argument("--height", type=int, default=1080, help="image height in px (png/svg; default 1080)")
    p.add_argument("--scale", type=float, default=1, help="PNG pixel density (2 → 3840×2160; default 1)")
    p.add_argument("--url", default="", help="link that reproduces the view, written into the zip README")
    p.add_argument("--no-png", action="store_true", help="zip without the PNG (faster)")
    p.set_defaults(func=_cmd_export)


def _cmd_export(args) -> int:
    atlas = load_or_report(args.data)
    if atlas is None:
        return 1
    try:
        fmt = _format(args)
        if args.all:
            return _export_all(fmt, atlas, args)
        request = _request(args, atlas)
        out = _check_out(args.out)
    except _UsageError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 2
    from .export import ExportError

    try:
        written = _write(fmt, atlas, request, out, args)
    except ExportError as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


def _format(args) -> str:
    if args.format:
        return args.format
    ext = Path(args.out).suffix.lower().lstrip(".")
    if ext not in FORMATS:
        raise _UsageError(f"cannot tell the format from '{args.out}' (give --format {'|'.join(FORMATS)})")
    return ext


def _check_out(out: str) -> Path:
    path = Path(out)
    if path.is_dir():
        raise _UsageError(f"--out '{out}' is a folder (expected a file name)")
    if not path.parent.is_dir():
        raise _UsageError(f"folder '{path.parent}' does not exist (create it first)")
    return path


def _request(args, atlas: Atlas) -> _Request:
    view, focus = _lesson_view_focus(args, atlas)
    view = args.view or view
    if view is None:
        raise _UsageError("give --view (one of " + ", ".join(VIEW_TOPICS) + ") or --lesson")
    focus = focus + tuple(_resolve_focus(atlas, name, args.data) for name in args.focus)
    if args.lesson is None or args.view is not None or args.focus:  # a plain view (with the lesson's focus)
        return _Request(view, tuple(dict.fromkeys(focus)), _filters(args))
    steps = sorted(atlas.lessons.loc[atlas.lessons["lesson"] == args.lesson, "step"])
    position = steps.index(args.step if args.step is not None else steps[0]) + 1  # lesson_step counts 1..n
    return _Request(view, focus, _filters(args), args.lesson, position)


def _lesson_view_focus(args, atlas: Atlas) -> tuple[str | None, tuple[str, ...]]:
    if args.lesson is None:
        if args.step is not None:
            raise _UsageError("--step needs --lesson")
        return None, ()
    lessons = atlas.lessons
    rows = lessons[lessons["lesson"] == args.lesson] if not lessons.empty else lessons
    if rows.empty:
        known = sorted(set(lessons["lesson"])) if not lessons.empty else []
        raise _UsageError(
            f"unknown lesson '{args.lesson}'{_hint(args.lesson, known)} (lessons: {', '.join(known) or 'none in this atlas'})"
        )
    step = args.step if args.step is not None else int(rows["step"].min())
    row = rows[rows["step"] == step]
    if row.empty:
        raise _UsageError(f"lesson '{args.lesson}' has no step {step} (steps: {', '.join(str(s) for s in rows['step'])})")
    focus = tuple(f for f in str(row["focus"].iloc[0]).split("|") if f)
    return str(row["view"].iloc[0]), focus


def _resolve_focus(atlas: Atlas, name: str, folder: str) -> str:
    node_id = atlas.resolve(name)
    if node_id is None:
        near = atlas.search(name, limit=1)
        hint = f" — did you mean '{near[0]}' ({atlas.label(near[0])})?" if near else ""
        raise _UsageError(f"unknown focus '{name}': not a node id, label or synonym in {folder}/nodes.csv{hint}")
    return node_id


def _filters(args) -> Filters:
    kwargs = {}
    for option, (field_name, vocab) in _FILTER_OPTIONS.items():
        values = tuple(v for raw in getattr(args, option) for v in raw.split(",") if v)
        for v in values:
            if v not in vocab:
                raise _UsageError(f"unknown --{option.replace('_', '-')} value '{v}'{_hint(v, vocab)} (expected: {', '.join(vocab)})")
        kwargs[field_name] = tuple(dict.fromkeys(values))
    return Filters(**kwargs, human_evidence=bool(getattr(args, "human_evidence", False)))


def _hint(value: str, vocab) -> str:
    close = difflib.get_close_matches(value, list(vocab), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


#: Views whose page opens on a story (neuroimmune.defaults); ``overview`` has none.
_STORY_VIEWS = ("gut_brain", "cytokine", "condition_map", "explorer")


def _figure(atlas: Atlas, request: _Request, args):
    """(figure, what it draws or None): the page's default picture unless --everything or --max-nodes asks for the whole view."""
    from .views import build_view_figure  # imported lazily: layouts pull in igraph

    cap = {"max_nodes": args.max_nodes} if args.max_nodes else {}  # default: the app's cap
    if request.lesson is not None:
        from .lessons import build_lesson_figure

        return build_lesson_figure(atlas, request.lesson, request.step, filters=request.filters, **cap), None
    if request.view in _STORY_VIEWS and not args.everything and not args.max_nodes:
        from .defaults import default_picture

        focus = list(request.focus)
        options = {"entity": focus[0], "k": args.k} if request.view == "explorer" and focus else {"keep": focus}
        fig, drawn, _ = default_picture(atlas, request.view, filters=request.filters, **options)
        return fig, drawn
    return build_view_figure(atlas, request.view, filters=request.filters, focus=request.focus, k=args.k, **cap), None


def _write(fmt: str, atlas: Atlas, request: _Request, out: Path, args) -> list[Path]:
    from . import export as ex
    from .exchange import figure_positions

    fig, drawn = _figure(atlas, request, args)
    shown = drawn if drawn is not None else ex.drawn_atlas(fig, atlas, view=request.view, filters=request.filters)
    if request.lesson is not None:  # a lesson step also draws focus nodes its view would leave out
        from .lessons import lesson_atlas, lesson_step

        cap = {"max_nodes": args.max_nodes} if args.max_nodes else {}
        shown = lesson_atlas(atlas, lesson_step(atlas, request.lesson, request.step), filters=request.filters, **cap)
    if fmt in ("graphml", "cyjs"):
        data = _network(fmt, shown, args, positions=figure_positions(fig), view=request.view, filters=request.filters)
    elif fmt in ("png", "svg"):
        data = ex.figure_to_image(fig, fmt, width=args.width, height=args.height, scale=args.scale)
    elif fmt == "html":
        caption = f"View {request.view}; {request.filters.describe()}; atlas version {atlas.version}."
        data = ex.figure_to_html(
            fig, title=f"Neuroimmune Atlas - {request.view}", caption=caption, citations=shown.cited_sources()["citation"]
        ).encode("utf-8")
    elif fmt == "json":
        data = fig.to_json().encode("utf-8")
    elif fmt == "bib":
        data = ex.to_bibtex(shown.cited_sources()).encode("utf-8")
    elif fmt == "zip":
        data = ex.cite_view_zip(fig, atlas, view=request.view, filters=request.filters, url=args.url, png=not args.no_png, drawn=shown)
    else:
        return _write_csv(ex.export_tables(shown), out)
    out.write_bytes(data)
    return [out]


def _network(fmt: str, shown: Atlas, args, *, positions=None, view: str, filters: Filters) -> bytes:
    from .exchange import to_cyjs, to_graphml

    meta = {"name": f"Neuroimmune Atlas - {view}", "view": view, "filters": filters.describe(), "atlas_version": shown.version}
    meta["url"] = args.url
    return (to_graphml if fmt == "graphml" else to_cyjs)(shown, positions=positions, meta=meta)


def _export_all(fmt: str, atlas: Atlas, args) -> int:
    """``--all``: every entity and relation under the filters, without a figure."""
    from . import export as ex

    if fmt not in DATA_FORMATS:
        raise _UsageError(f"--all writes {', '.join(DATA_FORMATS)} (a figure needs --view or --lesson), not {fmt}")
    if args.view or args.lesson or args.focus:
        raise _UsageError("--all exports the whole atlas: leave out --view, --lesson and --focus")
    out = _check_out(args.out)
    filters = _filters(args)
    shown = atlas.filter(filters, keep_isolated=filters == Filters())
    if fmt == "csv":
        written = _write_csv(ex.export_tables(shown), out)
    else:
        data = (
            ex.to_bibtex(shown.cited_sources()).encode("utf-8") if fmt == "bib" else _network(fmt, shown, args, view="all", filters=filters)
        )
        out.write_bytes(data)
        written = [out]
    for path in written:
        print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    return 0


def _write_csv(tables: dict[str, bytes], out: Path) -> list[Path]:
    """edges → FILE, nodes → FILE_nodes.csv, sources → FILE_sources.csv (evidence → FILE_evidence.csv)."""
    stem = out.with_suffix("") if out.suffix.lower() == ".csv" else out
    paths = {"edges.csv": out, "nodes.csv": Path(f"{stem}_nodes.csv"), "sources.csv": Path(f"{stem}_sources.csv")}
    if "evidence.csv" in tables:
        paths["evidence.csv"] = Path(f"{stem}_evidence.csv")
    for name, path in paths.items():
        path.write_bytes(tables[name])
    return list(paths.values())
