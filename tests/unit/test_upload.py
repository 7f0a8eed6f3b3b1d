"""Uploads: the shared bad inputs as loose CSVs and as ZIPs, and every unsafe ZIP we can build."""

from __future__ import annotations

import io
import tomllib
import zipfile
from pathlib import Path

import pytest

from neuroimmune.upload import (
    MAX_COMPRESSION_RATIO,
    MAX_ROWS,
    MAX_UNZIPPED_BYTES,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_MB,
    MAX_ZIP_MEMBERS,
    atlas_from_upload,
    read_upload,
)
from tests.conftest import BAD_FOLDERS, OK_BASELINE, ROOT, expect

FOLDERS = BAD_FOLDERS


def _csvs(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.csv"))]


def _zip(members: dict[str, bytes], *, method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _errors(problems):
    return [str(p) for p in problems if p.severity == "error"]


def test_limit_matches_streamlit_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["maxUploadSize"] == MAX_UPLOAD_MB
    assert MAX_UPLOAD_BYTES == MAX_UPLOAD_MB * 1024 * 1024


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
@pytest.mark.parametrize("zipped", [False, True], ids=["csv", "zip"])
def test_bad_inputs_as_upload(folder, zipped):
    want = expect(folder)
    files = _csvs(folder)
    if zipped:
        files = [(f"{folder.name}.zip", _zip({f"{folder.name}/{n}": d for n, d in files}))]
    atlas, problems = atlas_from_upload(files)
    if want["verdict"] == "ok":
        assert atlas is not None, _errors(problems)
    elif want["verdict"] == "error":
        assert atlas is None
        # the same FILE:LINE as the validator, or (for a file the upload reader refuses whole) a message naming it
        assert any(p.file == want["file"] and p.line == want["line"] for p in problems) or any(want["file"] in str(p) for p in problems), (
            _errors(problems)
        )
    else:
        assert atlas is not None or _errors(problems)


def test_csv_files_found_case_insensitively_and_extras_ignored():
    files = [(n.upper().replace(".CSV", ".csv"), d) for n, d in _csvs(OK_BASELINE)] + [("notes.txt", b"hello")]
    contents, problems = read_upload(files)
    assert contents["nodes.csv"] and contents["edges.csv"] and contents["sources.csv"] and contents["lessons.csv"] is None
    assert [str(p) for p in problems] == [
        "notes.txt: warning: not an atlas file (expected nodes.csv, edges.csv, sources.csv, lessons.csv, evidence.csv, lesson_layout.csv); ignored"
    ]


def test_same_file_twice_is_an_error():
    files = _csvs(OK_BASELINE) + [("nodes.csv", b"id,label,type\n")]
    _, problems = read_upload(files)
    assert any("given twice" in p.message for p in problems)


def test_missing_file_reported():
    atlas, problems = atlas_from_upload([f for f in _csvs(OK_BASELINE) if f[0] != "edges.csv"])
    assert atlas is None and any(p.file == "edges.csv" and "missing" in p.message for p in problems)


def test_nothing_uploaded():
    atlas, problems = atlas_from_upload([])
    assert atlas is None and "no file uploaded" in problems[0].message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"id;label;type\nNIA:a;A;cell\n", "wrong delimiter"),
        ("id,label,type\nNIA:a,Caf\xe9,cell\n".encode("latin-1"), "not valid UTF-8"),
        ("id,label,type\nNIA:a,A,cell\n".encode("utf-16"), "UTF-16"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "PNG image"),
        (b"", "empty"),
    ],
    ids=["delimiter", "latin1", "utf16", "binary", "empty"],
)
def test_bad_nodes_file_reports_file_and_line(content, message):
    files = [("nodes.csv", content)] + [f for f in _csvs(OK_BASELINE) if f[0] != "nodes.csv"]
    atlas, problems = atlas_from_upload(files)
    assert atlas is None
    hits = [p for p in problems if p.file == "nodes.csv" and message in p.message]
    assert hits and hits[0].line is not None, _errors(problems)


def test_file_over_upload_limit_refused_before_parsing():
    big = b"x" * (MAX_UPLOAD_BYTES + 1)
    atlas, problems = atlas_from_upload([("nodes.csv", big)])
    assert atlas is None
    assert (
        str(problems[0])
        == f"nodes.csv: file is {(MAX_UPLOAD_BYTES + 1) / 1048576:.1f} MB, over the 50 MB upload limit (split the atlas or zip it)"
    )


def test_row_cap_after_parsing(monkeypatch):
    monkeypatch.setitem(MAX_ROWS, "edges", 2)
    atlas, problems = atlas_from_upload(_csvs(OK_BASELINE))
    assert atlas is None and any(p.file == "edges.csv" and "3 rows, more than the 2" in p.message for p in problems)


# ----- ZIP -----------------------------------------------------------------------------------
def test_zip_at_top_level_loads():
    atlas, problems = atlas_from_upload([("atlas.zip", _zip(dict(_csvs(OK_BASELINE))))])
    assert atlas is not None and len(atlas.edges) == 3 and not _errors(problems)


def test_zip_detected_by_content_even_if_misnamed():
    atlas, _ = atlas_from_upload([("upload.bin", _zip(dict(_csvs(OK_BASELINE))))])
    assert atlas is not None


def test_zip_with_extra_files_reports_and_ignores_them():
    members = {f"atlas/{n}": d for n, d in _csvs(OK_BASELINE)} | {"atlas/README.md": b"# hi", "__MACOSX/._nodes.csv": b"junk"}
    atlas, problems = atlas_from_upload([("atlas.zip", _zip(members))])
    assert atlas is not None
    assert [str(p) for p in problems] == [
        "atlas.zip: atlas/README.md: warning: not an atlas file (expected nodes.csv, edges.csv, sources.csv, lessons.csv, evidence.csv, lesson_layout.csv); ignored"
    ]


def test_zip_with_files_in_two_folders_refused():
    files = _csvs(OK_BASELINE)
    members = {f"a/{files[0][0]}": files[0][1]} | {f"b/{n}": d for n, d in files[1:]}
    atlas, problems = atlas_from_upload([("atlas.zip", _zip(members))])
    assert atlas is None and "spread over 'a/', 'b/'" in problems[0].message


def test_zip_with_deep_folder_refused():
    members = {f"x/y/{n}": d for n, d in _csvs(OK_BASELINE)}
    atlas, problems = atlas_from_upload([("atlas.zip", _zip(members))])
    assert atlas is None and "inside one folder" in problems[0].message


def test_nested_zip_refused():
    inner = _zip(dict(_csvs(OK_BASELINE)))
    atlas, problems = atlas_from_upload([("outer.zip", _zip({"inner.zip": inner}))])
    assert atlas is None and str(problems[0]).startswith("outer.zip: inner.zip: is an archive inside the ZIP")


def test_nested_zip_posing_as_csv_refused():
    inner = _zip(dict(_csvs(OK_BASELINE)))
    members = dict(_csvs(OK_BASELINE)) | {"nodes.csv": inner}
    atlas, problems = atlas_from_upload([("outer.zip", _zip(members))])
    assert atlas is None and any(p.file == "nodes.csv" and "ZIP archive" in p.message for p in problems)


@pytest.mark.parametrize("name", ["../nodes.csv", "/etc/nodes.csv", "a/../../nodes.csv", "C:/nodes.csv", "..\\nodes.csv"])
def test_path_traversal_refused(name):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(zipfile.ZipInfo(name), b"id,label,type\n")  # ZipInfo keeps the raw name
    atlas, problems = atlas_from_upload([("evil.zip", buf.getvalue())])
    assert atlas is None and "absolute or '..' path" in problems[0].message


def test_encrypted_member_refused():
    data = bytearray(_zip(dict(_csvs(OK_BASELINE)), method=zipfile.ZIP_STORED))
    # set the "encrypted" flag bit in every local and central header (PKZIP spec 4.4.4)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        pos = data.find(sig)
        while pos >= 0:
            data[pos + offset] |= 0x1
            pos = data.find(sig, pos + 4)
    atlas, problems = atlas_from_upload([("secret.zip", bytes(data))])
    assert atlas is None and "encrypted" in problems[0].message


def test_too_many_members_refused():
    members = {f"extra_{i}.txt": b"x" for i in range(MAX_ZIP_MEMBERS + 1)}
    atlas, problems = atlas_from_upload([("many.zip", _zip(members))])
    assert atlas is None and f"more than {MAX_ZIP_MEMBERS}" in problems[0].message


def test_symlink_refused():
    info = zipfile.ZipInfo("nodes.csv")
    info.external_attr = 0o120777 << 16
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(info, b"/etc/passwd")
    atlas, problems = atlas_from_upload([("link.zip", buf.getvalue())])
    assert atlas is None and "symbolic link" in problems[0].message


def test_not_a_zip():
    atlas, problems = atlas_from_upload([("atlas.zip", b"PK\x03\x04 this is not really a zip")])
    assert atlas is None and "not a readable ZIP archive" in problems[0].message


def test_zip_plus_csv_refused():
    files = _csvs(OK_BASELINE) + [("atlas.zip", _zip(dict(_csvs(OK_BASELINE))))]
    atlas, problems = atlas_from_upload(files)
    assert atlas is None and "not both" in problems[0].message


def _bomb(megabytes: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        with zf.open("nodes.csv", "w", force_zip64=True) as fh:
            block = bytes(1024 * 1024)
            for _ in range(megabytes):
                fh.write(block)
    return buf.getvalue()


def test_zip_bomb_refused_on_declared_size():
    bomb = _bomb(200)
    assert len(bomb) < 1024 * 1024  # 200 MB of zeros squeeze into a few hundred kB
    atlas, problems = atlas_from_upload([("bomb.zip", bomb)])
    assert atlas is None
    messages = [p.message for p in problems]
    assert any("zip bomb" in m and f"> {MAX_COMPRESSION_RATIO}:1" in m for m in messages)
    assert any(f"over the {MAX_UNZIPPED_BYTES / 1048576:.1f} MB limit" in m for m in messages)


def test_zip_bomb_with_lying_header_refused():
    """The central directory claims 100 bytes for 20 MB of zeros: never more than declared is read."""
    data = bytearray(_bomb(20))
    cd = data.rfind(b"PK\x01\x02")
    data[cd + 24 : cd + 28] = (100).to_bytes(4, "little")  # uncompressed size in the central directory: a lie
    contents, problems = read_upload([("liar.zip", bytes(data))])
    assert contents["nodes.csv"] is None
    assert str(problems[0]).startswith("liar.zip: nodes.csv: cannot be unpacked")


def test_hard_byte_cap_while_reading():
    """Whatever the headers say, reading stops at the cap."""
    from neuroimmune.upload import _read_capped

    archive = zipfile.ZipFile(io.BytesIO(_zip({"nodes.csv": b"a,b\n" * 1_000_000})))
    content, problem = _read_capped(archive, "x.zip", archive.getinfo("nodes.csv"), cap=1024 * 1024)
    assert content == b"" and "zip bomb" in problem.message
