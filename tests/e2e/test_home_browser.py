"""The home page in a real browser: loads, shows counts, no exception element."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import screenshot, wait_ready

pytestmark = pytest.mark.e2e


def test_home_loads(server, page):
    page.goto(server + "/")
    wait_ready(page, content='[data-testid="stMetric"]')
    # entities, relations, sources, conditions, lessons (expect retries: the five columns may land a frame apart)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(5, timeout=30_000)
    assert "Neuroimmune Atlas" in page.locator("h1").first.inner_text()
    assert screenshot(page, "home").stat().st_size > 10_000
