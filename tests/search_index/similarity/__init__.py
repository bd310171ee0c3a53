"""Tests of search_index.similarity."""
