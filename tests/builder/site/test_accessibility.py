"""WCAG 2.1 AA checks of the built sample site in headless Chromium: axe-core on every page type,
phone widths without horizontal scrolling, and text in another language marked as such."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import PageWatch, open_page, site_root
from tests.conftest import REPO

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A case with results (metrics) and a cover, written in en and hi: a fallback page in ur and ta.
METRICS_CASE = "cases/up-district-high-risk-pregnancy-tracking/index.html"
# Written in bn, en and hi: translated in en/hi, shown in its original (English) elsewhere.
FALLBACK_CASE = "cases/wb-district-home-language-reading-drive/index.html"
# A word of each language that the sample corpus contains, for a results page with hits.
QUERIES = {"en": "pregnancy", "hi": "टीकाकरण", "ur": "سرٹیفکیٹ", "ta": "இரத்தசோகை"}
LANGUAGES = tuple(QUERIES)
PAGES = (
    "index.html",
    "catalogue.html",
    METRICS_CASE,
    FALLBACK_CASE,
    "sectors/health.html",
    "states/up.html",
    "tags/maternal-health.html",
    "map.html",
    "search.html",
    "about.html",
    "contribute.html",
)
# axe impacts that fail the suite (WCAG 2.1 AA, tags below); minor and moderate are reported
# by axe but left to review.
FAILING_IMPACTS = {"serious", "critical"}
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's sample case studies built once per session (`agk build --out`)."""
    out = tmp_path_factory.mktemp("sample") / "site"
    completed = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--out", str(out)],
        cwd=REPO, capture_output=True, text=True, check=False,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": os.environ.get("PATH", "/usr/bin:/bin")},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return out


@pytest.fixture(scope="session")
def http_base(sample_site: Path) -> Iterator[str]:
    """The sample site served on 127.0.0.1."""
    with site_root(sample_site, "http") as url:
        yield url


def page_url(base: str, lang: str, path: str) -> str:
    """The address of a page; the search page is opened with a query that has results."""
    query = f"?q={QUERIES[lang]}" if path == "search.html" else ""
    return f"{base}/{lang}/{path}{query}"


def load(watch: PageWatch, url: str) -> None:
    """Open `url` and wait until the page's own scripts have finished (search results shown)."""
    watch.page.goto(url)
    if "search.html?q=" in url:
        watch.page.locator(".agk-search-page[data-agk-state=done]").wait_for(timeout=20_000)
        assert watch.page.locator(".agk-search-page a.agk-search__hit").count() >= 1, url


def serious_violations(results: dict[str, Any], where: str) -> list[str]:
    """One line per node of every serious or critical violation: rule, target, page."""
    lines = []
    for violation in results["violations"]:
        if violation["impact"] not in FAILING_IMPACTS:
            continue
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"{violation['id']} ({violation['impact']}) {target} on {where}")
    return lines


@pytest.fixture(scope="module")
def axe() -> Any:
    """axe-core as shipped by axe-playwright-python (no network: the script is in the wheel)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violations(browser: Any, http_base: str, axe: Any, lang: str, path: str) -> None:
    watch = open_page(browser)
    try:
        url = page_url(http_base, lang, path)
        load(watch, url)
        results = axe.run(watch.page, options=AXE_OPTIONS).response
        problems = serious_violations(results, f"/{lang}/{path}")
        assert problems == [], "\n".join(problems)
        assert watch.external_requests() == []
    finally:
        watch.page.context.close()


# Pages whose layout this suite owns: case pages, listings, the catalogue, home and map.
PHONE_PAGES = (
    "index.html",
    "catalogue.html",
    METRICS_CASE,
    FALLBACK_CASE,
    "sectors/health.html",
    "states/up.html",
    "tags/maternal-health.html",
    "states/index.html",
    "map.html",
    "translations.html",
)


# Elements of the page's content that stick out of the window, ignoring those inside a
# container of the content that scrolls or clips them (Material's table wrapper, .agk-scroll).
CONTENT_OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const content = document.querySelector('.md-content');
  const clipped = e => { for (let p = e.parentElement; p && p !== content; p = p.parentElement) {
    if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; } return false; };
  return [...content.querySelectorAll('*')].filter(e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && (r.right > width + 0.5 || r.left < -0.5) && !clipped(e);
  }).map(e => `${e.tagName.toLowerCase()}.${e.className}`).slice(0, 5);
}"""


# The outermost elements that reach past the window's right edge (Material's off-canvas
# drawer aside): where a page's horizontal scrolling comes from.
OUTERMOST_WIDE = """() => {
  const width = window.innerWidth;
  const wide = e => e.getBoundingClientRect().right > width + 0.5;
  return [...document.querySelectorAll('body *:not(.md-sidebar, .md-sidebar *)')]
    .filter(e => wide(e) && !wide(e.parentElement))
    .map(e => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)} px)`);
}"""


def phone(browser: Any, width: int) -> Any:
    """A page in a window `width` CSS pixels wide that stays that wide (no mobile zoom-out,
    which would widen the layout to fit whatever overflows and hide the problem)."""
    return browser.new_context(viewport={"width": width, "height": 844}).new_page()


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["en", "hi", "ur", "ta"])
def test_page_content_fits_a_phone(browser: Any, http_base: str, lang: str, width: int) -> None:
    page = phone(browser, width)
    try:
        wide = {}
        for path in PHONE_PAGES:
            page.goto(page_url(http_base, lang, path))
            if found := page.evaluate(CONTENT_OVERFLOW):
                wide[path] = found
        assert wide == {}
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [320, 390])
@pytest.mark.parametrize("lang", ["en", "hi", "ur", "ta"])
def test_no_horizontal_scrolling_on_a_phone(browser: Any, http_base: str, lang: str, width: int) -> None:
    page = phone(browser, width)
    try:
        wide = []
        for path in PHONE_PAGES:
            page.goto(page_url(http_base, lang, path))
            scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll[0] > scroll[1]:
                # Name what sticks out (Material's off-canvas drawer aside) to say where to look.
                culprits = page.evaluate(OUTERMOST_WIDE)
                wide.append(f"/{lang}/{path}: {scroll[0]} px wide on {scroll[1]} px: {culprits}")
        assert wide == []
    finally:
        page.context.close()


WORD_BREAKS = """() => [...document.querySelectorAll('.agk-meta dd')].filter(dd => {
  // A value broken inside a word wraps onto more lines than its longest word needs.
  const style = getComputedStyle(dd);
  return style.wordBreak === 'break-all' || style.overflowWrap === 'anywhere';
}).length"""


def test_metadata_stacks_on_a_phone(browser: Any, http_base: str) -> None:
    page = phone(browser, 390)
    context = page.context
    try:
        page.goto(page_url(http_base, "en", METRICS_CASE))
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('.agk-meta > dt')].slice(0, 3).map(dt => {
                 const dd = dt.nextElementSibling;
                 const a = dt.getBoundingClientRect(), b = dd.getBoundingClientRect();
                 return [a.left, a.bottom, b.left, b.top, b.width];
               })"""
        )
        for dt_left, dt_bottom, dd_left, dd_top, dd_width in boxes:
            # Label above value, both starting at the same edge, the value as wide as the panel.
            assert dd_top >= dt_bottom - 1
            assert abs(dd_left - dt_left) < 1
            assert dd_width > 250
        assert page.evaluate(WORD_BREAKS) == 0
        # No word of a value is split over two lines ("Matern/al").
        split = page.evaluate(
            """() => [...document.querySelectorAll('.agk-meta dd')].filter(dd => {
                 const range = document.createRange();
                 const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
                 for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                   for (const m of node.data.matchAll(/\\S+/g)) {
                     range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                     if (range.getClientRects().length > 1) return true;
                   }
                 }
                 return false;
               }).length"""
        )
        assert split == 0
    finally:
        context.close()


# Text nodes in the article written in Latin letters (on an Urdu or Hindi page, that is text in
# another language): each must sit in an element whose language is not the page's and whose
# direction is left to right; inside <bdi> or dir=auto (contributor text of unknown language)
# only the direction is checked.
FOREIGN_TEXT = """lang => {
  const article = document.querySelector('article');
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  const wrong = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.data.trim();
    if (!/[A-Za-z]{2,}/.test(text) || /[\\u0600-\\u06FF\\u0900-\\u097F]/.test(text)) continue;
    const element = node.parentElement;
    if (element.closest('.headerlink, script, style, svg')) continue;
    const direction = getComputedStyle(element).direction;
    const isolated = element.closest('bdi, [dir=auto]');
    const marked = element.closest('[lang]').getAttribute('lang');
    if (direction !== 'ltr' || (!isolated && marked === lang)) {
      wrong.push(`${element.tagName.toLowerCase()}.${element.className} lang=${marked} ${direction}: ${text.slice(0, 40)}`);
    }
  }
  return wrong;
}"""


@pytest.mark.parametrize("lang", ["ur", "hi"])
@pytest.mark.parametrize(
    "path", [METRICS_CASE, FALLBACK_CASE, "catalogue.html", "index.html", "states/up.html", "map.html"]
)
def test_text_in_another_language_is_marked(watch: PageWatch, http_base: str, lang: str, path: str) -> None:
    watch.page.goto(page_url(http_base, lang, path))
    assert watch.page.evaluate(FOREIGN_TEXT, lang) == []


def test_english_fallback_on_an_urdu_page_reads_left_to_right(watch: PageWatch, http_base: str) -> None:
    page = watch.page
    page.goto(page_url(http_base, "ur", METRICS_CASE))
    assert page.locator("body").get_attribute("dir") == "rtl"
    for selector in ("h1", ".agk-lead", ".agk-metric__name", ".agk-cite"):
        element = page.locator(f"article {selector}").first
        assert element.get_attribute("lang") == "en", selector
        assert element.evaluate("e => getComputedStyle(e).direction") == "ltr", selector
    # The sentence ends at its right-hand end, as English does: the full stop is the last
    # thing on the lead's last line, at the right edge of the text.
    lead = page.locator("article .agk-lead")
    assert lead.evaluate("e => getComputedStyle(e).textAlign") in {"start", "left"}


def visible_cards(page: Any) -> int:
    return page.locator(".agk-cards > li:not([hidden])").count()


@pytest.mark.parametrize("kind", ["http", "file"])
def test_catalogue_filters_live_in_the_address(watch: PageWatch, sample_site: Path, kind: str) -> None:
    with site_root(sample_site, kind) as base:
        check_filters_in_the_address(watch, base)


def check_filters_in_the_address(watch: PageWatch, base: str) -> None:
    """Filters write the address, a shared address restores them, back undoes them one by one."""
    page = watch.page
    page.goto(page_url(base, "en", "catalogue.html"))
    total = visible_cards(page)
    page.select_option("select[data-facet=sector]", "health")
    assert page.url.endswith("catalogue.html?sector=health")
    health = visible_cards(page)
    assert 0 < health < total
    page.fill("[data-year=from]", "2018")
    page.locator("[data-year=from]").press("Enter")
    page.wait_for_url("**/catalogue.html?sector=health&from=2018")
    recent = visible_cards(page)
    assert recent <= health
    # A shared address opens the same filtered list.
    other = open_page(browser_of(page))
    try:
        other.page.goto(page.url)
        assert other.page.locator("select[data-facet=sector]").input_value() == "health"
        assert other.page.locator("[data-year=from]").input_value() == "2018"
        assert visible_cards(other.page) == recent
    finally:
        other.page.context.close()
    # Back undoes one filter at a time.
    page.go_back()
    page.wait_for_url("**/catalogue.html?sector=health")
    assert page.locator("[data-year=from]").input_value() == ""
    assert visible_cards(page) == health
    page.go_back()
    page.wait_for_url("**/catalogue.html")
    assert page.locator("select[data-facet=sector]").input_value() == ""
    assert visible_cards(page) == total
    # An unknown value in the address is ignored, not an empty list.
    page.goto(page_url(base, "en", "catalogue.html") + "?sector=nonsense")
    assert visible_cards(page) == total
    assert watch.errors == []


def browser_of(page: Any) -> Any:
    """The browser a page belongs to."""
    return page.context.browser


def test_catalogue_controls_look_like_controls(watch: PageWatch, http_base: str) -> None:
    page = watch.page
    page.goto(page_url(http_base, "en", "catalogue.html"))
    for selector in ("[data-year=from]", "[data-year=to]", ".agk-filters button[type=reset]"):
        style = page.locator(selector).evaluate(
            "e => { const s = getComputedStyle(e); return [s.borderTopWidth, s.borderTopStyle, e.offsetHeight]; }"
        )
        assert style[0] != "0px" and style[1] == "solid", (selector, style)
        assert style[2] >= 40, (selector, style)
    card = page.locator(".agk-cards > li").first
    assert card.evaluate("e => getComputedStyle(e).listStyleType") == "none"
    assert card.evaluate("e => getComputedStyle(e).marginLeft") == "0px"


def test_map_states_are_keyboard_links(watch: PageWatch, http_base: str) -> None:
    page = watch.page
    page.goto(page_url(http_base, "en", "map.html"))
    links = page.locator(".agk-map svg a")
    assert links.count() >= 20
    first = links.first
    # In the tab order (an SVG link with an address is), not only focusable by script.
    assert first.evaluate("e => e.tabIndex") == 0
    first.focus()
    assert page.evaluate("document.activeElement.closest('svg') !== null")
    label = first.get_attribute("aria-label") or ""
    assert re.fullmatch(r".+: \d+ case stud(y|ies)", label), label
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/states/*.html")
    assert page.locator("h1").first.inner_text().startswith("Case studies in ")
    page.go_back()
    assert page.locator(".agk-map__legend li").count() >= 2


@pytest.mark.parametrize("kind", ["http", "file"])
def test_copy_citation(browser: Any, sample_site: Path, kind: str) -> None:
    with site_root(sample_site, kind) as base:
        watch = open_page(browser)
        try:
            page = watch.page
            if kind == "http":
                page.context.grant_permissions(["clipboard-read", "clipboard-write"])
            else:
                # As in browsers that give file:// pages no clipboard API.
                page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
            page.goto(f"{base}/hi/{METRICS_CASE}")
            status = page.locator(".agk-copy__status")
            expected = {"कॉपी हो गया", "उद्धरण चुन लिया गया है: इसे अपने डिवाइस के कॉपी विकल्प से कॉपी करें।"}
            # The reference is copied as one line; BibTeX keeps its lines.
            for source, flatten in ((".agk-cite", True), (".agk-bibtex", False)):
                button = page.locator(f'.agk-copy__button[data-agk-copy="{source[1:]}"]')
                assert button.is_visible()
                page.evaluate("document.querySelector('.agk-copy__status').textContent = ''")
                button.click()
                page.wait_for_function("() => document.querySelector('.agk-copy__status').textContent !== ''")
                assert status.inner_text() in expected
                text = page.locator(source).inner_text()
                wanted = " ".join(text.split()) if flatten else text.strip()
                if kind == "http":
                    assert status.inner_text() == "कॉपी हो गया"
                    assert page.evaluate("navigator.clipboard.readText()") == wanted
                else:
                    # Without the API the text is selected (and copied where the browser allows).
                    assert page.evaluate("window.getSelection().toString()").strip() == text.strip()
            assert watch.errors == []
        finally:
            watch.page.context.close()
