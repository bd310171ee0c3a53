"""Fonts for the Indian scripts of every page, so that text renders on machines without them.

FONTS                                   script -> its vendored faces (whole script, language names)
font_css(scripts, url_prefix="") -> str @font-face rules and the font stacks of every language
font_files(scripts) -> dict[str, Path]  path in the fonts folder -> vendored WOFF2 file
licence_files(scripts) -> dict[str, Path]  path in the fonts folder -> that font's OFL text
write_site_fonts(folder)                the fonts, licences and fonts.css of a language site

The fonts are Noto (SIL Open Font License 1.1), subset to their script and converted to WOFF2
once, when they were vendored (tools/vendor_fonts.py; builder/assets/vendor/fonts/README.md):
building the site only copies them. Every language site carries them in `assets/fonts/`, linked
from the theme (`main.html`); bundles keep one copy at their root (builder.publish.fonts).

Every @font-face carries a `unicode-range` covering its own script only. That is why the vendored
faces can come first in the font stacks: Latin letters, digits and punctuation are outside every
range and fall through to the reader's own system UI font, while Indic and Urdu text always gets
a complete Noto face instead of whatever a system font happens to cover (a word split between
two fonts loses its joining and conjoining forms). A browser downloads a face only when the page
has text in its range, so a Hindi page loads the Devanagari face and nothing else of size.

Every page also shows the names of the other languages (the language switcher, cards, the
translations of a case). So that these do not pull in eleven whole scripts, each script has a
second, tiny face with the glyphs of the language names only, in the family NAMES_FAMILY, whose
`unicode-range` lists exactly the letters of those names. A page's stack (Material's --md-*
properties) is its own script's face, then the whole faces of the other scripts; text marked
with `lang` gets its own script first. Where other scripts only name languages (NAME_CONTEXTS),
the stack --agk-names-font puts the names faces after the page's script and before the other
whole faces. Names faces never serve running text, so a word is never split between two subsets.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType

from search_index.analysis.language_data import load_analysis_data

FONT_ROOT = Path(__file__).resolve().parents[1] / "assets" / "vendor" / "fonts"
# Where a language site carries the fonts, relative to its root; the stylesheet is in it.
SITE_FOLDER = "assets/fonts"
STYLESHEET = "fonts.css"
LICENCE_FILE = "OFL.txt"
# The letters each names face holds, by script: written by tools/vendor_fonts.py.
NAMES_FILE = "names.json"
NAMES_FAMILY = "AGK Language Names"
# Elements whose text in other scripts is language names: links to another language's pages (the
# language switcher, a case's translations), a card's list of languages, "translated from",
# select boxes (the languages filter). Their stack has the names faces before the whole faces.
NAME_CONTEXTS = ("[hreflang]", ".agk-card__meta", ".agk-translated", "select")
# The names faces are static instances of this weight (tools/vendor_fonts.py).
NAMES_WEIGHT = 400

# Shaping needs these inside any Indic cluster: ZWNJ/ZWJ choose conjunct forms, and the dotted
# circle is what a shaper draws under a stray combining mark.
_JOINERS = "U+200C-200D, U+25CC"
# Danda and double danda end sentences in most Indic scripts but are encoded in Devanagari only.
_DANDAS = "U+0964-0965"


@dataclass(frozen=True)
class VendoredFont:
    """One vendored font: its CSS family, files, weight axis and the code points it answers for."""

    family: str
    file: str
    names_file: str
    weights: tuple[int, int]
    unicode_range: str
    # A static font's bold file (weight 700; `file` is then its regular, 400); None when `file`
    # is variable and holds every weight of `weights`.
    bold_file: str | None = None

    def whole_faces(self) -> tuple[tuple[str, tuple[int, int]], ...]:
        """(file, weights) of each @font-face of the whole script."""
        if self.bold_file is None:
            return ((self.file, self.weights),)
        return ((self.file, (400, 400)), (self.bold_file, (700, 700)))


def _face(family: str, stem: str, unicode_range: str) -> VendoredFont:
    """A variable Noto face (wght 400-700) and its language-names subset, both WOFF2."""
    return VendoredFont(family, f"{stem}-wght.woff2", f"{stem}-names.woff2", (400, 700), unicode_range)


def _static(family: str, stem: str, unicode_range: str) -> VendoredFont:
    """A static Noto pair (Regular 400, Bold 700) and its language-names subset, all WOFF2."""
    # No variable build of these was available; the pair costs 14 to 16 kB, and a page loads the
    # bold file only when it shows bold text in that script, so real bold beats a synthetic one.
    return VendoredFont(
        family,
        f"{stem}-Regular.woff2",
        f"{stem}-names.woff2",
        (400, 700),
        unicode_range,
        f"{stem}-Bold.woff2",
    )


def _indic(family: str, stem: str, block: str) -> VendoredFont:
    """A Noto Sans face of an Indic script whose letters are in `block`."""
    return _face(family, stem, f"{_DANDAS}, {block}, {_JOINERS}")


# Order matters where ranges overlap (the dandas, the joiners): the first face in a stack wins,
# and Devanagari, the script the dandas belong to, comes first.
FONTS: Mapping[str, VendoredFont] = MappingProxyType(
    {
        "devanagari": _face(
            "AGK Noto Sans Devanagari",
            "NotoSansDevanagari",
            f"U+0900-097F, U+1CD0-1CFF, {_JOINERS}, U+A8E0-A8FF",
        ),
        "bengali": _indic("AGK Noto Sans Bengali", "NotoSansBengali", "U+0980-09FF"),
        "gurmukhi": _indic("AGK Noto Sans Gurmukhi", "NotoSansGurmukhi", "U+0A00-0A7F"),
        "gujarati": _indic("AGK Noto Sans Gujarati", "NotoSansGujarati", "U+0A80-0AFF"),
        "oriya": _indic("AGK Noto Sans Oriya", "NotoSansOriya", "U+0B00-0B7F"),
        "tamil": _indic("AGK Noto Sans Tamil", "NotoSansTamil", "U+0B80-0BFF"),
        "telugu": _indic("AGK Noto Sans Telugu", "NotoSansTelugu", "U+0C00-0C7F"),
        "kannada": _indic("AGK Noto Sans Kannada", "NotoSansKannada", "U+0C80-0CFF"),
        "malayalam": _indic("AGK Noto Sans Malayalam", "NotoSansMalayalam", "U+0D00-0D7F"),
        # Ol Chiki has its own punctuation and digits and no conjuncts: no dandas, no joiners
        # (the font has none of them).
        "ol_chiki": _static("AGK Noto Sans Ol Chiki", "NotoSansOlChiki", "U+1C50-1C7F"),
        # Meetei Mayek (the script Manipuri is shipped in): its letters and the extensions
        # block; the apun iyek (U+ABED) joins clusters, hence the joiners.
        "meetei_mayek": _static(
            "AGK Noto Sans Meetei Mayek", "NotoSansMeeteiMayek", f"U+AAE0-AAFF, U+ABC0-ABFF, {_JOINERS}"
        ),
        # Naskh, not Noto Sans Arabic: Urdu, Kashmiri and Sindhi readers expect a calligraphic
        # style. Not Nastaliq, even for Kashmiri text: the only OFL build at hand (Noto Nastaliq
        # Urdu 2.000) lacks Kashmiri's ٚ (U+065A) and ۏ (U+06CF) and Sindhi's ڪ ۽ ۾, and a
        # word split between two fonts loses its joining; subset to this range it is 140 kB for
        # the regular alone (Naskh: 62 kB for both weights), and its line box is 2.5 em
        # (Naskh's 1.7). Of the presentation forms only the ligatures of honorifics
        # (U+FDF0-FDFF, e.g. ﷺ) are kept: shaping never needs the others, and they would add
        # half again to the file.
        "arabic": _face(
            "AGK Noto Naskh Arabic",
            "NotoNaskhArabic",
            "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+200C-200F, U+25CC, U+FDF0-FDFF",
        ),
    }
)

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


def code_points(unicode_range: str) -> list[int]:
    """Every code point of a CSS unicode-range value, in order."""
    points: list[int] = []
    for part in unicode_range.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        points.extend(range(int(low, 16), int(high or low, 16) + 1))
    return points


def unicode_range(points: Iterable[int]) -> str:
    """A CSS unicode-range value covering exactly `points`, consecutive ones as spans."""
    spans: list[list[int]] = []
    for point in sorted(set(points)):
        if spans and spans[-1][1] == point - 1:
            spans[-1][1] = point
        else:
            spans.append([point, point])
    return ", ".join(f"U+{low:04X}" if low == high else f"U+{low:04X}-{high:04X}" for low, high in spans)


def script_of(char: str) -> str | None:
    """The vendored script whose face answers for `char` first, or None (system fonts)."""
    for script in FONTS:
        if ord(char) in _ranges(script):
            return script
    return None


@cache
def _ranges(script: str) -> frozenset[int]:
    return frozenset(code_points(FONTS[script].unicode_range))


@cache
def names_letters() -> Mapping[str, str]:
    """The letters of the language names each names face holds, by script (vendored data)."""
    data = json.loads((FONT_ROOT / NAMES_FILE).read_text(encoding="utf-8"))
    return MappingProxyType({script: str(data[script]) for script in FONTS})


def _vendored(scripts: Iterable[str]) -> list[str]:
    """The scripts among `scripts` that have a vendored font, in FONTS order."""
    wanted = set(scripts)
    return [script for script in FONTS if script in wanted]


def font_files(scripts: Iterable[str]) -> dict[str, Path]:
    """Path in the fonts folder -> vendored WOFF2 file, both faces of every script that has one."""
    files = {}
    for script in _vendored(scripts):
        whole = [file for file, _ in FONTS[script].whole_faces()]
        for name in (*whole, FONTS[script].names_file):
            files[f"{script}/{name}"] = FONT_ROOT / script / name
    return files


def licence_files(scripts: Iterable[str]) -> dict[str, Path]:
    """Path in the fonts folder -> the OFL text that must accompany each font of font_files()."""
    return {f"{s}/{LICENCE_FILE}": FONT_ROOT / s / LICENCE_FILE for s in _vendored(scripts)}


def _font_face(family: str, url: str, weights: tuple[int, int], points: str) -> str:
    """One @font-face rule."""
    low, high = weights
    weight = f"{low}" if low == high else f"{low} {high}"
    return (
        "@font-face {\n"
        f'  font-family: "{family}";\n'
        "  font-style: normal;\n"
        f"  font-weight: {weight};\n"
        "  font-display: swap;\n"
        f'  src: url("{url}") format("woff2");\n'
        f"  unicode-range: {points};\n"
        "}\n"
    )


def _stack(first: str | None, vendored: Sequence[str], names: bool) -> list[str]:
    """Faces of a font stack: `first`'s script, then (if `names`) the names faces, then the rest."""
    whole = [f'"{FONTS[script].family}"' for script in vendored if script != first]
    lead = [f'"{FONTS[first].family}"'] if first else []
    return [*lead, *([f'"{NAMES_FAMILY}"'] if names else []), *whole]


def _languages(vendored: Sequence[str]) -> dict[str, list[str]]:
    """Language codes by vendored script, for the `lang` selectors."""
    by_script: dict[str, list[str]] = {script: [] for script in vendored}
    for code, rules in sorted(load_analysis_data().languages.items()):
        if rules.script in by_script:
            by_script[rules.script].append(code)
    return by_script


def _faces_css(vendored: Sequence[str], names: Sequence[str], url_prefix: str) -> list[str]:
    """The @font-face rules: whole faces of `vendored`, then names faces of `names`."""
    letters = names_letters()
    faces = [
        _font_face(FONTS[s].family, f"{url_prefix}{s}/{file}", weights, FONTS[s].unicode_range)
        for s in vendored
        for file, weights in FONTS[s].whole_faces()
    ]
    return faces + [
        _font_face(
            NAMES_FAMILY,
            f"{url_prefix}{s}/{FONTS[s].names_file}",
            (NAMES_WEIGHT, NAMES_WEIGHT),
            unicode_range(ord(char) for char in letters[s]),
        )
        for s in names
    ]


def _stacks(first: str | None, vendored: Sequence[str], names: bool) -> str:
    """Declarations of the text and code stacks with `first`'s script first (and, if `names`, the
    stack of NAME_CONTEXTS); Material for MkDocs reads --md-text-font and --md-code-font."""
    whole = _stack(first, vendored, names=False)
    lines = [
        f"  --md-text-font: {', '.join([*whole, 'var(--agk-system)'])};\n",
        f"  --md-code-font: {', '.join([*whole, 'var(--agk-mono)'])};\n",
    ]
    if names:
        with_names = _stack(first, vendored, names=True)
        lines.append(f"  --agk-names-font: {', '.join([*with_names, 'var(--agk-system)'])};\n")
    return "".join(lines)


def font_css(scripts: Iterable[str], url_prefix: str = "") -> str:
    """@font-face rules for the vendored fonts of `scripts` and the stacks that use them.

    URLs are `url_prefix` + the paths of font_files(), relative to the stylesheet's folder.
    """
    vendored = _vendored(scripts)
    names = [script for script in vendored if names_letters()[script]]
    licences = ", ".join(f"{url_prefix}{s}/{LICENCE_FILE}" for s in vendored)
    parts = [f"/* Noto fonts, SIL Open Font License 1.1: {licences}. */\n" if vendored else ""]
    parts += _faces_css(vendored, names, url_prefix)
    family = "  font-family: var(--md-text-font), sans-serif;\n"
    system = f"  --agk-system: {', '.join(TEXT_STACK)};\n  --agk-mono: {', '.join(CODE_STACK)};\n"
    # Latin pages and plain pages; the element rules serve pages without Material.
    parts.append(f":root {{\n{system}{_stacks(None, vendored, bool(names))}}}\n")
    parts.append(f"html {{\n{family}}}\n")
    parts.append("code, kbd, pre, samp {\n  font-family: var(--md-code-font), monospace;\n}\n")
    for script, codes in _languages(vendored).items():
        if codes:
            # The page's language, then text marked with another one: its own script first.
            page = ", ".join(f'html[lang|="{c}"]' for c in codes)
            parts.append(f"{page} {{\n{_stacks(script, vendored, bool(names))}}}\n")
            # --agk-names-font stays the page's: a name is drawn like the page's text.
            inner = ", ".join(f'body [lang|="{c}"]' for c in codes)
            parts.append(f"{inner} {{\n{_stacks(script, vendored, False)}{family}}}\n")
    if names:
        # Also a name marked with its own language inside them (the language list's
        # <span lang>): more specific than `body [lang|=…]`, so it keeps the names stack and
        # never pulls in that language's whole face.
        contexts = [f"body {c}" for c in NAME_CONTEXTS] + [f"body {c} [lang]" for c in NAME_CONTEXTS]
        selector = ", ".join(contexts)
        parts.append(f"{selector} {{\n  font-family: var(--agk-names-font), sans-serif;\n}}\n")
    return "".join(parts)


def write_site_fonts(folder: Path) -> None:
    """Copy every vendored font and licence into `folder` and write its stylesheet there."""
    for rel, source in {**font_files(FONTS), **licence_files(FONTS)}.items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (folder / STYLESHEET).write_text(font_css(FONTS), encoding="utf-8")
