"""What a search returns: the hits shown and the counts over all matching cases."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


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
    # The query words (folded) this hit does not contain; only in partial results.
    missing: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """Return the hit as JSON-ready values."""
        return {
            "facets": {key: list(values) for key, values in sorted(self.facets.items())},
            "id": self.id,
            "lang": self.lang,
            "missing": list(self.missing),
            "score": self.score,
            "snippet": self.snippet,
            "title": self.title,
            "url": self.url,
        }


@dataclass(frozen=True)
class SearchResults:
    """Hits of one query, the number of matching cases and facet counts over all of them.

    Snippets mark matched words as [[word]]; marker look-alikes in the text are broken up.
    `partial` says that no case matched every word and the hits match some of them;
    `recognised` lists the facet values the query names ({key, value, words}); `suggestion` is
    the query with misspelt words replaced by the nearest index terms ('' when none was).
    """

    query: str
    total: int
    hits: tuple[Hit, ...] = ()
    facets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    partial: bool = False
    recognised: tuple[Mapping[str, Any], ...] = ()
    suggestion: str = ""

    def as_dict(self) -> dict[str, Any]:
        """Return the results as JSON-ready values."""
        return {
            "facets": {key: dict(counts) for key, counts in sorted(self.facets.items())},
            "hits": [hit.as_dict() for hit in self.hits],
            "partial": self.partial,
            "query": self.query,
            "recognised": [dict(item) for item in self.recognised],
            "suggestion": self.suggestion,
            "total": self.total,
        }
