"""Presenter mode in a real browser at projector size: no sidebar, a big chart, only Previous/Next."""

import pytest

from tests.e2e.conftest import open_page, screenshot, wait_ready

pytestmark = pytest.mark.e2e

URL = "/lessons?lesson=sickness_behaviour&step=3&present=1"


@pytest.fixture
def projector(browser):
    context, p = open_page(browser, 1920, 1080)
    yield p
    context.close()


def test_presenter_mode_fills_the_screen(server, projector):
    projector.goto(server + URL)
    wait_ready(projector)
    projector.wait_for_selector(".js-plotly-plot .scatterlayer", timeout=60_000)
    sidebar = projector.locator('[data-testid="stSidebar"]')
    assert sidebar.count() == 0 or not sidebar.first.is_visible()
    assert (
        projector.locator('[data-testid="stSidebarNav"]').count() == 0
        or not projector.locator('[data-testid="stSidebarNav"]').first.is_visible()
    )
    chart = projector.locator(".js-plotly-plot").first
    box = chart.bounding_box()
    assert box["width"] > 1200 and box["height"] > 700, box  # the figure fills most of the screen
    assert "The signal reaches the brain" in projector.locator("h1").first.inner_text()
    assert "Step 3 of 5" in projector.inner_text("body")
    visible_buttons = [b.inner_text() for b in projector.locator("button:visible").all() if b.inner_text().strip()]
    assert any("Next" in b for b in visible_buttons) and any("Previous" in b for b in visible_buttons)
    assert not projector.locator('[data-testid="stSelectbox"]:visible').count()  # no lesson picker on the projector
    assert screenshot(projector, "presenter").stat().st_size > 20_000


def test_presenter_next_moves_on(server, projector):
    projector.goto(server + URL)
    wait_ready(projector)
    projector.get_by_role("button", name="Next ▶").click()
    wait_ready(projector)
    projector.wait_for_function("() => document.body.innerText.includes('Step 4 of 5')")
    assert "step=4" in projector.url and "present=1" in projector.url
