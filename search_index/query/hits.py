"""The hits of a search: the best cases, one narrative each, by score, then id and language."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from search_index.fields import field_language
from search_index.query.matches import SegmentMatches
from search_index.query.planning import QueryPlan, shared_analyser
from search_index.query.results import Hit
from search_index.query.snippets import Marker

Tied = tuple[bytes, SegmentMatches, int]


def _tie_order(tied: list[Tied]) -> list[Tied]:
    """Return matches of one score by case id, then language (read only if a case ties with itself)."""
    if len({case_id for case_id, _, _ in tied}) == len(tied):
        return sorted(tied, key=lambda item: item[0])
    return sorted(tied, key=lambda item: (item[0], item[1].langs[item[2]]))


def _ranked(
    matches: Sequence[SegmentMatches], cases: Mapping[int, bytes]
) -> Iterator[tuple[float, bytes, int]]:
    """Yield (score, case id, document) of the matches by score (to 6 places), then case id and language."""
    tied: dict[float, list[Tied]] = {}
    for segment in matches:
        for docnum, score in segment.scores.items():
            tied.setdefault(round(score, 6), []).append((cases[segment.offset + docnum], segment, docnum))
    # Distinct scores sort as plain floats; the matches of one score are ordered when reached.
    for score in sorted(tied, reverse=True):
        for case_id, segment, docnum in _tie_order(tied[score]):
            yield score, case_id, segment.offset + docnum


def best_hits(
    searcher: Any, matches: Sequence[SegmentMatches], cases: Mapping[int, bytes], plan: QueryPlan, limit: int
) -> tuple[Hit, ...]:
    """Return the best `limit` cases, one narrative each, ordered by score then id and language."""
    hits: list[Hit] = []
    seen: set[bytes] = set()
    # One marker per language: hits in one language share most words (see Marker).
    markers: dict[str, Marker] = {}
    for score, case_id, docnum in _ranked(matches, cases):
        if len(hits) >= limit:
            break
        if case_id in seen:
            continue
        seen.add(case_id)
        stored = searcher.stored_fields(docnum)
        lang = stored["lang"]
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
            )
        )
    return tuple(hits)
