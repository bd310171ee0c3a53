"""`agk import` through the real command line: documents made by the tests become case folders."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import pytest
import yaml

from builder.markdown.html import MarkdownRenderer
from builder.project import Project
from builder.source.front_matter import split_front_matter
from tests.builder.cli_runner import agk
from tests.builder.office import docx_documents as docs
from tests.builder.office import odt_documents as odt
from tests.conftest import MakeProject


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _folder(project: Project) -> list[str]:
    return sorted(p.name for p in project.case_dir.iterdir() if not p.name.startswith("_"))


def _read(folder: Path, lang: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    meta = yaml.safe_load((folder / "case.yaml").read_text(encoding="utf-8"))
    split = split_front_matter((folder / f"{lang}.md").read_text(encoding="utf-8"))
    return meta, yaml.safe_load(split.front or ""), split.body


@pytest.mark.parametrize(
    ("lang", "english_labels", "case_type"),
    [
        ("hi", False, "lesson-drawing"),
        ("hi", True, "decision-forcing"),
        ("en", False, "caselet"),
        ("ta", False, "lesson-drawing"),
    ],
)
def test_a_document_becomes_a_valid_case_folder(
    make_project: MakeProject, tmp_path: Path, lang: str, english_labels: bool, case_type: str
) -> None:
    project = make_project()
    expected = docs.case_expectations(lang, english_labels=english_labels, case_type=case_type)
    source = _write(
        tmp_path, "report.docx", docs.case_document(lang, english_labels=english_labels, case_type=case_type)
    )
    run = agk("import", str(source), "--id", "xx-imported-case", cwd=project.root)
    assert run.code == 0, run.out + run.err
    assert "0 error(s), 0 warning(s)" in run.out
    folder = project.case_dir / "xx-imported-case"
    meta, front, body = _read(folder, lang)
    assert {key: meta[key] for key in expected["fields"]} == expected["fields"]
    assert meta["type"] == case_type
    assert (front["title"], front["summary"]) == (expected["title"], expected["summary"])
    html = MarkdownRenderer().render(body).html
    shown = " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())
    for section in expected["sections"]:
        assert f'id="{section["id"]}"' in html
        for text in section["paragraphs"]:
            assert text in shown
    rich = expected["rich"]
    assert f"**{rich['bold']}**" in body and f"*{rich['italic']}*" in body
    assert f"[{rich['link_text']}]({expected['link_url']})" in body
    assert f"[^1]: {expected['footnote']}" in body
    assert f"### {expected['subheading']}" in body
    for text, level in expected["bullets"]:
        assert f"\n{'    ' * level}- {text}\n" in body
    for text in expected["numbered"]:
        assert f"1. {text}" in body
    assert "| " + " | ".join(expected["table"][0]) + " |" in body
    assert f"![{expected['caption']}](media/image1.png)" in body
    assert (folder / "media" / "image1.png").read_bytes().startswith(b"\x89PNG")
    assert "<sup" in html and "<table>" in html and "<ol>" in html


def test_unmapped_rows_values_headings_and_pictures_are_reported(
    make_project: MakeProject, tmp_path: Path
) -> None:
    project = make_project()
    run = agk(
        "import",
        str(_write(tmp_path, "report.docx", docs.unmapped_document())),
        "--id",
        "xx-unmapped",
        cwd=project.root,
    )
    assert run.code == 1
    lines = run.out.splitlines()
    assert any(
        line.startswith("report.docx: paragraph ")
        and "error AGK604 unknown state or union territory 'Atlantis'" in line
        for line in lines
    )
    assert any("error AGK603 row 'Budget' is not a metadata field" in line for line in lines)
    assert any("warning AGK605 heading 'Annexure'" in line for line in lines)
    assert any("error AGK606 picture" in line for line in lines)
    # One diagnostic per problem: validation does not report the same value, heading again.
    assert not any(code in run.out for code in ("AGK203", "AGK302", "AGK104"))
    meta, _, body = _read(project.case_dir / "xx-unmapped", "en")
    assert meta["states"] == ["Atlantis"]  # kept as written: nothing is lost
    assert "## Annexure" in body and docs.ANNEXURE_TEXT in body


@pytest.mark.parametrize(
    ("builder", "words"),
    [
        ("zip_bomb", "zip bomb"),
        ("lying_zip_bomb", "word/document.xml"),
        ("too_many_entries", "zip bomb"),
        ("xxe_document", "entities"),
        ("billion_laughs", "entities"),
        ("macro_document", "macros"),
        ("corrupt", "damaged"),
        ("encrypted", "encrypted"),
        ("not_a_document", "not a Word"),
        ("pdf_bytes", "not a Word"),
        ("spreadsheet_like", "spreadsheet"),
    ],
)
def test_unreadable_documents_write_nothing(
    make_project: MakeProject, tmp_path: Path, builder: str, words: str
) -> None:
    project = make_project()
    before = _folder(project)
    run = agk(
        "import",
        str(_write(tmp_path, "bad.docx", getattr(docs, builder)())),
        "--id",
        "xx-bad",
        cwd=project.root,
    )
    assert run.code == 1
    assert run.out.startswith("bad.docx: error AGK601 ") and words in run.out.splitlines()[0]
    assert "nothing was written" in run.out
    assert _folder(project) == before
    assert "root:" not in run.out + run.err  # no external entity was ever read


@pytest.mark.parametrize(
    ("builder", "codes"),
    [
        ("remote_image", ["AGK607"]),
        ("embedded_object", ["AGK608"]),
        ("text_box", ["AGK608"]),
        ("tracked_changes", ["AGK609", "AGK609", "AGK520"]),
        ("commented", ["AGK610", "AGK521"]),
    ],
)
def test_what_is_not_imported_is_reported(
    make_project: MakeProject, tmp_path: Path, builder: str, codes: list[str]
) -> None:
    project = make_project()
    run = agk(
        "import",
        str(_write(tmp_path, "doc.docx", getattr(docs, builder)())),
        "--id",
        "xx-doc",
        cwd=project.root,
    )
    found = [
        word
        for line in run.out.splitlines()
        if line.startswith("doc.docx: paragraph")
        for word in line.split()
        if word in ("AGK607", "AGK608", "AGK609", "AGK610", "AGK520", "AGK521")
    ]
    assert found == codes, run.out
    assert run.code == 1
    # Personal data is found but never echoed, nor written into the case.
    assert docs.TRACKED_AADHAAR not in run.out and docs.COMMENT_PAN not in run.out
    written = "".join(p.read_text(encoding="utf-8") for p in (project.case_dir / "xx-doc").glob("*.*"))
    assert docs.TRACKED_AADHAAR not in written and docs.COMMENT_PAN not in written
    assert docs.REMOTE_IMAGE_URL not in written or builder != "remote_image"


def test_usage_errors(make_project: MakeProject, tmp_path: Path) -> None:
    project = make_project()
    source = _write(tmp_path, "Report Final.docx", docs.case_document("hi"))
    assert agk("import", str(tmp_path / "missing.docx"), cwd=project.root).code == 2
    assert agk("import", str(source), "--lang", "xx", cwd=project.root).code == 2
    assert agk("import", str(source), "--type", "novel", cwd=project.root).code == 2
    first = agk("import", str(source), cwd=project.root)
    # No --id and a file name that is no id: the folder is named from the state, type and year.
    assert first.code == 0 and _folder(project) == ["up-lesson-drawing-2019"]
    again = agk("import", str(source), cwd=project.root)
    assert again.code == 2 and "already exists" in again.err


@pytest.mark.parametrize("lang", ["hi", "ta"])
def test_an_opendocument_file_becomes_a_valid_case_folder(
    make_project: MakeProject, tmp_path: Path, lang: str
) -> None:
    project = make_project()
    run = agk(
        "import",
        str(_write(tmp_path, "meals.odt", odt.full_case(lang))),
        "--id",
        "xx-meals",
        cwd=project.root,
    )
    assert run.code == 0, run.out + run.err
    meta, front, body = _read(project.case_dir / "xx-meals", lang)
    assert (meta["original_language"], meta["type"]) == (lang, "caselet")
    assert front["title"] and "{#context}" in body and "[^1]:" in body and "](media/" in body
