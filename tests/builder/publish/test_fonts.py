"""Vendored fonts for Indian scripts: the files, their coverage, and the CSS that uses them."""

from __future__ import annotations

import re
import struct
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from builder.model.taxonomy import LANGUAGE_CODES
from builder.publish.archive import write_archive
from builder.publish.fonts import (
    FONT_ROOT,
    FONTS,
    KNOWN_SCRIPTS,
    font_css,
    font_files,
    licence_files,
    missing_fonts,
    scripts_for_languages,
)
from search_index.analysis.language_data import load_analysis_data
from tests.browser import open_page

SIGNATURES = (b"wOF2", b"wOFF", b"\x00\x01\x00\x00", b"OTTO")
URL = re.compile(r'url\("([^"]+)"\)')

# Letters each font must have: vowels, consonants, signs, digits and the letters particular to
# the languages written in the script (Assamese ৰ ৱ, Marathi ळ, Sanskrit ॐ and Vedic marks,
# Odia ୱ, Urdu ٹ ڈ ڑ ں ہ ے, Sindhi ڄ ڻ, Kashmiri ٲ ۆ).
LETTERS = {
    "devanagari": "अआइकखगघङचजञटडणतदनपबमयरलळवशषसह़्ािीुूेैोौंःँॐ०९।॥\u0951\u1cd0\ua8f2",
    "bengali": "অআইকখগঘঙচজঞটডণতদনপবমযরলশষসহৰৱৎ়্ািীুূেৈোৌংঃঁ০৯",
    "gurmukhi": "ਅਆਇਕਖਗਘਙਚਜਞਟਡਣਤਦਨਪਬਮਯਰਲਵਸਹੜ਼੍ਾਿੀੁੂੇੈੋੌੰੱ੦੯ੴ",
    "gujarati": "અઆઇકખગઘઙચજઞટડણતદનપબમયરલળવશષસહ઼્ાિીુૂેૈોૌંઃ૦૯",
    "oriya": "ଅଆଇକଖଗଘଙଚଜଞଟଡଣତଦନପବମଯରଲଳଵଶଷସହୟୱ଼୍ାିୀୁୂେୈୋୌଂଃ୦୯",
    "tamil": "அஆஇஉஎஒகஙசஞடணதநபமயரலவழளறனஜஷஸஹ்ாிீுூெேைொோௌ௦௯ௐ",
    "telugu": "అఆఇఉకఖగఘఙచజఞటడణతదనపబమయరలవశషసహళఱ్ాిీుూెేైొోౌంః౦౯",
    "kannada": "ಅಆಇಉಕಖಗಘಙಚಜಞಟಡಣತದನಪಬಮಯರಲವಶಷಸಹಳೞ್ಾಿೀುೂೆೇೈೊೋೌಂಃ೦೯",
    "malayalam": "അആഇഉകഖഗഘങചജഞടഡണതദനപബമയരലവശഷസഹളഴറൺൻർൽൾ്ാിീുൂെേൈൊോൌംഃ൦൯",
    "arabic": "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۓ۰۹،؛؟۔ٻڀٺٽٿڃڄڇڊڌڍڙڦڪڳڻ۾ٲۆ",
}


def sfnt_tables(data: bytes) -> dict[bytes, bytes]:
    """The tables of a TrueType/OpenType font, by tag."""
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for index in range(count):
        tag, _, offset, length = struct.unpack_from(">4sLLL", data, 12 + 16 * index)
        tables[tag] = data[offset : offset + length]
    return tables


def name_record(tables: dict[bytes, bytes], name_id: int) -> str:
    """A Windows Unicode string of the font's `name` table (ID 0 is the copyright notice)."""
    table = tables[b"name"]
    count, strings = struct.unpack_from(">HH", table, 2)
    for index in range(count):
        platform, _, _, found, length, offset = struct.unpack_from(">6H", table, 6 + 12 * index)
        if platform == 3 and found == name_id:
            return table[strings + offset : strings + offset + length].decode("utf-16-be")
    raise AssertionError(f"no name record {name_id}")


def weight_axis(tables: dict[bytes, bytes]) -> tuple[int, int]:
    """(min, max) of the font's `wght` variation axis."""
    fvar = tables[b"fvar"]
    axes_offset, _, count, size = struct.unpack_from(">HHHH", fvar, 4)
    for index in range(count):
        tag, low, _, high = struct.unpack_from(">4slll", fvar, axes_offset + index * size)
        if tag == b"wght":
            return low >> 16, high >> 16
    raise AssertionError("no wght axis")


def _format4(table: bytes, start: int) -> set[int]:
    """Code points mapped by a cmap format 4 subtable."""
    (segments,) = struct.unpack_from(">H", table, start + 6)
    segments //= 2
    ends = struct.unpack_from(f">{segments}H", table, start + 14)
    starts = struct.unpack_from(f">{segments}H", table, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", table, start + 16 + 4 * segments)
    offsets_at = start + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", table, offsets_at)
    mapped = set()
    for index, (first, last) in enumerate(zip(starts, ends, strict=True)):
        for code in range(first, last + 1):
            if offsets[index] == 0:
                glyph = (code + deltas[index]) & 0xFFFF
            else:
                at = offsets_at + 2 * index + offsets[index] + 2 * (code - first)
                (glyph,) = struct.unpack_from(">H", table, at)
            if glyph and code != 0xFFFF:
                mapped.add(code)
    return mapped


def _format12(table: bytes, start: int) -> set[int]:
    """Code points mapped by a cmap format 12 subtable."""
    (groups,) = struct.unpack_from(">L", table, start + 12)
    mapped: set[int] = set()
    for index in range(groups):
        first, last, _ = struct.unpack_from(">LLL", table, start + 16 + 12 * index)
        mapped.update(range(first, last + 1))
    return mapped


def code_points(tables: dict[bytes, bytes]) -> set[int]:
    """Every code point the font's Unicode cmap subtables map to a glyph."""
    cmap = tables[b"cmap"]
    (count,) = struct.unpack_from(">H", cmap, 2)
    mapped: set[int] = set()
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHL", cmap, 4 + 8 * index)
        if (platform, encoding) not in {(3, 1), (3, 10), (0, 3), (0, 4)}:
            continue
        (kind,) = struct.unpack_from(">H", cmap, offset)
        if kind == 4:
            mapped |= _format4(cmap, offset)
        elif kind == 12:
            mapped |= _format12(cmap, offset)
    return mapped


def parse_ranges(value: str) -> list[tuple[int, int]]:
    """A CSS unicode-range value as inclusive (low, high) pairs."""
    pairs = []
    for part in value.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        pairs.append((int(low, 16), int(high or low, 16)))
    return pairs


def face_ranges(css: str) -> dict[str, list[tuple[int, int]]]:
    """unicode-range of each @font-face in `css`, by font-family."""
    faces = re.findall(r'font-family: "([^"]+)";.*?unicode-range: ([^;]+);', css, flags=re.S)
    return {family: parse_ranges(value) for family, value in faces}


# --- the vendored files ------------------------------------------------------------------------


def test_every_script_with_text_in_the_languages_taxonomy_has_a_font_or_a_reason() -> None:
    scripts = scripts_for_languages(LANGUAGE_CODES)
    assert set(scripts) <= KNOWN_SCRIPTS
    assert set(FONTS) == set(scripts) - {"latin", "meetei_mayek", "ol_chiki"}
    assert missing_fonts(scripts) == ("meetei_mayek", "ol_chiki")


@pytest.mark.parametrize("script", FONTS)
def test_each_font_is_a_real_font_with_a_regular_to_bold_axis(script: str) -> None:
    (path,) = font_files([script]).values()
    data = path.read_bytes()
    assert path.is_file()
    assert data[:4] in SIGNATURES
    tables = sfnt_tables(data)
    assert {b"cmap", b"glyf", b"GSUB", b"GPOS", b"name"} <= set(tables)
    assert weight_axis(tables) == FONTS[script].weights == (400, 700)


@pytest.mark.parametrize("script", FONTS)
def test_each_font_has_the_letters_of_its_script_and_of_its_languages(script: str) -> None:
    (path,) = font_files([script]).values()
    mapped = code_points(sfnt_tables(path.read_bytes()))
    missing = [f"U+{ord(char):04X}" for char in LETTERS[script] if ord(char) not in mapped]
    assert missing == []


@pytest.mark.parametrize("script", FONTS)
def test_each_font_ships_with_its_licence_and_copyright_notice(script: str) -> None:
    ((bundle_path, path),) = font_files([script]).items()
    ((licence_path, licence),) = licence_files([script]).items()
    assert licence_path == f"{PurePosixPath(bundle_path).parent}/OFL.txt"
    assert licence.parent == path.parent == FONT_ROOT / script
    text = licence.read_text(encoding="utf-8")
    assert text.splitlines()[0] == name_record(sfnt_tables(path.read_bytes()), 0)
    assert "SIL OPEN FONT LICENSE Version 1.1" in text


def test_the_readme_records_each_vendored_file() -> None:
    readme = (FONT_ROOT / "README.md").read_text(encoding="utf-8")
    for script, font in FONTS.items():
        assert f"`{font.file}`" in readme
        assert f"{(FONT_ROOT / script / font.file).stat().st_size:,}" in readme


# --- languages, files and CSS ------------------------------------------------------------------


def test_languages_map_to_their_scripts() -> None:
    assert scripts_for_languages(["hi", "mr", "ne", "sa"]) == ("devanagari",)
    assert scripts_for_languages(["as", "bn"]) == ("bengali",)
    assert scripts_for_languages(["ur", "ks", "sd"]) == ("arabic",)
    assert scripts_for_languages(["ta", "en", "ta"]) == ("latin", "tamil")
    assert scripts_for_languages(["pa", "gu", "or", "te", "kn", "ml"]) == (
        "gujarati", "gurmukhi", "kannada", "malayalam", "oriya", "telugu",
    )  # fmt: skip
    assert scripts_for_languages([]) == ()


def test_unknown_languages_and_scripts_are_refused() -> None:
    with pytest.raises(ValueError, match="xx, zz"):
        scripts_for_languages(["hi", "zz", "xx"])
    with pytest.raises(ValueError, match="klingon"):
        font_files(["klingon"])
    with pytest.raises(ValueError, match="klingon"):
        font_css(["devanagari", "klingon"])


def test_latin_needs_no_font_and_gets_the_system_stack() -> None:
    assert font_files(["latin"]) == {} == licence_files(["latin"])
    css = font_css(["latin"])
    assert "@font-face" not in css
    assert "body {\n  font-family: system-ui," in css


@pytest.mark.parametrize("prefix", ["", "../../"])
def test_the_css_references_exactly_the_font_files(prefix: str) -> None:
    scripts = sorted(KNOWN_SCRIPTS)
    files = font_files(scripts)
    css = font_css(scripts, url_prefix=prefix)
    assert sorted(URL.findall(css)) == sorted(prefix + name for name in files)
    assert css.count("@font-face") == len(files) == len(FONTS)
    assert css.count("font-display: swap;") == len(FONTS)
    assert all(path.is_file() for path in files.values())


def test_only_the_requested_scripts_are_included() -> None:
    css = font_css(["tamil", "latin"])
    assert URL.findall(css) == ["fonts/tamil/NotoSansTamil-wght.ttf"]
    assert list(font_files(["tamil", "latin"])) == ["fonts/tamil/NotoSansTamil-wght.ttf"]
    assert list(licence_files(["tamil"])) == ["fonts/tamil/OFL.txt"]


def test_faces_claim_their_script_and_never_latin() -> None:
    css = font_css(list(FONTS))
    ranges = face_ranges(css)
    assert sorted(ranges) == sorted(font.family for font in FONTS.values())
    for script, font in FONTS.items():
        covered = ranges[font.family]
        assert all(any(low <= ord(char) <= high for low, high in covered) for char in LETTERS[script])
        # Latin letters, digits and punctuation stay with the reader's system font.
        assert not any(low <= 0x024F and high >= 0x0020 for low, high in covered)


def test_stacks_put_the_vendored_faces_before_the_system_fonts_and_end_generic() -> None:
    css = font_css(["devanagari", "arabic", "latin"])
    body = re.search(r"body \{\n  font-family: ([^;]+);", css)
    code = re.search(r"code, kbd, pre, samp \{\n  font-family: ([^;]+);", css)
    assert body and code
    families = [family.strip() for family in body.group(1).split(",")]
    assert families[:3] == ['"AGK Noto Sans Devanagari"', '"AGK Noto Naskh Arabic"', "system-ui"]
    assert families[-1] == "sans-serif"
    assert code.group(1).endswith("monospace")
    assert '--md-text-font: "AGK Noto Sans Devanagari", "AGK Noto Naskh Arabic", system-ui' in css


def test_the_language_table_is_the_search_analysers_table() -> None:
    languages = load_analysis_data().languages
    assert {code: scripts_for_languages([code]) for code in languages} == {
        code: (rules.script,) for code, rules in languages.items()
    }


# --- in a browser, from an extracted bundle ----------------------------------------------------


TEXTS = {
    "en": "Public administration case studies, 2024 (₹ 12.5 crore).",
    "hi": "लोक प्रशासन के केस अध्ययन। क़ानून",
    "ta": "பொது நிர்வாக வழக்கு ஆய்வுகள்",
    "ur": "عوامی انتظامیہ کے کیس اسٹڈیز۔",
}


def page_html(texts: dict[str, str]) -> str:
    """A page with one paragraph per language, styled by the bundle's fonts.css."""
    paragraphs = "".join(
        f'<p id="{lang}" lang="{lang}" dir="{"rtl" if lang == "ur" else "ltr"}">{text}</p>\n'
        for lang, text in texts.items()
    )
    head = '<meta charset="utf-8"><link rel="stylesheet" href="assets/fonts.css">'
    return f'<!doctype html>\n<html lang="en"><head>{head}</head><body>\n{paragraphs}</body></html>\n'


def glyphs(page: Any, lang: str) -> tuple[dict[str, int], int]:
    """Glyphs Chromium drew for the paragraph in `lang`: (web font family -> count, system count)."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": f"#{lang}"})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    custom = {font["familyName"]: font["glyphCount"] for font in fonts if font["isCustomFont"]}
    return custom, sum(font["glyphCount"] for font in fonts if not font["isCustomFont"])


@pytest.mark.browser
def test_an_extracted_bundle_renders_each_script_with_its_font_and_latin_with_the_system(
    browser: Any, tmp_path: Path
) -> None:
    scripts = scripts_for_languages(["en", "hi", "ta", "ur"])
    files: dict[str, Path | bytes] = {
        "index.html": page_html(TEXTS).encode(),
        "assets/fonts.css": font_css(scripts).encode(),
        **{
            f"assets/{name}": path for name, path in {**font_files(scripts), **licence_files(scripts)}.items()
        },
    }
    bundle = write_archive(files, tmp_path / "bundle.zip", {"languages": ["en", "hi", "ta", "ur"]}).path
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path / "out")
    watch = open_page(browser)
    try:
        watch.page.goto((tmp_path / "out" / "index.html").as_uri())
        watch.page.evaluate("document.fonts.ready")
        # Every letter in the vendored font; only the spaces between words in the system font.
        for lang, family in [
            ("hi", "Noto Sans Devanagari"),
            ("ta", "Noto Sans Tamil"),
            ("ur", "Noto Naskh Arabic"),
        ]:
            custom, system = glyphs(watch.page, lang)
            assert list(custom) == [family]
            assert system == TEXTS[lang].count(" ")
        custom, system = glyphs(watch.page, "en")
        assert (custom, system) == ({}, len(TEXTS["en"]))
        assert watch.errors == []
        assert watch.external_requests() == []
    finally:
        watch.page.context.close()
