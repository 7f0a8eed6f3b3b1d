"""Merge a researcher's atlas into the shipped one: same id = same entity, the user's rows win.

Rule (documented for the app and the README):

* nodes match on ``id``, sources on ``id``, relations on ``(source, target, relation)``, lesson
  steps on ``(lesson, step)``;
* when both atlases hold the same key, **the user's row replaces the shipped row** (it is the
  data the researcher chose to bring); every disagreement that changes meaning is listed as a
  conflict: a node with another label or type, a source with another DOI, a relation with
  another evidence grade;
* rows only one atlas holds are kept as they are, so the result is valid whenever both inputs are;
* evidence rows (contract v1.1) match on ``(source, target, relation, reference)``; the user's row
  wins, and a row is kept only while the merged relation still cites its reference;
* hand-laid lesson positions (lesson_layout.csv) match on ``(lesson, id)``; the user's row wins.
"""

from __future__ import annotations

import pandas as pd

from .atlas import Atlas

__all__ = ["merge_atlases", "MERGE_RULE"]

MERGE_RULE = "Same id = same entity; where both atlases hold the same row, your row wins and the difference is listed."

_EDGE_KEY = ["source", "target", "relation"]


def merge_atlases(base: Atlas, extra: Atlas) -> tuple[Atlas, list[str]]:
    """Union of ``base`` (shipped) and ``extra`` (the user's); ``extra`` wins on shared keys.

    Returns the merged Atlas and one human-readable line per conflict.

    Examples
    --------
    >>> merged, conflicts = merge_atlases(shipped, mine)  # doctest: +SKIP
    >>> conflicts[0]  # doctest: +SKIP
    "node HGNC:6018: label 'IL-6' (shipped) vs 'Interleukin 6' (yours) — yours kept"
    """
    conflicts: list[str] = []
    conflicts += _diff(base.nodes, extra.nodes, ["id"], ("label", "type"), "node")
    conflicts += _diff(base.sources, extra.sources, ["id"], ("doi",), "source")
    conflicts += _diff(base.edges, extra.edges, _EDGE_KEY, ("evidence",), "relation")
    nodes = _union(base.nodes, extra.nodes, ["id"])
    sources = _union(base.sources, extra.sources, ["id"])
    edges = _union(
        base.edges.drop(columns="topic_mask", errors="ignore"), extra.edges.drop(columns="topic_mask", errors="ignore"), _EDGE_KEY
    )
    lessons = _union(base.lessons, extra.lessons, ["lesson", "step"]) if not extra.lessons.empty else base.lessons
    evidence = _merged_evidence(base.evidence, extra.evidence, edges)
    layout = _union(base.lesson_layout, extra.lesson_layout, ["lesson", "id"]) if not extra.lesson_layout.empty else base.lesson_layout
    merged = Atlas.from_frames(nodes, edges, sources, lessons, warnings=tuple(base.warnings) + tuple(extra.warnings), evidence=evidence,
                               lesson_layout=layout)  # fmt: skip
    return merged, conflicts


def _merged_evidence(base: pd.DataFrame, extra: pd.DataFrame, edges: pd.DataFrame) -> pd.DataFrame:
    """Evidence rows of both (yours win per (relation, reference)), kept only where the merged relation still cites that reference."""
    rows = _union(base, extra, [*_EDGE_KEY, "reference"])
    if rows.empty:
        return rows
    cited = edges[_EDGE_KEY].assign(reference=edges["references"].str.split("|")).explode("reference")
    keep = pd.MultiIndex.from_frame(rows[[*_EDGE_KEY, "reference"]]).isin(pd.MultiIndex.from_frame(cited[[*_EDGE_KEY, "reference"]]))
    return rows[keep].reset_index(drop=True)


def _union(base: pd.DataFrame, extra: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Every row of both; where a key is in both, the ``extra`` row (it comes last, so it is kept)."""
    combined = pd.concat([base, extra], ignore_index=True)
    return combined.drop_duplicates(key, keep="last").reset_index(drop=True)


def _diff(base: pd.DataFrame, extra: pd.DataFrame, key: list[str], columns: tuple[str, ...], what: str) -> list[str]:
    """One line per shared key whose ``columns`` differ (case and surrounding spaces ignored)."""
    cols = [c for c in columns if c in base and c in extra]
    joined = base[key + cols].merge(extra[key + cols], on=key, suffixes=("_base", "_extra"))
    lines = []
    for col in cols:
        old, new = joined[f"{col}_base"].astype(str), joined[f"{col}_extra"].astype(str)
        differs = old.str.strip().str.lower() != new.str.strip().str.lower()
        for idx in joined.index[differs]:
            name = " ".join(str(joined.at[idx, k]) for k in key)
            lines.append(f"{what} {name}: {col} '{old[idx]}' (shipped) vs '{new[idx]}' (yours) — yours kept")
    return lines
