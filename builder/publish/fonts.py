"""Fonts for the Indian scripts of offline bundles, so that text renders on machines without them.

scripts_for_languages(langs) -> tuple[str, ...]   the scripts those languages are written in
font_files(scripts) -> dict[str, Path]            path in the bundle -> vendored font file
licence_files(scripts) -> dict[str, Path]         path in the bundle -> that font's OFL text
font_css(scripts, url_prefix="") -> str           @font-face rules and the font stacks
missing_fonts(scripts) -> tuple[str, ...]         scripts that need a font nobody vendored yet

The fonts are Noto (SIL Open Font License 1.1), vendored from PyPI: see
builder/assets/vendor/fonts/README.md. The OFL requires each copy of a font to travel with its
licence, so a bundle ships licence_files() next to font_files(). Paths in the bundle are
relative to the folder of the stylesheet that holds font_css() (or give `url_prefix`).

Every @font-face carries a `unicode-range` covering its own script only. That is why the vendored
faces can come first in the font stacks: Latin letters, digits and punctuation are outside every
range and fall through to the reader's own system UI font, while Indic and Urdu text always gets
a complete Noto face instead of whatever a system font happens to cover (Segoe UI, Arial and
DejaVu Sans have Arabic letters but not Urdu's Naskh shapes; a word split between two fonts
loses its joining and conjoining forms). A browser reads a face only when the page has text in
its range, so unused scripts cost nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from search_index.analysis.language_data import load_analysis_data

FONT_ROOT = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "fonts"
BUNDLE_FOLDER = "fonts"
LICENCE_FILE = "OFL.txt"

# Every machine has fonts for Latin: bundles use the reader's system UI font for it.
SYSTEM_SCRIPTS = frozenset({"latin"})
# Scripts of the languages taxonomy with no OFL font available to vendor yet (no package on PyPI
# ships Noto Sans Meetei Mayek or Noto Sans Ol Chiki); missing_fonts() names them for a warning.
UNAVAILABLE_SCRIPTS = frozenset({"meetei_mayek", "ol_chiki"})

# Shaping needs these inside any Indic cluster: ZWNJ/ZWJ choose conjunct forms, and the dotted
# circle is what a shaper draws under a stray combining mark.
_JOINERS = "U+200C-200D, U+25CC"
# Danda and double danda end sentences in most Indic scripts but are encoded in Devanagari only.
_DANDAS = "U+0964-0965"


@dataclass(frozen=True)
class VendoredFont:
    """One vendored font: its CSS family, file, weight axis and the code points it answers for."""

    family: str
    file: str
    weights: tuple[int, int]
    unicode_range: str


def _indic(family: str, file: str, block: str) -> VendoredFont:
    """A Noto Sans face of an Indic script whose letters are in `block`."""
    return VendoredFont(family, file, (400, 700), f"{_DANDAS}, {block}, {_JOINERS}")


# Order matters where ranges overlap (the dandas): the first face in a stack wins, and
# Devanagari, the script the dandas belong to, comes first.
FONTS: Mapping[str, VendoredFont] = MappingProxyType(
    {
        "devanagari": VendoredFont(
            "AGK Noto Sans Devanagari",
            "NotoSansDevanagari-wght.ttf",
            (400, 700),
            f"U+0900-097F, U+1CD0-1CFF, {_JOINERS}, U+A8E0-A8FF",
        ),
        "bengali": _indic("AGK Noto Sans Bengali", "NotoSansBengali-wght.ttf", "U+0980-09FF"),
        "gurmukhi": _indic("AGK Noto Sans Gurmukhi", "NotoSansGurmukhi-wght.ttf", "U+0A00-0A7F"),
        "gujarati": _indic("AGK Noto Sans Gujarati", "NotoSansGujarati-wght.ttf", "U+0A80-0AFF"),
        "oriya": _indic("AGK Noto Sans Oriya", "NotoSansOriya-wght.ttf", "U+0B00-0B7F"),
        "tamil": _indic("AGK Noto Sans Tamil", "NotoSansTamil-wght.ttf", "U+0B80-0BFF"),
        "telugu": _indic("AGK Noto Sans Telugu", "NotoSansTelugu-wght.ttf", "U+0C00-0C7F"),
        "kannada": _indic("AGK Noto Sans Kannada", "NotoSansKannada-wght.ttf", "U+0C80-0CFF"),
        "malayalam": _indic("AGK Noto Sans Malayalam", "NotoSansMalayalam-wght.ttf", "U+0D00-0D7F"),
        # Naskh, not Noto Sans Arabic: Urdu, Kashmiri and Sindhi readers expect a calligraphic
        # style, and no Nastaliq font is available to vendor.
        "arabic": VendoredFont(
            "AGK Noto Naskh Arabic",
            "NotoNaskhArabic-wght.ttf",
            (400, 700),
            "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+200C-200F, U+25CC, U+FB50-FDFF, U+FE70-FEFF",
        ),
    }
)
KNOWN_SCRIPTS = frozenset(FONTS) | SYSTEM_SCRIPTS | UNAVAILABLE_SCRIPTS

TEXT_STACK = (
    "system-ui",
    "-apple-system",
    "BlinkMacSystemFont",
    '"Segoe UI"',
    "Roboto",
    '"Helvetica Neue"',
    "Arial",
    '"Noto Sans"',
    '"Liberation Sans"',
)
CODE_STACK = ("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", '"Liberation Mono"')


def scripts_for_languages(langs: Iterable[str]) -> tuple[str, ...]:
    """The scripts `langs` are written in, sorted, each once (ValueError for unknown codes)."""
    # One table for the whole project: search_index/data/scripts.json maps each language code
    # to the script its analysers expect, which is also the script its text is set in.
    languages = load_analysis_data().languages
    wanted = list(langs)
    unknown = sorted({lang for lang in wanted if lang not in languages})
    if unknown:
        raise ValueError(f"unknown language code(s): {', '.join(unknown)}")
    return tuple(sorted({languages[lang].script for lang in wanted}))


def _vendored(scripts: Iterable[str]) -> list[str]:
    """The scripts among `scripts` that have a vendored font, in FONTS order."""
    wanted = set(scripts)
    unknown = sorted(wanted - KNOWN_SCRIPTS)
    if unknown:
        raise ValueError(f"unknown script(s): {', '.join(unknown)}")
    return [script for script in FONTS if script in wanted]


def missing_fonts(scripts: Iterable[str]) -> tuple[str, ...]:
    """The scripts among `scripts` that need a font and have none vendored, sorted."""
    wanted = set(scripts)
    _vendored(wanted)  # refuses unknown names
    return tuple(sorted(wanted & UNAVAILABLE_SCRIPTS))


def _bundle_path(script: str, file: str) -> str:
    """Where a vendored file goes in a bundle."""
    return f"{BUNDLE_FOLDER}/{script}/{file}"


def font_files(scripts: Iterable[str]) -> dict[str, Path]:
    """Path in the bundle -> vendored font file, for every script that has one."""
    return {_bundle_path(s, FONTS[s].file): FONT_ROOT / s / FONTS[s].file for s in _vendored(scripts)}


def licence_files(scripts: Iterable[str]) -> dict[str, Path]:
    """Path in the bundle -> the OFL text that must accompany each font of font_files()."""
    return {_bundle_path(s, LICENCE_FILE): FONT_ROOT / s / LICENCE_FILE for s in _vendored(scripts)}


def _font_face(script: str, url_prefix: str) -> str:
    """The @font-face rule of one vendored font."""
    font = FONTS[script]
    low, high = font.weights
    return (
        "@font-face {\n"
        f'  font-family: "{font.family}";\n'
        "  font-style: normal;\n"
        f"  font-weight: {low} {high};\n"
        "  font-display: swap;\n"
        f'  src: url("{url_prefix}{_bundle_path(script, font.file)}") format("truetype");\n'
        f"  unicode-range: {font.unicode_range};\n"
        "}\n"
    )


def font_css(scripts: Iterable[str], url_prefix: str = "") -> str:
    """@font-face rules for the vendored fonts of `scripts` and text/code stacks that use them."""
    vendored = _vendored(scripts)
    faces = [f'"{FONTS[script].family}"' for script in vendored]
    text = ", ".join([*faces, *TEXT_STACK])
    code = ", ".join([*faces, *CODE_STACK])
    licences = ", ".join(_bundle_path(script, LICENCE_FILE) for script in vendored)
    notice = f"/* Noto fonts, SIL Open Font License 1.1: {licences}. */\n" if vendored else ""
    return "".join(
        [
            notice,
            *(_font_face(script, url_prefix) for script in vendored),
            # Material for MkDocs takes its fonts from these properties (it appends its own
            # fallbacks); plain pages use the element rules below.
            f":root {{\n  --md-text-font: {text};\n  --md-code-font: {code};\n}}\n",
            f"body {{\n  font-family: {text}, sans-serif;\n}}\n",
            f"code, kbd, pre, samp {{\n  font-family: {code}, monospace;\n}}\n",
        ]
    )
