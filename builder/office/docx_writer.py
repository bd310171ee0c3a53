"""Write the document model as a Word (.docx) file that departments can edit and import again.

Starts from python-docx's default template, maps each model style to the Word style name the
readers recognise ("Title", "Heading n", "Caption", "List Paragraph", "Guidance"), and adds what
python-docx has no API for (list numbering, footnotes, hyperlinks) as raw XML from
`docx_parts`. The output is byte-for-byte reproducible: fixed document properties and a zip
rewritten with fixed timestamps, so an unchanged case exports to an unchanged file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import docx
from docx.document import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_DIRECTION
from docx.image.image import Image as PictureHeader
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Emu, Length, Mm, Pt, RGBColor
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.styles.styles import Styles

from builder.office.document import Block, Document, Image, Paragraph, Span, Style, Table
from builder.office.docx_parts import (
    CONTROL,
    LATIN_LANGUAGE,
    Emphasis,
    Numbering,
    add_footnote,
    add_footnotes_part,
    child,
    hyperlink,
    list_pattern,
    make,
    run_properties,
    text_run,
)

_MAX_PICTURE_WIDTH = Cm(15)
_FIXED_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CONTENT_TYPES = "[Content_Types].xml"
_STYLE_NAMES = {
    Style.TITLE: "Title",
    Style.BODY: "Normal",
    Style.LIST: "List Paragraph",
    Style.CAPTION: "Caption",
    Style.GUIDANCE: "Guidance",
}
# Word's own (lower-case) names for its built-in footnote styles, so Word treats them as built-in.
_FOOTNOTE_TEXT = "footnote text"
_FOOTNOTE_REFERENCE = "footnote reference"
_HYPERLINK = "Hyperlink"


@dataclass
class _Context:
    """What every paragraph of one document is written with."""

    style_ids: dict[str, str]
    numbering: Numbering
    complex_language: str | None
    rtl: bool
    footnotes: int
    bookmarks: int = 0

    def bookmark(self) -> int:
        """The id of a new bookmark (ids are unique in a document)."""
        self.bookmarks += 1
        return self.bookmarks


def write_docx(document: Document, *, lang: str, rtl: bool) -> bytes:
    """A Word file of `document`; the same input always gives the same bytes."""
    word = docx.Document()
    _drop_thumbnail(word)
    _set_page(word, rtl)
    complex_language = _complex_language(lang)
    style_ids = _set_styles(word.styles, complex_language)
    _set_theme_language(word, complex_language)
    numbering = Numbering(word.part.numbering_part.element)
    context = _Context(style_ids, numbering, complex_language, rtl, len(document.footnotes))
    _write_blocks(word, document.blocks, context)
    if document.footnotes:
        _write_footnotes(word.part, document.footnotes, context)
    _set_properties(word, document, lang)
    saved = io.BytesIO()
    word.save(saved)
    return _normalized_zip(saved.getvalue())


def _complex_language(lang: str) -> str | None:
    """The w:bidi language tag for complex-script text, or None for English."""
    if lang.split("-", maxsplit=1)[0].casefold() == "en":
        return None
    return lang if "-" in lang else f"{lang}-IN"


def _drop_thumbnail(word: WordDocument) -> None:
    """Remove the template's thumbnail: a picture of a blank page would misrepresent the file."""
    relationships = word.part.package.rels
    for relationship_id, relationship in list(relationships.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del relationships[relationship_id]


def _set_page(word: WordDocument, rtl: bool) -> None:
    """A4 with 2 cm margins; a right-to-left section for rtl languages."""
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    properties = word.element.body.sectPr
    if rtl and properties is not None:
        properties.insert_element_before(
            make("w:bidi"), "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange"
        )


def _set_styles(styles: Styles, complex_language: str | None) -> dict[str, str]:
    """Add the styles the template lacks and set the default language; name → style id."""
    guidance = _paragraph_style(styles, "Guidance", builtin=False)
    guidance.font.italic = True
    guidance.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    guidance.quick_style = True
    _add_after(guidance.element, "w:i", "w:iCs")
    link = _character_style(styles, _HYPERLINK)
    link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
    link.font.underline = True
    note = _paragraph_style(styles, _FOOTNOTE_TEXT, builtin=True)
    note.font.size = Pt(10)
    note.paragraph_format.space_after = Pt(0)
    note.element.styleId = "FootnoteText"
    reference = _character_style(styles, _FOOTNOTE_REFERENCE)
    reference.font.superscript = True
    reference.element.styleId = "FootnoteReference"
    _set_default_language(styles.element, complex_language)
    return {style.name: style.style_id for style in styles if style.name is not None}


def _paragraph_style(styles: Styles, name: str, *, builtin: bool) -> ParagraphStyle:
    """The paragraph style `name`, added based on Normal when missing."""
    if name in styles:
        return cast(ParagraphStyle, styles[name])
    added = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH, builtin)  # type: ignore[no-untyped-call]
    style = cast(ParagraphStyle, added)
    style.base_style = styles["Normal"]
    return style


def _character_style(styles: Styles, name: str) -> CharacterStyle:
    """The built-in character style `name`, added when missing."""
    if name in styles:
        return cast(CharacterStyle, styles[name])
    added = styles.add_style(name, WD_STYLE_TYPE.CHARACTER, True)  # type: ignore[no-untyped-call]
    return cast(CharacterStyle, added)


def _add_after(style_element: BaseOxmlElement, existing: str, tag: str) -> None:
    """Put an empty `tag` right after run property `existing` of a style (the schema's order)."""
    found = style_element.find(f"{qn('w:rPr')}/{qn(existing)}")
    if found is not None:
        found.addnext(make(tag))


def _set_default_language(styles_element: BaseOxmlElement, complex_language: str | None) -> None:
    """Document defaults: Latin text en-IN, complex-script text `complex_language`."""
    defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if defaults is None:
        return
    language = defaults.find(qn("w:lang"))
    if language is None:
        language = child(defaults, "w:lang")
    language.set(qn("w:val"), LATIN_LANGUAGE)
    if complex_language is not None:
        language.set(qn("w:bidi"), complex_language)


def _set_theme_language(word: WordDocument, complex_language: str | None) -> None:
    """Tell Word which script's theme font complex-script text takes (settings w:themeFontLang)."""
    theme = word.settings.element.find(qn("w:themeFontLang"))
    if theme is not None and complex_language is not None:
        theme.set(qn("w:bidi"), complex_language)


def _write_blocks(word: WordDocument, blocks: Sequence[Block], context: _Context) -> None:
    """Each block in order, before the body's section properties."""
    lists = _list_ids(blocks, context.numbering)
    for index, block in enumerate(blocks):
        if isinstance(block, Paragraph):
            _add_to_body(word, _paragraph(block, context, word.part, lists.get(index)))
        elif isinstance(block, Table):
            _write_table(word, block, context)
        else:
            _add_to_body(word, _picture(word, block, context))


def _add_to_body(word: WordDocument, element: BaseOxmlElement) -> None:
    """Append `element` to the body, keeping the section properties last."""
    body = word.element.body
    if body.sectPr is None:
        body.append(element)
    else:
        body.sectPr.addprevious(element)


def _list_ids(blocks: Sequence[Block], numbering: Numbering) -> dict[int, int]:
    """numId by block index: each maximal run of consecutive list paragraphs is one new list."""
    ids: dict[int, int] = {}
    run: list[tuple[int, Paragraph]] = []
    for index, block in enumerate((*blocks, None)):
        if isinstance(block, Paragraph) and block.style is Style.LIST:
            run.append((index, block))
        elif run:
            num_id = numbering.new_list(list_pattern([(_level(item), item.ordered) for _, item in run]))
            ids.update((position, num_id) for position, _ in run)
            run = []
    return ids


def _level(paragraph: Paragraph) -> int:
    """A list paragraph's level, kept within Word's nine."""
    return max(0, min(paragraph.level, 8))


def _style_name(paragraph: Paragraph) -> str:
    """The Word style a model paragraph is written with."""
    if paragraph.style is Style.HEADING:
        return f"Heading {max(1, min(paragraph.level, 6))}"
    return _STYLE_NAMES[paragraph.style]


def _paragraph(
    paragraph: Paragraph, context: _Context, part: Part, num_id: int | None, style: str = ""
) -> BaseOxmlElement:
    """A w:p of `paragraph`; `num_id` for a list item, `style` to override the model's style."""
    element = make("w:p")
    properties = child(element, "w:pPr")
    name = style or _style_name(paragraph)
    if name != "Normal":
        child(properties, "w:pStyle", {"w:val": context.style_ids[name]})
    if num_id is not None:
        numbering = child(properties, "w:numPr")
        child(numbering, "w:ilvl", {"w:val": str(_level(paragraph))})
        child(numbering, "w:numId", {"w:val": str(num_id)})
    if context.rtl:
        child(properties, "w:bidi")
    if paragraph.anchor:
        child(element, "w:bookmarkStart", {"w:id": str(context.bookmark()), "w:name": paragraph.anchor})
    for span in paragraph.spans:
        _add_span(element, span, context, part)
    if paragraph.anchor:
        child(element, "w:bookmarkEnd", {"w:id": str(context.bookmarks)})
    return element


def _add_span(paragraph: BaseOxmlElement, span: Span, context: _Context, part: Part) -> None:
    """A span's text (inside a hyperlink when it links) and then its footnote reference."""
    text = CONTROL.sub("", span.text)
    if text:
        container = paragraph
        if span.link:
            container = hyperlink(part, span.link)
            paragraph.append(container)
        style = _HYPERLINK if span.link else None
        properties = _run_properties(text, context, style, bold=span.bold, italic=span.italic)
        container.append(text_run(properties, text))
    if span.footnote is not None:
        if not 0 <= span.footnote < context.footnotes:
            raise ValueError(f"footnote {span.footnote} is not in the document's footnotes")
        properties = _run_properties("", context, _FOOTNOTE_REFERENCE, superscript=True)
        run = child(paragraph, "w:r")
        run.append(properties)
        child(run, "w:footnoteReference", {"w:id": str(span.footnote + 1)})


def _run_properties(
    text: str,
    context: _Context,
    style: str | None,
    *,
    bold: bool = False,
    italic: bool = False,
    superscript: bool = False,
) -> BaseOxmlElement:
    """A w:rPr for `text` with the document's language and direction."""
    style_id = context.style_ids[style] if style is not None else None
    emphasis = Emphasis(bold=bold, italic=italic, superscript=superscript)
    language = context.complex_language
    return run_properties(text, style_id, emphasis, rtl=context.rtl, complex_language=language)


def _write_table(word: WordDocument, table: Table, context: _Context) -> None:
    """A "Table Grid" table; the first row repeats as a header row; short rows are padded."""
    columns = max((len(row) for row in table.rows), default=0)
    if columns == 0:
        return  # a table without cells has nothing Word could show
    grid = word.add_table(rows=len(table.rows), cols=columns)
    grid.style = word.styles["Table Grid"]
    if context.rtl:
        grid.table_direction = WD_TABLE_DIRECTION.RTL
    # python-docx has no API for a header row (nor for a cell's element): use its XML objects.
    child(grid.rows[0]._tr.get_or_add_trPr(), "w:tblHeader")
    for row, cells in zip(grid.rows, table.rows, strict=True):
        for index, cell in enumerate(row.cells):
            paragraphs = cells[index] if index < len(cells) else ()
            _fill_cell(cell._tc, paragraphs or (Paragraph(()),), context, word.part)


def _fill_cell(cell: BaseOxmlElement, paragraphs: Sequence[Paragraph], context: _Context, part: Part) -> None:
    """Replace a cell's empty paragraph with `paragraphs`; lists inside the cell numbered anew."""
    for empty in cell.findall(qn("w:p")):
        cell.remove(empty)
    lists = _list_ids(paragraphs, context.numbering)
    for index, paragraph in enumerate(paragraphs):
        cell.append(_paragraph(paragraph, context, part, lists.get(index)))


def _picture(word: WordDocument, image: Image, context: _Context) -> BaseOxmlElement:
    """A paragraph holding `image` inline with its alt text, or a placeholder Word cannot show."""
    size = _picture_size(image.data)
    if size is None:
        placeholder = Paragraph((Span(f"[picture: {image.name}]"),))
        return _paragraph(placeholder, context, word.part, None)
    inline = word.part.new_pic_inline(io.BytesIO(image.data), *size)
    inline.docPr.set("descr", CONTROL.sub("", image.description))
    inline.docPr.set("title", "")
    paragraph = _paragraph(Paragraph(()), context, word.part, None)
    run = child(paragraph, "w:r")
    run.append(_run_properties("", context, None))
    child(run, "w:drawing").append(inline)
    return paragraph


def _picture_size(data: bytes) -> tuple[Length, Length] | None:
    """Width and height at most 15 cm wide, or None for a picture python-docx cannot read."""
    try:
        header = PictureHeader.from_blob(data)
    except Exception:  # its format parsers raise assorted errors on unknown or damaged files
        return None
    if header.px_width <= 0 or header.px_height <= 0:
        return None
    width, height = int(header.width), int(header.height)
    if width > _MAX_PICTURE_WIDTH:
        width, height = _MAX_PICTURE_WIDTH, round(height * _MAX_PICTURE_WIDTH / width)
    return Emu(width), Emu(height)


def _write_footnotes(part: Part, footnotes: Sequence[Sequence[Paragraph]], context: _Context) -> None:
    """The footnotes part: footnote i+1 holds footnotes[i], starting with its reference mark."""
    notes_part, root = add_footnotes_part(part)
    for index, paragraphs in enumerate(footnotes):
        note = add_footnote(root, index + 1)
        for position, paragraph in enumerate(paragraphs or (Paragraph(()),)):
            element = _paragraph(paragraph, context, notes_part, None, _FOOTNOTE_TEXT)
            if position == 0:
                mark = make("w:r")
                mark.append(_run_properties("", context, _FOOTNOTE_REFERENCE, superscript=True))
                child(mark, "w:footnoteRef")
                element.insert(1, mark)
                element.insert(2, text_run(_run_properties(" ", context, None), " "))
            note.append(element)


def _set_properties(word: WordDocument, document: Document, lang: str) -> None:
    """Core properties: the title, the language, and fixed values that keep the bytes stable."""
    properties = word.core_properties
    titles = (b.text for b in document.blocks if isinstance(b, Paragraph) and b.style is Style.TITLE)
    properties.title = CONTROL.sub("", next(titles, ""))[:255]
    properties.language = lang
    properties.author = properties.last_modified_by = properties.comments = ""
    properties.revision = 1
    properties.created = properties.modified = _FIXED_TIME


def _normalized_zip(data: bytes) -> bytes:
    """The package rewritten with fixed timestamps and attributes, [Content_Types].xml first."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        names = sorted(source.namelist(), key=lambda name: name != _CONTENT_TYPES)
        for name in names:
            entry = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # else it depends on the platform writing it
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(name), compresslevel=6)
    return output.getvalue()
