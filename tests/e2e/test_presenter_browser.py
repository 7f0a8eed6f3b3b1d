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


# Every button's label is whole (no "◀ Pre…") and inside the screen; text cut by CSS ellipsis has scrollWidth > clientWidth.
_CUT_BUTTONS_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] button')].filter(b => b.offsetParent !== null).map(b => {
  const r = b.getBoundingClientRect();
  const cut = [...b.querySelectorAll('p, div, span')].some(e => e.scrollWidth > e.clientWidth + 1);
  return {text: b.innerText.trim(), cut, inside: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight};
})"""


@pytest.mark.parametrize("size", [(1280, 720), (1600, 1000), (1920, 1080)])
def test_presenter_buttons_are_whole_on_every_projector(server, browser, size):
    context, page = open_page(browser, *size)
    try:
        page.goto(server + "/lessons?lesson=stress_hpa&step=3&present=1")  # its long title leaves the least room
        wait_ready(page)
        buttons = [b for b in page.evaluate(_CUT_BUTTONS_JS) if b["text"]]
        nav = [b for b in buttons if "Previous" in b["text"] or "Next" in b["text"]]
        assert len(nav) == 2, buttons
        assert not [b for b in nav if b["cut"] or not b["inside"]], nav
    finally:
        context.close()
