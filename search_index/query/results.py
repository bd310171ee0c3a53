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
