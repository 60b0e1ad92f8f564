"""qualcode: qualitative research coding for interview studies."""

__version__ = "0.1.0"
