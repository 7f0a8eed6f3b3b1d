"""Merge the curation slices into data/ (nodes, edges, sources): python curation/merge.py

Rules: a node id defined in several slices keeps the first label/type and the longest description;
synonyms are unioned and compartment/condition_group filled from any slice (core_ids.csv and
core_descriptions.csv fill hub entities). Sources are merged by id; one paper (same DOI) under two ids
is unified to the first id. Duplicate relations (source, target, relation) are merged with the union of
topics and references; the first slice's evidence grade is kept and differences are printed.
"""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"
SLICES = ["cytokine", "gut_brain", "neuroimmune_disease", "neuropsych_stress", "treatment_biomarker"]
NODE_COLS = ["id", "label", "type", "compartment", "condition_group", "synonyms", "description"]
EDGE_COLS = ["source", "target", "relation", "topics", "evidence", "study_type", "species", "references", "note"]
# The same entity under two ids from different slices → one id.
ALIASES = {"NIA:achr_igg": "NIA:achr_antibody", "NIA:nmdar_igg": "NIA:anti_nmdar_igg", "CHEBI:59560": "CHEBI:15372", "DRUGBANK:DB06273": "MESH:C502936", "NIA:amyloid_beta": "CHEBI:64645"}
CAUTION = ["established", "supported", "emerging", "contested"]
SOURCE_COLS = ["id", "citation", "year", "doi", "pmid", "url"]


def rows(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(f)]


def union(*values: str) -> str:
    out: list[str] = []
    for v in values:
        out += [x.strip() for x in v.split("|") if x.strip() and x.strip() not in out]
    return "|".join(out)


def main() -> None:
    core = {r["id"]: r for r in rows(HERE / "core_ids.csv")}
    for r in rows(HERE / "core_descriptions.csv"):
        core[r["id"]].update(synonyms=r["synonyms"], description=r["description"])
    groups = {r["id"]: r["condition_group"] for r in rows(HERE / "condition_groups.csv")}
    nodes: dict[str, dict] = {}
    sources: dict[str, dict] = {}
    doi_to_id: dict[str, str] = {}
    edges: dict[tuple, dict] = {}
    for name in SLICES:
        d = HERE / name
        rename: dict[str, str] = {}
        for s in rows(d / "sources.csv"):
            doi = s.get("doi", "").lower()
            if doi and doi in doi_to_id and doi_to_id[doi] != s["id"]:
                rename[s["id"]] = doi_to_id[doi]
                continue
            if s["id"] in sources and sources[s["id"]].get("doi", "").lower() != doi:
                new = s["id"] + "x"
                print(f"{name}: source id {s['id']} clashes with another paper; renamed {new}")
                rename[s["id"]] = new
                s = dict(s, id=new)
            sources.setdefault(s["id"], s)
            if doi:
                doi_to_id.setdefault(doi, s["id"])
        for n in rows(d / "nodes.csv"):
            if n["id"] in ALIASES:
                continue
            base = core.get(n["id"], {})
            cur = nodes.get(n["id"]) or {**{c: "" for c in NODE_COLS}, **{k: v for k, v in base.items() if k in NODE_COLS}}
            cur["id"] = n["id"]
            for col in ("label", "type"):
                cur[col] = cur.get(col) or n.get(col, "")
            for col in ("compartment", "condition_group"):
                cur[col] = cur.get(col) or n.get(col, "")
            if name == "gut_brain" and n.get("compartment"):  # the gut-brain curators placed route nodes
                cur["compartment"] = n["compartment"]
            cur["synonyms"] = union(cur.get("synonyms", ""), n.get("synonyms", ""))
            if len(n.get("description", "")) > len(cur.get("description", "")) and not base.get("description"):
                cur["description"] = n["description"]
            nodes[n["id"]] = cur
        for e in rows(d / "edges.csv"):
            e["source"], e["target"] = ALIASES.get(e["source"], e["source"]), ALIASES.get(e["target"], e["target"])
            e["references"] = "|".join(rename.get(r, r) for r in e["references"].split("|") if r)
            key = (e["source"], e["target"], e["relation"])
            if key in edges:
                old = edges[key]
                if old["evidence"] != e["evidence"]:
                    # the more cautious grade wins (contested > emerging > supported > established)
                    if CAUTION.index(e["evidence"]) > CAUTION.index(old["evidence"]):
                        old.update({c: e[c] for c in ("evidence", "study_type", "species", "note")})
                    print(f"{name}: {key} graded {e['evidence']} here, earlier otherwise; kept {old['evidence']}")
                old["topics"] = union(old["topics"], e["topics"])
                old["references"] = union(old["references"], e["references"])
            else:
                edges[key] = {c: e.get(c, "") for c in EDGE_COLS}
    for e in edges.values():
        for end in (e["source"], e["target"]):
            if end not in nodes and end in core:
                nodes[end] = {c: core[end].get(c, "") for c in NODE_COLS}
    for nid, g in groups.items():
        if nid in nodes:
            nodes[nid]["condition_group"] = g
    used_refs = {r for e in edges.values() for r in e["references"].split("|")}
    unused = sorted(set(sources) - used_refs)
    if unused:
        print(f"dropping {len(unused)} uncited sources: {', '.join(unused)}")
    DATA.mkdir(exist_ok=True)
    _write(DATA / "nodes.csv", NODE_COLS, sorted(nodes.values(), key=lambda r: (r["type"], r["label"].lower())))
    _write(DATA / "edges.csv", EDGE_COLS, list(edges.values()))
    _write(DATA / "sources.csv", SOURCE_COLS, sorted((s for s in sources.values() if s["id"] in used_refs), key=lambda s: s["id"]))
    seen: dict[str, str] = {}
    for n in nodes.values():
        key = n["label"].lower()
        if key in seen:
            print(f"same label twice: {n['label']} ({seen[key]}, {n['id']})")
        seen[key] = n["id"]
    import shutil
    shutil.copyfile(HERE / "lessons.csv", DATA / "lessons.csv")
    print(f"wrote {len(nodes)} nodes, {len(edges)} edges, {len(used_refs & set(sources))} sources to {DATA}")


def _write(path: Path, cols: list[str], records: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        for r in records:
            w.writerow({c: r.get(c, "") for c in cols})


if __name__ == "__main__":
    main()
