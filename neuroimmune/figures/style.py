"""Visual vocabulary: Okabe–Ito colours, a marker shape per node type, edge families and evidence styles."""

from __future__ import annotations

from dataclasses import dataclass

from .. import schema

__all__ = [
    "OKABE_ITO",
    "GREY",
    "NodeStyle",
    "NODE_STYLES",
    "EDGE_FAMILIES",
    "FAMILY_OF_RELATION",
    "FAMILY_COLOURS",
    "EvidenceStyle",
    "EVIDENCE_STYLES",
    "EVIDENCE_GRADE",
    "Theme",
    "theme",
    "node_style",
    "edge_family",
]

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
GREY = "#BBBBBB"  # dimmed nodes and "no overlay value"; never used for a node type


@dataclass(frozen=True)
class NodeStyle:
    """Colour and marker symbol of one node type; the (colour, symbol) pair is unique and every
    type also has its own symbol, so the legend still works in greyscale print."""

    colour: str
    symbol: str


_O = OKABE_ITO
#: One distinct symbol per type (15 shapes); colours repeat only across clearly different shapes.
NODE_STYLES: dict[str, NodeStyle] = {
    "condition": NodeStyle(_O["vermillion"], "diamond"),
    "symptom": NodeStyle(_O["purple"], "hourglass"),
    "process": NodeStyle(_O["green"], "hexagon"),
    "cytokine": NodeStyle(_O["orange"], "star"),
    "receptor": NodeStyle(_O["sky_blue"], "triangle-down"),
    "signaling": NodeStyle(_O["black"], "triangle-right"),
    "cell": NodeStyle(_O["blue"], "circle"),
    "microbe": NodeStyle(_O["yellow"], "pentagon"),
    "metabolite": NodeStyle(_O["green"], "triangle-up"),
    "neurotransmitter": NodeStyle(_O["blue"], "bowtie"),
    "hormone": NodeStyle(_O["purple"], "square"),
    "antibody": NodeStyle(_O["orange"], "x"),
    "protein": NodeStyle(_O["sky_blue"], "star-diamond"),
    "anatomy": NodeStyle(_O["vermillion"], "triangle-left"),
    "treatment": NodeStyle(_O["green"], "cross"),
}
assert set(NODE_STYLES) == set(schema.NODE_TYPES), "every node type needs a style"

#: Relation families drawn as one colour each. "activating" = pushes its target up,
#: "inhibiting" = pushes it down, "association" = co-occurrence without a stated mechanism,
#: "structural" = binding, signalling routes, membership, location, drug targets and treatment.
EDGE_FAMILIES: dict[str, tuple[str, ...]] = {
    "activating": ("increases", "activates", "produces", "causes", "worsens"),
    "inhibiting": ("decreases", "inhibits"),
    "association": ("associated_with", "biomarker_of", "elevated_in", "reduced_in"),
    "structural": ("binds", "signals_through", "part_of", "located_in", "targets", "treats", "is_a"),
}
FAMILY_OF_RELATION: dict[str, str] = {rel: fam for fam, rels in EDGE_FAMILIES.items() for rel in rels}
assert set(FAMILY_OF_RELATION) == set(schema.RELATIONS), "every relation needs a family"
FAMILY_COLOURS: dict[str, str] = {
    "activating": _O["vermillion"],
    "inhibiting": _O["blue"],
    "association": _O["purple"],
    "structural": "#555555",
}


@dataclass(frozen=True)
class EvidenceStyle:
    """How an evidence grade is drawn; grades with the same ``key`` share one trace."""

    key: str
    label: str
    dash: str
    opacity: float
    width_factor: float


#: established and supported are both solid (one trace), emerging fainter, contested dashed.
EVIDENCE_STYLES: dict[str, EvidenceStyle] = {
    "established": EvidenceStyle("solid", "established/supported", "solid", 0.75, 1.0),
    "supported": EvidenceStyle("solid", "established/supported", "solid", 0.75, 1.0),
    "emerging": EvidenceStyle("faint", "emerging", "solid", 0.3, 0.8),
    "contested": EvidenceStyle("dashed", "contested", "dash", 0.7, 1.0),
}
#: Evidence grade as a number for heatmaps (higher = stronger).
EVIDENCE_GRADE: dict[str, int] = {"contested": 1, "emerging": 2, "supported": 3, "established": 4}


@dataclass(frozen=True)
class Theme:
    """Sizes for one audience: a laptop screen or a projector (``presenter``)."""

    font_size: int
    title_size: int
    label_size: int
    line_width: float
    node_size: float
    arrow_size: float
    font_colour: str
    height: int


_NORMAL = Theme(font_size=16, title_size=22, label_size=16, line_width=1.2, node_size=11, arrow_size=8, font_colour="#222222", height=720)
_PRESENTER = Theme(
    font_size=22, title_size=30, label_size=20, line_width=2.4, node_size=16, arrow_size=12, font_colour="#000000", height=820
)


def theme(presenter: bool = False) -> Theme:
    """Sizes for screen use, or larger type and thicker lines for a projector.

    Examples
    --------
    >>> theme().font_size >= 16, theme(presenter=True).font_size > theme().font_size
    (True, True)
    """
    return _PRESENTER if presenter else _NORMAL


def node_style(node_type: str) -> NodeStyle:
    """Style of a node type (unknown types: dark grey circle-open)."""
    return NODE_STYLES.get(node_type, NodeStyle("#444444", "circle-open"))


def edge_family(relation: str) -> str:
    """Family of a relation (unknown relations count as structural).

    Examples
    --------
    >>> edge_family("inhibits"), edge_family("biomarker_of")
    ('inhibiting', 'association')
    """
    return FAMILY_OF_RELATION.get(relation, "structural")
