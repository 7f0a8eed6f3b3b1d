"""`python -m neuroimmune serve --replicas 2` end to end: nginx in front, two browsers, sticky sessions, private uploads."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from neuroimmune.serve import free_port
from neuroimmune.synthetic import write_synthetic
from tests.conftest import ROOT
from tests.e2e.conftest import _require_chromium, open_page, wait_ready

pytestmark = pytest.mark.e2e


def require_nginx() -> None:
    from shutil import which

    if which("nginx") or os.path.exists("/usr/sbin/nginx"):
        return
    if os.environ.get("CI"):
        pytest.fail("nginx is required in CI (.ci/run installs it with apt-get install -y nginx)")
    pytest.skip("nginx not installed (apt-get install -y nginx)")


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture(scope="module")
def served():
    """The real CLI on a free port; yields (url, replica ports); SIGTERM must stop nginx and every replica."""
    require_nginx()
    _require_chromium()
    port = free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1", NEUROIMMUNE_VALIDATE_FIGURES="0")
    env.pop("NEUROIMMUNE_DATA", None)
    proc = subprocess.Popen([sys.executable, "-m", "neuroimmune", "serve", "--replicas", "2", "--port", str(port)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)  # fmt: skip
    lines = []
    for line in proc.stdout:  # the serve command prints its replicas, then "open URL" when all are healthy
        lines.append(line)
        if line.startswith("open http"):
            break
    else:
        pytest.fail("serve exited early:\n" + "".join(lines))
    replica_ports = [int(p) for p in re.findall(r"r\d=127\.0\.0\.1:(\d+)", "".join(lines))]
    assert len(replica_ports) == 2, lines
    yield f"http://127.0.0.1:{port}", replica_ports
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=60) == 0, proc.stdout.read()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_port_open(p) for p in [port, *replica_ports]):
        time.sleep(0.2)
    assert not any(_port_open(p) for p in [port, *replica_ports]), "SIGTERM left the proxy or a replica running"


def _replica(context) -> str:
    return next((c["value"] for c in context.cookies() if c["name"] == "nia_replica"), "")


def _entities_on_home(page) -> str:
    page.locator('[data-testid="stSidebarNav"] a').filter(has_text="Home").click()
    wait_ready(page)
    return page.locator('[data-testid="stMetricValue"]').first.inner_text()


def test_health_and_websocket_through_the_proxy(served):
    url, _ = served
    with urllib.request.urlopen(url + "/_stcore/health", timeout=10) as r:
        assert r.status == 200 and r.read() == b"ok"
    with urllib.request.urlopen(url + "/", timeout=10) as r:
        assert re.fullmatch(r"nia_replica=r[12]; Path=/; HttpOnly; SameSite=Lax", r.headers["Set-Cookie"])


def test_two_browsers_land_on_different_replicas_and_keep_their_own_state(served, browser, tmp_path):
    url, _ = served
    atlas = write_synthetic(tmp_path / "mine", 40, 90, 7)
    ctx_a, a = open_page(browser)
    ctx_b, b = open_page(browser)
    try:
        a.goto(url + "/data")
        wait_ready(a)
        b.goto(url + "/data")
        wait_ready(b)
        first_a, first_b = _replica(ctx_a), _replica(ctx_b)
        assert {first_a, first_b} == {"r1", "r2"}, "two browser sessions should be spread over both replicas"

        # the upload is a PUT to /_stcore/upload_file/<session id>: it only works if it reaches the websocket's process
        uploader = a.locator('[data-testid="stFileUploader"]').filter(has_text="Your atlas").locator('input[type="file"]')
        uploader.set_input_files([str(p) for p in sorted(atlas.glob("*.csv"))])
        a.get_by_text("Your atlas was loaded", exact=False).wait_for()
        wait_ready(a)
        assert _entities_on_home(a) == "40"  # reruns and a page switch later, A still works on its own atlas
        assert _replica(ctx_a) == first_a, "session A moved to another replica"

        b.reload()
        wait_ready(b)
        assert b.get_by_text("Using your atlas", exact=False).count() == 0
        assert _entities_on_home(b) != "40"  # B sees the shipped atlas, never A's upload
        assert _replica(ctx_b) == first_b
    finally:
        ctx_a.close()
        ctx_b.close()
