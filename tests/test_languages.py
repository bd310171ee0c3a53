"""A shipped language has every piece of data it needs (the recipe in ARCHITECTURE.md)."""

from __future__ import annotations

import json

import pytest

from builder.model.taxonomy import LANGUAGE_CODES
from builder.publish.fonts import FONTS, SYSTEM_SCRIPTS
from builder.render.strings import STRINGS_DIR
from tests.conftest import REPO

SHIPPED = sorted(path.stem for path in STRINGS_DIR.glob("*.yaml"))
LABELS = REPO / "case_studies" / "_taxonomies" / "labels"
ANALYSIS = REPO / "search_index" / "data"


def _languages(data_file: str) -> set[str] | dict[str, str]:
    value = json.loads((ANALYSIS / data_file).read_text(encoding="utf-8"))["languages"]
    assert isinstance(value, dict | list)
    return value if isinstance(value, dict) else set(value)


def test_some_languages_are_shipped() -> None:
    assert "en" in SHIPPED and "hi" in SHIPPED and len(SHIPPED) >= 13


@pytest.mark.parametrize("lang", SHIPPED)
def test_shipped_language_has_all_its_data(lang: str) -> None:
    assert lang in LANGUAGE_CODES, "a language code outside the Eighth Schedule and English"
    assert (LABELS / f"{lang}.yaml").is_file(), "taxonomy labels missing"
    scripts = _languages("scripts.json")
    assert isinstance(scripts, dict) and lang in scripts, "no script in search_index/data/scripts.json"
    assert lang in _languages("stopwords.json"), "no stop words in search_index/data/stopwords.json"
    assert lang in _languages("stemming.json"), "no stemming rules in search_index/data/stemming.json"
    assert scripts[lang] in FONTS or scripts[lang] in SYSTEM_SCRIPTS, f"no vendored font for {scripts[lang]}"
