"""Names of facet values (states, sectors, levels, case types, SDGs) that a query may contain.

builder hands in, per facet and value, every name a reader may type: labels in every language,
codes, ids and the aliases editors keep. A name is stored under two folded forms, its words
joined by spaces and run together, so `e-governance`, `e governance` and `egovernance` (and
`U.P.` and `UP`) are one name. Short upper-case codes (`UP`, `MP`) only count when typed in
capitals, because `up` and `mp` are also ordinary words. `agk search` and the browser engine
recognise names in a query the same way: longest run of words first, left to right.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import regex

from search_index.analysis.analyser import Analyser

# The facets whose names a query may contain (years and narrative languages are not names).
NAMED_FACETS = ("level", "sdg", "sector", "state", "type")
# The longest name, in words, that a query is checked for (अनुसूचित जाति एवं जनजाति कल्याण).
MAX_NAME_WORDS = 6
# A code of at most this many upper-case ASCII letters must be typed in capitals.
SHORT_CODE_LETTERS = 3
_SHORT_CODE = regex.compile(rf"[A-Z]{{1,{SHORT_CODE_LETTERS}}}")
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")

# {folded form: ["key=value" or "key=value=CODE" (a code that must be typed in capitals), …]}
NameTable = dict[str, list[str]]


@dataclass(frozen=True)
class Recognised:
    """A facet value named by words `start` to `end` (exclusive) of a query."""

    key: str
    value: str
    start: int
    end: int

    def as_dict(self, words: Sequence[str]) -> dict[str, object]:
        """Return the recognition as JSON-ready values, with the words it covers."""
        return {"key": self.key, "value": self.value, "words": list(words[self.start : self.end])}


def name_forms(name: str) -> tuple[str, ...]:
    """Return the folded forms a name is found under: words spaced, and run together."""
    found = Analyser(None).folded_words(name)
    if not found:
        return ()
    return tuple(dict.fromkeys((" ".join(found), "".join(found))))


def short_code(name: str) -> str:
    """Return `name` when it is a short upper-case code (typed in capitals to count), else ''."""
    plain = name.replace(".", "").strip()
    return plain if _SHORT_CODE.fullmatch(plain) else ""


def name_table(names: Mapping[str, Mapping[str, Sequence[str]]]) -> NameTable:
    """Return the lookup table of every name of the named facets, sorted."""
    table: dict[str, set[tuple[str, str, str]]] = {}
    for key in sorted(set(names) & set(NAMED_FACETS)):
        for value, value_names in sorted(names[key].items()):
            # Entries are written key=value (as the facet column); ids and codes never hold "=".
            if "=" in value:
                continue
            for name in value_names:
                code = short_code(name)
                for form in name_forms(name):
                    table.setdefault(form, set()).add((key, value, code))
    return {
        form: ["=".join(entry) if entry[2] else f"{entry[0]}={entry[1]}" for entry in sorted(entries)]
        for form, entries in sorted(table.items())
    }


def typed_codes(raw: str) -> frozenset[str]:
    """Return the letter runs of the raw query with dots removed (to check codes typed in capitals)."""
    text = unicodedata.normalize("NFC", raw).replace(".", "")
    return frozenset(_LETTERS.findall(text))


def _entries(table: NameTable, span: Sequence[str], codes: frozenset[str]) -> list[list[str]]:
    """Return [key, value] of the facet values a run of words names (codes only typed in capitals)."""
    for form in dict.fromkeys((" ".join(span), "".join(span))):
        entries = [[*entry.split("=", 2), ""][:3] for entry in table.get(form, ())]
        found = [entry[:2] for entry in entries if not entry[2] or entry[2] in codes]
        if found:
            return found
    return []


def recognise(words: Sequence[str], raw: str, table: NameTable) -> list[Recognised]:
    """Return the facet values the folded query `words` name, longest run first, left to right."""
    codes = typed_codes(raw)
    found: list[Recognised] = []
    start = 0
    while start < len(words):
        for length in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
            entries = _entries(table, words[start : start + length], codes)
            if entries:
                found += [Recognised(key, value, start, start + length) for key, value in entries]
                start += length
                break
        else:
            start += 1
    return found
