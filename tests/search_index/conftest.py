"""Shared fixtures for the search_index tests: the fixture corpus and an index built from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from search_index.documents import SearchDocument
from search_index.index.build import build_index
from tests.search_index.search_fixtures import corpus_documents, corpus_names


@pytest.fixture(scope="session")
def corpus() -> list[SearchDocument]:
    """Return the fixture corpus."""
    return corpus_documents()


@pytest.fixture(scope="session")
def corpus_index(corpus: list[SearchDocument], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the directory of an index of the fixture corpus (read-only for the tests)."""
    directory = tmp_path_factory.mktemp("corpus-index")
    build_index(corpus, directory, names=corpus_names())
    return directory
