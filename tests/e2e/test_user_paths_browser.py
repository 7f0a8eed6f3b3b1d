"""User paths that broke in a real browser (found by tests/e2e/walk_user_paths.py); kept few and fast."""

from __future__ import annotations

import pytest

from tests.conftest import BAD_INPUTS, OK_BASELINE
from tests.e2e.conftest import screenshot, start_server, stop_server, wait_ready

pytestmark = pytest.mark.e2e


def test_corrected_upload_replaces_the_refused_one(server, page):
    """The uploader keeps earlier files: re-uploading fixed CSVs once said "nodes.csv was given twice"."""
    page.goto(server + "/data")
    wait_ready(page)
    up = page.locator('[data-testid="stFileUploader"]').filter(has_text="Your atlas").locator('input[type="file"]')
    up.set_input_files([str(p) for p in sorted((BAD_INPUTS / "misspelt_relation").glob("*.csv"))])
    page.get_by_text("Not loaded", exact=False).wait_for()
    wait_ready(page)
    up.set_input_files([str(p) for p in sorted(OK_BASELINE.glob("*.csv"))])
    page.get_by_text("Your atlas was loaded", exact=False).wait_for()
    wait_ready(page)
    assert page.get_by_text("given twice", exact=False).count() == 0
    screenshot(page, "reupload_fixed")


def test_compare_on_a_big_atlas_draws_a_bounded_figure(page, tmp_path):
    """100k-edge atlases made a 112,000 px tall compare network (36 s to paint); now columns are capped."""
    from neuroimmune.synthetic import write_synthetic

    proc, url = start_server(write_synthetic(tmp_path / "syn", 2000, 20_000, seed=5))
    try:
        page.goto(url + "/compare")
        wait_ready(page)
        chart = page.locator(".js-plotly-plot").first
        chart.wait_for()
        assert chart.bounding_box()["height"] < 3_000
        assert page.get_by_text("best-connected", exact=False).count() >= 1
    finally:
        stop_server(proc)
