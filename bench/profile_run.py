"""Profile page runs of the real app (AppTest through app.py), as recorded in bench/PROFILE.md.

    .venv/bin/python bench/profile_run.py            # every view page, filter changes that revisit states
Runs each page, then changes the evidence filter back and forth; only the revisits are profiled (steady state of a
class: the same pictures asked again), and the top functions by cumulative time are printed.
"""

from __future__ import annotations

import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("home", "gut_brain", "cytokines", "conditions", "explorer", "compare", "lessons", "data")


def main(top: int = 30) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["NEUROIMMUNE_VALIDATE_FIGURES"] = "0"
    from streamlit.navigation.page import StreamlitPage
    from streamlit.runtime.pages_manager import PagesManager
    from streamlit.testing.v1 import AppTest

    original_init, original_run = PagesManager.__init__, StreamlitPage.run

    def init(self, *a, **k):  # run pages through app.py, as the server does (see tests/app/conftest.py)
        original_init(self, *a, **k)
        PagesManager.uses_pages_directory = False

    profile, on = cProfile.Profile(), [False]

    def run(self):  # the page runs in the script thread: profile it there
        if not on[0]:
            return original_run(self)
        profile.enable()
        try:
            return original_run(self)
        finally:
            profile.disable()

    PagesManager.__init__, StreamlitPage.run = init, run
    times = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.switch_page(f"pages/{page}.py")
        at.run()
        for i, evidence in enumerate([["established"], [], ["established"], [], ["established"], []]):
            on[0] = i >= 2
            t = time.perf_counter()
            at.multiselect(key="filter_evidence").set_value(evidence).run()
            times.setdefault(page, []).append(round(time.perf_counter() - t, 3))
            on[0] = False
            assert not at.exception, at.exception
    print("seconds per run (first two build, the rest revisit):", times)
    pstats.Stats(profile).sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    main()
