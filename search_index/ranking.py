"""How matches are ranked, shared by `agk search` and the browser engine (which reads meta.js).

Both sides score with whoosh's BM25F arithmetic: a term's weight in a field is
    idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * fl / avgfl)),  idf = log(N / (df + 1)) + 1,
times the field's boost; a word's alternatives and a query's words add up.
"""

from __future__ import annotations

from whoosh.scoring import BM25F

from search_index.fields import PARTS

# whoosh's BM25F with its defaults (B 0.75, K1 1.2) for every field.
WEIGHTING = BM25F()
B: float = WEIGHTING.B
K1: float = WEIGHTING.K1
# Relative weight of a match in each part of a narrative (in PARTS order) and in the labels.
PART_BOOSTS: tuple[tuple[str, float], ...] = tuple(zip(PARTS, (3.0, 2.0, 1.0), strict=True))
LABELS_BOOST = 1.5
# The last word also matches words it begins, once it has this many characters.
MIN_PREFIX_CHARS = 2
# At most this many index terms stand in for a prefix: the first in index order among the
# fields searched (the browser reads them from one run of its term-ordered shards).
PREFIX_EXPANSIONS = 40
# A prefix match counts a little less than a whole-word match.
PREFIX_WEIGHT = 0.7
# whoosh scores ConstantScoreQuery(q, 0.0) as 1.0 (its ListMatcher reads the weight 0.0 as "not
# given"), so a narrative matched through a stop word of its language gets 1.0 for that word.
STOP_WORD_SCORE = 1.0
# A query word with no index term of its own also matches the terms within its allowed typos
# (lexicon/keys.py), at most this many, the nearest first, at this fraction of the weight.
TYPO_CANDIDATES = 4
TYPO_WEIGHT = 0.5
# A Roman-letter query word also matches the Indic and Urdu terms with its romanisation key,
# at most this many (in term order), at this fraction of the weight.
ROMAN_CANDIDATES = 5
ROMAN_WEIGHT = 0.8
# Only the first words of a long query count (a pasted paragraph): the browser keeps the words
# a partial match has as bits of a 32-bit number.
MAX_QUERY_WORDS = 30
