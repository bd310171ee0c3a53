"""`agk search`: plain words (all required, the last also as a prefix), filters, facets."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from search_index.facet_names import NameTable
from search_index.fields import field_language
from search_index.index.generations import current_generation
from search_index.index.lexicon_file import lookup
from search_index.index.names_file import read_names
from search_index.index.reading import open_index
from search_index.query.facets import count_facets, filter_terms
from search_index.query.hits import best_hits
from search_index.query.matches import case_ids
from search_index.query.planning import Lookup, Planner, no_lexicon, present_languages
from search_index.query.results import SearchResults
from search_index.query.scoring import score_segments
from search_index.query.suggestion import suggestion
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

    Every word must match (in title, summary, body, taxonomy labels, or as part of a facet
    value's name); when no case has every word, cases matching some are returned, ranked by how
    many (`partial`). A word typed in Roman letters also finds Indic and Urdu words that sound
    alike; a word found nowhere also finds the index terms within its typos (`suggestion`).
    The last word also matches as a prefix. Query syntax is not interpreted:
    `title:x OR *` is three plain words. `lang` restricts to narratives in that language;
    `filters` maps facet keys to values.
    """
    ix = open_index(Path(directory))
    generation = current_generation(Path(directory))
    names = read_names(generation) if generation is not None else {}
    keys: Lookup = functools.partial(lookup, generation) if generation is not None else no_lexicon
    try:
        return _search(ix, query, lang, filters, limit, names, keys)
    finally:
        ix.close()


def _search(
    ix: Any,
    query: str,
    lang: str | None,
    filters: Mapping[str, str],
    limit: int,
    names: NameTable,
    keys: Lookup,
) -> SearchResults:
    """Run one search against an open index."""
    with ix.searcher(weighting=WEIGHTING) as searcher:
        reader = searcher.reader()
        languages = present_languages(reader)
        if lang is not None:
            languages = [code for code in languages if code == field_language(lang)]
        required = filter_terms(reader, lang, filters)
        plan = Planner(reader, languages, names, keys).plan(query) if languages else None
        if plan is None or required is None:
            return SearchResults(query=query, total=0)
        matches = score_segments(searcher, plan, required)
        cases = case_ids(matches)
        facets = count_facets(matches, cases)
        total = len(set(cases.values()))
        hits, texts = best_hits(searcher, matches, cases, plan, max(0, limit)) if total else ((), [])
        return SearchResults(
            query=query,
            total=total,
            hits=hits,
            facets=facets,
            partial=any(segment.masks is not None for segment in matches),
            recognised=tuple(item.as_dict(plan.words) for item in plan.recognised),
            suggestion=suggestion(plan.query_words, plan.corrections, texts),
        )
