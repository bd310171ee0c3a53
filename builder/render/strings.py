"""User-interface strings of the site, one YAML file per language under builder/render/i18n/."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale

from builder.model.taxonomy import reading_order
from builder.source.yaml_source import read_yaml

STRINGS_DIR = Path(__file__).resolve().parent / "i18n"


@cache
def _load(lang: str) -> dict[str, str]:
    path = STRINGS_DIR / f"{lang}.yaml"
    if not path.is_file():
        return {}
    document, problems = read_yaml(path.read_text(encoding="utf-8"), str(path))
    if problems or document is None or not isinstance(document.value, dict):
        # These files are ours, not contributors': a broken one is a bug caught by the tests.
        raise ValueError(f"invalid UI strings file {path}: {[p.message for p in problems]}")
    return {k: v for k, v in document.value.items() if isinstance(v, str)}


def available_languages() -> tuple[str, ...]:
    """Languages that have a UI strings file."""
    return tuple(sorted(p.stem for p in STRINGS_DIR.glob("*.yaml")))


@dataclass(frozen=True)
class Strings:
    """The UI strings of one language, falling back key by key along the language's fallbacks."""

    lang: str

    def __call__(self, key: str, **values: object) -> str:
        """The string for `key` with {placeholders} filled in."""
        template = next((found for lang in self.reading_order() if (found := _load(lang).get(key))), None)
        template = template or _load("en")[key]
        return template.format(**values) if values else template

    def reading_order(self) -> tuple[str, ...]:
        """This language, then those its readers fall back to (builder/model/data/languages.yaml)."""
        return reading_order(self.lang)

    def count(self, key: str, n: int, **values: object) -> str:
        """The string for `key` that agrees with the number `n` ("1 case study", "2 case studies")."""
        # CLDR's plural category of `n` in this language picks `key_one` where the language's
        # own file has it (never English's: a Hindi page must not show an English singular).
        category = Locale.parse(self.lang).plural_form(n)
        template = _load(self.lang).get(f"{key}_{category}")
        return template.format(n=n, **values) if template else self(key, n=n, **values)

    def coverage(self) -> float:
        """Share of the English keys translated in this language."""
        english = _load("en")
        return sum(1 for key in english if key in _load(self.lang)) / len(english)
