"""Researcher path in a real browser: upload overlay values through the file input, see the colour bar."""

import pytest

from tests.e2e.conftest import screenshot, wait_ready

pytestmark = pytest.mark.e2e

OVERLAY = "id,value,label\nHGNC:6018,2.5,IL-6 fold change\nHGNC:5992,1.2,IL-1b\nHGNC:11892,-0.5,TNF\nNIA:not_in_atlas,3,unknown\n"


def test_overlay_upload_shows_colour_bar(server, page, tmp_path):
    csv = tmp_path / "cytokine_levels.csv"
    csv.write_text(OVERLAY)
    page.goto(server + "/data")
    wait_ready(page)
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Overlay values")
    uploader.locator('input[type="file"]').set_input_files(str(csv))
    page.get_by_text("active: 3 values", exact=False).wait_for()
    wait_ready(page)
    assert page.get_by_text("NIA:not_in_atlas", exact=False).count() >= 1  # unknown id reported, not dropped
    page.locator('[data-testid="stSidebarNav"] a', has_text="Cytokine pathways").click()  # same session
    wait_ready(page)
    page.locator(".js-plotly-plot .colorbar").first.wait_for()
    assert page.locator(".js-plotly-plot .colorbar").count() >= 1
    screenshot(page, "overlay_cytokines")
