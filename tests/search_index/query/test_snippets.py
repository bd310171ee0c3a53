"""Snippets (search_index.query.snippets): the words marked are those the former implementation marked."""

from __future__ import annotations

import unicodedata

from search_index.analysis.analyser import Analyser
from search_index.analysis.tokens import words
from search_index.documents import SearchDocument
from search_index.query.snippets import matching_words


def _former_matching_words(text: str, analyser: Analyser, terms: frozenset[str], prefix: str) -> list[int]:
    """The former matching_words: the text folded as a whole unless folding could join words."""
    if any(joiner in text for joiner in (":", "\u00ad")):
        folded = [analyser.fold_nfc(word) for word in words(text)]
    else:
        folded = words(analyser.fold_nfc(text))
    starts = {term[:2] for term in terms}
    return [
        index
        for index, word in enumerate(folded)
        if (word[:2] in starts and any(term in terms for term in analyser.word_terms(word)))
        or (prefix and word.startswith(prefix))
    ]


def test_matched_words_are_the_former_ones(corpus: list[SearchDocument]) -> None:
    extra = ["दु:ख और सु:ख योजना", "Ad\u00admin\u00adistration of SCHOOLS: schooling", "ﬁnance Straße STRASSE"]
    for document in corpus:
        analyser = Analyser(document.lang)
        texts = [unicodedata.normalize("NFC", text) for text in (document.text, document.summary, *extra)]
        vocabulary = sorted(set(analyser.folded_words(document.title)))
        for word in [*vocabulary, "दु:ख", "administration", "strasse"]:
            terms = frozenset(analyser.word_terms(word))
            for prefix in ("", word[:3]):
                for text in texts:
                    expected = _former_matching_words(text, analyser, terms, prefix)
                    assert matching_words(text, analyser, terms, prefix) == expected, (word, text[:40])
