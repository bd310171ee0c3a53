"""The site's fonts on a machine without Indian fonts: Chromium with a bare fontconfig.

Chromium is started with FONTCONFIG_FILE naming a fonts.conf that lists DejaVu only (Latin,
Greek, Cyrillic and some Arabic, no Indic script), like a training-centre laptop. Pages are
opened from disk, as an unzipped bundle or a downloaded site would be.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.site.fonts import FONTS, NAMES_FAMILY, script_of
from search_index.analysis.language_data import load_analysis_data
from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import FIXTURES, build_site, new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LATIN_ONLY = Path("/usr/share/fonts/truetype/dejavu")
LESSON = "cases/up-valid-lesson/index.html"  # in Hindi, not in Urdu
DECISION = "cases/in-valid-decision/index.html"  # in Hindi and Urdu
DEVANAGARI = FONTS["devanagari"].family
NASKH = FONTS["arabic"].family
# Text of the languages the fixture site has no pages in, with the letters particular to each:
# Kashmiri's ٲ ۄ ۆ ؤ ۍ and its vowel marks ٕ ٚ ٟ (each after a letter), Sindhi's implosives and
# other letters. lang -> (text, the family its font's name table gives, the CSS family).
OTHER_SCRIPTS = {
    "sat": ("ᱥᱟᱱᱛᱟᱲᱤ ᱯᱟᱹᱨᱥᱤ ᱐᱑᱒ ᱾", "Noto Sans Ol Chiki", FONTS["ol_chiki"].family),
    "mni": ("ꯃꯤꯇꯩꯂꯣꯟ ꯃꯤꯇꯩ ꯃꯌꯦꯛ ꯱꯲꯫", "Noto Sans MeeteiMayek", FONTS["meetei_mayek"].family),
    "ks": ("کٲشُر زبان ٲۄۆؤۍٕکٚرٟ", "Noto Naskh Arabic", NASKH),
    "sd": ("سنڌي ٻولي ٻڄڀٽٿڊڏڌڍڦڪڳڱڃڇڻ۽۾", "Noto Naskh Arabic", NASKH),
}


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture corpus (en, hi, ta, ur) built once."""
    project = new_project(tmp_path_factory.mktemp("site") / "repo", FIXTURES / "valid" / "case_studies")
    return build_site(project)


@pytest.fixture(scope="module")
def bare_browser(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A second headless Chromium, whose fontconfig knows DejaVu and nothing else."""
    if not LATIN_ONLY.is_dir():
        # CI never skips for lack of a tool (.ci/run installs the package).
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI needs {LATIN_ONLY} (apt-get install fonts-dejavu-core)")
        pytest.skip(f"no {LATIN_ONLY} (Debian's fonts-dejavu-core)")
    folder = tmp_path_factory.mktemp("fontconfig")
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><dir>{LATIN_ONLY}</dir><cachedir>{folder / 'cache'}</cachedir></fontconfig>\n",
        encoding="utf-8",
    )
    # Launched by the session's Playwright (one sync Playwright per process).
    instance = browser.browser_type.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, env={**os.environ, "FONTCONFIG_FILE": str(config)}
    )
    yield instance
    instance.close()


@pytest.fixture
def page(bare_browser: Any) -> Iterator[Any]:
    """A fresh page in its own context."""
    context = bare_browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def open_from_disk(page: Any, site_dir: Path, path: str) -> None:
    """Open a page of the site from disk, wait for its fonts; no console error meanwhile."""
    # Only while loading: enabling DevTools' DOM domain (glyphs()) logs an error of its own
    # about file: URLs.
    errors: list[str] = []

    def record(message: Any) -> None:
        if message.type == "error":
            errors.append(message.text)

    page.on("console", record)
    page.goto((site_dir / path).as_uri())
    page.evaluate("document.fonts.ready.then(() => 0)")
    page.remove_listener("console", record)
    assert errors == []


def glyphs(page: Any, selector: str) -> tuple[dict[str, int], dict[str, int]]:
    """Glyphs Chromium drew for the first match: (web fonts by name, system fonts by name)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, f"no {selector}"
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    custom = {font["familyName"]: font["glyphCount"] for font in fonts if font["isCustomFont"]}
    system = {font["familyName"]: font["glyphCount"] for font in fonts if not font["isCustomFont"]}
    return custom, system


def loaded_faces(page: Any) -> set[str]:
    """Families of the @font-face rules whose files the page has loaded."""
    faces = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    return {family.strip('"') for family in faces}


def marked_scripts(page: Any) -> set[str]:
    """Families of the whole faces for the text the page marks with `lang` (links to other
    languages' pages and what they hold aside: they show names)."""
    langs = page.evaluate(
        """[...document.querySelectorAll('body [lang]:not([hreflang]):not([hreflang] *)')]
            .filter(el => el.textContent.trim()).map(el => el.lang)"""
    )
    scripts = load_analysis_data().languages
    return {FONTS[scripts[lang].script].family for lang in langs if scripts[lang].script in FONTS}


def add_text(page: Any, text: str, lang: str | None = None, tag: str = "p") -> str:
    """Add a `tag` element (a paragraph) with `text` to the page's content; its selector."""
    page.evaluate(
        """([text, lang, tag]) => {
            const p = document.createElement(tag);
            p.id = 'agk-font-probe';
            p.textContent = text;
            if (lang) p.lang = lang;
            document.querySelector('article, main, body').append(p);
        }""",
        [text, lang, tag],
    )
    page.evaluate("document.fonts.ready.then(() => 0)")
    return "#agk-font-probe"


def test_the_browser_really_has_no_indian_fonts(page: Any) -> None:
    # Without this the other tests would pass on a machine with Noto installed, proving nothing.
    page.set_content(
        '<!doctype html><meta charset="utf-8"><p id="t" style="font-family: sans-serif">हिन्दी</p>'
    )
    custom, system = glyphs(page, "#t")
    assert custom == {}
    assert not any("Devanagari" in name for name in system)
    # Tofu: every letter the same width box, whatever it is.
    widths = page.evaluate(
        """() => ['क', 'ख', 'ॐ', 'ड'].map(c => {
            const s = document.createElement('span'); s.textContent = c;
            document.body.append(s); return s.getBoundingClientRect().width; })"""
    )
    assert len(set(widths)) == 1


def test_a_hindi_page_draws_every_devanagari_letter_with_the_vendored_font(page: Any, site_dir: Path) -> None:
    open_from_disk(page, site_dir, f"hi/{LESSON}")
    custom, system = glyphs(page, "h1")
    heading = page.locator("h1").inner_text()
    assert list(custom) == ["Noto Sans Devanagari"]
    # Spaces, digits and Latin punctuation are the system font's; no Devanagari letter is.
    assert sum(system.values()) == sum(1 for char in heading if not "\u0900" <= char <= "\u097f")
    assert DEVANAGARI in loaded_faces(page)


def test_conjuncts_are_shaped(page: Any, site_dir: Path) -> None:
    open_from_disk(page, site_dir, f"hi/{LESSON}")
    # क्ष and त्र are one glyph each and the i-sign goes before its consonant: the layout
    # features survived subsetting. Unshaped, this would be 2 × 3 + 2 glyphs.
    custom, _ = glyphs(page, add_text(page, "क्षत्रि"))
    assert custom == {"Noto Sans Devanagari": 3}


def test_a_hindi_page_downloads_devanagari_and_no_other_whole_script(page: Any, site_dir: Path) -> None:
    open_from_disk(page, site_dir, f"hi/{LESSON}")
    families = loaded_faces(page)
    whole = {font.family for font in FONTS.values()}
    assert DEVANAGARI in families
    # Other scripts only for what the page shows in them (here an untranslated related case).
    assert families & whole == {DEVANAGARI} | marked_scripts(page)


def test_an_urdu_page_draws_its_letters_in_naskh_not_in_the_system_arabic(page: Any, site_dir: Path) -> None:
    open_from_disk(page, site_dir, f"ur/{DECISION}")
    assert (
        page.locator("html").get_attribute("dir") == "rtl"
        or page.locator("body").get_attribute("dir") == "rtl"
    )
    custom, system = glyphs(page, "h1")
    heading = page.locator("h1").inner_text()
    assert list(custom) == ["Noto Naskh Arabic"]
    # DejaVu Sans has basic Arabic letters, but no Urdu letter may come from it.
    assert sum(system.values()) == sum(1 for char in heading if not "\u0600" <= char <= "\u06ff")
    families = loaded_faces(page)
    assert families & {font.family for font in FONTS.values()} == {NASKH} | marked_scripts(page)


@pytest.mark.parametrize("lang", ["en", "hi", "ur"])
def test_language_names_render_with_the_small_names_faces(page: Any, site_dir: Path, lang: str) -> None:
    open_from_disk(page, site_dir, f"{lang}/{LESSON}")
    # The language list is closed (nothing drawn, nothing loaded) until the reader opens it.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    page.evaluate("document.fonts.ready.then(() => 0)")
    links = page.locator("a[hreflang]")
    assert links.count() >= 4
    for index in range(links.count()):
        link = links.nth(index)
        # The element that holds the name itself, not the white space around it (nor the English
        # name and the "current language" note the language list adds after it).
        probe = "(el) => [...el.querySelectorAll('*')].concat([el]).find(e => e.children.length === 0)"
        name = page.evaluate(
            f"(el) => {{ const e = ({probe})(el); e.setAttribute('data-probe', '1'); return e.textContent.trim(); }}",
            link.element_handle(),
        )
        custom, system = glyphs(page, "[data-probe]")
        page.evaluate("() => document.querySelector('[data-probe]').removeAttribute('data-probe')")
        # Latin, spaces and punctuation such as "—": no face claims them, the system draws them
        # (a space between two runs of a right-to-left link may go with the Naskh run instead).
        latin = sum(1 for char in name if script_of(char) is None)
        drawn = sum(system.values())
        assert latin - name.count(" ") <= drawn <= latin, f"{name!r} has letters in a system font: {system}"
        assert (sum(custom.values()) > 0) == (latin < len(name)), name
    families = loaded_faces(page)
    assert NAMES_FAMILY in families
    # Names of other scripts never pull in their whole faces.
    own = {"en": set(), "hi": {DEVANAGARI}, "ur": {NASKH}}[lang]
    assert families - {NAMES_FAMILY} == own | marked_scripts(page)


def test_text_marked_with_another_language_gets_its_own_script_first(page: Any, site_dir: Path) -> None:
    open_from_disk(page, site_dir, f"hi/{LESSON}")
    custom, system = glyphs(page, add_text(page, "பொது நிர்வாக வழக்கு ஆய்வுகள்", lang="ta"))
    assert list(custom) == ["Noto Sans Tamil"]
    assert sum(system.values()) == 3  # the spaces
    assert FONTS["tamil"].family in loaded_faces(page)


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
def test_santali_manipuri_kashmiri_and_sindhi_text_is_drawn_by_the_shipped_faces(
    page: Any, site_dir: Path, lang: str
) -> None:
    text, font, family = OTHER_SCRIPTS[lang]
    open_from_disk(page, site_dir, f"hi/{LESSON}")
    custom, system = glyphs(page, add_text(page, text, lang=lang))
    # Every letter, sign, digit and mark in the shipped face; only the spaces in DejaVu (which
    # has basic Arabic letters but none of Kashmiri's or Sindhi's own).
    assert list(custom) == [font]
    assert sum(system.values()) == text.count(" ")
    assert family in loaded_faces(page)


@pytest.mark.parametrize("lang", OTHER_SCRIPTS)
def test_their_letters_are_no_tofu(page: Any, site_dir: Path, lang: str) -> None:
    text, _, _ = OTHER_SCRIPTS[lang]
    open_from_disk(page, site_dir, f"hi/{LESSON}")
    letters = sorted({char for char in text if char.isalpha()})
    # Each letter alone, large; last an unassigned code point, which no font has: a box.
    widths = page.evaluate(
        """async ([letters, lang]) => {
            const p = document.createElement('p'); p.lang = lang; p.style.fontSize = '200px';
            document.querySelector('article, main, body').append(p);
            const spans = [...letters, '\u0378'].map(c => {
                const s = document.createElement('span'); s.textContent = c; p.append(s); return s; });
            await document.fonts.ready;
            return spans.map(s => s.getBoundingClientRect().width); }""",
        [letters, lang],
    )
    *drawn, box = widths
    # Boxes all have one width; the letters of a script have several, and are not boxes.
    assert len(set(drawn)) >= 4, drawn
    assert box not in drawn, (box, drawn)


@pytest.mark.parametrize(
    ("lang", "bold"), [("sat", "NotoSansOlChiki-Bold"), ("mni", "NotoSansMeeteiMayek-Bold")]
)
def test_bold_ol_chiki_and_meetei_mayek_use_the_static_bold_face(
    page: Any, site_dir: Path, lang: str, bold: str
) -> None:
    text, _, family = OTHER_SCRIPTS[lang]
    open_from_disk(page, site_dir, f"hi/{LESSON}")
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    selector = add_text(page, text, lang=lang, tag="strong")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    session.detach()
    # The vendored bold, not the regular emboldened by the browser.
    assert [font["postScriptName"] for font in fonts if font["isCustomFont"]] == [bold]
    faces = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)"
    )
    assert {face.replace('"', "") for face in faces} >= {f"{family} 700"}


def test_santali_and_manipuri_names_need_only_the_names_faces(page: Any, site_dir: Path) -> None:
    open_from_disk(page, site_dir, f"en/{LESSON}")
    # As the language switcher shows them once a site has Santali and Manipuri pages.
    page.evaluate(
        """() => {
            const nav = document.createElement('nav');
            nav.innerHTML = '<a id="sat" hreflang="sat" lang="sat" href="#">ᱥᱟᱱᱛᱟᱲᱤ</a> '
                + '<a id="mni" hreflang="mni" lang="mni" href="#">ꯃꯤꯇꯩꯂꯣꯟ</a>';
            document.body.append(nav);
        }"""
    )
    page.evaluate("document.fonts.ready.then(() => 0)")
    for lang in ("sat", "mni"):
        custom, system = glyphs(page, f"#{lang}")
        assert list(custom) == [OTHER_SCRIPTS[lang][1]]
        assert system == {}
    families = loaded_faces(page)
    assert NAMES_FAMILY in families
    assert families.isdisjoint({FONTS["ol_chiki"].family, FONTS["meetei_mayek"].family})
