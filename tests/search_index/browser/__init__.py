"""Tests of search_index.browser."""
