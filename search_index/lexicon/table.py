"""The lexicon table: every key (lexicon/keys.py) with the index terms filed under it."""

from __future__ import annotations

from collections.abc import Mapping

from search_index.lexicon.keys import term_keys

# {key: index terms, the most frequent first}
LexiconTable = dict[str, list[str]]


def lexicon_table(frequencies: Mapping[str, int]) -> LexiconTable:
    """Return the keys of the terms, sorted, each with its terms by frequency (then term order).

    `frequencies` gives each term's number of postings over all fields. The most frequent terms
    come first because a query takes only the first few terms of a key (ranking.py).
    """
    found: dict[str, set[str]] = {}
    for term in frequencies:
        for key in term_keys(term):
            found.setdefault(key, set()).add(term)
    return {key: sorted(found[key], key=lambda term: (-frequencies[term], term)) for key in sorted(found)}
