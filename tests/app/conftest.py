"""AppTest helpers: run the real app.py (navigation + sidebar) on a chosen page and data folder."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from neuroimmune.synthetic import write_synthetic
from tests.conftest import ROOT

APP = str(ROOT / "app.py")


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
