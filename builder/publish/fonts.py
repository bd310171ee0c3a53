"""Fonts of offline bundles: one copy of the site's fonts at the bundle root, for every language.

scripts_for_languages(langs) -> tuple[str, ...]   the scripts those languages are written in
font_files(scripts) -> dict[str, Path]            path in the bundle -> vendored WOFF2 file
licence_files(scripts) -> dict[str, Path]         path in the bundle -> that font's OFL text
font_css(scripts, url_prefix="") -> str           @font-face rules and the font stacks
missing_fonts(scripts) -> tuple[str, ...]         scripts that need a font nobody vendored yet

The faces, their files and the CSS are the site's (builder.site.fonts): every language site
carries them in `assets/fonts/`. A bundle keeps one copy in `fonts/` instead, and each language's
`assets/fonts/fonts.css` points there (`url_prefix`). The OFL requires each copy of a font to
travel with its licence, so a bundle ships licence_files() next to font_files().
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from builder.site import fonts as site_fonts
from builder.site.fonts import FONT_ROOT, FONTS, LICENCE_FILE, VendoredFont
from search_index.analysis.language_data import load_analysis_data

__all__ = [
    "BUNDLE_FOLDER",
    "FONTS",
    "FONT_ROOT",
    "KNOWN_SCRIPTS",
    "LICENCE_FILE",
    "SITE_STYLESHEET",
    "SYSTEM_SCRIPTS",
    "VendoredFont",
    "font_css",
    "font_files",
    "licence_files",
    "missing_fonts",
    "one_copy",
    "scripts_for_languages",
]

BUNDLE_FOLDER = "fonts"
# Each language's font stylesheet, from the root of its site (the theme links it).
SITE_STYLESHEET = f"{site_fonts.SITE_FOLDER}/{site_fonts.STYLESHEET}"

# Every machine has fonts for Latin: pages use the reader's system UI font for it.
SYSTEM_SCRIPTS = frozenset({"latin"})
# Scripts of the languages taxonomy with no OFL font vendored yet; missing_fonts() names them for
# a warning. None today: Meetei Mayek and Ol Chiki come from Debian's fonts-noto-core.
UNAVAILABLE_SCRIPTS: frozenset[str] = frozenset()
KNOWN_SCRIPTS = frozenset(FONTS) | SYSTEM_SCRIPTS | UNAVAILABLE_SCRIPTS


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


def _known(scripts: Iterable[str]) -> set[str]:
    """`scripts` as a set; ValueError for a name that is no script of ours."""
    wanted = set(scripts)
    unknown = sorted(wanted - KNOWN_SCRIPTS)
    if unknown:
        raise ValueError(f"unknown script(s): {', '.join(unknown)}")
    return wanted


def missing_fonts(scripts: Iterable[str]) -> tuple[str, ...]:
    """The scripts among `scripts` that need a font and have none vendored, sorted."""
    return tuple(sorted(_known(scripts) & UNAVAILABLE_SCRIPTS))


def font_files(scripts: Iterable[str]) -> dict[str, Path]:
    """Path in the bundle -> vendored WOFF2 file (both faces) of every script that has one."""
    files = site_fonts.font_files(_known(scripts))
    return {f"{BUNDLE_FOLDER}/{rel}": path for rel, path in files.items()}


def licence_files(scripts: Iterable[str]) -> dict[str, Path]:
    """Path in the bundle -> the OFL text that must accompany each font of font_files()."""
    files = site_fonts.licence_files(_known(scripts))
    return {f"{BUNDLE_FOLDER}/{rel}": path for rel, path in files.items()}


def font_css(scripts: Iterable[str], url_prefix: str = "") -> str:
    """The site's font CSS for `scripts`, with URLs `url_prefix` + the paths of font_files()."""
    return site_fonts.font_css(_known(scripts), url_prefix=f"{url_prefix}{BUNDLE_FOLDER}/")


def one_copy(
    files: Mapping[str, Path | bytes], langs: list[str], scripts: tuple[str, ...]
) -> dict[str, Path | bytes]:
    """Site files with one copy of the fonts of `scripts` at the root instead of one per language."""
    # Each language site carries every font in <lang>/assets/fonts/; a zip keeps one copy in
    # fonts/ and points each site's font stylesheet (three folders below the root) there.
    folders = tuple(f"{lang}/{SITE_STYLESHEET.rpartition('/')[0]}/" for lang in langs)
    merged: dict[str, Path | bytes] = {
        name: source for name, source in files.items() if not name.startswith(folders)
    }
    merged.update(font_files(scripts))
    merged.update(licence_files(scripts))
    css = font_css(scripts, url_prefix="../../../").encode("utf-8")
    for lang in langs:
        merged[f"{lang}/{SITE_STYLESHEET}"] = css
    return merged
