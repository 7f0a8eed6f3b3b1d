"""AppTest helpers: run the real app.py (navigation + sidebar) on a chosen page and data folder."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from neuroimmune.synthetic import write_synthetic
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def route_through_app_py(monkeypatch):
    """Run pages through app.py's st.navigation, as the real server does.

    AppTest re-detects Streamlit's v1 ``pages/`` folder on every run and would then execute a page
    file on its own. A real server leaves v1 mode for good once app.py has run (and
    components.router sends a first deep link through app.py), so tests switch it off likewise.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


def make_app(monkeypatch, data=None, *, page: str | None = None, params: dict | None = None, timeout: float = 120) -> AppTest:
    """An AppTest of app.py on ``page`` with ``NEUROIMMUNE_DATA=data`` and URL ``params``; already run once."""
    if data is not None:
        monkeypatch.setenv("NEUROIMMUNE_DATA", str(data))
    else:
        monkeypatch.delenv("NEUROIMMUNE_DATA", raising=False)
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (params or {}).items():
        at.query_params[k] = v
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


def assert_no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


@pytest.fixture(scope="session")
def synthetic_10k(tmp_path_factory):
    """A synthetic atlas of 10,000 edges (1,500 nodes), written once per test session."""
    return write_synthetic(tmp_path_factory.mktemp("syn10k"), 1500, 10_000, seed=11)
