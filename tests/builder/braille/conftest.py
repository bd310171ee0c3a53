"""Every Braille test needs liblouis (Debian: liblouis20 liblouis-data; .ci/run installs them)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _needs_liblouis(liblouis: None) -> None:
    """Skip, or fail under CI, without liblouis."""
