"""meta.js: field names, shard boundaries, per-document columns, facets and the ranking constants.

Each document's field lengths are the bytes whoosh stores (for its own fields) and the table
turning a byte back into a length comes along, so the browser computes whoosh's BM25F scores
exactly (the formula is in search_index/ranking.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from search_index import ranking
from search_index.browser import varint
from search_index.browser.postings import Postings, boundaries
from search_index.documents import FACET_KEYS, PreparedDocument
from search_index.fields import LABELS_FIELD, OTHER_LANGUAGE, PARTS, field_language
from search_index.index.whoosh_internals import BYTE_LENGTHS, length_byte
from search_index.lexicon import keys

FORMAT = 3


def _facet_column(ordered: list[PreparedDocument], key: str) -> dict[str, Any]:
    """Return a facet's sorted values and its column: per document its value's index when every
    document has exactly one value, else the index of its set of values in `sets` (documents
    share few sets: narrative languages, SDG groups)."""
    values = sorted({value for item in ordered for value in item.facets.get(key, ())})
    index = {value: number for number, value in enumerate(values)}
    own = [tuple(index[value] for value in item.facets.get(key, ())) for item in ordered]
    if all(len(numbers) == 1 for numbers in own):
        return {"values": values, "single": True, "docs": varint.encode_all(numbers[0] for numbers in own)}
    sets = sorted(set(own))
    number = {found: at for at, found in enumerate(sets)}
    column = varint.encode_all(number[numbers] for numbers in own)
    return {"values": values, "single": False, "sets": [list(found) for found in sets], "docs": column}


def _length_column(ordered: list[PreparedDocument], postings: Postings) -> str:
    """Return, document by document, the stored length bytes of its own fields: title, summary and
    body in its language's fields, then labels (every other field of a document is empty, so
    this is all the browser needs: a third of one column per field)."""
    numbers: list[int] = []
    for docnum, item in enumerate(ordered):
        names = [f"{part}_{field_language(item.source.lang)}" for part in PARTS] + [LABELS_FIELD]
        numbers += [length_byte(postings.lengths[name].get(docnum, 0)) for name in names]
    return varint.encode_all(numbers)


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
        "max_query_words": ranking.MAX_QUERY_WORDS,
        "min_prefix": ranking.MIN_PREFIX_CHARS,
        "prefix_expansions": ranking.PREFIX_EXPANSIONS,
        "prefix_weight": ranking.PREFIX_WEIGHT,
        "roman_candidates": ranking.ROMAN_CANDIDATES,
        "roman_weight": ranking.ROMAN_WEIGHT,
        "typo_candidates": ranking.TYPO_CANDIDATES,
        "typo_weight": ranking.TYPO_WEIGHT,
        "one_typo_letters": keys.ONE_TYPO_LETTERS,
        "two_typos_letters": keys.TWO_TYPOS_LETTERS,
        "min_term_letters": keys.MIN_TERM_LETTERS,
        "max_ending_letters": keys.MAX_ENDING_LETTERS,
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
        column = _facet_column(ordered, key)
        labels = facet_labels.get(key, {})
        facets[key] = {**column, "labels": [labels.get(value, value) for value in column["values"]]}
    return {
        "format": FORMAT,
        "documents": len(ordered),
        "languages": sorted({field_language(item.source.lang) for item in ordered}),
        "fields": fields,
        # How field names are made (search_index/fields.py): part + "_" + language, and labels.
        "parts": list(PARTS),
        "labels_field": LABELS_FIELD,
        "other_language": OTHER_LANGUAGE,
        "shards": boundaries(shards),
        "doc_langs": doc_langs,
        "doc_lang": varint.encode_all(doc_langs.index(item.source.lang) for item in ordered),
        "case_runs": _case_runs(ordered),
        "facets": facets,
        # The facets a filter may name (`agk search` refuses others, present or not).
        "facet_keys": sorted({*FACET_KEYS, *facets}),
        "doc_lengths": _length_column(ordered, postings),
        "ranking": _ranking(postings),
    }
