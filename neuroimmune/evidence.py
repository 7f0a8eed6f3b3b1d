"""Grade rules of contract v1.1: a relation's grade, study type and species follow from its evidence rows.

One module holds the rules so the validator, the Atlas and the audit merge script agree. A *row* is
anything with ``study_type``, ``species`` and ``direction`` (a dict, a pandas row or an
:class:`EvidenceRow`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "DIRECTIONS",
    "HUMAN_STUDY_TYPES",
    "STUDY_TYPE_STRENGTH",
    "CAUTION_ORDER",
    "EVIDENCE_COLUMNS",
    "EvidenceRow",
    "is_human",
    "is_primary",
    "permitted_grades",
    "derive_grade",
    "cautious_grade",
    "summarise",
    "check_rules",
]

DIRECTIONS = ("supports", "contradicts", "mixed")
#: Study types that count as human evidence for the grade rules.
HUMAN_STUDY_TYPES = ("human_interventional", "human_observational", "genetic")
#: Strongest first: edges.csv ``study_type`` is the first of these among a relation's rows.
STUDY_TYPE_STRENGTH = ("human_interventional", "genetic", "human_observational", "animal", "in_vitro", "review")
#: The cautious fallback of the audit merge: a grade the rules do not permit steps down this chain.
CAUTION_ORDER = ("established", "supported", "emerging")
EVIDENCE_COLUMNS = ("source", "target", "relation", "reference", "study_type", "species", "direction", "finding", "locator", "checked")


@dataclass(frozen=True)
class EvidenceRow:
    """What one paper showed about one relation."""

    reference: str
    study_type: str
    species: str
    direction: str
    finding: str = ""
    locator: str = ""
    checked: str = ""


def _get(row, name: str) -> str:
    return str(row[name] if isinstance(row, Mapping) else getattr(row, name))


def is_human(row) -> bool:
    """A human study (``human_*``) or human genetics."""
    return _get(row, "study_type") in HUMAN_STUDY_TYPES


def is_primary(row) -> bool:
    """Any row that is not a review: the paper brings its own data."""
    return _get(row, "study_type") != "review"


def _tally(rows: Iterable) -> dict[str, int]:
    t = {"rows": 0, "supports": 0, "against": 0, "human_support": 0, "review": 0}
    for r in rows:
        t["rows"] += 1
        direction = _get(r, "direction")
        if direction == "supports":
            t["supports"] += 1
            t["human_support"] += is_human(r)
        elif direction in ("contradicts", "mixed"):
            t["against"] += 1
        t["review"] += _get(r, "study_type") == "review"
    return t


def permitted_grades(rows: Iterable) -> tuple[str, ...]:
    """Grades the rules allow for a relation with these rows (empty: no supporting row, an error).

    Examples
    --------
    >>> permitted_grades([{"study_type": "animal", "species": "mouse", "direction": "supports"}])
    ('emerging',)
    >>> permitted_grades([{"study_type": "review", "species": "mixed", "direction": "supports"},
    ...                   {"study_type": "human_interventional", "species": "human", "direction": "contradicts"}])
    ('contested',)
    """
    t = _tally(rows)
    if t["supports"] == 0:
        return ()
    if t["against"]:
        return ("contested",)
    grades = []
    if t["review"] or t["human_support"] >= 2:
        grades.append("established")
    if t["human_support"] >= 1:
        grades.append("supported")
    grades.append("emerging")
    return tuple(grades)


def derive_grade(rows: Iterable) -> str | None:
    """The strongest grade the rows permit (``None`` when no row supports the relation)."""
    grades = permitted_grades(rows)
    return grades[0] if grades else None


def cautious_grade(curated: str, rows: Iterable) -> str | None:
    """Keep ``curated`` if the rules permit it, else the first permitted grade below it.

    ``established → supported → emerging``; ``contested`` whenever the rows say so. A curated
    ``contested`` whose rows no longer disagree becomes ``supported`` if permitted, else ``emerging``:
    never ``established``, a consensus claim the curator did not make.

    Examples
    --------
    >>> rows = [{"study_type": "review", "species": "mixed", "direction": "supports"}]
    >>> cautious_grade("supported", rows), cautious_grade("established", rows)
    ('emerging', 'established')
    """
    grades = permitted_grades(rows)
    if not grades:
        return None
    if curated in grades:
        return curated
    if grades == ("contested",):
        return grades[0]
    start = CAUTION_ORDER.index(curated) + 1 if curated in CAUTION_ORDER else 1  # contested/unknown: below established
    below = CAUTION_ORDER[start:]
    return next(g for g in below if g in grades)


def summarise(rows: Iterable) -> tuple[str, str] | None:
    """edges.csv ``(study_type, species)`` for these rows: the strongest study type; ``mixed`` when species differ.

    Examples
    --------
    >>> summarise([{"study_type": "animal", "species": "mouse", "direction": "supports"},
    ...            {"study_type": "review", "species": "human", "direction": "supports"}])
    ('animal', 'mixed')
    """
    rows = list(rows)
    if not rows:
        return None
    types = {_get(r, "study_type") for r in rows}
    species = {_get(r, "species") for r in rows}
    strongest = next((s for s in STUDY_TYPE_STRENGTH if s in types), sorted(types)[0])
    return strongest, (species.pop() if len(species) == 1 else "mixed")


_NEEDS = {
    "established": "a review row or two or more supporting human rows (human_* or genetic), and no contradicts/mixed row",
    "supported": "at least one supporting human row (human_* or genetic) and no contradicts/mixed row",
    "emerging": "no contradicts/mixed row (a relation with evidence for and against is 'contested')",
    "contested": "at least one contradicts or mixed row and at least one supports row",
}


def check_rules(evidence: str, study_type: str, species: str, rows: Iterable) -> list[str]:
    """Messages for every grade rule the relation breaks (empty when it follows from its rows).

    Examples
    --------
    >>> check_rules("supported", "animal", "mouse", [{"study_type": "animal", "species": "mouse", "direction": "supports"}])
    ["evidence 'supported' does not follow from its evidence rows: it needs at least one supporting human row (human_* or genetic) and no contradicts/mixed row (the rows permit: emerging)"]
    """
    rows = list(rows)
    problems = []
    grades = permitted_grades(rows)
    if not grades:
        problems.append(
            "no evidence row supports this relation (expected at least one row with direction 'supports'; remove or restate it)"
        )
    elif evidence not in grades:
        need = _NEEDS.get(evidence, "a known grade")
        problems.append(
            f"evidence '{evidence}' does not follow from its evidence rows: it needs {need} (the rows permit: {', '.join(grades)})"
        )
    summary = summarise(rows)
    if summary is not None:
        want_type, want_species = summary
        if study_type != want_type:
            problems.append(
                f"study_type '{study_type}' is not the strongest among its evidence rows (expected '{want_type}'; "
                "order: " + " > ".join(STUDY_TYPE_STRENGTH) + ")"
            )
        if species != want_species:
            how = "the rows' species differ" if want_species == "mixed" else "every row says so"
            problems.append(f"species '{species}' does not match its evidence rows (expected '{want_species}': {how})")
    return problems
