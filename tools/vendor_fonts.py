"""Make the vendored WOFF2 fonts of builder/assets/vendor/fonts/ from the upstream Noto TTFs.

Run once when a font or a language name changes, never at build time (agk needs no fonttools).
The exact steps, with the pinned versions, are in builder/assets/vendor/fonts/README.md:

    python3 -m venv /tmp/agk-fonts && /tmp/agk-fonts/bin/pip install fonttools==4.68.0 brotli==1.2.1
    PYTHONPATH=/tmp/agk-fonts/lib/python3.X/site-packages .venv/bin/python tools/vendor_fonts.py SOURCE

SOURCE is a folder with the upstream files named in UPSTREAM and UPSTREAM_BOLD (checked by
SHA-256). For each script this writes WOFF2 files next to its OFL.txt: the whole script (its
Unicode block and the few shared code points of builder.site.fonts.FONTS, with every OpenType
layout feature, so conjuncts and joining forms still shape; one variable file, or a static
regular and bold) and the letters of the language names only (glyphs reachable from them through
the layout features included). names.json records those letters. It prints the README's table
of files.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from pathlib import Path

from fontTools import subset  # type: ignore[import-not-found]
from fontTools.ttLib import TTFont  # type: ignore[import-not-found]
from fontTools.varLib import instancer  # type: ignore[import-not-found]

from builder.model.taxonomy import languages
from builder.site.fonts import (
    FONT_ROOT,
    FONTS,
    LICENCE_FILE,
    NAMES_FILE,
    NAMES_WEIGHT,
    code_points,
    script_of,
)

# Upstream file of each script and its SHA-256 (see the README for the wheels they come from).
UPSTREAM = {
    "devanagari": (
        "NotoSansDevanagari[wght].ttf",
        "bf99bf762743ff3259e73196852520ab0ffe8d384238bff3e4806a84b981e972",
    ),
    "bengali": (
        "NotoSansBengali[wght].ttf",
        "dc9defe97bb041876b6609e9029d9e1e228a686259acde2fe2a9f99d793ee17d",
    ),
    "gurmukhi": (
        "NotoSansGurmukhi[wght].ttf",
        "8a3096ee2166f6383501e2df7b368fce88cfa4068c8d75bcb6af07da353a00ea",
    ),
    "gujarati": (
        "NotoSansGujarati[wght].ttf",
        "83d1bde74d64fb389f97a5e27b2699d8ee8bad4c15a02be347228e6c10011248",
    ),
    "oriya": ("NotoSansOriya[wght].ttf", "37f482d0179d0a50e3128d004f007ff1c1741ad5f6b0b2bcc7238b257ef1caa0"),
    "tamil": ("NotoSansTamil[wght].ttf", "37e151cdec4a8cfb15c432f7bb164a83b98df69419d47e50b35aa7073963716b"),
    "telugu": (
        "NotoSansTelugu[wght].ttf",
        "6c06de88b2d420d899543724a13765994191cd29860c6226efca098b51fec64b",
    ),
    "kannada": (
        "NotoSansKannada[wght].ttf",
        "b6b11505d76eddf916667d73adfec19095ec777742444dc662dae81471461f4e",
    ),
    "malayalam": (
        "NotoSansMalayalam[wght].ttf",
        "94cddc94a03fa9a5e8d1784090ba97b267def6933d60762081eaa003751142c5",
    ),
    "arabic": (
        "NotoNaskhArabic-Variable.ttf",
        "67b5a525a661b607971fbd3f96a81b89d3a768e74534fca84f18ac97e6fab72f",
    ),
    # Static fonts from Debian's fonts-noto-core 20201225-1 (no variable build was at hand).
    "ol_chiki": (
        "NotoSansOlChiki-Regular.ttf",
        "3dc960a2d687b0e4fe03e5c2eb88be2a3d244c4509029277ca2be248787d33b3",
    ),
    "meetei_mayek": (
        "NotoSansMeeteiMayek-Regular.ttf",
        "1e6633879d76284a1fb2e361205341a788313afdd6b1dfb8b7bbe77e27164393",
    ),
}
# The bold file of each static font (VendoredFont.bold_file), from the same package.
UPSTREAM_BOLD = {
    "ol_chiki": (
        "NotoSansOlChiki-Bold.ttf",
        "8c92ae4977a5745e30b14c447b999f5c286a0f0a0f137160831c94bfda10dffa",
    ),
    "meetei_mayek": (
        "NotoSansMeeteiMayek-Bold.ttf",
        "ded09075316fab4182cd923ac464fbe25ad31ca26515a597f2e6473af86f3efc",
    ),
}


def names_letters() -> dict[str, str]:
    """The letters of every language's native name (CLDR), by the script whose face draws them."""
    letters: dict[str, set[str]] = {script: set() for script in FONTS}
    for language in languages().values():
        for char in language.native_name:
            if (script := script_of(char)) is not None:
                letters[script].add(char)
    return {script: "".join(sorted(chars)) for script, chars in letters.items()}


def woff2(source: bytes, points: list[int], *, names: bool = False) -> bytes:
    """`source` subset to `points` (and the glyphs shaping reaches from them), as WOFF2.

    A whole-script face keeps every OpenType layout feature and the weight axis. A names face
    keeps the features browsers apply by default (fontTools' default list: the Indic and Arabic
    shaping features, kerning, marks), which is all a name needs, and is fixed at NAMES_WEIGHT
    (no axis): a third of the size; the rare bold name is emboldened by the browser. A static
    source (no fvar) is already at one weight: its regular gives the names face.
    """
    options = subset.Options()
    options.flavor = "woff2"
    options.notdef_outline = True
    if not names:
        options.layout_features = ["*"]  # every GSUB/GPOS feature: conjuncts, joining, marks
    # A fixed head.modified (the upstream one): the same sources give the same bytes.
    font = TTFont(io.BytesIO(source), lazy=False, recalcTimestamp=False)
    if names and "fvar" in font:
        instancer.instantiateVariableFont(font, {"wght": NAMES_WEIGHT}, inplace=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    out = io.BytesIO()
    subset.save_font(font, out, options)
    return out.getvalue()


def copyright_line(source: bytes) -> str:
    """The font's copyright notice (name ID 0), which OFL.txt must begin with."""
    return str(TTFont(io.BytesIO(source))["name"].getDebugName(0))


def read_upstream(folder: Path, name: str, digest: str) -> bytes | None:
    """The upstream file `name` in `folder`, or None (with a message) if its SHA-256 differs."""
    source = (folder / name).read_bytes()
    if hashlib.sha256(source).hexdigest() != digest:
        print(f"{name}: SHA-256 differs from the one recorded here", file=sys.stderr)
        return None
    return source


def main() -> int:
    """Check the sources, write the WOFF2 files and names.json, print the README table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder with the upstream TTF files")
    args = parser.parse_args()
    letters = names_letters()
    rows = []
    for script, font in FONTS.items():
        source = read_upstream(args.source, *UPSTREAM[script])
        bold = read_upstream(args.source, *UPSTREAM_BOLD[script]) if font.bold_file else None
        if source is None or (font.bold_file and bold is None):
            return 1
        licence = (FONT_ROOT / script / LICENCE_FILE).read_text(encoding="utf-8")
        # Both files of a static pair carry the same notice; the one OFL.txt serves both.
        if any(licence.splitlines()[0] != copyright_line(data) for data in (source, bold) if data):
            print(f"{script}/{LICENCE_FILE}: first line is not the font's copyright notice", file=sys.stderr)
            return 1
        outputs = {font.file: woff2(source, code_points(font.unicode_range))}
        if font.bold_file and bold:
            outputs[font.bold_file] = woff2(bold, code_points(font.unicode_range))
        outputs[font.names_file] = woff2(source, [ord(char) for char in letters[script]], names=True)
        for file, data in outputs.items():
            (FONT_ROOT / script / file).write_bytes(data)
            sha = hashlib.sha256(data).hexdigest()
            rows.append(f"| `{script}` | `{file}` | {len(data):,} ({len(data) / 1000:.1f} kB) | `{sha}` |")
    (FONT_ROOT / NAMES_FILE).write_text(
        json.dumps(letters, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
