"""Uploaded atlas files (three/four CSVs or one ZIP of them) → validated bytes, safely.

An upload is untrusted: a ZIP may be encrypted, nested, hold ``../`` paths or be a zip bomb.
:func:`read_upload` never writes to disk and never reads more than a hard byte cap; each refusal
is a :class:`~neuroimmune.schema.Problem` saying what was wrong and what is expected.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import zipfile
import zlib
from pathlib import PurePosixPath

from . import schema
from .atlas import Atlas
from .schema import Problem

__all__ = [
    "MAX_UPLOAD_MB",
    "MAX_UPLOAD_BYTES",
    "MAX_UNZIPPED_BYTES",
    "MAX_ZIP_MEMBERS",
    "MAX_COMPRESSION_RATIO",
    "MAX_ROWS",
    "ATLAS_FILES",
    "read_upload",
    "atlas_from_upload",
    "atlas_from_contents",
]

#: Must equal ``server.maxUploadSize`` in ``.streamlit/config.toml`` (Streamlit counts 1 MB = 1024² bytes).
MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
#: All CSVs unpacked from one ZIP together (a 300k-edge atlas is ~60 MB of CSV).
MAX_UNZIPPED_BYTES = 3 * MAX_UPLOAD_BYTES
#: Entries (files and folders) a ZIP may hold: the four CSVs, a folder and a few extras such as a README.
MAX_ZIP_MEMBERS = 16
#: CSV text compresses ~5-15×; a member that claims far more is a zip bomb.
MAX_COMPRESSION_RATIO = 100
_RATIO_FLOOR = 1024 * 1024  # tiny members may have any ratio; they cannot blow up memory
#: Rows allowed per table after parsing (the app stays responsive up to about this size).
MAX_ROWS = {"nodes": 100_000, "edges": 300_000, "sources": 100_000, "lessons": 5_000, "evidence": 600_000, "lesson_layout": 50_000}
ATLAS_FILES = tuple(t.filename for t in schema.TABLES)

_UPLOAD = "upload"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_ARCHIVE_NAME = re.compile(r"\.(zip|gz|tgz|tar|bz2|xz|7z|rar|jar)$", re.IGNORECASE)
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh")
_IGNORED_QUIETLY = re.compile(r"(^|/)(__MACOSX/|\.DS_Store$|Thumbs\.db$)")
_CHUNK = 1024 * 1024


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _is_zip(name: str, data: bytes) -> bool:
    return name.lower().endswith(".zip") or data.startswith(_ZIP_MAGIC)


def read_upload(files: list[tuple[str, bytes]]) -> tuple[dict[str, bytes | None], list[Problem]]:
    """Turn uploaded ``(name, bytes)`` pairs into ``{"nodes.csv": bytes | None, ...}`` plus problems.

    Accepts either the CSV files themselves or exactly one ZIP holding them (at its top or inside
    one folder). Files that are not part of an atlas are reported by name and ignored (a
    warning); everything unsafe is an error and nothing is returned for it.

    Examples
    --------
    >>> files, problems = read_upload([("nodes.csv", b"id,label,type\\n"), ("notes.txt", b"hi")])
    >>> sorted(k for k, v in files.items() if v is not None), [str(p) for p in problems]
    (['nodes.csv'], ['notes.txt: warning: not an atlas file (expected nodes.csv, edges.csv, sources.csv, lessons.csv, evidence.csv, lesson_layout.csv); ignored'])
    """
    empty: dict[str, bytes | None] = dict.fromkeys(ATLAS_FILES)
    if not files:
        return empty, [Problem(_UPLOAD, None, "no file uploaded (expected nodes.csv, edges.csv, sources.csv — or one ZIP of them)")]
    too_big = [
        Problem(n, None, f"file is {_mb(len(d))}, over the {MAX_UPLOAD_MB} MB upload limit (split the atlas or zip it)")
        for n, d in files
        if len(d) > MAX_UPLOAD_BYTES
    ]
    if too_big:
        return empty, too_big
    zips = [(n, d) for n, d in files if _is_zip(n, d)]
    if zips and len(files) > 1:
        names = ", ".join(n for n, _ in zips)
        return empty, [
            Problem(_UPLOAD, None, f"got {names} together with other files (upload either the CSV files or one ZIP of them, not both)")
        ]
    if zips:
        return _read_zip(*zips[0])
    return _pick_atlas_files([(PurePosixPath(n.replace("\\", "/")).name, d) for n, d in files])


def _pick_atlas_files(members: list[tuple[str, bytes]]) -> tuple[dict[str, bytes | None], list[Problem]]:
    out: dict[str, bytes | None] = dict.fromkeys(ATLAS_FILES)
    problems: list[Problem] = []
    for name, data in members:
        key = name.lower()
        if key not in out:
            problems.append(Problem(name, None, f"not an atlas file (expected {', '.join(ATLAS_FILES)}); ignored", "warning"))
        elif out[key] is not None:
            problems.append(Problem(name, None, f"{key} was given twice (expected each file once)"))
        else:
            out[key] = data
    return out, problems


# ---------------------------------------------------------------------------------------------
# ZIP
def _read_zip(zip_name: str, data: bytes) -> tuple[dict[str, bytes | None], list[Problem]]:
    empty: dict[str, bytes | None] = dict.fromkeys(ATLAS_FILES)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        return empty, [Problem(zip_name, None, f"not a readable ZIP archive ({exc}); expected a .zip of nodes.csv, edges.csv, sources.csv")]
    if len(infos) > MAX_ZIP_MEMBERS:
        return empty, [
            Problem(
                zip_name,
                None,
                f"ZIP holds {len(infos)} entries, more than {MAX_ZIP_MEMBERS} (expected only {', '.join(ATLAS_FILES)}, at the top or in one folder)",
            )
        ]
    problems = [p for info in infos for p in _unsafe_member(zip_name, info)]
    if problems:
        return empty, problems
    wanted, problems = _choose_members(zip_name, [i for i in infos if not i.is_dir()])
    problems += _check_sizes(zip_name, wanted)
    if any(p.severity == "error" for p in problems):
        return empty, problems
    out = dict(empty)
    budget = MAX_UNZIPPED_BYTES
    with archive:
        for key, info in wanted.items():
            content, problem = _read_capped(archive, zip_name, info, budget)
            if problem:
                return empty, problems + [problem]
            out[key] = content
            budget -= len(content)
    return out, problems


def _unsafe_member(zip_name: str, info: zipfile.ZipInfo) -> list[Problem]:
    """Errors for members no upload may hold, wherever they are in the archive."""
    name = info.filename
    where = f"{zip_name}: {name}"
    if info.flag_bits & 0x1:
        return [Problem(where, None, "is encrypted (password-protected ZIPs are not accepted; zip the CSVs without a password)")]
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) or ".." in parts:
        return [Problem(where, None, "has an absolute or '..' path (unsafe; expected plain names like atlas/nodes.csv)")]
    if stat.S_ISLNK(info.external_attr >> 16):
        return [Problem(where, None, "is a symbolic link (expected plain CSV files)")]
    if not info.is_dir() and _ARCHIVE_NAME.search(name) and not _IGNORED_QUIETLY.search(name):
        return [
            Problem(where, None, "is an archive inside the ZIP (nested archives are not accepted; put the CSV files in the ZIP directly)")
        ]
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA):
        return [Problem(where, None, f"uses an unsupported compression method ({info.compress_type}); re-zip with the standard 'deflate'")]
    return []


def _choose_members(zip_name: str, infos: list[zipfile.ZipInfo]) -> tuple[dict[str, zipfile.ZipInfo], list[Problem]]:
    """The atlas CSVs: at the top of the ZIP or all inside one folder; other files are reported."""
    problems: list[Problem] = []
    atlas_members = [i for i in infos if PurePosixPath(i.filename).name.lower() in ATLAS_FILES and not _IGNORED_QUIETLY.search(i.filename)]
    folders = sorted({str(PurePosixPath(i.filename).parent) for i in atlas_members})
    if len(folders) > 1 or (folders and folders[0].count("/") > 0):
        shown = ", ".join(f"'{f}/'" if f != "." else "the top" for f in folders)
        return {}, [
            Problem(zip_name, None, f"atlas files are spread over {shown} (expected them at the top of the ZIP or inside one folder)")
        ]
    chosen: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        key = PurePosixPath(info.filename).name.lower()
        if info in atlas_members:
            if key in chosen:
                problems.append(Problem(f"{zip_name}: {info.filename}", None, f"{key} appears twice in the ZIP (expected each file once)"))
            chosen[key] = info
        elif not _IGNORED_QUIETLY.search(info.filename):
            problems.append(
                Problem(f"{zip_name}: {info.filename}", None, f"not an atlas file (expected {', '.join(ATLAS_FILES)}); ignored", "warning")
            )
    return chosen, problems


def _check_sizes(zip_name: str, wanted: dict[str, zipfile.ZipInfo]) -> list[Problem]:
    """Refuse on the sizes the ZIP declares (cheap); :func:`_read_capped` enforces them for real."""
    problems = []
    total = 0
    for info in wanted.values():
        total += info.file_size
        where = f"{zip_name}: {info.filename}"
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            problems.append(
                Problem(
                    where,
                    None,
                    f"unpacks to {_mb(info.file_size)} from {_mb(info.compress_size)} (ratio {ratio:.0f}:1 > {MAX_COMPRESSION_RATIO}:1) — refused as a possible zip bomb",
                )
            )
    if total > MAX_UNZIPPED_BYTES:
        problems.append(Problem(zip_name, None, f"unpacks to {_mb(total)}, over the {_mb(MAX_UNZIPPED_BYTES)} limit for an uploaded atlas"))
    return problems


def _read_capped(archive: zipfile.ZipFile, zip_name: str, info: zipfile.ZipInfo, cap: int) -> tuple[bytes, Problem | None]:
    """Read one member in chunks, stopping at ``cap`` bytes whatever its header claims."""
    where = f"{zip_name}: {info.filename}"
    chunks, size = [], 0
    try:
        with archive.open(info) as fh:
            while chunk := fh.read(_CHUNK):
                size += len(chunk)
                if size > cap or (size > _RATIO_FLOOR and size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)):
                    return b"", Problem(
                        where,
                        None,
                        f"unpacks to more than {_mb(min(size, cap))} (more than its header says, or over the limit) — refused as a possible zip bomb",
                    )
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError) as exc:
        return b"", Problem(where, None, f"cannot be unpacked ({exc}); re-create the ZIP")
    return b"".join(chunks), None


# ---------------------------------------------------------------------------------------------
def atlas_from_upload(files: list[tuple[str, bytes]], *, known_sources=None) -> tuple[Atlas | None, list[Problem]]:
    """Read, validate and size-check an upload; the Atlas, or ``None`` with every problem.

    Warnings (ignored extra files, duplicate relations merged) come back with a valid Atlas. A
    GraphML or Cytoscape JSON network is mapped onto the contract first
    (:func:`neuroimmune.exchange.atlas_from_network`; ``known_sources`` may supply its sources).
    """
    from .exchange import atlas_from_network, is_network_file

    if any(is_network_file(name) for name, _ in files):
        return atlas_from_network(files, known_sources=known_sources)
    contents, problems = read_upload(files)
    if any(p.severity == "error" for p in problems) or not any(contents.values()):
        return None, problems
    atlas, checked = atlas_from_contents(contents)
    return atlas, problems + checked


def atlas_from_contents(contents: dict[str, bytes | None]) -> tuple[Atlas | None, list[Problem]]:
    """Validate ``{"nodes.csv": bytes, ...}`` with the upload limits; the Atlas, or ``None`` with every problem."""
    result = schema.validate_files(contents, max_bytes=MAX_UNZIPPED_BYTES)
    problems = list(result.problems)
    for table, frame in result.frames.items():
        limit = MAX_ROWS.get(table)
        if limit is not None and len(frame) > limit:
            problems.append(
                Problem(
                    f"{table}.csv",
                    None,
                    f"has {len(frame):,} rows, more than the {limit:,} an uploaded atlas may have (split it or filter it first)",
                )
            )
    if any(p.severity == "error" for p in problems):
        return None, problems
    version = hashlib.sha256(b"".join(contents.get(name) or b"" for name in ATLAS_FILES)).hexdigest()[:16]
    f = result.frames
    atlas = Atlas.from_frames(
        f["nodes"], f["edges"], f["sources"], f.get("lessons"), version=version, warnings=tuple(result.warnings), evidence=f.get("evidence"),
        lesson_layout=f.get("lesson_layout"),
    )  # fmt: skip
    return atlas, problems
