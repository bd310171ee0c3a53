"""Scoring a plan's matches in one pass over the postings, to the bit as whoosh scores them.

Each score is the one whoosh gives for `QueryPlan.whoosh_query()` (the tests compare them): its
BM25F arithmetic, with the global statistics of the whole index, added up in the order its
matchers add the parts. whoosh's own search reads every posting through several layers of
Python calls, and a second time for the facet counts.

When no narrative matches every word, the narratives that match some of them are scored
instead (`partial_scores`): the words' scores added in query order, times the share of the
words matched (a coordination factor, as in classic Lucene), with the set of words each one
matched. whoosh has no such query; the browser engine computes the same sums.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from search_index.index.whoosh_internals import (
    MatcherOrder,
    Postings,
    bm25_weight,
    field_lengths,
    read_postings,
)
from search_index.query.matches import SegmentMatches
from search_index.query.planning import Alternative, Clause, QueryPlan
from search_index.ranking import K1, STOP_WORD_SCORE, B


class SegmentScorer:
    """Scores the matches of a plan in one segment as whoosh's matchers would."""

    def __init__(self, top: Any, leaf: Any) -> None:
        self.top = top
        self.reader = leaf.reader()
        self.order = MatcherOrder(self.reader)
        self.length_readers: dict[str, Callable[[int], int]] = {}

    def length_reader(self, fieldname: str) -> Callable[[int], int]:
        """Return a function giving a document's length of the field (made once per field)."""
        if fieldname not in self.length_readers:
            self.length_readers[fieldname] = field_lengths(self.reader, fieldname)
        return self.length_readers[fieldname]

    def postings(self, fieldname: str, text: str) -> Postings:
        """Return the documents (not deleted) holding a term and the term's weight in each."""
        btext = text.encode("utf-8")
        if (fieldname, btext) not in self.reader:
            return [], []
        return read_postings(self.reader, fieldname, btext)

    def documents(self, terms: Iterable[tuple[str, str]]) -> set[int]:
        """Return the documents holding every one of the (field, term) pairs."""
        found: set[int] | None = None
        for fieldname, text in terms:
            ids = set(self.postings(fieldname, text)[0])
            found = ids if found is None else found & ids
        return set() if found is None else found

    def alternative(self, item: Alternative, postings: Postings, matched: set[int]) -> dict[int, float]:
        """Return the score of an alternative in each of the `matched` documents it occurs in."""
        ids, weights = postings
        if item.constant:
            return dict.fromkeys((docnum for docnum in ids if docnum in matched), STOP_WORD_SCORE)
        btext = item.text.encode("utf-8")
        # Global statistics, as whoosh's BM25FScorer takes them from the top searcher.
        idf = self.top.idf(item.fieldname, btext)
        average = self.top.avg_field_length(item.fieldname) or 1
        length_of = self.length_reader(item.fieldname)
        boost = item.boost
        # A score depends on (weight, length) only, and few pairs occur: compute each once.
        known: dict[tuple[float, int], float] = {}
        scores: dict[int, float] = {}
        for docnum, weight in zip(ids, weights, strict=True):
            if docnum not in matched:
                continue
            length = length_of(docnum)
            score = known.get((weight, length))
            if score is None:
                score = bm25_weight(idf, weight, length, average, B, K1)
                # whoosh wraps (and multiplies) only boosts other than 1.
                if boost != 1.0:
                    score = score * boost
                known[(weight, length)] = score
            scores[docnum] = score
        return scores

    def clause(self, clause: Clause, postings: Sequence[Postings], matched: set[int]) -> dict[int, float]:
        """Return the score of a word in each of the `matched` documents."""
        parts = [self.alternative(item, found, matched) for item, found in zip(clause, postings, strict=True)]
        return self.order.or_sum(clause, parts)

    def _matched(
        self, clauses: Sequence[Clause], required: Sequence[tuple[str, str]]
    ) -> tuple[set[int], list[list[Postings]]]:
        """Return the documents matching every clause and holding the `required` terms, and the postings."""
        matched = self.documents(required) if required else None
        postings = []
        for clause in clauses:
            found = [self.postings(item.fieldname, item.text) for item in clause]
            holders = set().union(*(ids for ids, _ in found))
            matched = holders if matched is None else matched & holders
            if not matched:
                return set(), []
            postings.append(found)
        return matched or set(), postings

    def partial_scores(
        self, clauses: Sequence[Clause], required: Sequence[tuple[str, str]]
    ) -> tuple[dict[int, float], dict[int, int]]:
        """Return the coordinated score and matched-words bit mask of every document matching a clause."""
        allowed = self.documents(required) if required else None
        postings = [[self.postings(item.fieldname, item.text) for item in clause] for clause in clauses]
        holders = [set().union(*(ids for ids, _ in found)) for found in postings]
        if allowed is not None:
            holders = [found & allowed for found in holders]
        totals: dict[int, float] = {}
        masks: dict[int, int] = {}
        for number, (clause, found) in enumerate(zip(clauses, postings, strict=True)):
            if not holders[number]:
                continue
            for docnum, score in self.clause(clause, found, holders[number]).items():
                totals[docnum] = totals[docnum] + score if docnum in totals else score
                masks[docnum] = masks.get(docnum, 0) | (1 << number)
        share = {count: count / len(clauses) for count in range(len(clauses) + 1)}
        scores = {docnum: total * share[masks[docnum].bit_count()] for docnum, total in totals.items()}
        return scores, masks

    def scores(self, clauses: Sequence[Clause], required: Sequence[tuple[str, str]]) -> dict[int, float]:
        """Return the score of every document that matches all clauses and has all `required` terms."""
        # The matching documents come first (postings only); lengths are read and scores
        # computed for those alone.
        matched, postings = self._matched(clauses, required)
        if not matched:
            return {}
        parts = [self.clause(clause, found, matched) for clause, found in zip(clauses, postings, strict=True)]
        return self.order.and_sum(clauses, parts, matched)


def score_segments(
    searcher: Any, plan: QueryPlan, required: Sequence[tuple[str, str]]
) -> list[SegmentMatches]:
    """Return the scored matches of the plan in every segment, among narratives with all `required` terms.

    Narratives matching every word when there are any; else those matching some (with masks).
    """
    found = []
    for leaf, offset in searcher.leaf_searchers():
        scorer = SegmentScorer(searcher, leaf)
        scores = scorer.scores(plan.clauses, required)
        if scores:
            found.append(SegmentMatches(offset, scores, scorer.reader))
    if found or len(plan.clauses) < 2:
        return found
    for leaf, offset in searcher.leaf_searchers():
        scorer = SegmentScorer(searcher, leaf)
        scores, masks = scorer.partial_scores(plan.clauses, required)
        if scores:
            found.append(SegmentMatches(offset, scores, scorer.reader, masks))
    return found
