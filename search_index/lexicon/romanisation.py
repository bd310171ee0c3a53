"""Loose romanisation keys: Indic-script terms and Roman-letter words that sound alike share a key.

The data (search_index/data/romanisation.json) writes Indic letters in Roman letters; the key
rules then merge what people do not distinguish when typing Indian words on an English keyboard
(vowel length, the inherent a, aspiration, retroflex/dental, sibilants, v/w). Keys live in one
of three namespaces: `i` for the Brahmic scripts, `t` for Tamil (one letter for voiced and
voiceless stops), `u` for Urdu (consonants only, as short vowels are not written). The browser
engine computes the same keys from the same file.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

DATA_FILE = Path(__file__).resolve().parents[1] / "data" / "romanisation.json"
# Script of a term -> namespace of its key.
NAMESPACE_OF = {"tamil": "t", "arabic": "u"}
_NOT_LETTER = re.compile(r"[^a-z]+")


@dataclass(frozen=True)
class Romanisation:
    """The letters table and key rules of romanisation.json, compiled."""

    letters: MappingProxyType[str, str]
    rules: tuple[tuple[str, str], ...]
    aspirated: re.Pattern[str]
    nasal: re.Pattern[str]
    merges: MappingProxyType[str, MappingProxyType[int, str]]
    consonants_only: frozenset[str]
    min_letters: int

    def roman(self, term: str) -> str:
        """Return an Indic-script term written in Roman letters (other characters as they are)."""
        letters = self.letters
        return "".join(letters.get(char, char) for char in term)

    def key(self, latin: str, namespace: str) -> str:
        """Return the key of a Roman-letter word in a namespace ('' when too short to be useful)."""
        text = _NOT_LETTER.sub("", latin.lower())
        for source, target in self.rules:
            text = text.replace(source, target)
        previous = None
        while previous != text:
            previous, text = text, self.aspirated.sub(r"\1", text)
        text = self.nasal.sub("n", text).replace("a", "")
        text = text.translate(self.merges[namespace])
        if namespace in self.consonants_only:
            text = text.translate(str.maketrans("", "", "eiou"))
        text = re.sub(r"(.)\1+", r"\1", text)
        return text if len(text) >= self.min_letters else ""


def _letters(data: dict[str, Any]) -> dict[str, str]:
    """Return {Indic or Urdu letter: Roman letters} from the offset table and the extra letters."""
    table: dict[str, str] = {}
    for start in data["brahmic_blocks"].values():
        for offset, latin in data["brahmic_offsets"].items():
            table[chr(int(start, 16) + int(offset, 16))] = latin
    table.update(data["extra_letters"])
    table.update(data["arabic_letters"])
    return table


@functools.lru_cache(maxsize=1)
def romanisation() -> Romanisation:
    """Return the compiled romanisation data (cached: immutable)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    spaces = data["namespaces"]
    return Romanisation(
        letters=MappingProxyType(_letters(data)),
        rules=tuple((rule["from"], rule["to"]) for rule in data["key_rules"]),
        aspirated=re.compile(f"([{data['after_h']}])h"),
        # m before a labial, or at the end, is how anusvara is written (sampark, keralam).
        nasal=re.compile(f"m(?=[{data['nasal_before']}]|$)"),
        merges=MappingProxyType(
            {name: MappingProxyType(str.maketrans(space["merge"])) for name, space in spaces.items()}
        ),
        consonants_only=frozenset(name for name, space in spaces.items() if space.get("consonants_only")),
        min_letters=data["min_key_letters"],
    )


def romanisation_payload() -> dict[str, Any]:
    """Return the key rules for the browser engine (which keys Roman-letter words only)."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return {
        "rules": [[rule["from"], rule["to"]] for rule in data["key_rules"]],
        "after_h": data["after_h"],
        "nasal_before": data["nasal_before"],
        "namespaces": {
            name: {"merge": space["merge"], "consonants_only": bool(space.get("consonants_only"))}
            for name, space in sorted(data["namespaces"].items())
        },
        "min_letters": data["min_key_letters"],
    }
