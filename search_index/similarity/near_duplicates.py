"""Near-duplicate case studies from MinHash (bottom-k) sketches of analysed-word shingles.

No index is needed. Every narrative is cut at white space; each distinct piece is analysed
once (NFC, folding, case, stop words dropped; not stemmed, since copies share their word
forms) and the resulting words are shingled in overlapping runs of SHINGLE_WORDS. A narrative
is summarised by its SKETCH_SIZE smallest shingle hashes. Two narratives whose sketches share
values become candidates; their Jaccard similarity is estimated from the sketches (standard
error about 0.04 at 0.8 with 128 values). Only distinct pieces pass through Python-level
analysis, which keeps 5,000 narratives of 1,200 words within a couple of seconds.
"""

from __future__ import annotations

import heapq
import zlib
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations, compress, repeat
from operator import and_

from search_index.analysis.analyser import Analyser
from search_index.analysis.tokens import WORD_PATTERN
from search_index.documents import SearchDocument

SHINGLE_WORDS = 3
# Only shingles whose first word's code is divisible by this are kept (content-defined
# sampling): copies keep the same shingles, and the hashing work shrinks by this factor.
SAMPLING_MODULUS = 4
SKETCH_SIZE = 128
# A sketch value shared by more narratives than this is a common phrase, not evidence of
# copying (identical sketches are paired separately, so large groups of exact copies are found).
COMMON_VALUE_LIMIT = 32
# Candidates must share at least this share of sketch values before they are compared.
CANDIDATE_SHARE = 0.25
SCORE_DIGITS = 4
# Every code has this bit so that none is 0 (0 would be dropped by filter(None, ...)); the
# lowest bit marks the words that may start a shingle.
_KEPT = 1 << 40


@dataclass(frozen=True)
class NearDuplicate:
    """Two case studies whose narratives are nearly the same text."""

    first: str
    second: str
    score: float
    first_lang: str
    second_lang: str


@dataclass(frozen=True)
class Sketch:
    """The bottom-k sketch of one narrative."""

    id: str
    lang: str
    values: frozenset[int]


class WordCodes:
    """Maps a white-space piece of text to a stable code (None when only stop words remain)."""

    def __init__(self, analyser: Analyser) -> None:
        self._analyser = analyser
        self.codes: dict[str, int | None] = {}
        # The same keys as a set: set-minus-set is the fastest way to find new pieces.
        self._known: set[str] = set()

    def learn(self, pieces: set[str]) -> None:
        """Analyse the pieces not seen before, all in one folding pass."""
        new = sorted(pieces - self._known)
        if not new:
            return
        # Folding never adds or removes a newline, so the lines map back to the pieces.
        folded = self._analyser.fold("\n".join(new)).split("\n")
        for piece, text in zip(new, folded, strict=True):
            self.codes[piece] = self._code(text)
        self._known.update(new)

    def _code(self, folded: str) -> int | None:
        """Return the code of an already folded piece (lowest bit: starts a shingle)."""
        kept = [
            word
            for word in WORD_PATTERN.findall(folded)
            if word not in self._analyser.rules_for(word).stopwords
        ]
        if not kept:
            return None
        # crc32, unlike hash(str), is the same in every process: results are reproducible.
        code = zlib.crc32(" ".join(kept).encode("utf-8"))
        return _KEPT | code << 1 | (code % SAMPLING_MODULUS == 0)


def sketch(document: SearchDocument, codes: WordCodes) -> Sketch:
    """Return the bottom-k sketch of one narrative."""
    pieces = "\n".join((document.title, document.summary, document.text)).split()
    codes.learn(set(pieces))
    # Everything below runs in C: dictionary look-ups, filtering, zipping, hashing, sorting.
    terms = list(filter(None, map(codes.codes.__getitem__, pieces)))
    if len(terms) >= SHINGLE_WORDS:
        runs = zip(*(terms[offset:] for offset in range(SHINGLE_WORDS)), strict=False)
        starts = map(and_, terms, repeat(1))
        # Tuples of ints hash the same in every process (no string hashing involved).
        shingles = set(map(hash, compress(runs, starts)))
    else:
        shingles = set(terms)
    return Sketch(document.id, document.lang, frozenset(sorted(shingles)[:SKETCH_SIZE]))


def estimate(first: frozenset[int], second: frozenset[int]) -> float:
    """Estimate the Jaccard similarity of two shingle sets from their bottom-k sketches."""
    union = heapq.nsmallest(SKETCH_SIZE, first | second)
    if not union:
        return 0.0
    shared = sum(1 for value in union if value in first and value in second)
    return shared / len(union)


def sketches(documents: Iterable[SearchDocument]) -> list[Sketch]:
    """Return the sketches of all narratives, analysing each language with one analyser."""
    analysers: dict[str, tuple[Analyser, WordCodes]] = {}
    result = []
    for document in documents:
        if document.lang not in analysers:
            analyser = Analyser(document.lang)
            analysers[document.lang] = (analyser, WordCodes(analyser))
        _, codes = analysers[document.lang]
        result.append(sketch(document, codes))
    return result


def _identical_groups(items: Sequence[Sketch]) -> set[tuple[int, int]]:
    """Return index pairs of narratives of different cases with identical sketches."""
    groups: dict[frozenset[int], list[int]] = {}
    for index, item in enumerate(items):
        if item.values:
            groups.setdefault(item.values, []).append(index)
    return {
        pair
        for members in groups.values()
        if len(members) > 1
        for pair in combinations(members, 2)
        if items[pair[0]].id != items[pair[1]].id
    }


def candidate_pairs(items: Sequence[Sketch]) -> set[tuple[int, int]]:
    """Return index pairs of narratives of different cases that share enough sketch values."""
    # Values held by one narrative only (nearly all of them) cannot pair anything; find the
    # repeated ones with set operations, which run in C.
    seen: set[int] = set()
    repeated: set[int] = set()
    for item in items:
        repeated |= item.values & seen
        seen |= item.values
    holders: dict[int, list[int]] = {}
    for index, item in enumerate(items):
        for value in item.values & repeated:
            holders.setdefault(value, []).append(index)
    shared: Counter[tuple[int, int]] = Counter()
    for members in holders.values():
        if len(members) <= COMMON_VALUE_LIMIT:
            shared.update(combinations(members, 2))
    pairs = _identical_groups(items)
    for (left, right), count in shared.items():
        smaller = min(len(items[left].values), len(items[right].values))
        if count >= CANDIDATE_SHARE * smaller and items[left].id != items[right].id:
            pairs.add((left, right))
    return pairs


def near_duplicates(documents: Sequence[SearchDocument], *, threshold: float = 0.8) -> list[NearDuplicate]:
    """Return pairs of different cases with a narrative pair at least `threshold` similar.

    The score is the estimated Jaccard similarity of 4-word shingles of analysed text; each
    case pair appears once (its most similar narratives), best first, then by ids.
    """
    return pairs_from_sketches(sketches(documents), threshold=threshold)


def pairs_from_sketches(items: Sequence[Sketch], *, threshold: float = 0.8) -> list[NearDuplicate]:
    """near_duplicates() from sketches made earlier, possibly in other processes."""
    best: dict[tuple[str, str], NearDuplicate] = {}
    for left, right in candidate_pairs(items):
        score = round(estimate(items[left].values, items[right].values), SCORE_DIGITS)
        if score < threshold:
            continue
        first, second = sorted((items[left], items[right]), key=lambda item: (item.id, item.lang))
        pair = (first.id, second.id)
        found = NearDuplicate(first.id, second.id, score, first.lang, second.lang)
        current = best.get(pair)
        if current is None or (-found.score, found.first_lang, found.second_lang) < (
            -current.score,
            current.first_lang,
            current.second_lang,
        ):
            best[pair] = found
    return sorted(best.values(), key=lambda item: (-item.score, item.first, item.second))
