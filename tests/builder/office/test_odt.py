"""The OpenDocument reader, on .odt files built like LibreOffice's: the exact document model, and refusals."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest

from builder.office.document import Block, Document, Finding, Image, Paragraph, Span, Style, Table
from builder.office.odt import read_odt
from builder.office.package import UnreadableDocument, open_package
from tests.builder.office import odt_documents as odt

CHANGE_HINT = "accept or reject all changes, then import again"
OBJECT_HINT = "paste its content as text or a table, or a chart as a picture"


def read(data: bytes) -> Document:
    return read_odt(open_package(data))


def para(
    text: str, number: int, style: Style = Style.BODY, level: int = 0, ordered: bool = False
) -> Paragraph:
    return Paragraph((Span(text),), style, level, ordered, number)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def expected_case(lang: str) -> tuple[Block, ...]:
    """The blocks `full_case(lang)` must give, paragraph numbers included."""
    t = {key: nfc(value) for key, value in odt.CASE_TEXT[lang].items()}
    metadata = Table(
        tuple(
            ((para(nfc(label), 3 + 2 * i),), (para(nfc(value), 4 + 2 * i),))
            for i, (label, value) in enumerate(odt.metadata_values(lang))
        ),
        3,
    )
    spans = (
        Span(t["before_bold"] + " "),
        Span(t["bold"], bold=True),
        Span(" " + t["before_italic"] + " "),
        Span(t["italic"], italic=True),
        Span(t["before_link"] + " "),
        Span(t["link"], link=odt.LINK),
        Span(t["end"]),
    )
    blocks = Table(
        (
            ((para(t["block"], 26),), (para(t["schools"], 27),)),
            ((para(t["block_1"], 28),), (para("112", 29),)),
            ((para(t["block_2"], 30),), (para("87", 31),)),
        ),
        26,
    )
    return (
        para(t["title"], 1, Style.TITLE),
        para(t["summary"], 2),
        metadata,
        para(t["context"], 17, Style.HEADING, 1),
        Paragraph(spans, Style.BODY, 0, False, 18),
        para(t["kitchens"], 19, Style.HEADING, 2),
        para(t["bullet_1"], 20, Style.LIST, 0),
        para(t["bullet_1a"], 21, Style.LIST, 1),
        para(t["bullet_1b"], 22, Style.LIST, 1),
        para(t["bullet_2"], 23, Style.LIST, 0),
        para(t["number_1"], 24, Style.LIST, 0, True),
        para(t["number_2"], 25, Style.LIST, 0, True),
        blocks,
        Paragraph((Span(t["result"]), Span("", footnote=0)), number=32),
        Image("kitchen.png", odt.tiny_png(), t["alt"], 33),
        para(f"{t['figure']} 1: {t['caption']}", 33, Style.CAPTION),
        para(t["questions"], 34, Style.HEADING, 1),
        para(t["question"], 35),
    )


@pytest.mark.parametrize("lang", ["en", "hi", "ta"])
def test_a_whole_case_in_each_language(lang: str) -> None:
    document = read(odt.full_case(lang))
    t = odt.CASE_TEXT[lang]
    assert document.blocks == expected_case(lang)
    assert document.footnotes == ((para(nfc(t["note"]), 0),),)
    assert document.findings == ()
    assert document.other_text == (
        (0, nfc(t["title"])),
        (0, nfc(t["summary"])),
        (0, "school meals"),
        (0, "Meena Kumari"),
        (0, "R. Pillai"),
    )


def test_styles_resolve_by_libreoffice_names_parents_and_automatic_styles() -> None:
    document = read(odt.styled_paragraphs())
    assert document.blocks == (
        para("Heading by automatic style", 1, Style.HEADING, 2),  # P1 -> Heading_20_2 ("Heading 2")
        para("Heading by escaped name", 2, Style.HEADING, 3),  # "Heading_20_3" without a display name
        para("A caption", 3, Style.CAPTION),
        para("A figure caption", 4, Style.CAPTION),
        para("Write the context here", 5, Style.GUIDANCE),
        Paragraph(
            (
                Span("Italic paragraph with ", italic=True),
                Span("bold", bold=True, italic=True),
                Span(" words", italic=True),
            ),
            number=6,
        ),
        Paragraph((Span("Named "), Span("strong", bold=True), Span(" style")), number=7),
        Paragraph((Span("Complex-script "), Span("बोल्ड", bold=True)), number=8),
        para("Deep heading", 9, Style.HEADING, 6),
        para("Title written as a heading", 10, Style.TITLE),
        para("Spaces: a   b c\nd", 11),
        para("numbered by its paragraph style", 12, Style.LIST, 0, True),
        para("Heading in a list", 13, Style.HEADING, 2),
        para("தமிழ் \u0b95\u0bca", 14),  # composed, as NFC makes it
    )


def test_footnotes_and_endnotes_are_numbered_zero_and_do_not_advance_the_count() -> None:
    document = read(odt.with_notes())
    assert document.blocks == (
        Paragraph((Span("Pupils ate at noon"), Span("", footnote=0), Span(" every day.")), number=1),
        Paragraph((Span("Cooks were local"), Span("", footnote=1)), number=2),
        para("Last.", 3),
    )
    assert document.footnotes == (
        (
            Paragraph((Span("Source: "), Span("block office", bold=True))),
            para("register of 2022", 0, Style.LIST, 0, True),
        ),
        (para("Checked in 2023.", 0),),
    )


def test_sections_indexes_list_headers_and_pictures_outside_paragraphs() -> None:
    document = read(odt.odd_structure())
    assert document.blocks == (
        Image("a.png", odt.tiny_png(1), "Anchored to the page", 0),  # the contents index is skipped
        para("In a section", 1, Style.HEADING, 1),
        para("Text beside a picture", 2),
        Image("a.png", odt.tiny_png(1), "", 2),
        para("Header item", 3, Style.LIST, 0),
        para("deep bullet", 4, Style.LIST, 1),  # the outermost list's style (bullets) decides
        Table((((para("cell", 5),),),), 5),
    )
    assert document.findings == (
        Finding(5, "AGK608", "a picture inside a table cell is not imported", "put it after the table"),
    )


def test_tracked_changes_are_reported_and_deleted_text_is_kept_apart() -> None:
    document = read(odt.with_tracked_changes())
    assert document.blocks == (
        para("The kitchen opened in March.", 1),
        para("Meals reached all pupils.", 2),
        para("Menus changed weekly.", 3),
    )
    assert document.findings == (
        Finding(1, "AGK609", "tracked insertion by Meena Kumari", CHANGE_HINT),
        Finding(2, "AGK609", "tracked deletion by R. Pillai", CHANGE_HINT),
        Finding(3, "AGK609", "tracked format change by Meena Kumari", CHANGE_HINT),
    )
    assert document.other_text == ((2, "Call the headmaster on 98450 12345."),)


@pytest.mark.parametrize("text", ["Check the cook's phone number.", "क" * 70])
def test_comments_are_reported_and_kept_out_of_the_content(text: str) -> None:
    document = read(odt.with_comment(text))
    assert document.blocks == (para("First paragraph.", 1), para("Cooks were paid monthly.", 2))
    # The comment's text is not echoed (it may hold personal data): only the privacy scan reads it.
    assert document.findings == (
        Finding(2, "AGK610", "comment by Meena Kumari not imported", "resolve and delete it"),
    )
    assert document.other_text == ((2, text),)


def test_linked_pictures_are_reported_and_never_fetched() -> None:
    document = read(odt.with_remote_image())
    assert document.blocks == (
        para("Remote pictures:", 1),
        Image("k.png", odt.tiny_png(7), "A kitchen", 2),  # svg:title when there is no svg:desc
    )
    assert [(f.number, f.code, f.message) for f in document.findings] == [
        (1, "AGK607", f"the picture is a link to {href}, which is not fetched")
        for href in ("https://example.org/photo.png", "file:///C:/photos/kitchen.png", "../kitchen.png")
    ]


def test_embedded_objects_and_text_boxes_are_reported() -> None:
    document = read(odt.with_embedded_object())
    assert document.blocks == (
        para("An equation", 1),  # the formula's replacement picture is not imported either
        Paragraph((), number=2),
        para("Note", 3),
    )
    assert document.findings == (
        Finding(1, "AGK608", "an equation (formula object) is not imported", OBJECT_HINT),
        Finding(2, "AGK608", "an embedded OLE object is not imported", OBJECT_HINT),
        Finding(2, "AGK608", "a chart is not imported", OBJECT_HINT),
        Finding(3, "AGK608", "a text box is not imported", "move its text into the document"),
    )
    assert document.other_text == ((3, "Helpline of the headmaster"),)


def test_nested_tables_are_reported_and_merged_cells_are_empty() -> None:
    document = read(odt.with_nested_table())
    assert document.blocks == (
        para("Before.", 1),
        Table(
            (
                ((para("left", 2),), (para("right", 3),)),
                ((para("merged", 4),), ()),
            ),
            2,
        ),
        para("After.", 5),
    )
    assert document.findings == (
        Finding(3, "AGK608", "a table inside a table cell is not imported", "put it after the table"),
    )


def test_empty_macro_containers_are_not_macros() -> None:
    assert read(odt.with_empty_macro_containers()).blocks == (para("No macros here.", 1),)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (odt.with_macros, "the document contains macros; save it without macros as .odt"),
        (odt.encrypted, "the document is encrypted"),
        (odt.spreadsheet, "this is a spreadsheet, not a text document"),
        (odt.without_content, "the document has no content.xml"),
        (odt.with_broken_content, "part content.xml is not well-formed XML"),
        (odt.with_doctype, "part content.xml declares a document type or entities"),
        (odt.deeply_nested, "the document nests its content too deeply to be read"),
    ],
)
def test_files_that_cannot_be_read(data: object, message: str) -> None:
    with pytest.raises(UnreadableDocument) as raised:
        read(data())  # type: ignore[operator]
    assert raised.value.message.startswith(message)
    assert "root:" not in raised.value.message  # /etc/passwd was never read


def test_what_is_not_an_opendocument_text() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<x/>")
    with pytest.raises(UnreadableDocument, match="not an OpenDocument text document"):
        read(buffer.getvalue())  # no mimetype
    with pytest.raises(UnreadableDocument, match="not an OpenDocument text document"):
        read(odt.zipped({"content.xml": b"<x/>"}, mimetype="text/plain"))
    with pytest.raises(UnreadableDocument, match="no text body"):
        read(odt.zipped({"content.xml": b"<x/>"}))
