"""Exports of what a view draws: injection-safe CSV, BibTeX, PNG/SVG, offline HTML, "cite this view" ZIP."""

from __future__ import annotations

import asyncio
import atexit
import datetime as _dt
import html
import io
import os
import re
import shutil
import threading
import time
import zipfile
from collections.abc import Iterable, Sequence
from concurrent.futures import TimeoutError as _FutureTimeout
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from . import schema
from .atlas import Atlas, Filters
from .text import DISCLAIMER

__all__ = [
    "ExportError",
    "Citation",
    "safe_csv_bytes",
    "export_tables",
    "drawn_atlas",
    "parse_citation",
    "to_bibtex",
    "chromium_path",
    "figure_to_image",
    "close_image_renderer",
    "last_render_seconds",
    "figure_to_html",
    "export_filename",
    "cite_view_zip",
]

_INSTALL_HINT = "PNG/SVG export needs Chromium: apt-get install chromium"


class ExportError(RuntimeError):
    """An export cannot be produced (no Chromium, a render that failed or timed out)."""


# ---------------------------------------------------------------------------------------------
# CSV (OWASP "CSV injection": a spreadsheet runs a cell starting with = + - @ tab or CR)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")
_INTERNAL_COLUMNS = {"topic_mask"}


def _neutralise(value: str) -> str:
    """Prefix a formula-leading cell with ``'`` so a spreadsheet shows it as text."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _safe_column(column: pd.Series) -> pd.Series:
    """Cells of one column as neutralised strings (NaN → empty).

    A *numeric* column keeps plain numbers such as ``-0.25`` untouched: a number is never run as a
    formula, and quoting it would break re-importing the file (``x``/``y`` must stay numbers).
    """
    numeric = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
    text = column.astype(object).where(column.notna(), "").map(str)
    if numeric:
        return text.map(lambda s: s if _PLAIN_NUMBER.match(s) else _neutralise(s))
    return text.map(_neutralise)


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV of ``frame`` (no index) with every formula-leading cell and header neutralised.

    Cells (and column names) that start with ``=``, ``+``, ``-``, ``@``, tab or carriage return
    get a leading single quote and are otherwise kept literally, as the OWASP CSV-injection
    guidance recommends; quoting of commas, quotes and newlines is left to the ``csv`` writer.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any table; values are written as text.

    Returns
    -------
    bytes
        UTF-8 encoded CSV (no byte-order mark) with RFC 4180 ``\\r\\n`` line endings, so a
        cell holding a carriage return is quoted too.

    Examples
    --------
    >>> safe_csv_bytes(pd.DataFrame({"label": ['=HYPERLINK("http://x","y")', "IL-6"]})).decode()
    'label\\r\\n"\\'=HYPERLINK(""http://x"",""y"")"\\r\\nIL-6\\r\\n'
    """
    safe = pd.DataFrame({i: _safe_column(frame.iloc[:, i]) for i in range(frame.shape[1])}, index=frame.index)
    safe.columns = [_neutralise(str(c)) for c in frame.columns]
    return safe.to_csv(index=False, lineterminator="\r\n").encode("utf-8")  # RFC 4180: CRLF also quotes a lone CR


def _contract_columns(frame: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    """Contract columns first (in contract order), then extra user columns; internal ones dropped."""
    contract = [c for c in table.required + table.optional if c in frame.columns]
    extra = [c for c in frame.columns if c not in contract and c not in _INTERNAL_COLUMNS and not str(c).startswith("_")]
    return frame[contract + extra]


def export_tables(atlas: Atlas, *, cited_sources_only: bool = True) -> dict[str, bytes]:
    """``nodes.csv``, ``edges.csv`` and ``sources.csv`` of ``atlas`` as injection-safe CSV bytes.

    Parameters
    ----------
    atlas : Atlas
        Usually a filtered atlas (what a view draws).
    cited_sources_only : bool
        Keep only the sources cited by the edges (default), so the three files form a valid,
        self-contained atlas.

    Returns
    -------
    dict
        File name → CSV bytes, in the data-contract columns (internal columns such as
        ``topic_mask`` dropped, optional user columns kept). ``evidence.csv`` (contract v1.1: what
        each paper showed about each relation) is added when the atlas has evidence rows for them.
    """
    sources = atlas.cited_sources() if cited_sources_only else atlas.sources
    tables = {
        "nodes.csv": safe_csv_bytes(_contract_columns(atlas.nodes, schema.NODES)),
        "edges.csv": safe_csv_bytes(_contract_columns(atlas.edges, schema.EDGES)),
        "sources.csv": safe_csv_bytes(_contract_columns(sources, schema.SOURCES)),
    }
    evidence = atlas.evidence_of()
    if not evidence.empty:
        tables["evidence.csv"] = safe_csv_bytes(_contract_columns(evidence, schema.EVIDENCE_ROWS))
    return tables


def _figure_node_ids(fig: go.Figure, known: set[str]) -> set[str]:
    """Node ids a figure draws: string ``customdata`` values that are node ids of the atlas."""
    ids: set[str] = set()
    for trace in fig.data:
        custom = getattr(trace, "customdata", None)
        if custom is None:
            continue
        for value in custom:
            first = value[0] if isinstance(value, (list, tuple)) and len(value) else value
            if isinstance(first, str) and first in known:
                ids.add(first)
    return ids


def drawn_atlas(fig: go.Figure | None, atlas: Atlas, *, view: str, filters: Filters | None = None) -> Atlas:
    """The part of ``atlas`` a view figure draws.

    The atlas is filtered by the view's topics and ``filters``; when the figure's traces carry
    node ids as ``customdata`` (the convention of our figure builders) the result is narrowed to
    those nodes, so a focus neighbourhood or a node cap is reflected too.
    """
    shown = atlas.filter(filters or Filters(), view=view)
    ids = _figure_node_ids(fig, set(shown.nodes["id"])) if fig is not None else set()
    return shown.with_nodes(sorted(ids)) if ids else shown


# ---------------------------------------------------------------------------------------------
# BibTeX
@dataclass(frozen=True)
class Citation:
    """The parts of a ``Surname AB et al. (Year). Title. Journal.`` citation."""

    authors: tuple[str, ...]
    et_al: bool
    year: str
    title: str
    journal: str


_CITATION = re.compile(r"^\s*(?P<authors>[^()]*?)\s*\((?P<year>\d{4})[a-z]?\)\s*[.:]?\s*(?P<rest>.*)$", re.S)
_SENTENCE_END = re.compile(r"(?<=[?!])\s+|\.\s+")
_ABBREVIATION = re.compile(r"^(?:[A-Z][A-Za-z]{0,7}\s?){1,3}$")  # "J", "Brain Behav", "Proc Natl"
_AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_INITIALS = re.compile(r"^[A-Z][A-Za-z]{0,2}$|^(?:[A-Z]\.){1,3}$")


def parse_citation(citation: str) -> Citation:
    """Split ``Surname AB et al. (Year). Title. Journal.`` into its parts (best effort).

    Examples
    --------
    >>> parse_citation("Miller AH & Raison CL (2016). The role of inflammation. Nat Rev Immunol.")
    Citation(authors=('Miller, A. H.', 'Raison, C. L.'), et_al=False, year='2016', title='The role of inflammation', journal='Nat Rev Immunol')
    """
    match = _CITATION.match(citation or "")
    if not match:
        return Citation((), False, "", (citation or "").strip().rstrip("."), "")
    head = match["authors"].strip().rstrip(".,")
    et_al = bool(re.search(r"\bet\.? al\b", head))
    head = re.sub(r",?\s*\bet\.? al\.?$", "", head).strip()
    authors = tuple(_bib_name(a) for a in _AUTHOR_SPLIT.split(head) if a.strip())
    title, journal = _split_title_journal(match["rest"].strip())
    return Citation(authors, et_al, match["year"], title, journal)


def _split_title_journal(rest: str) -> tuple[str, str]:
    """``Title. Journal.`` → (``Title``, ``Journal``); the journal is the last sentence.

    Dotted abbreviations (``J. Neurosci.``, ``Brain Behav. Immun.``) stay with the journal.
    """
    text = rest.strip().rstrip(".").strip()
    seps = list(_SENTENCE_END.finditer(text))
    if not seps:
        return text, ""
    starts = [0] + [m.end() for m in seps]
    first = len(seps)  # index of the first journal part
    while first > 1 and _ABBREVIATION.match(text[starts[first - 1] : seps[first - 1].start()]):
        first -= 1
    return text[: seps[first - 1].start()].strip(), text[starts[first] :].strip()


def _bib_name(author: str) -> str:
    """``van der Meer JW`` → ``van der Meer, J. W.`` (BibTeX's ``Last, First`` form)."""
    words = author.split()
    if len(words) > 1 and _INITIALS.match(words[-1]):
        letters = words[-1].replace(".", "")
        initials = " ".join(f"{ch}." for ch in letters if ch.isupper()) or words[-1]
        return f"{' '.join(words[:-1])}, {initials}"
    return author.strip()


_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\^{}",
    "~": r"\~{}",
}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX_SPECIAL))
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def _tex(text: str) -> str:
    """Escape LaTeX/BibTeX special characters; control characters become spaces."""
    return _TEX_RE.sub(lambda m: _TEX_SPECIAL[m.group()], _CONTROL.sub(" ", str(text))).strip()


def _verbatim(text: str) -> str:
    """DOI/URL fields are read verbatim: only characters that break BibTeX's braces are encoded."""
    return _CONTROL.sub("", str(text)).replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D").strip()


def _bib_key(source_id: str, taken: set[str]) -> str:
    """A BibTeX key for a source id (characters BibTeX forbids in keys become ``_``), unique."""
    key = re.sub(r"[\s,{}()=#%\"'\\~]", "_", source_id) or "source"
    base, n = key, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    taken.add(key)
    return key


def _bib_entry(row: pd.Series, key: str) -> str:
    """One ``@article`` entry for a sources.csv row."""
    cite = parse_citation(row.get("citation", ""))
    authors = list(cite.authors) + (["others"] if cite.et_al else [])
    fields = [
        ("author", " and ".join(_tex(a) for a in authors)),
        ("title", "{" + _tex(cite.title) + "}" if cite.title else ""),  # inner braces keep IL-6, TNF
        ("journal", _tex(cite.journal)),
        ("year", _tex(row.get("year", "") or cite.year)),
        ("doi", _verbatim(row.get("doi", ""))),
        ("pmid", _tex(row.get("pmid", ""))),
        ("note", f"PMID: {_tex(row['pmid'])}" if row.get("pmid", "") else ""),
        ("url", _verbatim(row.get("url", ""))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@article{{{key},\n{body}\n}}\n"


def to_bibtex(sources: pd.DataFrame) -> str:
    """BibTeX with one ``@article`` per row of a sources frame (key = source id).

    Parameters
    ----------
    sources : pandas.DataFrame
        Rows of sources.csv (``id``, ``citation``, ``year``, ``doi``, ``pmid``, ``url``), e.g.
        ``atlas.cited_sources()``.

    Returns
    -------
    str
        Entries with author/title/journal parsed from ``citation``, ``year``, ``doi``, ``pmid``
        (also as ``note = {PMID: …}``) and ``url``; special characters escaped so the file
        parses with BibTeX and bibtexparser.

    Examples
    --------
    >>> src = pd.DataFrame([{"id": "dantzer2008", "citation": "Dantzer R et al. (2008). From inflammation to sickness. Nat Rev Neurosci.", "year": "2008", "doi": "10.1038/nrn2297", "pmid": "18073775", "url": ""}])
    >>> print(to_bibtex(src).splitlines()[1])
      author = {Dantzer, R. and others},
    """
    taken: set[str] = set()
    entries = [_bib_entry(row, _bib_key(str(row["id"]), taken)) for _, row in sources.iterrows()]
    return "\n".join(entries)


# ---------------------------------------------------------------------------------------------
# Images: one kaleido (headless Chromium) per process, driven from a private event-loop thread
def chromium_path() -> str | None:
    """The Chromium/Chrome kaleido will drive, or ``None`` when there is none.

    ``BROWSER_PATH`` (choreographer's override) wins; then the browsers choreographer knows
    (including one fetched with ``kaleido_get_chrome``); then Debian's ``/usr/bin/chromium``.
    """
    override = os.environ.get("BROWSER_PATH")
    if override:
        return override if os.access(override, os.X_OK) else None
    try:
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except Exception:  # an odd install must not hide /usr/bin/chromium
        found = None
    for candidate in (found, shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


class _Renderer:
    """A kaleido browser kept alive on a background asyncio loop; thread-safe, reopened after errors."""

    def __init__(self, timeout: float = 90.0):
        self.timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._kaleido = None
        self._atexit = False
        self.last_seconds = 0.0

    def render(self, fig_dict: dict, opts: dict) -> bytes:
        loop, k = self._open()
        start = time.perf_counter()
        future = asyncio.run_coroutine_threadsafe(k.calc_fig(fig_dict, opts=opts), loop)
        try:
            data = future.result(self.timeout + 5)
        except _FutureTimeout:
            future.cancel()
            self.close()
            raise ExportError(f"{opts.get('format', 'image')} export timed out after {self.timeout:.0f} s") from None
        except Exception as exc:
            self.close()  # the browser may have died: start a fresh one next time
            raise ExportError(f"{opts.get('format', 'image')} export failed: {type(exc).__name__}: {exc}") from exc
        self.last_seconds = time.perf_counter() - start
        return data if isinstance(data, bytes) else str(data).encode("utf-8")

    def _open(self):
        with self._lock:
            if self._kaleido is not None:
                return self._loop, self._kaleido
            path = chromium_path()
            if path is None:
                raise ExportError(_INSTALL_HINT)
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="kaleido-renderer", daemon=True)
            thread.start()
            try:
                k = asyncio.run_coroutine_threadsafe(self._start(path), loop).result(60)
            except Exception as exc:
                loop.call_soon_threadsafe(loop.stop)
                thread.join(5)
                raise ExportError(f"{_INSTALL_HINT} (starting {path} failed: {type(exc).__name__}: {exc})") from exc
            self._loop, self._thread, self._kaleido = loop, thread, k
            if not self._atexit:
                atexit.register(self.close)
                self._atexit = True
            return loop, k

    async def _start(self, path: str):
        import kaleido  # imported lazily: it pulls in choreographer and logging setup

        # mathjax=False: no CDN fetch (we render no LaTeX); plotly.js comes from the plotly package
        k = kaleido.Kaleido(n=1, timeout=self.timeout, mathjax=False, path=path)
        await k.open()
        return k

    def close(self) -> None:
        with self._lock:
            loop, thread, k = self._loop, self._thread, self._kaleido
            self._loop = self._thread = self._kaleido = None
        if loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(k.close(), loop).result(15)
        except Exception:  # closing a dead browser: nothing left to clean up
            pass
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(5)


_RENDERER = _Renderer()


def figure_to_image(fig: go.Figure, fmt: str = "png", *, width: int = 1920, height: int = 1080, scale: float = 1) -> bytes:
    """Render a figure to PNG or SVG bytes with kaleido (headless Chromium).

    The first call starts one Chromium (about 1–2 s); later calls in the same process reuse it.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure to render.
    fmt : {"png", "svg"}
        Output format.
    width, height : int
        Size in CSS pixels; a PNG is ``width*scale`` × ``height*scale`` pixels.
    scale : float
        Pixel density for PNG (2 → 3840×2160 at the default size).

    Raises
    ------
    ExportError
        No Chromium is installed, or rendering failed or timed out.
    ValueError
        ``fmt`` is not ``png`` or ``svg``.
    """
    if fmt not in ("png", "svg"):
        raise ValueError(f"unknown image format {fmt!r} (expected 'png' or 'svg')")
    if width <= 0 or height <= 0 or scale <= 0:
        raise ValueError("width, height and scale must be positive")
    opts = {"format": fmt, "width": int(width), "height": int(height), "scale": scale}
    return _RENDERER.render(_without_webgl(fig.to_dict()), opts)


def _without_webgl(fig_dict: dict) -> dict:
    """Draw ``scattergl`` traces as SVG ``scatter`` for static images.

    Headless Chromium has no GPU, so WebGL falls back to a software rasteriser: measured 4-5x
    slower (100k edges: 52 s instead of 12 s per PNG). Scatter accepts every scattergl attribute.
    """
    for trace in fig_dict.get("data", []):
        if trace.get("type") == "scattergl":
            trace["type"] = "scatter"
    return fig_dict


def last_render_seconds() -> float:
    """Seconds the last :func:`figure_to_image` call spent rendering (for benchmarks and logs)."""
    return _RENDERER.last_seconds


def close_image_renderer() -> None:
    """Stop the shared Chromium now (it is also stopped at interpreter exit)."""
    _RENDERER.close()


# ---------------------------------------------------------------------------------------------
# Standalone HTML
_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:; worker-src blob:">
<title>{title}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem auto; max-width: 1400px; padding: 0 1rem; color: #222; }}
.figure {{ width: 100%; height: 75vh; min-height: 480px; }}
.caption {{ color: #444; }}
.references li {{ margin-bottom: 0.3rem; }}
</style>
</head>
<body>
<h1>{title}</h1>
{figure}
{caption}
{references}
</body>
</html>
"""


def figure_to_html(fig: go.Figure, *, title: str, caption: str = "", citations: Iterable[str] = ()) -> str:
    """A standalone, offline, interactive HTML page of a figure.

    plotly.js is embedded inline (no CDN, no MathJax), and a Content-Security-Policy forbids the
    page from loading anything from the network. Title, caption and citations are HTML-escaped.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure (its own text must already be escaped by the figure builder).
    title : str
        Page title and heading.
    caption : str
        A paragraph below the figure.
    citations : iterable of str
        Full citations listed below the figure.

    Returns
    -------
    str
        The complete HTML document.
    """
    div = fig.to_html(
        full_html=False,
        include_plotlyjs=True,
        include_mathjax=False,
        default_width="100%",
        default_height="100%",
        config={"displaylogo": False, "responsive": True},
    )
    cites = [c for c in (str(c).strip() for c in citations) if c]
    refs = ""
    if cites:
        items = "\n".join(f"<li>{html.escape(c)}</li>" for c in cites)
        refs = f'<section class="references">\n<h2>References</h2>\n<ol>\n{items}\n</ol>\n</section>'
    return _PAGE.format(
        title=html.escape(title),
        figure=f'<div class="figure">{div}</div>',
        caption=f'<p class="caption">{html.escape(caption)}</p>' if caption else "",
        references=refs,
    )


# ---------------------------------------------------------------------------------------------
# File names and the "cite this view" bundle
_UNSAFE_NAME = re.compile(r"[^a-z0-9+.-]+")


def _slug(text: str) -> str:
    return _UNSAFE_NAME.sub("-", text.lower()).strip("-.") or "x"


def _as_date(date: _dt.date | str | None) -> str:
    if date is None:
        return _dt.date.today().isoformat()
    return date.isoformat()[:10] if isinstance(date, _dt.date) else _slug(str(date))


def export_filename(view: str, filters_summary: str | Filters, ext: str, date: _dt.date | str | None = None) -> str:
    """A safe file name such as ``gut-brain_evidence-supported_2026-11-23.png``.

    Parameters
    ----------
    view : str
        View key (underscores become hyphens).
    filters_summary : str or Filters
        ``Filters.summary()`` (or the Filters themselves).
    ext : str
        Extension, with or without the dot.
    date : datetime.date or str, optional
        Defaults to today.

    Examples
    --------
    >>> export_filename("gut_brain", "evidence-supported", "png", _dt.date(2026, 11, 23))
    'gut-brain_evidence-supported_2026-11-23.png'
    """
    summary = filters_summary.summary() if isinstance(filters_summary, Filters) else str(filters_summary)
    parts = [_slug(view.replace("_", "-")), "_".join(_slug(p) for p in summary.split("_") if p) or "all"]
    stem = "_".join(parts)[:150].rstrip("-_.")
    return f"{stem}_{_as_date(date)}.{_slug(ext.lstrip('.'))}"


def _plain(text: object) -> str:
    """Data text for a plain-text README: one line, no control characters."""
    return _CONTROL.sub(" ", str(text)).strip()


def _reference_lines(sources: pd.DataFrame) -> list[str]:
    lines = []
    for i, (_, row) in enumerate(sources.iterrows(), 1):
        ids = [f"doi:{row['doi']}" if row.get("doi") else "", f"PMID:{row['pmid']}" if row.get("pmid") else ""]
        suffix = "; ".join(x for x in ids if x)
        lines.append(f"{i}. [{_plain(row['id'])}] {_plain(row['citation'])}" + (f" ({_plain(suffix)})" if suffix else ""))
    return lines


def _evidence_lines(shown: Atlas) -> list[str]:
    rows = shown.evidence_of()
    if rows.empty:
        return ["Evidence: this atlas has no evidence.csv (each relation has one curated grade for all its references)."]
    counts = ", ".join(f"{n} {d}" for d, n in rows["direction"].value_counts().sort_index().items())
    lines = [
        f"Evidence: evidence.csv holds {len(rows)} rows, one per (relation, reference): what that paper showed "
        f"(study type, species, supports/contradicts/mixed, finding, where in the paper, date checked); {counts}.",
    ]
    pairs = int(shown.edges["references"].map(lambda r: len([x for x in r.split("|") if x])).sum())
    if len(rows) < pairs:  # e.g. a researcher's relations merged with the shipped atlas
        lines.append(
            f"  Only {len(rows)} of the {pairs} (relation, reference) pairs have a row; remove evidence.csv to load "
            "these files as an atlas again."
        )
    return lines


def _readme(
    *,
    view: str,
    filters: Filters,
    atlas_version: str,
    date: str,
    url: str,
    shown: Atlas,
    sources: pd.DataFrame,
    files: Sequence[str],
    notes: Sequence[str],
) -> str:
    lines = [
        "Neuroimmune Atlas - cite this view",
        "",
        f"View: {view}",
        f"Filters: {filters.describe()}",
        f"Atlas version: {atlas_version or 'unknown'}",
        f"Date: {date}",
        f"Reproduce: {_plain(url) if url else '(no URL given)'}",
        f"Shown: {len(shown.nodes)} entities, {len(shown.edges)} relations, {len(sources)} sources",
        *_evidence_lines(shown),
        "",
        f"Cite as: Neuroimmune Atlas (version {atlas_version or 'unknown'}), view '{view}', {filters.describe()}, accessed {date}"
        + (f", {_plain(url)}" if url else "")
        + ".",
        "Please also cite the original studies below (references.bib holds them as BibTeX).",
        "",
        DISCLAIMER,
        "",
        "Files:",
        *[f"  {name}" for name in files],
        "",
        f"References ({len(sources)}):",
        *_reference_lines(sources),
    ]
    if notes:
        lines += ["", "Notes:", *[f"  {n}" for n in notes]]
    return "\n".join(lines) + "\n"


def _zip_bytes(members: dict[str, bytes], when: str) -> bytes:
    """A deterministic ZIP (fixed member timestamps = the export date)."""
    try:
        y, m, d = (int(x) for x in when.split("-")[:3])
        stamp = (max(y, 1980), m, d, 0, 0, 0)
    except ValueError:
        stamp = (1980, 1, 1, 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()


def _images(fig: go.Figure, stem: str, png: bool) -> tuple[dict[str, bytes], list[str]]:
    """PNG/SVG members, or a note saying why they are missing (never raises ExportError)."""
    members: dict[str, bytes] = {}
    for fmt in ("png", "svg") if png else ("svg",):
        try:
            members[f"{stem}.{fmt}"] = figure_to_image(fig, fmt)
        except ExportError as exc:
            return members, [
                f"The {fmt.upper()} image (and any image after it) is not included: {exc}. The HTML file holds the interactive figure."
            ]
    return members, []


def _network_members(fig: go.Figure, shown: Atlas, stem: str, *, view: str, filters: Filters, url: str) -> dict[str, bytes]:
    """The drawn network as GraphML and Cytoscape JSON, laid out as on screen (neuroimmune.exchange)."""
    from .exchange import figure_positions, network_files

    meta = {"name": f"Neuroimmune Atlas - {view}", "view": view, "filters": filters.describe(), "atlas_version": shown.version, "url": url}
    return network_files(shown, stem, positions=figure_positions(fig), meta=meta)


def cite_view_zip(
    fig: go.Figure,
    atlas: Atlas,
    *,
    view: str,
    filters: Filters | None = None,
    url: str = "",
    date: _dt.date | str | None = None,
    png: bool = True,
    drawn: Atlas | None = None,
) -> bytes:
    """A "cite this view" ZIP: figure (PNG, SVG, HTML), its data, its references and a README.

    Parameters
    ----------
    fig : plotly.graph_objects.Figure
        The figure as drawn.
    atlas : Atlas
        The atlas the figure was built from; it is narrowed to what the figure draws
        (see :func:`drawn_atlas`).
    view : str
        View key.
    filters : Filters, optional
        Active filters.
    url : str
        Link that reproduces the view (query parameters included).
    date : datetime.date or str, optional
        Export date (default today); also the ZIP members' timestamp.
    png : bool
        Include the PNG (the slowest part); the SVG is always attempted.
    drawn : Atlas, optional
        Exactly what the figure draws, when the caller knows it (a lesson step also draws focus
        nodes its view and filters would leave out); default :func:`drawn_atlas`.

    Returns
    -------
    bytes
        ZIP holding ``<name>.png``, ``<name>.svg``, ``<name>.html``, ``nodes.csv``, ``edges.csv``,
        ``sources.csv``, ``evidence.csv`` when the atlas has one (injection-safe), ``<name>.graphml`` and
        ``<name>.cyjs`` (the network as laid out, for Cytoscape, Gephi or networkx), ``references.bib`` (exactly the sources cited by the
        drawn edges) and ``README.txt``. Without Chromium the images are left out and README.txt
        says why.
    """
    filters = filters or Filters()
    when = _as_date(date)
    shown = drawn if drawn is not None else drawn_atlas(fig, atlas, view=view, filters=filters)
    sources = shown.cited_sources()
    stem = export_filename(view, filters, "x", when)[:-2]
    citations = [_plain(c) for c in sources["citation"]]
    members, notes = _images(fig, stem, png)
    caption = f"View {view}; {filters.describe()}; atlas version {atlas.version}; exported {when}."
    members[f"{stem}.html"] = figure_to_html(fig, title=f"Neuroimmune Atlas - {view}", caption=caption, citations=citations).encode("utf-8")
    members.update(export_tables(shown))
    members.update(_network_members(fig, shown, stem, view=view, filters=filters, url=url))
    members["references.bib"] = to_bibtex(sources).encode("utf-8")
    readme = _readme(
        view=view,
        filters=filters,
        atlas_version=atlas.version,
        date=when,
        url=url,
        shown=shown,
        sources=sources,
        files=[*members, "README.txt"],
        notes=notes,
    )
    members["README.txt"] = readme.encode("utf-8")
    return _zip_bytes(members, when)
