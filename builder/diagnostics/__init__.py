"""Diagnostics: the problem type, the catalogue of stable codes, output formats, the reference page."""
