"""``python -m neuroimmune serve``: N app replicas behind nginx (sticky sessions, health checks) until Ctrl-C/SIGTERM."""

from __future__ import annotations

import signal
import sys

__all__ = ["register"]


def _stop_on_sigterm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise KeyboardInterrupt


def _cmd_serve(args) -> int:
    from .serve import Cluster, NginxMissing

    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    cluster = Cluster(replicas=args.replicas, port=args.port, host=args.host, data=args.data, restart=not args.no_restart)
    try:
        cluster.start()
        print(f"open {cluster.url}  (Ctrl-C stops the proxy and every replica)", flush=True)
        cluster.watch(interval=args.check_interval)
    except NginxMissing as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("stopping…", file=sys.stderr, flush=True)
        return 0
    except RuntimeError as exc:
        print(f"serve: {exc}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # a second SIGTERM during the cleanup ends us
        cluster.stop()
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="run N app replicas behind nginx (sticky sessions, /_stcore/health checks)")
    p.add_argument("--replicas", type=int, default=2, help="Streamlit processes (default 2; about one per core)")
    p.add_argument("--port", type=int, default=8080, help="the proxy's port (default 8080)")
    p.add_argument("--host", default="127.0.0.1", help="the proxy's address (default 127.0.0.1; the container uses 0.0.0.0)")
    p.add_argument("--data", default=None, help="atlas folder (default: $NEUROIMMUNE_DATA or data/)")
    p.add_argument("--check-interval", type=float, default=2.0, help="seconds between active health checks (default 2)")
    p.add_argument("--no-restart", action="store_true", help="leave a replica that died down (default: restart it)")
    p.set_defaults(func=_cmd_serve)
