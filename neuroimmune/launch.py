"""``neuroimmune-atlas``: start the dashboard on the shipped atlas or on ``--data DIR``.

Streamlit is started as ``python -m streamlit run app.py`` (the process replaces itself with it on
POSIX), so this module — part of the library — never imports streamlit. The app files are found beside the library in a checkout,
or in the ``neuroimmune_app`` folder an installed copy carries.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

__all__ = ["app_dir", "build_parser", "main"]

_APP_FILES = ("app.py", "pages", "components")


def _is_app_dir(folder: Path) -> bool:
    return all((folder / name).exists() for name in _APP_FILES)


def app_dir() -> Path | None:
    """The folder holding app.py, pages/, components/, data/ and .streamlit/ (``None`` if absent).

    A checkout (the library's parent folder) wins over an installed ``neuroimmune_app``, so
    ``python -m neuroimmune.launch`` in a checkout runs that checkout's app.
    """
    checkout = Path(__file__).resolve().parent.parent
    if _is_app_dir(checkout):
        return checkout
    try:
        spec = importlib.util.find_spec("neuroimmune_app")
    except (ImportError, ValueError):
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if _is_app_dir(Path(location)):
            return Path(location)
    return None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="neuroimmune-atlas",
        description="Start the Neuroimmune Atlas dashboard (Streamlit) in your browser.",
        epilog="Anything after -- goes to 'streamlit run', e.g.: neuroimmune-atlas --data my_atlas -- --server.address 0.0.0.0",
    )
    parser.add_argument("--data", metavar="DIR", help="atlas folder (nodes.csv, edges.csv, sources.csv); default: the shipped atlas")
    parser.add_argument("--port", type=int, default=None, help="port to serve on (default: Streamlit's 8501)")
    parser.add_argument("--paths", action="store_true", help="print where the app and its shipped atlas are, then exit")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1 :]
    args = build_parser().parse_args(argv)
    folder = app_dir()
    if folder is None:
        print("neuroimmune-atlas: the app files (app.py, pages/, components/) are not installed; reinstall the package", file=sys.stderr)
        return 1
    if args.paths:
        print(f"app: {folder / 'app.py'}\ndata: {folder / 'data'}")
        return 0
    env = dict(os.environ)
    if args.data:
        data = Path(args.data).expanduser().resolve()
        if not (data / "nodes.csv").is_file():
            print(
                f"neuroimmune-atlas: '{args.data}' is not an atlas folder (expected nodes.csv, edges.csv, sources.csv in it)",
                file=sys.stderr,
            )
            return 2
        env["NEUROIMMUNE_DATA"] = str(data)
    command = [sys.executable, "-m", "streamlit", "run", str(folder / "app.py")]
    command += [f"--server.port={args.port}"] if args.port else []
    # cwd = the app folder: Streamlit reads .streamlit/config.toml (upload limit, theme) from the working directory
    if os.name == "posix":  # become the server: Ctrl+C and kill reach Streamlit itself
        os.chdir(folder)
        os.execve(sys.executable, command + extra, env)
    try:
        return subprocess.call(command + extra, cwd=folder, env=env)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
