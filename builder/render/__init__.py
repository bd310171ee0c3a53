"""Render stage: every generated page of a language site, as text, from the model."""
