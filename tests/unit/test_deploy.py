"""The deployment files agree with each other; the image's steps run here (no container engine runs on this machine)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from neuroimmune.serve import TEMPLATE, Replica, render_nginx_config

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _nginx() -> str:
    path = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("nginx is required in CI (.ci/run installs it with apt-get install -y nginx)")
        pytest.skip("nginx not installed (apt-get install -y nginx)")
    return path


@pytest.mark.parametrize("n", [1, 2, 4])
def test_rendered_config_passes_nginx_t(tmp_path, n):
    replicas = [Replica(f"r{i + 1}", 18501 + i) for i in range(n)]
    conf = render_nginx_config(TEMPLATE.read_text(), listen="127.0.0.1:18500", replicas=replicas, prefix=tmp_path)
    (tmp_path / "nginx.conf").write_text(conf)
    out = subprocess.run([_nginx(), "-t", "-e", str(tmp_path / "error.log"), "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                         capture_output=True, text=True)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert conf.count("backup;") == n * (n - 1)  # every replica's group falls back on all the others
    directives = "\n".join(line for line in conf.splitlines() if not line.lstrip().startswith("#"))
    assert "proxy_set_header Upgrade $http_upgrade" in directives and "ip_hash" not in directives


def test_unknown_cookie_values_never_choose_an_address():
    conf = render_nginx_config(TEMPLATE.read_text(), listen="127.0.0.1:1", replicas=[Replica("r1", 2)], prefix="/tmp/x")
    block = conf[conf.index("map $cookie_nia_replica") :].split("}")[0]
    assert "default atlas_new;" in block and '"r1" atlas_r1;' in block
    assert "proxy_pass http://$nia_group;" in conf


def test_dockerfile_uses_the_serve_command_the_template_and_a_healthcheck():
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert re.search(r"^FROM python:3\.\d+-slim", dockerfile, re.M)
    assert "bash deploy/setup-image.sh" in dockerfile and "setup-image.sh --check" in dockerfile
    assert re.search(r"^USER atlas$", dockerfile, re.M)
    assert "HEALTHCHECK" in dockerfile and "/_stcore/health" in dockerfile
    assert "python -m neuroimmune serve" in dockerfile and "COPY deploy/ deploy/" in dockerfile
    compose = (DEPLOY / "compose.yaml").read_text()
    assert "dockerfile: deploy/Dockerfile" in compose and "NIA_REPLICAS" in compose


def test_image_steps_check_passes_on_this_machine():
    _nginx()
    if not shutil.which("chromium") and os.environ.get("CI") is None:
        pytest.skip("chromium not installed")
    out = subprocess.run(["bash", str(DEPLOY / "setup-image.sh"), "--check"], cwd=ROOT, env=dict(os.environ, PYTHON=sys.executable),
                         capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stdout + out.stderr
    assert "image steps: ok" in out.stdout
