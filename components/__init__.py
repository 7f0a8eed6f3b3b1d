"""Reusable Streamlit pieces. Caching lives here; the neuroimmune library stays cache-free."""
