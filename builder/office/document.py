"""The document model: what a word-processor file says, independent of its format.

Readers (`docx`, `odt`) produce it from untrusted files; `case_from_document` maps it to a case
folder; `case_to_document` makes it from a case or a template; `docx_writer` writes it as Word.
Every block carries `number`, its paragraph number in the source (1-based, in reading order,
counting paragraphs inside tables), which diagnostics name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Style(StrEnum):
    """What a paragraph is, as far as a case study cares."""

    TITLE = "title"
    HEADING = "heading"
    BODY = "body"
    LIST = "list"
    CAPTION = "caption"
    # Template instructions (paragraph style "Guidance"): never content, dropped on import.
    GUIDANCE = "guidance"


@dataclass(frozen=True)
class Span:
    """A run of text with one formatting; a footnote reference has `footnote` set and no text."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    footnote: int | None = None  # index into Document.footnotes


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Adjacent spans of equal formatting joined, empty ones dropped, text in NFC (as readers give it)."""
    merged: list[Span] = []
    for span in spans:
        if not span.text and span.footnote is None:
            continue
        last = merged[-1] if merged else None
        if (
            last is not None
            and span.footnote is None
            and last.footnote is None
            and (last.bold, last.italic, last.link) == (span.bold, span.italic, span.link)
        ):
            merged[-1] = replace(last, text=last.text + span.text)
        else:
            merged.append(span)
    return tuple(replace(s, text=unicodedata.normalize("NFC", s.text)) for s in merged)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph: heading (level 1-6), list item (level 0-8, ordered or not), body, title or caption."""

    spans: tuple[Span, ...]
    style: Style = Style.BODY
    level: int = 0
    ordered: bool = False
    number: int = 0
    # A heading's id, kept in Word and OpenDocument as a bookmark (which editing preserves).
    anchor: str = ""

    @property
    def text(self) -> str:
        """The paragraph's plain text (footnote references left out)."""
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class Image:
    """A picture stored in the document; `description` is its alt text (may be empty)."""

    name: str
    data: bytes
    description: str = ""
    number: int = 0


@dataclass(frozen=True)
class Table:
    """A table: rows of cells, each cell a tuple of paragraphs."""

    rows: tuple[tuple[tuple[Paragraph, ...], ...], ...]
    number: int = 0


Block = Paragraph | Table | Image


@dataclass(frozen=True)
class Finding:
    """Something a reader met and did not turn into content: a comment, a tracked change, a remote image."""

    number: int
    code: str
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Document:
    """A whole document: body blocks in order, footnotes (each a tuple of paragraphs), findings.

    `other_text` is text that is not content but may still hold personal data (comments,
    deleted text, document properties), by paragraph number, for the privacy scan.
    """

    blocks: tuple[Block, ...]
    footnotes: tuple[tuple[Paragraph, ...], ...] = ()
    findings: tuple[Finding, ...] = ()
    other_text: tuple[tuple[int, str], ...] = field(default=())
