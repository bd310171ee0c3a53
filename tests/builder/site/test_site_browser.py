"""The built site in headless Chromium, over HTTP and straight from disk."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import PageWatch, open_page, site_root
from tests.conftest import FIXTURES, build_site, new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "cases/up-valid-lesson/index.html"
# True once the results page lists exactly `n` hits (a wait that fails the test on timeout).
HIT_COUNT = "n => document.querySelectorAll('.agk-search-page a.agk-search__hit').length === n"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture corpus built once with `agk build --strict`."""
    project = new_project(tmp_path_factory.mktemp("site") / "repo", FIXTURES / "valid" / "case_studies")
    return build_site(project)


@pytest.fixture(scope="module", params=["http", "file"])
def base(request: pytest.FixtureRequest, site_dir: Path) -> Iterator[str]:
    """The site's root URL, served over HTTP or opened from disk."""
    with site_root(site_dir, request.param) as url:
        yield url


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
    page.locator(".md-header summary.agk-languages__button").click()
    page.locator(".agk-languages__list a.agk-switch[hreflang=hi]").click()
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


def search_hits(page: Any, query: str) -> list[str]:
    """Type `query` into the header search box; return the result links once rendered."""
    box = page.locator("input.agk-search__input")
    # Text arrives as an input method inserts it: input events, no key presses.
    box.fill(query)
    page.locator(".agk-search[data-agk-state=done]").wait_for(timeout=20_000)
    results = page.locator("a.agk-search__hit")
    return [results.nth(i).get_attribute("href") or "" for i in range(results.count())]


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("hi", "पेंशन", "cases/in-valid-decision/index.html"),
        ("ta", "இரத்தசோகை", "cases/tn-valid-caselet/index.html"),
        ("ur", "ادائیگیاں", "cases/in-valid-decision/index.html"),
        ("en", "registers", "cases/up-valid-lesson/index.html"),
        # Inflected forms: the index has the other plural / the singular.
        ("en", "register", "cases/up-valid-lesson/index.html"),
        # Prefix of the last word, as typed so far.
        ("hi", "पेंश", "cases/in-valid-decision/index.html"),
    ],
)
def test_search_finds_the_case(watch: PageWatch, base: str, lang: str, query: str, expected: str) -> None:
    page = watch.page
    page.goto(f"{base}/{lang}/index.html")
    links = search_hits(page, query)
    assert any(link.endswith(expected) for link in links), links
    page.locator("a.agk-search__hit").first.click()
    page.wait_for_load_state()
    assert page.url.endswith(expected) or expected in page.url
    assert_clean(watch)


def test_search_keyboard_and_results_page(watch: PageWatch, base: str) -> None:
    page = watch.page
    page.goto(f"{base}/en/catalogue.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('agk-search__input')")
    search_hits(page, "registers")
    page.keyboard.press("ArrowDown")
    assert page.locator("a.agk-search__hit--active").count() == 1
    page.keyboard.press("Escape")
    assert page.locator(".agk-search__panel").is_hidden()
    page.locator("input.agk-search__input").press("Enter")
    page.wait_for_url(re.compile(r".*/en/search\.html\?q=registers$"))
    page.locator(".agk-search-page[data-agk-state=done]").wait_for(timeout=20_000)
    hits = page.locator(".agk-search-page a.agk-search__hit")
    assert hits.count() >= 1
    legends = page.locator(".agk-search-page__facet legend").all_inner_texts()
    assert "Sector" in legends and "State or union territory" in legends
    # Narrowing by a state shows exactly the hits its count promised; "Any" brings all back.
    before = hits.count()
    option = page.locator(".agk-search-page__facet label:has(input[name=state]:not([value='']))").first
    expected = int(option.locator(".agk-search-page__count").inner_text())
    option.locator("input").check()
    page.wait_for_function(HIT_COUNT, arg=expected, timeout=20_000)
    assert "state=" in page.url
    page.locator(".agk-search-page__facet input[name=state][value='']").check()
    page.wait_for_function(HIT_COUNT, arg=before, timeout=20_000)
    assert "state=" not in page.url
    assert_clean(watch)


def test_no_lunr_search_is_shipped(site_dir: Path) -> None:
    for lang in ("en", "hi"):
        root = site_dir / lang
        assert not (root / "search" / "search_index.json").exists()
        assert not list(root.glob("assets/javascripts/lunr/**/*"))
        assert not list(root.glob("assets/javascripts/workers/*"))
        assert (root / "search" / "engine.js").is_file() and list((root / "search" / "t").glob("*.js"))
        page = (root / "index.html").read_text(encoding="utf-8")
        assert "iframe-worker" not in page and "unpkg.com" not in page
