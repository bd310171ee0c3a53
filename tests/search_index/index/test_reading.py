"""Opening the index in use for searching (index.reading): missing and outdated indexes."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index.documents import SearchDocument
from search_index.errors import IndexNotFound, IndexOutdated
from search_index.index.build import build_index
from search_index.index.format import INDEX_FORMAT, index_meta
from search_index.index.generations import current_generation, write_meta
from search_index.index.reading import open_index


def test_the_index_in_use_opens(corpus: list[SearchDocument], corpus_index: Path) -> None:
    ix = open_index(corpus_index)
    try:
        assert ix.doc_count() == len(corpus)
    finally:
        ix.close()


def test_no_index_is_index_not_found(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="no search index"):
        open_index(tmp_path)


def test_an_index_of_another_format_is_refused_until_rebuilt(
    corpus: list[SearchDocument], tmp_path: Path
) -> None:
    build_index(corpus, tmp_path)
    generation = current_generation(tmp_path)
    assert generation is not None
    write_meta(generation, {**index_meta(), "format": INDEX_FORMAT - 1})
    with pytest.raises(IndexOutdated, match="earlier version of agk"):
        open_index(tmp_path)
    build_index(corpus, tmp_path)
    open_index(tmp_path).close()
