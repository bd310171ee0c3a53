"""Header, language menu, keyboard order, footer and 404 pages of the built site, in Chromium."""

from __future__ import annotations

import functools
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from builder.render.pages.map import MAP_LICENCE, MAP_SOURCE
from builder.render.strings import Strings
from builder.site.mkdocs import site_owner
from tests.browser import PageWatch, open_page, site_root
from tests.conftest import FIXTURES, REPO, build_site, new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LESSON = "cases/up-valid-lesson/index.html"
PAGES = ("index.html", LESSON, "catalogue.html", "search.html")
LANGS = ("en", "hi", "ta", "ur")
# SOURCE_DATE_EPOCH of the build below, and the lesson's own `published` date.
SOURCE_DAY = "2023-11-14"
LESSON_DAY = "2025-03-01"
# English that used to show on every language's pages: footer, anchors, map, menu.
ENGLISH = (
    "Case studies are published under", "Permanent link", "State boundaries", "Owned and maintained",
    "Last updated", "Accessibility statement", "Error codes", "Skip to content", "Page not found",
)  # fmt: skip
# The text an element shows, the titles of its links and its ::before mark, as one string.
SHOWN = """el => [el.innerText, ...[...el.querySelectorAll('[title]')].map(e => e.title)].join(' ')"""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture corpus and the repository's hand-written pages, built with --strict."""
    project = new_project(tmp_path_factory.mktemp("site") / "repo", FIXTURES / "valid" / "case_studies")
    shutil.copytree(REPO / "docs", project.docs_dir)
    return build_site(project)


@pytest.fixture(scope="module")
def base(site_dir: Path) -> Iterator[str]:
    """The site served over HTTP by a host that answers missing addresses with 404.html."""
    with site_root(site_dir, "host") as url:
        yield url


def assert_clean(watch: PageWatch) -> None:
    assert watch.external_requests() == []
    assert watch.errors == []


def tab_to_search(page: Any, limit: int) -> int:
    """How many Tab presses from the top of the page reach a search box (0: not within `limit`)."""
    page.locator("input[type=search], input[name=q]").first.wait_for(state="attached")
    for stop in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('input[type=search], input[name=q]')"):
            return stop
    return 0


@pytest.mark.parametrize("lang", ["en", "hi"])
@pytest.mark.parametrize("path", PAGES)
def test_search_box_is_within_the_first_five_tab_stops(
    watch: PageWatch, base: str, lang: str, path: str
) -> None:
    watch.page.goto(f"{base}/{lang}/{path}")
    assert tab_to_search(watch.page, 5) >= 1
    assert_clean(watch)


@pytest.mark.parametrize("path", [*PAGES, "map.html", "accessibility.html", "404.html"])
def test_first_tab_stop_skips_to_the_content(watch: PageWatch, base: str, path: str) -> None:
    page = watch.page
    page.goto(f"{base}/hi/{path}")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert "md-skip" in (skip.get_attribute("class") or "")
    assert skip.is_visible()
    target = (skip.get_attribute("href") or "").lstrip("#")
    assert page.evaluate("id => !!document.getElementById(decodeURIComponent(id))", target)
    assert "Skip" not in skip.inner_text()


@pytest.mark.parametrize("width", [390, 1280])
def test_every_control_shows_where_the_focus_is(browser: Any, base: str, width: int) -> None:
    watch = open_page(browser)
    page = watch.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base}/hi/{LESSON}")
    page.locator("input.agk-search__input").wait_for(state="attached")
    look = "el => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth, s.boxShadow].join('|') }"
    seen = 0
    for _ in range(8):
        page.keyboard.press("Tab")
        focused = page.locator(":focus")
        # Nothing hidden is a Tab stop (the shut drawer of narrow screens holds none).
        assert focused.is_visible(), focused.evaluate("el => el.outerHTML.slice(0, 120)")
        with_focus = focused.evaluate(look)
        # The same control without focus (focused again after, so that Tab goes on from it).
        without = focused.evaluate(f"el => {{ el.blur(); const s = ({look})(el); el.focus(); return s }}")
        assert with_focus != without, focused.evaluate("el => el.outerHTML.slice(0, 120)")
        seen += 1
    assert seen == 8
    watch.page.context.close()


def test_language_menu_shows_every_language_and_marks_the_current_one(browser: Any, base: str) -> None:
    for width in (390, 1280):
        watch = open_page(browser)
        page = watch.page
        page.set_viewport_size({"width": width, "height": 700})
        page.goto(f"{base}/hi/index.html")
        links = page.locator(".agk-languages__list a")
        # Shut, the menu's links are neither shown nor Tab stops.
        assert links.count() == len(LANGS) and not links.first.is_visible()
        page.locator("summary.agk-languages__button").click()
        for i in range(links.count()):
            box = links.nth(i).bounding_box()
            assert box is not None and links.nth(i).is_visible()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= 700
        current = page.locator(".agk-languages__list a[aria-current=page]")
        assert current.count() == 1 and current.get_attribute("hreflang") == "hi"
        mark = current.evaluate("el => getComputedStyle(el, '::before').content")
        assert "✓" in mark
        other = page.locator(".agk-languages__list a[hreflang=ta]")
        assert current.evaluate("el => getComputedStyle(el).fontWeight") != other.evaluate(
            "el => getComputedStyle(el).fontWeight"
        )
        page.keyboard.press("Escape")
        assert not links.first.is_visible()
        assert page.evaluate("document.activeElement.matches('summary.agk-languages__button')")
        assert_clean(watch)
        watch.page.context.close()


def test_hindi_and_english_versions_are_in_the_header(watch: PageWatch, base: str) -> None:
    page = watch.page
    expected = {"en": ["hi"], "hi": ["en"], "ta": ["hi", "en"], "ur": ["hi", "en"]}
    for lang, versions in expected.items():
        page.goto(f"{base}/{lang}/{LESSON}")
        links = page.locator(".agk-versions a")
        assert [links.nth(i).get_attribute("hreflang") for i in range(links.count())] == versions
        assert all(links.nth(i).is_visible() for i in range(links.count()))
    page.locator(".agk-versions a[hreflang=en]").click()
    page.wait_for_url(f"**/en/{LESSON}")


def test_switching_language_keeps_the_search(watch: PageWatch, base: str) -> None:
    page = watch.page
    page.goto(f"{base}/en/search.html?q=pension&sector=governance")
    page.locator("summary.agk-languages__button").click()
    page.locator(".agk-languages__list a[hreflang=ur]").click()
    page.wait_for_url("**/ur/search.html?q=pension&sector=governance")
    page.locator(".agk-versions a[hreflang=hi]").click()
    page.wait_for_url("**/hi/search.html?q=pension&sector=governance")
    assert_clean(watch)


@pytest.mark.parametrize("lang", ["hi", "ta", "ur"])
def test_no_english_in_the_page_furniture(watch: PageWatch, base: str, lang: str) -> None:
    page = watch.page
    for path in (*PAGES, "map.html", "about.html", "contribute.html", "accessibility.html", "404.html"):
        page.goto(f"{base}/{lang}/{path}")
        parts = ".md-header, .md-footer, .md-sidebar, .md-skip, .headerlink, figcaption, article > h1"
        shown = " ".join(page.locator(parts).evaluate_all(f"els => els.map({SHOWN})"))
        shown += " " + page.title()
        assert [text for text in ENGLISH if text in shown] == [], path
        if path in ("about.html", "contribute.html", "accessibility.html"):
            heading = page.locator("article h1").first.inner_text()
            assert not heading.isascii(), path
    page.goto(f"{base}/{lang}/map.html")
    credit = Strings(lang)("map_credit", source=MAP_SOURCE, licence=MAP_LICENCE)
    assert credit in page.locator("figcaption").inner_text()
    assert page.locator(".md-sidebar a[href*='error-codes']").count() == 0


@pytest.mark.parametrize("lang", LANGS)
def test_footer_says_when_and_who(watch: PageWatch, base: str, lang: str) -> None:
    page = watch.page
    owner = site_owner(REPO / "mkdocs.yml")
    for path, day in (("index.html", SOURCE_DAY), (LESSON, LESSON_DAY), ("404.html", SOURCE_DAY)):
        page.goto(f"{base}/{lang}/{path}")
        footer = page.locator(".md-footer")
        assert footer.locator("time").get_attribute("datetime") == day
        text = footer.inner_text()
        assert Strings(lang)("last_updated") in text
        assert owner.name(lang) in text and owner.email in text
        assert Strings(lang)("licence_line") in text
        statement = footer.locator("a", has_text=Strings(lang)("accessibility"))
        assert statement.count() == 1
    statement.click()
    page.wait_for_url(f"**/{lang}/accessibility.html")
    body = page.locator("article").inner_text()
    assert all(word in body for word in ("WCAG", "2.1", "AA", "GIGW 3.0"))
    assert page.locator(f"article a[href='mailto:{owner.email}']").count() == 1
    assert page.locator(".md-sidebar a[href$='accessibility.html']").count() >= 1


def test_missing_address_leads_to_the_readers_language(browser: Any, base: str) -> None:
    hindi = open_page(browser, locale="hi-IN")
    page = hindi.page
    assert page.request.get(f"{base}/ta/nothing/here.html").status == 404
    page.goto(f"{base}/ta/nothing/here.html", wait_until="commit")
    page.wait_for_url("**/ta/404.html")
    assert page.locator("article h1").inner_text() == Strings("ta")("not_found")
    page.goto(f"{base}/mai/cases/anything/index.html", wait_until="commit")  # a language not built
    page.wait_for_url("**/hi/404.html")
    page.locator("article a", has_text=Strings("hi")("home")).click()
    page.wait_for_url("**/hi/index.html")
    page.goto(f"{base}/hi/404.html")
    page.locator("article a", has_text=Strings("hi")("search_placeholder")).click()
    page.wait_for_url("**/hi/search.html")
    # The two missing addresses themselves are the only failed loads.
    assert hindi.external_requests() == []
    assert [e for e in hindi.errors if "status of 404" not in e] == []
    assert len(hindi.errors) == 3
    hindi.page.context.close()
    french = open_page(browser, locale="fr-FR")
    french.page.goto(f"{base}/xx/nothing")
    assert french.page.locator("h1").inner_text().startswith("Page not found")
    french.page.locator("a[hreflang=ur]").click()
    french.page.wait_for_url("**/ur/index.html")
    french.page.context.close()


def test_site_name_stays_legible_on_a_phone(browser: Any, base: str) -> None:
    watch = open_page(browser)
    page = watch.page
    page.set_viewport_size({"width": 390, "height": 800})
    for lang in LANGS:
        page.goto(f"{base}/{lang}/{LESSON}")
        name = page.locator(".agk-header__site")
        assert name.inner_text().strip() == Strings(lang)("site_name")
        # Nothing cut off: the whole name fits its box (two lines at most), at a readable size.
        fits = name.evaluate(
            "el => el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1"
        )
        assert fits and float(name.evaluate("el => parseFloat(getComputedStyle(el).fontSize)")) >= 16
        assert page.locator("input.agk-search__input").is_visible()
        assert page.locator("summary.agk-languages__button").is_visible()
    watch.page.context.close()


def test_the_navigation_drawer_opens_from_the_keyboard(browser: Any, base: str) -> None:
    watch = open_page(browser)
    page = watch.page
    page.set_viewport_size({"width": 390, "height": 800})
    page.goto(f"{base}/hi/index.html")
    button = page.locator("label.agk-drawer-button")
    first_link = page.locator(".md-sidebar--primary a.md-nav__link[href='catalogue.html']")
    assert not first_link.is_visible()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('label.agk-drawer-button')")
    assert button.get_attribute("aria-label") == "नैविगेशन"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    first_link.wait_for(state="visible")
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.matches('label.agk-drawer-button')")
    page.keyboard.press(" ")
    assert button.get_attribute("aria-expanded") == "true"
    assert_clean(watch)
    watch.page.context.close()
