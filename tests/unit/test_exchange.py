"""GraphML / Cytoscape JSON exchange: round trips, a second tool's reader, injection, import problems."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import igraph
import networkx as nx
import pandas as pd
import pytest

from neuroimmune import Atlas, AtlasError, Filters, load_atlas
from neuroimmune import exchange as ex
from neuroimmune.cli import main
from neuroimmune.export import cite_view_zip, export_tables
from neuroimmune.synthetic import synthetic_frames
from neuroimmune.views import build_view
from tests.conftest import OK_BASELINE, ROOT
from tests.unit.evidence_atlas import write_atlas

DATA = ROOT / "data"
EVIL = '<script>alert("x")</script> & <b>bold</b> \'quoted\' "twice" =1+1'


@pytest.fixture(scope="module")
def shipped() -> Atlas:
    return load_atlas(DATA)


@pytest.fixture(scope="module")
def gut_view(shipped):
    fig, drawn, _ = build_view(shipped, "gut_brain")
    return fig, drawn, ex.figure_positions(fig)


def _csv_frames(atlas: Atlas) -> dict[str, pd.DataFrame]:
    """What the CSV export holds, read back as text (the reference for every round trip)."""
    return {name: pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False) for name, data in export_tables(atlas).items()}


def _nx_read(fmt: str, data: bytes) -> nx.MultiDiGraph:
    if fmt == "graphml":
        return nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    return nx.cytoscape_graph(json.loads(data), name="label")


def _assert_same_as_csv(graph: nx.MultiDiGraph, atlas: Atlas, positions: pd.DataFrame | None = None) -> None:
    tables = _csv_frames(atlas)
    nodes = tables["nodes.csv"].set_index("id")
    assert set(graph.nodes) == set(nodes.index)
    for node_id, row in nodes.drop(columns=["x", "y"], errors="ignore").iterrows():
        attrs = graph.nodes[node_id]
        assert {c: str(attrs.get(c, "")) for c in row.index} == row.to_dict(), node_id
    if positions is not None:
        for node_id, x, y in positions.itertuples(index=False):
            assert graph.nodes[node_id]["x"] == pytest.approx(x) and graph.nodes[node_id]["y"] == pytest.approx(y)
    edges = tables["edges.csv"]
    got = sorted(
        tuple(str(d.get(c, "")) if c not in ("source", "target") else (s if c == "source" else t) for c in edges.columns)
        for s, t, d in graph.edges(data=True)
    )
    assert got == sorted(edges.itertuples(index=False, name=None))


def _assert_import_same_as_csv(imported: Atlas, atlas: Atlas) -> None:
    want, got = _csv_frames(atlas), _csv_frames(imported)
    assert set(want) == set(got)
    for name in want:
        a = want[name].drop(columns=["x", "y"], errors="ignore")
        b = got[name][a.columns]
        key = {"edges.csv": ["source", "target", "relation"], "evidence.csv": ["source", "target", "relation", "reference"]}.get(
            name, ["id"]
        )
        pd.testing.assert_frame_equal(a.sort_values(key).reset_index(drop=True), b.sort_values(key).reset_index(drop=True), obj=name)


# ----- round trips ----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["graphml", "cyjs"])
def test_view_round_trip_with_networkx(fmt, gut_view):
    fig, drawn, positions = gut_view
    assert len(positions) == len(drawn.nodes) and positions[["x", "y"]].min().min() >= -0.1
    writer = ex.to_graphml if fmt == "graphml" else ex.to_cyjs
    data = writer(drawn, positions=positions, meta={"view": "gut_brain"})
    graph = _nx_read(fmt, data)
    _assert_same_as_csv(graph, drawn, positions)
    imported, problems = ex.atlas_from_network([(f"view.{fmt}", data)])
    assert imported is not None, [str(p) for p in problems]
    _assert_import_same_as_csv(imported, drawn)
    assert graph.graph["view"] == "gut_brain"
    assert all(graph.nodes[n]["registry_url"].startswith("http") for n in graph if not n.startswith("NIA:"))


@pytest.mark.parametrize("fmt", ["graphml", "cyjs"])
def test_whole_atlas_round_trip_with_networkx_and_our_importer(fmt, shipped):
    data = (ex.to_graphml if fmt == "graphml" else ex.to_cyjs)(shipped)
    _assert_same_as_csv(_nx_read(fmt, data), shipped)
    imported, problems = ex.atlas_from_network([(f"atlas.{fmt}", data)])
    assert imported is not None, [str(p) for p in problems]
    assert not [p for p in problems if p.severity == "error"]
    _assert_import_same_as_csv(imported, shipped)


@pytest.mark.parametrize("fmt", ["graphml", "cyjs"])
def test_evidence_rows_travel_with_the_network(fmt, tmp_path):
    atlas = load_atlas(write_atlas(tmp_path / "v11"))
    data = (ex.to_graphml if fmt == "graphml" else ex.to_cyjs)(atlas)
    graph = _nx_read(fmt, data)
    summaries = {(s, t, d["relation"]): d.get("evidence_summary") for s, t, d in graph.edges(data=True)}
    assert summaries[("NIA:a", "NIA:c", "activates")] == "s2: contradicts, human_interventional, human; s3: supports, animal, mouse"
    imported, problems = ex.atlas_from_network([(f"atlas.{fmt}", data)])
    assert imported is not None, [str(p) for p in problems]
    _assert_import_same_as_csv(imported, atlas)  # evidence.csv included


def test_evidence_rule_problems_are_located_by_element(tmp_path):
    atlas = load_atlas(write_atlas(tmp_path / "v11"))
    doc = json.loads(ex.to_cyjs(atlas))
    doc["data"]["evidence"][0]["direction"] = "sideways"
    atlas2, problems = ex.atlas_from_network([("ev.cyjs", json.dumps(doc).encode())])
    lines = [str(p) for p in problems]
    assert atlas2 is None
    assert any(line.startswith("ev.cyjs: evidence row NIA:a → NIA:b (elevated_in), s2: unknown direction 'sideways'") for line in lines), (
        lines
    )


def test_view_import_keeps_the_drawn_positions(gut_view):
    _, drawn, positions = gut_view
    imported, _ = ex.atlas_from_network([("view.cyjs", ex.to_cyjs(drawn, positions=positions))])
    got = imported.nodes.set_index("id")[["x", "y"]]
    want = positions.set_index("id").loc[got.index]
    assert (got - want).abs().max().max() < 1e-6


def test_cyjs_positions_are_pixels_y_down(gut_view):
    _, drawn, positions = gut_view
    doc = json.loads(ex.to_cyjs(drawn, positions=positions))
    first = positions.iloc[0]
    node = next(n for n in doc["elements"]["nodes"] if n["data"]["id"] == first["id"])
    assert node["position"]["x"] == pytest.approx(first["x"] * ex.CYJS_WIDTH_PX, abs=0.01)
    assert node["position"]["y"] == pytest.approx((1 - first["y"]) * ex.CYJS_WIDTH_PX * 0.62, abs=0.01)
    ids = [e["data"]["id"] for e in doc["elements"]["nodes"] + doc["elements"]["edges"]]
    assert len(ids) == len(set(ids))  # Cytoscape.js needs unique element ids


def test_graphml_opens_in_igraph(tmp_path, gut_view):
    _, drawn, positions = gut_view
    path = tmp_path / "gut.graphml"
    path.write_bytes(ex.to_graphml(drawn, positions=positions))
    g = igraph.Graph.Read_GraphML(str(path))
    assert g.is_directed() and (g.vcount(), g.ecount()) == (len(drawn.nodes), len(drawn.edges))
    assert set(g.vs["id"]) == set(drawn.nodes["id"])
    assert sorted(g.vs["label"]) == sorted(drawn.nodes["label"])
    assert sorted(g.es["relation"]) == sorted(drawn.edges["relation"])
    assert min(g.vs["x"]) >= -0.1


def test_evidence_summary_is_a_hook_and_not_kept_on_import(tmp_path):
    atlas = load_atlas(write_atlas(tmp_path / "v11"))
    custom = lambda a: {("NIA:c", "NIA:b", "associated_with"): "one mouse study"}  # noqa: E731
    graph = _nx_read("graphml", ex.to_graphml(atlas, evidence=custom))
    assert [d.get("evidence_summary") for *_, d in graph.edges(data=True)].count("one mouse study") == 1
    imported, _ = ex.atlas_from_network([("a.graphml", ex.to_graphml(atlas))])
    assert "evidence_summary" not in imported.edges  # derived: not an extra column on import


# ----- text stays text ------------------------------------------------------------------------
def _evil_atlas() -> Atlas:
    frames = synthetic_frames(20, 30, seed=3)
    frames["nodes"].loc[0, "label"] = EVIL
    frames["nodes"].loc[1, "description"] = EVIL + "\x01\x0b"
    frames["edges"].loc[0, "note"] = EVIL
    return Atlas.from_frames(**frames)


def test_graphml_escapes_markup_and_drops_xml_illegal_characters():
    atlas = _evil_atlas()
    data = ex.to_graphml(atlas)
    assert b"<script>" not in data and b"<b>" not in data and b"\x01" not in data
    graph = _nx_read("graphml", data)
    node0, node1 = atlas.nodes["id"].iloc[0], atlas.nodes["id"].iloc[1]
    assert graph.nodes[node0]["label"] == EVIL and graph.nodes[node1]["description"] == EVIL


def test_cyjs_values_are_plain_strings_without_markup():
    atlas = _evil_atlas()
    data = ex.to_cyjs(atlas)
    assert b"<" not in data and b">" not in data and b"&" not in data
    doc = json.loads(data)
    labels = [n["data"]["label"] for n in doc["elements"]["nodes"]]
    assert EVIL in labels
    for element in doc["elements"]["nodes"] + doc["elements"]["edges"]:
        assert all(isinstance(v, str) or k in ("x", "y") for k, v in element["data"].items())


# ----- import: mapping and problems -----------------------------------------------------------
def _graphml(nodes: str, edges: str = "", keys: str = "") -> bytes:
    keys = keys or "".join(
        f'<key id="{k}" for="{f}" attr.name="{k}" attr.type="string"/>'
        for k, f in [("label", "node"), ("type", "node"), ("colour", "node"), ("relation", "edge"), ("topics", "edge"), ("evidence", "edge"),
                     ("study_type", "edge"), ("species", "edge"), ("references", "edge")]
    )  # fmt: skip
    return f'<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">{keys}<graph edgedefault="directed">{nodes}{edges}</graph></graphml>'.encode()


def _node(i: str, label: str = "A", type_: str = "cell", extra: str = "") -> str:
    return f'<node id="{i}"><data key="label">{label}</data><data key="type">{type_}</data>{extra}</node>'


FULL_EDGE = (
    '<edge source="NIA:a" target="NIA:b"><data key="relation">activates</data><data key="topics">cytokine</data>'
    '<data key="evidence">emerging</data><data key="study_type">animal</data><data key="species">mouse</data>'
    '<data key="references">miller2016</data></edge>'
)


def _sources() -> bytes:
    return (OK_BASELINE / "sources.csv").read_bytes()


def test_import_maps_contract_attributes_and_keeps_the_rest():
    data = _graphml(_node("NIA:a", extra='<data key="colour">red</data>') + _node("NIA:b", "B"), FULL_EDGE)
    atlas, problems = ex.atlas_from_network([("mine.graphml", data), ("sources.csv", _sources())])
    assert atlas is not None, [str(p) for p in problems]
    assert atlas.nodes.set_index("id").at["NIA:a", "colour"] == "red"
    assert atlas.edges.iloc[0]["relation"] == "activates"


def test_import_reads_cytoscape_desktop_names():
    doc = {
        "elements": {
            "nodes": [{"data": {"id": "NIA:a", "name": "A", "type": "cell", "SUID": 52}, "position": {"x": 10, "y": 20}},
                      {"data": {"id": "NIA:b", "shared name": "B", "type": "cytokine"}}],
            "edges": [{"data": {"id": "7", "source": "NIA:a", "target": "NIA:b", "interaction": "produces", "topics": ["cytokine", "stress"],
                                "evidence": "supported", "study_type": "genetic", "species": "human", "references": "miller2016"}}],
        }
    }  # fmt: skip
    atlas, problems = ex.atlas_from_network([("net.cyjs", json.dumps(doc).encode()), ("sources.csv", _sources())])
    assert atlas is not None, [str(p) for p in problems]
    nodes = atlas.nodes.set_index("id")
    assert nodes.at["NIA:a", "label"] == "A" and nodes.at["NIA:b", "label"] == "B" and nodes.at["NIA:a", "SUID"] == "52"
    assert (nodes.at["NIA:a", "x"], nodes.at["NIA:a", "y"]) == (10, -20)
    assert atlas.edges.iloc[0][["relation", "topics"]].tolist() == ["produces", "cytokine|stress"]


def test_missing_contract_values_are_reported_per_node_and_edge():
    bare_edge = '<edge id="e9" source="NIA:a" target="NIA:b"><data key="relation">binds</data></edge>'
    data = _graphml(_node("NIA:a", type_="") + _node("NIA:b", "B"), bare_edge)
    atlas, problems = ex.atlas_from_network([("mine.graphml", data)])
    lines = [str(p) for p in problems]
    assert atlas is None
    assert "mine.graphml: node NIA:a: missing type (the data contract requires id, label, type)" in lines
    assert any(
        line.startswith("mine.graphml: edge NIA:a → NIA:b (binds): missing topics, evidence, study_type, species, references")
        for line in lines
    )
    assert any("carries no sources table" in line for line in lines)
    assert not any("nodes.csv" in line or "edges.csv" in line for line in lines)


def test_validator_problems_are_located_by_element():
    data = _graphml(
        _node("NIA:a", type_="cel") + _node("HGNC:1", "B"), FULL_EDGE.replace("NIA:b", "NIA:zz").replace("miller2016", "nobody")
    )
    atlas, problems = ex.atlas_from_network([("mine.graphml", data), ("sources.csv", _sources())])
    lines = [str(p) for p in problems]
    assert atlas is None
    assert any(line.startswith("mine.graphml: node NIA:a: unknown type 'cel' — did you mean 'cell'?") for line in lines), lines
    assert any(
        line.startswith("mine.graphml: edge NIA:a → NIA:zz (activates): reference 'nobody' is not an id among the sources")
        for line in lines
    )


def test_merge_supplies_known_sources(shipped):
    data = _graphml(_node("NIA:a") + _node("NIA:b", "B"), FULL_EDGE.replace("miller2016", shipped.sources["id"].iloc[0]))
    atlas, problems = ex.atlas_from_network([("mine.graphml", data)], known_sources=shipped.sources)
    assert atlas is not None, [str(p) for p in problems]
    assert list(atlas.sources["id"]) == [shipped.sources["id"].iloc[0]]


DEEP = b"[" * 100_000 + b"]" * 100_000


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.graphml", b"<graphml><graph>", "not well-formed XML"),
        ("a.graphml", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "root element is <svg>, not <graphml>"),
        ("a.graphml", b"<graphml><graph/></graphml>", "lacks xmlns"),
        ("a.graphml", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><graphml/>', "DOCTYPE/ENTITY"),
        ("a.graphml", _graphml('<node><data key="label">A</data></node>'), "node #1 has no id"),
        ("a.graphml", _graphml(_node("NIA:a"), '<edge source="NIA:a"/>'), "edge #1 lacks source or target"),
        ("a.graphml", _graphml('<node id="NIA:a"><data key="nokey">1</data></node>'), "cannot be read as GraphML"),
        ("a.graphml", b"", "file is empty"),
        ("a.graphml", b"\xff\xfe<\x00", "not valid UTF-8"),
        ("a.cyjs", b"{not json", "not valid JSON"),
        ("a.cyjs", DEEP, "not valid JSON"),
        ("a.json", b'{"nodes": []}', 'no "elements"'),
        ("a.cyjs", b'{"elements": {"nodes": [{"data": {"label": "A"}}]}}', "node #1 has no data.id"),
        ("a.cyjs", b'{"elements": {"nodes": [], "edges": [{"data": {"source": "x"}}]}}', "edge #1 lacks data.source or data.target"),
        ("a.cyjs", b'{"elements": {"nodes": 5}}', 'no "elements"'),
    ],
)
def test_unreadable_network_files_are_problems_not_tracebacks(name, data, message):
    atlas, problems = ex.atlas_from_network([(name, data)])
    assert atlas is None
    assert any(message in str(p) and str(p).startswith(f"{name}:") for p in problems), [str(p) for p in problems]


def test_huge_network_file_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(ex, "MAX_NETWORK_BYTES", 1000)
    atlas, problems = ex.atlas_from_network([("big.graphml", b" " * 1001)])
    assert atlas is None and "over the 0 MB limit" in str(problems[0])


def test_too_many_nodes_are_refused(monkeypatch):
    import neuroimmune.upload as up

    monkeypatch.setitem(up.MAX_ROWS, "nodes", 1)
    atlas, problems = ex.atlas_from_network([("a.graphml", _graphml(_node("NIA:a") + _node("NIA:b")))])
    assert atlas is None and "more than the 1" in str(problems[0])


def test_network_cannot_be_combined_with_nodes_csv():
    atlas, problems = ex.atlas_from_network([("a.graphml", _graphml(_node("NIA:a"))), ("nodes.csv", b"id,label,type\n")])
    assert atlas is None and str(problems[0]).startswith("nodes.csv: cannot be combined with a.graphml")


def test_load_network_raises_atlas_error(tmp_path):
    path = tmp_path / "x.graphml"
    path.write_bytes(b"<oops")
    with pytest.raises(AtlasError, match="not well-formed XML"):
        ex.load_network(path)
    with pytest.raises(AtlasError, match="cannot be read"):
        ex.load_network(tmp_path / "missing.graphml")


# ----- CLI and the cite-this-view ZIP ---------------------------------------------------------
@pytest.mark.parametrize("fmt", ["graphml", "cyjs"])
def test_cli_export_view_and_whole_atlas(tmp_path, fmt, shipped):
    view = tmp_path / f"gut.{fmt}"
    assert main(["export", "--data", str(DATA), "--view", "gut_brain", "--out", str(view)]) == 0
    from neuroimmune.defaults import default_picture

    fig, drawn, _ = default_picture(shipped, "gut_brain")  # the CLI's default is the page's default picture
    graph = _nx_read(fmt, view.read_bytes())
    _assert_same_as_csv(graph, drawn, ex.figure_positions(fig))
    whole = tmp_path / f"all.{fmt}"
    assert main(["export", "--data", str(DATA), "--all", "--out", str(whole)]) == 0
    _assert_same_as_csv(_nx_read(fmt, whole.read_bytes()), shipped)


def test_cli_export_all_refuses_figure_formats(tmp_path, capsys):
    assert main(["export", "--data", str(OK_BASELINE), "--all", "--out", str(tmp_path / "a.png")]) == 2
    assert "--all writes csv, bib, graphml, cyjs" in capsys.readouterr().err


def test_cite_view_zip_holds_the_network(monkeypatch, gut_view):
    import neuroimmune.export as export

    monkeypatch.setattr(export, "_images", lambda *a, **k: ({}, []))
    fig, drawn, positions = gut_view
    with zipfile.ZipFile(io.BytesIO(cite_view_zip(fig, drawn, view="gut_brain", drawn=drawn, date="2026-12-01"))) as zf:
        names = zf.namelist()
        graphml = zf.read(next(n for n in names if n.endswith(".graphml")))
        assert any(n.endswith(".cyjs") for n in names)
        readme = zf.read("README.txt").decode()
    _assert_same_as_csv(_nx_read("graphml", graphml), drawn, positions)
    assert ".graphml" in readme


def test_csv_reader_agrees_with_pandas_on_export(shipped):
    # guards _csv_frames: the CSV export of the shipped atlas has no neutralised (formula-leading) cells
    rows = list(csv.reader(io.StringIO(export_tables(shipped)["nodes.csv"].decode())))
    assert not any(c.startswith("'") for row in rows for c in row)


def test_filters_apply_to_whole_atlas_export(shipped):
    kept = shipped.filter(Filters(evidence=("established",)))
    graph = _nx_read("graphml", ex.to_graphml(kept))
    assert {d["evidence"] for *_, d in graph.edges(data=True)} == {"established"}


def test_cli_import_writes_a_valid_atlas_folder(tmp_path, capsys):
    net = tmp_path / "net.graphml"
    net.write_bytes(ex.to_graphml(load_atlas(OK_BASELINE)))
    assert main(["validate", str(net)]) == 0 and "valid (4 nodes, 3 edges, 2 sources)" in capsys.readouterr().out
    assert main(["import", str(net), "--out", str(tmp_path / "atlas")]) == 0
    assert main(["validate", str(tmp_path / "atlas")]) == 0
    _assert_import_same_as_csv(load_atlas(tmp_path / "atlas"), load_atlas(OK_BASELINE))


def test_cli_validate_network_lists_problems_by_element(tmp_path, capsys):
    net = tmp_path / "bad.graphml"
    net.write_bytes(_graphml(_node("NIA:a", type_="")))
    assert main(["validate", str(net)]) == 1
    err = capsys.readouterr().err
    assert f"{net.name}: node NIA:a: missing type" in err and "Traceback" not in err


def test_too_many_attributes_are_refused(monkeypatch):
    monkeypatch.setattr(ex, "MAX_EXTRA_COLUMNS", 3)
    nodes = [{"data": {"id": f"NIA:n{i}", "label": "A", "type": "cell", **{f"a{j}": 1 for j in range(20)}}} for i in range(2)]
    atlas, problems = ex.atlas_from_network([("wide.cyjs", json.dumps({"elements": {"nodes": nodes, "edges": []}}).encode())])
    assert atlas is None and "more than 3 distinct extra attributes" in str(problems[-1])


def test_duplicate_ids_are_reported_without_generated_line_numbers():
    nodes = [{"data": {"id": "NIA:a", "label": "A", "type": "cell"}}, {"data": {"id": "NIA:a", "label": "B", "type": "cell"}}]
    atlas, problems = ex.atlas_from_network([("dup.cyjs", json.dumps({"elements": {"nodes": nodes, "edges": []}}).encode())])
    lines = [str(p) for p in problems]
    assert atlas is None and any(
        line.startswith("dup.cyjs: node NIA:a: duplicate id 'NIA:a' (defined earlier in the file") for line in lines
    ), lines
