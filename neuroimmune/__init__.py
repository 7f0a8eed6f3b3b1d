"""Neuroimmune Atlas: a pure library (no Streamlit) for a cited neuro-immune knowledge graph.

Use it from a notebook::

    import neuroimmune as ni
    atlas = ni.load_atlas("data")
    gut = atlas.filter(ni.Filters(evidence=("established", "supported")), view="gut_brain")
    for path in atlas.paths("HGNC:5992", "MESH:D003865"):
        print(path.sentences())
"""

from .atlas import VIEW_TOPICS, Atlas, AtlasError, ExplainedPath, Filters, Hop, atlas_from_files, load_atlas
from .schema import Problem, validate_files, validate_folder

__all__ = [
    "Atlas",
    "AtlasError",
    "ExplainedPath",
    "Filters",
    "Hop",
    "Problem",
    "VIEW_TOPICS",
    "atlas_from_files",
    "load_atlas",
    "validate_files",
    "validate_folder",
]
__version__ = "0.1.0"
