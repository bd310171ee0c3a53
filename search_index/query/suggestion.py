"""The "did you mean" suggestion: the query with misspelt words replaced by words the hits contain.

Planning finds, for a word found nowhere, its nearest index term (a stem such as `pregnanc`).
A reader needs a word, so the suggestion takes the first word of the best hits (title, summary,
text, hit by hit) whose terms include that term, and the term itself when none does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from search_index.query.planning import shared_analyser

# How many of the best hits are read for the words of a suggestion.
SUGGESTION_HITS = 3


def surface_words(terms: set[str], texts: Iterable[tuple[str, str]]) -> dict[str, str]:
    """Return, for each term, the first folded word of the (language, text) pairs that gives it."""
    found: dict[str, str] = {}
    for lang, text in texts:
        analyser = shared_analyser(lang)
        for word in analyser.folded_words(text):
            for term in analyser.word_terms(word):
                if term in terms and term not in found:
                    found[term] = word
        if len(found) == len(terms):
            break
    return found


def suggestion(words: Sequence[str], corrections: Mapping[str, str], texts: Iterable[tuple[str, str]]) -> str:
    """Return the query words with corrected ones replaced by words of the hits ('' without corrections)."""
    if not corrections:
        return ""
    surfaces = surface_words(set(corrections.values()), texts)
    replaced = (
        surfaces.get(corrections[word], corrections[word]) if word in corrections else word for word in words
    )
    return " ".join(replaced)
