"""Unicode normalisation and spelling-variant folding shared by indexing and querying."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType

from search_index.analysis.language_data import AnalysisData, Rewrite, load_analysis_data

DIGIT = "digit"


@dataclass(frozen=True)
class ReplacementPass:
    """One pass of simultaneous replacements, longest source first."""

    pattern: re.Pattern[str]
    table: Mapping[str, str]

    def apply(self, text: str) -> str:
        """Return `text` with every source replaced by its target."""
        return self.pattern.sub(lambda match: self.table[match.group()], text)


@dataclass(frozen=True)
class TextFolder:
    """Folds whole texts: NFC, letter-context rules, folding passes, digits, case."""

    between_letters: tuple[tuple[re.Pattern[str], str], ...]
    passes: tuple[ReplacementPass, ...]
    digits: Mapping[int, str]
    other_digits: re.Pattern[str]

    def fold(self, text: str) -> str:
        """Return the folded form of `text` (lengths are not preserved)."""
        # is_normalized is a quick check; most text arrives in NFC already.
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        return self.fold_nfc(text)

    def fold_nfc(self, text: str) -> str:
        """Return the folded form of `text` that is already in NFC (saves a costly check)."""
        for pattern, target in self.between_letters:
            text = pattern.sub(target, text)
        for step in self.passes:
            text = step.apply(text)
        if self.other_digits.search(text):
            text = text.translate(self.digits)
        return text.casefold()


@dataclass(frozen=True)
class ScriptTable:
    """Finds the script of a word from its first character."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    names: tuple[str, ...]

    def script_of(self, word: str) -> str:
        """Return the script name of `word`, DIGIT for numbers, '' when unknown."""
        first = ord(word[0])
        if 0x30 <= first <= 0x39:
            return DIGIT
        index = bisect.bisect_right(self.starts, first) - 1
        if index >= 0 and first <= self.ends[index]:
            return self.names[index]
        return ""


def _replacement_pass(rules: Sequence[Rewrite]) -> ReplacementPass:
    """Compile rules into one alternation, longest source first so sequences beat their parts."""
    table = {rule.source: rule.target for rule in rules}
    sources = sorted(table, key=lambda source: (-len(source), source))
    # The sources are plain strings: the standard `re` scans such alternations ~3x faster.
    pattern = re.compile("|".join(re.escape(source) for source in sources))
    return ReplacementPass(pattern=pattern, table=MappingProxyType(table))


def _script_class(data: AnalysisData, name: str) -> str:
    """Return a regex character class of the letters and marks of script `name`."""
    ranges = "".join(f"\\u{low:04x}-\\u{high:04x}" for low, high in data.script(name).ranges)
    return f"[{ranges}]"


def _digit_table(zeros: Sequence[int]) -> Mapping[int, str]:
    """Map every digit of the listed scripts to its ASCII digit."""
    return MappingProxyType({zero + value: str(value) for zero in zeros for value in range(10)})


def _other_digits(zeros: Sequence[int]) -> re.Pattern[str]:
    """Match any listed digit that is not ASCII (translating is slow; most texts need none)."""
    ranges = "".join(f"\\u{zero:04x}-\\u{zero + 9:04x}" for zero in zeros if zero != 0x30)
    return re.compile(f"[{ranges}]")


@functools.lru_cache(maxsize=1)
def text_folder() -> TextFolder:
    """Return the folder built from the data files (cached: immutable)."""
    data = load_analysis_data()
    between = tuple(
        (
            re.compile(
                f"(?<={_script_class(data, rule.script)})"
                f"{re.escape(rule.source)}"
                f"(?={_script_class(data, rule.script)})"
            ),
            rule.target,
        )
        for rule in data.between_letters
    )
    return TextFolder(
        between_letters=between,
        passes=tuple(_replacement_pass(rules) for rules in data.passes),
        digits=_digit_table(data.digit_zeros),
        other_digits=_other_digits(data.digit_zeros),
    )


@functools.lru_cache(maxsize=1)
def script_table() -> ScriptTable:
    """Return the script lookup table built from the data files (cached: immutable)."""
    data = load_analysis_data()
    spans = sorted((low, high, script.name) for script in data.scripts for low, high in script.ranges)
    return ScriptTable(
        starts=tuple(low for low, _, _ in spans),
        ends=tuple(high for _, high, _ in spans),
        names=tuple(name for _, _, name in spans),
    )


def fold_word_end(word: str, rules: Sequence[Rewrite]) -> str:
    """Apply the first word-final rule whose source ends `word` (rules are longest first)."""
    for rule in rules:
        if word.endswith(rule.source) and len(word) > len(rule.source):
            return word[: len(word) - len(rule.source)] + rule.target
    return word
