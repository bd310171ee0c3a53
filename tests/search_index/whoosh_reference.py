"""whoosh itself as the tests' reference: the index in use opened with whoosh's own storage."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from search_index.index.generations import current_generation
from search_index.ranking import WEIGHTING


@contextmanager
def whoosh_searcher(directory: Path) -> Iterator[Any]:
    """Yield whoosh's own searcher of the index in use (plain files, no memory maps), BM25F-weighted."""
    generation = current_generation(directory)
    assert generation is not None, f"no index in {directory}"
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.searcher(weighting=WEIGHTING) as searcher:
            yield searcher
    finally:
        ix.close()
