"""The codebooks that come with qualcode (data only; see qualcode.codebook.shipped_codebooks).

This file makes the folder the package ``qualcode.codebooks`` (pyproject.toml maps it), so the
codebooks travel in the wheel and an editable install finds them here.
"""
