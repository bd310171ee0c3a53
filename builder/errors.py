"""Exceptions that carry a message for the user instead of a traceback."""

from __future__ import annotations


class UsageError(Exception):
    """The command line was wrong (exit code 2)."""
