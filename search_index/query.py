"""Searching the index: plain words (all required, the last also as a prefix), filters, facets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from whoosh import query as wq

from search_index.analysis import Analyser
from search_index.documents import FACET_KEYS, clean_value
from search_index.errors import UnknownFacet
from search_index.index import FACET_SEPARATOR
from search_index.schema import (
    FACET_PREFIX,
    LABELS_BOOST,
    LABELS_FIELD,
    OTHER_LANGUAGE,
    PART_BOOSTS,
    field_language,
)
from search_index.snippets import snippet
from search_index.storage import open_current

EMPTY_FILTERS: Mapping[str, str] = MappingProxyType({})
# The last word also matches words it begins, once it has this many characters.
MIN_PREFIX_CHARS = 2
# At most this many index terms per field stand in for a prefix (in index order).
PREFIX_EXPANSIONS = 40
# A prefix match counts a little less than a whole-word match.
PREFIX_WEIGHT = 0.7
# Extra hits fetched before the final ordering, so that ties at the cut are ordered by id.
TIE_MARGIN = 10
# Narratives fetched per case wanted, to fill the page after keeping one narrative per case.
NARRATIVES_PER_CASE = 3


@dataclass(frozen=True)
class Hit:
    """One matching case study (its best-scoring narrative)."""

    id: str
    lang: str
    title: str
    score: float
    snippet: str
    url: str
    facets: Mapping[str, tuple[str, ...]]

    def as_dict(self) -> dict[str, Any]:
        """Return the hit as JSON-ready values."""
        return {
            "facets": {key: list(values) for key, values in sorted(self.facets.items())},
            "id": self.id,
            "lang": self.lang,
            "score": self.score,
            "snippet": self.snippet,
            "title": self.title,
            "url": self.url,
        }


@dataclass(frozen=True)
class SearchResults:
    """Hits of one query, the number of matching cases and facet counts over all of them.

    Snippets mark matched words as [[word]]; marker look-alikes in the text are broken up.
    """

    query: str
    total: int
    hits: tuple[Hit, ...] = ()
    facets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return the results as JSON-ready values."""
        return {
            "facets": {key: dict(counts) for key, counts in sorted(self.facets.items())},
            "hits": [hit.as_dict() for hit in self.hits],
            "query": self.query,
            "total": self.total,
        }


@dataclass(frozen=True)
class QueryPlan:
    """The whoosh query for the words, plus what snippets need to mark matches."""

    query: Any
    terms: Mapping[str, frozenset[str]]
    prefix: str


class _Planner:
    """Builds the whoosh query for one search against one open reader."""

    def __init__(self, reader: Any, languages: Sequence[str]) -> None:
        self.reader = reader
        self.languages = languages
        self.analysers = {lang: Analyser(lang) for lang in languages}
        self.labels = Analyser(None)

    def _terms(self, fieldname: str, terms: Sequence[str], boost: float) -> list[Any]:
        """Return Term queries for the terms that occur in the field."""
        return [
            wq.Term(fieldname, term, boost=boost)
            for term in terms
            if self.reader.doc_frequency(fieldname, term) > 0
        ]

    def _prefix(self, fieldname: str, prefix: str, boost: float) -> list[Any]:
        """Return Term queries for (a bounded number of) index terms starting with `prefix`."""
        found = []
        for raw in self.reader.expand_prefix(fieldname, prefix):
            found.append(wq.Term(fieldname, raw.decode("utf-8"), boost=boost * PREFIX_WEIGHT))
            if len(found) >= PREFIX_EXPANSIONS:
                break
        return found

    def word_clause(self, word: str, is_last: bool, seen: dict[str, set[str]]) -> Any | None:
        """Return the clause one word adds, or None when it constrains nothing (a stop word)."""
        alternatives: list[Any] = []
        stop_languages: list[str] = []
        use_prefix = is_last and len(word) >= MIN_PREFIX_CHARS
        for lang in self.languages:
            terms = self.analysers[lang].word_terms(word)
            if not terms:
                stop_languages.append(lang)
            seen[lang].update(terms)
            for part, boost in PART_BOOSTS:
                fieldname = f"{part}_{lang}"
                alternatives += self._terms(fieldname, terms, boost)
                if use_prefix:
                    alternatives += self._prefix(fieldname, word, boost)
        label_terms = self.labels.word_terms(word)
        alternatives += self._terms(LABELS_FIELD, label_terms, LABELS_BOOST)
        if use_prefix:
            alternatives += self._prefix(LABELS_FIELD, word, LABELS_BOOST)
        if len(stop_languages) == len(self.languages) and not label_terms:
            return None
        # A stop word of one language must not exclude that language's narratives.
        alternatives += [
            wq.ConstantScoreQuery(wq.Term("lang", lang), 0.0)
            for lang in stop_languages
            if lang != OTHER_LANGUAGE
        ]
        return wq.Or(alternatives) if alternatives else wq.NullQuery

    def plan(self, text: str) -> QueryPlan | None:
        """Return the plan for the query text, or None when it has no searchable word."""
        query_words = self.labels.folded_words(text)
        seen: dict[str, set[str]] = {lang: set() for lang in self.languages}
        clauses = []
        for index, word in enumerate(query_words):
            clause = self.word_clause(word, index == len(query_words) - 1, seen)
            if clause is not None:
                clauses.append(clause)
        if not clauses:
            return None
        prefix = query_words[-1] if len(query_words[-1]) >= MIN_PREFIX_CHARS else ""
        terms = {lang: frozenset(found) for lang, found in seen.items()}
        return QueryPlan(query=wq.And(clauses), terms=terms, prefix=prefix)


def _present_languages(reader: Any) -> list[str]:
    """Return the field languages of the narratives in the index, sorted."""
    codes = {raw.decode("utf-8") for raw in reader.lexicon("lang")}
    return sorted({field_language(code) for code in codes})


def _facet_keys(reader: Any) -> tuple[str, ...]:
    """Return the facet keys present in the index."""
    names = reader.indexed_field_names()
    return tuple(sorted(name[len(FACET_PREFIX) :] for name in names if name.startswith(FACET_PREFIX)))


def _facet_term(reader: Any, key: str, value: str) -> str | None:
    """Return the indexed value equal to `value` (ignoring case), or None when there is none."""
    fieldname = f"{FACET_PREFIX}{key}"
    wanted = clean_value(value)
    if reader.doc_frequency(fieldname, wanted) > 0:
        return wanted
    folded = wanted.casefold()
    for raw in reader.lexicon(fieldname):
        text: str = raw.decode("utf-8")
        if text.casefold() == folded:
            return text
    return None


def _filter_query(reader: Any, lang: str | None, filters: Mapping[str, str]) -> Any | None:
    """Return the query of the language restriction and facet filters (NullQuery: no match)."""
    parts = [] if lang is None else [wq.Term("lang", lang)]
    present = _facet_keys(reader)
    for key in sorted(filters):
        if key not in present and key not in FACET_KEYS:
            raise UnknownFacet(key, tuple(sorted({*present, *FACET_KEYS})))
        term = _facet_term(reader, key, filters[key]) if key in present else None
        if term is None:
            return wq.NullQuery
        parts.append(wq.Term(f"{FACET_PREFIX}{key}", term))
    return wq.And(parts) if parts else None


@dataclass(frozen=True)
class _Columns:
    """Per-document values read without loading stored fields (opened once per search)."""

    ids: Any
    langs: Any
    facet_values: Any


def _columns(reader: Any) -> _Columns:
    """Open the columns a search reads."""
    return _Columns(
        ids=reader.column_reader("id"),
        langs=reader.column_reader("lang"),
        facet_values=reader.column_reader("facet_values"),
    )


def _count_facets(columns: _Columns, docnums: Sequence[int]) -> tuple[int, dict[str, dict[str, int]]]:
    """Return the number of distinct cases among `docnums` and their facet value counts."""
    ids = columns.ids
    values = columns.facet_values
    per_case: dict[str, set[str]] = {}
    for docnum in docnums:
        items = per_case.setdefault(ids[docnum], set())
        blob = values[docnum]
        if blob:
            items.update(blob.decode("utf-8").split(FACET_SEPARATOR))
    counts = Counter(item for items in per_case.values() for item in items)
    facets: dict[str, dict[str, int]] = {}
    for item, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        key, _, value = item.partition("=")
        facets.setdefault(key, {})[value] = count
    return len(per_case), dict(sorted(facets.items()))


def _hits(
    searcher: Any, columns: _Columns, plan: QueryPlan, filter_query: Any | None, limit: int
) -> tuple[Hit, ...]:
    """Return the best `limit` cases, one narrative each, ordered by score then id and language."""
    # A case has few narratives: fetching NARRATIVES_PER_CASE times the limit leaves enough
    # cases after keeping one narrative each (whoosh's own collapsing scores every match).
    results = searcher.search(plan.query, filter=filter_query, limit=limit * NARRATIVES_PER_CASE + TIE_MARGIN)
    ranked = [
        (round(hit.score, 6), columns.ids[hit.docnum], columns.langs[hit.docnum], hit.docnum)
        for hit in results
    ]
    ranked.sort(key=lambda item: (-item[0], item[1], item[2]))
    best: dict[str, tuple[float, str, str, int]] = {}
    for item in ranked:
        best.setdefault(item[1], item)
    analysers: dict[str, Analyser] = {}
    hits = []
    for score, case_id, lang, docnum in list(best.values())[:limit]:
        stored = searcher.stored_fields(docnum)
        analyser = analysers.setdefault(lang, Analyser(lang))
        terms = plan.terms.get(field_language(lang), frozenset())
        hits.append(
            Hit(
                id=case_id,
                lang=lang,
                title=stored["title"],
                score=round(score, 4),
                snippet=snippet((stored["body"], stored["summary"]), analyser, terms, plan.prefix),
                url=stored.get("url", ""),
                facets={key: tuple(values) for key, values in sorted(stored["facets"].items())},
            )
        )
    return tuple(hits)


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
    ix = open_current(Path(directory))
    try:
        return _search(ix, query, lang, filters, limit)
    finally:
        ix.close()


def _search(ix: Any, query: str, lang: str | None, filters: Mapping[str, str], limit: int) -> SearchResults:
    """Run one search against an open index."""
    with ix.searcher() as searcher:
        reader = searcher.reader()
        languages = _present_languages(reader)
        if lang is not None:
            languages = [code for code in languages if code == field_language(lang)]
        filter_query = _filter_query(reader, lang, filters)
        plan = _Planner(reader, languages).plan(query) if languages else None
        if plan is None or filter_query is wq.NullQuery:
            return SearchResults(query=query, total=0)
        matching = plan.query if filter_query is None else wq.And([plan.query, filter_query])
        docnums = sorted(set(searcher.docs_for_query(matching)))
        columns = _columns(reader)
        total, facets = _count_facets(columns, docnums)
        hits = _hits(searcher, columns, plan, filter_query, max(0, limit)) if total else ()
        return SearchResults(query=query, total=total, hits=hits, facets=facets)
