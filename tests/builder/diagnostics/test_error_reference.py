"""The error-code reference page in docs/ is generated from the catalogue and up to date."""

from __future__ import annotations

from builder.diagnostics import reference
from builder.diagnostics.codes import CATALOGUE
from tests.conftest import REPO


def test_reference_page_is_current() -> None:
    page = (REPO / reference.PAGE).read_text(encoding="utf-8")
    assert page == reference.render(), "run: python -m builder.diagnostics.reference"


def test_reference_page_documents_every_code() -> None:
    page = reference.render()
    for code, entry in CATALOGUE.items():
        assert f"### {code}: {entry.title} {{#{code.lower()}}}" in page
