"""A researcher's own values per entity (``id,value[,group,label]`` CSV) to colour the networks by.

Ids may be node ids, labels or synonyms (matched with :meth:`Atlas.resolve`). Nothing is dropped
silently: every bad value and every unknown id comes back as a ``file:line`` problem.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import pandas as pd

from .atlas import Atlas
from .schema import Problem, _decode, _parse_rows  # one decoder for every CSV the app reads

__all__ = ["Overlay", "parse_overlay", "MAX_OVERLAY_BYTES", "MAX_OVERLAY_ROWS", "OVERLAY_COLUMNS"]

MAX_OVERLAY_BYTES = 10 * 1024 * 1024
MAX_OVERLAY_ROWS = 200_000
OVERLAY_COLUMNS = ("id", "value", "group", "label")
_REQUIRED = ("id", "value")


@dataclass
class Overlay:
    """Parsed overlay: values (and optional groups/labels) indexed by resolved node id."""

    values: pd.Series = field(default_factory=lambda: pd.Series(dtype=float))
    groups: pd.Series = field(default_factory=lambda: pd.Series(dtype=str))
    labels: pd.Series = field(default_factory=lambda: pd.Series(dtype=str))
    unknown_ids: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    name: str = "overlay"

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems) and not self.values.empty

    def table(self, atlas: Atlas) -> pd.DataFrame:
        """Matched rows for display: id, atlas label, value, group, the user's label."""
        return pd.DataFrame(
            {"id": self.values.index, "entity": [atlas.label(i) for i in self.values.index], "value": self.values.to_numpy(),
             "group": self.groups.reindex(self.values.index).fillna("").to_numpy(),
             "label": self.labels.reindex(self.values.index).fillna("").to_numpy()}
        )  # fmt: skip


def parse_overlay(data: bytes, atlas: Atlas, *, name: str = "overlay.csv") -> Overlay:
    """Parse an overlay CSV against ``atlas``.

    Examples
    --------
    >>> ov = parse_overlay(b"id,value\\nIL-6,2.5\\nHGNC:5992,x\\nfoo,1\\n", atlas)  # doctest: +SKIP
    >>> ov.values.to_dict(), ov.unknown_ids  # doctest: +SKIP
    ({'HGNC:6018': 2.5}, ['foo'])
    """
    stem = PurePosixPath(name.replace("\\", "/")).stem or "overlay"
    rows, problems = _read(data, name)
    if rows is None:
        return Overlay(problems=problems, name=stem)
    header, body = rows
    col = {c.lower(): i for i, c in enumerate(header)}
    values: dict[str, float] = {}
    groups: dict[str, str] = {}
    labels: dict[str, str] = {}
    first_line: dict[str, int] = {}
    unknown: list[str] = []
    for line, _end, cells in body:
        cell = {c: (cells[i].strip() if i < len(cells) else "") for c, i in col.items()}
        raw_id, raw_value = cell["id"], cell["value"]
        if not raw_id:
            problems.append(Problem(name, line, "empty id (expected a node id, label or synonym)"))
            continue
        number = _number(raw_value)
        if number is None:
            problems.append(
                Problem(
                    name,
                    line,
                    f"value '{raw_value}' for '{raw_id}' is not a number (expected e.g. 1.5, -0.2 or 3e-4; use '.' for decimals)",
                )
            )
            continue
        node_id = atlas.resolve(raw_id)
        if node_id is None:
            unknown.append(raw_id)
            problems.append(
                Problem(
                    name, line, f"unknown id '{raw_id}' (not a node id, label or synonym in the current atlas); row not shown", "warning"
                )
            )
            continue
        if node_id in values:
            problems.append(
                Problem(
                    name, line, f"'{raw_id}' is {node_id} again (first on line {first_line[node_id]}); the first value is kept", "warning"
                )
            )
            continue
        values[node_id], first_line[node_id] = number, line
        groups[node_id], labels[node_id] = cell.get("group", ""), cell.get("label", "")
    if not values and not any(p.severity == "error" for p in problems):
        problems.append(
            Problem(name, None, "no row matched an entity of the current atlas (expected ids such as HGNC:6018, or labels such as IL-6)")
        )
    series = pd.Series(values, dtype=float, name=stem)
    return Overlay(series, pd.Series(groups, dtype=str), pd.Series(labels, dtype=str), unknown, problems, stem)


def _read(data: bytes, name: str):
    if len(data) > MAX_OVERLAY_BYTES:
        return None, [
            Problem(
                name, None, f"file is {len(data) / 1048576:.1f} MB, over the {MAX_OVERLAY_BYTES // 1048576} MB limit for overlay values"
            )
        ]
    if not data.strip():
        return None, [Problem(name, 1, "file is empty (expected a header row: id,value[,group,label])")]
    text, problems = _decode(name, data)
    if text is None:
        return None, problems
    header, body, problems = _parse_rows(name, text)
    header = [h.lower() for h in (header or [])]
    if len(header) == 1 and any(d in header[0] for d in (";", "\t", "|")):
        return None, [Problem(name, 1, "wrong delimiter: the header is not comma-separated (expected id,value[,group,label])")]
    missing = [c for c in _REQUIRED if c not in header]
    if missing:
        return None, problems + [Problem(name, 1, f"missing column(s) {', '.join(missing)} (expected a header id,value[,group,label])")]
    if len(body) > MAX_OVERLAY_ROWS:
        return None, [Problem(name, None, f"has {len(body):,} rows, more than {MAX_OVERLAY_ROWS:,}")]
    return (header, body), problems


def _number(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
