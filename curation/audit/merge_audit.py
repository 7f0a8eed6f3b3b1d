"""Merge the per-citation audit slices into data/: restated relations, dropped references, evidence.csv, re-derived grades.

Usage (from the repository root)::

    python curation/audit/merge_audit.py curation/audit --data data            # writes data/*.csv, prints a summary
    python curation/audit/merge_audit.py curation/audit --data data --dry-run  # summary only
    python curation/audit/merge_audit.py curation/audit --report curation/audit/MERGE_REPORT.txt  # + every list uncut

Each ``AUDIT/slice*/`` folder may hold ``evidence.csv`` (rows keyed by the CURRENT relation key, with a
``keep`` column), ``edge_changes.csv`` (restatements; ``new_relation=REMOVE`` removes), ``new_sources.csv``
and ``new_nodes.csv`` (see INSTRUCTIONS.md). What the merge does, in order:

1. adds new nodes and new sources (an id already in data/ is kept as it is; a differing one is reported);
2. attaches every evidence row to its relation; a row for a new source adds that reference to the relation;
   ``keep=no`` drops the reference from the relation (and the row);
3. applies edge_changes: REMOVE, or a new key and/or note; a restatement onto an existing relation merges
   the two (references, topics and evidence rows united);
4. removes relations left without a reference, and relations no remaining row supports (both listed);
5. re-derives grade, study_type and species of every relation whose rows are complete, cautiously (the
   curated grade if the rules permit it, else established → supported → emerging; contested when the
   rows say so; a curated contested the rows no longer support → supported, else emerging) with
   ``neuroimmune.evidence.cautious_grade``;
6. writes nodes, edges, sources (only those still cited), evidence.csv (contract columns, ``keep`` dropped),
   prints the summary and validates the result with the atlas validator.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from neuroimmune import evidence as rules  # noqa: E402
from neuroimmune.schema import RELATIONS, validate_folder  # noqa: E402

__all__ = ["MergeReport", "merge_audit", "main"]

Key = tuple[str, str, str]
REMOVE = "REMOVE"
_KEY = ("source", "target", "relation")


@dataclass
class MergeReport:
    """What the merge did; :meth:`lines` is the printed summary."""

    slices: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # REMOVE in edge_changes
    removed_no_reference: list[str] = field(default_factory=list)
    removed_unsupported: list[str] = field(default_factory=list)
    restated: list[str] = field(default_factory=list)
    merged_into_existing: list[str] = field(default_factory=list)
    dropped_references: list[str] = field(default_factory=list)  # keep=no
    added_references: list[str] = field(default_factory=list)  # rows for new sources
    new_nodes: int = 0
    new_sources: int = 0
    uncited_sources_dropped: int = 0
    regraded: Counter = field(default_factory=Counter)  # (old, new) grade
    study_type_changed: int = 0
    species_changed: int = 0
    incomplete: list[str] = field(default_factory=list)  # relations with pairs still lacking a row
    lesson_focus_lost: list[str] = field(default_factory=list)
    orphaned_nodes: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    rows: int = 0
    directions: Counter = field(default_factory=Counter)
    study_types: Counter = field(default_factory=Counter)
    relations: int = 0
    with_primary: int = 0

    @property
    def share_with_primary(self) -> float:
        return self.with_primary / self.relations if self.relations else 0.0

    def lines(self, *, full: bool = False) -> list[str]:
        """The summary; long lists are cut unless ``full``."""

        def block(title: str, items: list[str], limit: int = 200) -> list[str]:
            limit = len(items) if full else limit
            out = [f"{title}: {len(items)}"]
            out += [f"  - {x}" for x in items[:limit]]
            return out + ([f"  … and {len(items) - limit} more"] if len(items) > limit else [])

        out = [f"slices: {', '.join(self.slices) or 'none'}"]
        out += block("relations removed (edge_changes REMOVE)", self.removed)
        out += block("relations removed: no reference left after keep=no", self.removed_no_reference)
        out += block("relations removed: no remaining row supports them", self.removed_unsupported)
        out += block("relations restated", self.restated, 40)
        out += block("restatements merged into an existing relation", self.merged_into_existing)
        out += [f"references dropped (keep=no): {len(self.dropped_references)}"]
        out += [f"references added (new primary studies): {len(self.added_references)}"]
        out += [
            f"new nodes: {self.new_nodes}; new sources: {self.new_sources}; sources no longer cited (dropped): {self.uncited_sources_dropped}"
        ]
        changed = sum(n for (a, b), n in self.regraded.items() if a != b)
        out += [f"relations regraded: {changed}"]
        out += [f"  {a} → {b}: {n}" for (a, b), n in sorted(self.regraded.items()) if a != b]
        out += [f"study_type changed: {self.study_type_changed}; species changed: {self.species_changed}"]
        out += [f"evidence rows: {self.rows}"]
        out += [f"  direction {k}: {v}" for k, v in sorted(self.directions.items())]
        out += [f"  study_type {k}: {v}" for k, v in sorted(self.study_types.items())]
        out += [f"relations: {self.relations}; with a primary-study row (not review): {self.with_primary} ({self.share_with_primary:.1%})"]
        out += block("relations with pairs still lacking an evidence row (grade left as curated)", self.incomplete, 40)
        out += block("lesson focus ids that lost every relation or vanished", self.lesson_focus_lost)
        out += block("nodes left without any relation (kept in nodes.csv)", self.orphaned_nodes, 40)
        out += block("problems (rows skipped)", self.problems)
        return out


# ---------------------------------------------------------------------------------------------
def _read(path: Path) -> tuple[list[str], list[dict]]:
    if not path.exists():
        return [], []
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        rows = [{k: (v or "").strip() for k, v in r.items() if k is not None} for r in reader]
        return list(reader.fieldnames or []), rows


def _write(path: Path, cols: list[str], records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in records:
            w.writerow({c: r.get(c, "") for c in cols})


def _split(value: str) -> list[str]:
    return [x for x in value.split("|") if x]


def _union(*lists: list[str]) -> list[str]:
    return list(dict.fromkeys(x for items in lists for x in items))


def _name(key: Key) -> str:
    return f"{key[0]} {key[2]} {key[1]}"


@dataclass
class _Edge:
    row: dict
    refs: list[str]
    removed: bool = False

    @property
    def key(self) -> Key:
        return (self.row["source"], self.row["target"], self.row["relation"])


class _Atlas:
    """data/ as plain rows, with the edges indexed by key."""

    def __init__(self, data: Path):
        self.node_cols, self.nodes = _read(data / "nodes.csv")
        self.edge_cols, edge_rows = _read(data / "edges.csv")
        self.source_cols, self.sources = _read(data / "sources.csv")
        self.lesson_cols, self.lessons = _read(data / "lessons.csv")
        self.edges: list[_Edge] = []
        self.by_key: dict[Key, _Edge] = {}
        for row in edge_rows:
            key = (row["source"], row["target"], row["relation"])
            if key in self.by_key:  # a duplicate relation is merged, as on load
                first = self.by_key[key]
                first.refs = _union(first.refs, _split(row["references"]))
                continue
            edge = _Edge(row, _split(row["references"]))
            self.edges.append(edge)
            self.by_key[key] = edge
        self.rows: dict[Key, dict[str, dict]] = {}  # key → reference → evidence row
        self.connected_before = self._connected()

    def _connected(self) -> set[str]:
        return {n for e in self.edges if not e.removed for n in (e.row["source"], e.row["target"])}

    def remove(self, edge: _Edge) -> None:
        edge.removed = True
        self.by_key.pop(edge.key, None)
        self.rows.pop(edge.key, None)


# ---------------------------------------------------------------------------------------------
def _add_new_rows(atlas: _Atlas, slices: list[Path], report: MergeReport) -> set[str]:
    node_ids = {n["id"]: n for n in atlas.nodes}
    source_ids = {s["id"]: s for s in atlas.sources}
    new_source_ids: set[str] = set()
    for folder in slices:
        cols, rows = _read(folder / "new_nodes.csv")
        atlas.node_cols += [c for c in cols if c not in atlas.node_cols]
        for row in rows:
            old = node_ids.get(row["id"])
            if old is None:
                atlas.nodes.append(row)
                node_ids[row["id"]] = row
                report.new_nodes += 1
            elif (old["label"], old["type"]) != (row.get("label"), row.get("type")):
                report.problems.append(f"{folder.name}/new_nodes.csv: {row['id']} already exists as '{old['label']}' ({old['type']}); kept")
        _, rows = _read(folder / "new_sources.csv")
        for row in rows:
            old = source_ids.get(row["id"])
            if old is None:
                atlas.sources.append(row)
                source_ids[row["id"]] = row
                new_source_ids.add(row["id"])
                report.new_sources += 1
            elif (old.get("doi"), old.get("pmid")) != (row.get("doi"), row.get("pmid")):
                report.problems.append(f"{folder.name}/new_sources.csv: {row['id']} already exists with another DOI/PMID; kept the first")
    return set(source_ids)


def _attach_evidence(atlas: _Atlas, slices: list[Path], known_sources: set[str], report: MergeReport) -> None:
    drop: list[tuple[Key, str]] = []
    for folder in slices:
        _, rows = _read(folder / "evidence.csv")
        for line, row in enumerate(rows, start=2):
            where = f"{folder.name}/evidence.csv:{line}"
            key: Key = (row.get("source", ""), row.get("target", ""), row.get("relation", ""))
            ref = row.get("reference", "")
            edge = atlas.by_key.get(key)
            if edge is None:
                report.problems.append(f"{where}: relation {_name(key)} is not in edges.csv (expected the current key)")
                continue
            if ref not in edge.refs:
                if ref not in known_sources:
                    report.problems.append(f"{where}: reference '{ref}' is neither cited by {_name(key)} nor a source")
                    continue
                if row.get("keep", "yes").lower() != "no":
                    edge.refs.append(ref)
                    report.added_references.append(f"{_name(key)} + {ref}")
            pairs = atlas.rows.setdefault(key, {})
            if ref in pairs:
                report.problems.append(f"{where}: second row for {_name(key)} with reference '{ref}'; the first is kept")
                continue
            if row.get("keep", "yes").lower() == "no":
                drop.append((key, ref))
                continue
            pairs[ref] = {c: row.get(c, "") for c in rules.EVIDENCE_COLUMNS} | {"_slice": folder.name}
    for key, ref in drop:
        edge = atlas.by_key[key]
        if ref in edge.refs:
            edge.refs.remove(ref)
        report.dropped_references.append(f"{_name(key)} − {ref}")


def _apply_changes(atlas: _Atlas, slices: list[Path], report: MergeReport) -> None:
    node_ids = {n["id"] for n in atlas.nodes}
    seen: dict[Key, tuple[str, tuple[str, str, str]]] = {}  # key → (where, what the first change said)
    for folder in slices:
        _, changes = _read(folder / "edge_changes.csv")
        for line, ch in enumerate(changes, start=2):
            where = f"{folder.name}/edge_changes.csv:{line}"
            key: Key = (ch.get("source", ""), ch.get("target", ""), ch.get("relation", ""))
            said = (ch.get("new_source", ""), ch.get("new_target", ""), ch.get("new_relation", ""))
            if key in seen:  # slices share relations: the same restatement twice is agreement
                first_where, first_said = seen[key]
                if said != first_said:
                    report.problems.append(f"{where}: conflicts with {first_where} on {_name(key)}; the first change is kept")
                continue
            seen[key] = (where, said)
            edge = atlas.by_key.get(key)
            if edge is None:
                report.problems.append(f"{where}: relation {_name(key)} is not in edges.csv (or was removed already)")
                continue
            if ch.get("new_relation") == REMOVE:
                _remove(atlas, edge, folder.name, ch.get("reason", ""), report)
                continue
            new_key: Key = (ch.get("new_source") or key[0], ch.get("new_target") or key[1], ch.get("new_relation") or key[2])
            bad = [x for x in new_key[:2] if x not in node_ids] + ([new_key[2]] if new_key[2] not in RELATIONS else [])
            if bad:
                report.problems.append(f"{where}: restatement uses unknown {', '.join(bad)}; relation left as it was")
                continue
            _restate(atlas, edge, new_key, ch.get("new_note", ""), report)


def _remove(atlas: _Atlas, edge: _Edge, slice_name: str, reason: str, report: MergeReport) -> None:
    """REMOVE, unless another slice's paper supports the relation: then only this slice's references go."""
    pairs = atlas.rows.get(edge.key, {})
    others = sorted(ref for ref, r in pairs.items() if r["_slice"] != slice_name and r["direction"] == "supports")
    if not others:
        atlas.remove(edge)
        report.removed.append(f"{_name(edge.key)} — {reason}".rstrip(" —"))
        return
    mine = [ref for ref, r in pairs.items() if r["_slice"] == slice_name]
    for ref in mine:
        pairs.pop(ref)
        if ref in edge.refs:
            edge.refs.remove(ref)
        report.dropped_references.append(f"{_name(edge.key)} − {ref}")
    report.problems.append(
        f"{slice_name} asks to REMOVE {_name(edge.key)}, but {', '.join(others)} (other slices) support it: kept, "
        f"{', '.join(mine) or 'no reference'} dropped"
    )


#: Note prefixes that switch a relation on only in a barrier's failure state (neuroimmune.routes.BARRIERS).
STATE_PREFIXES = ("LEAKY GUT state:", "BBB DISRUPTED state:")


def _keep_state_prefix(old: str, new: str) -> str:
    """A restated note keeps the barrier-state prefix of the note it replaces (the gut–brain view reads it)."""
    for prefix in STATE_PREFIXES:
        if old.startswith(prefix) and not new.startswith(prefix):
            return f"{prefix} {new}"
    return new


def _restate(atlas: _Atlas, edge: _Edge, new_key: Key, note: str, report: MergeReport) -> None:
    old_key = edge.key
    report.restated.append(_name(old_key) if new_key == old_key else f"{_name(old_key)} → {_name(new_key)}")
    if note:
        edge.row["note"] = _keep_state_prefix(edge.row.get("note", ""), note)
    if new_key == old_key:
        return
    rows = atlas.rows.pop(old_key, {})
    for r in rows.values():
        r.update(zip(_KEY, new_key))
    atlas.by_key.pop(old_key)
    target = atlas.by_key.get(new_key)
    if target is None:
        edge.row.update(zip(_KEY, new_key))
        atlas.by_key[new_key] = edge
        atlas.rows[new_key] = rows
        return
    # the restatement says what an existing relation says: one relation, both papers' rows
    edge.removed = True
    target.refs = _union(target.refs, edge.refs)
    target.row["topics"] = "|".join(_union(_split(target.row["topics"]), _split(edge.row["topics"])))
    if note:
        target.row["note"] = _keep_state_prefix(target.row.get("note", "") or edge.row.get("note", ""), note)
    merged = atlas.rows.setdefault(new_key, {})
    for ref, r in rows.items():
        if ref in merged:
            report.problems.append(
                f"{_name(new_key)}: reference '{ref}' had a row under both {_name(old_key)} and here; kept the existing row"
            )
        else:
            merged[ref] = r
    report.merged_into_existing.append(f"{_name(old_key)} → {_name(new_key)}")


def _regrade(atlas: _Atlas, report: MergeReport) -> None:
    for edge in atlas.edges:
        if edge.removed:
            continue
        if not edge.refs:
            atlas.remove(edge)
            report.removed_no_reference.append(_name(edge.key))
            continue
        pairs = atlas.rows.get(edge.key, {})
        rows = [pairs[r] for r in edge.refs if r in pairs]
        missing = [r for r in edge.refs if r not in pairs]
        if missing:
            report.incomplete.append(f"{_name(edge.key)} (no row for {', '.join(missing)})")
            continue
        old = edge.row["evidence"]
        grade = rules.cautious_grade(old, rows)
        if grade is None:
            findings = "; ".join(f"{r['reference']} {r['direction']}: {r['finding'][:160]}" for r in rows)
            atlas.remove(edge)
            report.removed_unsupported.append(f"{_name(edge.key)} ({findings})")
            continue
        study_type, species = rules.summarise(rows)
        report.regraded[(old, grade)] += 1
        report.study_type_changed += study_type != edge.row["study_type"]
        report.species_changed += species != edge.row["species"]
        edge.row.update(evidence=grade, study_type=study_type, species=species)


def _finish(atlas: _Atlas, report: MergeReport) -> tuple[list[dict], list[dict], list[dict]]:
    edges, evidence = [], []
    for edge in atlas.edges:
        if edge.removed:
            continue
        edge.row["references"] = "|".join(edge.refs)
        edges.append(edge.row)
        pairs = atlas.rows.get(edge.key, {})
        evidence += [{c: pairs[r][c] for c in rules.EVIDENCE_COLUMNS} for r in edge.refs if r in pairs]
        report.relations += 1
        report.with_primary += any(rules.is_primary(pairs[r]) for r in edge.refs if r in pairs)
    report.rows = len(evidence)
    report.directions = Counter(r["direction"] for r in evidence)
    report.study_types = Counter(r["study_type"] for r in evidence)
    cited = {r for e in edges for r in _split(e["references"])}
    sources = [s for s in atlas.sources if s["id"] in cited]
    report.uncited_sources_dropped = len(atlas.sources) - len(sources)
    connected = atlas._connected()
    node_ids = {n["id"] for n in atlas.nodes}
    report.orphaned_nodes = sorted(atlas.connected_before - connected)
    for lesson in atlas.lessons:
        for node in _split(lesson.get("focus", "")):
            if node not in node_ids or (node in atlas.connected_before and node not in connected):
                report.lesson_focus_lost.append(f"{lesson['lesson']} step {lesson['step']}: {node}")
    return edges, evidence, sources


def merge_audit(audit: str | Path, data: str | Path, *, write: bool = True) -> MergeReport:
    """Merge ``audit/slice*/`` into the atlas folder ``data`` (written in place unless ``write=False``)."""
    audit, data = Path(audit), Path(data)
    slices = sorted(p for p in audit.glob("slice*") if p.is_dir())
    report = MergeReport(slices=[p.name for p in slices])
    atlas = _Atlas(data)
    known_sources = _add_new_rows(atlas, slices, report)
    _attach_evidence(atlas, slices, known_sources, report)
    _apply_changes(atlas, slices, report)
    _regrade(atlas, report)
    edges, evidence, sources = _finish(atlas, report)
    if write:
        _write(data / "nodes.csv", atlas.node_cols, atlas.nodes)
        _write(data / "edges.csv", atlas.edge_cols, edges)
        _write(data / "sources.csv", atlas.source_cols, sources)
        _write(data / "evidence.csv", list(rules.EVIDENCE_COLUMNS), evidence)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("audit", help="folder holding slice1/, slice2/, … (e.g. curation/audit)")
    parser.add_argument("--data", default=str(ROOT / "data"), help="atlas folder to update in place (default: data/)")
    parser.add_argument("--dry-run", action="store_true", help="print the summary without writing")
    parser.add_argument("--report", metavar="FILE", help="also write the full summary (every list uncut) to FILE")
    args = parser.parse_args(argv)
    report = merge_audit(args.audit, args.data, write=not args.dry_run)
    print("\n".join(report.lines()))
    if args.report:
        Path(args.report).write_text("\n".join(report.lines(full=True)) + "\n", encoding="utf-8")
    if args.dry_run:
        return 0
    result = validate_folder(args.data)
    print(f"validation of {args.data}: {len(result.errors)} error(s), {len(result.warnings)} warning(s)")
    for problem in result.errors[:30]:
        print(f"  {problem}")
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
