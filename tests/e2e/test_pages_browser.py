"""Every view page in a real browser: loads without an exception, draws Plotly, a clicked node opens its card."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import SCREENSHOTS, screenshot, wait_ready

pytestmark = pytest.mark.e2e

PAGES = {"home": "/", "gut_brain": "/gut_brain", "cytokines": "/cytokines", "conditions": "/conditions", "explorer": "/explorer"}
CHART = ".js-plotly-plot"

# Screen position of a node marker that no other marker crowds: data → pixels with the axes' l2p.
_FIND_NODE = """
(gd) => {
  const fl = gd._fullLayout, xa = fl.xaxis, ya = fl.yaxis, rect = gd.getBoundingClientRect();
  const pts = [];
  gd._fullData.forEach((t, ti) => {
    if (!t.visible || !t.customdata || !(t.mode || '').includes('markers')) return;
    (gd.calcdata[ti] || []).forEach((p, i) => {
      const id = t.customdata[i];
      if (typeof id !== 'string' || !isFinite(p.x) || !isFinite(p.y)) return;
      pts.push({id, x: rect.left + xa._offset + xa.l2p(p.x), y: rect.top + ya._offset + ya.l2p(p.y)});
    });
  });
  const inside = pts.filter(p => p.x > rect.left + xa._offset + 10 && p.x < rect.left + xa._offset + xa._length - 10
                              && p.y > rect.top + ya._offset + 10 && p.y < rect.top + ya._offset + ya._length - 10);
  const lonely = inside.filter(p => pts.every(q => q === p || Math.hypot(q.x - p.x, q.y - p.y) > 14));
  return (lonely[0] || inside[0] || null);
}
"""


def _first_network(page):
    """The first selectable network chart on the page (the view_frame's), scrolled into view."""
    charts = page.locator(CHART)
    charts.first.wait_for()
    for i in range(charts.count()):
        chart = charts.nth(i)
        if chart.evaluate("gd => gd._fullData.some(t => t.customdata && (t.mode || '').includes('markers') && t.legendgroup === 'nodes')"):
            chart.scroll_into_view_if_needed()
            return chart
    raise AssertionError("no network chart")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_loads_and_draws(server, page, name):
    page.goto(server + PAGES[name])
    wait_ready(page)
    page.locator(CHART).first.wait_for()  # plotly draws after the script run ends
    assert page.locator('[data-testid="stException"]').count() == 0
    assert screenshot(page, name).stat().st_size > 10_000
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chart.screenshot(path=str(SCREENSHOTS / f"{name}_chart.png"))


@pytest.mark.parametrize("name", ["gut_brain", "cytokines", "conditions", "explorer"])
def test_clicking_a_node_opens_its_card(server, page, name):
    page.goto(server + PAGES[name])
    wait_ready(page)
    chart = _first_network(page)
    page.wait_for_timeout(500)  # let the chart finish its first layout
    point = chart.evaluate(_FIND_NODE)
    assert point, "a node marker to click"
    page.mouse.move(point["x"], point["y"])
    page.mouse.click(point["x"], point["y"])
    page.wait_for_function(f"() => decodeURIComponent(location.search).includes('focus={point['id']}')", timeout=30_000)
    wait_ready(page)
    card = page.locator('[data-testid="stMarkdown"] h3')
    card.first.wait_for()
    card.first.scroll_into_view_if_needed()
    screenshot(page, f"{name}_card")
    assert page.get_by_text("Click an entity in the chart to open its card.").count() == 0
