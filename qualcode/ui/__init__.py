"""Streamlit front end. The only package of qualcode that imports streamlit."""
