"""Loading the analysis data files (scripts, folding, stop words, stemming) into frozen values."""

from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType
from typing import Any, Literal

DATA_FILES = ("folding.json", "scripts.json", "stemming.json", "stopwords.json")

StemMethod = Literal["none", "snowball", "suffix"]


@dataclass(frozen=True)
class Script:
    """A writing system: its code point ranges and the language used for its words by default."""

    name: str
    ranges: tuple[tuple[int, int], ...]
    default_language: str


@dataclass(frozen=True)
class Rewrite:
    """One folding rule: replace `source` by `target`."""

    source: str
    target: str


@dataclass(frozen=True)
class SuffixRule:
    """Replace `suffix` by each of `replacements` when at least `min_stem` code points remain."""

    suffix: str
    replacements: tuple[str, ...]
    min_stem: int


@dataclass(frozen=True)
class SuffixStage:
    """A group of suffix rules of which at most one (the longest match) applies."""

    rules: tuple[SuffixRule, ...]
    after_strip_only: bool


@dataclass(frozen=True)
class Stemmer:
    """How the words of one language are stemmed."""

    method: StemMethod
    algorithm: str = ""
    repeat: int = 1
    stages: tuple[SuffixStage, ...] = ()


NO_STEMMER = Stemmer(method="none")


@dataclass(frozen=True)
class LanguageRules:
    """Everything language-specific: stop words, word-final folds and the stemmer."""

    code: str
    script: str
    stopwords: frozenset[str]
    word_final: tuple[Rewrite, ...]
    stemmer: Stemmer


@dataclass(frozen=True)
class BetweenLetters:
    """A character rewritten only between two letters of `script`."""

    script: str
    source: str
    target: str


@dataclass(frozen=True)
class AnalysisData:
    """All analysis data, parsed and validated."""

    scripts: tuple[Script, ...]
    languages: Mapping[str, LanguageRules]
    passes: tuple[tuple[Rewrite, ...], ...]
    between_letters: tuple[BetweenLetters, ...]
    digit_zeros: tuple[int, ...]
    fingerprint: str

    def script(self, name: str) -> Script:
        """Return the script called `name`."""
        for script in self.scripts:
            if script.name == name:
                return script
        raise KeyError(name)


def _nfc(text: str) -> str:
    """Return `text` in Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def _read(name: str) -> tuple[Any, bytes]:
    """Return the parsed JSON and the raw bytes of data file `name`."""
    raw = resources.files("search_index").joinpath("data").joinpath(name).read_bytes()
    return json.loads(raw.decode("utf-8")), raw


def _hex(value: str) -> int:
    """Parse a hexadecimal code point."""
    return int(value, 16)


def _scripts(raw: Mapping[str, Any]) -> tuple[Script, ...]:
    """Parse the `scripts` table."""
    return tuple(
        Script(
            name=name,
            ranges=tuple((_hex(low), _hex(high)) for low, high in spec["ranges"]),
            default_language=spec["default_language"],
        )
        for name, spec in sorted(raw.items())
    )


def _rewrites(entries: list[Mapping[str, str]]) -> tuple[Rewrite, ...]:
    """Parse a list of {from, to} rules, NFC-normalised."""
    return tuple(Rewrite(_nfc(entry["from"]), _nfc(entry["to"])) for entry in entries)


def _longest_first(rules: tuple[Rewrite, ...]) -> tuple[Rewrite, ...]:
    """Order rules so that a longer source is tried before its own suffixes."""
    return tuple(sorted(rules, key=lambda rule: (-len(rule.source), rule.source)))


def _stage(raw: Mapping[str, Any], default_min: int) -> SuffixStage:
    """Parse one suffix stage, longest suffix first."""
    rules = [
        SuffixRule(
            suffix=_nfc(rule["suffix"]),
            replacements=tuple(_nfc(text) for text in rule["replace"]),
            min_stem=int(rule.get("min_stem", default_min)),
        )
        for rule in raw["rules"]
    ]
    rules.sort(key=lambda rule: (-len(rule.suffix), rule.suffix))
    return SuffixStage(rules=tuple(rules), after_strip_only=bool(raw.get("after_strip_only")))


def _stemmer(raw: Mapping[str, Any] | None) -> Stemmer:
    """Parse one language's stemmer specification."""
    if raw is None:
        return NO_STEMMER
    method = raw["method"]
    if method == "none":
        return NO_STEMMER
    if method == "snowball":
        return Stemmer(method="snowball", algorithm=raw["algorithm"], repeat=int(raw.get("repeat", 1)))
    if method == "suffix":
        default_min = int(raw["min_stem"])
        stages = tuple(_stage(stage, default_min) for stage in raw["stages"])
        return Stemmer(method="suffix", stages=stages)
    raise ValueError(f"unknown stemming method {method!r}")


@functools.lru_cache(maxsize=1)
def load_analysis_data() -> AnalysisData:
    """Load and validate the data files shipped in search_index/data (cached: they never change)."""
    # The cache holds immutable values only; it saves re-reading the files on every query.
    digest = hashlib.sha256()
    parsed: dict[str, Any] = {}
    for name in DATA_FILES:
        content, raw = _read(name)
        parsed[name] = content
        digest.update(name.encode() + b"\0" + raw + b"\0")
    scripts_doc = parsed["scripts.json"]
    folding = parsed["folding.json"]
    stopwords = parsed["stopwords.json"]["languages"]
    stemming = parsed["stemming.json"]["languages"]
    word_final = folding["word_final"]
    languages = {
        code: LanguageRules(
            code=code,
            script=script,
            stopwords=frozenset(_nfc(word) for word in stopwords.get(code, {}).get("words", [])),
            word_final=_longest_first(_rewrites(word_final.get(code, []))),
            stemmer=_stemmer(stemming.get(code)),
        )
        for code, script in sorted(scripts_doc["languages"].items())
    }
    return AnalysisData(
        scripts=_scripts(scripts_doc["scripts"]),
        languages=MappingProxyType(languages),
        passes=tuple(_rewrites(step["rules"]) for step in folding["passes"]),
        between_letters=tuple(
            BetweenLetters(entry["script"], _nfc(entry["from"]), _nfc(entry["to"]))
            for entry in folding["between_letters"]
        ),
        digit_zeros=tuple(_hex(zero) for zero in scripts_doc["digit_zeros"]),
        fingerprint=digest.hexdigest()[:16],
    )
