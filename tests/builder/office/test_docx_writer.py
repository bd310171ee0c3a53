"""The Word writer: every construct of the model, read back with python-docx and as raw XML."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib

import docx
import pytest
from docx.shared import Cm

from builder.office.document import Document, Image, Paragraph, Span, Style, Table
from builder.office.docx import read_docx
from builder.office.docx_writer import write_docx
from builder.office.package import open_package

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
FOOTNOTES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
PORTAL = "https://example.gov.in/tanks"
REPORT = "https://example.gov.in/tank-report"


def png(width: int, height: int) -> bytes:
    """A valid RGB PNG of `width` x `height` pixels (no pHYs, so 72 dpi to python-docx)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + b"\x20\x80\x40" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def para(*spans: Span, style: Style = Style.BODY, level: int = 0, ordered: bool = False) -> Paragraph:
    return Paragraph(spans, style, level, ordered)


def text(value: str, style: Style = Style.BODY, level: int = 0, ordered: bool = False) -> Paragraph:
    return para(Span(value), style=style, level=level, ordered=ordered)


def sample() -> Document:
    """A short case study using every construct the writer knows."""
    body = para(
        Span("Gram sabhas in the district "),
        Span("mapped every village tank", bold=True),
        Span(" and "),
        Span("published the register", italic=True),
        Span(" on the "),
        Span("district portal", link=PORTAL),
        Span("", footnote=0),
        Span("."),
    )
    cells = (
        ((text("Year"),), (text("Tanks restored"),)),
        ((text("2019"),), (text("42"), text("of 60 surveyed"))),
        ((text("2020"),), ()),
    )
    blocks = (
        text("Village tanks back in use", Style.TITLE),
        body,
        text("Background", Style.HEADING, 1),
        text("Earlier attempts", Style.HEADING, 2),
        text("Survey the tanks", Style.LIST, 0, ordered=True),
        text("Note the silt depth", Style.LIST, 1),
        text("Share the register", Style.LIST, 0, ordered=True),
        text("The second round began after the monsoon."),
        text("Repair the inlets", Style.LIST, 0, ordered=True),
        text("Audit the work", Style.LIST, 0, ordered=True),
        Table(cells),
        text("Desilting", Style.LIST),
        text("Fencing", Style.LIST),
        Image("tank.png", png(1200, 600), "A restored tank with stone steps"),
        text("Figure 1: the restored tank at the village edge", Style.CAPTION),
        Image("survey.webp", b"RIFF\x10\x00\x00\x00WEBPVP8 ", "Survey map"),
        text("Replace this paragraph with what changed for residents.", Style.GUIDANCE),
    )
    note = para(Span("Block office survey, 2019; see the "), Span("report", link=REPORT), Span("."))
    return Document(blocks, footnotes=((note,),))


def part(data: bytes, name: str) -> ET.Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return ET.fromstring(package.read(name))


def relationships(data: bytes, name: str) -> dict[str, ET.Element]:
    return {rel.get("Id", ""): rel for rel in part(data, name).iter(f"{PKG}Relationship")}


def body_paragraphs(data: bytes) -> list[ET.Element]:
    body = part(data, "word/document.xml").find(f"{W}body")
    assert body is not None
    return body.findall(f"{W}p")


def paragraph_text(element: ET.Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


def by_text(data: bytes, wanted: str) -> ET.Element:
    return next(p for p in part(data, "word/document.xml").iter(f"{W}p") if paragraph_text(p) == wanted)


@pytest.fixture(scope="module")
def english() -> bytes:
    return write_docx(sample(), lang="en", rtl=False)


def test_is_a_valid_package_with_the_readers_style_names(english: bytes) -> None:
    word = docx.Document(io.BytesIO(english))
    styles = [p.style.name for p in word.paragraphs if p.style is not None]
    assert styles == [
        "Title",
        "Normal",
        "Heading 1",
        "Heading 2",
        *["List Paragraph"] * 3,
        "Normal",
        *["List Paragraph"] * 2,
        *["List Paragraph"] * 2,
        "Normal",
        "Caption",
        "Normal",
        "Guidance",
    ]
    assert word.paragraphs[-2].text == "[picture: survey.webp]"
    guidance = word.styles["Guidance"]
    assert guidance.base_style is not None and guidance.base_style.name == "Normal"
    assert guidance.font.italic is True
    assert str(guidance.font.color.rgb) == "595959"


def test_bold_and_italic_also_apply_to_complex_script(english: bytes) -> None:
    runs = {paragraph_text(r): r for r in body_paragraphs(english)[1].iter(f"{W}r")}
    bold = runs["mapped every village tank"].find(f"{W}rPr")
    italic = runs["published the register"].find(f"{W}rPr")
    assert bold is not None and italic is not None
    assert [child.tag for child in bold][:2] == [f"{W}b", f"{W}bCs"]
    assert [child.tag for child in italic][:2] == [f"{W}i", f"{W}iCs"]
    assert runs["Gram sabhas in the district "].find(f"{W}rPr/{W}b") is None


def test_links_are_hyperlinks_with_external_relationships(english: bytes) -> None:
    link = body_paragraphs(english)[1].find(f"{W}hyperlink")
    assert link is not None and paragraph_text(link) == "district portal"
    rel = relationships(english, "word/_rels/document.xml.rels")[link.get(f"{R}id", "")]
    assert (rel.get("Type"), rel.get("Target"), rel.get("TargetMode")) == (HYPERLINK_TYPE, PORTAL, "External")
    style = link.find(f"{W}r/{W}rPr/{W}rStyle")
    assert style is not None and style.get(f"{W}val") == "Hyperlink"
    hyperlink = docx.Document(io.BytesIO(english)).styles["Hyperlink"]
    assert hyperlink.font.underline is True


def test_footnotes_are_a_real_part(english: bytes) -> None:
    types = {
        o.get("PartName"): o.get("ContentType")
        for o in part(english, "[Content_Types].xml").iter(f"{CT}Override")
    }
    assert (
        types["/word/footnotes.xml"]
        == "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
    )
    rels = relationships(english, "word/_rels/document.xml.rels").values()
    assert [r.get("Target") for r in rels if r.get("Type") == FOOTNOTES_TYPE] == ["footnotes.xml"]
    notes = part(english, "word/footnotes.xml").findall(f"{W}footnote")
    assert [(n.get(f"{W}id"), n.get(f"{W}type")) for n in notes] == [
        ("-1", "separator"),
        ("0", "continuationSeparator"),
        ("1", None),
    ]
    note = notes[2].find(f"{W}p")
    assert note is not None
    assert paragraph_text(note).strip() == "Block office survey, 2019; see the report."
    style = note.find(f"{W}pPr/{W}pStyle")
    assert style is not None and style.get(f"{W}val") == "FootnoteText"
    assert note.find(f"{W}r/{W}footnoteRef") is not None
    link = note.find(f"{W}hyperlink")
    assert link is not None
    target = relationships(english, "word/_rels/footnotes.xml.rels")[link.get(f"{R}id", "")]
    assert (target.get("Target"), target.get("TargetMode")) == (REPORT, "External")
    reference = next(
        r for r in body_paragraphs(english)[1].iter(f"{W}r") if r.find(f"{W}footnoteReference") is not None
    )
    mark = reference.find(f"{W}footnoteReference")
    assert mark is not None and mark.get(f"{W}id") == "1"
    align = reference.find(f"{W}rPr/{W}vertAlign")
    assert align is not None and align.get(f"{W}val") == "superscript"
    assert docx.Document(io.BytesIO(english)).styles["footnote text"].base_style.name == "Normal"


def number_format(numbering: ET.Element, num_id: str, level: int) -> str:
    num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == num_id)
    abstract_ref = num.find(f"{W}abstractNumId")
    assert abstract_ref is not None
    abstract_id = abstract_ref.get(f"{W}val")
    abstract = next(a for a in numbering.iter(f"{W}abstractNum") if a.get(f"{W}abstractNumId") == abstract_id)
    assert len(abstract.findall(f"{W}lvl")) == 9
    lvl = next(x for x in abstract.iter(f"{W}lvl") if x.get(f"{W}ilvl") == str(level))
    found = lvl.find(f"{W}numFmt")
    assert found is not None and lvl.find(f"{W}pPr/{W}ind") is not None
    return found.get(f"{W}val", "")


def test_each_list_is_its_own_word_numbering(english: bytes) -> None:
    items = {}
    for paragraph in body_paragraphs(english) + list(part(english, "word/document.xml").iter(f"{W}tc")):
        num_pr = paragraph.find(f"{W}pPr/{W}numPr")
        if num_pr is not None:
            ilvl, num_id = num_pr.find(f"{W}ilvl"), num_pr.find(f"{W}numId")
            assert ilvl is not None and num_id is not None
            items[paragraph_text(paragraph)] = (int(ilvl.get(f"{W}val", "")), num_id.get(f"{W}val", ""))
    assert [level for level, _ in items.values()] == [0, 1, 0, 0, 0, 0, 0]
    first, nested, third = (
        items["Survey the tanks"],
        items["Note the silt depth"],
        items["Share the register"],
    )
    assert first[1] == nested[1] == third[1]
    second = items["Repair the inlets"]
    assert second[1] == items["Audit the work"][1] != first[1]  # a new list restarts at 1
    bullets = items["Desilting"]
    assert bullets[1] == items["Fencing"][1] not in (first[1], second[1])
    numbering = part(english, "word/numbering.xml")
    assert number_format(numbering, first[1], 0) == "decimal"
    assert number_format(numbering, first[1], 1) == "bullet"
    assert number_format(numbering, second[1], 0) == "decimal"
    assert number_format(numbering, bullets[1], 0) == "bullet"
    num = next(n for n in numbering.iter(f"{W}num") if n.get(f"{W}numId") == second[1])
    assert {o.get(f"{W}val") for o in num.iter(f"{W}startOverride")} == {"1"}
    assert by_text(english, "Survey the tanks").find(f"{W}pPr/{W}pStyle") is not None


def test_tables_keep_cells_and_a_header_row(english: bytes) -> None:
    table = docx.Document(io.BytesIO(english)).tables[0]
    assert table.style is not None and table.style.name == "Table Grid"
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Year", "Tanks restored"],
        ["2019", "42\nof 60 surveyed"],
        ["2020", ""],
    ]
    assert len(table.rows[2].cells[1].paragraphs) == 1
    rows = next(part(english, "word/document.xml").iter(f"{W}tbl")).findall(f"{W}tr")
    assert [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows] == [True, False, False]


def test_pictures_are_inline_with_alt_text_and_at_most_15_cm(english: bytes) -> None:
    inline = next(part(english, "word/document.xml").iter(f"{WP}inline"))
    properties, extent = inline.find(f"{WP}docPr"), inline.find(f"{WP}extent")
    assert properties is not None and extent is not None
    assert properties.get("descr") == "A restored tank with stone steps"
    assert properties.get("title") == ""
    assert (int(extent.get("cx", "")), int(extent.get("cy", ""))) == (Cm(15), Cm(15) // 2)
    with zipfile.ZipFile(io.BytesIO(english)) as package:
        assert package.read("word/media/image1.png") == sample().blocks[13].data  # type: ignore[union-attr]
    small = write_docx(Document((Image("dot.png", png(20, 10), "A dot"),)), lang="en", rtl=False)
    extent = next(part(small, "word/document.xml").iter(f"{WP}extent"))
    assert (int(extent.get("cx", "")), int(extent.get("cy", ""))) == (20 * 914400 // 72, 10 * 914400 // 72)


def test_page_is_a4_with_2_cm_margins(english: bytes) -> None:
    section = docx.Document(io.BytesIO(english)).sections[0]
    page = (section.page_width, section.page_height)
    lengths = (*page, section.left_margin, section.right_margin, section.top_margin, section.bottom_margin)
    # Word stores twentieths of a point: A4 is 11906 x 16838, 2 cm is 1134.
    assert [length.twips if length is not None else None for length in lengths] == [11906, 16838] + [1134] * 4


def test_core_properties_are_fixed(english: bytes) -> None:
    properties = docx.Document(io.BytesIO(english)).core_properties
    assert properties.title == "Village tanks back in use"
    assert properties.language == "en"
    assert properties.created is not None and properties.created.isoformat() == "2000-01-01T00:00:00+00:00"
    assert properties.modified == properties.created
    assert (properties.author, properties.last_modified_by, properties.revision) == ("", "", 1)
    with zipfile.ZipFile(io.BytesIO(english)) as package:
        assert "docProps/thumbnail.jpeg" not in package.namelist()


def test_english_marks_latin_text_only(english: bytes) -> None:
    language = part(english, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert language is not None and language.get(f"{W}val") == "en-IN"
    run_language = by_text(english, "Background").find(f"{W}r/{W}rPr/{W}lang")
    assert run_language is not None and run_language.get(f"{W}val") == "en-IN"
    assert run_language.get(f"{W}bidi") is None
    assert not list(part(english, "word/document.xml").iter(f"{W}cs"))
    assert not list(part(english, "word/document.xml").iter(f"{W}rtl"))


def test_hindi_sets_the_complex_script_language() -> None:
    hindi = Document(
        (
            text("गाँव के तालाब फिर से उपयोग में", Style.TITLE),
            para(Span("ग्राम सभाओं ने "), Span("हर तालाब", bold=True), Span(" का नक्शा बनाया (2019)।")),
            text("PDF register"),
        )
    )
    data = write_docx(hindi, lang="hi", rtl=False)
    language = part(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert language is not None
    assert (language.get(f"{W}val"), language.get(f"{W}bidi"), language.get(f"{W}eastAsia")) == (
        "en-IN",
        "hi-IN",
        "en-US",
    )
    bold = next(r for r in body_paragraphs(data)[1].iter(f"{W}r") if paragraph_text(r) == "हर तालाब")
    properties = bold.find(f"{W}rPr")
    assert properties is not None
    assert [c.tag.removeprefix(W) for c in properties] == ["b", "bCs", "cs", "lang"]
    run_language = properties.find(f"{W}lang")
    assert run_language is not None and run_language.get(f"{W}bidi") == "hi-IN"
    latin = by_text(data, "PDF register").find(f"{W}r/{W}rPr")
    assert latin is not None and latin.find(f"{W}cs") is None
    assert not list(part(data, "word/document.xml").iter(f"{W}bidi"))
    assert docx.Document(io.BytesIO(data)).core_properties.title == "गाँव के तालाब फिर से उपयोग में"


def test_urdu_is_right_to_left_throughout() -> None:
    urdu = Document(
        (
            text("گاؤں کے تالاب", Style.TITLE),
            para(Span("گرام سبھا نے ہر تالاب کا نقشہ بنایا"), Span("", footnote=0)),
            Table((((text("سال"),), (text("تالاب"),)),)),
        ),
        footnotes=((text("بلاک دفتر کا سروے"),),),
    )
    data = write_docx(urdu, lang="ur", rtl=True)
    document = part(data, "word/document.xml")
    paragraphs = list(document.iter(f"{W}p"))
    assert len(paragraphs) == 4
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in paragraphs)
    assert all(r.find(f"{W}rPr/{W}rtl") is not None for r in document.iter(f"{W}r"))
    assert document.find(f"{W}body/{W}tbl/{W}tblPr/{W}bidiVisual") is not None
    assert document.find(f"{W}body/{W}sectPr/{W}bidi") is not None
    note = part(data, "word/footnotes.xml").findall(f"{W}footnote")[2].find(f"{W}p")
    assert note is not None and note.find(f"{W}pPr/{W}bidi") is not None
    title = by_text(data, "گاؤں کے تالاب").find(f"{W}r/{W}rPr")
    assert title is not None and [c.tag.removeprefix(W) for c in title] == ["rtl", "cs", "lang"]
    language = title.find(f"{W}lang")
    assert language is not None and language.get(f"{W}bidi") == "ur-IN"
    assert docx.Document(io.BytesIO(data)).core_properties.language == "ur"


def test_same_input_gives_the_same_bytes(english: bytes) -> None:
    assert write_docx(sample(), lang="en", rtl=False) == english
    assert write_docx(sample(), lang="hi", rtl=False) != english
    with zipfile.ZipFile(io.BytesIO(english)) as package:
        entries = package.infolist()
    assert entries[0].filename == "[Content_Types].xml"
    assert {(e.date_time, e.compress_type, e.external_attr) for e in entries} == {
        ((1980, 1, 1, 0, 0, 0), zipfile.ZIP_DEFLATED, 0o644 << 16)
    }


def test_a_missing_footnote_is_refused() -> None:
    with pytest.raises(ValueError, match="footnote 1"):
        write_docx(
            Document((para(Span("", footnote=1)),), footnotes=((text("only"),),)), lang="en", rtl=False
        )


def test_the_import_reads_back_what_was_written(english: bytes) -> None:
    read = read_docx(open_package(english))
    paragraphs = [b for b in read.blocks if isinstance(b, Paragraph)]
    kinds = [(p.style, p.level, p.ordered) for p in paragraphs if p.style in (Style.HEADING, Style.LIST)]
    assert kinds == [
        (Style.HEADING, 1, False),
        (Style.HEADING, 2, False),
        (Style.LIST, 0, True),
        (Style.LIST, 1, False),
        (Style.LIST, 0, True),
        (Style.LIST, 0, True),
        (Style.LIST, 0, True),
        (Style.LIST, 0, False),
        (Style.LIST, 0, False),
    ]
    assert [p.style for p in paragraphs if p.style in (Style.TITLE, Style.CAPTION, Style.GUIDANCE)] == [
        Style.TITLE,
        Style.CAPTION,
        Style.GUIDANCE,
    ]
    assert paragraphs[1].spans[5] == Span("district portal", link=PORTAL)
    assert paragraphs[1].spans[6].footnote == 0
    images = [b for b in read.blocks if isinstance(b, Image)]
    assert [i.description for i in images] == ["A restored tank with stone steps"]
