"""Tests of search_index.analysis."""
