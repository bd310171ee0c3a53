"""Read any supported word-processor file: the package is checked, then the format's reader runs."""

from __future__ import annotations

from builder.office.document import Document
from builder.office.docx import read_docx
from builder.office.odt import read_odt
from builder.office.package import open_package


def read_document(data: bytes) -> Document:
    """The document model of a .docx or .odt file, whatever its name says; UnreadableDocument if neither."""
    package = open_package(data)
    if package.has("mimetype"):
        return read_odt(package)
    return read_docx(package)
