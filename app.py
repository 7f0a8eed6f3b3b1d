"""Neuroimmune Atlas — entry point and router: page config, navigation, shared sidebar."""

from pathlib import Path

import streamlit as st

from components.gc_freeze import freeze_once
from components.router import routed

st.set_page_config(page_title="Neuroimmune Atlas", page_icon="🧠", layout="wide")

HERE = Path(__file__).resolve().parent

# Keyboard users must see where they are: a strong focus ring on every focusable control (constant CSS, no data).
st.html(
    "<style>:focus-visible{outline:3px solid #0b57d0 !important;outline-offset:2px !important}"
    "a:focus-visible,button:focus-visible,input:focus-visible,[tabindex]:focus-visible{box-shadow:0 0 0 5px #ffffff !important}</style>"
)

# (file, title, icon, url path) per section; every page is registered explicitly.
# The url path equals the file name: a deep link's first load is resolved against pages/ file names before
# st.navigation runs, so any other path shows a "Page not found" dialog over the page.
SECTIONS = {
    "Atlas": [
        ("pages/home.py", "Home", ":material/home:", "home"),
        ("pages/gut_brain.py", "Gut–brain axis", ":material/conversion_path:", "gut_brain"),
        ("pages/cytokines.py", "Cytokine pathways", ":material/hub:", "cytokines"),
        ("pages/conditions.py", "Condition–mechanism map", ":material/grid_view:", "conditions"),
        ("pages/explorer.py", "Explorer", ":material/travel_explore:", "explorer"),
    ],
    "Teach": [
        ("pages/lessons.py", "Lessons", ":material/school:", "lessons"),
    ],
    "Research": [
        ("pages/compare.py", "Compare conditions", ":material/compare_arrows:", "compare"),
        ("pages/data.py", "Data & downloads", ":material/table_view:", "data"),
    ],
}


def _pages():
    """The navigation's pages, made once per session: making them resolves and stats every page file, which was
    a tenth of a cached run (py-spy, bench/PROFILE.md). A session runs one script at a time, so its pages are
    never used by two runs at once."""
    if "_nav_pages" not in st.session_state:
        st.session_state["_nav_pages"] = _make_pages()
    return st.session_state["_nav_pages"]


def _make_pages():
    out = {}
    for section, entries in SECTIONS.items():
        pages = [
            st.Page(str(HERE / f), title=title, icon=icon, url_path=url, default=(url == "home"))
            for f, title, icon, url in entries
            if (HERE / f).exists()  # pages land one by one while the app grows
        ]
        if pages:
            out[section] = pages
    return out


# Each page draws the shared sidebar filters itself (components.filter_sidebar.sidebar_filters):
# widgets created here, outside the page, are lost by AppTest on reruns under st.navigation.
# Presenter mode (?present=1, pages/lessons.py) shows nothing but the lesson: no page navigation.
navigation = st.navigation(_pages(), position="hidden" if st.query_params.get("present") == "1" else "sidebar")
with routed():  # pages run from here need no re-routing (components.router)
    navigation.run()
freeze_once(navigation.url_path or "home")  # a page's first run loaded what it keeps: later full GCs skip it
