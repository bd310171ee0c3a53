"""Query planning: the words of a query become clauses of alternatives, looked up in the index.

A query becomes one clause per word; a clause lists the word's alternatives (its index terms in
the title, summary and body fields of every language and in the labels field, the index terms
its last word begins, the narratives of the languages it is a stop word of, the terms of the
word run together with its neighbour (`e governance` finds `egovernance`), and the narratives
with a facet value the word is part of a name of (`Uttar Pradesh`, `UP`, `यूपी`)).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from whoosh import query as wq

from search_index.analysis.analyser import Analyser
from search_index.facet_names import NameTable, Recognised, recognise
from search_index.fields import LABELS_FIELD, OTHER_LANGUAGE, facet_field, field_language
from search_index.lexicon.keys import (
    allowed_typos,
    edit_distance,
    roman_keys,
    stem_distance,
    stem_keys,
    typo_keys,
)
from search_index.ranking import (
    LABELS_BOOST,
    MAX_QUERY_WORDS,
    MIN_PREFIX_CHARS,
    PART_BOOSTS,
    PREFIX_EXPANSIONS,
    PREFIX_WEIGHT,
    ROMAN_CANDIDATES,
    ROMAN_WEIGHT,
    TYPO_CANDIDATES,
    TYPO_WEIGHT,
)

# Looks up lexicon keys: {key: index terms filed under it} for the keys it has.
Lookup = Callable[[Sequence[str]], Mapping[str, Sequence[str]]]


def no_lexicon(keys: Sequence[str]) -> Mapping[str, Sequence[str]]:
    """Look up nothing (an index without a lexicon)."""
    return {}


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
    """The clauses of the words (any alternative of each), what snippets mark, and named facets.

    `words` are the folded words of the clauses (stop words left out), `recognised` the facet
    values the query names (positions in `words`), `query_words` every folded word of the query,
    `corrections` the nearest index term of each word that matched only through typos.
    """

    clauses: tuple[Clause, ...]
    terms: Mapping[str, frozenset[str]]
    prefix: str
    words: tuple[str, ...] = ()
    recognised: tuple[Recognised, ...] = ()
    query_words: tuple[str, ...] = ()
    corrections: Mapping[str, str] = field(default_factory=dict)

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


def present_languages(reader: Any) -> list[str]:
    """Return the field languages of the narratives in the index, sorted."""
    codes = {raw.decode("utf-8") for raw in reader.lexicon("lang")}
    return sorted({field_language(code) for code in codes})


class Planner:
    """Builds the clauses of one search against one open reader."""

    def __init__(
        self,
        reader: Any,
        languages: Sequence[str],
        names: NameTable | None = None,
        lookup: Lookup = no_lexicon,
    ) -> None:
        self.reader = reader
        self.languages = languages
        self.names: NameTable = names or {}
        self.lookup = lookup
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

    def _fields(self) -> list[tuple[str, float, str | None]]:
        """Return (field, boost, language or None for the labels) of every field a word is looked up in."""
        fields: list[tuple[str, float, str | None]] = [
            (f"{part}_{lang}", boost, lang) for lang in self.languages for part, boost in PART_BOOSTS
        ]
        fields.append((LABELS_FIELD, LABELS_BOOST, None))
        return fields

    def _word_terms(self, word: str, lang: str | None) -> tuple[str, ...]:
        """Return the index terms of a folded word in a language's fields (None: the labels)."""
        return self.labels.word_terms(word) if lang is None else self.analysers[lang].word_terms(word)

    def joined_alternatives(self, word: str) -> list[Alternative]:
        """Return the alternatives of two query words run together (`e` + `governance`)."""
        found: list[Alternative] = []
        for fieldname, boost, lang in self._fields():
            found += self._terms(fieldname, self._word_terms(word, lang), boost)
        return found

    def forgiving_terms(self, word: str) -> tuple[list[str], list[str]]:
        """Return the terms a word with no term of its own matches by romanisation and within its typos."""
        romans = roman_keys(word)
        typos = allowed_typos(word)
        own = sorted({term for lang in [*self.languages, None] for term in self._word_terms(word, lang)})
        typo_keyed = [key for term in own for key in typo_keys(term, typos)] + stem_keys(word, typos)
        keys = romans + typo_keyed if typos else romans
        found = self.lookup(list(dict.fromkeys(keys))) if keys else {}
        # The lexicon lists a key's terms most frequent first: the first few of the keys in order.
        roman = list(dict.fromkeys(term for key in romans for term in found.get(key, ())))[:ROMAN_CANDIDATES]
        near: dict[str, int] = {}
        # A word that reads as romanised Indic or Urdu is not an English word misspelt.
        for key in dict.fromkeys(typo_keyed) if typos and not roman else ():
            for candidate in found.get(key, ()):
                distance = min(
                    [stem_distance(word, candidate, typos)]
                    + [edit_distance(term, candidate, typos) for term in own]
                )
                if distance <= typos:
                    near[candidate] = min(distance, near.get(candidate, distance))
        nearest = sorted(near, key=lambda candidate: (near[candidate], candidate))[:TYPO_CANDIDATES]
        return roman, nearest

    def word_clause(
        self, word: str, is_last: bool, seen: dict[str, set[str]], corrections: dict[str, str], named: bool
    ) -> Clause | None:
        """Return the clause one word adds, or None when it constrains nothing (a stop word).

        A word with no index term of its own records its nearest term in `corrections`.
        """
        alternatives: list[Alternative] = []
        stop_languages: list[str] = []
        fields = self._fields()
        use_prefix = is_last and len(word) >= MIN_PREFIX_CHARS
        prefixed = self.prefix_terms(word, [name for name, _, _ in fields]) if use_prefix else []
        for index, (fieldname, boost, lang) in enumerate(fields):
            terms = self._word_terms(word, lang)
            if lang is not None and index % len(PART_BOOSTS) == 0:
                if not terms:
                    stop_languages.append(lang)
                seen[lang].update(terms)
            alternatives += self._terms(fieldname, terms, boost)
            alternatives += self._terms(fieldname, prefixed, boost * PREFIX_WEIGHT)
        label_terms = self.labels.word_terms(word)
        if len(stop_languages) == len(self.languages) and not label_terms:
            return None
        # Only a word found nowhere (and not part of a recognised name) is read as romanised or
        # misspelt: a word the index has is what the reader meant, and looking further costs
        # the browser requests for every ordinary word.
        roman, nearest = ([], []) if alternatives or named else self.forgiving_terms(word)
        for fieldname, boost, _ in fields:
            alternatives += self._terms(fieldname, roman, boost * ROMAN_WEIGHT)
            alternatives += self._terms(fieldname, nearest, boost * TYPO_WEIGHT)
        for lang in self.languages:
            seen[lang].update(roman + nearest)
        if nearest:
            corrections[word] = nearest[0]
        # A stop word of one language must not exclude that language's narratives.
        alternatives += [
            Alternative("lang", lang, constant=True) for lang in stop_languages if lang != OTHER_LANGUAGE
        ]
        # No alternative at all: the word occurs nowhere, so nothing matches.
        return tuple(alternatives)

    def _named(self, recognised: Sequence[Recognised], index: int) -> list[Alternative]:
        """Return the alternatives of the facet values whose names word `index` is part of."""
        return [
            Alternative(facet_field(item.key), item.value, constant=True)
            for item in recognised
            if item.start <= index < item.end
            and self.reader.doc_frequency(facet_field(item.key), item.value) > 0
        ]

    def plan(self, text: str) -> QueryPlan | None:
        """Return the plan for the query text, or None when it has no searchable word."""
        query_words = self.labels.folded_words(text)[:MAX_QUERY_WORDS]
        seen: dict[str, set[str]] = {lang: set() for lang in self.languages}
        recognised = recognise(query_words, text, self.names)
        clauses: list[list[Alternative]] = []
        kept: list[int] = []
        letters: set[int] = set()
        corrections: dict[str, str] = {}
        for index, word in enumerate(query_words):
            named = self._named(recognised, index)
            # A single letter of a recognised name (the U of U.P., the e of e governance) stands
            # for the name only: as a word of its own it would match nearly every narrative.
            if len(word) == 1 and named:
                letters.add(index)
            is_last = index == len(query_words) - 1
            clause = (
                None if index in letters else self.word_clause(word, is_last, seen, corrections, bool(named))
            )
            if clause is not None or named:
                clauses.append([*(clause or ()), *named])
                kept.append(index)
        if not clauses:
            return None
        self._join_neighbours(clauses, kept, letters, query_words)
        return QueryPlan(
            clauses=tuple(tuple(clause) for clause in clauses),
            terms={lang: frozenset(found) for lang, found in seen.items()},
            prefix=query_words[-1] if len(query_words[-1]) >= MIN_PREFIX_CHARS else "",
            words=tuple(query_words[index] for index in kept),
            recognised=_renumbered(recognised, kept),
            query_words=tuple(query_words),
            corrections=corrections,
        )

    def _join_neighbours(
        self, clauses: list[list[Alternative]], kept: list[int], letters: set[int], words: list[str]
    ) -> None:
        """Add to both clauses of two neighbouring words the terms of the two run together."""
        for position in range(len(kept) - 1):
            first, second = kept[position], kept[position + 1]
            # Letters of one name (U.P.) are not a word written apart (e governance = egovernance).
            if second == first + 1 and not {first, second} <= letters:
                joined = self.joined_alternatives(words[first] + words[second])
                clauses[position] += joined
                clauses[position + 1] += joined


def _renumbered(recognised: Sequence[Recognised], kept: list[int]) -> tuple[Recognised, ...]:
    """Return the recognitions with query-word positions turned into positions among the kept words."""
    positions = {index: position for position, index in enumerate(kept)}
    return tuple(
        Recognised(item.key, item.value, positions[item.start], positions[item.end - 1] + 1)
        for item in recognised
        if item.start in positions and item.end - 1 in positions
    )
