"""The built site in headless Chromium, over HTTP and straight from disk."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import PageWatch, browser, open_page, serve
from tests.conftest import FIXTURES, new_project

__all__ = ["browser"]  # the fixture is used by name

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "cases/up-valid-lesson/index.html"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture corpus built once with `agk build --strict`."""
    project = new_project(tmp_path_factory.mktemp("site") / "repo", FIXTURES / "valid" / "case_studies")
    completed = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--strict"],
        cwd=project.root, capture_output=True, text=True, check=False,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return project.root / "site"


@pytest.fixture(scope="module", params=["http", "file"])
def base(request: pytest.FixtureRequest, site_dir: Path) -> Iterator[str]:
    """The site's root URL, served over HTTP or opened from disk."""
    if request.param == "file":
        yield site_dir.as_uri()
        return
    url, server = serve(site_dir)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def watch(browser: Any) -> Iterator[PageWatch]:
    page = open_page(browser)
    yield page
    page.page.context.close()


def assert_clean(watch: PageWatch) -> None:
    assert watch.external_requests() == []
    assert watch.errors == []
    assert watch.dialogs == []


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("hi", "ltr"), ("ta", "ltr"), ("ur", "rtl")])
def test_home_in_each_language(watch: PageWatch, base: str, lang: str, direction: str) -> None:
    watch.page.goto(f"{base}/{lang}/index.html")
    assert watch.page.locator("html").get_attribute("lang") == lang
    assert watch.page.locator("body").get_attribute("dir") == direction
    assert watch.page.locator(".agk-cards > li").count() >= 1
    assert_clean(watch)


def test_root_page_sends_readers_to_their_language(browser: Any, base: str) -> None:
    watch = open_page(browser, locale="hi-IN")
    watch.page.goto(f"{base}/index.html")
    watch.page.wait_for_url("**/hi/index.html")
    chooser = open_page(browser, locale="fr-FR")
    chooser.page.goto(f"{base}/index.html#choose")
    assert chooser.page.locator("a[hreflang=ur]").inner_text() == "اردو"
    assert_clean(watch)


def test_catalogue_filter_narrows_results(watch: PageWatch, base: str) -> None:
    page = watch.page
    page.goto(f"{base}/en/catalogue.html")
    cards = page.locator(".agk-cards > li")
    assert cards.count() == 3
    page.select_option("select[data-facet=sector]", "nutrition")
    visible = page.locator(".agk-cards > li:not([hidden])")
    assert visible.count() == 1
    assert "tn-valid-caselet" in (visible.locator("a").get_attribute("href") or "")
    assert page.locator(".agk-status").inner_text() == "Showing 1 of 3 case studies"
    page.select_option("select[data-facet=sector]", "")
    page.fill("[data-year=from]", "2014")
    page.fill("[data-year=to]", "2016")
    assert visible.count() == 2
    assert_clean(watch)


def test_language_switch_lands_on_the_same_case(watch: PageWatch, base: str) -> None:
    page = watch.page
    page.goto(f"{base}/en/{LESSON}")
    page.locator(".md-header .md-select").hover()
    page.locator("a.agk-switch[hreflang=hi]").click()
    page.wait_for_url(f"**/hi/{LESSON}")
    assert page.locator("h1").first.inner_text() == "एक ज़िले में गर्भावस्था की ट्रैकिंग"
    assert_clean(watch)


def test_case_missing_in_a_language_says_where_to_read_it(watch: PageWatch, base: str) -> None:
    page = watch.page
    page.goto(f"{base}/hi/cases/tn-valid-caselet/index.html")
    notice = page.locator(".agk-unavailable")
    assert notice.count() == 1
    notice.locator("a[hreflang=ta]").click()
    page.wait_for_url("**/ta/cases/tn-valid-caselet/index.html")
    page.goto(f"{base}/en/cases/tn-valid-caselet/index.html")
    assert page.locator(".agk-stale").count() == 1
    assert_clean(watch)


def test_script_in_a_title_executes_nothing(watch: PageWatch, base: str) -> None:
    page = watch.page
    for lang in ("en", "hi"):
        for path in (LESSON, "index.html", "catalogue.html", "sectors/health.html"):
            page.goto(f"{base}/{lang}/{path}")
            scripts = page.evaluate("[...document.scripts].map(s => s.textContent).join(' ')")
            assert 'alert("x")' not in scripts
    page.goto(f"{base}/en/{LESSON}")
    assert '<script>alert("x")</script>' in page.locator("h1").first.inner_text()
    assert '<script>alert("x")</script>' in page.title()
    assert_clean(watch)


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("hi", "पेंशन", "cases/in-valid-decision/index.html"),
        ("ta", "இரத்தசோகை", "cases/tn-valid-caselet/index.html"),
        ("ur", "ادائیگیاں", "cases/in-valid-decision/index.html"),
        ("en", "registers", "cases/up-valid-lesson/index.html"),
    ],
)
def test_search_finds_the_case(watch: PageWatch, base: str, lang: str, query: str, expected: str) -> None:
    page = watch.page
    page.goto(f"{base}/{lang}/index.html")
    page.locator(".md-search__input").first.click()
    # Text arrives as an input method inserts it: input events, no key presses.
    page.locator("input.md-search__input").fill(query)
    results = page.locator(".md-search-result__item a")
    results.first.wait_for(timeout=20_000)
    links = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
    assert any(expected in link for link in links), links
    assert_clean(watch)
