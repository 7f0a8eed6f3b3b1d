"""Network exchange: an atlas (or what a view draws) as GraphML / Cytoscape.js JSON, and back.

Export goes through networkx's writers (``write_graphml_xml``, ``cytoscape_data``), so escaping is
theirs (GraphML) or JSON's; every value is a plain ``str`` (``x``/``y`` floats). Import maps a
network file onto the data contract and reuses the upload validator, so a researcher's network is
checked exactly like their CSVs, with each problem located at ``FILE: node ID`` / ``FILE: edge ID``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from . import schema
from .atlas import Atlas, AtlasError
from .schema import Problem

__all__ = [
    "NETWORK_FORMATS",
    "MAX_NETWORK_BYTES",
    "figure_positions",
    "evidence_summaries",
    "atlas_to_networkx",
    "to_graphml",
    "to_cyjs",
    "network_files",
    "is_network_file",
    "read_network",
    "atlas_from_network",
    "load_network",
]

NETWORK_FORMATS = {"graphml": ".graphml", "cyjs": ".cyjs"}
#: A network file is parsed in memory (XML/JSON trees are ~10× the file): keep it below the upload cap.
MAX_NETWORK_BYTES = 25 * 1024 * 1024
#: Extra attributes kept as columns per table (rows × columns cells are built: a wide file could exhaust memory).
MAX_EXTRA_COLUMNS = 200
#: Cytoscape positions are pixels with y growing downwards; layout coordinates are [0, 1] with y up.
CYJS_WIDTH_PX = 1600.0

_NETWORK_SUFFIX = {".graphml": "graphml", ".xml": "graphml", ".cyjs": "cyjs", ".json": "cyjs"}
#: Characters XML 1.0 cannot hold at all (the writer would produce a file no reader opens).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAKS = re.compile(r"[\r\n\t\v\f\x85\u2028\u2029]+")
_INTERNAL_COLUMNS = {"topic_mask", "_line"}
#: Attributes our export derives (or the writers add): dropped on import, never kept as extra columns.
_DERIVED_NODE = {"registry_url", "value", "name", "shared_name", "id"}
_DERIVED_EDGE = {"evidence_summary", "key", "id", "name", "shared_name", "interaction", "shared_interaction", "source", "target"}
#: Other tools' names for contract columns (Cytoscape: ``name``/``interaction``; Gephi: ``label``).
_ALIASES = {"label": ("label", "name", "shared_name"), "relation": ("relation", "interaction", "shared_interaction")}
_NODE_REQUIRED = ("label", "type")
_EDGE_REQUIRED = ("relation", "topics", "evidence", "study_type", "species", "references")


# ---------------------------------------------------------------------------------------------
# Export
def figure_positions(fig) -> pd.DataFrame:
    """Layout positions (``id, x, y`` in [0, 1], y up) of the nodes a network figure draws.

    Node traces carry node ids as ``customdata``; their coordinates are layout + ``FIGURE_OFFSET``.
    """
    from .figures.network import FIGURE_OFFSET

    rows: dict[str, tuple[float, float]] = {}
    for trace in getattr(fig, "data", ()) if fig is not None else ():
        custom, xs, ys = getattr(trace, "customdata", None), getattr(trace, "x", None), getattr(trace, "y", None)
        if custom is None or xs is None or ys is None or len(custom) != len(xs):
            continue
        for node_id, x, y in zip(custom, np.asarray(xs, dtype=float), np.asarray(ys, dtype=float), strict=False):
            if isinstance(node_id, str) and np.isfinite(x) and np.isfinite(y):
                rows[node_id] = (round(float(x) - FIGURE_OFFSET, 4), round(float(y) - FIGURE_OFFSET, 4))
    return pd.DataFrame([(k, x, y) for k, (x, y) in rows.items()], columns=["id", "x", "y"])


def evidence_summaries(atlas: Atlas) -> dict[tuple[str, str, str], str]:
    """One line per relation summarising its evidence.csv rows (empty when the atlas has none).

    The hook for contract v1.1: an ``atlas.evidence`` frame (one row per relation and reference)
    becomes ``reference: direction, study_type, species; …`` on each exported edge.
    """
    rows = getattr(atlas, "evidence", None)
    key = ["source", "target", "relation"]
    if not isinstance(rows, pd.DataFrame) or rows.empty or not set(key + ["reference"]) <= set(rows.columns):
        return {}
    parts = ("direction", "study_type", "species")
    out: dict[tuple[str, str, str], list[str]] = {}
    for row in rows.astype(str).to_dict("records"):
        detail = ", ".join(row[p] for p in parts if row.get(p))
        out.setdefault((row["source"], row["target"], row["relation"]), []).append(
            f"{row['reference']}: {detail}" if detail else row["reference"]
        )
    return {k: "; ".join(v) for k, v in out.items()}


def _text(value) -> str:
    """A plain ``str`` that XML 1.0 can hold (control characters other than tab/newline dropped)."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def _columns(frame: pd.DataFrame, table: schema.Table, skip: tuple[str, ...] = ()) -> list[str]:
    """The CSV export's columns: contract first, then extra user columns; internal ones dropped."""
    contract = [c for c in table.required + table.optional if c in frame.columns]
    extra = [c for c in frame.columns if c not in contract and c not in _INTERNAL_COLUMNS and not str(c).startswith("_")]
    return [c for c in contract + extra if c not in skip]


def _table_json(frame: pd.DataFrame, table: schema.Table) -> str:
    """Rows of a contract table as a JSON list of objects (a GraphML graph attribute must be a string)."""
    cols = _columns(frame, table)
    return json.dumps(
        [{c: _text(v) for c, v in zip(cols, row, strict=True)} for row in frame[cols].itertuples(index=False)], ensure_ascii=False
    )


def _registry_links(ids) -> dict[str, str]:
    links = {}
    for node_id in ids:
        links[node_id] = schema.registry_url(node_id) or ""
    return links


def atlas_to_networkx(
    atlas: Atlas,
    *,
    positions: pd.DataFrame | None = None,
    meta: dict[str, str] | None = None,
    evidence: Callable[[Atlas], dict] = evidence_summaries,
) -> nx.MultiDiGraph:
    """The atlas as a directed multigraph with the CSV export's columns as attributes.

    Nodes are keyed by id and carry every nodes.csv column plus ``registry_url``; ``x``/``y`` are
    ``positions`` (the view as drawn) or the atlas's own fixed positions. Edges are keyed ``e0``,
    ``e1`` … and carry every edges.csv column (plus ``evidence_summary`` when ``evidence`` finds
    rows). Graph attributes: ``meta``, ``sources`` (the cited sources.csv rows as JSON) and
    ``evidence`` (the evidence.csv rows of the edges as JSON, when the atlas has them).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> g = atlas_to_networkx(Atlas.from_frames(**synthetic_frames(20, 40, seed=1)))
    >>> g.number_of_edges(), sorted(k for _, _, k in g.edges(keys=True))[:2], "sources" in g.graph
    (40, ['e0', 'e1'], True)
    """
    graph = nx.MultiDiGraph()
    graph.graph.update({k: _text(v) for k, v in (meta or {}).items()})
    graph.graph["sources"] = _table_json(atlas.cited_sources(), schema.SOURCES)
    rows = getattr(atlas, "evidence", None)
    if isinstance(rows, pd.DataFrame) and not rows.empty:  # contract v1.1: every row, so an import restores evidence.csv
        graph.graph["evidence"] = _table_json(rows, schema.EVIDENCE_ROWS)
    nodes = atlas.nodes
    xy = {}
    if positions is not None and not positions.empty:
        xy = {i: (float(x), float(y)) for i, x, y in zip(positions["id"], positions["x"], positions["y"], strict=True)}
    links = _registry_links(nodes["id"])
    text_cols = _columns(nodes, schema.NODES, skip=("id", "x", "y"))
    for row in nodes.to_dict("records"):
        attrs = {c: _text(row[c]) for c in text_cols}
        attrs["registry_url"] = _text(links[row["id"]])
        x, y = xy.get(row["id"], (row.get("x"), row.get("y")))
        if x is not None and y is not None and np.isfinite(float(x)) and np.isfinite(float(y)):
            attrs["x"], attrs["y"] = float(x), float(y)
        graph.add_node(_text(row["id"]), **attrs)
    summaries = evidence(atlas)
    edge_cols = _columns(atlas.edges, schema.EDGES, skip=("source", "target"))
    for i, row in enumerate(atlas.edges.to_dict("records")):
        attrs = {c: _text(row[c]) for c in edge_cols}
        summary = summaries.get((row["source"], row["target"], row["relation"]))
        if summary:
            attrs["evidence_summary"] = _text(summary)
        graph.add_edge(_text(row["source"]), _text(row["target"]), key=f"e{i}", **attrs)
    return graph


def to_graphml(atlas: Atlas, **options) -> bytes:
    """GraphML (UTF-8) of :func:`atlas_to_networkx` — opens in Cytoscape, Gephi, yEd, igraph."""
    buf = io.BytesIO()
    nx.write_graphml_xml(atlas_to_networkx(atlas, **options), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def _json_text(obj) -> bytes:
    """JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes: the same strings, but inert if pasted into HTML."""
    text = json.dumps(obj, ensure_ascii=False, allow_nan=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").encode("utf-8")


def to_cyjs(atlas: Atlas, *, aspect: float = 0.62, **options) -> bytes:
    """Cytoscape.js JSON (``cytoscape_data``) with each node's ``position`` in pixels, y down.

    Cytoscape desktop opens it with File → Import → Network from File (``.cyjs``) and keeps the
    positions; Cytoscape.js takes it as ``cytoscape({elements: data.elements, layout: {name: "preset"}})``.
    """
    graph = atlas_to_networkx(atlas, **options)
    data = nx.cytoscape_data(graph, name="label")
    data["data"] = dict(data["data"])
    for table in ("sources", "evidence"):
        if table in data["data"]:
            data["data"][table] = json.loads(data["data"][table])
    for element in data["elements"]["nodes"]:
        d = element["data"]
        if "x" in d and "y" in d:
            element["position"] = {"x": round(d["x"] * CYJS_WIDTH_PX, 2), "y": round((1 - d["y"]) * CYJS_WIDTH_PX * aspect, 2)}
    for element in data["elements"]["edges"]:
        element["data"]["id"] = element["data"]["key"]  # Cytoscape.js wants an id on every element
    return _json_text(data)


def network_files(atlas: Atlas, stem: str, **options) -> dict[str, bytes]:
    """``{stem}.graphml`` and ``{stem}.cyjs`` of ``atlas`` (for the cite-this-view ZIP)."""
    return {f"{stem}.graphml": to_graphml(atlas, **options), f"{stem}.cyjs": to_cyjs(atlas, **options)}


# ---------------------------------------------------------------------------------------------
# Import: a file → plain elements (format-specific), elements → contract tables (shared)
@dataclass
class Network:
    """A parsed network file: nodes ``(id, attrs)``, edges ``(name, source, target, attrs)``, graph attrs."""

    name: str
    nodes: list[tuple[str, dict]] = field(default_factory=list)
    edges: list[tuple[str, str, str, dict]] = field(default_factory=list)
    graph: dict = field(default_factory=dict)


def network_format(name: str, data: bytes) -> str | None:
    """``graphml``, ``cyjs`` or ``None``: by extension, else by the first character."""
    fmt = _NETWORK_SUFFIX.get(Path(name).suffix.lower())
    if fmt:
        return fmt
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return "graphml" if head.startswith(b"<") else "cyjs" if head[:1] in (b"{", b"[") else None


def is_network_file(name: str) -> bool:
    """True for a ``.graphml``/``.xml``/``.cyjs``/``.json`` file name."""
    return Path(name).suffix.lower() in _NETWORK_SUFFIX


def _plain_value(value) -> str:
    """A file's attribute value as CSV cell text (lists joined with ``|``, line breaks → spaces)."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "|".join(_plain_value(v) for v in value)
    if isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    return _LINE_BREAKS.sub(" ", str(value)).strip()


def _decode(name: str, data: bytes) -> tuple[str | None, Problem | None]:
    if len(data) > MAX_NETWORK_BYTES:
        return None, Problem(
            name, None, f"file is {len(data) / 2**20:.1f} MB, over the {MAX_NETWORK_BYTES // 2**20} MB limit for a network file"
        )
    if not data.strip():
        return None, Problem(name, None, "file is empty (expected a GraphML or Cytoscape JSON network)")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        return None, Problem(name, None, f"byte {exc.start} is not valid UTF-8 (expected a UTF-8 GraphML or Cytoscape JSON file)")


def _read_graphml(name: str, text: str) -> tuple[Network | None, list[Problem]]:
    if re.search(r"<!(DOCTYPE|ENTITY)", text[:65536], re.I):  # GraphML needs no DTD; entities can explode
        return None, [Problem(name, None, "has a DOCTYPE/ENTITY declaration (refused: GraphML needs none)")]
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        return None, [Problem(name, None, f"not well-formed XML ({exc}); expected a GraphML file")]
    local = root.tag.rsplit("}", 1)[-1]
    if local != "graphml":
        return None, [Problem(name, None, f"root element is <{local}>, not <graphml> (expected a GraphML file)")]
    if not root.tag.startswith("{http://graphml.graphdrawing.org/xmlns}"):
        return None, [Problem(name, None, 'the <graphml> element lacks xmlns="http://graphml.graphdrawing.org/xmlns" (add it)')]
    problems = [
        Problem(name, None, f"node #{i} has no id (every <node> needs id=...)")
        for i, el in enumerate(root.iter("{http://graphml.graphdrawing.org/xmlns}node"), 1)
        if not el.get("id")
    ]
    problems += [
        Problem(name, None, f"edge #{i} lacks source or target")
        for i, el in enumerate(root.iter("{http://graphml.graphdrawing.org/xmlns}edge"), 1)
        if not el.get("source") or not el.get("target")
    ]
    if problems:
        return None, problems
    try:
        graph = nx.parse_graphml(text, force_multigraph=True)
    except Exception as exc:  # networkx raises many kinds for odd GraphML (types, hyperedges, keys)
        return None, [Problem(name, None, f"cannot be read as GraphML ({type(exc).__name__}: {exc})")]
    net = Network(name, graph={k: v for k, v in graph.graph.items() if k not in ("node_default", "edge_default")})
    net.nodes = [(str(n), dict(d)) for n, d in graph.nodes(data=True)]
    for s, t, key, d in graph.edges(keys=True, data=True):
        net.edges.append((str(key) if isinstance(key, str) else "", str(s), str(t), dict(d)))
    return net, []


def _read_cyjs(name: str, text: str) -> tuple[Network | None, list[Problem]]:
    try:
        doc = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, [Problem(name, None, f"not valid JSON ({exc}); expected a Cytoscape JSON network")]
    elements = doc.get("elements") if isinstance(doc, dict) else doc
    if isinstance(elements, list):  # Cytoscape.js element array: {"group": "nodes"|"edges", "data": {...}}
        groups = {"nodes": [], "edges": []}
        for el in elements:
            group = el.get("group") if isinstance(el, dict) else None
            data = el.get("data") if isinstance(el, dict) and isinstance(el.get("data"), dict) else {}
            groups["edges" if group == "edges" or (group is None and "source" in data) else "nodes"].append(el)
        elements = groups
    if not isinstance(elements, dict) or not isinstance(elements.get("nodes", []), list) or not isinstance(elements.get("edges", []), list):
        return None, [
            Problem(
                name,
                None,
                'no "elements" with "nodes" and "edges" lists (expected Cytoscape JSON: {"elements": {"nodes": [...], "edges": [...]}})',
            )
        ]
    graph = doc.get("data", {}) if isinstance(doc, dict) else {}
    try:
        graph = dict(graph)
    except (TypeError, ValueError):
        graph = {}
    net, problems = Network(name, graph=graph), []
    for i, el in enumerate(elements.get("nodes", []), 1):
        data = el.get("data") if isinstance(el, dict) else None
        if not isinstance(data, dict) or not _plain_value(data.get("id")):
            problems.append(Problem(name, None, f"node #{i} has no data.id (every node needs an id)"))
            continue
        attrs = dict(data)
        pos = el.get("position")
        if isinstance(pos, dict) and "x" not in attrs and isinstance(pos.get("x"), (int, float)) and isinstance(pos.get("y"), (int, float)):
            attrs["x"], attrs["y"] = pos["x"], -pos["y"]  # pixels, y down → y up (the layout normalises)
        net.nodes.append((_plain_value(data["id"]), attrs))
    for i, el in enumerate(elements.get("edges", []), 1):
        data = el.get("data") if isinstance(el, dict) else None
        if not isinstance(data, dict) or not _plain_value(data.get("source")) or not _plain_value(data.get("target")):
            problems.append(Problem(name, None, f"edge #{i} lacks data.source or data.target"))
            continue
        net.edges.append((_plain_value(data.get("id")), _plain_value(data["source"]), _plain_value(data["target"]), dict(data)))
    return (None, problems) if problems else (net, [])


def read_network(name: str, data: bytes) -> tuple[Network | None, list[Problem]]:
    """Parse a GraphML or Cytoscape JSON file into plain elements, or say why it cannot be read."""
    fmt = network_format(name, data)
    if fmt is None:
        return None, [Problem(name, None, "not a network file (expected .graphml or Cytoscape .cyjs/.json)")]
    text, problem = _decode(name, data)
    if text is None:
        return None, [problem]
    net, problems = (_read_graphml if fmt == "graphml" else _read_cyjs)(name, text)
    if net is not None:
        for table, items in (("nodes", net.nodes), ("edges", net.edges)):
            limit = _max_rows(table)
            if len(items) > limit:
                return None, [Problem(name, None, f"has {len(items):,} {table}, more than the {limit:,} an uploaded atlas may have")]
    return net, problems


def _max_rows(table: str) -> int:
    from .upload import MAX_ROWS

    return MAX_ROWS[table]


# ---------------------------------------------------------------------------------------------
def _norm(attr: str) -> str:
    return re.sub(r"[\s-]+", "_", str(attr).strip()).lower()


def _map_attrs(attrs: dict, table: schema.Table, derived: set[str]) -> dict[str, str]:
    """Contract columns (matched by name, case and spaces ignored, or an alias) plus the rest as extras."""
    by_norm: dict[str, str] = {}
    for attr in attrs:
        by_norm.setdefault(_norm(attr), attr)
    out: dict[str, str] = {}
    used: set[str] = set()
    for col in table.required + table.optional:
        for alias in _ALIASES.get(col, (col,)):
            attr = by_norm.get(alias)
            if attr is not None and _plain_value(attrs[attr]):
                out[col] = _plain_value(attrs[attr])
                used.add(attr)
                break
    for attr, value in attrs.items():
        name = _LINE_BREAKS.sub(" ", str(attr)).strip()
        contract = _norm(attr) in table.required + table.optional
        if attr in used or contract or _norm(attr) in derived or not name or name.startswith("_") or name in _INTERNAL_COLUMNS:
            continue
        out[name] = _plain_value(value)
    return out


def _csv_bytes(rows: list[dict[str, str]], table: schema.Table) -> bytes:
    """Rows as contract CSV (every contract column present), one physical line per row."""
    extra = list(dict.fromkeys(c for row in rows for c in row if c not in table.required + table.optional))
    header = list(table.required + table.optional) + extra
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([row.get(c, "") for c in header] for row in rows)
    return buf.getvalue().encode("utf-8")


def _edge_name(name: str, source: str, target: str, relation: str) -> str:
    arrow = f"{source} → {target}" + (f" ({relation})" if relation else "")
    return f"{name} ({arrow})" if name and not re.fullmatch(r"e?\d+", name) else arrow


def _embedded_table(net: Network, table: str) -> tuple[list[dict[str, str]] | None, list[Problem]]:
    """Rows of a table the file carries as a graph attribute (``sources``, ``evidence``), or ``None``."""
    raw = next((v for k, v in net.graph.items() if _norm(k) == table), None)
    if raw is None:
        return None, []
    try:
        rows = json.loads(raw) if isinstance(raw, str) else raw
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise ValueError("not a list of objects")
    except (ValueError, RecursionError) as exc:
        return None, [
            Problem(net.name, None, f"graph attribute '{table}' is not a JSON list of {table}.csv rows ({exc}); ignored", "warning")
        ]
    return [{_norm(k): _plain_value(v) for k, v in r.items()} for r in rows], []


@dataclass
class _Mapped:
    contents: dict[str, bytes | None]
    where: dict[str, list[str]]  # generated file → element name per data row
    problems: list[Problem]


def _extra_columns(items, table: schema.Table, derived: set[str]) -> int:
    known = {_norm(c) for c in table.required + table.optional} | derived | {a for names in _ALIASES.values() for a in names}
    return len({_norm(k) for *_, attrs in items for k in attrs} - known)


def _map_network(net: Network, companions: dict[str, bytes], known_sources: pd.DataFrame | None) -> _Mapped | None:
    if (
        max(_extra_columns(net.nodes, schema.NODES, _DERIVED_NODE), _extra_columns(net.edges, schema.EDGES, _DERIVED_EDGE))
        > MAX_EXTRA_COLUMNS
    ):
        return None
    name = net.name
    problems: list[Problem] = []
    node_rows, node_where = [], []
    for node_id, attrs in net.nodes:
        row = {**_map_attrs(attrs, schema.NODES, _DERIVED_NODE), "id": node_id}  # the element's id wins over a data "id"
        missing = [c for c in _NODE_REQUIRED if not row.get(c)]
        if missing:
            problems.append(
                Problem(
                    name,
                    None,
                    f"node {node_id}: missing {', '.join(missing)} (the data contract requires {', '.join(schema.NODES.required)})",
                )
            )
        node_rows.append(row)
        node_where.append(f"node {node_id}")
    edge_rows, edge_where = [], []
    for edge_id, source, target, attrs in net.edges:
        row = {**_map_attrs(attrs, schema.EDGES, _DERIVED_EDGE), "source": source, "target": target}
        label = _edge_name(edge_id, source, target, row.get("relation", ""))
        missing = [c for c in _EDGE_REQUIRED if not row.get(c)]
        if missing:
            problems.append(
                Problem(name, None, f"edge {label}: missing {', '.join(missing)} (the data contract requires them on every relation)")
            )
        edge_rows.append(row)
        edge_where.append(f"edge {label}")
    contents: dict[str, bytes | None] = {"nodes.csv": _csv_bytes(node_rows, schema.NODES), "edges.csv": _csv_bytes(edge_rows, schema.EDGES)}
    where = {"nodes.csv": node_where, "edges.csv": edge_where}
    contents["lessons.csv"] = companions.get("lessons.csv")
    contents["lesson_layout.csv"] = companions.get("lesson_layout.csv")
    problems += _evidence_table(net, companions, contents, where)
    embedded, found = _embedded_table(net, "sources")
    problems += found
    if "sources.csv" in companions:
        contents["sources.csv"] = companions["sources.csv"]
        if embedded is not None:
            problems.append(Problem(name, None, "carries a sources table too; the uploaded sources.csv is used instead", "warning"))
    elif embedded is not None:
        contents["sources.csv"] = _csv_bytes(embedded, schema.SOURCES)
        where["sources.csv"] = [f"source {r.get('id', '?')}" for r in embedded]
    elif known_sources is not None:
        cited = {r for row in edge_rows for r in row.get("references", "").split("|") if r}
        rows = known_sources[known_sources["id"].isin(cited)].drop(columns=["_line"], errors="ignore").astype(str).to_dict("records")
        contents["sources.csv"] = _csv_bytes(rows, schema.SOURCES)
        where["sources.csv"] = [f"source {r['id']}" for r in rows]
    else:
        where["sources.csv"] = []  # the validator's "sources.csv: file is missing" is this problem
        problems.append(
            Problem(
                name,
                None,
                "carries no sources table: upload sources.csv together with it (or merge with the shipped atlas if it cites its sources)",
            )
        )
    return _Mapped(contents, where, problems)


def _evidence_table(net: Network, companions: dict[str, bytes], contents: dict, where: dict) -> list[Problem]:
    """evidence.csv from an uploaded companion, else from the file's ``evidence`` graph attribute."""
    if "evidence.csv" in companions:
        contents["evidence.csv"] = companions["evidence.csv"]
        return []
    rows, problems = _embedded_table(net, "evidence")
    if rows:
        contents["evidence.csv"] = _csv_bytes(rows, schema.EVIDENCE_ROWS)
        where["evidence.csv"] = [
            f"evidence row {r.get('source', '?')} → {r.get('target', '?')} ({r.get('relation', '?')}), {r.get('reference', '?')}"
            for r in rows
        ]
    return problems


_CSV_WORDS = (("in nodes.csv", "among the network's nodes"), ("in sources.csv", "among the sources"))


def _relocate(problem: Problem, name: str, where: dict[str, list[str]]) -> Problem | None:
    """A validator problem on a generated CSV → ``FILE: node ID: message`` (``None`` = already reported)."""
    rows = where.get(problem.file)
    if rows is None:
        return problem
    message = problem.message
    if re.fullmatch(r"empty '[a-z_]+' \(a value is required\)", message) or "file is missing" in message:
        return None  # reported per element as "missing …" by the mapping
    for old, new in _CSV_WORDS:
        message = message.replace(old, new)
    message = re.sub(r"first (?:defined )?on line \d+", "defined earlier in the file", message)  # generated lines mean nothing
    table = problem.file.removesuffix(".csv")
    index = (problem.line or 0) - 2
    prefix = rows[index] if 0 <= index < len(rows) else f"{table}"
    return Problem(name, None, f"{prefix}: {message}", problem.severity)


def atlas_from_network(files: list[tuple[str, bytes]], *, known_sources: pd.DataFrame | None = None) -> tuple[Atlas | None, list[Problem]]:
    """One network file (plus an optional sources.csv / lessons.csv) → validated Atlas, or problems.

    Attributes named like contract columns are taken (``name``/``interaction`` as Cytoscape calls
    label and relation), the rest kept as extra columns. Sources come from an uploaded
    sources.csv, else the file's ``sources`` graph attribute (our own exports), else
    ``known_sources`` (the rows of the atlas it will be merged with); evidence.csv from an
    uploaded one or the ``evidence`` graph attribute (then the grade rules are checked too). Every problem reads
    ``FILE: node ID: …`` or ``FILE: edge ID: …``; nothing raises.

    Examples
    --------
    >>> atlas, problems = atlas_from_network([("x.cyjs", b'{"elements": {"nodes": [{"data": {"id": "NIA:a"}}]}}')])
    >>> atlas is None, [str(p) for p in problems][:1]
    (True, ['x.cyjs: node NIA:a: missing label, type (the data contract requires id, label, type)'])
    """
    from .upload import atlas_from_contents

    networks = [(n, d) for n, d in files if is_network_file(n)]
    if len(networks) != 1:
        names = ", ".join(n for n, _ in networks) or "none"
        return None, [Problem("upload", None, f"expected exactly one network file (.graphml, .cyjs or .json), got {names}")]
    name, data = networks[0]
    companions: dict[str, bytes] = {}
    problems: list[Problem] = []
    for other, content in files:
        base = Path(other.replace("\\", "/")).name.lower()
        if (other, content) == networks[0]:
            continue
        if base in ("sources.csv", "lessons.csv", "evidence.csv", "lesson_layout.csv"):
            companions[base] = content
        elif base in ("nodes.csv", "edges.csv") or base.endswith(".zip"):
            problems.append(
                Problem(other, None, f"cannot be combined with {name} (the network holds the nodes and edges; upload one or the other)")
            )
        else:
            problems.append(
                Problem(
                    other,
                    None,
                    "not an atlas file (with a network file: sources.csv, lessons.csv, evidence.csv, lesson_layout.csv); ignored",
                    "warning",
                )
            )
    net, found = read_network(name, data)
    problems += found
    if net is None or any(p.severity == "error" for p in problems):
        return None, problems
    mapped = _map_network(net, companions, known_sources)
    if mapped is None:
        return None, problems + [
            Problem(name, None, f"has more than {MAX_EXTRA_COLUMNS} distinct extra attributes per nodes or edges (drop some first)")
        ]
    atlas, checked = atlas_from_contents(mapped.contents)
    relocated = [q for q in (_relocate(p, name, mapped.where) for p in checked) if q is not None]
    problems += mapped.problems + relocated
    if any(p.severity == "error" for p in problems):
        return None, problems
    return atlas, problems


def load_network(path: str | Path, *, sources: str | Path | None = None, known_sources: pd.DataFrame | None = None) -> Atlas:
    """Read a GraphML / Cytoscape JSON file (and optionally its sources.csv) as an Atlas.

    Raises
    ------
    AtlasError
        With every problem (``FILE: node ID: …``) when the file does not map onto a valid atlas.
    """
    path = Path(path)
    try:
        files = [(path.name, path.read_bytes())]
        if sources is not None:
            files.append(("sources.csv", Path(sources).read_bytes()))
    except OSError as exc:
        raise AtlasError([Problem(str(path), None, f"cannot be read ({exc.strerror or exc})")]) from None
    atlas, problems = atlas_from_network(files, known_sources=known_sources)
    if atlas is None:
        raise AtlasError(problems)
    return atlas
