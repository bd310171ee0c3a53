"""Vendored fonts for Indian scripts: the files, their coverage, and the CSS that uses them."""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

import pytest

from builder.model.taxonomy import LANGUAGE_CODES, languages
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
from builder.site import fonts as site_fonts
from builder.site.fonts import NAMES_FAMILY, names_letters, script_of
from search_index.analysis.language_data import load_analysis_data
from tests.browser import open_page

URL = re.compile(r'url\("([^"]+)"\)')

# Letters each font must have: vowels, consonants, signs, digits and the letters particular to
# the languages written in the script (Assamese ৰ ৱ, Marathi ळ, Sanskrit ॐ and Vedic marks,
# Odia ୱ, Urdu ٹ ڈ ڑ ں ہ ے, Sindhi ڄ ڻ ڏ ڱ ۽, Kashmiri ٲ ۆ ۄ ۍ and its vowel marks ٕ ٚ ٟ);
# all of Ol Chiki, Meetei Mayek's letters, signs, digits and extensions.
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
    "ol_chiki": "".join(chr(point) for point in range(0x1C50, 0x1C80)),
    "meetei_mayek": "ꯀꯁꯂꯃꯄꯅꯆꯇꯈꯉꯊꯋꯌꯍꯎꯏꯐꯑꯒꯓꯔꯕꯖꯗꯘꯙꯚꯛꯜꯝꯞꯟꯠꯡꯢꯣꯤꯥꯦꯧꯨꯩꯪ꯫꯬꯭꯰꯹ꫠꫪ꫰꫱ꫵ꫶",
    # Kashmiri's marks after a letter each: ۍٕ کٚ رٟ.
    "arabic": "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےۓ۰۹،؛؟۔ٻڀٺٽٿڃڄڇڊڌڍڙڦڪڳڻ۾ٲۆڏڱ۽ۄؤۍٕکٚرٟ",
}

# The 63 table tags a WOFF2 directory names by index (the WOFF2 specification, section 5.1).
WOFF2_TAGS = (
    "cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC gasp "
    "hdmx kern LTSH PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL "
    "SVG  sbix acnt avar bdat bloc bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx "
    "opbd prop trak Zapf Silf Glat Gloc Feat Sill"
)


def _base128(data: bytes, at: int) -> tuple[int, int]:
    """A WOFF2 UIntBase128 at `at`: (value, offset after it)."""
    value = 0
    for index in range(5):
        byte = data[at + index]
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value, at + index + 1
    raise AssertionError("UIntBase128 longer than 5 bytes")


def woff2_tables(data: bytes) -> set[str]:
    """Tags of the tables in a WOFF2 file, read from its (uncompressed) table directory."""
    assert data[:4] == b"wOF2"
    (count,) = struct.unpack_from(">H", data, 12)
    tags = [WOFF2_TAGS[i : i + 4] for i in range(0, len(WOFF2_TAGS), 5)]
    tables, at = set(), 48
    for _ in range(count):
        flags = data[at]
        at += 1
        if flags & 0x3F == 0x3F:
            tag, at = data[at : at + 4].decode("latin-1"), at + 4
        else:
            tag = tags[flags & 0x3F]
        _, at = _base128(data, at)
        version = flags >> 6
        if (tag in {"glyf", "loca"} and version == 0) or (tag not in {"glyf", "loca"} and version != 0):
            _, at = _base128(data, at)  # transformLength
        tables.add(tag.strip())
    return tables


def parse_ranges(value: str) -> list[tuple[int, int]]:
    """A CSS unicode-range value as inclusive (low, high) pairs."""
    pairs = []
    for part in value.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        pairs.append((int(low, 16), int(high or low, 16)))
    return pairs


def face_ranges(css: str) -> dict[str, list[list[tuple[int, int]]]]:
    """unicode-range of each @font-face in `css`, by font-family (a family may have several)."""
    faces = re.findall(r'font-family: "([^"]+)";.*?unicode-range: ([^;]+);', css, flags=re.S)
    ranges: dict[str, list[list[tuple[int, int]]]] = {}
    for family, value in faces:
        ranges.setdefault(family, []).append(parse_ranges(value))
    return ranges


# --- the vendored files ------------------------------------------------------------------------


def test_every_script_with_text_in_the_languages_taxonomy_has_a_font_or_a_reason() -> None:
    scripts = scripts_for_languages(LANGUAGE_CODES)
    assert set(scripts) <= KNOWN_SCRIPTS
    assert set(FONTS) == set(scripts) - {"latin"}
    assert missing_fonts(scripts) == ()


@pytest.mark.parametrize("script", FONTS)
def test_each_script_has_whole_faces_for_400_to_700_and_a_static_names_face(script: str) -> None:
    font = FONTS[script]
    names = (FONT_ROOT / script / font.names_file).read_bytes()
    # Ol Chiki needs no shaping: its upstream font has no layout tables.
    shaping = {"cmap", "glyf", "name"} | (set() if script == "ol_chiki" else {"GSUB", "GPOS", "GDEF"})
    assert font.weights == (400, 700)
    # One variable file, or a static regular and bold (no axis).
    assert [weights for _, weights in font.whole_faces()] in ([(400, 700)], [(400, 400), (700, 700)])
    for file, _ in font.whole_faces():
        whole = (FONT_ROOT / script / file).read_bytes()
        axis = {"fvar", "gvar"} if font.bold_file is None else set()
        assert shaping | axis <= woff2_tables(whole)
        assert font.bold_file is None or "fvar" not in woff2_tables(whole)
        # Subset to one script: far smaller than the upstream files (14.5 to 307.6 kB).
        assert len(whole) < 85_000
    assert shaping <= woff2_tables(names)
    assert "fvar" not in woff2_tables(names)
    assert len(names) < 15_000


@pytest.mark.parametrize("script", FONTS)
def test_each_font_ships_with_its_licence_and_copyright_notice(script: str) -> None:
    files = font_files([script])
    ((licence_path, licence),) = licence_files([script]).items()
    assert all(PurePosixPath(name).parent == PurePosixPath(licence_path).parent for name in files)
    assert all(path.parent == licence.parent == FONT_ROOT / script for path in files.values())
    text = licence.read_text(encoding="utf-8")
    # tools/vendor_fonts.py checks that this line is the font's own notice (name ID 0).
    assert re.fullmatch(
        r"Copyright 20\d\d The Noto Project Authors \(https://github.com/\S+\)"
        r"|Copyright 20\d\d Google (LLC|Inc)\. All Rights Reserved\.",  # Debian's Noto of 2020
        text.splitlines()[0],
    )
    assert "SIL OPEN FONT LICENSE Version 1.1" in text


def test_the_readme_records_each_vendored_file_with_its_size_and_sha256() -> None:
    readme = (FONT_ROOT / "README.md").read_text(encoding="utf-8")
    for script, font in FONTS.items():
        for name in (*(file for file, _ in font.whole_faces()), font.names_file):
            data = (FONT_ROOT / script / name).read_bytes()
            assert f"`{name}`" in readme
            assert f"{len(data):,}" in readme
            assert hashlib.sha256(data).hexdigest() in readme


def test_the_names_faces_hold_the_letters_of_every_language_name() -> None:
    # Changed names (a CLDR update) need tools/vendor_fonts.py run again.
    expected: dict[str, set[str]] = {script: set() for script in FONTS}
    for language in languages().values():
        for char in language.native_name:
            if (script := script_of(char)) is not None:
                expected[script].add(char)
    assert {script: set(letters) for script, letters in names_letters().items()} == expected
    assert all(expected[script] for script in FONTS)


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
    assert "--agk-system: system-ui," in css
    assert "--md-text-font: , " not in css and "--md-text-font: var(--agk-system);" in css


@pytest.mark.parametrize("prefix", ["", "../../../"])
def test_the_css_references_exactly_the_font_files(prefix: str) -> None:
    scripts = sorted(KNOWN_SCRIPTS)
    files = font_files(scripts)
    css = font_css(scripts, url_prefix=prefix)
    assert sorted(URL.findall(css)) == sorted(prefix + name for name in files)
    # Two faces per script, three for a static pair (regular and bold).
    faces = sum(len(font.whole_faces()) + 1 for font in FONTS.values())
    assert css.count("@font-face") == len(files) == faces
    assert css.count("font-display: swap;") == faces
    assert css.count('format("woff2")') == faces
    assert all(path.is_file() and path.suffix == ".woff2" for path in files.values())


def test_only_the_requested_scripts_are_included() -> None:
    tamil = ["fonts/tamil/NotoSansTamil-wght.woff2", "fonts/tamil/NotoSansTamil-names.woff2"]
    assert URL.findall(font_css(["tamil", "latin"])) == tamil
    assert list(font_files(["tamil", "latin"])) == tamil
    assert list(licence_files(["tamil"])) == ["fonts/tamil/OFL.txt"]


def test_the_site_and_a_bundle_share_the_files_and_the_rules() -> None:
    # A language site's stylesheet is <lang>/assets/fonts/fonts.css, next to its own copy of the
    # fonts; a bundle's points three folders up, to the one copy in fonts/.
    site = site_fonts.font_css(FONTS)
    expected = site.replace('url("', 'url("../../../fonts/')
    for script in FONTS:
        expected = expected.replace(f" {script}/OFL.txt", f" ../../../fonts/{script}/OFL.txt")
    assert font_css(FONTS, url_prefix="../../../") == expected
    assert {f"fonts/{name}": path for name, path in site_fonts.font_files(FONTS).items()} == font_files(FONTS)


def test_faces_claim_their_script_and_never_latin() -> None:
    css = font_css(list(FONTS))
    ranges = face_ranges(css)
    assert sorted(ranges) == sorted([NAMES_FAMILY, *(font.family for font in FONTS.values())])
    latin = range(0x20, 0x250)
    for script, font in FONTS.items():
        # A static pair's two faces claim the same range.
        covered, *others = ranges[font.family]
        assert all(other == covered for other in others)
        assert all(any(low <= ord(char) <= high for low, high in covered) for char in LETTERS[script])
        # Latin letters, digits and punctuation stay with the reader's system font.
        assert not any(low <= latin[-1] and high >= latin[0] for low, high in covered)
    # A names face claims exactly the letters it holds, all inside its script's range.
    letters = names_letters()
    claimed = sorted(
        chr(point) for face in ranges[NAMES_FAMILY] for low, high in face for point in range(low, high + 1)
    )
    assert claimed == sorted("".join(letters.values()))
    assert all(script_of(char) == script for script, text in letters.items() for char in text)


def _declaration(css: str, selector: str, name: str) -> list[str]:
    """The families of declaration `name` in the rule whose selector list starts with `selector`."""
    found = re.search(rf"(?m)^{re.escape(selector)}[^{{]*\{{[^}}]*?  {re.escape(name)}: ([^;]+);", css)
    assert found, f"no {name} in {selector}"
    return [family.strip() for family in found.group(1).split(",")]


def test_each_language_gets_its_script_first_and_names_before_other_scripts() -> None:
    css = font_css(["devanagari", "tamil", "arabic", "latin"])
    deva, tamil, naskh = (f'"{FONTS[s].family}"' for s in ("devanagari", "tamil", "arabic"))
    names = f'"{NAMES_FAMILY}"'
    # Latin pages: every whole face, each claiming its own script only, then the system fonts.
    assert _declaration(css, ":root", "--md-text-font") == [deva, tamil, naskh, "var(--agk-system)"]
    assert _declaration(css, ":root", "--agk-names-font") == [names, deva, tamil, naskh, "var(--agk-system)"]
    assert _declaration(css, 'html[lang|="brx"]', "--md-text-font")[0] == deva
    assert _declaration(css, 'html[lang|="ta"]', "--md-text-font") == [
        tamil,
        deva,
        naskh,
        "var(--agk-system)",
    ]
    assert _declaration(css, 'html[lang|="ta"]', "--agk-names-font")[:3] == [tamil, names, deva]
    assert _declaration(css, 'html[lang|="ks"]', "--md-code-font") == [naskh, deva, tamil, "var(--agk-mono)"]
    # Text marked with a language inside a page: that language's script first.
    assert _declaration(css, 'body [lang|="ks"]', "--md-text-font")[0] == naskh
    assert "  font-family: var(--md-text-font), sans-serif;" in css
    assert "code, kbd, pre, samp {\n  font-family: var(--md-code-font), monospace;\n}" in css
    # Language names (switcher links, cards, "translated from") use the page's names stack.
    assert "body [hreflang], body .agk-card__meta" in css
    assert css.rstrip().endswith("font-family: var(--agk-names-font), sans-serif;\n}")


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
        # Checked before glyphs(): enabling DevTools' DOM domain logs an error about file: URLs.
        assert watch.errors == []
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
        assert watch.external_requests() == []
    finally:
        watch.page.context.close()


def _extracted(tmp_path: Path, html: str) -> Path:
    """A zip with `html` as index.html and every font, extracted; the index.html."""
    scripts = list(FONTS)
    files: dict[str, Path | bytes] = {
        "index.html": html.encode(),
        "assets/fonts.css": font_css(scripts).encode(),
        **{
            f"assets/{name}": path for name, path in {**font_files(scripts), **licence_files(scripts)}.items()
        },
    }
    bundle = write_archive(files, tmp_path / "bundle.zip", {"languages": ["en"]}).path
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(tmp_path / "out")
    return tmp_path / "out" / "index.html"


@pytest.mark.browser
def test_every_letter_of_each_script_is_drawn_by_its_font(browser: Any, tmp_path: Path) -> None:
    # One word per script: a combining sign after a space would make a cluster with the space.
    paragraphs = {script: LETTERS[script] for script in FONTS}
    html = "".join(
        f'<p id="{script}" lang="{languages_of(script)}">{text}</p>' for script, text in paragraphs.items()
    )
    index = _extracted(tmp_path, page_html({}).replace("</body>", html + "</body>"))
    watch = open_page(browser)
    try:
        watch.page.goto(index.as_uri())
        watch.page.evaluate("document.fonts.ready.then(() => 0)")
        for script in paragraphs:
            custom, system = glyphs(watch.page, script)
            # Every letter, sign and digit drawn by one web font, none by the system's.
            assert len(custom) == 1, script
            assert system == 0, script
    finally:
        watch.page.context.close()


@pytest.mark.browser
def test_language_names_need_only_the_names_faces(browser: Any, tmp_path: Path) -> None:
    links = "".join(
        f'<a id="name-{code}" hreflang="{code}" lang="{code}" href="#">{language.native_name}</a> '
        for code, language in languages().items()
        if code != "en"  # English is Latin
    )
    index = _extracted(tmp_path, page_html({}).replace("</body>", f"<nav>{links}</nav></body>"))
    watch = open_page(browser)
    try:
        watch.page.goto(index.as_uri())
        watch.page.evaluate("document.fonts.ready.then(() => 0)")
        loaded = watch.page.evaluate(
            "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replaceAll('\"', ''))"
        )
        # One names face per script, and no whole face: an English page with a language list.
        assert sorted(loaded) == [NAMES_FAMILY] * len(FONTS)
        for code, language in languages().items():
            if code == "en":
                continue
            custom, system = glyphs(watch.page, f"name-{code}")
            assert sum(custom.values()) > 0, code
            assert system == sum(1 for char in language.native_name if script_of(char) is None), code
        assert watch.external_requests() == []
    finally:
        watch.page.context.close()


def languages_of(script: str) -> str:
    """A language code written in `script`."""
    return next(
        code for code, rules in sorted(load_analysis_data().languages.items()) if rules.script == script
    )
