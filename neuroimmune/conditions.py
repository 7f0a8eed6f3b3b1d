"""Condition groups and each condition's treatments and biomarkers, with evidence and citations."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .atlas import Atlas, relation_phrase

__all__ = [
    "CONDITION_GROUPS",
    "conditions_in_groups",
    "without_other_conditions",
    "condition_treatments",
    "condition_biomarkers",
    "best_documented_condition",
]

#: Values of the optional ``condition_group`` column of nodes.csv (see data/README.md).
CONDITION_GROUPS = ("neuroimmune", "psychiatric", "neurodegenerative", "autoimmune_systemic", "gut")
_COLUMNS = ["entity", "statement", "evidence", "study_type", "species", "citation", "note", "id"]


def conditions_in_groups(atlas: Atlas, groups: Iterable[str] = ()) -> list[str]:
    """Condition ids in any of ``groups`` (``|``-separated column), sorted by label; all when empty.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> len(conditions_in_groups(atlas)) == int((atlas.nodes["type"] == "condition").sum())
    True
    """
    n = atlas.nodes[atlas.nodes["type"] == "condition"]
    groups = set(groups)
    if groups:
        member = n["condition_group"].fillna("") if "condition_group" in n else pd.Series("", index=n.index)
        n = n[member.str.split("|").map(lambda gs: bool(groups & set(gs)))]
    return n.sort_values("label", kind="stable")["id"].tolist()


def without_other_conditions(atlas: Atlas, keep: Iterable[str]) -> Atlas:
    """``atlas`` minus every condition not in ``keep`` (and their relations)."""
    keep = set(keep)
    n = atlas.nodes
    drop = (n["type"] == "condition") & ~n["id"].isin(keep)
    return atlas.with_nodes(n.loc[~drop, "id"])


def _statements(atlas: Atlas, rows: pd.DataFrame, other: str) -> pd.DataFrame:
    if rows.empty:
        return pd.DataFrame(columns=_COLUMNS)
    return pd.DataFrame(
        {
            "entity": rows[other].map(atlas.label).to_numpy(),
            "statement": [
                f"{atlas.label(s)} {relation_phrase(r)} {atlas.label(t)}"
                for s, r, t in zip(rows["source"], rows["relation"], rows["target"])
            ],
            "evidence": rows["evidence"].to_numpy(),
            "study_type": rows["study_type"].to_numpy(),
            "species": rows["species"].to_numpy(),
            "citation": rows["references"].map(lambda r: "; ".join(atlas.citations(r))).to_numpy(),
            "note": rows["note"].to_numpy(),
            "id": rows[other].to_numpy(),
        }
    )


_GRADE = {"established": 0, "supported": 1, "emerging": 2, "contested": 3}


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values(["evidence", "entity"], key=lambda s: s.map(_GRADE) if s.name == "evidence" else s, kind="stable").reset_index(
        drop=True
    )


def condition_treatments(atlas: Atlas, condition: str) -> pd.DataFrame:
    """Treatments of ``condition``: ``treats`` relations, and a treatment that decreases or inhibits it.

    A treatment that *causes* the condition (IFN-α therapy → depression) is not listed here.

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> list(condition_treatments(atlas, atlas.nodes["id"].iloc[0]).columns)[:3]
    ['entity', 'statement', 'evidence']
    """
    e = atlas.edges
    return _ordered(_statements(atlas, e[(e["target"] == condition) & _treating(atlas)], "source"))


def _treating(atlas: Atlas) -> pd.Series:
    """Edges that state a treatment of their target: ``treats``, or a treatment decreasing or inhibiting it."""
    e = atlas.edges
    treatments = set(atlas.nodes.loc[atlas.nodes["type"] == "treatment", "id"])
    return (e["relation"] == "treats") | (e["source"].isin(treatments) & e["relation"].isin(["decreases", "inhibits"]))


def _marking(atlas: Atlas) -> pd.Series:
    """Edges that state a biomarker of their target, or a level measured higher or lower in it."""
    return atlas.edges["relation"].isin(["biomarker_of", "elevated_in", "reduced_in"])


def condition_biomarkers(atlas: Atlas, condition: str) -> pd.DataFrame:
    """Biomarkers of ``condition``: ``biomarker_of`` relations, and levels measured higher or lower in it.

    Contract v1.1 states a measured level as ``elevated_in`` / ``reduced_in`` (IL-6 elevated_in depression)
    instead of a loose ``associated_with``; such a level is a candidate biomarker, so it is listed too (the
    statement says which).
    """
    e = atlas.edges
    return _ordered(_statements(atlas, e[(e["target"] == condition) & _marking(atlas)], "source"))


def best_documented_condition(atlas: Atlas, conditions: Iterable[str]) -> str | None:
    """The condition of ``conditions`` with the most treatments and biomarkers in ``atlas`` (the first on a tie).

    The page's table of one condition opens on it, so a first look shows rows rather than "none recorded".

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(60, 200, seed=0))
    >>> best_documented_condition(atlas, []) is None
    True
    """
    conditions = list(conditions)
    if not conditions:
        return None
    e = atlas.edges
    counts = e.loc[_treating(atlas) | _marking(atlas), "target"].value_counts()
    return max(conditions, key=lambda c: int(counts.get(c, 0)))  # max keeps the first of equals
