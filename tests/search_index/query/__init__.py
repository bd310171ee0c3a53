"""Tests of search_index.query."""
