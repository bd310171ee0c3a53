"""One fixture folder per diagnostic code: the code fires exactly where expected."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

import pytest

from builder.diagnostics.codes import CATALOGUE
from builder.diagnostics.diagnostic import Severity
from builder.validate.validation import validate
from tests.conftest import FIXTURES, MakeProject

FIXTURE_DIR = FIXTURES / "diagnostics"
CODES = sorted(p.name for p in FIXTURE_DIR.iterdir() if p.is_dir())


def tiny_png() -> bytes:
    """A valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x00\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


def apply_make(root: Path, steps: list[dict[str, object]]) -> None:
    """Create what cannot be committed: symlinks, huge files, names git would mangle."""
    for step in steps:
        if "symlink" in step:
            link = root / str(step["symlink"])
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(str(step["target"]))
            continue
        path = root / str(step["file"])
        path.parent.mkdir(parents=True, exist_ok=True)
        data = tiny_png() if step.get("png") else b""
        size = int(str(step.get("size", len(data))))
        path.write_bytes(data + b"\0" * (size - len(data)))


def test_every_catalogue_code_has_a_fixture() -> None:
    assert sorted(CATALOGUE) == CODES, "add tests/fixtures/diagnostics/<CODE>/ for each new code"


def document_findings(builder: str) -> list[tuple[str, int, int, str]]:
    """What `agk import` reports about a fixture document: (path, paragraph, 0, code)."""
    from builder.model.aliases import load_vocabularies
    from builder.office.case_from_document import ImportOptions, case_from_document
    from builder.office.package import UnreadableDocument
    from builder.office.reading import read_document
    from tests.builder.office import docx_documents, odt_documents

    make = getattr(docx_documents, builder, None) or getattr(odt_documents, builder)
    try:
        document = read_document(make())
    except UnreadableDocument:
        return [("document", 0, 0, "AGK601")]
    taxonomy, _ = load_vocabularies(FIXTURES.parent.parent / "case_studies" / "_taxonomies", "taxonomies")
    case = case_from_document(document, taxonomy, ImportOptions())
    return [("document", f.number, 0, f.code) for f in case.findings]


@pytest.mark.parametrize("code", CODES)
def test_fixture_reports_exactly_the_expected_diagnostics(code: str, make_project: MakeProject) -> None:
    folder = FIXTURE_DIR / code
    spec = json.loads((folder / "fixture.json").read_text(encoding="utf-8"))
    if "document" in spec:
        # Import codes: a document made by the tests (never committed), imported.
        found = [(p, line, col) for p, line, col, c in document_findings(spec["document"]) if c == code]
        assert found == [(e["path"], e["line"], e["col"]) for e in spec["expected"]]
        return
    project = make_project(folder / "case_studies")
    apply_make(project.root, spec["make"])
    paths = [project.root / p for p in spec["paths"]]
    # Braille codes need liblouis and are reported only on request (agk validate --braille).
    result = validate(project, paths, braille=bool(spec.get("braille")))
    found = [(d.path, d.line, d.col) for d in result.diagnostics if d.code == code]
    expected = [(e["path"], e["line"], e["col"]) for e in spec["expected"]]
    assert found == expected, [d for d in result.diagnostics if d.code == code]
    assert result.failed(strict=True)
    assert result.failed(strict=False) == (
        CATALOGUE[code].severity is Severity.ERROR
        or any(d.severity is Severity.ERROR for d in result.diagnostics)
    )
