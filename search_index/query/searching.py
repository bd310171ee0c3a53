"""`agk search`: plain words (all required, the last also as a prefix), filters, facets."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from search_index.fields import field_language
from search_index.index.reading import open_index
from search_index.query.facets import count_facets, filter_terms
from search_index.query.hits import best_hits
from search_index.query.matches import case_ids
from search_index.query.planning import Planner, present_languages
from search_index.query.results import SearchResults
from search_index.query.scoring import score_segments
from search_index.ranking import WEIGHTING

EMPTY_FILTERS: Mapping[str, str] = MappingProxyType({})


def search(
    directory: Path,
    query: str,
    *,
    lang: str | None = None,
    filters: Mapping[str, str] = EMPTY_FILTERS,
    limit: int = 10,
) -> SearchResults:
    """Search the index in `directory`.

    Every word must match (in title, summary, body or taxonomy labels); the last word also
    matches as a prefix. Query syntax is not interpreted: `title:x OR *` is three plain words.
    `lang` restricts to narratives in that language; `filters` maps facet keys to values.
    """
    ix = open_index(Path(directory))
    try:
        return _search(ix, query, lang, filters, limit)
    finally:
        ix.close()


def _search(ix: Any, query: str, lang: str | None, filters: Mapping[str, str], limit: int) -> SearchResults:
    """Run one search against an open index."""
    with ix.searcher(weighting=WEIGHTING) as searcher:
        reader = searcher.reader()
        languages = present_languages(reader)
        if lang is not None:
            languages = [code for code in languages if code == field_language(lang)]
        required = filter_terms(reader, lang, filters)
        plan = Planner(reader, languages).plan(query) if languages else None
        if plan is None or required is None:
            return SearchResults(query=query, total=0)
        matches = score_segments(searcher, plan, required)
        cases = case_ids(matches)
        facets = count_facets(matches, cases)
        total = len(set(cases.values()))
        hits = best_hits(searcher, matches, cases, plan, max(0, limit)) if total else ()
        return SearchResults(query=query, total=total, hits=hits, facets=facets)
