"""Downloads of the view on screen: PNG (1920×1080 and 2×), SVG, standalone HTML, CSV, GraphML, Cytoscape JSON, BibTeX, "Cite this view"."""

from __future__ import annotations

import hashlib

import streamlit as st

from neuroimmune import Atlas, Filters
from neuroimmune.exchange import figure_positions, to_cyjs, to_graphml
from neuroimmune.export import ExportError, cite_view_zip, export_filename, export_tables, figure_to_html, figure_to_image, to_bibtex

__all__ = ["export_buttons", "network_buttons"]

_IMAGES = (("PNG 1920×1080", "png", 1, ".png"), ("PNG 2× (3840×2160)", "png", 2, "@2x.png"), ("SVG", "svg", 1, ".svg"))


def _signature(fig, drawn: Atlas, view: str, filters: Filters) -> str:
    """Identifies what is on screen, so prepared images never outlive a change of the view."""
    title = fig.layout.title.text if fig.layout.title else ""
    ids = "|".join(sorted(drawn.nodes["id"]))
    return hashlib.sha256(f"{drawn.version}{view}{filters.summary()}{title}{len(drawn.edges)}{ids}".encode()).hexdigest()[:16]


def _share_url() -> str:
    params = "&".join(f"{k}={v}" for k, v in st.query_params.to_dict().items())
    try:
        base = st.context.url.split("?")[0]
    except Exception:  # noqa: BLE001 - AppTest has no browser URL
        base = ""
    return f"{base}?{params}" if params else base


@st.fragment
def export_buttons(fig, drawn: Atlas, *, view: str, filters: Filters, key: str, file_stem: str | None = None) -> None:
    """Cheap files are built when clicked; images need "Prepare images" first (≈1 s each, Chromium).

    File names start with ``file_stem`` (default: the view), e.g. a lesson step's key and number.
    """
    name = lambda ext: export_filename(file_stem or view, filters, ext)  # noqa: E731
    title = fig.layout.title.text if fig.layout.title else view
    with st.expander("Download this view", icon=":material/download:"):
        c1, c2, c3 = st.columns(3)
        c1.download_button("Interactive HTML", data=lambda: figure_to_html(fig, title=f"Neuroimmune Atlas - {view}",
                           caption=title or "", citations=drawn.cited_sources()["citation"]), file_name=name("html"),
                           mime="text/html", key=f"{key}_html", on_click="ignore")  # fmt: skip
        tables = lambda member: export_tables(drawn)[member]  # noqa: E731
        members = [("Entities (CSV)", "nodes.csv", "nodes"), ("Relations (CSV)", "edges.csv", "edges")]
        if not drawn.evidence_of().empty:
            members.append(("Evidence per paper (CSV)", "evidence.csv", "evidence"))
        for label, member, suffix in members:
            c2.download_button(label, data=lambda m=member: tables(m), file_name=name(member), mime="text/csv",
                               key=f"{key}_{suffix}", on_click="ignore")  # fmt: skip
        network_buttons(drawn, key=key, name=name, fig=fig, view=view, filters=filters, column=c2)
        c3.download_button("References (BibTeX)", data=lambda: to_bibtex(drawn.cited_sources()), file_name=name("bib"),
                           mime="application/x-bibtex", key=f"{key}_bib", on_click="ignore")  # fmt: skip
        url = _share_url()
        c3.download_button("Cite this view (ZIP)", data=lambda: cite_view_zip(fig, drawn, view=view, filters=filters, url=url, drawn=drawn),
                           file_name=name("zip"), mime="application/zip", key=f"{key}_zip", on_click="ignore",
                           help="Figure (PNG, SVG, HTML), its data, references.bib and a README with the link that reproduces it.")  # fmt: skip
        _images(fig, drawn, view=view, filters=filters, key=key, name=name)


def network_buttons(atlas: Atlas, *, key: str, name, fig=None, view: str = "all", filters: Filters | None = None, column=None) -> None:
    """GraphML and Cytoscape JSON of ``atlas`` (laid out as ``fig`` draws it, when given), built when clicked."""
    where = column or st
    meta = {
        "name": f"Neuroimmune Atlas - {view}",
        "view": view,
        "filters": (filters or Filters()).describe(),
        "atlas_version": atlas.version,
    }
    build = lambda writer: writer(atlas, positions=figure_positions(fig) if fig is not None else None, meta=meta)  # noqa: E731
    where.download_button("Network (GraphML)", data=lambda: build(to_graphml), file_name=name("graphml"), mime="application/xml",
                          key=f"{key}_graphml", on_click="ignore", help="For Cytoscape, Gephi, yEd, igraph or networkx.")  # fmt: skip
    where.download_button("Network (Cytoscape JSON)", data=lambda: build(to_cyjs), file_name=name("cyjs"), mime="application/json",
                          key=f"{key}_cyjs", on_click="ignore", help="Cytoscape desktop or Cytoscape.js, laid out as drawn here.")  # fmt: skip


def _images(fig, drawn: Atlas, *, view: str, filters: Filters, key: str, name) -> None:
    store_key = f"{key}_images"
    signature = _signature(fig, drawn, view, filters)
    prepared = st.session_state.get(store_key)
    if prepared is None or prepared["signature"] != signature:
        if not st.button(
            "Prepare images (PNG, SVG)", key=f"{key}_prepare", help="Renders the figure with Chromium, about a second per image."
        ):
            return
        prepared = {"signature": signature, "files": {}, "error": ""}
        with st.spinner("Rendering the images…"):
            try:
                for label, fmt, scale, _ in _IMAGES:
                    prepared["files"][label] = figure_to_image(fig, fmt, width=1920, height=1080, scale=scale)
            except ExportError as exc:
                prepared["error"] = str(exc)
        st.session_state[store_key] = prepared
    if prepared["error"]:
        st.warning(f"Images cannot be made on this server: {prepared['error']} The HTML download and the chart's camera button still work.")
    cols = st.columns(len(_IMAGES))
    for col, (label, fmt, _, suffix) in zip(cols, _IMAGES, strict=True):
        if label in prepared["files"]:
            stem = name(fmt)[: -len(fmt) - 1]
            col.download_button(label, data=prepared["files"][label], file_name=stem + suffix, mime="image/svg+xml" if fmt == "svg" else "image/png",
                                key=f"{key}_{fmt}{suffix}", on_click="ignore")  # fmt: skip
