"""Braille Ready Format: North American ASCII Braille in pages of 40 cells by 25 lines.

A BRF file is plain ASCII: one character per six-dot cell (the North American Braille
Computer Code), lines ended by CR LF, pages separated by a form feed. Embossers and
refreshable Braille displays read it as it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

CELLS_PER_LINE = 40
LINES_PER_PAGE = 25
FORM_FEED = "\f"
NEWLINE = "\r\n"
# The ASCII character of each six-dot cell, indexed by its dots as bits (dot 1 = 1 … dot 6 = 32).
NABCC = " A1B'K2L@CIF/MSP\"E3H9O6R^DJG>NTQ,*5<-U8V.%[$+X!&;:4\\0Z7(_?W]#Y)="
_BRAILLE_BASE = 0x2800
_SIX_DOTS = 0x3F
# Braille page numbers: the number sign, then the digits as the letters a–j.
_TO_ASCII = {_BRAILLE_BASE + dots: NABCC[dots & _SIX_DOTS] for dots in range(256)}
_NUMBER_SIGN = "#"
_DIGITS = "JABCDEFGHI"


@dataclass(frozen=True)
class Block:
    """A run of Braille cells laid out as one unit: a heading, a paragraph or a list item."""

    cells: str
    first_indent: int = 0
    runover_indent: int = 0
    blank_before: bool = False


def ascii_braille(cells: str) -> str:
    """Unicode Braille cells as BRF characters (dots 7 and 8, which BRF cannot hold, dropped)."""
    return cells.translate(_TO_ASCII)


def wrap(text: str, first_indent: int, runover_indent: int, width: int = CELLS_PER_LINE) -> list[str]:
    """Lines of at most `width` cells, broken at blank cells; a word longer than a line is split."""
    lines: list[str] = []
    line = " " * first_indent
    for word in _pieces(text.split(), width - max(first_indent, runover_indent)):
        candidate = f"{line} {word}" if line.strip() else line + word
        if len(candidate) > width:
            if line.strip():
                lines.append(line.rstrip())
            candidate = " " * runover_indent + word
        line = candidate
    if line.strip():
        lines.append(line)
    return lines


def _pieces(words: Iterable[str], longest: int) -> Iterator[str]:
    """The words, each longer than a line cut into line-long pieces (Braille has no hyphen rule)."""
    for word in words:
        if len(word) <= longest:
            yield word
        else:
            yield from (word[start : start + longest] for start in range(0, len(word), longest))


def centred(text: str, width: int = CELLS_PER_LINE) -> list[str]:
    """`text` wrapped and centred, as on a title page."""
    return [line.strip().center(width).rstrip() for line in wrap(text, 0, 0, width)]


def page_number(number: int) -> str:
    """A Braille page number in ASCII Braille (#B for 2)."""
    return _NUMBER_SIGN + "".join(_DIGITS[int(digit)] for digit in str(number))


def layout(title_page: Sequence[str], blocks: Iterable[Block]) -> str:
    """A BRF document: the title page, then the blocks in numbered pages of 25 lines."""
    body: list[str] = []
    for block in blocks:
        if block.blank_before and body:
            body.append("")
        body += wrap(ascii_braille(block.cells), block.first_indent, block.runover_indent)
    pages = [list(title_page)[:LINES_PER_PAGE]]
    # The last line of a page carries its number at the right margin.
    text_lines = LINES_PER_PAGE - 1
    for start in range(0, len(body), text_lines):
        chunk = body[start : start + text_lines]
        while chunk and not chunk[0]:
            chunk = chunk[1:]
        number = page_number(len(pages))
        chunk += [""] * (text_lines - len(chunk))
        pages.append([*chunk, number.rjust(CELLS_PER_LINE)])
    return FORM_FEED.join(NEWLINE.join(line.rstrip() for line in page) + NEWLINE for page in pages)
