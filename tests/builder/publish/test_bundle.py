"""`agk bundle`: the zip of a state's cases, opened from disk in Chromium, reproducible, verifiable."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from builder.project import Project, find_project
from builder.publish.offline_links import dead_links
from tests.browser import PageWatch
from tests.builder.cli_runner import Run, agk
from tests.conftest import FIXTURES, new_project

ENV = {"SOURCE_DATE_EPOCH": "1700000000"}
UP = "cases/up-valid-lesson/index.html"
NATIONAL = "cases/in-valid-decision/index.html"
TAMIL_NADU = "cases/tn-valid-caselet/index.html"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the valid fixture corpus (three cases: UP, Tamil Nadu, national)."""
    return new_project(tmp_path_factory.mktemp("bundle") / "repo", FIXTURES / "valid" / "case_studies")


def make_bundle(project: Project, name: str, *args: str) -> tuple[Run, Path]:
    """Run `agk bundle` into `name`; return the run and the zip's path."""
    target = project.root.parent / name
    return agk("bundle", *args, "-o", str(target), cwd=project.root, env=ENV), target


@pytest.fixture(scope="module")
def up_bundle(project: Project) -> Path:
    """The Uttar Pradesh bundle in Hindi and English."""
    run, target = make_bundle(project, "up.zip", "--lang", "hi,en", "--state", "UP")
    assert run.code == 0, run.err
    return target


@pytest.fixture(scope="module")
def unzipped(up_bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The UP bundle unzipped, as an officer would on a laptop."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(up_bundle) as archive:
        archive.extractall(folder)
    return folder


def manifest(bundle: Path) -> dict[str, Any]:
    with zipfile.ZipFile(bundle) as archive:
        loaded: dict[str, Any] = json.loads(archive.read("MANIFEST.json"))
    return loaded


def test_state_bundle_holds_the_state_and_national_cases(up_bundle: Path) -> None:
    fields = manifest(up_bundle)
    assert fields["cases"] == ["in-valid-decision", "up-valid-lesson"]
    assert fields["national_cases"] == ["in-valid-decision"]
    assert fields["languages"] == ["hi", "en"]
    assert fields["selection"] == {"sdg": None, "sector": None, "state": "UP"}
    with zipfile.ZipFile(up_bundle) as archive:
        names = set(archive.namelist())
    assert {f"hi/{UP}", f"en/{NATIONAL}", "hi/search/engine.js", "index.html"} <= names
    assert f"hi/{TAMIL_NADU}" not in names
    assert not any(name.startswith(("ta/", "ur/")) for name in names)
    assert any(name.startswith("fonts/devanagari/") for name in names)
    assert "sitemap.xml" not in names


def test_bundle_reports_progress_and_sizes(project: Project) -> None:
    run, _ = make_bundle(project, "sizes.zip", "--lang", "hi", "--sdg", "3")
    assert run.code == 0, run.err
    for part in ("zipped", "hi search index", "hi pages", "fonts", "zip file"):
        assert part in run.err, run.err
    assert "sha256" in run.out


def test_same_input_gives_the_same_bytes(project: Project, up_bundle: Path) -> None:
    run, again = make_bundle(project, "again.zip", "--lang", "hi,en", "--state", "UP")
    assert run.code == 0, run.err
    assert again.read_bytes() == up_bundle.read_bytes()


@pytest.fixture(scope="module")
def tampered(up_bundle: Path) -> Path:
    """The UP bundle with a script slipped into one page after it was written."""
    target_path = up_bundle.parent / "tampered.zip"
    with zipfile.ZipFile(up_bundle) as source, zipfile.ZipFile(target_path, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "en/index.html":
                data = data.replace(b"</body>", b"<script>x()</script></body>", 1)
            target.writestr(info, data)
    return target_path


def test_verify_accepts_the_bundle_and_refuses_a_tampered_one(
    project: Project, up_bundle: Path, tampered: Path
) -> None:
    assert agk("bundle", "--verify", str(up_bundle), cwd=project.root).code == 0
    run = agk("bundle", "--verify", str(tampered), cwd=project.root)
    assert run.code == 1
    # A changed page differs in both size and SHA-256, and nothing else differs.
    assert run.out.splitlines() == [
        f"{tampered}: 'en/index.html': size {len(_page(tampered))} differs from MANIFEST.json "
        f"({len(_page(up_bundle))})",
        f"{tampered}: 'en/index.html': SHA-256 differs from MANIFEST.json",
    ]
    assert "failed verification (2 problem(s))" in run.err


def _page(bundle: Path) -> bytes:
    with zipfile.ZipFile(bundle) as archive:
        return archive.read("en/index.html")


def test_verify_needs_no_checkout(up_bundle: Path, tampered: Path, tmp_path: Path) -> None:
    # A reader who was sent the zip: an empty folder, no case_studies/, no mkdocs.yml, no git.
    assert find_project(tmp_path) is None
    assert not any((folder / ".git").exists() for folder in (tmp_path, *tmp_path.parents))
    copy = tmp_path / "received.zip"
    copy.write_bytes(up_bundle.read_bytes())
    run = agk("bundle", "--verify", "received.zip", cwd=tmp_path)
    assert run.code == 0, run.err
    assert run.out == "agk: received.zip is intact: every file matches MANIFEST.json\n"
    (tmp_path / "changed.zip").write_bytes(tampered.read_bytes())
    run = agk("bundle", "--verify", "changed.zip", cwd=tmp_path)
    assert run.code == 1
    assert "changed.zip: 'en/index.html': SHA-256 differs from MANIFEST.json" in run.out
    assert "agk: changed.zip failed verification (2 problem(s))" in run.err
    (tmp_path / "garbage.zip").write_bytes(b"not a zip at all")
    run = agk("bundle", "--verify", "garbage.zip", cwd=tmp_path)
    assert run.code == 1
    assert "not a readable zip archive" in run.out
    missing = agk("bundle", "--verify", "missing.zip", cwd=tmp_path)
    assert missing.code == 2
    assert "no such file: missing.zip" in missing.err


def test_usage_errors(project: Project) -> None:
    assert agk("bundle", cwd=project.root).code == 2
    assert agk("bundle", "--lang", "hi", "--state", "ZZ", cwd=project.root, env=ENV).code == 2
    assert agk("bundle", "--lang", "hi", "--sector", "helth", cwd=project.root, env=ENV).code == 2
    assert agk("bundle", "--lang", "hi", "--sdg", "9", cwd=project.root, env=ENV).code == 2  # no case
    assert agk("bundle", "--verify", "missing.zip", cwd=project.root).code == 2


def test_bundle_works_from_disk(watch: PageWatch, unzipped: Path) -> None:
    page = watch.page
    page.goto((unzipped / "index.html").as_uri())
    page.goto((unzipped / "hi" / "index.html").as_uri())
    # Catalogue filter: the state narrows the cards to the UP case.
    page.goto((unzipped / "hi" / "catalogue.html").as_uri())
    page.locator("select[data-facet=state]").select_option("UP")
    visible = page.locator(".agk-cards > .agk-card:not([hidden])")
    assert visible.count() == 1
    # Search in Hindi and in English, from file://.
    for lang, query, expected in (("hi", "पेंशन", NATIONAL), ("en", "registers", UP)):
        page.goto((unzipped / lang / "index.html").as_uri())
        page.locator("input.agk-search__input").fill(query)
        page.locator(".agk-search[data-agk-state=done]").wait_for(timeout=20_000)
        links = page.locator("a.agk-search__hit").evaluate_all("links => links.map(a => a.href)")
        assert any(link.endswith(expected) for link in links), links
    # The language switch lands on the same case in the other language.
    page.goto((unzipped / "hi" / UP).as_uri())
    switch = page.locator(f'a[hreflang="en"][href$="{UP.split("/", 1)[1]}"]').first
    page.goto(switch.evaluate("a => a.href"))
    assert page.url.endswith(f"/en/{UP}")
    assert not watch.errors, watch.errors
    assert not watch.external_requests(), watch.external_requests()


def test_cases_outside_the_bundle_link_to_the_published_site(unzipped: Path) -> None:
    pages = [path.read_text(encoding="utf-8") for path in (unzipped / "en" / "cases").rglob("index.html")]
    outside = [page for page in pages if "amrit-gyan-kosh.example/en/cases/tn-valid-caselet" in page]
    # The UP case lists the Tamil Nadu case as related; it is not in the bundle.
    assert len(outside) == 1
    link = 'class="agk-online"><a href="https://amrit-gyan-kosh.example/en/cases/tn-valid-caselet/index.html"'
    assert link in outside[0]
    assert "needs a connection" in outside[0]
    # No relative link points at a case that is not in the bundle.
    assert not any('href="../tn-valid-caselet/' in page for page in pages)


@pytest.fixture(scope="module")
def hindi_urdu(project: Project, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Hindi and Urdu bundle of every case, unzipped: some cases are in neither language."""
    run, target = make_bundle(project, "hi-ur.zip", "--lang", "hi,ur")
    assert run.code == 0, run.err
    folder = tmp_path_factory.mktemp("hi-ur")
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder)
    return folder


def test_every_link_of_a_bundle_leads_to_a_file_in_it_or_says_it_needs_a_connection(hindi_urdu: Path) -> None:
    present = {path.relative_to(hindi_urdu).as_posix() for path in hindi_urdu.rglob("*") if path.is_file()}
    pages = sorted(name for name in present if name.endswith(".html"))
    assert len(pages) > 20
    for name in pages:
        html = (hindi_urdu / name).read_text(encoding="utf-8")
        assert dead_links(html, name, present) == [], name
    # The English version of a Hindi case page is not in the bundle: it is offered online.
    page = (hindi_urdu / "hi" / UP).read_text(encoding="utf-8")
    english = f'href="https://amrit-gyan-kosh.example/en/{UP}" data-agk-online="'
    assert english in page


def test_a_bundle_of_one_language_opens_straight_into_it(
    project: Project, watch: PageWatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run, target = make_bundle(project, "hi.zip", "--lang", "hi")
    assert run.code == 0, run.err
    folder = tmp_path_factory.mktemp("hi-only")
    with zipfile.ZipFile(target) as archive:
        archive.extractall(folder)
        names = archive.namelist()
    watch.page.goto((folder / "index.html").as_uri())
    watch.page.wait_for_url("**/hi/index.html", timeout=10_000)
    assert not any(name.endswith("teaching-note.html") for name in names)


def test_teaching_notes_go_into_a_bundle_only_when_asked(project: Project, up_bundle: Path) -> None:
    run, target = make_bundle(project, "notes.zip", "--lang", "en", "--teaching-notes")
    assert run.code == 0, run.err
    with zipfile.ZipFile(target) as archive:
        assert "en/cases/up-valid-lesson/teaching-note.html" in archive.namelist()
    with zipfile.ZipFile(up_bundle) as archive:
        assert not any(name.endswith("teaching-note.html") for name in archive.namelist())
