"""The rules of a document, on the document model: title, table, summary, sections, findings."""

from __future__ import annotations

import pytest

from builder.model.aliases import load_vocabularies
from builder.model.taxonomy import Taxonomy
from builder.office.case_from_document import ImportOptions, case_from_document
from builder.office.document import Document, Finding, Image, Paragraph, Span, Style, Table
from tests.conftest import REPO

# A valid Aadhaar number (Verhoeff check digit), only ever used in tests.
AADHAAR = "2345 6789 0124"


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    found, _ = load_vocabularies(REPO / "case_studies" / "_taxonomies", "taxonomies")
    return found


def para(text: str, style: Style = Style.BODY, level: int = 0, number: int = 0, **span: object) -> Paragraph:
    return Paragraph((Span(text, **span),), style, level, number=number)  # type: ignore[arg-type]


def table(*rows: tuple[str, str], number: int = 10) -> Table:
    return Table(
        tuple((((para(a, number=number + 2 * i)),), (para(b),)) for i, (a, b) in enumerate(rows)), number
    )


HINDI_TABLE = table(
    ("केस का प्रकार", "सीख आधारित केस"),
    ("राज्य या केंद्र शासित प्रदेश", "उत्तर प्रदेश"),
    ("शासन का स्तर", "ज़िला"),
    ("क्षेत्र", "स्वास्थ्य"),
    ("सतत विकास लक्ष्य", "3"),
    ("वर्ष", "2019"),
    ("कार्यान्वयन संस्था", "ज़िला स्वास्थ्य समिति"),
)


def test_a_hindi_document(taxonomy: Taxonomy) -> None:
    document = Document(
        (
            para("शीर्षक", Style.TITLE, number=1),
            para("संक्षेप में मामला।", number=2),
            HINDI_TABLE,
            para("पृष्ठभूमि", Style.HEADING, 1, number=30),
            para("पहला अनुच्छेद", number=31),
            para("उपखंड", Style.HEADING, 2, number=32),
            para("एक", Style.LIST, 0, number=33),
            Paragraph((Span("दो"),), Style.LIST, 1, number=34),
            Paragraph((Span("पहला"),), Style.LIST, 0, True, 35),
        )
    )
    case = case_from_document(document, taxonomy, ImportOptions(file_stem="up-test-case"))
    assert case.findings == ()
    assert (case.case_id, case.lang, case.title, case.summary) == (
        "up-test-case",
        "hi",
        "शीर्षक",
        "संक्षेप में मामला।",
    )
    assert case.meta == {
        "type": "lesson-drawing",
        "original_language": "hi",
        "states": ["UP"],
        "level": "district",
        "sectors": [{"sector": "health"}],
        "sdgs": [3],
        "year": 2019,
        "organisation": "ज़िला स्वास्थ्य समिति",
    }
    assert case.body == ("## पृष्ठभूमि {#context}\n\nपहला अनुच्छेद\n\n### उपखंड\n\n- एक\n    - दो\n\n1. पहला\n")


def test_title_from_first_heading_and_summary_row_and_findings(taxonomy: Taxonomy) -> None:
    document = Document(
        (
            para("A district story", Style.HEADING, 1, number=1),
            table(
                ("Case type", "Caselet"),
                ("Summary", "In short."),
                ("Budget", "4 crore"),
                ("State", "Atlantis"),
            ),
            para("Context", Style.HEADING, 1, number=20),
            para("Annexure", Style.HEADING, 1, number=21),
            Image("image1.PNG", b"\x89PNG", "", 22),
            Image("chart.png", b"\x89PNG2", "", 23),
            para("Chart of results", Style.CAPTION, number=24),
        ),
        findings=(Finding(22, "AGK610", "comment by X not imported"),),
        other_text=((5, f"call {AADHAAR}"),),
    )
    case = case_from_document(document, taxonomy, ImportOptions())
    assert (case.title, case.summary, case.meta["type"]) == ("A district story", "In short.", "caselet")
    assert [(f.number, f.code) for f in case.findings] == [
        (5, "AGK520"), (14, "AGK603"), (16, "AGK604"), (21, "AGK605"), (22, "AGK610"), (22, "AGK606"),
    ]  # fmt: skip
    assert case.reported == {"states"}
    assert "![](media/image1.png)" in case.body
    assert "![Chart of results](media/chart.png)" in case.body
    assert set(case.media) == {"image1.png", "chart.png"}
    assert "## Annexure\n" in case.body and "## Context {#context}" in case.body
    assert case.case_id is None  # no --id, no id row, no state/year to make one from


def test_language_from_script_and_options_win(taxonomy: Taxonomy) -> None:
    tamil = Document((para("தலைப்பு", Style.TITLE, number=1), para("சுருக்கம்", number=2)))
    assert case_from_document(tamil, taxonomy, ImportOptions()).lang == "ta"
    assert case_from_document(tamil, taxonomy, ImportOptions(lang="en", case_type="caselet")).meta == {
        "type": "caselet",
        "original_language": "en",
    }


def test_inline_markup_footnotes_tables_and_escaping(taxonomy: Taxonomy) -> None:
    body = Paragraph(
        (
            Span("Plain "),
            Span("bold", bold=True),
            Span(" and "),
            Span("italic", italic=True),
            Span(" "),
            Span("a link", link="https://example.org/a b"),
            Span("", footnote=0),
            Span(" <script> *stars* [x]{#id}"),
        ),
        number=3,
    )
    document = Document(
        (
            para("T", Style.TITLE, number=1),
            para("S", number=2),
            body,
            Table(((((para("h|1")),), ((para("h2")),)), (((para("c1")),), ()))),
        ),
        footnotes=((para("The note."),),),
    )
    case = case_from_document(document, taxonomy, ImportOptions(case_id="x-y-z"))
    assert case.body == (
        "Plain **bold** and *italic* [a link](https://example.org/a%20b)[^1] &lt;script> \\*stars\\* "
        "\\[x\\]\\{#id\\}\n\n| h\\|1 | h2 |\n|---|---|\n| c1 |  |\n\n[^1]: The note.\n"
    )


def test_guidance_is_never_content(taxonomy: Taxonomy) -> None:
    document = Document(
        (para("T", Style.TITLE, number=1), para("Write here.", Style.GUIDANCE, number=2), para("S", number=3))
    )
    case = case_from_document(document, taxonomy, ImportOptions())
    assert (case.summary, case.body) == ("S", "\n")


def test_the_summary_is_plain_text(taxonomy: Taxonomy) -> None:
    summary = Paragraph((Span("Fewer "), Span("delays", bold=True), Span(" in [2019]")), number=2)
    document = Document((para("T", Style.TITLE, number=1), summary))
    assert case_from_document(document, taxonomy, ImportOptions()).summary == "Fewer delays in [2019]"
