"""Read a Word (.docx) package into the document model.

Word's XML is read directly (through `package`, which checks the zip and refuses entity
declarations) rather than through a conversion library, because an import has to know where
everything is: footnotes, list numbering, tracked changes, comments, linked pictures and
embedded objects are each either carried over or reported with their paragraph number, never
dropped in silence.
"""

from __future__ import annotations

import dataclasses
import posixpath
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field

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
from builder.office.docx_styles import ParagraphKind, Styles, read_styles
from builder.office.package import Package, UnreadableDocument

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
V = "{urn:schemas-microsoft-com:vml}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_MAIN_TYPES = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml")
_TEXT_TAGS = {f"{W}t": None, f"{W}tab": " ", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
_PICTURE_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"


@dataclass(frozen=True)
class Relationship:
    """Where a relationship id of the main document points."""

    target: str
    external: bool


@dataclass
class _Reader:
    """The state of one pass over the body: paragraph numbers, footnotes met, findings."""

    package: Package
    folder: str
    rels: dict[str, Relationship]
    styles: Styles
    footnote_parts: dict[str, tuple[ET.Element, ...]]
    comments: dict[str, tuple[str, str]]
    number: int = 0
    footnotes: list[tuple[Paragraph, ...]] = field(default_factory=list)
    footnote_index: dict[tuple[str, str], int] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    other_text: list[tuple[int, str]] = field(default_factory=list)
    images: dict[str, Image] = field(default_factory=dict)

    def find(self, code: str, message: str, hint: str = "") -> None:
        self.findings.append(Finding(self.number, code, message, hint))


def read_docx(package: Package) -> Document:
    """The document model of a Word package; UnreadableDocument when it is not one we may read."""
    main = _main_part(package)
    folder = posixpath.dirname(main)
    rels = _relationships(package, main)
    reader = _Reader(
        package,
        folder,
        rels,
        read_styles(package, _target_of(rels, "styles", folder), _target_of(rels, "numbering", folder)),
        _notes(package, rels, folder),
        _comments(package, rels, folder),
    )
    body = package.xml(main).find(f"{W}body")
    if body is None:
        raise UnreadableDocument(f"{main} has no body", "open it in Word and save it again")
    blocks = list(_blocks(reader, body))
    reader.other_text += _properties(package)
    return Document(tuple(blocks), tuple(reader.footnotes), tuple(reader.findings), tuple(reader.other_text))


def _main_part(package: Package) -> str:
    """The main document part; refuses macro-enabled and non-Word packages."""
    if not package.has("[Content_Types].xml"):
        raise UnreadableDocument(
            "this is not a Word (.docx) or OpenDocument (.odt) file",
            "open it in Word or LibreOffice and save it again as .docx or .odt",
        )
    types = package.xml("[Content_Types].xml")
    content = " ".join(el.get("ContentType", "") for el in types)
    if "macroEnabled" in content or any(name.endswith("vbaProject.bin") for name in package.names):
        raise UnreadableDocument(
            "the document contains macros (.docm), which are never run or imported",
            "save it in Word as a plain Word document (.docx)",
        )
    main = ""
    if package.has("_rels/.rels"):
        for rel in package.xml("_rels/.rels"):
            if rel.get("Type") == OFFICE_DOCUMENT:
                main = rel.get("Target", "").lstrip("/")
    overrides = {el.get("PartName", "").lstrip("/"): el.get("ContentType", "") for el in types}
    if not main or not package.has(main) or not overrides.get(main, "").endswith(_MAIN_TYPES):
        kind = (
            "a spreadsheet"
            if "spreadsheetml" in content
            else "a presentation"
            if "presentationml" in content
            else ""
        )
        raise UnreadableDocument(
            f"this is {kind}, not a Word text document" if kind else "this is not a Word text document",
            "import a .docx or .odt text document",
        )
    return main


def _relationships(package: Package, part: str) -> dict[str, Relationship]:
    """The relationships of `part`, by id."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    if not package.has(rels_name):
        return {}
    return {
        rel.get("Id", ""): Relationship(
            rel.get("Target", "") + "|" + rel.get("Type", "").rsplit("/", 1)[-1],
            rel.get("TargetMode") == "External",
        )
        for rel in package.xml(rels_name)
        if rel.tag == f"{PKG_REL}Relationship"
    }


def _target_of(rels: dict[str, Relationship], kind: str, folder: str) -> str:
    """The part name of the first relationship of type `kind`, or ''."""
    for rel in rels.values():
        target, _, rel_type = rel.target.rpartition("|")
        if rel_type == kind and not rel.external:
            return _part_name(folder, target)
    return ""


def _part_name(folder: str, target: str) -> str:
    """A relationship target as a part name inside the package."""
    return (
        target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    )


def _notes(package: Package, rels: dict[str, Relationship], folder: str) -> dict[str, tuple[ET.Element, ...]]:
    """Footnotes and endnotes by ('footnote'|'endnote', id): their paragraphs, unread yet.

    A notes part has relationships of its own (a link in a footnote): they join `rels` under
    ids of their own, and the notes' references are renamed to match.
    """
    notes: dict[str, tuple[ET.Element, ...]] = {}
    for kind in ("footnote", "endnote"):
        part = _target_of(rels, f"{kind}s", folder)
        if not part or not package.has(part):
            continue
        for rel_id, rel in _relationships(package, part).items():
            rels[f"{kind}s:{rel_id}"] = rel
        root = package.xml(part)
        for element in root.iter():
            if (ref := element.get(f"{R}id")) is not None:
                element.set(f"{R}id", f"{kind}s:{ref}")
        for note in root.iter(f"{W}{kind}"):
            if note.get(f"{W}type") in (None, "normal"):
                notes[f"{kind}:{note.get(f'{W}id')}"] = tuple(note.iter(f"{W}p"))
    return notes


def _comments(package: Package, rels: dict[str, Relationship], folder: str) -> dict[str, tuple[str, str]]:
    """Comments by id: (author, text)."""
    part = _target_of(rels, "comments", folder)
    if not part or not package.has(part):
        return {}
    return {
        comment.get(f"{W}id", ""): (
            comment.get(f"{W}author", ""),
            " ".join("".join(t.text or "" for t in p.iter(f"{W}t")) for p in comment.iter(f"{W}p")).strip(),
        )
        for comment in package.xml(part).iter(f"{W}comment")
    }


def _properties(package: Package) -> list[tuple[int, str]]:
    """Text of the document properties (author, title, keywords…), for the privacy scan."""
    found = []
    for part in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
        if package.has(part):
            found += [(0, el.text.strip()) for el in package.xml(part).iter() if el.text and el.text.strip()]
    return found


def _blocks(reader: _Reader, container: ET.Element) -> Iterator[Block]:
    """Paragraphs, tables and pictures of a body or cell, in order (content controls opened)."""
    for child in container:
        if child.tag == f"{W}p":
            yield from _paragraph(reader, child)
        elif child.tag == f"{W}tbl":
            yield _table(reader, child)
        elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins", f"{W}moveTo"):
            yield from _blocks(reader, child)


def _table(reader: _Reader, table: ET.Element) -> Table:
    """A table: rows of cells; merged cells are empty cells, nested tables are reported."""
    start = reader.number + 1
    rows = []
    for row in _rows(table):
        cells: list[tuple[Paragraph, ...]] = []
        for cell in row.findall(f"{W}tc"):
            props = cell.find(f"{W}tcPr")
            merged = (
                props is not None
                and (m := props.find(f"{W}vMerge")) is not None
                and m.get(f"{W}val") != "restart"
            )
            content = tuple(_cell_paragraphs(reader, cell))
            cells.append(() if merged else content)
            span = props.find(f"{W}gridSpan") if props is not None else None
            cells += [()] * (int(span.get(f"{W}val", "1")) - 1 if span is not None else 0)
        rows.append(tuple(cells))
    return Table(tuple(rows), start)


def _rows(table: ET.Element) -> Iterator[ET.Element]:
    """The table's own rows in order (inside content controls too), not those of nested tables."""
    for child in table:
        if child.tag == f"{W}tr":
            yield child
        elif child.tag == f"{W}sdt" and (content := child.find(f"{W}sdtContent")) is not None:
            yield from _rows(content)


def _cell_paragraphs(reader: _Reader, cell: ET.Element) -> Iterator[Paragraph]:
    """A cell's paragraphs; a table or picture inside it is reported, not imported."""
    for child in cell:
        if child.tag == f"{W}tbl":
            reader.find("AGK608", "a table inside a table cell is not imported", "put it after the table")
        elif child.tag != f"{W}tcPr":
            for block in _blocks(reader, _wrap(child)):
                if isinstance(block, Paragraph):
                    yield block
                else:
                    reader.find(
                        "AGK608", "a picture inside a table cell is not imported", "put it after the table"
                    )


def _wrap(element: ET.Element) -> ET.Element:
    """A container holding just `element`, so that `_blocks` can read it."""
    holder = ET.Element("holder")
    holder.append(element)
    return holder


def _paragraph(reader: _Reader, element: ET.Element) -> Iterator[Block]:
    """One paragraph, then the pictures it holds."""
    reader.number += 1
    kind = reader.styles.paragraph(element)
    spans: list[Span] = []
    images: list[Image] = []
    _runs(reader, element, Span(""), spans, images, [])
    merged = merge_spans(spans)
    if merged or not images:
        yield _styled(kind, merged, reader.number, _anchor(element) if kind.style is Style.HEADING else "")
    yield from images


def _styled(kind: ParagraphKind, spans: tuple[Span, ...], number: int, anchor: str) -> Paragraph:
    return Paragraph(spans, kind.style, kind.level, kind.ordered, number, anchor)


def _anchor(element: ET.Element) -> str:
    """The paragraph's first bookmark that is not one of Word's own (theirs start with '_')."""
    names = (b.get(f"{W}name", "") for b in element.iter(f"{W}bookmarkStart"))
    return next((name for name in names if name and not name.startswith("_")), "")


def _runs(
    reader: _Reader,
    element: ET.Element,
    style: Span,
    spans: list[Span],
    images: list[Image],
    fields: list[str],
) -> None:
    """Walk a paragraph's content: runs, links, tracked changes, fields, pictures, notes."""
    for child in element:
        tag = child.tag
        if tag == f"{W}r":
            _run(reader, child, style, spans, images, fields)
        elif tag == f"{W}hyperlink":
            rel = reader.rels.get(child.get(f"{R}id", ""))
            link = rel.target.rpartition("|")[0] if rel is not None and rel.external else style.link
            _runs(reader, child, Span("", style.bold, style.italic, link), spans, images, fields)
        elif tag in (f"{W}ins", f"{W}moveTo"):
            author = child.get(f"{W}author") or "someone"
            reader.find(
                "AGK609", f"tracked insertion by {author}", "accept or reject all changes, then import again"
            )
            _runs(reader, child, style, spans, images, fields)
        elif tag in (f"{W}del", f"{W}moveFrom"):
            author = child.get(f"{W}author") or "someone"
            reader.find(
                "AGK609", f"tracked deletion by {author}", "accept or reject all changes, then import again"
            )
            deleted = "".join(t.text or "" for t in child.iter(f"{W}delText"))
            reader.other_text.append((reader.number, deleted))
        elif tag == f"{W}commentRangeStart":
            _comment(reader, child.get(f"{W}id", ""))
        elif tag in (f"{W}smartTag", f"{W}sdt", f"{W}sdtContent", f"{W}fldSimple", f"{W}customXml"):
            _runs(reader, child, style, spans, images, fields)
        elif tag == f"{MC}AlternateContent":
            choice = child.find(f"{MC}Choice")
            if choice is not None:
                _runs(reader, choice, style, spans, images, fields)


def _comment(reader: _Reader, comment_id: str) -> None:
    """Report a comment once, keeping its text for the privacy scan."""
    if comment_id not in reader.comments:
        return
    author, text = reader.comments.pop(comment_id)
    # The comment's text is not echoed: it may hold the very personal data the scan looks for.
    reader.find("AGK610", f"comment by {author or 'someone'} not imported", "resolve and delete it")
    reader.other_text.append((reader.number, text))


def _run(
    reader: _Reader, run: ET.Element, style: Span, spans: list[Span], images: list[Image], fields: list[str]
) -> None:
    """One run: its formatting, then text, breaks, notes, pictures and field characters."""
    bold, italic = reader.styles.run_format(run, style.bold, style.italic)
    link = style.link
    for child in run:
        tag = child.tag
        if tag in (f"{W}fldChar", f"{W}instrText"):
            _field_char(child, fields)
        elif tag in _TEXT_TAGS:
            if fields and fields[-1].startswith("begin"):
                continue  # a field's instruction, not its shown result
            text = child.text or "" if _TEXT_TAGS[tag] is None else _TEXT_TAGS[tag] or ""
            spans.append(Span(text, bold, italic, _field_link(fields) or link))
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            kind = "footnote" if tag.endswith("footnoteReference") else "endnote"
            spans.append(Span("", footnote=_note(reader, kind, child.get(f"{W}id", ""))))
        elif tag == f"{W}commentReference":
            _comment(reader, child.get(f"{W}id", ""))
        elif tag == f"{W}drawing":
            _drawing(reader, child, images)
        elif tag == f"{W}pict":
            _vml(reader, child, images)
        elif tag in (f"{W}object", f"{W}embeddedObject"):
            reader.find(
                "AGK608", "an embedded object (OLE) is not imported", "paste its content as text or a table"
            )
        elif tag == f"{MC}AlternateContent":
            choice = child.find(f"{MC}Choice")
            if choice is not None:
                _run(reader, _as_run(choice), style, spans, images, fields)


def _as_run(choice: ET.Element) -> ET.Element:
    """Markup-compatibility content read as if it were a run."""
    run = ET.Element(f"{W}r")
    run.extend(list(choice))
    return run


def _field_char(element: ET.Element, fields: list[str]) -> None:
    """Track complex fields: their instruction is hidden, their result shown (a HYPERLINK's too)."""
    kind = element.get(f"{W}fldCharType")
    if element.tag == f"{W}instrText":
        if fields and fields[-1].startswith("begin"):
            fields[-1] += ("" if ":" in fields[-1] else ":") + (element.text or "")
    elif kind == "begin":
        fields.append("begin")
    elif kind == "separate" and fields:
        fields[-1] = "result:" + fields[-1].partition(":")[2]
    elif kind == "end" and fields:
        fields.pop()


def _field_link(fields: list[str]) -> str | None:
    """The target of a HYPERLINK field whose result is being read."""
    if not fields or not fields[-1].startswith("result:"):
        return None
    words = fields[-1].partition(":")[2].split()
    if len(words) >= 2 and words[0].upper() == "HYPERLINK" and not words[1].startswith("\\"):
        return words[1].strip('"')
    return None


def _note(reader: _Reader, kind: str, note_id: str) -> int | None:
    """The index of a footnote or endnote in the document model, reading it the first time."""
    key = (kind, note_id)
    if key not in reader.footnote_index:
        elements = reader.footnote_parts.get(f"{kind}:{note_id}")
        if elements is None:
            return None
        reader.footnote_index[key] = len(reader.footnotes)
        reader.footnotes.append(())  # reserve the slot: a note may hold a note reference
        paragraphs = []
        for element in elements:
            spans: list[Span] = []
            _runs(reader, element, Span(""), spans, [], [])
            paragraphs.append(Paragraph(merge_spans(spans), number=0))
        kept = [p for p in paragraphs if p.spans]
        if kept and kept[0].spans[0].text[:1].isspace():
            # Word writes a space after the footnote's own number mark.
            first, *others = kept[0].spans
            kept[0] = dataclasses.replace(
                kept[0], spans=(dataclasses.replace(first, text=first.text.lstrip()), *others)
            )
        reader.footnotes[reader.footnote_index[key]] = tuple(kept)
    return reader.footnote_index[key]


def _drawing(reader: _Reader, drawing: ET.Element, images: list[Image]) -> None:
    """A DrawingML object: a picture becomes an image; charts, shapes and text boxes are reported."""
    for frame in (*drawing.findall(f"{WP}inline"), *drawing.findall(f"{WP}anchor")):
        properties = frame.find(f"{WP}docPr")
        description = (
            (properties.get("descr") or properties.get("title") or "") if properties is not None else ""
        )
        data = frame.find(f"{A}graphic/{A}graphicData")
        if data is None or data.get("uri") != _PICTURE_URI:
            what = (data.get("uri", "") if data is not None else "").rsplit("/", 1)[-1] or "drawing"
            reader.find("AGK608", f"a {what} object is not imported", "paste a chart or shape as a picture")
            continue
        blip = data.find(f".//{A}blip")
        if blip is not None:
            _picture(reader, blip.get(f"{R}embed"), blip.get(f"{R}link"), description, images)


def _vml(reader: _Reader, pict: ET.Element, images: list[Image]) -> None:
    """A legacy VML picture; VML text boxes and shapes are reported."""
    image = pict.find(f".//{V}imagedata")
    if pict.find(f".//{V}textbox") is not None or image is None:
        reader.find("AGK608", "a text box or shape is not imported", "move its text into the document")
        return
    shape = pict.find(f".//{V}shape")
    description = shape.get("alt", "") if shape is not None else ""
    _picture(reader, image.get(f"{R}id"), None, description, images)


def _picture(
    reader: _Reader, embed: str | None, link: str | None, description: str, images: list[Image]
) -> None:
    """An embedded picture's bytes; a linked one is reported and never fetched."""
    rel = reader.rels.get(embed or link or "")
    if rel is None or rel.external or link:
        target = rel.target.rpartition("|")[0] if rel is not None else "?"
        reader.find(
            "AGK607", f"the picture is a link to {target}, which is not fetched", "insert the picture itself"
        )
        return
    part = _part_name(reader.folder, rel.target.rpartition("|")[0])
    if not reader.package.has(part):
        reader.find(
            "AGK607", f"the picture's file {part} is missing from the document", "insert the picture again"
        )
        return
    if part not in reader.images:
        reader.images[part] = Image(posixpath.basename(part), reader.package.read(part), "", reader.number)
    known = reader.images[part]
    images.append(
        Image(known.name, known.data, unicodedata.normalize("NFC", description.strip()), reader.number)
    )
