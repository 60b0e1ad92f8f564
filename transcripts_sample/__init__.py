"""The sample study (data only; see qualcode.demo.sample_study).

This file makes the folder the package ``qualcode.transcripts_sample`` (pyproject.toml maps it), so
the study travels in the wheel and an editable install finds it here.
"""
