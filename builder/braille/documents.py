"""A narrative or teaching note as a Braille-ready file, and the characters its table lacks.

Markdown is read line by line into blocks (headings, paragraphs, list items, table rows), its
markup dropped as search drops it, and each block translated by liblouis with the table of the
text's language. Characters the table has no Braille for are reported with their line and
column in the Markdown body; liblouis writes them as \\xhhhh, so readers are not left guessing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from builder.braille import brf, liblouis
from builder.markdown.plain_text import plain_text

# ZWNJ and ZWJ choose how a conjunct is drawn on screen; Braille spells the letters either way.
_NO_JOINERS = str.maketrans("", "", "\u200c\u200d")
# NFC splits the nukta letters Unicode excludes from composition (ড় becomes ড + ়), and some
# Bharati tables know only the single code point: give them that.
_NUKTA_LETTERS = {
    unicodedata.normalize("NFD", chr(code)): chr(code)
    for code in range(0x0900, 0x0D80)
    if unicodedata.decomposition(chr(code)).count(" ") == 1
    and unicodedata.name(unicodedata.normalize("NFD", chr(code))[-1], "").endswith("NUKTA")
    and unicodedata.normalize("NFC", chr(code)) != chr(code)
}
_NUKTA = re.compile("|".join(map(re.escape, _NUKTA_LETTERS)))


def braille_input(text: str) -> str:
    """Text as the Braille tables read it: no joiners, nukta letters as single code points."""
    return _NUKTA.sub(lambda match: _NUKTA_LETTERS[match.group(0)], text.translate(_NO_JOINERS))


_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?[-:| ]+\|[-:| ]*$")
# Paragraphs start at cell 3 and run over to cell 1; list items the other way round.
_PARAGRAPH = (2, 0)
_ITEM_INDENTS = (0, 2)


@dataclass(frozen=True)
class Untranslatable:
    """A character of the body (line and column counted from the body's first line) with no Braille."""

    line: int
    col: int
    char: str


@dataclass(frozen=True)
class BrailleText:
    """The BRF text of a document and the characters its table could not translate."""

    brf: str
    untranslatable: tuple[Untranslatable, ...]


@dataclass(frozen=True)
class _Source:
    kind: str
    line: int
    lines: tuple[str, ...]


def _sources(body: str) -> Iterator[_Source]:
    """Headings, list items, table rows and paragraphs of a Markdown body, with their first line."""
    paragraph: list[str] = []
    start = 0
    for number, line in enumerate(body.splitlines(), start=1):
        single = "heading" if _HEADING.match(line) else "item" if _ITEM.match(line) else ""
        single = single or ("row" if line.lstrip().startswith("|") else "")
        if paragraph and (not line.strip() or single):
            yield _Source("paragraph", start, tuple(paragraph))
            paragraph = []
        if not line.strip() or _TABLE_RULE.match(line):
            continue
        if single:
            yield _Source(single, number, (line,))
        else:
            start = start if paragraph else number
            paragraph.append(line)
    if paragraph:
        yield _Source("paragraph", start, tuple(paragraph))


def _text(source: _Source) -> str:
    text = " ".join(source.lines)
    if source.kind == "item":
        text = _ITEM.sub("", text, count=1)
    return " ".join(braille_input(plain_text(text)).split())


def _block(table: str, source: _Source) -> brf.Block:
    cells = liblouis.translate(table, _text(source))
    if source.kind == "heading":
        return brf.Block(cells, blank_before=True)
    first, runover = _ITEM_INDENTS if source.kind == "item" else _PARAGRAPH
    return brf.Block(cells, first, runover, blank_before=source.kind == "paragraph")


@cache
def _lacks(table: str, char: str) -> bool:
    return bool(liblouis.undefined(table, char))


def untranslatable(table: str, body: str) -> tuple[Untranslatable, ...]:
    """Every character of `body` that `table` has no Braille for, with its line and column."""
    # Almost every text is all written: one look at its distinct characters says so.
    if not any(_lacks(table, char) for char in set(braille_input(body)) if not char.isspace()):
        return ()
    found = []
    for number, line in enumerate(body.splitlines(), start=1):
        # Only text is translated: markup (heading marks, {#ids}, emphasis) is not.
        text = braille_input(plain_text(line))
        known = set(text)
        for col, char in enumerate(line, start=1):
            if char in known and not char.isspace() and _lacks(table, char):
                found.append(Untranslatable(number, col, char))
        # A letter with a nukta is given to the table as one code point (braille_input).
        found += [
            Untranslatable(number, match.start() + 1, _NUKTA_LETTERS[match.group(0)])
            for match in _NUKTA.finditer(line)
            if _lacks(table, _NUKTA_LETTERS[match.group(0)])
        ]
    return tuple(found)


def braille_text(table: str, title_lines: Sequence[str], body: str) -> BrailleText:
    """The BRF document of a Markdown body: a title page of `title_lines`, then the text."""
    title_page = [""] * 3
    for text in title_lines:
        title_page += [*brf.centred(brf.ascii_braille(liblouis.translate(table, text))), ""]
    blocks = [_block(table, source) for source in _sources(body)]
    return BrailleText(brf.layout(title_page, blocks), untranslatable(table, body))
