"""The Word reader on shapes the fixture documents do not cover."""

from __future__ import annotations

import io

import docx

from builder.office.document import Paragraph, Table
from builder.office.reading import read_document
from tests.builder.office.docx_documents import png


def test_a_picture_in_a_table_cell_is_reported_not_dropped() -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Before"
    table.cell(0, 1).paragraphs[0].add_run().add_picture(io.BytesIO(png()))
    out = io.BytesIO()
    document.save(out)
    read = read_document(out.getvalue())
    assert isinstance(read.blocks[0], Table)
    first, second = read.blocks[0].rows[0]
    assert first == (Paragraph(first[0].spans, number=1),) and second == ()
    assert [(f.number, f.code) for f in read.findings] == [(2, "AGK608")]
