"""Stemming: Snowball algorithms and the light, table-driven suffix rewriter."""

from __future__ import annotations

from collections.abc import Sequence

import snowballstemmer

from search_index.analysis.language_data import Stemmer, SuffixRule, SuffixStage


def matching_rule(word: str, stage: SuffixStage) -> SuffixRule | None:
    """Return the longest rule of `stage` whose suffix ends `word` leaving a long enough stem."""
    for rule in stage.rules:
        if word.endswith(rule.suffix) and len(word) - len(rule.suffix) >= rule.min_stem:
            return rule
    return None


def rewrite_suffixes(word: str, stages: Sequence[SuffixStage]) -> tuple[str, ...]:
    """Return the forms of `word` after every stage (several when a rule has several outputs)."""
    forms: list[tuple[str, bool]] = [(word, False)]
    for stage in stages:
        next_forms: list[tuple[str, bool]] = []
        for form, changed in forms:
            rule = None if stage.after_strip_only and not changed else matching_rule(form, stage)
            if rule is None:
                next_forms.append((form, changed))
                continue
            stem = form[: len(form) - len(rule.suffix)]
            next_forms.extend((stem + replacement, True) for replacement in rule.replacements)
        forms = next_forms
    return tuple(dict.fromkeys(form for form, _ in forms if form))


class SnowballWords:
    """A Snowball stemmer applied until the word stops changing (bounded by `repeat`)."""

    def __init__(self, algorithm: str, repeat: int) -> None:
        self._stemmer = snowballstemmer.stemmer(algorithm)
        self._repeat = max(1, repeat)

    def stem(self, word: str) -> str:
        """Return the stem of `word`."""
        for _ in range(self._repeat):
            stemmed: str = self._stemmer.stemWord(word)
            if stemmed == word or not stemmed:
                break
            word = stemmed
        return word


def make_stemmer(spec: Stemmer) -> SnowballWords | None:
    """Return a Snowball stemmer for `spec`, or None when it is not a Snowball one."""
    if spec.method != "snowball":
        return None
    return SnowballWords(spec.algorithm, spec.repeat)


def stem_word(word: str, spec: Stemmer, snowball: SnowballWords | None) -> tuple[str, ...]:
    """Return the index forms of an already folded word."""
    if spec.method == "suffix":
        return rewrite_suffixes(word, spec.stages)
    if snowball is not None:
        return (snowball.stem(word),)
    return (word,)
