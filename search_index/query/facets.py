"""Facets in a search: filters as required index terms, and value counts over the matching cases."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any

from search_index.documents import FACET_KEYS, clean_value
from search_index.errors import UnknownFacet
from search_index.fields import FACET_PREFIX
from search_index.index.facet_column import FACET_SEPARATOR_BYTES
from search_index.query.matches import SegmentMatches


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


def filter_terms(
    reader: Any, lang: str | None, filters: Mapping[str, str]
) -> tuple[tuple[str, str], ...] | None:
    """Return the (field, term) pairs a narrative must all have, or None when none can match."""
    parts = [] if lang is None else [("lang", lang)]
    present = _facet_keys(reader)
    for key in sorted(filters):
        if key not in present and key not in FACET_KEYS:
            raise UnknownFacet(key, tuple(sorted({*present, *FACET_KEYS})))
        term = _facet_term(reader, key, filters[key]) if key in present else None
        if term is None:
            return None
        parts.append((f"{FACET_PREFIX}{key}", term))
    return tuple(parts)


def count_facets(matches: Sequence[SegmentMatches], cases: Mapping[int, bytes]) -> dict[str, dict[str, int]]:
    """Return the facet value counts over the matching cases (a case counts once per value)."""
    blobs: dict[bytes, list[bytes]] = {}
    for segment in matches:
        values = segment.facet_values
        offset = segment.offset
        for docnum in segment.scores:
            blobs.setdefault(cases[offset + docnum], []).append(values[docnum])
    # Items stay bytes until counted: decoding every narrative's values costs more than counting.
    counts = Counter(
        chain.from_iterable(
            set(chain.from_iterable(blob.split(FACET_SEPARATOR_BYTES) for blob in found if blob))
            for found in blobs.values()
        )
    )
    facets: dict[str, dict[str, int]] = {}
    decoded = ((item.decode("utf-8"), count) for item, count in counts.items())
    for item, count in sorted(decoded, key=lambda pair: (-pair[1], pair[0])):
        key, _, value = item.partition("=")
        facets.setdefault(key, {})[value] = count
    return dict(sorted(facets.items()))
