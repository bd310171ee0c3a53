"""Validation rules, one module per concern; each exposes `check(view)`."""
