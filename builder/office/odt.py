"""Read an OpenDocument text (.odt) package into the document model.

The XML is read directly (through `package`, which checks the zip and refuses entity
declarations) so that everything is accounted for: footnotes, lists, tracked changes, comments,
linked pictures and embedded objects are each carried over or reported with their paragraph
number, never dropped in silence. Nothing outside the package is ever opened or fetched.

Paragraph numbers: every text:p and text:h of the body gets the next number from 1, in reading
order, including paragraphs in lists and table cells. Paragraphs in footnotes, comments, frames
(captions, text boxes) and deleted text are not counted: footnote paragraphs carry 0, and a
frame's picture and caption carry the number of the paragraph the frame is anchored in.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from builder.office.document import (
    Block,
    Document,
    Finding,
    Image,
    Paragraph,
    Span,
    Style,
    Table,
    merge_spans,
)
from builder.office.odt_styles import (
    DC,
    DRAW,
    OBJECTS,
    OFFICE,
    PARAGRAPHS,
    TEXT,
    XLINK,
    Change,
    Styles,
    check_package,
    count,
    object_kind,
    picture_part,
    plain_text,
    properties,
    read_styles,
    tracked_changes,
)
from builder.office.package import Package, UnreadableDocument

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_CHANGE_HINT = "accept or reject all changes, then import again"
_OBJECT_HINT = "paste its content as text or a table, or a chart as a picture"


@dataclass
class _Reader:
    """The state of one pass over the body: paragraph numbers, footnotes met, findings."""

    package: Package
    styles: Styles
    changes: dict[str, Change]
    media_types: dict[str, str]
    number: int = 0
    in_note: bool = False
    footnotes: list[tuple[Paragraph, ...]] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    other_text: list[tuple[int, str]] = field(default_factory=list)

    def find(self, code: str, message: str, hint: str = "", number: int | None = None) -> None:
        at = self.number if number is None else number
        self.findings.append(Finding(at, code, unicodedata.normalize("NFC", message), hint))

    def keep(self, text: str, number: int | None = None) -> None:
        """Text that is not content but may hold personal data, for the privacy scan."""
        if text := unicodedata.normalize("NFC", text.strip()):
            self.other_text.append((self.number if number is None else number, text))


@dataclass
class _Line:
    """One paragraph's spans as they are read, and the pictures and captions to put after it."""

    spans: list[Span] = field(default_factory=list)
    after: list[Block] = field(default_factory=list)
    # ODF collapses literal white space: at a paragraph's start, and after a literal space.
    space: bool = True

    def text(self, text: str, style: Span) -> None:
        text = _WHITESPACE.sub(" ", text)
        if self.space:
            text = text.lstrip(" ")
        if text:
            self.spans.append(replace(style, text=text))
            self.space = text.endswith(" ")

    def raw(self, span: Span) -> None:
        """Text that never collapses: text:s, text:tab, text:line-break, and note references."""
        self.spans.append(span)
        self.space = False

    def finish(self) -> tuple[Span, ...]:
        if self.space and self.spans:  # the last span is literal text: drop its trailing space
            self.spans[-1] = replace(self.spans[-1], text=self.spans[-1].text.rstrip(" "))
        return merge_spans(self.spans)


def read_odt(package: Package) -> Document:
    """The document model of an OpenDocument text package; UnreadableDocument when we may not read it."""
    media_types = check_package(package)
    if not package.has("content.xml"):
        raise UnreadableDocument(
            "the document has no content.xml", "open it in LibreOffice and save it again"
        )
    content = package.xml("content.xml")
    text = content.find(f"{OFFICE}body/{OFFICE}text")
    if text is None:
        raise UnreadableDocument("the document has no text body", "import a .odt text document")
    reader = _Reader(package, read_styles(package, content), tracked_changes(text), media_types)
    try:
        blocks = list(_blocks(reader, text))
    except RecursionError:  # spans in spans in spans…: a file built to exhaust the reader
        raise UnreadableDocument(
            "the document nests its content too deeply to be read", "open it in LibreOffice and save it again"
        ) from None
    for change in reader.changes.values():  # regions no mark in the body points at
        reader.find("AGK609", f"tracked {change.kind} by {change.author}", _CHANGE_HINT, 0)
        reader.keep(change.deleted, 0)
    for value in properties(package):
        reader.keep(value, 0)
    return Document(tuple(blocks), tuple(reader.footnotes), tuple(reader.findings), tuple(reader.other_text))


def _blocks(reader: _Reader, elements: Iterable[ET.Element]) -> Iterator[Block]:
    """Paragraphs, lists, tables and pictures in order; generated indexes (contents) are skipped."""
    for child in elements:
        tag = child.tag
        if tag in PARAGRAPHS:
            yield from _paragraph(reader, child, None)
        elif tag == f"{TEXT}list":
            yield from _list(reader, child, 0, child.get(f"{TEXT}style-name", ""))
        elif tag == f"{TEXT}numbered-paragraph":
            level = max(count(child.get(f"{TEXT}level"), 1) - 1, 0)
            for paragraph in child.findall(f"{TEXT}p") + child.findall(f"{TEXT}h"):
                yield from _paragraph(reader, paragraph, (level, child.get(f"{TEXT}style-name", "")))
        elif tag == f"{TABLE}table":
            yield _table(reader, child)
        elif tag == f"{TEXT}section":
            yield from _blocks(reader, child)
        elif tag in (f"{TEXT}change-start", f"{TEXT}change"):
            _change_mark(reader, child, reader.number + 1)  # marks the paragraph that follows
        elif tag.startswith(DRAW):  # a frame anchored to the page
            line = _Line()
            _frame(reader, child, line)
            yield from line.after


def _list(reader: _Reader, element: ET.Element, depth: int, list_style: str) -> Iterator[Block]:
    """A list's items; the outermost list's style says which levels are numbered."""
    list_style = list_style or element.get(f"{TEXT}style-name", "")
    for item in element:
        if item.tag not in (f"{TEXT}list-item", f"{TEXT}list-header"):
            continue
        for child in item:
            if child.tag == f"{TEXT}list":
                yield from _list(reader, child, depth + 1, list_style)
            elif child.tag in PARAGRAPHS:
                yield from _paragraph(reader, child, (depth, list_style))
            else:
                yield from _blocks(reader, [child])


def _table(reader: _Reader, table: ET.Element) -> Table:
    """A table: rows of cells; a covered (merged) cell is an empty cell, a nested table is reported."""
    start = reader.number + 1
    rows = []
    for row in _rows(table):
        cells: list[tuple[Paragraph, ...]] = []
        for cell in row:
            if cell.tag == f"{TABLE}covered-table-cell":
                cells.append(())
            elif cell.tag == f"{TABLE}table-cell":
                cells.append(_cell(reader, cell))
        rows.append(tuple(cells))
    return Table(tuple(rows), start)


def _rows(element: ET.Element) -> Iterator[ET.Element]:
    """A table's rows, header rows and row groups opened, nested tables left alone."""
    for child in element:
        if child.tag == f"{TABLE}table-row":
            yield child
        elif child.tag in (f"{TABLE}table-header-rows", f"{TABLE}table-rows", f"{TABLE}table-row-group"):
            yield from _rows(child)


def _cell(reader: _Reader, cell: ET.Element) -> tuple[Paragraph, ...]:
    """A cell's paragraphs; a table or a picture inside it is reported, not imported."""
    paragraphs: list[Paragraph] = []
    for child in cell:
        if child.tag == f"{TABLE}table":
            reader.find("AGK608", "a table inside a table cell is not imported", "put it after the table")
            continue
        for block in _blocks(reader, [child]):
            if isinstance(block, Paragraph):
                paragraphs.append(block)
            else:
                reader.find(
                    "AGK608", "a picture inside a table cell is not imported", "put it after the table"
                )
    return tuple(paragraphs)


def _paragraph(reader: _Reader, element: ET.Element, in_list: tuple[int, str] | None) -> Iterator[Block]:
    """One paragraph (a list item when `in_list` gives its depth and list style), then its pictures."""
    if not reader.in_note:
        reader.number += 1
    number = 0 if reader.in_note else reader.number
    style, level = reader.styles.kind(element)
    ordered = False
    # A heading, title or guidance paragraph inside a list keeps its role.
    if in_list is not None and style not in (Style.HEADING, Style.TITLE, Style.GUIDANCE):
        depth, list_style = in_list
        style, level = Style.LIST, min(depth, 8)
        ordered = reader.styles.ordered(list_style or reader.styles.list_style_of(element), depth)
    line = _Line()
    bold, italic = reader.styles.paragraph_format(element)
    _inline(reader, element, Span("", bold, italic), line)
    spans = line.finish()
    if spans or not line.after:
        anchor = _anchor(element) if style is Style.HEADING else ""
        yield Paragraph(spans, style, level, ordered, number, anchor)
    yield from line.after


def _anchor(element: ET.Element) -> str:
    """A heading's id, kept as a bookmark (LibreOffice's own start with '__')."""
    marks = (*element.iter(f"{TEXT}bookmark"), *element.iter(f"{TEXT}bookmark-start"))
    names = (mark.get(f"{TEXT}name", "") for mark in marks)
    return next((name for name in names if name and not name.startswith("_")), "")


def _inline(reader: _Reader, element: ET.Element, style: Span, line: _Line) -> None:
    """Walk a paragraph's content: text, spans, links, spaces, notes, comments, changes, frames."""
    if element.text:
        line.text(element.text, style)
    for child in element:
        _inline_child(reader, child, style, line)
        if child.tail:
            line.text(child.tail, style)


def _inline_child(reader: _Reader, child: ET.Element, style: Span, line: _Line) -> None:
    tag = child.tag
    if tag == f"{TEXT}span":
        bold, italic = reader.styles.text_format(child.get(f"{TEXT}style-name", ""), style.bold, style.italic)
        _inline(reader, child, replace(style, bold=bold, italic=italic), line)
    elif tag == f"{TEXT}a":
        _inline(reader, child, replace(style, link=child.get(f"{XLINK}href") or style.link), line)
    elif tag == f"{TEXT}s":
        line.raw(replace(style, text=" " * min(count(child.get(f"{TEXT}c"), 1), 1000)))
    elif tag in (f"{TEXT}tab", f"{TEXT}line-break"):
        line.raw(replace(style, text=" " if tag == f"{TEXT}tab" else "\n"))
    elif tag == f"{TEXT}note":
        line.raw(Span("", footnote=_note(reader, child)))
    elif tag == f"{OFFICE}annotation":
        _comment(reader, child)
    elif tag in (f"{TEXT}change-start", f"{TEXT}change"):
        _change_mark(reader, child, reader.number)
    elif tag.startswith(DRAW):
        _frame(reader, child, line)
    elif tag == f"{TEXT}ruby":
        base = child.find(f"{TEXT}ruby-base")
        if base is not None:
            _inline(reader, base, style, line)
    elif tag.startswith(TEXT) and tag != f"{TEXT}hidden-text":
        # Fields (page numbers, caption numbers, cross-references) show their text; marks have none.
        _inline(reader, child, style, line)


def _note(reader: _Reader, note: ET.Element) -> int:
    """A footnote or endnote's index in the document model; its paragraphs are read now."""
    index = len(reader.footnotes)
    reader.footnotes.append(())  # reserve the slot before reading the body
    body = note.find(f"{TEXT}note-body")
    saved, reader.in_note = reader.in_note, True
    paragraphs: list[Paragraph] = []
    for block in _blocks(reader, body if body is not None else ()):
        if isinstance(block, Table):
            paragraphs += [p for row in block.rows for cell in row for p in cell]
        elif isinstance(block, Paragraph):
            paragraphs.append(block)
        else:
            reader.find("AGK608", "a picture inside a footnote is not imported", "put it in the text")
    reader.in_note = saved
    reader.footnotes[index] = tuple(p for p in paragraphs if p.spans)
    return index


def _comment(reader: _Reader, annotation: ET.Element) -> None:
    """Report a comment; its text is kept for the privacy scan, never put in the content."""
    author = annotation.findtext(f"{DC}creator", "")
    text = plain_text(annotation)
    # The comment's text is not echoed: it may hold the very personal data the scan looks for.
    reader.find("AGK610", f"comment by {author.strip() or 'someone'} not imported", "resolve and delete it")
    reader.keep(text)


def _change_mark(reader: _Reader, mark: ET.Element, number: int) -> None:
    """Report a tracked change where its first mark appears; deleted text goes to the privacy scan."""
    change = reader.changes.pop(mark.get(f"{TEXT}change-id", ""), None)
    if change is not None:
        reader.find("AGK609", f"tracked {change.kind} by {change.author}", _CHANGE_HINT, number)
        reader.keep(change.deleted, number)


def _frame(reader: _Reader, element: ET.Element, line: _Line) -> None:
    """A frame: a picture, a captioned picture, or an object or text box that is reported."""
    if element.tag == f"{DRAW}a":  # a frame that is a link: the picture still counts
        for frame in element:
            _frame(reader, frame, line)
        return
    if element.tag != f"{DRAW}frame":
        what = element.tag.rpartition("}")[2]
        reader.find("AGK608", f"a drawing shape ({what}) is not imported", "paste it as a picture")
        reader.keep(plain_text(element))
        return
    for child in element:
        if child.tag in OBJECTS:
            reader.find("AGK608", f"{object_kind(child, reader.media_types)} is not imported", _OBJECT_HINT)
            reader.keep(plain_text(child))
            return
    image = element.find(f"{DRAW}image")
    box = element.find(f"{DRAW}text-box")
    if image is not None:
        _image(reader, element, image, line)
    elif box is not None:
        _text_box(reader, box, line)


def _text_box(reader: _Reader, box: ET.Element, line: _Line) -> None:
    """A text box around a picture is LibreOffice's captioned picture: the picture, then its caption."""
    if box.find(f".//{DRAW}image") is None:
        reader.find("AGK608", "a text box is not imported", "move its text into the document")
        reader.keep(plain_text(box))
        return
    for paragraph in box:
        if paragraph.tag not in PARAGRAPHS:
            continue
        inner = _Line()
        _inline(reader, paragraph, Span(""), inner)
        line.after += inner.after
        if spans := inner.finish():
            line.after.append(Paragraph(spans, Style.CAPTION, number=0 if reader.in_note else reader.number))


def _image(reader: _Reader, frame: ET.Element, image: ET.Element, line: _Line) -> None:
    """A picture stored in the package; a link to anything outside it is reported, never fetched."""
    description = frame.findtext(f"{SVG}desc", "").strip() or frame.findtext(f"{SVG}title", "").strip()
    href = image.get(f"{XLINK}href", "")
    part = picture_part(reader.package, href)
    if not href:  # data inline in the XML (flat ODF), not a part of the package
        reader.find(
            "AGK608", "a picture without a file of its own is not imported", "insert the picture again"
        )
    elif part is None:
        reader.find(
            "AGK607", f"the picture is a link to {href}, which is not fetched", "insert the picture itself"
        )
    elif not reader.package.has(part):
        reader.find(
            "AGK607", f"the picture's file {part} is missing from the document", "insert the picture again"
        )
    else:
        number = 0 if reader.in_note else reader.number
        name = posixpath.basename(part)
        description = unicodedata.normalize("NFC", description)
        line.after.append(Image(name, reader.package.read(part), description, number))
