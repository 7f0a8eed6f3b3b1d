"""Data page pieces: load your own atlas (this session only), overlay values, and the data browser.

Uploads never enter ``st.cache_*``: the user's atlas and overlay live in ``st.session_state``,
which no other session can read. A bad upload changes nothing: the atlas in use stays active.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote

import pandas as pd
import streamlit as st

from neuroimmune import Atlas, Filters
from neuroimmune.merge import MERGE_RULE, merge_atlases
from neuroimmune.overlay import parse_overlay
from neuroimmune.schema import Problem
from neuroimmune.text import escape_markdown
from neuroimmune.upload import MAX_UPLOAD_MB, atlas_from_upload

from .data_source import USER_ATLAS_KEY, _folder_fingerprint, _load_folder, clear_user_atlas, data_folder, set_user_atlas, show_problems
from .overlay_state import OVERLAY_KEY, clear_overlay, set_overlay

__all__ = [
    "newest_files",
    "UploadReport",
    "atlas_upload_box",
    "load_user_upload",
    "overlay_box",
    "data_browser",
    "whole_atlas_downloads",
    "browse_tables",
    "search_rows",
]

REPORT_KEY = "upload_report"
NETWORK_UPLOAD_TYPES = ("graphml", "xml", "cyjs", "json")
_SIGNATURE_KEY = "_upload_signature"
_OVERLAY_REPORT_KEY = "_overlay_report"
_ACTIVE_KEY = "_upload_active_ids"


def _is_archive(name: str) -> bool:
    return not name.lower().endswith(".csv")


def newest_files(files: list[tuple[str, str]], active=(), seen=()) -> tuple[str, ...]:
    """Ids of the uploaded ``(file_id, name)`` pairs that make up the atlas now.

    ``active`` are the ids chosen on the previous run, ``seen`` every id the uploader held then. Files added since replace earlier files of the
    same name (a corrected CSV), and a newly added ZIP or other non-CSV replaces every earlier file;
    several new files of one name stay (the validator then asks which one is meant).

    >>> newest_files([("1", "nodes.csv"), ("2", "edges.csv"), ("3", "edges.csv")], ("1", "2"), ("1", "2"))
    ('1', '3')
    >>> newest_files([("1", "nodes.csv"), ("2", "edges.csv"), ("3", "edges.csv")], ("1", "3"), ("1", "2", "3"))
    ('1', '3')
    >>> newest_files([("1", "nodes.csv"), ("2", "atlas.zip")], ("1",), ("1",))
    ('2',)
    >>> newest_files([("1", "nodes.csv"), ("2", "atlas.zip")], ("2",), ("1", "2"))
    ('2',)
    """
    known = set(active)
    new = [(i, n) for i, n in files if i not in set(seen)]
    if not seen:
        return tuple(i for i, _ in files)
    if not new:  # a plain rerun, or the user removed a file
        return tuple(i for i, _ in files if i in known)
    new_names = {n.lower() for _, n in new}
    replace_all = any(_is_archive(n) for _, n in new)
    kept = [] if replace_all else [i for i, n in files if i in known and n.lower() not in new_names and not _is_archive(n)]
    return tuple(kept + [i for i, _ in new])


@dataclass
class UploadReport:
    """What happened to the last upload, shown until the next one."""

    names: list[str]
    problems: list[Problem] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    loaded: bool = False
    merged: bool = False


def _shipped_atlas() -> Atlas | None:
    folder = data_folder()
    fp = _folder_fingerprint(folder)
    return _load_folder(str(folder), fp, repr(fp))[0]


def load_user_upload(files: list[tuple[str, bytes]], *, merge: bool = False) -> UploadReport:
    """Validate an upload; on success make it (or its merge with the shipped atlas) this session's atlas."""
    report = UploadReport([name for name, _ in files], merged=merge)
    base = _shipped_atlas() if merge else None  # a network file may cite the shipped atlas's sources
    atlas, report.problems = atlas_from_upload(files, known_sources=base.sources if base is not None else None)
    if atlas is not None and merge:
        if base is None:
            report.problems.append(
                Problem("upload", None, "the shipped atlas is not valid, so there is nothing to merge with; loaded on its own", "warning")
            )
        else:
            atlas, report.conflicts = merge_atlases(base, atlas)
    if atlas is not None:
        set_user_atlas(atlas, ", ".join(report.names) + (" + shipped atlas" if merge else ""))
        report.loaded = True
    st.session_state[REPORT_KEY] = report
    return report


def _back_to_shipped() -> None:
    clear_user_atlas()
    st.session_state.pop(REPORT_KEY, None)  # the signature stays: the same files are not reloaded


def atlas_upload_box() -> None:
    """Uploader, merge option, report of the last upload and the way back to the shipped atlas."""
    files = st.file_uploader(
        f"Your atlas: nodes.csv, edges.csv, sources.csv (lessons.csv, lesson_layout.csv, evidence.csv optional) — or one ZIP of them (≤ {MAX_UPLOAD_MB} MB)",
        type=["csv", "zip", *NETWORK_UPLOAD_TYPES], accept_multiple_files=True, key="upload_files",
        help="Or a network from Cytoscape, Gephi or networkx: one GraphML or Cytoscape JSON file (with its sources.csv unless "
        "it came from this atlas), uploaded together. Attributes named like our columns are used, others kept.",
    )  # fmt: skip
    merge = st.checkbox("Merge with the shipped atlas", key="upload_merge", help=MERGE_RULE)
    # The uploader keeps earlier files when more are added: a corrected edges.csv uploaded after a
    # refused one must replace it, not be reported as "edges.csv given twice".
    pairs = [(f.file_id, f.name) for f in files or ()]
    active, seen = st.session_state.get(_ACTIVE_KEY, ((), ()))
    chosen = newest_files(pairs, active, seen)
    st.session_state[_ACTIVE_KEY] = (chosen, tuple(i for i, _ in pairs))
    files = [f for f in files or () if f.file_id in chosen]
    signature = (tuple((f.file_id, f.name, f.size) for f in files), merge)
    if files and signature != st.session_state.get(_SIGNATURE_KEY):
        st.session_state[_SIGNATURE_KEY] = signature
        load_user_upload([(f.name, f.getvalue()) for f in files], merge=merge)
    _show_report(st.session_state.get(REPORT_KEY))
    if st.session_state.get(USER_ATLAS_KEY) is not None:
        st.info(f"Using your atlas ({escape_markdown(st.session_state.get('user_atlas_name', 'upload'))}) in this browser session only.")
        st.button("Back to the shipped atlas", key="upload_reset", on_click=_back_to_shipped)


def _show_report(report: UploadReport | None) -> None:
    if report is None:
        return
    errors = [p for p in report.problems if p.severity == "error"]
    warnings = [p for p in report.problems if p.severity != "error"]
    if not report.loaded:
        st.error(
            f"Not loaded: {len(errors)} problem(s) in your upload. Nothing changed — the atlas you were using stays active. Fix these and upload again:"
        )
        show_problems(errors + warnings)
        return
    atlas = st.session_state.get(USER_ATLAS_KEY)
    what = "merged with the shipped atlas" if report.merged else "loaded"
    st.success(f"Your atlas was {what}: {len(atlas.nodes):,} entities, {len(atlas.edges):,} relations, {len(atlas.sources):,} sources.")
    if warnings:
        st.warning(f"{len(warnings)} warning(s):")
        show_problems(warnings)
    if report.merged:
        st.markdown(f"**{len(report.conflicts)} merge conflict(s).** {escape_markdown(MERGE_RULE)}")
        if report.conflicts:
            st.code("\n".join(report.conflicts), language=None)


# ---------------------------------------------------------------------------------------------
def overlay_box(atlas: Atlas) -> None:
    """Upload ``id,value[,group,label]``; the values colour the networks of every view."""
    up = st.file_uploader("Overlay values: a CSV with columns id,value (optional group,label)", type=["csv"], key="overlay_file")
    if up is not None and up.file_id != st.session_state.get("_overlay_file_id"):
        st.session_state["_overlay_file_id"] = up.file_id
        overlay = parse_overlay(up.getvalue(), atlas, name=up.name)
        st.session_state[_OVERLAY_REPORT_KEY] = overlay
        if overlay.ok:
            set_overlay(overlay)
    report = st.session_state.get(_OVERLAY_REPORT_KEY)
    if report is not None and not report.ok:
        st.error("Overlay not used: fix these problems and upload again (the previous overlay, if any, stays active):")
        show_problems(report.problems)
    active = st.session_state.get(OVERLAY_KEY)
    if active is None:
        st.caption("No overlay active. Ids may be node ids, labels or synonyms.")
        return
    st.success(f"Overlay “{escape_markdown(active.name)}” active: {len(active.values):,} values shown on the networks.")
    if active.unknown_ids:
        st.warning(f"{len(active.unknown_ids)} id(s) are not in the atlas and are not shown:")
        st.code("\n".join(active.unknown_ids), language=None)
    st.dataframe(active.table(atlas), hide_index=True, width="stretch", key="overlay_table")
    st.button("Remove the overlay", key="overlay_clear", on_click=_remove_overlay)


def _remove_overlay() -> None:
    clear_overlay()
    st.session_state.pop(_OVERLAY_REPORT_KEY, None)


# ---------------------------------------------------------------------------------------------
def browse_tables(atlas: Atlas, filters: Filters) -> dict[str, pd.DataFrame]:
    """nodes/edges/sources/lessons under the sidebar filters.

    Nodes = ends of kept relations (plus unconnected nodes of allowed types while no relation filter
    is set); sources = cited by kept relations; lessons = steps without focus or focusing a shown node;
    evidence (only for an atlas with evidence.csv) = the rows of kept relations.
    """
    relation_filters = any((filters.evidence, filters.study_types, filters.species, filters.topics, filters.human_evidence))
    kept = atlas.filter(filters, keep_isolated=not relation_filters)
    edges = kept.edges.drop(columns=["topic_mask"], errors="ignore")
    edges.insert(1, "source_label", edges["source"].map(atlas.labels))
    edges.insert(3, "target_label", edges["target"].map(atlas.labels))
    sources = kept.cited_sources().copy()
    sources["doi_link"] = [f"https://doi.org/{quote(d, safe='/:;()._-')}" if d else None for d in sources["doi"]]
    sources["pubmed_link"] = [f"https://pubmed.ncbi.nlm.nih.gov/{p}/" if p.isdigit() else None for p in sources["pmid"]]
    visible = set(kept.nodes["id"])
    focus = atlas.lessons["focus"].fillna("") if "focus" in atlas.lessons else pd.Series("", index=atlas.lessons.index)
    lesson_ok = [not f or any(x in visible for x in f.split("|")) for f in focus]
    tables = {
        "nodes": kept.nodes.reset_index(drop=True),
        "edges": edges.reset_index(drop=True),
        "sources": sources.reset_index(drop=True),
        "lessons": atlas.lessons[lesson_ok].reset_index(drop=True),
    }
    if not atlas.evidence.empty:  # contract v1.1: what each paper showed about each kept relation
        tables["evidence"] = kept.evidence_of().reset_index(drop=True)
    if not atlas.lesson_layout.empty:  # hand-laid lesson positions of the lessons shown
        layout = atlas.lesson_layout
        tables["lesson_layout"] = layout[layout["lesson"].isin(set(tables["lessons"]["lesson"]))].reset_index(drop=True)
    return tables


def search_rows(frame: pd.DataFrame, query: str) -> pd.DataFrame:
    """Rows where any cell contains ``query`` (case-insensitive, literal text)."""
    q = query.strip().lower()
    if not q or frame.empty:
        return frame
    hit = frame.astype(str).apply(lambda col: col.str.lower().str.contains(q, regex=False)).any(axis=1)
    return frame[hit]


_LINKS = {
    "doi_link": st.column_config.LinkColumn("DOI link", display_text=r"https://doi\.org/(.*)"),
    "pubmed_link": st.column_config.LinkColumn("PubMed", display_text=r"https://pubmed\.ncbi\.nlm\.nih\.gov/(\d+)/"),
}


def whole_atlas_downloads(atlas: Atlas, filters: Filters) -> None:
    """The whole atlas (under the sidebar filters) as a network for Cytoscape, Gephi or networkx."""
    from neuroimmune.export import export_filename

    from .export_buttons import network_buttons

    kept = atlas.filter(filters, keep_isolated=filters == Filters())
    st.caption(
        f"The whole atlas as a network: {len(kept.nodes):,} entities, {len(kept.edges):,} relations ({escape_markdown(filters.describe())})."
    )
    cols = st.columns(2)
    network_buttons(kept, key="whole_atlas", name=lambda ext: export_filename("atlas", filters, ext), filters=filters, column=cols[0])


def _browsed(atlas: Atlas, filters: Filters, query: str) -> dict:
    """Per table: the rows matching ``query`` under ``filters``, as a frame and as the Arrow table shown."""
    import pyarrow as pa

    tables = browse_tables(atlas, filters)
    shown = {name: search_rows(frame, query) for name, frame in tables.items()}
    return {name: (frame, pa.Table.from_pandas(frame, preserve_index=False)) for name, frame in shown.items()}


def data_browser(atlas: Atlas, filters: Filters) -> None:
    """Every table filtered by the sidebar, searchable, sortable, downloadable as injection-safe CSV."""
    from neuroimmune.export import safe_csv_bytes

    from .cache import shared_value

    st.caption(f"Filters: {escape_markdown(filters.describe())}")
    query = st.text_input("Search every table", key="browse_query", placeholder="e.g. IL-6, microglia, 10.1038")
    shown = shared_value(_browsed, atlas, filters, query)  # once per atlas, filters and search: a rerun converts nothing
    tabs = st.tabs([f"{name} ({len(frame):,})" for name, (frame, _) in shown.items()])
    for tab, (name, (frame, arrow)) in zip(tabs, shown.items(), strict=False):
        with tab:
            st.dataframe(arrow, hide_index=True, width="stretch", key=f"browse_{name}", column_config=_LINKS if name == "sources" else None)
            csv = lambda f=frame: safe_csv_bytes(f.drop(columns=["doi_link", "pubmed_link"], errors="ignore"))  # noqa: E731  (when clicked)
            st.download_button(f"Download {name}.csv ({len(frame):,} rows)", data=csv, file_name=f"{name}.csv",
                               mime="text/csv", key=f"download_{name}", on_click="ignore")  # fmt: skip
