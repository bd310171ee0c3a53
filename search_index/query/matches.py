"""The scored matches of a search, per index segment, and the columns that describe them."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass
class SegmentMatches:
    """The matches in one segment (local document number to score) and the columns describing them.

    Columns are read untranslated: case ids and languages as UTF-8 bytes, which sort as the text.
    `masks` (partial matches only) gives the words each document matched, one bit per clause.
    """

    offset: int
    scores: dict[int, float]
    reader: Any
    masks: dict[int, int] | None = None

    @functools.cached_property
    def ids(self) -> Any:
        """Return the case id column."""
        return self.reader.column_reader("id", translate=False)

    @functools.cached_property
    def langs(self) -> Any:
        """Return the narrative language column."""
        return self.reader.column_reader("lang", translate=False)

    @functools.cached_property
    def facet_values(self) -> Any:
        """Return the encoded facet values column."""
        return self.reader.column_reader("facet_values", translate=False)


def case_ids(matches: Sequence[SegmentMatches]) -> dict[int, bytes]:
    """Return the case id of every match by global document number."""
    found: dict[int, bytes] = {}
    for segment in matches:
        ids = segment.ids
        offset = segment.offset
        for docnum in segment.scores:
            found[offset + docnum] = ids[docnum]
    return found
