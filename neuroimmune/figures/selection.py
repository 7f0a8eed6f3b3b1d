"""Turn the value returned by ``st.plotly_chart(on_select="rerun")`` into node ids and edge rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["selected_points", "selected_node_ids", "selected_edge_rows", "EDGE_PREFIX"]

#: Edge markers carry the edge row as an int; a string form ``"edge:<row>"`` is accepted too.
EDGE_PREFIX = "edge:"


def _get(obj: Any, key: str) -> Any:
    """``obj[key]`` or ``obj.key`` (Streamlit returns an attribute-accessible dict), else None."""
    if obj is None:
        return None
    if isinstance(obj, Mapping):
        return obj.get(key)
    try:
        return obj[key]
    except (KeyError, TypeError, IndexError):
        return getattr(obj, key, None)


def selected_points(event: Any) -> list[Any]:
    """The ``customdata`` of every selected point, in order (missing customdata skipped).

    Examples
    --------
    >>> selected_points({"selection": {"points": [{"customdata": "HGNC:5992"}, {"x": 1}]}})
    ['HGNC:5992']
    >>> selected_points(None)
    []
    """
    points = _get(_get(event, "selection"), "points") or []
    out = []
    for point in points:
        data = _get(point, "customdata")
        if isinstance(data, (list, tuple)):  # a 2-D customdata row: the id comes first
            data = data[0] if data else None
        if data is not None:
            out.append(data)
    return out


def _edge_row(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.startswith(EDGE_PREFIX) and value[len(EDGE_PREFIX) :].isdigit():
        return int(value[len(EDGE_PREFIX) :])
    return None


def selected_node_ids(event: Any) -> list[str]:
    """Node ids of the clicked / box-selected nodes, without duplicates; edge markers ignored.

    Parameters
    ----------
    event : dict-like or None
        What ``st.plotly_chart(fig, on_select="rerun", key=...)`` returned (or ``None``).

    Examples
    --------
    >>> event = {"selection": {"points": [{"customdata": "HGNC:6018"}, {"customdata": 17},
    ...                                   {"customdata": "edge:3"}, {"customdata": "HGNC:6018"}]}}
    >>> selected_node_ids(event)
    ['HGNC:6018']
    """
    ids: list[str] = []
    for value in selected_points(event):
        if isinstance(value, str) and value and _edge_row(value) is None and value not in ids:
            ids.append(value)
    return ids


def selected_edge_rows(event: Any) -> list[int]:
    """Row labels (in ``atlas.edges``) of the clicked edge arrowheads, without duplicates.

    Examples
    --------
    >>> selected_edge_rows({"selection": {"points": [{"customdata": 17}, {"customdata": "HGNC:1"},
    ...                                              {"customdata": "edge:3"}]}})
    [17, 3]
    """
    rows: list[int] = []
    for value in selected_points(event):
        row = _edge_row(value)
        if row is not None and row not in rows:
            rows.append(row)
    return rows
