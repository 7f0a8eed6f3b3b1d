"""Plain-text description of a drawn view, for screen readers, alt text and slide notes."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ..atlas import Atlas
from .style import EDGE_FAMILIES, edge_family

__all__ = ["describe_view", "VIEW_PHRASES"]

VIEW_PHRASES = {
    "overview": "The whole-atlas network",
    "gut_brain": "The gut–brain view, arranged in lanes from the gut (left) to the brain (right),",
    "cytokine": "The cytokine pathway view, in columns from cytokines through receptors and signalling to symptoms and conditions,",
    "condition_map": "The condition map, with conditions on the left and the mechanisms linked to them on the right,",
    "explorer": "The explorer view",
    "compare": "The comparison view",
}
_PLURAL = {
    "process": "processes",
    "antibody": "antibodies",
    "anatomy": "anatomical sites",
    "signaling": "signalling entities",
    "microbe": "microbes",
}


def _plural(word: str, n: int) -> str:
    if n == 1:
        return word
    return _PLURAL.get(word, word + "s")


def _count_list(counts: pd.Series, limit: int = 5) -> str:
    parts = [f"{int(n)} {_plural(str(t), int(n))}" for t, n in counts.head(limit).items()]
    rest = int(counts.iloc[limit:].sum())
    if rest:
        parts.append(f"{rest} others")
    return _join(parts)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _evidence_mix(edges: pd.DataFrame) -> str:
    if edges.empty:
        return ""
    share = edges["evidence"].value_counts(normalize=True)
    strong = share.get("established", 0) + share.get("supported", 0)
    text = f"{strong:.0%} of relations are established or supported"
    if share.get("emerging", 0):
        text += f", {share['emerging']:.0%} emerging"
    if share.get("contested", 0):
        text += f", {share['contested']:.0%} contested"
    return text + "."


def _family_mix(edges: pd.DataFrame) -> str:
    families = edges["relation"].map(edge_family).value_counts()
    parts = [f"{int(families[f])} {f}" for f in EDGE_FAMILIES if f in families]
    return f"By kind: {_join(parts)}." if parts else ""


def _hubs(atlas: Atlas, limit: int = 3) -> str:
    degree = pd.Series(atlas.degree, dtype=float)
    degree = degree[degree.index.isin(atlas.nodes["id"])].sort_values(ascending=False, kind="stable").head(limit)
    if degree.empty:
        return ""
    parts = [f"{atlas.label(i)} ({int(d)} relation{'s' if d != 1 else ''})" for i, d in degree.items()]
    return f"Most connected: {_join(parts)}."


def describe_view(atlas: Atlas, view: str, filters_text: str = "", focus: Iterable[str] = ()) -> str:
    """One plain-text paragraph describing what the figure of ``view`` shows.

    ``atlas`` is the drawn (filtered) atlas. The text names the counts by type, the strongest
    hubs, the evidence mix, the focus and the filters; it contains no markup (data text is
    reproduced as is: show it with ``st.text`` or as an image's alt text, never as HTML).

    Examples
    --------
    >>> from neuroimmune.synthetic import synthetic_frames
    >>> atlas = Atlas.from_frames(**synthetic_frames(40, 100, seed=0))
    >>> describe_view(atlas, "overview").startswith("The whole-atlas network shows 40 entities")
    True
    """
    n, e = atlas.nodes, atlas.edges
    opening = VIEW_PHRASES.get(view, f"The {view.replace('_', ' ')} view")
    if n.empty:
        return f"{opening} shows nothing: no entity matches the current filters ({filters_text or 'none'})."
    types = n["type"].value_counts()
    sentences = [
        f"{opening} shows {len(n)} entit{'ies' if len(n) != 1 else 'y'} ({_count_list(types)}) joined by {len(e)} relation{'s' if len(e) != 1 else ''}."
    ]
    focus = [f for f in focus if f in atlas.labels]
    if focus:
        sentences.append(f"In focus: {_join([atlas.label(f) for f in focus])}.")
    sentences += [_hubs(atlas), _family_mix(e), _evidence_mix(e)]
    if filters_text:
        sentences.append(f"Filters: {filters_text}.")
    return " ".join(s for s in sentences if s)
