"""The casefold table of analysis.js: what turns JavaScript's toLowerCase() into str.casefold().

Python folds text with str.casefold(); the browser lower-cases with toLowerCase() and then
replaces, code point by code point, the characters of this table (ß → ss, µ → μ, ς → σ,
ꭰ → Ꭰ, ᾳ → αι, ﬁ → fi …). The table is computed from the Unicode data of the Python that
exports, never written by hand: every character that lower-casing leaves alone but casefold()
changes. Lower-casing first is what makes that enough: for every code point c,
casefold(c) == the table applied to lower(c) (tests/search_index/browser/test_casefold_table.py).
"""

from __future__ import annotations

import functools
import sys
from typing import Any

Pair = tuple[str, str]

# Consecutive one-to-one mappings with one offset (Cherokee's two blocks) travel as a run
# [first, last, first target]: 86 of the 183 entries in two runs, 1 kB less per engine.js.
MIN_RUN = 3


@functools.lru_cache(maxsize=1)
def casefold_exceptions() -> tuple[Pair, ...]:
    """Return (character, casefold) for every character lower() keeps but casefold() changes."""
    pairs: list[Pair] = []
    for char in map(chr, range(sys.maxunicode + 1)):
        folded = char.casefold()
        if folded != char and char.lower() == char:
            pairs.append((char, folded))
    return tuple(pairs)


def _offset(pair: Pair) -> int | None:
    """Return target minus source of a one-to-one mapping, None for a longer target."""
    source, target = pair
    return ord(target) - ord(source) if len(target) == 1 else None


def _continues(run: list[Pair], pair: Pair) -> bool:
    """Return whether `pair` extends `run`: the next source, mapped with the same offset."""
    last = run[-1]
    offset = _offset(pair)
    return offset is not None and offset == _offset(last) and ord(pair[0]) == ord(last[0]) + 1


def _runs(pairs: tuple[Pair, ...]) -> list[list[Pair]]:
    """Split pairs (sorted by source) into runs of consecutive same-offset mappings."""
    runs: list[list[Pair]] = []
    for pair in pairs:
        if runs and _continues(runs[-1], pair):
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return runs


def casefold_payload() -> dict[str, Any]:
    """Return the table as analysis.js carries it: {"chars": {char: folded}, "runs": [[first,
    last, first target], …]} (code points; the browser expands the runs)."""
    chars: dict[str, str] = {}
    runs: list[list[int]] = []
    for run in _runs(casefold_exceptions()):
        if len(run) >= MIN_RUN:
            runs.append([ord(run[0][0]), ord(run[-1][0]), ord(run[0][1])])
        else:
            chars.update(run)
    return {"chars": chars, "runs": runs}
