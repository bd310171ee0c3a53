"""BM25F as whoosh computes it: the reference for the browser's scoring (browser/engine.js).

whoosh scores a term in a field of a document as
    idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * fl / avgfl))
with idf = log(N / (df + 1)) + 1 over all documents, fl the field length as whoosh stores it
(rounded through one byte), avgfl = total field length / N (1 when zero). A query's score is
the sum of (weight x boost) of its matching terms, so precomputed weights give the browser the
same ranking as `agk search` (tests compare the two).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from whoosh.util.numeric import byte_to_length, length_to_byte

# whoosh's BM25F defaults (whoosh.scoring.BM25F), used by `agk search`.
K1 = 1.2
B = 0.75


# Field lengths are stored in one byte; this table turns a byte back into a length.
LENGTH_TABLE = [int(byte_to_length(byte)) for byte in range(256)]


def length_byte(length: int) -> int:
    """Return the byte whoosh stores for a field length (lossy above a few dozen)."""
    return int(length_to_byte(length))


def stored_length(length: int) -> int:
    """Return a field length as whoosh reads it back."""
    return LENGTH_TABLE[length_byte(length)]


def idf(documents: int, frequency: int) -> float:
    """Return whoosh's inverse document frequency of a term."""
    return math.log(documents / (frequency + 1)) + 1


def bm25(term_idf: float, tf: int, length: int, average: float) -> float:
    """Return the BM25 weight of a term occurring `tf` times in a field of `length` terms."""
    return term_idf * ((tf * (K1 + 1)) / (tf + K1 * ((1 - B) + B * stored_length(length) / average)))


def average_lengths(totals: Mapping[str, int], documents: int) -> dict[str, float]:
    """Return whoosh's average field length per field (1.0 for an empty field)."""
    return {field: (total / documents if documents and total else 1.0) for field, total in totals.items()}
