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


# A word joined to the next by one hyphen (e-governance, ई-गवर्नेंस) is also indexed run together
# (egovernance), so that a reader who writes the compound as one word finds it. Chains of three
# or more words (hard-to-reach) are phrases, not compounds: their parts only.
HYPHENS = "-\u2010\u2011"
_WORD = r"[\p{L}\p{M}\u200c\u200d]+"
COMPOUND_PATTERN = regex.compile(rf"{_WORD}(?:[{HYPHENS}]{_WORD})*|\p{{Nd}}+")
_HYPHEN_SPLIT = regex.compile(rf"[{HYPHENS}]")


def words_and_compounds(text: str) -> list[tuple[str, str]]:
    """Return (word, compound ending at it or '') for the words of `text` in order."""
    found: list[tuple[str, str]] = []
    for run in COMPOUND_PATTERN.findall(text):
        # Most runs are single words: a plain test is much cheaper than splitting every one.
        if "-" not in run and "\u2010" not in run and "\u2011" not in run:
            found.append((run, ""))
            continue
        parts = _HYPHEN_SPLIT.split(run)
        found += [(part, "") for part in parts[:-1]]
        found.append((parts[-1], "".join(parts) if len(parts) == 2 else ""))
    return found
