"""Query planning: the words of a query become clauses of alternatives, looked up in the index.

A query becomes one clause per word; a clause lists the word's alternatives (its index terms in
the title, summary and body fields of every language and in the labels field, the index terms
its last word begins, and the narratives of the languages it is a stop word of).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq

from search_index.analysis.analyser import Analyser
from search_index.fields import LABELS_FIELD, OTHER_LANGUAGE, field_language
from search_index.ranking import (
    LABELS_BOOST,
    MIN_PREFIX_CHARS,
    PART_BOOSTS,
    PREFIX_EXPANSIONS,
    PREFIX_WEIGHT,
)


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


def present_languages(reader: Any) -> list[str]:
    """Return the field languages of the narratives in the index, sorted."""
    codes = {raw.decode("utf-8") for raw in reader.lexicon("lang")}
    return sorted({field_language(code) for code in codes})


class Planner:
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
