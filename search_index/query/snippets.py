"""Snippets: the best window of a text around the matched words, matches marked [[like this]]."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Sequence
from itertools import compress, islice

from search_index.analysis.analyser import Analyser
from search_index.analysis.tokens import WORD_PATTERN, words

MARK_OPEN = "[["
MARK_CLOSE = "]]"
ELLIPSIS = "…"
WINDOW_WORDS = 24
_SPACE = re.compile(r"\s+")


def _escape(text: str) -> str:
    """Break up marker look-alikes already in the text so markers stay unambiguous."""
    return text.replace(MARK_OPEN, "[ [").replace(MARK_CLOSE, "] ]")


class Marker:
    """Finds the words of texts that match a query's terms or its prefix.

    Each distinct word is folded and analysed once and the answer kept: the hits of one search
    share most of their words.
    """

    def __init__(self, analyser: Analyser, terms: Collection[str], prefix: str = "") -> None:
        self.analyser = analyser
        self.terms = terms
        self.prefix = prefix
        # Stems keep the beginning of their word, so only words that start like some query
        # term are worth analysing.
        self.starts = frozenset(term[:2] for term in terms)
        self.known: set[str] = set()
        self.matched: set[str] = set()

    def _matching(self, forms: Iterable[tuple[str, str]]) -> Iterator[str]:
        """Yield the words whose folded form has one of the terms or begins with the prefix."""
        starts, terms, prefix, word_terms = self.starts, self.terms, self.prefix, self.analyser.word_terms
        for word, folded in forms:
            if (folded[:2] in starts and any(term in terms for term in word_terms(folded))) or (
                prefix and folded.startswith(prefix)
            ):
                yield word

    def positions(self, text: str) -> list[int]:
        """Return the positions of the words of NFC `text` that match."""
        found = words(text)
        new = list(set(found) - self.known)
        if new:
            # All new words in one folding call, one per line (folding never adds or removes a
            # newline). Words are folded one by one, not the text as a whole, so that a colon or
            # soft hyphen that folding removes joins no words.
            folded = self.analyser.fold_nfc("\n".join(new)).split("\n")
            self.matched.update(self._matching(zip(new, folded, strict=True)))
            self.known.update(new)
        return list(compress(range(len(found)), map(self.matched.__contains__, found)))

    def snippet(self, texts: Sequence[str]) -> str:
        """Return a snippet of the first text with a match, else the start of the first non-empty one.

        Texts must be in NFC (the index stores them so).
        """
        for text in texts:
            matches = self.positions(text)
            if matches:
                return render(text, best_window(matches, WINDOW_WORDS), frozenset(matches))
        for text in texts:
            if text.strip():
                return render(text, 0, frozenset())
        return ""


def matching_words(text: str, analyser: Analyser, terms: Collection[str], prefix: str) -> list[int]:
    """Return the positions of the words of NFC `text` that match a term or the prefix."""
    return Marker(analyser, terms, prefix).positions(text)


def best_window(matches: Sequence[int], width: int) -> int:
    """Return the first word of the `width`-word window holding the most matches."""
    best_start, best_count, left = 0, 0, 0
    for right, position in enumerate(matches):
        while position - matches[left] >= width:
            left += 1
        if right - left + 1 > best_count:
            best_start, best_count = matches[left], right - left + 1
    return max(0, best_start - 2) if best_count else 0


def render(text: str, start: int, marked: Collection[int]) -> str:
    """Return WINDOW_WORDS words of `text` from word `start` on, marked words in [[ ]]."""
    # One word beyond the window tells whether the text goes on.
    found = islice(WORD_PATTERN.finditer(text), start, start + WINDOW_WORDS + 1)
    spans = [match.span() for match in found]
    window = spans[:WINDOW_WORDS]
    if not window:
        return ""
    pieces = [ELLIPSIS + " "] if start > 0 else []
    cursor = window[0][0]
    for offset, (word_start, word_end) in enumerate(window):
        pieces.append(_escape(text[cursor:word_start]))
        word = _escape(text[word_start:word_end])
        pieces.append(f"{MARK_OPEN}{word}{MARK_CLOSE}" if start + offset in marked else word)
        cursor = word_end
    if len(spans) > WINDOW_WORDS:
        pieces.append(" " + ELLIPSIS)
    else:
        # Keep the closing punctuation of the text (a danda, a full stop).
        pieces.append(_escape(text[cursor:]))
    joined: str = _SPACE.sub(" ", "".join(pieces))
    return joined.strip()


def snippet(texts: Sequence[str], analyser: Analyser, terms: Collection[str], prefix: str = "") -> str:
    """Return a snippet of the first text with a match, else the start of the first non-empty one."""
    return Marker(analyser, terms, prefix).snippet(texts)
