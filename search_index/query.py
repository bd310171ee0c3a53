"""Searching the index: plain words (all required, the last also as a prefix), filters, facets.

A query becomes one clause per word; a clause lists the word's alternatives (its index terms in
the title, summary and body fields of every language and in the labels field, the index terms
its last word begins, and the narratives of the languages it is a stop word of). Matches are
scored in one pass over the postings of those terms, with whoosh's BM25F arithmetic and in the
order whoosh's matchers add the parts up, so each score is the one whoosh gives for
`QueryPlan.whoosh_query()` (the tests compare them). whoosh's own search reads every posting
through several layers of Python calls, and a second time for the facet counts.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from types import MappingProxyType
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.columns import NumericColumn
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F, bm25
from whoosh.util import make_weighted_tree
from whoosh.util.numeric import byte_to_length

from search_index.analysis import Analyser
from search_index.documents import FACET_KEYS, clean_value
from search_index.errors import UnknownFacet
from search_index.index import FACET_SEPARATOR
from search_index.mapped_storage import open_mapped
from search_index.schema import (
    FACET_PREFIX,
    LABELS_BOOST,
    LABELS_FIELD,
    OTHER_LANGUAGE,
    PART_BOOSTS,
    field_language,
)
from search_index.snippets import Marker

EMPTY_FILTERS: Mapping[str, str] = MappingProxyType({})
# The last word also matches words it begins, once it has this many characters.
MIN_PREFIX_CHARS = 2
# At most this many index terms stand in for a prefix: the first in index order among the
# fields searched (the browser reads them from one run of its term-ordered shards).
PREFIX_EXPANSIONS = 40
# A prefix match counts a little less than a whole-word match.
PREFIX_WEIGHT = 0.7
# whoosh's BM25F with its defaults (B 0.75, K1 1.2) for every field.
WEIGHTING = BM25F()
# whoosh scores ConstantScoreQuery(q, 0.0) as 1.0 (its ListMatcher reads the weight 0.0 as "not
# given"), so a narrative matched through a stop word of its language gets 1.0 for that word.
STOP_WORD_SCORE = 1.0
# whoosh adds up an Or's alternatives in their order in one array in segments of at most this
# many documents, and through a tree of unions in larger ones (whoosh.query.compound.Or).
ARRAY_UNION_MAX_DOCS = 5000


@dataclass(frozen=True)
class Hit:
    """One matching case study (its best-scoring narrative)."""

    id: str
    lang: str
    title: str
    score: float
    snippet: str
    url: str
    facets: Mapping[str, tuple[str, ...]]

    def as_dict(self) -> dict[str, Any]:
        """Return the hit as JSON-ready values."""
        return {
            "facets": {key: list(values) for key, values in sorted(self.facets.items())},
            "id": self.id,
            "lang": self.lang,
            "score": self.score,
            "snippet": self.snippet,
            "title": self.title,
            "url": self.url,
        }


@dataclass(frozen=True)
class SearchResults:
    """Hits of one query, the number of matching cases and facet counts over all of them.

    Snippets mark matched words as [[word]]; marker look-alikes in the text are broken up.
    """

    query: str
    total: int
    hits: tuple[Hit, ...] = ()
    facets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Return the results as JSON-ready values."""
        return {
            "facets": {key: dict(counts) for key, counts in sorted(self.facets.items())},
            "hits": [hit.as_dict() for hit in self.hits],
            "query": self.query,
            "total": self.total,
        }


@dataclass(frozen=True)
class Alternative:
    """One way a word matches: an index term in a field, or (constant) every narrative of a language."""

    fieldname: str
    text: str
    boost: float = 1.0
    constant: bool = False

    def whoosh_query(self) -> Any:
        """Return the whoosh query of this alternative."""
        if self.constant:
            return wq.ConstantScoreQuery(wq.Term(self.fieldname, self.text), 0.0)
        return wq.Term(self.fieldname, self.text, boost=self.boost)


Clause = tuple[Alternative, ...]


@dataclass(frozen=True)
class QueryPlan:
    """The clauses of the words (all required; any alternative of each), and what snippets mark."""

    clauses: tuple[Clause, ...]
    terms: Mapping[str, frozenset[str]]
    prefix: str

    def whoosh_query(self) -> Any:
        """Return the whoosh query whose matches and scores the one-pass scoring reproduces."""
        return wq.And(
            [
                wq.Or([item.whoosh_query() for item in clause]) if clause else wq.NullQuery
                for clause in self.clauses
            ]
        )


@functools.lru_cache(maxsize=64)
def shared_analyser(lang: str | None) -> Analyser:
    """Return this process's analyser of `lang` (its memo of word terms serves every search)."""
    return Analyser(lang)


class _Planner:
    """Builds the clauses of one search against one open reader."""

    def __init__(self, reader: Any, languages: Sequence[str]) -> None:
        self.reader = reader
        self.languages = languages
        self.analysers = {lang: shared_analyser(lang) for lang in languages}
        self.labels = shared_analyser(None)

    def _terms(self, fieldname: str, terms: Sequence[str], boost: float) -> list[Alternative]:
        """Return the alternatives of the terms that occur in the field."""
        return [
            Alternative(fieldname, term, boost)
            for term in terms
            if self.reader.doc_frequency(fieldname, term) > 0
        ]

    def prefix_terms(self, prefix: str, fieldnames: Sequence[str]) -> list[str]:
        """Return the first PREFIX_EXPANSIONS index terms of any of the fields starting with `prefix`."""
        found: set[str] = set()
        for fieldname in fieldnames:
            for count, raw in enumerate(self.reader.expand_prefix(fieldname, prefix)):
                if count >= PREFIX_EXPANSIONS:
                    break
                found.add(raw.decode("utf-8"))
        return sorted(found, key=lambda term: term.encode("utf-8"))[:PREFIX_EXPANSIONS]

    def word_clause(self, word: str, is_last: bool, seen: dict[str, set[str]]) -> Clause | None:
        """Return the clause one word adds, or None when it constrains nothing (a stop word)."""
        alternatives: list[Alternative] = []
        stop_languages: list[str] = []
        fields = [(f"{part}_{lang}", boost) for lang in self.languages for part, boost in PART_BOOSTS]
        fields.append((LABELS_FIELD, LABELS_BOOST))
        use_prefix = is_last and len(word) >= MIN_PREFIX_CHARS
        prefixed = self.prefix_terms(word, [name for name, _ in fields]) if use_prefix else []
        for index, (fieldname, boost) in enumerate(fields):
            lang = self.languages[index // len(PART_BOOSTS)] if fieldname != LABELS_FIELD else None
            terms = self.labels.word_terms(word) if lang is None else self.analysers[lang].word_terms(word)
            if lang is not None and index % len(PART_BOOSTS) == 0:
                if not terms:
                    stop_languages.append(lang)
                seen[lang].update(terms)
            alternatives += self._terms(fieldname, terms, boost)
            alternatives += self._terms(fieldname, prefixed, boost * PREFIX_WEIGHT)
        label_terms = self.labels.word_terms(word)
        if len(stop_languages) == len(self.languages) and not label_terms:
            return None
        # A stop word of one language must not exclude that language's narratives.
        alternatives += [
            Alternative("lang", lang, constant=True) for lang in stop_languages if lang != OTHER_LANGUAGE
        ]
        # No alternative at all: the word occurs nowhere, so nothing matches.
        return tuple(alternatives)

    def plan(self, text: str) -> QueryPlan | None:
        """Return the plan for the query text, or None when it has no searchable word."""
        query_words = self.labels.folded_words(text)
        seen: dict[str, set[str]] = {lang: set() for lang in self.languages}
        clauses = []
        for index, word in enumerate(query_words):
            clause = self.word_clause(word, index == len(query_words) - 1, seen)
            if clause is not None:
                clauses.append(clause)
        if not clauses:
            return None
        prefix = query_words[-1] if len(query_words[-1]) >= MIN_PREFIX_CHARS else ""
        terms = {lang: frozenset(found) for lang, found in seen.items()}
        return QueryPlan(clauses=tuple(clauses), terms=terms, prefix=prefix)


def _present_languages(reader: Any) -> list[str]:
    """Return the field languages of the narratives in the index, sorted."""
    codes = {raw.decode("utf-8") for raw in reader.lexicon("lang")}
    return sorted({field_language(code) for code in codes})


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


def _filter_terms(
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


class _Stand:
    """Stands in for a whoosh matcher while whoosh's tree builder pairs matchers up.

    whoosh orders the matchers of an And or Or by estimated size and breaks ties by comparing
    the matchers, which compare by class only (one class: equal; a class is less than its
    subclasses). The stand-ins repeat the classes that make a difference, so the tree, and
    with it the order of additions, is whoosh's.
    """

    def __init__(self, *parts: Any) -> None:
        # One index into the parts being combined, or two stand-ins combined.
        self.parts = parts

    def __eq__(self, other: object) -> bool:
        """Equal when of one class (as whoosh.matching.Matcher)."""
        return self.__class__ is type(other)

    def __hash__(self) -> int:
        """Hash by class, consistent with equality."""
        return hash(self.__class__)

    def __lt__(self, other: object) -> bool:
        """As whoosh.matching.Matcher."""
        return type(other) is self.__class__

    def __gt__(self, other: object) -> bool:
        """As whoosh.matching.Matcher (Python asks a subclass's __gt__ before a base's __lt__)."""
        return not (self.__lt__(other) or self.__eq__(other))


class _Plain(_Stand):
    """A matcher of a class unrelated to the others (posting list, list, empty, array union)."""


class _Boosted(_Stand):
    """whoosh's WrappingMatcher: a term with a boost other than 1."""


class _Filtered(_Boosted):
    """whoosh's FilterMatcher (a WrappingMatcher subclass): an unboosted term in a segment with deletions."""


class _Union(_Stand):
    """whoosh's UnionMatcher."""


class _Intersection(_Stand):
    """whoosh's IntersectionMatcher."""


def _union(node: _Stand, parts: Sequence[dict[int, float]]) -> dict[int, float]:
    """Return the scores of a union tree: a document's parts added up as the tree pairs them."""
    if len(node.parts) == 1:
        found: dict[int, float] = parts[node.parts[0]]
        return found
    left = _union(node.parts[0], parts)
    merged = dict(left)
    for docnum, score in _union(node.parts[1], parts).items():
        merged[docnum] = left[docnum] + score if docnum in left else score
    return merged


def _intersection(node: _Stand, parts: Sequence[dict[int, float]], docnum: int) -> float:
    """Return a document's score in an intersection tree (it is in every part)."""
    if len(node.parts) == 1:
        score: float = parts[node.parts[0]][docnum]
        return score
    return _intersection(node.parts[0], parts, docnum) + _intersection(node.parts[1], parts, docnum)


Postings = tuple[list[int], list[float]]


def _read_blocks(matcher: Any, ids: list[int], weights: list[float]) -> None:
    """Append a posting list's documents and weights a block at a time, to its end.

    whoosh has no public way to read postings in bulk; one at a time they cost four Python calls
    each. This reads the blocks whoosh's own W3LeafMatcher.id() and .weight() read from
    (whoosh-reloaded 2.7.5 is pinned).
    """
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.extend(matcher._ids)
        weights.extend(matcher._weights)
        matcher._next_block()


# The field length each stored length byte stands for (whoosh keeps lengths in one byte).
_BYTE_LENGTHS = tuple(byte_to_length(byte) for byte in range(256))


def _length_bytes(reader: Any, fieldname: str) -> bytes | None:
    """Return the byte whoosh stores for a field's length in each document, or None.

    doc_field_length() reads this one-byte-per-document column a byte at a time, through five
    Python calls each; this reads it whole. It relies on the W3 codec's layout (whoosh-reloaded
    2.7.5 is pinned) and returns None for any other, which is then read the slow way.
    """
    cached_reader = getattr(getattr(reader, "_perdoc", None), "_cached_reader", None)
    if cached_reader is None:
        return None
    column = cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if type(column) is not NumericColumn.Reader or column._fixedlen != 1:
        return None
    found: bytes = column._dbfile.get(column._basepos, column._count)
    # Documents past the column's end have the default byte, 0 (no such field).
    return found.ljust(reader.doc_count_all(), b"\0")


class _SegmentScorer:
    """Scores the matches of a plan in one segment as whoosh's matchers would."""

    def __init__(self, top: Any, leaf: Any) -> None:
        self.top = top
        self.reader = leaf.reader()
        self.deletions = self.reader.has_deletions()
        self.array_union = leaf.doc_count_all() <= ARRAY_UNION_MAX_DOCS
        self.length_readers: dict[str, Callable[[int], int]] = {}

    def length_reader(self, fieldname: str) -> Callable[[int], int]:
        """Return a function giving a document's length of the field, as whoosh's doc_field_length."""
        if fieldname not in self.length_readers:
            self.length_readers[fieldname] = self._length_reader(fieldname)
        return self.length_readers[fieldname]

    def _length_reader(self, fieldname: str) -> Callable[[int], int]:
        """Make the function length_reader() returns."""
        read = self.reader.doc_field_length
        stored = _length_bytes(self.reader, fieldname)
        if stored is not None:
            # Byte 0 (no such field: no posting has it) goes to whoosh, which answers None.
            return lambda docnum: _BYTE_LENGTHS[stored[docnum]] or read(docnum, fieldname, 1)
        known: dict[int, int] = {}

        def length(docnum: int) -> int:
            """Return the length, read once per document."""
            found = known.get(docnum)
            if found is None:
                found = known[docnum] = read(docnum, fieldname, 1)
            return found

        return length

    def postings(self, fieldname: str, text: str) -> Postings:
        """Return the documents (not deleted) holding a term and the term's weight in each."""
        btext = text.encode("utf-8")
        if (fieldname, btext) not in self.reader:
            return [], []
        matcher = self.reader.postings(fieldname, btext)
        if isinstance(matcher, FilterMatcher):
            # Reading beneath the deletion filter halves the Python calls per posting.
            matcher = matcher.child
        ids: list[int] = []
        weights: list[float] = []
        if type(matcher) is W3LeafMatcher:
            _read_blocks(matcher, ids, weights)
        # Other matchers (short lists kept in the terms file), one posting at a time.
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            matcher.next()
        if self.deletions:
            deleted = self.reader.deleted_docs_set
            kept = [index for index, docnum in enumerate(ids) if docnum not in deleted]
            ids = [ids[index] for index in kept]
            weights = [weights[index] for index in kept]
        return ids, weights

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
                score = bm25(idf, weight, length, average, WEIGHTING.B, WEIGHTING.K1)
                # whoosh wraps (and multiplies) only boosts other than 1.
                if boost != 1.0:
                    score = score * boost
                known[(weight, length)] = score
            scores[docnum] = score
        return scores

    def _stand(self, item: Alternative, index: int) -> _Stand:
        """Return the stand-in for the matcher whoosh makes for alternative `index` in this segment."""
        if item.constant or (item.fieldname, item.text.encode("utf-8")) not in self.reader:
            return _Plain(index)
        if item.boost != 1.0:
            return _Boosted(index)
        return _Filtered(index) if self.deletions else _Plain(index)

    def _size(self, item: Alternative) -> int:
        """Return whoosh's size estimate of an alternative (its document frequency here)."""
        size: int = self.reader.doc_frequency(item.fieldname, item.text)
        return size

    def _union_tree(self, clause: Clause) -> bool:
        """Return whether whoosh sums this clause through a tree of unions, not in order."""
        # Two alternatives also make a union, but a + b == b + a, as the in-order sum gives.
        return len(clause) < wq.Or.TOO_MANY_CLAUSES and len(clause) > 2 and not self.array_union

    def clause(self, clause: Clause, postings: Sequence[Postings], matched: set[int]) -> dict[int, float]:
        """Return the score of a word in each of the `matched` documents."""
        parts = [self.alternative(item, found, matched) for item, found in zip(clause, postings, strict=True)]
        if self._union_tree(clause):
            pairs = [(self._size(item), self._stand(item, index)) for index, item in enumerate(clause)]
            return _union(make_weighted_tree(_Union, pairs), parts)
        # whoosh's ArrayUnionMatcher adds each document's scores in the order of the alternatives.
        total = dict(parts[0])
        for part in parts[1:]:
            for docnum, score in part.items():
                total[docnum] = total[docnum] + score if docnum in total else score
        return total

    def _clause_stand(self, clause: Clause, index: int) -> _Stand:
        """Return the stand-in for the matcher whoosh makes for clause `index` in this segment."""
        if len(clause) == 1:
            return self._stand(clause[0], index)
        return _Union(index) if self._union_tree(clause) or len(clause) == 2 else _Plain(index)

    def _clause_size(self, clause: Clause) -> int:
        """Return whoosh's size estimate of a clause (an Or)."""
        return min(sum(self._size(item) for item in clause), int(self.reader.doc_count()))

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

    def scores(self, clauses: Sequence[Clause], required: Sequence[tuple[str, str]]) -> dict[int, float]:
        """Return the score of every document that matches all clauses and has all `required` terms."""
        # The matching documents come first (postings only); lengths are read and scores
        # computed for those alone.
        matched, postings = self._matched(clauses, required)
        if not matched:
            return {}
        parts = [self.clause(clause, found, matched) for clause, found in zip(clauses, postings, strict=True)]
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            first, second = parts
            return {docnum: first[docnum] + second[docnum] for docnum in matched}
        pairs = [
            (0 - self._clause_size(clause), self._clause_stand(clause, index))
            for index, clause in enumerate(clauses)
        ]
        tree = make_weighted_tree(_Intersection, pairs)
        return {docnum: _intersection(tree, parts, docnum) for docnum in matched}


@dataclass
class _SegmentMatches:
    """The matches in one segment (local document number to score) and the columns describing them.

    Columns are read untranslated: case ids and languages as UTF-8 bytes, which sort as the text.
    """

    offset: int
    scores: dict[int, float]
    reader: Any

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


def _matches(searcher: Any, plan: QueryPlan, required: Sequence[tuple[str, str]]) -> list[_SegmentMatches]:
    """Return the scored matches of the plan in every segment, among narratives with all `required` terms."""
    found = []
    for leaf, offset in searcher.leaf_searchers():
        scorer = _SegmentScorer(searcher, leaf)
        scores = scorer.scores(plan.clauses, required)
        if scores:
            found.append(_SegmentMatches(offset, scores, scorer.reader))
    return found


def _case_ids(matches: Sequence[_SegmentMatches]) -> dict[int, bytes]:
    """Return the case id of every match by global document number."""
    found: dict[int, bytes] = {}
    for segment in matches:
        ids = segment.ids
        offset = segment.offset
        for docnum in segment.scores:
            found[offset + docnum] = ids[docnum]
    return found


_FACET_SEPARATOR = FACET_SEPARATOR.encode("utf-8")


def _count_facets(
    matches: Sequence[_SegmentMatches], cases: Mapping[int, bytes]
) -> dict[str, dict[str, int]]:
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
            set(chain.from_iterable(blob.split(_FACET_SEPARATOR) for blob in found if blob))
            for found in blobs.values()
        )
    )
    facets: dict[str, dict[str, int]] = {}
    decoded = ((item.decode("utf-8"), count) for item, count in counts.items())
    for item, count in sorted(decoded, key=lambda pair: (-pair[1], pair[0])):
        key, _, value = item.partition("=")
        facets.setdefault(key, {})[value] = count
    return dict(sorted(facets.items()))


Tied = tuple[bytes, _SegmentMatches, int]


def _tie_order(tied: list[Tied]) -> list[Tied]:
    """Return matches of one score by case id, then language (read only if a case ties with itself)."""
    if len({case_id for case_id, _, _ in tied}) == len(tied):
        return sorted(tied, key=lambda item: item[0])
    return sorted(tied, key=lambda item: (item[0], item[1].langs[item[2]]))


def _ranked(
    matches: Sequence[_SegmentMatches], cases: Mapping[int, bytes]
) -> Iterator[tuple[float, bytes, int]]:
    """Yield (score, case id, document) of the matches by score (to 6 places), then case id and language."""
    tied: dict[float, list[Tied]] = {}
    for segment in matches:
        for docnum, score in segment.scores.items():
            tied.setdefault(round(score, 6), []).append((cases[segment.offset + docnum], segment, docnum))
    # Distinct scores sort as plain floats; the matches of one score are ordered when reached.
    for score in sorted(tied, reverse=True):
        for case_id, segment, docnum in _tie_order(tied[score]):
            yield score, case_id, segment.offset + docnum


def _hits(
    searcher: Any, matches: Sequence[_SegmentMatches], cases: Mapping[int, bytes], plan: QueryPlan, limit: int
) -> tuple[Hit, ...]:
    """Return the best `limit` cases, one narrative each, ordered by score then id and language."""
    hits: list[Hit] = []
    seen: set[bytes] = set()
    # One marker per language: hits in one language share most words (see Marker).
    markers: dict[str, Marker] = {}
    for score, case_id, docnum in _ranked(matches, cases):
        if len(hits) >= limit:
            break
        if case_id in seen:
            continue
        seen.add(case_id)
        stored = searcher.stored_fields(docnum)
        lang = stored["lang"]
        if lang not in markers:
            terms = plan.terms.get(field_language(lang), frozenset())
            markers[lang] = Marker(shared_analyser(lang), terms, plan.prefix)
        hits.append(
            Hit(
                id=stored["id"],
                lang=lang,
                title=stored["title"],
                score=round(score, 4),
                snippet=markers[lang].snippet((stored["body"], stored["summary"])),
                url=stored.get("url", ""),
                facets={key: tuple(values) for key, values in sorted(stored["facets"].items())},
            )
        )
    return tuple(hits)


def search(
    directory: Path,
    query: str,
    *,
    lang: str | None = None,
    filters: Mapping[str, str] = EMPTY_FILTERS,
    limit: int = 10,
) -> SearchResults:
    """Search the index in `directory`.

    Every word must match (in title, summary, body or taxonomy labels); the last word also
    matches as a prefix. Query syntax is not interpreted: `title:x OR *` is three plain words.
    `lang` restricts to narratives in that language; `filters` maps facet keys to values.
    """
    ix = open_mapped(Path(directory))
    try:
        return _search(ix, query, lang, filters, limit)
    finally:
        ix.close()


def _search(ix: Any, query: str, lang: str | None, filters: Mapping[str, str], limit: int) -> SearchResults:
    """Run one search against an open index."""
    with ix.searcher(weighting=WEIGHTING) as searcher:
        reader = searcher.reader()
        languages = _present_languages(reader)
        if lang is not None:
            languages = [code for code in languages if code == field_language(lang)]
        required = _filter_terms(reader, lang, filters)
        plan = _Planner(reader, languages).plan(query) if languages else None
        if plan is None or required is None:
            return SearchResults(query=query, total=0)
        matches = _matches(searcher, plan, required)
        cases = _case_ids(matches)
        facets = _count_facets(matches, cases)
        total = len(set(cases.values()))
        hits = _hits(searcher, matches, cases, plan, max(0, limit)) if total else ()
        return SearchResults(query=query, total=total, hits=hits, facets=facets)
