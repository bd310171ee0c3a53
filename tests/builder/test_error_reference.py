"""The error-code reference page in docs/ is generated from the catalogue and up to date."""

from __future__ import annotations

from builder import error_reference
from builder.catalogue import CATALOGUE
from tests.conftest import REPO


def test_reference_page_is_current() -> None:
    page = (REPO / error_reference.PAGE).read_text(encoding="utf-8")
    assert page == error_reference.render(), "run: python -m builder.error_reference"


def test_reference_page_documents_every_code() -> None:
    page = error_reference.render()
    for code, entry in CATALOGUE.items():
        assert f"### {code}: {entry.title} {{#{code.lower()}}}" in page
