"""Splitting text into words with the `regex` module, keeping combining marks inside words."""

from __future__ import annotations

import regex

# Letters, combining marks (matras, virama, nukta, anusvara, visarga, chandrabindu) and the
# joiners ZWJ/ZWNJ make up a word; a run of digits of any script is a word of its own.
# Everything else (spaces, danda, quotes, brackets, hyphens, Urdu punctuation) separates.
# Python's `re` would not do: its \w excludes combining marks and splits प्रशासन apart.
WORD_PATTERN = regex.compile(r"[\p{L}\p{M}\u200c\u200d]+|\p{Nd}+")


def words(text: str) -> list[str]:
    """Return the words of `text` in order."""
    found: list[str] = WORD_PATTERN.findall(text)
    return found


def word_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) character offsets of the words of `text`."""
    return [match.span() for match in WORD_PATTERN.finditer(text)]
