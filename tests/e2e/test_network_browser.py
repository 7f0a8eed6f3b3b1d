"""A network file through the real uploader (the browser enforces its file types) and a network download."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from neuroimmune import load_atlas
from neuroimmune.exchange import to_graphml
from tests.conftest import OK_BASELINE
from tests.e2e.conftest import screenshot, wait_ready

pytestmark = pytest.mark.e2e


def test_graphml_upload_and_cytoscape_download(server, page, tmp_path):
    net = tmp_path / "my_network.graphml"
    net.write_bytes(to_graphml(load_atlas(OK_BASELINE)))
    page.goto(server + "/data")
    wait_ready(page)
    up = page.locator('[data-testid="stFileUploader"]').filter(has_text="Your atlas").locator('input[type="file"]')
    up.set_input_files([str(net)])
    page.get_by_text("Your atlas was loaded", exact=False).wait_for()
    wait_ready(page)
    screenshot(page, "network_upload")
    button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text="Network (Cytoscape JSON)").first
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=60_000) as download:
        button.click()
    doc = json.loads(Path(download.value.path()).read_text())
    graph = nx.cytoscape_graph(doc, name="label")
    assert graph.number_of_nodes() == 4 and graph.number_of_edges() == 3
