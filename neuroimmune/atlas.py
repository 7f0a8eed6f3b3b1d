"""The Atlas: validated nodes/edges/sources frames with filters, neighbourhoods and explained paths."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd

from . import evidence as _ev
from . import schema
from .schema import Problem

__all__ = [
    "Atlas",
    "AtlasError",
    "Filters",
    "Hop",
    "ExplainedPath",
    "VIEW_TOPICS",
    "load_atlas",
    "atlas_from_files",
    "relation_phrase",
    "reference_url",
    "EVIDENCE_TABLE_COLUMNS",
]

#: Which edge topics each view shows (``None`` = every topic).
VIEW_TOPICS: dict[str, tuple[str, ...] | None] = {
    "overview": None,
    "explorer": None,
    "gut_brain": ("gut_brain",),
    "cytokine": ("cytokine",),
    "condition_map": ("condition_mechanism", "treatment", "biomarker"),
}

_TOPIC_BIT = {t: 1 << i for i, t in enumerate(schema.TOPICS)}
_EVIDENCE_COST = {"established": 1.0, "supported": 1.2, "emerging": 1.6, "contested": 2.0}
_PHRASES = {
    "increases": "increases",
    "decreases": "decreases",
    "activates": "activates",
    "inhibits": "inhibits",
    "produces": "produces",
    "binds": "binds",
    "signals_through": "signals through",
    "causes": "causes",
    "associated_with": "is associated with",
    "biomarker_of": "is a biomarker of",
    "treats": "treats",
    "targets": "targets",
    "part_of": "is part of",
    "located_in": "is located in",
    "is_a": "is a kind of",
    "elevated_in": "is elevated in",
    "reduced_in": "is reduced in",
    "worsens": "worsens",
}
_KEY = ["source", "target", "relation"]
#: Columns of :meth:`Atlas.evidence_table` (what the card, the explorer and the Data page show).
EVIDENCE_TABLE_COLUMNS = (
    "statement", "direction", "study_type", "species", "finding", "locator", "citation", "link", "reference", "checked",
    "source", "target", "relation",
)  # fmt: skip
_DIRECTION_SIDE = {"supports": "for", "contradicts": "against", "mixed": "mixed"}


def reference_url(doi: str, pmid: str) -> str | None:
    """``https://doi.org/…`` (preferred) or the PubMed page, built here so data never supplies a scheme."""
    from urllib.parse import quote

    if doi:
        return f"https://doi.org/{quote(doi, safe='/:;()._-')}"
    if pmid and str(pmid).isdigit():
        return f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"
    return None


def _key_index(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_arrays([frame[c].to_numpy() for c in _KEY], names=_KEY)


def _keys(frame: pd.DataFrame):
    return zip(*(frame[c].tolist() for c in _KEY))


def _key_isin(frame: pd.DataFrame, other: pd.DataFrame) -> np.ndarray:
    """Per row of ``frame``: is its (source, target, relation) a row of ``other``? (A set lookup: ~10x
    faster than comparing two MultiIndexes, which factorizes both on every call.)"""
    wanted = set(_keys(other))
    return np.fromiter((k in wanted for k in _keys(frame)), dtype=bool, count=len(frame))


def relation_phrase(relation: str) -> str:
    """Plain-English verb phrase for a relation (``signals_through`` → ``signals through``)."""
    return _PHRASES.get(relation, relation.replace("_", " "))


#: How many filtered atlases :meth:`Atlas.filter` keeps per atlas.
FILTER_MEMO = 24


class AtlasError(ValueError):
    """The input is not a valid atlas; ``problems`` lists every reason as ``file:line: message``."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(f"{len(errors)} problem(s): " + "; ".join(str(p) for p in errors[:3]))


@dataclass(frozen=True)
class Filters:
    """Sidebar filters; an empty tuple means 'no restriction'."""

    evidence: tuple[str, ...] = ()
    study_types: tuple[str, ...] = ()
    species: tuple[str, ...] = ()
    node_types: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    #: Only relations with human evidence: a supporting human_* or genetic row in evidence.csv (without
    #: rows for a relation: its edges.csv study_type is human_* or genetic).
    human_evidence: bool = False

    _VOCAB = {
        "evidence": schema.EVIDENCE,
        "study_types": schema.STUDY_TYPES,
        "species": schema.SPECIES,
        "node_types": schema.NODE_TYPES,
        "topics": schema.TOPICS,
    }

    def to_params(self) -> dict[str, str]:
        """Query-string form (``{"evidence": "established,supported"}``), empty filters left out."""
        params = {name: ",".join(getattr(self, name)) for name in self._VOCAB if getattr(self, name)}
        if self.human_evidence:
            params["human_evidence"] = "1"
        return params

    @classmethod
    def from_params(cls, params) -> Filters:
        """Inverse of :meth:`to_params`; unknown values are dropped, never trusted."""
        kwargs = {}
        for name, vocab in cls._VOCAB.items():
            raw = params.get(name, "") if hasattr(params, "get") else ""
            raw = ",".join(raw) if isinstance(raw, list) else str(raw or "")
            kwargs[name] = tuple(v for v in raw.split(",") if v in vocab)
        human = params.get("human_evidence", "") if hasattr(params, "get") else ""
        human = human[-1] if isinstance(human, list) and human else human
        return cls(**kwargs, human_evidence=str(human or "").lower() in ("1", "true", "yes"))

    def summary(self) -> str:
        """Short slug for file names, e.g. ``evidence-established+supported``."""
        parts = [f"{k.replace('_', '')}-{v.replace(',', '+')}" for k, v in self.to_params().items() if k != "human_evidence"]
        parts += ["human-evidence"] if self.human_evidence else []
        return "_".join(parts) or "all"

    def describe(self) -> str:
        """Human sentence of the active filters."""
        active = [f"{name.replace('_', ' ')}: {', '.join(getattr(self, name))}" for name in self._VOCAB if getattr(self, name)]
        active += ["only relations with human evidence"] if self.human_evidence else []
        return "; ".join(active) if active else "no filters (everything shown)"


@dataclass(frozen=True)
class Hop:
    """One relation on a path, in the direction the data states it."""

    source: str
    target: str
    relation: str
    evidence: str
    study_type: str
    species: str
    references: tuple[str, ...]
    note: str
    source_label: str
    target_label: str
    citations: tuple[str, ...]
    #: What each cited paper showed (evidence.csv rows; empty for an atlas without evidence.csv)
    evidence_rows: tuple[_ev.EvidenceRow, ...] = ()
    #: Short citation per reference id, for the evidence lines
    citation_of: tuple[tuple[str, str], ...] = ()

    def sentence(self) -> str:
        """``IL-1β causes Sickness behaviour (established; Dantzer et al. 2008).``"""
        cites = "; ".join(self.citations) or "no reference"
        return f"{self.source_label} {relation_phrase(self.relation)} {self.target_label} ({self.evidence}; {cites})."

    def evidence_lines(self) -> list[str]:
        """One line per evidence row, those for the relation first, then against and mixed.

        ``for [human_observational · human] Köhler et al. 2017 (abstract): IFN-γ was lower ….``
        """
        cites = dict(self.citation_of)
        order = {d: i for i, d in enumerate(_ev.DIRECTIONS)}
        lines = []
        for row in sorted(self.evidence_rows, key=lambda r: order.get(r.direction, 9)):
            side = _DIRECTION_SIDE.get(row.direction, row.direction)
            where = f" ({row.locator})" if row.locator else ""
            lines.append(f"{side} [{row.study_type} · {row.species}] {cites.get(row.reference, row.reference)}{where}: {row.finding}")
        return lines


@dataclass(frozen=True)
class ExplainedPath:
    """An ordered chain of node ids from A to B with the relation behind each hop."""

    nodes: tuple[str, ...]
    hops: tuple[Hop, ...]

    def sentences(self) -> list[str]:
        return [h.sentence() for h in self.hops]

    def keys(self) -> list[tuple[str, str, str]]:
        """``(source, target, relation)`` of each hop, as the data states it."""
        return [(h.source, h.target, h.relation) for h in self.hops]

    def explained_lines(self) -> list[str]:
        """Numbered sentences, each followed by its evidence rows (indented), as plain text."""
        lines = []
        for i, hop in enumerate(self.hops, 1):
            lines.append(f"{i}. {hop.sentence()}")
            lines += [f"     {line}" for line in hop.evidence_lines()]
        return lines


@dataclass
class Atlas:
    """Nodes, edges, sources (and lessons) as pandas frames — the source of truth.

    Every method returns data or a new ``Atlas``; nothing mutates in place, so an Atlas can be
    cached and shared between sessions read-only.
    """

    nodes: pd.DataFrame
    edges: pd.DataFrame
    sources: pd.DataFrame
    lessons: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(schema.LESSONS.required + schema.LESSONS.optional)))
    version: str = ""
    warnings: tuple[Problem, ...] = ()
    #: evidence.csv rows of this atlas's relations (contract v1.1); empty, with its columns, when absent
    evidence: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(_ev.EVIDENCE_COLUMNS)))
    #: lesson_layout.csv rows (``lesson, id, x, y``: a curator's fixed positions, x and y in [0, 1], y up);
    #: empty, with its columns, when the atlas has none
    lesson_layout: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(schema.LESSON_LAYOUT.required)))

    # ----- construction ----------------------------------------------------------------------
    @classmethod
    def from_frames(
        cls, nodes, edges, sources, lessons=None, *, version: str = "", warnings=(), evidence=None, lesson_layout=None
    ) -> Atlas:
        """Build from frames (extra columns kept, missing optional columns added as '').

        ``evidence`` (evidence.csv rows) is optional; rows of relations the edges lack are dropped.
        ``lesson_layout`` (lesson_layout.csv rows) is optional; x and y become numbers.
        """
        nodes = _with_columns(nodes, schema.NODES)
        edges = _merge_duplicate_edges(_with_columns(edges, schema.EDGES))
        sources = _with_columns(sources, schema.SOURCES)
        lessons = _with_columns(lessons if lessons is not None else pd.DataFrame(), schema.LESSONS)
        if not lessons.empty:
            lessons["step"] = pd.to_numeric(lessons["step"]).astype(int)
            lessons = lessons.sort_values(["lesson", "step"], kind="stable").reset_index(drop=True)
        edges["topic_mask"] = _topic_masks(edges["topics"])
        evidence = _with_columns(evidence if evidence is not None else pd.DataFrame(), schema.EVIDENCE_ROWS)
        if not evidence.empty:
            evidence = evidence[_key_isin(evidence, edges)]
        layout = _with_columns(lesson_layout if lesson_layout is not None else pd.DataFrame(), schema.LESSON_LAYOUT)
        if not version:
            optional = [f for f in (evidence, layout) if not f.empty]  # an atlas without them keeps its version
            version = _frames_hash(nodes, edges, sources, lessons, *optional)
        return cls(
            nodes.reset_index(drop=True), edges.reset_index(drop=True), sources.reset_index(drop=True), lessons, version, tuple(warnings),
            evidence.reset_index(drop=True), layout.reset_index(drop=True),
        )  # fmt: skip

    # ----- lookups ---------------------------------------------------------------------------
    @cached_property
    def labels(self) -> dict[str, str]:
        return dict(zip(self.nodes["id"], self.nodes["label"]))

    @cached_property
    def _source_short(self) -> dict[str, str]:
        return {sid: short_citation(c, y) for sid, c, y in zip(self.sources["id"], self.sources["citation"], self.sources["year"])}

    def label(self, node_id: str) -> str:
        return self.labels.get(node_id, node_id)

    def node(self, node_id: str) -> pd.Series | None:
        rows = self.nodes[self.nodes["id"] == node_id]
        return None if rows.empty else rows.iloc[0]

    def citations(self, refs: str | tuple[str, ...]) -> tuple[str, ...]:
        """Short citations (``Dantzer et al. 2008``) for ``|``-separated or tuple reference ids."""
        ids = refs.split("|") if isinstance(refs, str) else refs
        return tuple(self._source_short.get(r, r) for r in ids if r)

    def cited_sources(self) -> pd.DataFrame:
        """Rows of sources.csv cited by the current edges."""
        used = set(self.edges["references"].str.split("|").explode())
        return self.sources[self.sources["id"].isin(used)]

    @cached_property
    def _search_index(self) -> pd.DataFrame:
        n = self.nodes
        text = (n["label"] + "|" + n["synonyms"] + "|" + n["id"]).str.lower()
        return pd.DataFrame({"id": n["id"], "label": n["label"].str.lower(), "text": text})

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Node ids whose label, synonym or id matches ``query`` (exact, then prefix, then substring)."""
        q = query.strip().lower()
        if not q:
            return []
        idx = self._search_index
        names = idx["text"].str.split("|")
        exact = names.apply(lambda ns: q in ns)
        prefix = idx["text"].str.contains("(?:^|\\|)" + re.escape(q), regex=True)
        contains = idx["text"].str.contains(q, regex=False)
        score = exact * 3 + prefix * 2 + contains * 1
        hits = idx.assign(score=score)[score > 0].sort_values(["score", "label"], ascending=[False, True])
        return hits["id"].head(limit).tolist()

    def resolve(self, name: str) -> str | None:
        """The node id for an id, label or synonym (case-insensitive), or ``None``."""
        if name in self.labels:
            return name
        hits = self.search(name, limit=1)
        if hits and name.strip().lower() in self._search_index.set_index("id").at[hits[0], "text"].split("|"):
            return hits[0]
        return None

    # ----- filtering -------------------------------------------------------------------------
    def filter(self, filters: Filters | None = None, *, view: str | None = None, keep_isolated: bool = False) -> Atlas:
        """Edges matching the view's topics and every filter; nodes = endpoints of kept edges.

        With ``keep_isolated`` nodes of allowed types without a kept edge stay too. The newest
        :data:`FILTER_MEMO` results are kept on the atlas (it never mutates), so a page asking for the
        same filtered atlas on every run computes it once.

        Examples
        --------
        >>> from neuroimmune.synthetic import synthetic_frames
        >>> atlas = Atlas.from_frames(**synthetic_frames(20, 40, seed=0))
        >>> atlas.filter(Filters(evidence=("established",))) is atlas.filter(Filters(evidence=("established",)))
        True
        """
        filters = filters or Filters()
        key = (filters, view, keep_isolated)
        try:
            hash(key)
        except TypeError:  # Filters built with lists: computed, not kept
            return self._filter(filters, view, keep_isolated)
        memo = self._filter_memo
        if key in memo:
            memo[key] = memo.pop(key)  # newest last
            return memo[key]
        result = self._filter(filters, view, keep_isolated)
        memo[key] = result
        while len(memo) > FILTER_MEMO:
            memo.pop(next(iter(memo)))
        return result

    @cached_property
    def _filter_memo(self) -> dict:
        return {}

    def __getstate__(self):  # a pickled atlas (the shared cache) carries no memo of other atlases
        state = dict(self.__dict__)
        state.pop("_filter_memo", None)
        return state

    def _filter(self, filters: Filters, view: str | None, keep_isolated: bool) -> Atlas:
        e = self.edges
        mask = np.ones(len(e), dtype=bool)
        view_topics = VIEW_TOPICS.get(view) if view else None
        if view and view not in VIEW_TOPICS:
            raise ValueError(f"unknown view {view!r} (expected one of {', '.join(VIEW_TOPICS)})")
        for topics in (view_topics, filters.topics or None):
            if topics:
                bits = sum(_TOPIC_BIT[t] for t in topics)
                mask &= (e["topic_mask"].to_numpy() & bits) != 0
        for col, allowed in (("evidence", filters.evidence), ("study_type", filters.study_types), ("species", filters.species)):
            if allowed:
                mask &= e[col].isin(allowed).to_numpy()
        if filters.human_evidence:
            mask &= self.human_evidence_mask
        node_ok = self.nodes["type"].isin(filters.node_types) if filters.node_types else pd.Series(True, index=self.nodes.index)
        if filters.node_types:
            allowed_ids = self.nodes.loc[node_ok, "id"]
            mask &= (e["source"].isin(allowed_ids) & e["target"].isin(allowed_ids)).to_numpy()
        return self._subset(mask, node_ok if keep_isolated else None)

    def _subset(self, edge_mask, keep_nodes=None) -> Atlas:
        edges = self.edges[edge_mask]
        used = pd.unique(np.concatenate([edges["source"].to_numpy(), edges["target"].to_numpy()]))
        node_mask = self.nodes["id"].isin(used)
        if keep_nodes is not None:
            node_mask |= keep_nodes
        return replace(self, nodes=self.nodes[node_mask], edges=edges, evidence=self.evidence_of(edges))

    # ----- evidence (contract v1.1) ------------------------------------------------------------
    def evidence_of(self, edges: pd.DataFrame | None = None) -> pd.DataFrame:
        """evidence.csv rows of ``edges`` (default: this atlas's edges), in evidence.csv order."""
        edges = self.edges if edges is None else edges
        ev = self.evidence
        if ev.empty:
            return ev
        return ev[_key_isin(ev, edges)]

    @cached_property
    def human_evidence_mask(self) -> np.ndarray:
        """Per edge: a supporting human_* or genetic evidence row (no rows: its study_type is human)."""
        e = self.edges
        fallback = e["study_type"].isin(_ev.HUMAN_STUDY_TYPES).to_numpy()
        ev = self.evidence
        if ev.empty:
            return fallback
        human = ev[(ev["direction"] == "supports") & ev["study_type"].isin(_ev.HUMAN_STUDY_TYPES)]
        return np.where(_key_isin(e, ev), _key_isin(e, human), fallback)

    def evidence_counts(self, edges: pd.DataFrame) -> list[str]:
        """Per row of ``edges``: ``"2 for · 1 against"`` from its evidence rows ('' without rows)."""
        ev = self.evidence_of(edges)
        if ev.empty:
            return [""] * len(edges)
        counts = ev.groupby([*_KEY, "direction"]).size()
        out = []
        for key in zip(edges["source"], edges["target"], edges["relation"]):
            parts = [f"{int(counts.get((*key, d), 0))} {_DIRECTION_SIDE[d]}" for d in _ev.DIRECTIONS if counts.get((*key, d), 0)]
            out.append(" · ".join(parts))
        return out

    def evidence_table(self, edges: pd.DataFrame | Sequence[tuple[str, str, str]] | None = None) -> pd.DataFrame:
        """Evidence rows of ``edges`` ready to read: a statement, the short citation and a DOI/PubMed link.

        ``edges`` is a frame with source, target, relation (default: this atlas's edges) or a list
        of such keys (e.g. :meth:`ExplainedPath.keys`). Rows follow the order of ``edges``, then
        supports before contradicts and mixed. Columns are :data:`EVIDENCE_TABLE_COLUMNS`; empty
        (with them) when the atlas has no evidence.csv.
        """
        edges = self.edges if edges is None else edges
        if not isinstance(edges, pd.DataFrame):
            edges = pd.DataFrame(list(edges), columns=_KEY)
        rows = self.evidence_of(edges)
        if rows.empty:
            return pd.DataFrame(columns=list(EVIDENCE_TABLE_COLUMNS))
        order = pd.Series(np.arange(len(edges)), index=_key_index(edges))
        order = order[~order.index.duplicated()]
        rows = rows.assign(
            _edge=order.reindex(_key_index(rows)).to_numpy(),
            _side=rows["direction"].map({d: i for i, d in enumerate(_ev.DIRECTIONS)}).fillna(9).to_numpy(),
        ).sort_values(["_edge", "_side"], kind="stable")
        src = self.sources.set_index("id")
        src = src[~src.index.duplicated()]
        doi = rows["reference"].map(src["doi"]).fillna("")
        pmid = rows["reference"].map(src["pmid"]).fillna("")
        rows = rows.assign(
            statement=[
                f"{self.label(s)} {relation_phrase(r)} {self.label(t)}" for s, r, t in zip(rows["source"], rows["relation"], rows["target"])
            ],
            citation=rows["reference"].map(self._source_short).fillna(rows["reference"]),
            link=[reference_url(d, p) for d, p in zip(doi, pmid)],
        )
        return rows[list(EVIDENCE_TABLE_COLUMNS)].reset_index(drop=True)

    @cached_property
    def _evidence_by_key(self) -> dict[tuple[str, str, str], tuple[_ev.EvidenceRow, ...]]:
        out: dict[tuple[str, str, str], list[_ev.EvidenceRow]] = {}
        cols = [*_KEY, "reference", "study_type", "species", "direction", "finding", "locator", "checked"]
        for s, t, r, *rest in zip(*(self.evidence[c] for c in cols)):
            out.setdefault((s, t, r), []).append(_ev.EvidenceRow(*rest))
        return {k: tuple(v) for k, v in out.items()}

    def with_nodes(self, node_ids) -> Atlas:
        """Induced sub-atlas on ``node_ids`` (edges with both ends inside)."""
        ids = pd.Index(node_ids)
        mask = self.edges["source"].isin(ids) & self.edges["target"].isin(ids)
        sub = self._subset(mask.to_numpy())
        return replace(sub, nodes=self.nodes[self.nodes["id"].isin(ids)])

    def neighbours(self, node_id: str, k: int = 1, *, limit: int | None = None) -> Atlas:
        """Sub-atlas of nodes within ``k`` hops of ``node_id`` (edges in either direction).

        ``limit`` caps how many nodes are kept (closest first, then by degree).
        """
        if node_id not in self.labels:
            raise KeyError(f"unknown node id {node_id!r}")
        src, dst = self.edges["source"].to_numpy(), self.edges["target"].to_numpy()
        frontier, seen, order = {node_id}, {node_id: 0}, [node_id]
        for depth in range(1, k + 1):
            f = np.fromiter(frontier, dtype=object)
            nxt = set(dst[np.isin(src, f)]) | set(src[np.isin(dst, f)])
            frontier = nxt - seen.keys()
            for n in sorted(frontier, key=lambda x: -self.degree.get(x, 0)):
                seen[n] = depth
                order.append(n)
            if not frontier:
                break
        if limit is not None:
            order = order[:limit]
        return self.with_nodes(order)

    @cached_property
    def degree(self) -> dict[str, int]:
        counts = pd.concat([self.edges["source"], self.edges["target"]]).value_counts()
        return counts.to_dict()

    # ----- paths -----------------------------------------------------------------------------
    @cached_property
    def _graph(self) -> nx.Graph:
        """Undirected simple graph; each pair keeps its best-evidenced edge as ``cost``."""
        g = nx.Graph()
        g.add_nodes_from(self.nodes["id"])
        cost = self.edges["evidence"].map(_EVIDENCE_COST).fillna(2.0).to_numpy()
        order = np.argsort(-cost, kind="stable")  # worst first so the best overwrites
        e = self.edges
        for i in order:
            g.add_edge(e["source"].iat[i], e["target"].iat[i], cost=cost[i], row=int(i))
        return g

    def paths(self, a: str, b: str, *, max_paths: int = 3, max_hops: int = 6) -> list[ExplainedPath]:
        """Up to ``max_paths`` shortest explained paths from ``a`` to ``b`` (fewest hops, then best evidence).

        Examples
        --------
        >>> atlas.paths("HGNC:5992", "MESH:D003865")[0].sentences()  # doctest: +SKIP
        ['IL-1β causes Sickness behaviour (established; Dantzer et al. 2008).', ...]
        """
        for node in (a, b):
            if node not in self.labels:
                raise KeyError(f"unknown node id {node!r}")
        g = self._graph
        if a == b or not nx.has_path(g, a, b):
            return []
        hop_len = nx.shortest_path_length(g, a, b)
        if hop_len > max_hops:
            return []
        weight = lambda u, v, d: 1000.0 + d["cost"]  # noqa: E731 - hops first, evidence second
        found = []
        for path in nx.shortest_simple_paths(g, a, b, weight=weight):
            if len(path) - 1 > hop_len + 1 or len(found) >= max_paths:
                break
            found.append(self._explain(path))
        return found

    def _explain(self, path: list[str]) -> ExplainedPath:
        hops = []
        for u, v in zip(path, path[1:]):
            row = self.edges.iloc[self._graph.edges[u, v]["row"]]
            refs = tuple(r for r in row["references"].split("|") if r)
            cites = self.citations(refs)
            hops.append(
                Hop(row["source"], row["target"], row["relation"], row["evidence"], row["study_type"], row["species"],
                    refs, row["note"], self.label(row["source"]), self.label(row["target"]), cites,
                    self._evidence_by_key.get((row["source"], row["target"], row["relation"]), ()), tuple(zip(refs, cites)))
            )  # fmt: skip
        return ExplainedPath(tuple(path), tuple(hops))

    def relations_of(self, node_id: str) -> pd.DataFrame:
        """Every edge touching ``node_id`` with the other end's label and short citations."""
        e = self.edges
        rows = e[(e["source"] == node_id) | (e["target"] == node_id)].copy()
        outgoing = rows["source"] == node_id
        rows["direction"] = np.where(outgoing, "out", "in")
        rows["other"] = np.where(outgoing, rows["target"], rows["source"])
        rows["other_label"] = rows["other"].map(self.labels)
        rows["citation"] = rows["references"].map(lambda r: "; ".join(self.citations(r)))
        return rows

    # ----- summaries -------------------------------------------------------------------------
    def stats(self) -> dict:
        """Counts per vocabulary and the reference-quality shares used by ``stats`` and the home page."""
        e, n, s = self.edges, self.nodes, self.sources
        topics = e["topics"].str.split("|").explode()
        has_id = (s["doi"] != "") | (s["pmid"] != "")
        standard = ~n["id"].str.startswith(schema.LOCAL_PREFIX + ":")
        no_ref = (e["references"].str.strip("| ") == "").sum()
        return {
            "version": self.version,
            "nodes": int(len(n)),
            "edges": int(len(e)),
            "sources": int(len(s)),
            "lessons": int(self.lessons["lesson"].nunique()) if not self.lessons.empty else 0,
            "node_types": _counts(n["type"]),
            "relations": _counts(e["relation"]),
            "topics": _counts(topics),
            "evidence": _counts(e["evidence"]),
            "study_types": _counts(e["study_type"]),
            "species": _counts(e["species"]),
            "share_sources_with_doi_or_pmid": round(float(has_id.mean()) if len(s) else 0.0, 4),
            "share_nodes_standard_prefix": round(float(standard.mean()) if len(n) else 0.0, 4),
            "edges_without_reference": int(no_ref),
            **self._evidence_stats(),
        }

    def _evidence_stats(self) -> dict:
        """Counts of evidence.csv (contract v1.1): rows per direction and study type, share with a primary study."""
        ev = self.evidence
        primary = ev[ev["study_type"] != "review"]
        with_primary = _key_isin(self.edges, primary) if not ev.empty else np.zeros(len(self.edges), bool)
        return {
            "evidence_rows": int(len(ev)),
            "evidence_directions": _counts(ev["direction"]),
            "evidence_study_types": _counts(ev["study_type"]),
            "share_relations_with_primary_study": round(float(with_primary.mean()) if len(self.edges) else 0.0, 4),
        }


# ---------------------------------------------------------------------------------------------
def short_citation(citation: str, year: str = "") -> str:
    """``Dantzer R et al. (2008). From ...`` → ``Dantzer et al. 2008``."""
    head = citation.split("(")[0].strip().rstrip(".")
    words = head.split()
    surname = words[0].rstrip(",") if words else "Anon"
    etal = " et al." if ("et al" in head or "&" in head or "," in head) else ""
    return f"{surname}{etal} {year}".strip()


def _counts(series: pd.Series) -> dict[str, int]:
    return {str(k): int(v) for k, v in series.value_counts().sort_index().items()}


def _with_columns(frame: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    frame = frame.drop(columns=["_line"], errors="ignore").copy()
    for col in table.required + table.optional:
        if col not in frame:
            frame[col] = ""
    text_cols = [c for c in frame.columns if c not in ("x", "y", "step")]
    # object dtype, not pandas' Arrow-backed str: isin/map on ids are ~8x faster, and every
    # filter, neighbourhood and figure is made of them
    frame[text_cols] = frame[text_cols].fillna("").astype(str).astype(object)
    for axis in ("x", "y"):
        if table is schema.NODES or table is schema.LESSON_LAYOUT:
            frame[axis] = pd.to_numeric(frame[axis].replace("", np.nan), errors="coerce")
    return frame


def _merge_duplicate_edges(edges: pd.DataFrame) -> pd.DataFrame:
    """Same (source, target, relation) twice → one row with the union of topics and references."""
    key = ["source", "target", "relation"]
    if not edges.duplicated(key).any():
        return edges

    def union(values):
        out = []
        for v in values:
            out += [x for x in v.split("|") if x and x not in out]
        return "|".join(out)

    agg = {c: "first" for c in edges.columns if c not in key}
    agg.update({"topics": union, "references": union})
    return edges.groupby(key, sort=False, as_index=False).agg(agg)[edges.columns]


def _topic_masks(topics: pd.Series) -> np.ndarray:
    masks = np.zeros(len(topics), dtype=np.int64)
    for topic, bit in _TOPIC_BIT.items():
        masks |= np.where(topics.str.contains(rf"(?:^|\|){topic}(?:$|\|)", regex=True).to_numpy(), bit, 0)
    return masks


def _frames_hash(*frames: pd.DataFrame) -> str:
    h = hashlib.sha256()
    for f in frames:
        h.update(pd.util.hash_pandas_object(f.astype(str), index=False).to_numpy().tobytes())
    return h.hexdigest()[:16]


def atlas_from_files(files: dict[str, bytes | None], *, max_bytes: int = schema.MAX_FILE_BYTES) -> Atlas:
    """Validate raw file bytes (an upload) and build an Atlas; raises :class:`AtlasError`."""
    result = schema.validate_files(files, max_bytes=max_bytes)
    return _from_result(result, hashlib.sha256(b"".join(files.get(t.filename) or b"" for t in schema.TABLES)).hexdigest()[:16])


def load_atlas(folder: str | Path, *, max_bytes: int = schema.MAX_FILE_BYTES) -> Atlas:
    """Validate and load an atlas folder.

    Raises
    ------
    AtlasError
        With every problem found when the folder is not a valid atlas.

    Examples
    --------
    >>> atlas = load_atlas("data")  # doctest: +SKIP
    >>> atlas.stats()["edges"]  # doctest: +SKIP
    """
    result = schema.validate_folder(folder, max_bytes=max_bytes)
    h = hashlib.sha256()
    for t in schema.TABLES:
        p = Path(folder) / t.filename
        if p.is_file():
            h.update(p.read_bytes())
    return _from_result(result, h.hexdigest()[:16])


def _from_result(result: schema.ValidationResult, version: str) -> Atlas:
    if not result.ok:
        raise AtlasError(result.problems)
    f = result.frames
    return Atlas.from_frames(
        f["nodes"], f["edges"], f["sources"], f.get("lessons"), version=version, warnings=tuple(result.warnings), evidence=f.get("evidence"),
        lesson_layout=f.get("lesson_layout"),
    )  # fmt: skip
