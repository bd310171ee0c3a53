"""Related case studies without an index: tf·idf cosine over each case's term profile.

A profile is a narrative's most frequent analysed terms; profiles are small, so they can be
made in parallel worker processes and compared in one place. This is what the site shows as
"related case studies".
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from search_index.analysis.analyser import Analyser

PROFILE_TERMS = 80
VECTOR_TERMS = 30
# A term in more than this share of the profiles, or in more than MAX_DOCUMENTS of them, says
# little about similarity; long posting lists also made comparing 5,000 cases take 30 s.
MAX_DOCUMENT_SHARE = 0.2
MAX_DOCUMENTS = 30
MIN_SCORE = 0.05


@dataclass(frozen=True)
class TermProfile:
    """The most frequent analysed terms of one case's narrative, with their counts."""

    id: str
    terms: tuple[tuple[str, int], ...]


class Profiler:
    """Makes term profiles, reusing one analyser (and its word cache) per language."""

    def __init__(self) -> None:
        self._analysers: dict[str, Analyser] = {}

    def __call__(self, case_id: str, lang: str, text: str) -> TermProfile:
        """The profile of `text`, written in `lang`, for case `case_id`."""
        analyser = self._analysers.setdefault(lang, Analyser(lang))
        counts = Counter(analyser.terms(text))
        top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:PROFILE_TERMS]
        return TermProfile(case_id, tuple(top))


def _vectors(profiles: Sequence[TermProfile]) -> list[dict[str, float]]:
    """Unit tf·idf vectors of each profile's most characteristic terms."""
    frequency = Counter(term for profile in profiles for term, _ in profile.terms)
    limit = max(2, min(MAX_DOCUMENT_SHARE * len(profiles), MAX_DOCUMENTS))
    vectors = []
    for profile in profiles:
        weights = {
            term: (1 + math.log(count)) * math.log(len(profiles) / frequency[term])
            for term, count in profile.terms
            if 1 < frequency[term] <= limit
        }
        top = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:VECTOR_TERMS]
        norm = math.sqrt(sum(weight * weight for _, weight in top)) or 1.0
        vectors.append({term: weight / norm for term, weight in top})
    return vectors


def related_by_profiles(profiles: Sequence[TermProfile], *, limit: int = 5) -> dict[str, tuple[str, ...]]:
    """For each case, the ids of the most similar other cases, best first (ties by id)."""
    vectors = _vectors(profiles)
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for index, vector in enumerate(vectors):
        for term, weight in vector.items():
            postings[term].append((index, weight))
    related: dict[str, tuple[str, ...]] = {}
    for index, vector in enumerate(vectors):
        scores: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():
            for other, other_weight in postings[term]:
                if other != index:
                    scores[other] += weight * other_weight
        ranked = sorted(
            ((score, profiles[other].id) for other, score in scores.items() if score >= MIN_SCORE),
            key=lambda item: (-item[0], item[1]),
        )
        related[profiles[index].id] = tuple(case_id for _, case_id in ranked[:limit])
    return related
