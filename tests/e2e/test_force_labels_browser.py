"""Force views in real Chromium: the labels they draw never overprint each other and are never cut.

The explorer's "Show everything" (``?all=1``, the force-laid neighbourhood; also at 2 steps, ~160 entities) and
the home page's whole-atlas cloud (its toggle clicked) at 1280×720 and 1600×1000. A force view of hundreds of
entities labels only some of them; the rendered text boxes of those it labels must be legible. Screenshots:
artifacts/screenshots/force_*.png.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import SCREENSHOTS, open_page, wait_ready
from tests.e2e.label_metrics import MEASURE_JS, summary

pytestmark = pytest.mark.e2e

SIZES = [(1280, 720), (1600, 1000)]
#: name → (URL, index of the force chart on the page, toggle to switch on first)
VIEWS = {
    "explorer_all": ("/explorer?all=1", 0, None),
    "explorer_all_k2": ("/explorer?all=1&k=2", 0, None),
    "home_cloud": ("/", 1, ".st-key-home_cloud label"),
}


def _force_chart(page, index: int):
    charts = page.locator(".js-plotly-plot")
    charts.nth(index).wait_for()
    chart = charts.nth(index)
    chart.scroll_into_view_if_needed()
    page.wait_for_function("(gd) => gd.querySelector('.textpoint text')", arg=chart.element_handle(), timeout=60_000)
    page.wait_for_timeout(300)  # one animation frame for plotly's text placement after scrolling
    return chart


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("name", list(VIEWS))
def test_force_view_labels_are_legible(server, browser, name, width, height):
    url, index, toggle = VIEWS[name]
    context, page = open_page(browser, width, height)
    try:
        page.goto(server + url)
        wait_ready(page)
        if toggle:
            page.locator(toggle).first.click()
            page.wait_for_timeout(300)
            wait_ready(page)
        chart = _force_chart(page, index)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        chart.screenshot(path=str(SCREENSHOTS / f"force_{name}_{width}x{height}.png"))
        result = summary(chart.evaluate(MEASURE_JS), floor=12)
        where = f"{name} at {width}×{height}"
        labels = result["entities"] - result["unlabelled"]
        assert result["entities"] >= 20, f"{where}: only {result['entities']} entities drawn"
        assert labels >= 15, f"{where}: only {labels} labels"
        assert not result["overlaps"], f"{where}: overlapping labels {result['overlaps']}"
        assert not result["cut"], f"{where}: labels cut at the chart's edge {result['cut']}"
        assert not result["small"], f"{where}: labels under 12 px {result['small']}"
    finally:
        context.close()
