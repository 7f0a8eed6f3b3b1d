"""``python -m neuroimmune`` — the command-line interface."""

from .cli import main

if __name__ == "__main__":  # importing this module (doc builders, test collectors) must not start the CLI
    raise SystemExit(main())
