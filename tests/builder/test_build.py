"""`agk build`: golden generated Markdown, a real strict MkDocs build, atomic replacement."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from builder import render
from builder.pages.common import LanguageSite
from builder.project import Project
from builder.validate import validate
from tests.builder.cli_runner import agk
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden" / "render"


def generated_pages(project: Project) -> dict[str, str]:
    result = validate(project, models=True)
    cases = tuple(sorted(result.cases, key=lambda c: c.id))
    langs = tuple(sorted({lang for case in cases for lang in case.narratives}))
    return {
        f"{lang}/{path}": text
        for lang in langs
        for path, text in render.language_pages(
            LanguageSite(lang, result.taxonomy, cases, langs, "https://agk.example/")
        ).items()
    }


def test_generated_markdown_matches_golden_files(valid_project: Project) -> None:
    pages = generated_pages(valid_project)
    if os.environ.get("AGK_UPDATE_GOLDEN"):
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    golden = {
        p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8")
        for p in GOLDEN.rglob("*.md")
    }
    assert sorted(pages) == sorted(golden)
    for rel, text in pages.items():
        assert text == golden[rel], (
            f"{rel} differs; rerun with AGK_UPDATE_GOLDEN=1 and review the diff"
        )


def test_escaping_in_generated_markdown(valid_project: Project) -> None:
    page = generated_pages(valid_project)["en/cases/up-valid-lesson/index.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    title = page.split("---\n")[1].splitlines()[0]
    assert json.loads(title.removeprefix("title: ")).endswith(
        '&lt;script&gt;alert("x")&lt;/script&gt;'
    )


@pytest.mark.slow
def test_strict_build_writes_every_language_and_escapes_titles(valid_project: Project) -> None:
    run = agk("build", "--strict", cwd=valid_project.root)
    assert run.code == 0, run.err
    site = valid_project.root / "site"
    assert (site / "index.html").is_file()
    for lang in ("en", "hi", "ta", "ur"):
        assert (site / lang / "index.html").is_file()
    page = (site / "en" / "cases" / "up-valid-lesson" / "index.html").read_text()
    assert "<script>alert" not in page
    assert (site / "en" / "cases" / "up-valid-lesson" / "media" / "cover.png").is_file()
    assert 'href="hi/index.html"' in (site / "index.html").read_text()
    assert json.loads((site / "catalog.json").read_text())[0]["id"] == "in-valid-decision"


@pytest.mark.slow
def test_failed_build_leaves_the_previous_site(valid_project: Project) -> None:
    assert agk("build", cwd=valid_project.root).code == 0
    marker = valid_project.root / "site" / "marker.txt"
    marker.write_text("previous build")
    meta = valid_project.case_dir / "tn-valid-caselet" / "case.yaml"
    meta.write_text(meta.read_text().replace("type: caselet", "type: casette"))
    run = agk("build", cwd=valid_project.root)
    assert run.code == 1
    assert "previous site is unchanged" in run.err
    assert marker.read_text() == "previous build"


def test_unknown_build_language_is_a_usage_error(valid_project: Project) -> None:
    run = agk("build", "--lang", "xx", cwd=valid_project.root)
    assert run.code == 2
    assert "unknown language(s): xx" in run.err


def test_golden_folder_exists() -> None:
    assert Path(GOLDEN).is_dir()
