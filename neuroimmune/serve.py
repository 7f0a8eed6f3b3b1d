"""Serve a class: N Streamlit replicas behind nginx, sticky by cookie, health-checked, stopped together.

The proxy configuration is ``deploy/nginx.conf.template`` — the one the container runs too. This module starts
processes only (``python -m streamlit run``, ``nginx``); it never imports streamlit.
"""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Replica", "Cluster", "render_nginx_config", "free_port", "TEMPLATE", "NginxMissing"]

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
HEALTH = "/_stcore/health"
_PLACEHOLDERS = ("prefix", "listen", "upstreams", "replica_map", "served_map")


class NginxMissing(RuntimeError):
    """nginx is not installed (Debian: ``apt-get install -y nginx``)."""


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that was free a moment ago on ``host``."""
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


@dataclass
class Replica:
    """One Streamlit process: its name (the sticky cookie's value), address and process."""

    name: str
    port: int
    host: str = "127.0.0.1"
    process: subprocess.Popen | None = None
    restarts: int = 0

    @property
    def address(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def url(self) -> str:
        return f"http://{self.address}"

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


def render_nginx_config(template: str, *, listen: str, replicas: list[Replica], prefix: str | Path) -> str:
    """The nginx configuration for ``replicas`` behind ``listen`` (``host:port``).

    >>> conf = render_nginx_config(TEMPLATE.read_text(), listen="127.0.0.1:8080", prefix="/tmp/x",
    ...                            replicas=[Replica("r1", 8501), Replica("r2", 8502)])
    >>> "server 127.0.0.1:8502 backup" in conf and '"r2" atlas_r2;' in conf and "${" not in conf
    True
    """
    if not replicas:
        raise ValueError("at least one replica is needed")
    check = "max_fails=1 fail_timeout=5s"
    groups = ["    upstream atlas_new {", "        zone atlas_new 64k;"]
    groups += [f"        server {r.address} {check};" for r in replicas]
    groups.append("    }")
    for r in replicas:
        groups += [f"    upstream atlas_{r.name} {{", f"        zone atlas_{r.name} 64k;", f"        server {r.address} {check};"]
        groups += [f"        server {o.address} backup;" for o in replicas if o is not r]
        groups.append("    }")
    values = {
        "prefix": str(prefix),
        "listen": listen,
        "upstreams": "\n".join(groups),
        "replica_map": "\n".join(f'        "{r.name}" atlas_{r.name};' for r in replicas),
        # $upstream_addr lists every server tried ("a, b"): the last one answered
        "served_map": "\n".join(f'        "~{r.address.replace(".", chr(92) + ".")}$" {r.name};' for r in replicas),
    }
    out = template
    for name in _PLACEHOLDERS:
        out = out.replace("${" + name + "}", values[name])
    if "${" in out:
        raise ValueError("the nginx template has an unknown placeholder: " + out[out.index("${") :][:40])
    return out


def _healthy(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url + HEALTH, timeout=timeout) as r:
            return r.status == 200
    except OSError:
        return False


@dataclass
class Cluster:
    """N replicas of ``app.py`` and one nginx in front of them on ``host:port``.

    Use as a context manager, or ``start()`` / ``stop()``. ``restart`` brings a replica that died back up
    (from ``watch``); the load test's fault run turns it off to see the survivors carry the class.
    """

    replicas: int = 2
    port: int = 8080
    host: str = "127.0.0.1"
    data: str | None = None
    restart: bool = True
    keep_logs: bool = False
    env: dict = field(default_factory=dict)
    log: Callable[[str], None] = lambda m: print(m, file=sys.stderr, flush=True)
    members: list[Replica] = field(default_factory=list, init=False)
    nginx: subprocess.Popen | None = field(default=None, init=False)
    prefix: Path | None = field(default=None, init=False)
    _secret: str = field(default_factory=lambda: secrets.token_hex(16), init=False)

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("0.0.0.0", "") else self.host
        return f"http://{host}:{self.port}"

    def __enter__(self) -> Cluster:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _spawn(self, r: Replica) -> None:
        # one secret for all replicas: XSRF cookies stay valid if a browser fails over to another one
        env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "NEUROIMMUNE_REPLICA": r.name,
            "STREAMLIT_SERVER_COOKIE_SECRET": self._secret,
            **self.env,
        }
        if self.data:
            env["NEUROIMMUNE_DATA"] = str(self.data)
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(r.port),
               "--server.address", r.host, "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.fileWatcherType", "none", "--server.runOnSave", "false"]  # fmt: skip
        out = open(self.prefix / f"{r.name}.log", "ab")  # noqa: SIM115 - the child keeps it
        r.process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        out.close()

    def start(self, timeout: float = 90.0) -> None:
        nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
        if nginx is None:
            raise NginxMissing("nginx is not installed: apt-get install -y nginx")
        if self.replicas < 1:
            raise ValueError("--replicas must be at least 1")
        self.prefix = Path(tempfile.mkdtemp(prefix="neuroimmune-serve-"))
        self.prefix.chmod(0o755)  # nginx started as root runs its worker as nobody, which needs to reach its temp folders
        self.members = [Replica(f"r{i + 1}", free_port()) for i in range(self.replicas)]
        try:
            for r in self.members:
                self._spawn(r)
            conf = render_nginx_config(TEMPLATE.read_text(), listen=f"{self.host}:{self.port}", replicas=self.members, prefix=self.prefix)
            (self.prefix / "nginx.conf").write_text(conf)
            self._wait(lambda: all(self._replica_up(r) for r in self.members), timeout, "the replicas")
            out = open(self.prefix / "nginx.out", "ab")  # noqa: SIM115 - the child keeps it
            self.nginx = subprocess.Popen([nginx, "-e", str(self.prefix / "error.log"), "-p", str(self.prefix), "-c", str(self.prefix / "nginx.conf")],
                                          stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
            out.close()
            self._wait(self._nginx_up, 20.0, "nginx")
        except BaseException:
            self.keep_logs = True  # the error names the folder: keep what is in it
            self.stop()
            raise
        self.log(f"serving {self.url} — {self.replicas} replica(s): " + ", ".join(f"{r.name}={r.address}" for r in self.members))

    def _replica_up(self, r: Replica) -> bool:
        if r.process.poll() is not None:
            tail = (self.prefix / f"{r.name}.log").read_text(errors="replace")[-1500:]
            raise RuntimeError(f"replica {r.name} exited with {r.process.returncode}:\n{tail}")
        return _healthy(r.url)

    def _nginx_up(self) -> bool:
        if self.nginx.poll() is not None:
            tail = (self.prefix / "nginx.out").read_text(errors="replace")[-1500:]
            raise RuntimeError(f"nginx exited with {self.nginx.returncode}:\n{tail}")
        return _healthy(self.url)

    def _wait(self, ready: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if ready():
                return
            time.sleep(0.3)
        raise RuntimeError(f"{what} did not become healthy within {timeout:.0f} s (logs in {self.prefix})")

    def kill(self, name: str) -> None:
        """Kill one replica at once (SIGKILL), as a crash would."""
        r = next(m for m in self.members if m.name == name)
        if r.alive():
            r.process.kill()
            r.process.wait(timeout=10)

    def check(self) -> list[str]:
        """One active health round over the replicas; restarts dead ones when ``restart``. Returns what it saw."""
        notes = []
        for r in self.members:
            if r.alive() and _healthy(r.url, timeout=3.0):
                continue
            notes.append(f"replica {r.name} ({r.address}) is {'unhealthy' if r.alive() else 'down'}")
            if self.restart and not r.alive():
                r.restarts += 1
                self._spawn(r)
                notes.append(f"replica {r.name} restarted ({r.restarts})")
        if self.nginx is not None and self.nginx.poll() is not None:
            notes.append(f"nginx exited with {self.nginx.returncode}")
        for n in notes:
            self.log(n)
        return notes

    def watch(self, interval: float = 2.0, until: Callable[[], bool] = lambda: False) -> None:
        """Poll /_stcore/health of every replica every ``interval`` seconds until ``until()`` or nginx stops."""
        while not until():
            self.check()
            if self.nginx is None or self.nginx.poll() is not None:
                raise RuntimeError(f"nginx stopped (see {self.prefix / 'error.log'})")
            time.sleep(interval)

    def stop(self) -> None:
        """Stop nginx and every replica: SIGTERM, then SIGKILL after 10 s."""
        procs = [p for p in [self.nginx, *(r.process for r in self.members)] if p is not None]
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGTERM if p is not self.nginx else signal.SIGQUIT)
        deadline = time.monotonic() + 10
        for p in procs:
            try:
                p.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
        self.nginx = None
        if self.prefix is not None and not self.keep_logs:
            shutil.rmtree(self.prefix, ignore_errors=True)

    def pids(self) -> dict[str, int]:
        """Process id of each living replica, by name."""
        return {r.name: r.process.pid for r in self.members if r.alive()}
