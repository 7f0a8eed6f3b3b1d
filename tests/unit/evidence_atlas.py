"""A tiny valid v1.1 atlas with evidence.csv, written by tests under tmp_path (no shared fixtures)."""

from __future__ import annotations

from pathlib import Path

NODES = """id,label,type
NIA:a,Cytokine A,cytokine
NIA:b,Condition B,condition
NIA:c,Cell C,cell
"""
SOURCES = """id,citation,year,doi,pmid
s1,Review R et al. (2020). A review of A. J Rev.,2020,10.1000/rev.1,
s2,Human H et al. (2021). A cohort about A. J Hum.,2021,,12345678
s3,Mouse M et al. (2019). Mice and A. J Mouse.,2019,10.1000/mouse.3,
"""
EDGES = """source,target,relation,topics,evidence,study_type,species,references,note
NIA:a,NIA:b,elevated_in,cytokine|condition_mechanism,supported,human_observational,human,s2,A is higher in B.
NIA:c,NIA:a,produces,cytokine,established,review,mixed,s1,C makes A.
NIA:a,NIA:c,activates,cytokine,contested,human_interventional,mixed,s2|s3,A activates C.
NIA:c,NIA:b,associated_with,condition_mechanism,emerging,animal,mouse,s3,C goes with B in mice.
"""
EVIDENCE_HEADER = "source,target,relation,reference,study_type,species,direction,finding,locator,checked\n"
EVIDENCE = (
    EVIDENCE_HEADER
    + """NIA:a,NIA:b,elevated_in,s2,human_observational,human,supports,Serum A was higher in people with B.,abstract,2026-12-01
NIA:c,NIA:a,produces,s1,review,mixed,supports,A review summarising that C cells release A.,section 2,2026-12-01
NIA:a,NIA:c,activates,s2,human_interventional,human,contradicts,Giving A did not activate C in a trial.,results,2026-12-01
NIA:a,NIA:c,activates,s3,animal,mouse,supports,A activated C in mice.,figure 2,2026-12-01
NIA:c,NIA:b,associated_with,s3,animal,mouse,supports,C accumulated in a mouse model of B.,figure 3,2026-12-01
"""
)


def write_atlas(folder: Path, *, edges: str = EDGES, evidence: str | None = EVIDENCE, nodes: str = NODES, sources: str = SOURCES) -> Path:
    """Write the atlas (``evidence=None`` leaves evidence.csv out) and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (("nodes.csv", nodes), ("edges.csv", edges), ("sources.csv", sources), ("evidence.csv", evidence)):
        if text is not None:
            (folder / name).write_text(text, encoding="utf-8")
    return folder
