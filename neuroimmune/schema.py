"""The atlas data contract: columns, vocabularies and lazy validation into a list of problems."""

from __future__ import annotations

import csv
import datetime as _dt
import difflib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import evidence as _evidence

__all__ = [
    "Problem",
    "Table",
    "TABLES",
    "NODE_TYPES",
    "COMPARTMENTS",
    "RELATIONS",
    "TOPICS",
    "EVIDENCE",
    "EVIDENCE_ROWS",
    "LESSON_LAYOUT",
    "DIRECTIONS",
    "STUDY_TYPES",
    "SPECIES",
    "VIEWS",
    "CONDITION_GROUPS",
    "MAX_FILE_BYTES",
    "ValidationResult",
    "validate_folder",
    "validate_files",
    "known_prefix",
    "registry_url",
]

# ---------------------------------------------------------------------------------------------
# Vocabularies (the public interface of DATA_CONTRACT.md; extend, never rename)
NODE_TYPES = (
    "condition", "symptom", "process", "cytokine", "receptor", "signaling", "cell", "microbe",
    "metabolite", "neurotransmitter", "hormone", "antibody", "protein", "anatomy", "treatment",
)  # fmt: skip
COMPARTMENTS = (
    "gut_lumen", "gut_epithelium", "gut_immune", "enteric_nervous", "circulation", "vagus",
    "hpa_axis", "bbb", "brain", "periphery",
)  # fmt: skip
RELATIONS = (
    "increases", "decreases", "activates", "inhibits", "produces", "binds", "signals_through",
    "causes", "associated_with", "biomarker_of", "treats", "targets", "part_of", "located_in",
    # v1.1: a kind of; a level measured higher / lower in a condition; makes a condition worse
    "is_a", "elevated_in", "reduced_in", "worsens",
)  # fmt: skip
TOPICS = (
    "gut_brain", "cytokine", "condition_mechanism", "stress", "treatment", "biomarker",
    "neurotransmission",
)  # fmt: skip
EVIDENCE = ("established", "supported", "emerging", "contested")
STUDY_TYPES = (
    "human_interventional", "human_observational", "genetic", "animal", "in_vitro", "review",
)  # fmt: skip
SPECIES = ("human", "mouse", "rat", "mixed")
DIRECTIONS = _evidence.DIRECTIONS
VIEWS = ("gut_brain", "cytokine", "condition_map", "explorer")
#: Optional nodes.csv column ``condition_group`` (an extension of contract v1) for condition filters.
CONDITION_GROUPS = ("neuroimmune", "psychiatric", "neurodegenerative", "autoimmune_systemic", "gut")

LOCAL_PREFIX = "NIA"
MAX_FILE_BYTES = 200 * 1024 * 1024  # a 200k-edge atlas is ~35 MB; refuse anything absurd
_MULTI = "|"


@dataclass(frozen=True)
class Table:
    """One CSV file of the contract: its name, required and optional columns."""

    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    must_exist: bool = True

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"


NODES = Table("nodes", ("id", "label", "type"), ("compartment", "synonyms", "description", "condition_group", "x", "y"))
EDGES = Table(
    "edges",
    ("source", "target", "relation", "topics", "evidence", "study_type", "species", "references"),
    ("note",),
)
SOURCES = Table("sources", ("id", "citation", "year"), ("doi", "pmid", "url"))
LESSONS = Table("lessons", ("lesson", "step", "title", "view", "text"), ("focus",), must_exist=False)
#: Contract v1.1: one row per (relation, reference); optional (an atlas without it loads as before).
EVIDENCE_ROWS = Table("evidence", _evidence.EVIDENCE_COLUMNS, must_exist=False)
#: Optional (an extension of v1.1): hand-laid positions of a lesson's entities, x and y in [0, 1] (y up).
LESSON_LAYOUT = Table("lesson_layout", ("lesson", "id", "x", "y"), must_exist=False)
TABLES = (NODES, EDGES, SOURCES, LESSONS, EVIDENCE_ROWS, LESSON_LAYOUT)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input, located at ``file:line``.

    ``line`` is the 1-based physical line in the file (the header is line 1); ``None`` for
    problems with the whole file or folder.
    """

    file: str
    line: int | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        tag = "" if self.severity == "error" else "warning: "
        return f"{where}: {tag}{self.message}"


@dataclass
class ValidationResult:
    """Problems found plus the parsed frames (all cells as stripped strings)."""

    problems: list[Problem] = field(default_factory=list)
    frames: dict[str, pd.DataFrame] = field(default_factory=dict)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


# ---------------------------------------------------------------------------------------------
# Registry lookups (bioregistry is the maintained source of truth for CURIE prefixes)
_PREFIX_CACHE: dict[str, bool] = {}


def known_prefix(prefix: str) -> bool:
    """True if ``prefix`` is the local ``NIA`` prefix or known to bioregistry."""
    if prefix not in _PREFIX_CACHE:
        if prefix == LOCAL_PREFIX:
            _PREFIX_CACHE[prefix] = True
        else:
            import bioregistry  # imported lazily: loading its registry takes ~0.5 s

            _PREFIX_CACHE[prefix] = bioregistry.normalize_prefix(prefix) is not None
    return _PREFIX_CACHE[prefix]


def registry_url(curie: str) -> str | None:
    """Link to the registry page of a standard id (``None`` for local ``NIA:`` ids)."""
    prefix, _, _local = curie.partition(":")
    if prefix == LOCAL_PREFIX or not _local:
        return None
    import bioregistry

    try:
        return bioregistry.get_iri(curie)
    except Exception:  # bioregistry raises on ids its patterns reject; no link then
        return None


# ---------------------------------------------------------------------------------------------
# Reading one file: bytes → rows with line numbers, or a clear problem
_BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"PK\x03\x04": "a ZIP archive (unzip it first)",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x1f\x8b": "a gzip archive",
    b"\xd0\xcf\x11\xe0": "an old Excel/Word file (save as CSV UTF-8)",
}


def _line_of_offset(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _decode(name: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Decode bytes as UTF-8 (BOM allowed) or explain why the file is not a CSV text."""
    for magic, what in _BINARY_SIGNATURES.items():
        if data.startswith(magic):
            return None, [Problem(name, 1, f"this is {what}, not a CSV text file (expected UTF-8 comma-separated text)")]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(name, 1, "file is UTF-16 encoded (expected UTF-8; re-save as 'CSV UTF-8')")]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [
            Problem(
                name,
                _line_of_offset(data, nul),
                "file contains NUL bytes: it is binary, not a CSV text file (expected UTF-8 comma-separated text)",
            )
        ]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        line = _line_of_offset(data, exc.start)
        return None, [Problem(name, line, f"byte 0x{bad} is not valid UTF-8 (expected UTF-8 text; re-save the file as 'CSV UTF-8')")]
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t")
    if control > 8:
        return None, [Problem(name, 1, "file is full of control characters: it is binary, not a CSV text file")]
    return text, []


def _parse_rows(name: str, text: str) -> tuple[list[str] | None, list[tuple[int, int, list[str]]], list[Problem]]:
    """Parse CSV text into (header, [(first line, last line, cells)], problems); stops at a quoting error.

    RFC 4180 allows a quoted cell to hold line breaks (a spreadsheet writes one for Alt+Enter): such a
    record is kept, reported at its first physical line, with CRLF inside cells normalised to LF. Whether a
    multi-line record is really a missing closing quote is decided by its cell count (see ``_check_row_lengths``).
    """
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[tuple[int, int, list[str]]] = []
    header: list[str] | None = None
    start = 1
    try:
        for cells in reader:
            end = reader.line_num
            if end > start:
                cells = [c.replace("\r\n", "\n").replace("\r", "\n") for c in cells]
            if header is None:
                header = [c.strip() for c in cells]
            elif any(c.strip() for c in cells):
                rows.append((start, end, cells))
            start = end + 1
    except csv.Error as exc:
        reason = str(exc)
        if "unexpected end of data" in reason:
            reason = "a quoted cell is never closed (missing closing quote)"
        problems.append(Problem(name, start, f'broken CSV quoting: {reason}; expected cells like "text, with comma"'))
    return header, rows, problems


def _read_table(table: Table, data: bytes | None, max_bytes: int) -> tuple[pd.DataFrame | None, list[Problem]]:
    name = table.filename
    if data is None:
        if table.must_exist:
            return None, [
                Problem(name, None, f"file is missing (an atlas folder needs {', '.join(t.filename for t in TABLES if t.must_exist)})")
            ]
        return None, []
    if len(data) > max_bytes:
        return None, [Problem(name, None, f"file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")]
    if not data.strip():
        return None, [Problem(name, 1, f"file is empty (expected a header row: {','.join(table.required)})")]
    text, problems = _decode(name, data)
    if text is None:
        return None, problems
    header, rows, problems = _parse_rows(name, text)
    if header is None:
        return None, [Problem(name, 1, f"file is empty (expected a header row: {','.join(table.required)})")]
    header_problems = _check_header(table, header)
    if any(p.severity == "error" for p in header_problems):
        return None, problems + header_problems
    problems += header_problems
    problems += _check_row_lengths(name, header, rows)
    width = len(header)
    fixed = [(cells + [""] * width)[:width] for _, _, cells in rows]
    frame = pd.DataFrame(fixed, columns=header, dtype=str)
    for col in frame.columns:
        frame[col] = frame[col].str.strip()
    frame.insert(0, "_line", pd.array([ln for ln, _, _ in rows], dtype="int64"))
    if frame.empty and table in (NODES, EDGES, SOURCES) and not problems:
        problems.append(Problem(name, 1, "file has a header but no data rows"))
    return frame, problems


def _check_header(table: Table, header: list[str]) -> list[Problem]:
    name = table.filename
    problems: list[Problem] = []
    if len(header) == 1 and any(d in header[0] for d in (";", "\t", "|")):
        delim = next(d for d in (";", "\t", "|") if d in header[0])
        shown = {"\t": "tab", ";": "';'", "|": "'|'"}[delim]
        return [Problem(name, 1, f"wrong delimiter: the header is separated by {shown} (expected commas, e.g. {','.join(table.required)})")]
    seen: set[str] = set()
    for col in header:
        if col in seen:
            problems.append(Problem(name, 1, f"column '{col}' appears twice in the header (expected each column once)"))
        seen.add(col)
    known = table.required + table.optional
    for col in table.required:
        if col not in seen:
            hint = _did_you_mean(col, [h for h in header if h not in known])
            problems.append(Problem(name, 1, f"missing required column '{col}'{hint} (expected columns: {','.join(table.required)})"))
    for col in header:
        if col and col not in known:
            close = difflib.get_close_matches(col, known, n=1, cutoff=0.75)
            if close:
                problems.append(Problem(name, 1, f"unknown column '{col}' — did you mean '{close[0]}'?", "warning"))
        if not col:
            problems.append(Problem(name, 1, "a header cell is empty (every column needs a name)", "warning"))
    return problems


def _check_row_lengths(name: str, header: list[str], rows: list[tuple[int, int, list[str]]]) -> list[Problem]:
    width = len(header)
    problems = []
    for line, end, cells in rows:
        if len(cells) == width:
            if end > line and (swallowed := _swallowed_record(cells, width)):
                problems.append(
                    Problem(
                        name,
                        line,
                        f"a quoted cell runs over lines {line}-{end} and holds what looks like a whole record ({swallowed!r}); "
                        "a closing quote is probably missing (expected a line break only inside a properly quoted cell)",
                    )
                )
            continue
        if end > line:  # a record over several lines with the wrong cell count: a quote that closed too late
            message = (
                f"a quoted cell runs over lines {line}-{end} and the record has {len(cells)} cells, not {width}; "
                "a closing quote is probably missing (expected one record per line, or a line break inside a properly quoted cell)"
            )
        else:
            extra = "too many" if len(cells) > width else "too few"
            message = f"row has {len(cells)} cells, {extra} (expected {width} like the header; quote cells that contain commas)"
        problems.append(Problem(name, line, message))
    return problems


def _swallowed_record(cells: list[str], width: int) -> str | None:
    """A continuation line inside a multi-line cell that has a full record's commas, or None."""
    for cell in cells:
        for part in cell.split("\n")[1:]:
            if width > 2 and part.count(",") >= width - 1:
                return part[:60] + ("…" if len(part) > 60 else "")
    return None


# ---------------------------------------------------------------------------------------------
# Cell rules
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]*):(\S+)$")
_NIA_LOCAL = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_PMID = re.compile(r"^\d{1,9}$")
_URL = re.compile(r"^https?://\S+$")


def _did_you_mean(value: str, vocabulary) -> str:
    close = difflib.get_close_matches(value.lower(), list(vocabulary), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""


def _rows_where(frame: pd.DataFrame, mask) -> pd.DataFrame:
    return frame.loc[mask] if mask.any() else frame.iloc[0:0]


def _check_required_cells(table: Table, frame: pd.DataFrame) -> list[Problem]:
    problems = []
    for col in table.required:
        bad = _rows_where(frame, frame[col] == "")
        problems += [Problem(table.filename, ln, f"empty '{col}' (a value is required)") for ln in bad["_line"]]
    return problems


def _check_vocab(table: Table, frame: pd.DataFrame, col: str, vocab: tuple[str, ...], multi: bool = False) -> list[Problem]:
    values = frame[col]
    allowed = set(vocab)
    if multi:
        exploded = values.str.split(_MULTI).explode()
        bad_mask = ~exploded.isin(allowed) & (values.loc[exploded.index] != "")
        bad = exploded[bad_mask]
        lines = frame.loc[bad.index, "_line"]
        pairs = zip(lines, bad)
    else:
        bad_mask = ~values.isin(allowed) & (values != "")
        pairs = zip(frame.loc[bad_mask, "_line"], values[bad_mask])
    problems = []
    for line, value in pairs:
        shown = value if value else "(empty between '|')"
        problems.append(
            Problem(
                table.filename, int(line), f"unknown {col} '{shown}'{_did_you_mean(value, vocab)} (expected one of: {', '.join(vocab)})"
            )
        )
    return problems


def _check_ids(table: Table, frame: pd.DataFrame, col: str = "id") -> list[Problem]:
    problems = []
    dup = frame[col].duplicated(keep="first") & (frame[col] != "")
    first_line = frame.drop_duplicates(col).set_index(col)["_line"]
    for line, value in zip(frame.loc[dup, "_line"], frame.loc[dup, col]):
        problems.append(
            Problem(table.filename, int(line), f"duplicate {col} '{value}' (first defined on line {first_line[value]}; ids must be unique)")
        )
    return problems


def _check_curies(frame: pd.DataFrame) -> list[Problem]:
    problems = []
    for line, value in zip(frame["_line"], frame["id"]):
        if not value:
            continue
        match = _CURIE.match(value)
        if not match:
            problems.append(
                Problem(
                    "nodes.csv", int(line), f"id '{value}' is not a CURIE (expected PREFIX:local, e.g. HGNC:6018 or NIA:sickness_behaviour)"
                )
            )
            continue
        prefix, local = match.groups()
        if prefix == LOCAL_PREFIX:
            if not _NIA_LOCAL.match(local):
                problems.append(
                    Problem("nodes.csv", int(line), f"local id '{value}' should be lower_snake_case (expected e.g. NIA:{_snake(local)})")
                )
        elif not known_prefix(prefix):
            hint = ""
            if known_prefix(prefix.upper()):
                hint = f" — did you mean '{prefix.upper()}'?"
            problems.append(
                Problem(
                    "nodes.csv",
                    int(line),
                    f"unknown id prefix '{prefix}'{hint} (expected a prefix registered in bioregistry, or NIA for local ids)",
                )
            )
    return problems


def _snake(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "name"


def _check_nodes(frame: pd.DataFrame) -> list[Problem]:
    problems = _check_required_cells(NODES, frame) + _check_ids(NODES, frame) + _check_curies(frame)
    problems += _check_vocab(NODES, frame, "type", NODE_TYPES)
    if "compartment" in frame:
        problems += _check_vocab(NODES, frame, "compartment", COMPARTMENTS)
    if "condition_group" in frame:
        problems += _check_vocab(NODES, frame, "condition_group", CONDITION_GROUPS, multi=True)
    for axis in ("x", "y"):
        if axis in frame:
            values = frame[axis]
            numeric = pd.to_numeric(values, errors="coerce")
            bad = (values != "") & (numeric.isna() | ~numeric.abs().lt(1e12))
            problems += [
                Problem("nodes.csv", int(ln), f"{axis} '{v}' is not a finite number (expected a coordinate such as 0.25, or empty)")
                for ln, v in zip(frame.loc[bad, "_line"], values[bad])
            ]
    return problems


def _check_sources(frame: pd.DataFrame) -> list[Problem]:
    name = "sources.csv"
    problems = _check_required_cells(SOURCES, frame) + _check_ids(SOURCES, frame)
    this_year = _dt.date.today().year
    for line, year in zip(frame["_line"], frame["year"]):
        if year and not (year.isdigit() and len(year) == 4 and 1800 <= int(year) <= this_year + 1):
            problems.append(
                Problem(name, int(line), f"year '{year}' is not a plausible year (expected four digits between 1800 and {this_year + 1})")
            )
    doi = frame["doi"] if "doi" in frame else pd.Series("", index=frame.index)
    pmid = frame["pmid"] if "pmid" in frame else pd.Series("", index=frame.index)
    for line, d, p in zip(frame["_line"], doi, pmid):
        if not d and not p:
            problems.append(Problem(name, int(line), "no doi and no pmid (expected at least one verified identifier)"))
        if d and not _DOI.match(d):
            hint = " without the https://doi.org/ prefix" if "doi.org/" in d else ""
            problems.append(Problem(name, int(line), f"doi '{d}' is not a DOI (expected 10.NNNN/suffix{hint})"))
        if p and not _PMID.match(p):
            problems.append(Problem(name, int(line), f"pmid '{p}' is not a PubMed id (expected digits only, e.g. 18073775)"))
    if "url" in frame:
        for line, u in zip(frame["_line"], frame["url"]):
            if u and not _URL.match(u):
                problems.append(Problem(name, int(line), f"url '{u}' is not a web link (expected https://...)"))
    return problems


def _check_edges(frame: pd.DataFrame, node_ids: set[str] | None, source_ids: set[str] | None) -> list[Problem]:
    name = "edges.csv"
    problems = _check_required_cells(EDGES, frame)
    problems += _check_vocab(EDGES, frame, "relation", RELATIONS)
    problems += _check_vocab(EDGES, frame, "topics", TOPICS, multi=True)
    problems += _check_vocab(EDGES, frame, "evidence", EVIDENCE)
    problems += _check_vocab(EDGES, frame, "study_type", STUDY_TYPES)
    problems += _check_vocab(EDGES, frame, "species", SPECIES)
    if node_ids is not None:
        for col in ("source", "target"):
            bad = (frame[col] != "") & ~frame[col].isin(node_ids)
            for line, value in zip(frame.loc[bad, "_line"], frame.loc[bad, col]):
                hint = _did_you_mean(value, node_ids) if len(node_ids) < 5000 else ""
                problems.append(
                    Problem(name, int(line), f"{col} '{value}' is not a node id in nodes.csv{hint} (expected an id defined in nodes.csv)")
                )
    if source_ids is not None:
        refs = frame["references"].str.split(_MULTI).explode()
        bad = (refs != "") & ~refs.isin(source_ids)
        for idx, value in refs[bad].items():
            hint = _did_you_mean(value, source_ids) if len(source_ids) < 5000 else ""
            problems.append(
                Problem(
                    name,
                    int(frame.at[idx, "_line"]),
                    f"reference '{value}' is not an id in sources.csv{hint} (expected an id defined in sources.csv)",
                )
            )
    loops = (frame["source"] == frame["target"]) & (frame["source"] != "")
    problems += [
        Problem(name, int(ln), f"self-loop on '{s}' (source and target are the same node)", "warning")
        for ln, s in zip(frame.loc[loops, "_line"], frame.loc[loops, "source"])
    ]
    key = ["source", "target", "relation"]
    dup = frame.duplicated(key, keep="first")
    if dup.any():
        first = frame.drop_duplicates(key).set_index(key)["_line"]
        for _, row in frame.loc[dup].iterrows():
            problems.append(
                Problem(
                    name,
                    int(row["_line"]),
                    f"duplicate relation {row['source']} {row['relation']} {row['target']} (first on line {first[(row['source'], row['target'], row['relation'])]}); merged on load",
                    "warning",
                )
            )
    return problems


def _check_lessons(frame: pd.DataFrame, node_ids: set[str] | None) -> list[Problem]:
    name = "lessons.csv"
    problems = _check_required_cells(LESSONS, frame)
    problems += _check_vocab(LESSONS, frame, "view", VIEWS)
    steps = pd.to_numeric(frame["step"], errors="coerce")
    bad = (frame["step"] != "") & (steps.isna() | (steps < 1) | (steps % 1 != 0))
    problems += [
        Problem(name, int(ln), f"step '{v}' is not a positive whole number (expected 1, 2, 3 …)")
        for ln, v in zip(frame.loc[bad, "_line"], frame.loc[bad, "step"])
    ]
    dup = frame.duplicated(["lesson", "step"], keep="first") & ~bad
    problems += [
        Problem(name, int(ln), f"lesson '{lesson}' has step {step} twice (expected each step once)")
        for ln, lesson, step in zip(frame.loc[dup, "_line"], frame.loc[dup, "lesson"], frame.loc[dup, "step"])
    ]
    if node_ids is not None and "focus" in frame:
        focus = frame["focus"].str.split(_MULTI).explode()
        bad_focus = (focus != "") & ~focus.isin(node_ids) & focus.notna()
        for idx, value in focus[bad_focus].items():
            problems.append(
                Problem(name, int(frame.at[idx, "_line"]), f"focus '{value}' is not a node id in nodes.csv{_did_you_mean(value, node_ids)}")
            )
    return problems


# ---------------------------------------------------------------------------------------------
# lesson_layout.csv: a curator's fixed positions for a lesson's entities (optional)
_LAYOUT_FILE = LESSON_LAYOUT.filename


def _check_lesson_layout(
    frame: pd.DataFrame, lessons: pd.DataFrame | None, node_ids: set[str] | None, edges: pd.DataFrame | None, *, has_lessons_file: bool
) -> list[Problem]:
    """lesson_layout.csv: known lesson, known node, x and y numbers in [0, 1], one row per (lesson, id).

    A row for an entity the lesson can never draw (neither a focus of one of its steps nor linked to one
    in edges.csv) is a warning: the row is ignored.
    """
    name = _LAYOUT_FILE
    problems = _check_required_cells(LESSON_LAYOUT, frame)
    lesson_keys = set(lessons["lesson"]) if lessons is not None and "lesson" in lessons else set()
    for line, lesson in zip(frame["_line"], frame["lesson"]):
        if lessons is None and has_lessons_file:
            break  # lessons.csv is unreadable: reported there, its keys are unknown
        if lesson and lesson not in lesson_keys:
            if lessons is None:
                message = f"lesson '{lesson}' is not a lesson: this atlas has no lessons.csv (expected a lessons.csv that defines it)"
            else:
                known = ", ".join(sorted(lesson_keys)) or "none"
                message = f"lesson '{lesson}' is not a lesson in lessons.csv{_did_you_mean(lesson, lesson_keys)} (expected one of: {known})"
            problems.append(Problem(name, int(line), message))
    if node_ids is not None:
        for line, value in zip(frame["_line"], frame["id"]):
            if value and value not in node_ids:
                hint = _did_you_mean(value, node_ids) if len(node_ids) < 5000 else ""
                problems.append(
                    Problem(name, int(line), f"id '{value}' is not a node id in nodes.csv{hint} (expected an id defined in nodes.csv)")
                )
    for axis, side in (("x", "0 = left, 1 = right"), ("y", "0 = bottom, 1 = top")):
        values = frame[axis]
        numeric = pd.to_numeric(values, errors="coerce")
        for line, raw, v in zip(frame["_line"], values, numeric):
            if not raw:
                continue
            if pd.isna(v) or not -1e12 < v < 1e12:
                problems.append(Problem(name, int(line), f"{axis} '{raw}' is not a finite number (expected a number from 0 to 1, {side})"))
            elif not 0 <= v <= 1:
                problems.append(Problem(name, int(line), f"{axis} {raw} is outside 0–1 (expected a number from 0 to 1, {side})"))
    key = ["lesson", "id"]
    filled = (frame["lesson"] != "") & (frame["id"] != "")
    dup = frame.duplicated(key, keep="first") & filled
    if dup.any():
        first = frame[filled].drop_duplicates(key).set_index(key)["_line"]
        for line, lesson, node in zip(frame.loc[dup, "_line"], frame.loc[dup, "lesson"], frame.loc[dup, "id"]):
            problems.append(
                Problem(name, int(line), f"second position for '{node}' in lesson '{lesson}' (first on line {first[(lesson, node)]}; "
                        "expected one row per lesson and entity)")
            )  # fmt: skip
    problems += _never_drawn(frame[filled & ~dup], lessons, node_ids, edges)
    return problems


def _never_drawn(frame: pd.DataFrame, lessons: pd.DataFrame | None, node_ids, edges: pd.DataFrame | None) -> list[Problem]:
    """Warnings for placed entities that are neither a focus of their lesson nor linked to one."""
    if lessons is None or node_ids is None or edges is None or frame.empty or any(c not in lessons for c in ("lesson", "focus")):
        return []
    if any(c not in edges for c in ("source", "target")):
        return []
    focus = {key: set(rows["focus"].str.split(_MULTI).explode()) for key, rows in lessons.groupby("lesson")}
    near: dict[str, set[str]] = {}
    for s, t in zip(edges["source"], edges["target"]):
        near.setdefault(s, set()).add(t)
        near.setdefault(t, set()).add(s)
    problems = []
    for line, lesson, node in zip(frame["_line"], frame["lesson"], frame["id"]):
        ids = focus.get(lesson)
        if ids is None or node not in node_ids or node in ids or near.get(node, set()) & ids:
            continue
        problems.append(
            Problem(_LAYOUT_FILE, int(line), f"'{node}' is neither a focus of lesson '{lesson}' nor linked to one in edges.csv, "
                    "so the lesson never draws it; the row is ignored", "warning")
        )  # fmt: skip
    return problems


# ---------------------------------------------------------------------------------------------
# Contract v1.1: evidence.csv (one row per (relation, reference)) and the grade rules
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EVIDENCE_FILE = EVIDENCE_ROWS.filename


@dataclass
class _Relation:
    """A relation of edges.csv as the evidence checks see it (duplicates merged, like on load)."""

    line: int
    references: list[str]
    grade: str
    study_type: str
    species: str
    rows: list[dict] = field(default_factory=list)
    unreliable: bool = False  # a row with an unknown vocabulary value: the grade rules are not applied


def _check_dates(frame: pd.DataFrame) -> list[Problem]:
    problems = []
    latest = _dt.date.today() + _dt.timedelta(days=1)
    for line, value in zip(frame["_line"], frame["checked"]):
        if not value:
            continue
        try:
            day = _dt.date.fromisoformat(value) if _DATE.match(value) else None
        except ValueError:
            day = None
        if day is None:
            problems.append(Problem(_EVIDENCE_FILE, int(line), f"checked '{value}' is not a date (expected YYYY-MM-DD, e.g. 2026-12-01)"))
        elif day > latest:
            problems.append(
                Problem(_EVIDENCE_FILE, int(line), f"checked '{value}' is in the future (expected the day a curator read the paper)")
            )
    return problems


def _relations_of_edges(edges: pd.DataFrame) -> dict[tuple[str, str, str], _Relation]:
    cols = ("_line", "source", "target", "relation", "references", "evidence", "study_type", "species")
    relations: dict[tuple[str, str, str], _Relation] = {}
    for line, s, t, r, refs, grade, study, species in zip(*(edges[c] for c in cols)):
        ids = [x for x in refs.split(_MULTI) if x]
        if (s, t, r) in relations:  # a duplicate relation is merged on load: union of references
            known = relations[(s, t, r)].references
            known += [x for x in ids if x not in known]
        else:
            relations[(s, t, r)] = _Relation(int(line), list(dict.fromkeys(ids)), grade, study, species)
    return relations


def _unknown_relation_hint(key: tuple[str, str, str], relations: dict) -> str:
    s, t, r = key
    same_ends = sorted(rel for (a, b, rel) in relations if (a, b) == (s, t))
    if same_ends:
        return f" — did you mean relation '{difflib.get_close_matches(r, same_ends, n=1, cutoff=0)[0]}'?"
    if (t, s, r) in relations:
        return f" — did you mean the other direction, {t} {r} {s}?"
    return ""


def _check_evidence(frame: pd.DataFrame, edges: pd.DataFrame | None) -> list[Problem]:
    """evidence.csv: vocabularies, dates, each row a (relation, reference) of edges.csv, every pair once, grade rules."""
    name = _EVIDENCE_FILE
    problems = _check_required_cells(EVIDENCE_ROWS, frame)
    for col, vocab in (("study_type", STUDY_TYPES), ("species", SPECIES), ("direction", DIRECTIONS)):
        problems += _check_vocab(EVIDENCE_ROWS, frame, col, vocab)
    problems += _check_dates(frame)
    if edges is None or any(c not in edges for c in EDGES.required):
        return problems
    relations = _relations_of_edges(edges)
    first_line: dict[tuple[str, str, str, str], int] = {}
    cols = ("_line", "source", "target", "relation", "reference", "study_type", "species", "direction")
    for line, s, t, r, ref, study, species, direction in zip(*(frame[c] for c in cols)):
        line = int(line)
        if not (s and t and r and ref):
            continue  # reported as an empty required cell
        rel = relations.get((s, t, r))
        if rel is None:
            problems.append(
                Problem(name, line, f"relation {s} {r} {t} is not in edges.csv{_unknown_relation_hint((s, t, r), relations)} "
                        "(expected the source,target,relation of a row of edges.csv)")
            )  # fmt: skip
            continue
        if ref not in rel.references:
            problems.append(
                Problem(name, line, f"reference '{ref}' is not one of this relation's references{_did_you_mean(ref, rel.references)} "
                        f"(expected one of: {', '.join(rel.references)})")
            )  # fmt: skip
            continue
        pair = (s, t, r, ref)
        if pair in first_line:
            problems.append(
                Problem(name, line, f"second row for {s} {r} {t} with reference '{ref}' (first on line {first_line[pair]}; "
                        "expected exactly one row per (relation, reference))")
            )  # fmt: skip
            continue
        first_line[pair] = line
        rel.rows.append({"_line": line, "reference": ref, "study_type": study, "species": species, "direction": direction})
        rel.unreliable |= study not in STUDY_TYPES or species not in SPECIES or direction not in DIRECTIONS
    for (s, t, r), rel in relations.items():
        covered = {row["reference"] for row in rel.rows}
        missing = [ref for ref in rel.references if ref not in covered]
        for ref in missing:
            problems.append(
                Problem("edges.csv", rel.line, f"reference '{ref}' of {s} {r} {t} has no row in evidence.csv "
                        "(expected exactly one row per (relation, reference))")
            )  # fmt: skip
        if missing or rel.unreliable or rel.grade not in EVIDENCE or rel.study_type not in STUDY_TYPES or rel.species not in SPECIES:
            continue  # the rules are only applied to a relation whose rows are complete and readable
        lines = ", ".join(str(row["_line"]) for row in rel.rows)
        for message in _evidence.check_rules(rel.grade, rel.study_type, rel.species, rel.rows):
            problems.append(Problem("edges.csv", rel.line, f"{message} [{name} lines {lines}]"))
    return problems


# ---------------------------------------------------------------------------------------------
def validate_files(files: dict[str, bytes | None], *, max_bytes: int = MAX_FILE_BYTES) -> ValidationResult:
    """Validate an atlas given as ``{"nodes.csv": bytes, ...}`` and collect every problem.

    Parameters
    ----------
    files : dict
        File name → raw bytes (``None`` or absent = file missing).
    max_bytes : int
        Files larger than this are refused without being parsed.

    Examples
    --------
    >>> r = validate_files({"nodes.csv": b"id,label,type\\nNIA:a,A,cell\\n"})
    >>> [str(p) for p in r.errors]
    ['edges.csv: file is missing (an atlas folder needs nodes.csv, edges.csv, sources.csv)', 'sources.csv: file is missing (an atlas folder needs nodes.csv, edges.csv, sources.csv)']
    """
    result = ValidationResult()
    for table in TABLES:
        frame, problems = _read_table(table, files.get(table.filename), max_bytes)
        result.problems += problems
        if frame is not None:
            result.frames[table.name] = frame
    nodes, edges, sources, lessons = (result.frames.get(t.name) for t in (NODES, EDGES, SOURCES, LESSONS))
    node_ids = set(nodes["id"]) if nodes is not None else None
    source_ids = set(sources["id"]) if sources is not None else None
    if nodes is not None:
        result.problems += _check_nodes(nodes)
    if sources is not None:
        result.problems += _check_sources(sources)
    if edges is not None:
        result.problems += _check_edges(edges, node_ids, source_ids)
    if lessons is not None:
        result.problems += _check_lessons(lessons, node_ids)
    if result.frames.get(EVIDENCE_ROWS.name) is not None:
        result.problems += _check_evidence(result.frames[EVIDENCE_ROWS.name], edges)
    if result.frames.get(LESSON_LAYOUT.name) is not None:
        result.problems += _check_lesson_layout(
            result.frames[LESSON_LAYOUT.name], lessons, node_ids, edges, has_lessons_file=files.get(LESSONS.filename) is not None
        )
    order = {t.filename: i for i, t in enumerate(TABLES)}
    result.problems.sort(key=lambda p: (order.get(p.file, 9), p.line or 0))
    return result


def validate_folder(folder: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> ValidationResult:
    """Read and validate an atlas folder; a missing or unreadable folder becomes a problem."""
    folder = Path(folder)
    if not folder.exists():
        return ValidationResult(
            [Problem(str(folder), None, "folder not found (expected a folder holding nodes.csv, edges.csv, sources.csv)")]
        )
    if not folder.is_dir():
        return ValidationResult(
            [Problem(str(folder), None, "is a file, not a folder (expected a folder holding nodes.csv, edges.csv, sources.csv)")]
        )
    files: dict[str, bytes | None] = {}
    problems: list[Problem] = []
    for table in TABLES:
        path = folder / table.filename
        try:
            if path.is_dir():
                problems.append(Problem(table.filename, None, "is a folder, not a file (expected a CSV file)"))
                continue
            if path.exists() and path.stat().st_size > max_bytes:
                problems.append(
                    Problem(table.filename, None, f"file is {path.stat().st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
                )
                continue
            files[table.filename] = path.read_bytes() if path.exists() else None
        except OSError as exc:
            problems.append(Problem(table.filename, None, f"cannot be read ({exc.strerror or exc})"))
    result = validate_files(files, max_bytes=max_bytes)
    result.problems = problems + [
        p for p in result.problems if not (p.line is None and "file is missing" in p.message and p.file in {q.file for q in problems})
    ]
    return result
