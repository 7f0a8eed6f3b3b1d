"""Neuroimmune Atlas — entry point and router: page config, navigation, shared sidebar."""

import streamlit as st

from components.filter_sidebar import sidebar_filters

st.set_page_config(page_title="Neuroimmune Atlas", page_icon="🧠", layout="wide")

PAGES = {
    "Atlas": [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True, url_path="home"),
    ],
}

navigation = st.navigation(PAGES)
sidebar_filters()
navigation.run()
