"""Tests of search_index.index."""
