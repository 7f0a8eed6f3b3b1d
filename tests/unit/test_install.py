"""`pip install .` into a fresh virtual environment, then the console scripts from another folder."""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import site
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

#: What the package is built from; everything else in the checkout (tests, curation, .git) is left out.
SOURCES = ("neuroimmune", "components", "pages", "data", ".streamlit", "app.py", "pyproject.toml", "MANIFEST.in", "README.md",
           "requirements.txt", "requirements-dev.txt")  # fmt: skip


def _run(*args, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEUROIMMUNE_DATA")}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict[str, Path]:
    """A venv with the package installed from a copy of the checkout (the checkout stays clean)."""
    base = tmp_path_factory.mktemp("install")
    src = base / "src"
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, src / name)
    venv = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=base).stdout.strip()
    # Dependencies come from the test environment (offline, fast): a .pth appends its site-packages
    # after the new venv's own, so the package installed there wins over anything else.
    Path(purelib, "_test_env.pth").write_text("\n".join([*site.getsitepackages(), sysconfig.get_paths()["purelib"]]) + "\n")
    # Without setuptools and wheel here, pip builds in isolation (fetching setuptools from PyPI).
    isolation = ["--no-build-isolation"] if importlib.util.find_spec("wheel") and importlib.util.find_spec("setuptools") else []
    done = _run(sys.executable, "-m", "pip", "--python", python, "install", "-q", "--no-deps", *isolation, src, cwd=base)
    assert done.returncode == 0, done.stderr[-3000:]
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    return {"venv": venv, "bin": venv / "bin", "python": python, "cwd": elsewhere, "site": Path(purelib)}


def test_console_scripts_work_from_another_folder(installed):
    done = _run(installed["bin"] / "neuroimmune", "validate", ROOT / "data", cwd=installed["cwd"])
    assert done.returncode == 0 and "valid (" in done.stdout, done.stderr[-2000:]
    done = _run(installed["bin"] / "neuroimmune-atlas", "--help", cwd=installed["cwd"])
    assert done.returncode == 0 and "--data DIR" in done.stdout


def test_installed_copy_carries_its_own_app_and_atlas(installed):
    done = _run(installed["bin"] / "neuroimmune-atlas", "--paths", cwd=installed["cwd"])
    assert done.returncode == 0, done.stderr
    app = Path(done.stdout.split("app: ")[1].splitlines()[0])
    assert app.is_relative_to(installed["site"]) and not app.is_relative_to(ROOT)
    assert (app.parent / ".streamlit" / "config.toml").is_file() and (app.parent / "pages" / "home.py").is_file()
    where = _run(installed["python"], "-c", "import neuroimmune; print(neuroimmune.__file__)", cwd=installed["cwd"]).stdout
    assert Path(where.strip()).is_relative_to(installed["site"])
    done = _run(installed["bin"] / "neuroimmune", "validate", app.parent / "data", cwd=installed["cwd"])
    assert done.returncode == 0, done.stderr[-2000:]
    script = (
        "import sys\nfrom streamlit.testing.v1 import AppTest\n"
        "at = AppTest.from_file(sys.argv[1], default_timeout=120)\nat.run()\n"
        "assert not at.exception, [e.value for e in at.exception]\n"
        "print([m.value for m in at.metric][:2])\n"
    )
    done = _run(installed["python"], "-c", script, app, cwd=installed["cwd"])
    assert done.returncode == 0 and done.stdout.startswith("['"), done.stderr[-3000:]


def test_neuroimmune_atlas_serves_the_app_on_data_dir(installed):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NEUROIMMUNE_DATA")}
    cmd = [str(installed["bin"] / "neuroimmune-atlas"), "--data", str(ROOT / "data"), "--port", str(port), "--", "--server.headless=true"]
    proc = subprocess.Popen(cmd, cwd=installed["cwd"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline, body = time.monotonic() + 90, ""
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        assert body == "ok", proc.stdout.read().decode()[-2000:] if proc.poll() is not None else "no answer"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(20)


def test_launcher_refuses_a_folder_without_an_atlas(installed, tmp_path):
    done = _run(installed["bin"] / "neuroimmune-atlas", "--data", tmp_path, cwd=installed["cwd"])
    assert done.returncode == 2 and "is not an atlas folder" in done.stderr


def test_installed_dependencies_are_requirements_txt(installed):
    script = "import importlib.metadata as m; print('\\n'.join(m.requires('neuroimmune-atlas')))"
    done = _run(installed["python"], "-c", script, cwd=installed["cwd"])
    wanted = [line.split("#")[0].strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert done.stdout.split() == [w for w in wanted if w]


def test_pyproject_lists_every_library_package():
    import tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "neuroimmune").rglob("__init__.py")}
    assert found <= listed, f"add {sorted(found - listed)} to [tool.setuptools] packages"
