"""A shared link opened first on a freshly started server lands on the right page, with the app's navigation."""

import pytest

from tests.e2e.conftest import _require_chromium, screenshot, start_server, stop_server, wait_ready

pytestmark = pytest.mark.e2e


@pytest.fixture
def fresh_server():
    _require_chromium()
    proc, url = start_server()
    yield url
    stop_server(proc)


def test_deep_link_to_lesson_step_on_fresh_server(fresh_server, page):
    page.goto(fresh_server + "/lessons?lesson=stress_hpa&step=3")
    wait_ready(page)
    assert page.get_by_text("Step 3 of 5").count() >= 1
    nav = page.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text("Cytokine pathways").count() == 1  # app.py's titles, not file names
    assert nav.get_by_text("Teach").count() == 1
    assert "step=3" in page.url
    screenshot(page, "deep_link_lesson")
