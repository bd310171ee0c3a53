"""The facet_values column: a narrative's facet values as `key=value` items in one blob."""

from __future__ import annotations

from collections.abc import Mapping

FACET_SEPARATOR = "\x1f"
# The separator as the query side splits the undecoded column values with it.
FACET_SEPARATOR_BYTES = FACET_SEPARATOR.encode("utf-8")


def encode_facets(facets: Mapping[str, tuple[str, ...]]) -> bytes:
    """Encode facet values as `key=value` items for the facet column."""
    items = (f"{key}={value}" for key, values in sorted(facets.items()) for value in values)
    return FACET_SEPARATOR.join(items).encode("utf-8")
