"""`agk build`: golden generated Markdown, a real strict MkDocs build, atomic replacement."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.build import permalink_titles
from builder.project import Project
from builder.render import site_pages
from builder.render.pages.common import LanguageSite
from builder.validate.validation import validate
from tests.builder.cli_runner import agk
from tests.conftest import FIXTURES

GOLDEN = FIXTURES / "golden" / "render"


def generated_pages(project: Project) -> dict[str, str]:
    result = validate(project, models=True, permalink_titles=permalink_titles())
    cases = tuple(sorted(result.cases, key=lambda c: c.id))
    langs = tuple(sorted({lang for case in cases for lang in case.narratives}))
    return {
        f"{lang}/{path}": text
        for lang in langs
        for path, text in site_pages.language_pages(
            LanguageSite(
                lang, result.taxonomy, cases, langs, "https://agk.example/", rendered=result.rendered
            )
        ).items()
    }


def test_generated_markdown_matches_golden_files(valid_project: Project) -> None:
    pages = generated_pages(valid_project)
    if os.environ.get("AGK_UPDATE_GOLDEN"):
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(golden)
    for rel, text in pages.items():
        assert text == golden[rel], f"{rel} differs; rerun with AGK_UPDATE_GOLDEN=1 and review the diff"


def test_escaping_in_generated_markdown(valid_project: Project) -> None:
    page = generated_pages(valid_project)["en/cases/up-valid-lesson/index.md"]
    assert "<script>" not in page
    assert "&lt;script&gt;" in page
    title = page.split("---\n")[1].splitlines()[0]
    assert json.loads(title.removeprefix("title: ")).endswith('&lt;script&gt;alert("x")&lt;/script&gt;')


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


@pytest.mark.slow
def test_builds_are_byte_identical_with_and_without_the_cache(valid_project: Project) -> None:
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    # The first build fills the validation cache, the second reuses it, the third ignores it.
    assert agk("build", "--out", "one", cwd=valid_project.root, env=env).code == 0
    assert (valid_project.root / ".agk" / "cache" / "validation.sqlite").is_file()
    assert agk("build", "--out", "two", cwd=valid_project.root, env=env).code == 0
    assert agk("build", "--clean", "--out", "three", cwd=valid_project.root, env=env).code == 0
    one = valid_project.root / "one"
    files = sorted(p.relative_to(one) for p in one.rglob("*") if p.is_file())
    for other in (valid_project.root / "two", valid_project.root / "three"):
        assert files == sorted(p.relative_to(other) for p in other.rglob("*") if p.is_file())
        assert [f for f in files if (one / f).read_bytes() != (other / f).read_bytes()] == []


@pytest.mark.slow
def test_serve_rebuilds_when_a_case_changes(valid_project: Project) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "builder", "serve", "--lang", "en", "--port", str(port)],
        cwd=valid_project.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    page = f"http://127.0.0.1:{port}/en/cases/in-valid-decision/index.html"
    try:
        assert "पेंशन भुगतान" in _fetch_until(page, lambda text: "पेंशन" in text)
        source = valid_project.case_dir / "in-valid-decision" / "hi.md"
        source.write_text(source.read_text().replace("पेंशन भुगतान में विफलताएँ", "पेंशन भुगतान की नई जाँच"))
        assert "पेंशन भुगतान की नई जाँच" in _fetch_until(page, lambda text: "नई जाँच" in text)
    finally:
        server.terminate()
        server.communicate(timeout=30)


def _fetch_until(url: str, ready: Callable[[str], bool], seconds: float = 120) -> str:
    """GET `url` until `ready(body)` holds (the server builds in the background)."""
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                text = response.read().decode("utf-8")
            if ready(text):
                return text
        except OSError:
            pass
        time.sleep(0.5)
    return text
