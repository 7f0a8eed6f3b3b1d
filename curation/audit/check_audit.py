"""Check one audit slice: python3 check_audit.py curation/audit/sliceN (prints problems; exit 1 if any)."""

import csv
import re
import sys
from pathlib import Path

EV_COLS = "source,target,relation,reference,study_type,species,direction,finding,locator,checked,keep".split(",")
CH_COLS = "source,target,relation,new_source,new_target,new_relation,new_note,reason".split(",")
SRC_COLS = "id,citation,year,doi,pmid,url".split(",")
NODE_COLS = "id,label,type,compartment,condition_group,synonyms,description".split(",")
STUDY = {"human_interventional", "human_observational", "genetic", "animal", "in_vitro", "review"}
SPECIES = {"human", "mouse", "rat", "mixed"}
DIRECTION = {"supports", "contradicts", "mixed"}
RELATIONS = set(
    "increases decreases activates inhibits produces binds signals_through causes associated_with biomarker_of treats "
    "targets part_of located_in is_a elevated_in reduced_in worsens REMOVE".split()
)
DATA = Path(__file__).resolve().parent / "base"  # the atlas before the audit: the slices use its keys


def read(path, cols, problems):
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        if rows and list(rows[0].keys()) != cols:
            problems.append(f"{path.name}: header must be {','.join(cols)}")
    return rows


def main(folder: Path) -> int:
    problems: list[str] = []
    pairs = read(folder / "pairs.csv", None or list(csv.reader(open(folder / "pairs.csv")))[0], problems)
    ev = read(folder / "evidence.csv", EV_COLS, problems)
    ch = read(folder / "edge_changes.csv", CH_COLS, problems)
    ns = read(folder / "new_sources.csv", SRC_COLS, problems)
    nn = read(folder / "new_nodes.csv", NODE_COLS, problems)
    node_ids = {r["id"] for r in csv.DictReader(open(DATA / "nodes.csv"))} | {r["id"] for r in nn}
    src_ids = {r["id"] for r in csv.DictReader(open(DATA / "sources.csv"))}
    keys = {(r["source"], r["target"], r["relation"]) for r in csv.DictReader(open(DATA / "edges.csv"))}
    citable = src_ids | {r["id"] for f in folder.parent.glob("slice*/new_sources.csv") for r in csv.DictReader(open(f))}
    want = {(r["source"], r["target"], r["relation"], r["reference"]) for r in pairs}
    seen = set()
    for i, r in enumerate(ev, start=2):
        k = (r["source"], r["target"], r["relation"], r["reference"])
        if k in seen:
            problems.append(f"evidence.csv:{i}: duplicate row for {k}")
        seen.add(k)
        if k[:3] not in keys:
            problems.append(f"evidence.csv:{i}: relation {k[:3]} is not in data/edges.csv (use the CURRENT key)")
        if k not in want and r["reference"] not in citable:
            problems.append(f"evidence.csv:{i}: pair {k} is not in pairs.csv and its reference is neither a source nor a new source")
        for col, voc in (("study_type", STUDY), ("species", SPECIES), ("direction", DIRECTION), ("keep", {"yes", "no"})):
            if r[col] not in voc:
                problems.append(f"evidence.csv:{i}: {col} {r[col]!r} not one of {sorted(voc)}")
        if not r["finding"].strip() or len(r["finding"]) > 400:
            problems.append(f"evidence.csv:{i}: finding empty or longer than 400 characters")
        if not r["locator"].strip():
            problems.append(f"evidence.csv:{i}: locator empty")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["checked"]):
            problems.append(f"evidence.csv:{i}: checked must be YYYY-MM-DD")
    missing = want - seen
    if missing:
        problems.append(f"{len(missing)} of {len(want)} pairs have no evidence row yet, e.g. {sorted(missing)[:3]}")
    for i, r in enumerate(ch, start=2):
        if (r["source"], r["target"], r["relation"]) not in keys:
            problems.append(f"edge_changes.csv:{i}: current key not in data/edges.csv")
        if r["new_relation"] and r["new_relation"] not in RELATIONS:
            problems.append(f"edge_changes.csv:{i}: new_relation {r['new_relation']!r} unknown")
        for col in ("new_source", "new_target"):
            if r[col] and r[col] not in node_ids:
                problems.append(f"edge_changes.csv:{i}: {col} {r[col]} not in nodes.csv nor new_nodes.csv")
    for i, r in enumerate(ns, start=2):
        if r["id"] in src_ids:
            problems.append(f"new_sources.csv:{i}: id {r['id']} already exists in the pre-audit sources.csv")
        if not (r["doi"] or r["pmid"]):
            problems.append(f"new_sources.csv:{i}: needs a verified doi or pmid")
        if r["pmid"] and not r["pmid"].isdigit():
            problems.append(f"new_sources.csv:{i}: pmid digits only")
        if r["doi"] and not r["doi"].startswith("10."):
            problems.append(f"new_sources.csv:{i}: doi must start with 10.")
    if not (folder / "AUDIT.md").exists():
        problems.append("AUDIT.md missing")
    print("\n".join(problems) or f"ok: {len(seen)} evidence rows, {len(ch)} changes, {len(ns)} new sources")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
