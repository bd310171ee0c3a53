"""Pieces of the site stage: sanitising, anchors, UI strings and theme translations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel import Locale

from builder.markdown.anchors import slugify
from builder.render import strings
from builder.render.strings import STRINGS_DIR, Strings, available_languages
from builder.markdown.html import sanitise
from builder.site.mkdocs import THEME_DIR
from builder.source.yaml_source import read_yaml

MATERIAL_EN = (
    Path(__import__("material").__file__).parent / "templates" / "partials" / "languages" / "en.html"
)


def test_sanitiser_keeps_what_the_theme_needs_and_drops_scripts() -> None:
    html = (
        '<h2 id="context" class="x">पृष्ठभूमि<a class="headerlink" href="#context">¶</a></h2>'
        '<img src="media/a.png" alt="a" onerror="alert(1)"><a href="javascript:alert(1)">x</a>'
        '<script>alert(1)</script><div class="admonition note" lang="hi"><p>ok</p></div>'
    )
    clean = sanitise(html)
    assert '<h2 id="context" class="x">' in clean
    assert 'class="admonition note" lang="hi"' in clean
    assert "onerror" not in clean and "<script" not in clean and "javascript:" not in clean
    assert '<img src="media/a.png" alt="a">' in clean


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("मिशन कर्मयोगी", "मिशन-कर्मयोगी"),
        ("ज़िला योजना", "ज़िला-योजना"),
        ("Step 1: plan", "step-1-plan"),
        ("பின்னணி", "பின்னணி"),
        ("پس منظر", "پس-منظر"),
    ],
)
def test_anchors_keep_combining_marks(heading: str, anchor: str) -> None:
    assert slugify(heading, "-") == anchor


def _keys(lang: str) -> dict[str, str]:
    document, problems = read_yaml((STRINGS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"), lang)
    assert not problems and document is not None and isinstance(document.value, dict)
    return document.value


@pytest.mark.parametrize("lang", [lang for lang in available_languages() if lang != "en"])
def test_ui_strings_are_complete_with_the_same_placeholders(lang: str) -> None:
    english, translated = _keys("en"), _keys(lang)
    # Plural variants follow the language's own CLDR categories (Maithili has no singular form,
    # Santali has a dual): every other key, in English's order.
    assert _without_plurals(translated) == _without_plurals(english)
    categories = Locale.parse(lang).plural_form.tags
    for key in set(translated) - set(_without_plurals(translated)):
        assert key.rsplit("_", 1)[1] in categories and key.rsplit("_", 1)[0] in english, key
    for key, text in translated.items():
        source = english.get(key) or english[key.rsplit("_", 1)[0]]
        assert sorted(re.findall(r"\{\w+\}", text)) == sorted(re.findall(r"\{\w+\}", source)), key
    assert Strings(lang).coverage() >= len(_without_plurals(english)) / len(english)


def _without_plurals(strings: dict[str, str]) -> list[str]:
    return [key for key in strings if not re.search(r"_(zero|one|two|few|many)$", key)]


def test_ui_strings_fall_back_along_the_languages_fallbacks(monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"en": {"catalogue": "All case studies", "home": "Home"}, "hi": {"catalogue": "सभी केस स्टडी"}}
    monkeypatch.setattr(strings, "_load", lambda lang: files.get(lang, {}))
    assert Strings("mai").reading_order() == ("mai", "hi", "en")
    assert Strings("kok").reading_order() == ("kok", "mr", "hi", "en")
    assert Strings("mai")("catalogue") == "सभी केस स्टडी"  # Maithili readers read Hindi
    assert Strings("mai")("home") == "Home"
    assert Strings("ta")("catalogue") == "All case studies"  # no fallback but English


@pytest.mark.parametrize(
    "path", sorted((THEME_DIR / "partials" / "languages").glob("*.html")), ids=lambda p: p.stem
)
def test_theme_translations_have_every_material_key(path: Path) -> None:
    keys = re.findall(r'^\s*"([^"]+)":', MATERIAL_EN.read_text(encoding="utf-8"), re.M)
    text = path.read_text(encoding="utf-8")
    assert re.findall(r'^\s*"([^"]+)":', text, re.M) == keys
    assert f'"language": "{path.stem}"' in text
