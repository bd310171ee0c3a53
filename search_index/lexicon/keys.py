"""Lexicon keys of index terms and of query words, and the edit distance that checks a candidate.

Typos: a term of n letters is filed under its first half (`<` + t[:n//2]) and its second half
(`>` + t[n//2:]). A word with one edit keeps one half intact, so the keys of the lengths a
term within the allowed distance can have find every such term (for two edits, those with both
edits in one half). Romanisation: an Indic or Urdu term is filed under its romanisation key
(`~i:`, `~t:`, `~u:` + key); a Roman-letter query word is looked up under its key in all three.
Candidates found by key are then checked, so keys may over-collect but never decide alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from search_index.analysis.folding import script_table
from search_index.lexicon.romanisation import NAMESPACE_OF, romanisation

# Words of at least these many letters may have one / two typos (fewer letters: none).
ONE_TYPO_LETTERS = 5
TWO_TYPOS_LETTERS = 9
# Terms shorter than this get no typo keys (a query word of 5 letters has stems of 3 or more).
MIN_TERM_LETTERS = 3
# A misspelt word is also compared with the stems its beginning spells: a stemmer cannot strip
# a misspelt ending (trainnig is not stemmed to train), and endings are at most this long.
MAX_ENDING_LETTERS = 4
ROMAN_NAMESPACES = ("i", "t", "u")
ROMANISED_SCRIPTS = frozenset({"arabic", "bengali", "devanagari", "gujarati", "gurmukhi", "kannada",
                               "malayalam", "oriya", "tamil", "telugu"})  # fmt: skip


def allowed_typos(word: str) -> int:
    """Return how many edits a query word of this length may carry."""
    if len(word) >= TWO_TYPOS_LETTERS:
        return 2
    return 1 if len(word) >= ONE_TYPO_LETTERS else 0


def _halves(term: str, length: int) -> tuple[str, str]:
    """Return the halves keys of a term of `length` letters that `term` would have (first, last)."""
    half = length // 2
    return "<" + term[:half], ">" + term[len(term) - (length - half) :]


def term_keys(term: str) -> Iterator[str]:
    """Yield the lexicon keys an index term is filed under."""
    if len(term) >= MIN_TERM_LETTERS:
        yield from _halves(term, len(term))
    script = script_table().script_of(term)
    if script in ROMANISED_SCRIPTS:
        table = romanisation()
        namespace = NAMESPACE_OF.get(script, "i")
        key = table.key(table.roman(term), namespace)
        if key:
            yield f"~{namespace}:{key}"


def typo_keys(term: str, typos: int) -> list[str]:
    """Return the keys under which terms within `typos` edits of a query term are filed."""
    keys: list[str] = []
    for length in range(max(MIN_TERM_LETTERS, len(term) - typos), len(term) + typos + 1):
        if length - length // 2 <= len(term) and length // 2 <= len(term):
            keys += _halves(term, length)
    return list(dict.fromkeys(keys))


def stem_lengths(word: str, typos: int) -> range:
    """Return the lengths of the stems a misspelt word's beginning may spell."""
    shortest = max(MIN_TERM_LETTERS, len(word) - typos - MAX_ENDING_LETTERS, (len(word) + 1) // 2)
    return range(shortest, len(word) + 1)


def stem_keys(word: str, typos: int) -> list[str]:
    """Return the keys (first halves) of the stems a misspelt word's beginning may spell."""
    return list(dict.fromkeys("<" + word[: length // 2] for length in stem_lengths(word, typos)))


def stem_distance(word: str, term: str, typos: int) -> int:
    """Return `typos` when a word begins with the stem (the farthest a candidate may be), else typos + 1.

    Only the ending is taken as misspelt: a stem the word's beginning merely resembles would match
    short unrelated stems (mah for mahila).
    """
    return typos if len(term) in stem_lengths(word, typos) and word.startswith(term) else typos + 1


def roman_keys(word: str) -> list[str]:
    """Return the keys of a Roman-letter query word in every namespace (none for other scripts)."""
    if script_table().script_of(word) != "latin":
        return []
    table = romanisation()
    found = (f"~{space}:{key}" for space in ROMAN_NAMESPACES if (key := table.key(word, space)))
    return list(dict.fromkeys(found))


def edit_distance(first: str, second: str, limit: int) -> int:
    """Return the optimal-string-alignment distance (a swap of neighbours is one edit), or limit + 1.

    Only cells within `limit` of the diagonal are computed (no cheaper path leaves that band),
    and the work stops once a whole row is past the limit: candidates are checked per query.
    """
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    if first == second:
        return 0
    over = limit + 1
    previous2: list[int] = []
    previous = [min(j, over) for j in range(len(second) + 1)]
    for i in range(1, len(first) + 1):
        current = [over] * (len(second) + 1)
        current[0] = min(i, over)
        low, high = max(1, i - limit), min(len(second), i + limit)
        here = first[i - 1]
        for j in range(low, high + 1):
            value = previous[j - 1] + (here != second[j - 1])
            value = min(value, previous[j] + 1, current[j - 1] + 1)
            if i > 1 and j > 1 and here == second[j - 2] and first[i - 2] == second[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current[low : high + 1], default=over) > limit and current[0] > limit:
            return over
        previous2, previous = previous, current
    return min(previous[-1], over)
