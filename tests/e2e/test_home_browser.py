"""The home page in a real browser: loads, shows counts, no exception element."""

import pytest

from tests.e2e.conftest import screenshot, wait_ready

pytestmark = pytest.mark.e2e


def test_home_loads(server, page):
    page.goto(server + "/")
    wait_ready(page)
    assert page.locator('[data-testid="stMetric"]').count() >= 4
    assert "Neuroimmune Atlas" in page.locator("h1").first.inner_text()
    assert screenshot(page, "home").stat().st_size > 10_000
