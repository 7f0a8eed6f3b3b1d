"""Seeded synthetic atlases of any size (valid by construction) for tests and benchmarks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import schema

__all__ = ["synthetic_frames", "write_synthetic"]

_TYPE_COMPARTMENT = {
    "microbe": "gut_lumen", "metabolite": "gut_lumen", "cell": "gut_immune", "cytokine": "circulation",
    "receptor": "periphery", "signaling": "periphery", "neurotransmitter": "enteric_nervous",
    "hormone": "hpa_axis", "anatomy": "bbb", "process": "brain", "condition": "brain", "symptom": "brain",
    "antibody": "circulation", "protein": "gut_epithelium", "treatment": "periphery",
}  # fmt: skip


def synthetic_frames(n_nodes: int, n_edges: int, seed: int = 0) -> dict[str, pd.DataFrame]:
    """Return ``{"nodes", "edges", "sources", "lessons"}`` frames of a valid synthetic atlas.

    Degrees follow a Zipf-like skew (a few hubs, many leaves); every node type, relation,
    topic, evidence grade, study type, species and compartment occurs at least once.

    Examples
    --------
    >>> f = synthetic_frames(50, 120, seed=1)
    >>> len(f["nodes"]), len(f["edges"]) <= 120
    (50, True)
    """
    if n_nodes < len(schema.NODE_TYPES):
        raise ValueError(f"need at least {len(schema.NODE_TYPES)} nodes (one per type), got {n_nodes}")
    max_edges = n_nodes * (n_nodes - 1) * len(schema.RELATIONS)
    if n_edges < len(schema.RELATIONS) or n_edges > max_edges:
        raise ValueError(f"edges must be between {len(schema.RELATIONS)} and {max_edges} for {n_nodes} nodes")
    rng = np.random.default_rng(seed)
    nodes = _nodes(n_nodes, rng)
    n_sources = max(10, min(5000, n_edges // 20))
    sources = _sources(n_sources)
    edges = _edges(n_nodes, n_edges, n_sources, rng)
    edges["source"] = nodes["id"].to_numpy()[edges.pop("s")]
    edges["target"] = nodes["id"].to_numpy()[edges.pop("t")]
    edges = edges[["source", "target", "relation", "topics", "evidence", "study_type", "species", "references", "note"]]
    lessons = pd.DataFrame(
        {"lesson": "synthetic_tour", "step": [1, 2], "title": ["A hub", "Its neighbour"], "view": ["explorer", "explorer"],
         "focus": [nodes["id"].iat[0], nodes["id"].iat[1]], "text": ["The best-connected node.", "Another hub."]}
    )  # fmt: skip
    return {"nodes": nodes, "edges": edges, "sources": sources, "lessons": lessons}


def _nodes(n: int, rng: np.random.Generator) -> pd.DataFrame:
    types = np.array(schema.NODE_TYPES)[
        np.r_[np.arange(len(schema.NODE_TYPES)), rng.integers(0, len(schema.NODE_TYPES), n - len(schema.NODE_TYPES))]
    ]
    comps = np.array([_TYPE_COMPARTMENT[t] for t in types], dtype=object)
    comps[: len(schema.COMPARTMENTS)] = schema.COMPARTMENTS  # every compartment present
    idx = np.arange(n)
    ids = np.char.add("NIA:synthetic_", idx.astype(str))
    labels = np.char.add(np.char.add(np.char.capitalize(types.astype(str)), " "), idx.astype(str))
    return pd.DataFrame(
        {"id": ids, "label": labels, "type": types, "compartment": comps, "synonyms": np.char.add("syn", idx.astype(str)),
         "description": np.char.add("Synthetic entity number ", idx.astype(str))}
    )  # fmt: skip


def _sources(n: int) -> pd.DataFrame:
    idx = np.arange(n).astype(str)
    return pd.DataFrame(
        {"id": np.char.add("synthetic", idx), "citation": np.char.add(np.char.add("Synthetic S et al. (2020). Synthetic source ", idx), " (not a real publication). Test Data."),
         "year": "2020", "doi": np.char.add("10.5555/synthetic.", idx), "pmid": "", "url": ""}
    )  # fmt: skip


def _edges(n_nodes: int, n_edges: int, n_sources: int, rng: np.random.Generator) -> pd.DataFrame:
    weights = 1.0 / np.arange(1, n_nodes + 1) ** 0.8  # Zipf-like: node 0 is the biggest hub
    weights /= weights.sum()
    rel = np.array(schema.RELATIONS)
    parts, need, first = [], n_edges, True
    while need > 0:
        m = int(need * 1.3) + 16
        s = rng.choice(n_nodes, m, p=weights)
        t = rng.integers(0, n_nodes, m)
        r = rng.integers(0, len(rel), m)
        if first:  # every relation present; kept because drop_duplicates keeps first rows
            r[: len(rel)] = np.arange(len(rel))
            t[: len(rel)] = np.where(t[: len(rel)] == s[: len(rel)], (s[: len(rel)] + 1) % n_nodes, t[: len(rel)])
            first = False
        batch = pd.DataFrame({"s": s, "t": t, "r": r})
        parts.append(batch[batch.s != batch.t])
        out = pd.concat(parts).drop_duplicates(["s", "t", "r"])
        need = n_edges - len(out)
    out = out.head(n_edges).reset_index(drop=True)
    m = len(out)
    r = out["r"].to_numpy()
    topics = np.array(schema.TOPICS, dtype=object)
    t1 = rng.integers(0, len(topics), m)
    t1[: len(topics)] = np.arange(len(topics))
    t2 = rng.integers(0, len(topics), m)
    topic_str = np.where(t1 == t2, topics[t1], topics[t1] + "|" + topics[t2])
    frame = pd.DataFrame(
        {"s": out["s"], "t": out["t"], "relation": rel[r], "topics": topic_str,
         "evidence": _cycle(schema.EVIDENCE, m, rng, p=[0.35, 0.35, 0.2, 0.1]),
         "study_type": _cycle(schema.STUDY_TYPES, m, rng), "species": _cycle(schema.SPECIES, m, rng),
         "references": np.char.add("synthetic", rng.integers(0, n_sources, m).astype(str)),
         "note": "Synthetic relation."}
    )  # fmt: skip
    return frame


def _cycle(vocab, m: int, rng: np.random.Generator, p=None) -> np.ndarray:
    values = np.array(vocab, dtype=object)[rng.choice(len(vocab), m, p=p)]
    values[: len(vocab)] = vocab
    return values


def write_synthetic(out: str | Path, n_nodes: int, n_edges: int, seed: int = 0) -> Path:
    """Write a synthetic atlas folder (nodes/edges/sources/lessons.csv) and return its path."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for name, frame in synthetic_frames(n_nodes, n_edges, seed).items():
        frame.to_csv(out / f"{name}.csv", index=False, lineterminator="\n")
    return out
