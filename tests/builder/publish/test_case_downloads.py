""" "Download for offline reading": each case page's zip, opened from disk as a reader would."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from builder.publish.offline_links import dead_links, offline_page, target
from tests.browser import PageWatch
from tests.conftest import FIXTURES, build_site, new_project

LESSON = "up-valid-lesson"  # en and hi, with an English teaching note


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, liblouis: None) -> Path:
    project = new_project(tmp_path_factory.mktemp("downloads") / "repo", FIXTURES / "valid" / "case_studies")
    return build_site(project)


def _unzip(site: Path, lang: str, tmp: Path) -> tuple[Path, list[str]]:
    with zipfile.ZipFile(site / lang / "cases" / LESSON / f"{LESSON}.{lang}.zip") as archive:
        archive.extractall(tmp)
        return tmp, archive.namelist()


def test_each_case_page_written_in_its_language_has_a_zip(site: Path) -> None:
    assert (site / "hi" / "cases" / LESSON / f"{LESSON}.hi.zip").is_file()
    assert (site / "en" / "cases" / LESSON / f"{LESSON}.en.zip").is_file()
    # The Tamil site shows this case only by its metadata: nothing to take away.
    assert not (site / "ta" / "cases" / LESSON / f"{LESSON}.ta.zip").exists()
    page = (site / "hi" / "cases" / LESSON / "index.html").read_text(encoding="utf-8")
    assert f'href="{LESSON}.hi.zip" download' in page
    assert f'href="{LESSON}.hi.brf" download' in page


def test_the_zip_holds_the_page_its_media_braille_and_one_font_but_no_teaching_note(
    site: Path, tmp_path: Path
) -> None:
    folder, names = _unzip(site, "hi", tmp_path)
    assert f"hi/cases/{LESSON}/index.html" in names and "MANIFEST.json" in names
    assert f"hi/cases/{LESSON}/{LESSON}.hi.brf" in names
    assert any(name.startswith(f"hi/cases/{LESSON}/media/") for name in names)
    assert not any("teaching-note" in name for name in names)
    assert {name.split("/")[1] for name in names if name.startswith("fonts/")} == {"devanagari"}
    present = set(names)
    for name in names:
        if name.endswith(".html"):
            html = (folder / name).read_text(encoding="utf-8")
            assert dead_links(html, name, present) == [], name
            assert not re.search(r'<script src="[^"]*assets/javascripts/', html), name
    assert sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()) < 1_000_000


def test_the_zip_opens_on_the_case_from_disk_without_requests_outside(
    site: Path, tmp_path: Path, watch: PageWatch
) -> None:
    folder, _ = _unzip(site, "hi", tmp_path)
    watch.page.goto((folder / "index.html").as_uri())
    watch.page.wait_for_url(f"**/hi/cases/{LESSON}/index.html", timeout=10_000)
    assert watch.page.locator("h1").count() == 1
    assert not watch.errors, watch.errors
    assert not watch.external_requests(), watch.external_requests()


def test_links_out_of_a_zip_go_online_and_say_so() -> None:
    html = '<a href="../other/index.html">x</a> <a href="#top">t</a> <img src="media/a%20b.png">'
    present = {"hi/cases/one/media/a b.png"}
    fixed = offline_page(html, "hi/cases/one/index.html", present, "https://agk.example/", "ऑनलाइन")
    assert '<a href="https://agk.example/hi/cases/other/index.html" data-agk-online="ऑनलाइन">x</a>' in fixed
    assert 'href="#top"' in fixed and 'src="media/a%20b.png"' in fixed
    assert target("hi/index.html", "cases/") == "hi/cases/index.html"
    assert target("hi/index.html", "https://x.example/") is None
