"""Related case studies: more-like-this over each case's narratives, from the index."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from search_index.schema import text_field
from search_index.storage import open_current

# Terms of a narrative used to find similar ones: its most characteristic (tf·idf) terms.
QUERY_TERMS = 30
# A term found in more than this share of a language's narratives says nothing about similarity.
MAX_DOCUMENT_SHARE = 0.2
BM25_K1 = 1.2
BM25_B = 0.75
SCORE_DIGITS = 9


class RelatedFinder:
    """Scores narratives against each other on the body fields of one open reader."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self._ids = reader.column_reader("id")
        self._langs = reader.column_reader("lang")
        self._key_terms = reader.column_reader("key_terms")
        self._postings: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self._lengths: dict[tuple[int, str], int] = {}
        self._language_sizes: dict[str, int] = {}

    def _language_size(self, lang: str) -> int:
        """Return the number of narratives in `lang`."""
        if lang not in self._language_sizes:
            self._language_sizes[lang] = int(self.reader.doc_frequency("lang", lang))
        return self._language_sizes[lang]

    def _postings_of(self, fieldname: str, term: str) -> list[tuple[int, int]]:
        """Return (docnum, term frequency) of the live narratives containing `term`."""
        key = (fieldname, term)
        if key not in self._postings:
            found: list[tuple[int, int]] = []
            if self.reader.doc_frequency(fieldname, term) > 0:
                matcher = self.reader.postings(fieldname, term)
                found = [
                    (docnum, int(freq))
                    for docnum, freq in matcher.items_as("frequency")
                    if not self.reader.is_deleted(docnum)
                ]
            self._postings[key] = found
        return self._postings[key]

    def _length(self, docnum: int, fieldname: str) -> int:
        """Return the number of terms of the field in one narrative."""
        key = (docnum, fieldname)
        if key not in self._lengths:
            self._lengths[key] = int(self.reader.doc_field_length(docnum, fieldname, 0))
        return self._lengths[key]

    def narratives(self, case_id: str) -> list[int]:
        """Return the live document numbers of a case's narratives."""
        if self.reader.doc_frequency("id", case_id) == 0:
            return []
        matcher = self.reader.postings("id", case_id)
        return [docnum for docnum in matcher.all_ids() if not self.reader.is_deleted(docnum)]

    def _query_terms(self, docnum: int, fieldname: str, size: int) -> list[tuple[str, float]]:
        """Return the narrative's most characteristic terms with their idf."""
        blob: bytes = self._key_terms[docnum] or b""
        weighted = []
        for line in blob.decode("utf-8").splitlines():
            term, _, count = line.rpartition("\t")
            frequency = self.reader.doc_frequency(fieldname, term)
            if frequency == 0 or frequency > max(2, MAX_DOCUMENT_SHARE * size):
                continue
            idf = math.log(1 + size / frequency)
            weighted.append((term, (1 + math.log(int(count))) * idf, idf))
        weighted.sort(key=lambda item: (-item[1], item[0]))
        return [(term, idf) for term, _, idf in weighted[:QUERY_TERMS]]

    def _scores(self, docnum: int) -> dict[int, float]:
        """Return BM25-like scores of other narratives against one narrative, self-normalised."""
        lang: str = self._langs[docnum]
        fieldname = text_field("body", lang)
        size = max(1, self._language_size(lang))
        average = max(1.0, self.reader.field_length(fieldname) / size)
        scores: dict[int, float] = {}
        for term, idf in self._query_terms(docnum, fieldname, size):
            for other, frequency in self._postings_of(fieldname, term):
                norm = 1 - BM25_B + BM25_B * self._length(other, fieldname) / average
                gain = idf * frequency * (BM25_K1 + 1) / (frequency + BM25_K1 * norm)
                scores[other] = scores.get(other, 0.0) + gain
        own = scores.pop(docnum, 0.0)
        if own <= 0:
            return {}
        return {other: score / own for other, score in scores.items()}

    def related(self, case_id: str, limit: int) -> tuple[str, ...]:
        """Return up to `limit` other case ids most similar to `case_id`, best first."""
        best: dict[str, float] = {}
        for docnum in self.narratives(case_id):
            for other, score in self._scores(docnum).items():
                other_id: str = self._ids[other]
                if other_id != case_id and score > best.get(other_id, 0.0):
                    best[other_id] = score
        ranked = sorted(best.items(), key=lambda item: (-round(item[1], SCORE_DIGITS), item[0]))
        return tuple(case for case, _ in ranked[: max(0, limit)])


def _case_ids(reader: Any) -> list[str]:
    """Return the ids of the cases with at least one live narrative, sorted."""
    ids = reader.column_reader("id")
    return sorted({ids[docnum] for docnum in reader.all_doc_ids()})


def related_cases(directory: Path, case_id: str, *, limit: int = 5) -> tuple[str, ...]:
    """Return the ids of the cases most similar to `case_id` (never itself), best first.

    Similarity is more-like-this over each narrative's characteristic terms, compared with
    narratives in the same language; ties are broken by case id. An unknown id gives ().
    """
    ix = open_current(Path(directory))
    try:
        with ix.reader() as reader:
            return RelatedFinder(reader).related(case_id, limit)
    finally:
        ix.close()


def related_cases_all(
    directory: Path, case_ids: Iterable[str] | None = None, *, limit: int = 5
) -> dict[str, tuple[str, ...]]:
    """Return related_cases for many cases (all by default) at once, reading the index once."""
    ix = open_current(Path(directory))
    try:
        with ix.reader() as reader:
            finder = RelatedFinder(reader)
            wanted = _case_ids(reader) if case_ids is None else sorted(set(case_ids))
            return {case_id: finder.related(case_id, limit) for case_id in wanted}
    finally:
        ix.close()
