"""A real `streamlit run` on a free local port, driven by Playwright with Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _require_chromium():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Chromium is required in CI (apt-get install -y chromium)")
        pytest.skip("Chromium not installed (apt-get install -y chromium)")


def start_server(data: Path | None = None, extra_env: dict | None = None):
    """Start streamlit on a free port; return (process, base_url). Waits for /_stcore/health."""
    port = _free_port()
    # the browser sees what users see: figures built without Plotly's (test-only) validation
    env = dict(os.environ, PYTHONUNBUFFERED="1", NEUROIMMUNE_VALIDATE_FIGURES="0", **(extra_env or {}))
    if data is not None:
        env["NEUROIMMUNE_DATA"] = str(data)
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false",
           "--server.fileWatcherType", "none", "--server.runOnSave", "false"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("streamlit exited: " + proc.stdout.read().decode(errors="replace")[-2000:])
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("streamlit did not become healthy within 60 s")


def stop_server(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="session")
def server():
    _require_chromium()
    proc, url = start_server()
    yield url
    stop_server(proc)


@pytest.fixture(scope="session")
def browser():
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def open_page(browser, width: int = 1600, height: int = 1000):
    """A fresh browser context and page of the given viewport; returns (context, page)."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    p = context.new_page()
    p.set_default_timeout(60_000)
    return context, p


@pytest.fixture
def page(browser):
    context, p = open_page(browser)
    yield p
    context.close()


#: Streamlit draws a lazily loaded element (a metric, a chart, a data frame) as a skeleton first, and may still be
#: loading it well after the run has finished: 0.6–1.9 s after "notRunning" on a fresh page (measured, 2026-12-01).
NO_SKELETON = "() => document.querySelectorAll('[data-testid=\"stSkeleton\"]').length === 0"


def wait_ready(page, timeout: float = 90_000, content: str | None = None) -> None:
    """Wait until the script has finished, every element it sent is drawn, and no exception is shown.

    The script state alone is not enough: it reads "notRunning" while lazily loaded elements are still skeletons,
    and in the short gap between a run stopped for a rerun and the rerun. ``content`` is a selector the finished
    page must show; on a timeout the message says what the page did show."""
    page.wait_for_selector(READY, timeout=timeout)
    if content is not None:
        try:
            page.wait_for_selector(content, state="attached", timeout=timeout)
        except Exception as exc:  # playwright's TimeoutError: say what was on the page instead
            shown = page.locator('[data-testid="stMain"]').first.inner_text(timeout=5_000)[:1500]
            raise AssertionError(f"{content!r} not shown within {timeout / 1000:.0f} s; the page showed:\n{shown}") from exc
    page.wait_for_function(NO_SKELETON, timeout=timeout)
    # a rerun may start right after the first run (query-param sync): settle on a stable idle state
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(NO_SKELETON, timeout=timeout)
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path
