"""Per-language analysers: text in, index terms out (NFC, folding, stop words, stemming)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from search_index.analysis.folding import DIGIT, fold_word_end, script_table, text_folder
from search_index.analysis.language_data import NO_STEMMER, Rewrite, Stemmer, load_analysis_data
from search_index.analysis.stemming import SnowballWords, make_stemmer, stem_word
from search_index.analysis.tokens import words, words_and_compounds

# Distinct words remembered per analyser; past this the memo starts afresh (bounded memory).
MEMO_LIMIT = 200_000


@dataclass(frozen=True)
class WordRules:
    """The rules applied to one word: stop words (already folded), word-final folds, stemmer."""

    code: str
    stopwords: frozenset[str]
    word_final: tuple[Rewrite, ...]
    stemmer: Stemmer


GENERIC_RULES = WordRules(code="", stopwords=frozenset(), word_final=(), stemmer=NO_STEMMER)


@functools.lru_cache(maxsize=64)
def word_rules(code: str) -> WordRules:
    """Return the rules of language `code`, stop words folded like text (cached: immutable)."""
    data = load_analysis_data()
    rules = data.languages.get(code)
    if rules is None:
        return GENERIC_RULES
    folder = text_folder()
    stopwords = frozenset(fold_word_end(folder.fold(word), rules.word_final) for word in rules.stopwords)
    return WordRules(code=code, stopwords=stopwords, word_final=rules.word_final, stemmer=rules.stemmer)


def home_script(lang: str) -> str | None:
    """Return the script language `lang` is written in, or None when the language is unknown."""
    rules = load_analysis_data().languages.get(lang)
    return None if rules is None else rules.script


def known_languages() -> tuple[str, ...]:
    """Return the language codes the analysers know, sorted."""
    return tuple(sorted(load_analysis_data().languages))


class Analyser:
    """Turns text of one language into index terms, remembering the terms of each word.

    `lang=None` analyses each word by the default language of its script (used for the
    multilingual taxonomy labels); an unknown code gets folding only, no stop words or stems.
    """

    def __init__(self, lang: str | None) -> None:
        self.lang = lang
        self._folder = text_folder()
        self._scripts = script_table()
        self._home = None if lang is None else home_script(lang)
        self._unknown = lang is not None and self._home is None
        self._defaults = {script.name: script.default_language for script in load_analysis_data().scripts}
        self._memo: dict[str, tuple[str, ...]] = {}
        self._snowball: dict[str, SnowballWords | None] = {}

    def fold(self, text: str) -> str:
        """Return `text` normalised and folded (no tokenising)."""
        return self._folder.fold(text)

    def fold_nfc(self, text: str) -> str:
        """Return `text`, already in NFC, folded."""
        return self._folder.fold_nfc(text)

    def rules_for(self, word: str) -> WordRules:
        """Return the rules that apply to a folded `word` in this analyser's language."""
        if self._unknown:
            return GENERIC_RULES
        script = self._scripts.script_of(word)
        if script == DIGIT:
            return GENERIC_RULES
        if self.lang is not None and script == self._home:
            return word_rules(self.lang)
        return word_rules(self._defaults.get(script, ""))

    def _stemmer(self, rules: WordRules) -> SnowballWords | None:
        """Return this analyser's Snowball stemmer for `rules`, creating it once."""
        if rules.code not in self._snowball:
            self._snowball[rules.code] = make_stemmer(rules.stemmer)
        return self._snowball[rules.code]

    def _compute(self, word: str) -> tuple[str, ...]:
        """Return the index terms of one folded word (empty for a stop word)."""
        rules = self.rules_for(word)
        word = fold_word_end(word, rules.word_final)
        if word in rules.stopwords:
            return ()
        stems = stem_word(word, rules.stemmer, self._stemmer(rules))
        # Word-final folds run again because stemming can expose a new word end (কর্মীরা → কর্মী).
        return tuple(dict.fromkeys(fold_word_end(stem, rules.word_final) for stem in stems))

    def word_terms(self, word: str) -> tuple[str, ...]:
        """Return the index terms of one folded word, memoised."""
        terms = self._memo.get(word)
        if terms is None:
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()
            terms = self._compute(word)
            self._memo[word] = terms
        return terms

    def folded_words(self, text: str) -> list[str]:
        """Return the folded words of `text` before stop words and stemming."""
        return words(self.fold(text))

    def token_terms(self, text: str) -> list[tuple[str, ...]]:
        """Return the terms of every word of `text`, one tuple per word (empty for stop words).

        The second word of a hyphenated pair also carries the terms of the pair run together.
        """
        memo = self._memo
        result = []
        for word, compound in words_and_compounds(self.fold(text)):
            terms = memo.get(word)
            if terms is None:
                terms = self.word_terms(word)
            if compound:
                terms = tuple(dict.fromkeys((*terms, *self.word_terms(compound))))
            result.append(terms)
        return result

    def terms(self, text: str) -> list[str]:
        """Return the index terms of `text` in order."""
        return [term for terms in self.token_terms(text) for term in terms]


def analyse(text: str, lang: str) -> list[str]:
    """Return the index terms of `text` written in language `lang`."""
    return Analyser(lang).terms(text)
