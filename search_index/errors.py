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


class IndexOutdated(SearchIndexError):
    """The index was written in an earlier layout, which this version cannot read."""

    def __init__(self, directory: Path) -> None:
        super().__init__(
            f"the search index in {directory} was built by an earlier version of agk; "
            "build the site again to rebuild it"
        )
        self.directory = directory


class UnsupportedWhoosh(SearchIndexError, ImportError):
    """The installed whoosh-reloaded is not the version whose internals search_index relies on."""

    def __init__(self, installed: str, pinned: str, module: str, reverify: str) -> None:
        super().__init__(
            f"search_index relies on internals of whoosh-reloaded {pinned} (the pinned version), "
            f"but {installed} is installed. Install whoosh-reloaded=={pinned}, or re-verify "
            f"{module} against {installed} ({reverify}), then pin {installed} there and in pyproject.toml."
        )
        self.installed = installed
        self.pinned = pinned
