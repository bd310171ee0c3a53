"""meta.js: field names, shard boundaries, per-document columns, facets and the ranking constants.

Each field's document lengths are the bytes whoosh stores (one per document) and the table
turning a byte back into a length comes along, so the browser computes whoosh's BM25F scores
exactly (the formula is in search_index/ranking.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from search_index import ranking
from search_index.browser import varint
from search_index.browser.postings import Postings
from search_index.documents import FACET_KEYS, PreparedDocument
from search_index.fields import LABELS_FIELD, OTHER_LANGUAGE, PARTS, field_language
from search_index.index.whoosh_internals import BYTE_LENGTHS, length_byte

FORMAT = 1


def _facet_column(ordered: list[PreparedDocument], key: str) -> tuple[list[str], bool, str]:
    """Return a facet's sorted values, whether every document has exactly one, and the column:
    per document its value index (single) or a count then value indices."""
    values = sorted({value for item in ordered for value in item.facets.get(key, ())})
    index = {value: number for number, value in enumerate(values)}
    single = all(len(item.facets.get(key, ())) == 1 for item in ordered)
    numbers: list[int] = []
    for item in ordered:
        own = item.facets.get(key, ())
        numbers += [index[own[0]]] if single else [len(own), *(index[value] for value in own)]
    return values, single, varint.encode_all(numbers)


def _length_column(lengths: Mapping[int, int], documents: int) -> str:
    """Return the stored length byte of every document in one field (0 where it has none)."""
    return varint.encode_all(length_byte(lengths.get(doc, 0)) for doc in range(documents))


def _case_runs(ordered: list[PreparedDocument]) -> str:
    """Return the number of narratives of each case, in document order."""
    runs = Counter(item.source.id for item in ordered)
    return varint.encode_all(runs[case_id] for case_id in dict.fromkeys(item.source.id for item in ordered))


def _ranking(postings: Postings) -> dict[str, Any]:
    """Return what the browser ranks with: the constants `agk search` uses and the field totals."""
    return {
        "b": ranking.B,
        "boosts": {**dict(ranking.PART_BOOSTS), LABELS_FIELD: ranking.LABELS_BOOST},
        "k1": ranking.K1,
        "length_table": list(BYTE_LENGTHS),
        "min_prefix": ranking.MIN_PREFIX_CHARS,
        "prefix_expansions": ranking.PREFIX_EXPANSIONS,
        "prefix_weight": ranking.PREFIX_WEIGHT,
        "stop_word_score": ranking.STOP_WORD_SCORE,
        "totals": dict(sorted(postings.totals.items())),
    }


def meta(
    ordered: list[PreparedDocument],
    postings: Postings,
    fields: list[str],
    shards: list[dict[str, list[Any]]],
    facet_labels: Mapping[str, Mapping[str, str]],
) -> dict[str, Any]:
    """Return the contents of meta.js."""
    doc_langs = sorted({item.source.lang for item in ordered})
    facets: dict[str, Any] = {}
    for key in sorted({key for item in ordered for key in item.facets}):
        values, single, column = _facet_column(ordered, key)
        labels = facet_labels.get(key, {})
        facets[key] = {
            "docs": column,
            "labels": [labels.get(value, value) for value in values],
            "single": single,
            "values": values,
        }
    return {
        "format": FORMAT,
        "documents": len(ordered),
        "languages": sorted({field_language(item.source.lang) for item in ordered}),
        "fields": fields,
        # How field names are made (search_index/fields.py): part + "_" + language, and labels.
        "parts": list(PARTS),
        "labels_field": LABELS_FIELD,
        "other_language": OTHER_LANGUAGE,
        "shards": [next(iter(shard), "") for shard in shards],
        "doc_langs": doc_langs,
        "doc_lang": varint.encode_all(doc_langs.index(item.source.lang) for item in ordered),
        "case_runs": _case_runs(ordered),
        "facets": facets,
        # The facets a filter may name (`agk search` refuses others, present or not).
        "facet_keys": sorted({*FACET_KEYS, *facets}),
        "lengths": {name: _length_column(postings.lengths[name], len(ordered)) for name in fields},
        "ranking": _ranking(postings),
    }
