"""The hits of a search: the best cases, one narrative each, in rank order.

Rank order: more words matched first (partial matches only), then more of the facet values the
query names (`UP` ranks Uttar Pradesh's cases first), then score (to 6 places), then case id
and language.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from search_index.facet_names import Recognised
from search_index.fields import field_language
from search_index.index.facet_column import FACET_SEPARATOR_BYTES
from search_index.query.matches import SegmentMatches
from search_index.query.planning import QueryPlan, shared_analyser
from search_index.query.results import Hit
from search_index.query.snippets import Marker
from search_index.query.suggestion import SUGGESTION_HITS

Tied = tuple[bytes, SegmentMatches, int]
Rank = tuple[int, int, float]


def _tie_order(tied: list[Tied]) -> list[Tied]:
    """Return matches of one score by case id, then language (read only if a case ties with itself)."""
    if len({case_id for case_id, _, _ in tied}) == len(tied):
        return sorted(tied, key=lambda item: item[0])
    return sorted(tied, key=lambda item: (item[0], item[1].langs[item[2]]))


def _named_items(recognised: Sequence[Recognised]) -> list[bytes]:
    """Return the facet items (`key=value` as in the facet column) the query names, once each."""
    return list(dict.fromkeys(f"{item.key}={item.value}".encode() for item in recognised))


def _rank(segment: SegmentMatches, docnum: int, score: float, named: Sequence[bytes], clauses: int) -> Rank:
    """Return what orders a match: words matched, named facet values it has, score."""
    matched = clauses if segment.masks is None else segment.masks[docnum].bit_count()
    if not named:
        return matched, 0, round(score, 6)
    items = set(segment.facet_values[docnum].split(FACET_SEPARATOR_BYTES))
    return matched, sum(item in items for item in named), round(score, 6)


def _ranked(
    matches: Sequence[SegmentMatches], cases: Mapping[int, bytes], plan: QueryPlan
) -> Iterator[tuple[float, bytes, int, SegmentMatches, int]]:
    """Yield (score, case id, document, segment, local document) of the matches in rank order."""
    named = _named_items(plan.recognised)
    clauses = len(plan.clauses)
    tied: dict[Rank, list[Tied]] = {}
    for segment in matches:
        for docnum, score in segment.scores.items():
            rank = _rank(segment, docnum, score, named, clauses)
            tied.setdefault(rank, []).append((cases[segment.offset + docnum], segment, docnum))
    # Distinct ranks sort as plain tuples; the matches of one rank are ordered when reached.
    for rank in sorted(tied, reverse=True):
        for case_id, segment, docnum in _tie_order(tied[rank]):
            yield rank[2], case_id, segment.offset + docnum, segment, docnum


def missing_words(plan: QueryPlan, segment: SegmentMatches, docnum: int) -> tuple[str, ...]:
    """Return the query words a partial match does not contain."""
    if segment.masks is None:
        return ()
    mask = segment.masks[docnum]
    return tuple(word for number, word in enumerate(plan.words) if not mask >> number & 1)


def best_hits(
    searcher: Any, matches: Sequence[SegmentMatches], cases: Mapping[int, bytes], plan: QueryPlan, limit: int
) -> tuple[tuple[Hit, ...], list[tuple[str, str]]]:
    """Return the best `limit` cases, one narrative each, in rank order, and the texts of the first
    SUGGESTION_HITS as (language, text) pairs (for a suggestion)."""
    hits: list[Hit] = []
    texts: list[tuple[str, str]] = []
    seen: set[bytes] = set()
    # One marker per language: hits in one language share most words (see Marker).
    markers: dict[str, Marker] = {}
    for score, case_id, docnum, segment, local in _ranked(matches, cases, plan):
        if len(hits) >= limit:
            break
        if case_id in seen:
            continue
        seen.add(case_id)
        stored = searcher.stored_fields(docnum)
        lang = stored["lang"]
        if len(hits) < SUGGESTION_HITS:
            texts += [(lang, stored["title"]), (lang, stored["summary"]), (lang, stored["body"])]
        if lang not in markers:
            terms = plan.terms.get(field_language(lang), frozenset())
            markers[lang] = Marker(shared_analyser(lang), terms, plan.prefix)
        hits.append(
            Hit(
                id=stored["id"],
                lang=lang,
                title=stored["title"],
                score=round(score, 4),
                snippet=markers[lang].snippet((stored["body"], stored["summary"])),
                url=stored.get("url", ""),
                facets={key: tuple(values) for key, values in sorted(stored["facets"].items())},
                missing=missing_words(plan, segment, local),
            )
        )
    return tuple(hits), texts
