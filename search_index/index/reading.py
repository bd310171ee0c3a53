"""Opening the index in use for searching: the current generation, in this version's layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from search_index.errors import IndexNotFound
from search_index.index.format import check_format
from search_index.index.generations import current_generation
from search_index.index.whoosh_internals import open_mapped


def open_index(directory: Path) -> Any:
    """Open the index in use for reading, or raise IndexNotFound or IndexOutdated."""
    generation = current_generation(directory)
    if generation is None:
        raise IndexNotFound(directory)
    check_format(directory, generation)
    return open_mapped(generation)
