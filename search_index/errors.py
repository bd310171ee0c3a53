"""Exceptions raised by search_index, each with a message a user can act on."""

from __future__ import annotations

from pathlib import Path


class SearchIndexError(Exception):
    """Base class of every error search_index raises on purpose."""


class IndexLocked(SearchIndexError):
    """Another process is writing the index."""

    def __init__(self, directory: Path) -> None:
        super().__init__(
            f"the search index in {directory} is being written by another process; "
            "wait for it to finish and try again"
        )
        self.directory = directory


class IndexNotFound(SearchIndexError):
    """No index has been built in the directory yet."""

    def __init__(self, directory: Path) -> None:
        super().__init__(f"no search index in {directory}; build the site first")
        self.directory = directory


class InvalidDocument(SearchIndexError, ValueError):
    """A search document cannot be indexed (bad id, language or facet key, or a duplicate)."""


class UnknownFacet(SearchIndexError, ValueError):
    """A filter names a facet the index does not have."""

    def __init__(self, key: str, known: tuple[str, ...]) -> None:
        choices = ", ".join(known) or "none"
        super().__init__(f"unknown facet {key!r} (known facets: {choices})")
        self.key = key
