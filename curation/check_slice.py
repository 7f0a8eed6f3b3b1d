"""Quick self-check for one curation slice: python curation/check_slice.py curation/<slice>"""
import csv, re, sys, pathlib, glob

TYPES = set("condition symptom process cytokine receptor signaling cell microbe metabolite neurotransmitter hormone antibody protein anatomy treatment".split())
COMPS = set("gut_lumen gut_epithelium gut_immune enteric_nervous circulation vagus hpa_axis bbb brain periphery".split())
RELS = set("increases decreases activates inhibits produces binds signals_through causes associated_with biomarker_of treats targets part_of located_in".split())
TOPICS = set("gut_brain cytokine condition_mechanism stress treatment biomarker neurotransmission".split())
EVID = set("established supported emerging contested".split())
STUDY = set("human_interventional human_observational genetic animal in_vitro review".split())
SPEC = set("human mouse rat mixed".split())
PREFIXES = {"HGNC", "MESH", "MONDO", "DOID", "CL", "CHEBI", "NCBITaxon", "UBERON", "GO", "NIA", "PR", "NCIT", "HP", "DRUGBANK"}

def rows(p):
    with open(p, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))

d = pathlib.Path(sys.argv[1])
root = pathlib.Path(__file__).parent
errs = []
core = {r["id"] for r in rows(root / "core_ids.csv")}
nodes = rows(d / "nodes.csv"); edges = rows(d / "edges.csv"); srcs = rows(d / "sources.csv")
ids = set()
for i, n in enumerate(nodes, 2):
    if n["id"] in ids: errs.append(f"nodes.csv:{i}: duplicate id {n['id']}")
    ids.add(n["id"])
    if n["type"] not in TYPES: errs.append(f"nodes.csv:{i}: bad type {n['type']}")
    if n.get("compartment") and n["compartment"] not in COMPS: errs.append(f"nodes.csv:{i}: bad compartment {n['compartment']}")
    if n["id"].split(":")[0] not in PREFIXES: errs.append(f"nodes.csv:{i}: unusual prefix {n['id']}")
    if n["id"].startswith("NIA:") and not re.fullmatch(r"NIA:[a-z0-9_]+", n["id"]): errs.append(f"nodes.csv:{i}: NIA ids are lower_snake_case")
    if not n.get("description"): errs.append(f"nodes.csv:{i}: missing description")
    if n["id"] in core: pass
known = ids | core
sids = set()
for i, s in enumerate(srcs, 2):
    if s["id"] in sids: errs.append(f"sources.csv:{i}: duplicate id")
    sids.add(s["id"])
    if not (s.get("doi") or s.get("pmid")): errs.append(f"sources.csv:{i}: needs doi or pmid")
    if s.get("doi") and not s["doi"].startswith("10."): errs.append(f"sources.csv:{i}: doi must start 10.")
    if s.get("pmid") and not s["pmid"].isdigit(): errs.append(f"sources.csv:{i}: pmid digits")
    if not re.fullmatch(r"(19|20)\d\d", s["year"]): errs.append(f"sources.csv:{i}: year")
other = set()
for p in glob.glob(str(root / "*" / "sources.csv")):
    other |= {r["id"] for r in rows(p)}
seen = set()
for i, e in enumerate(edges, 2):
    for k in ("source", "target"):
        if e[k] not in known: errs.append(f"edges.csv:{i}: {k} {e[k]} not in nodes.csv or core_ids.csv")
    if e["relation"] not in RELS: errs.append(f"edges.csv:{i}: relation {e['relation']}")
    for t in e["topics"].split("|"):
        if t not in TOPICS: errs.append(f"edges.csv:{i}: topic {t}")
    if e["evidence"] not in EVID: errs.append(f"edges.csv:{i}: evidence")
    if e["study_type"] not in STUDY: errs.append(f"edges.csv:{i}: study_type")
    if e["species"] not in SPEC: errs.append(f"edges.csv:{i}: species")
    for r in e["references"].split("|"):
        if r not in sids and r not in other: errs.append(f"edges.csv:{i}: reference {r} unknown")
    key = (e["source"], e["target"], e["relation"])
    if key in seen: errs.append(f"edges.csv:{i}: duplicate edge {key}")
    seen.add(key)
print("\n".join(errs) or "OK")
print(f"{len(nodes)} nodes, {len(edges)} edges, {len(srcs)} sources")
