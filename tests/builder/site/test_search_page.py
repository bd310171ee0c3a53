"""The search results page (theme/assets/agk/search.js) on a phone, by keyboard and for screen
readers, in headless Chromium over HTTP and straight from disk."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import axe_playwright_python
import pytest
import yaml

from builder.model.taxonomy import LANGUAGE_CODES, languages
from builder.render.pages.search import PAGE_STRINGS
from builder.render.strings import STRINGS_DIR, Strings, available_languages
from builder.site.mkdocs import THEME_DIR
from tests.browser import PageWatch, open_page, site_root
from tests.conftest import FIXTURES, build_site, new_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# The filler cases all mention this word: more hits than one page of results (20) holds.
MANY = "embankment"
FILLERS = 22
STATES = ("UP", "TN", "BR")
# Filler cases in Tamil Nadu (the fixture's own Tamil Nadu case does not mention MANY).
IN_TAMIL_NADU = sum(1 for number in range(FILLERS) if STATES[number % 3] == "TN")
# Only tn-valid-caselet's English narrative has this word.
ONE = "anaemia"
# Only the Urdu filler case has this word ("embankments").
URDU = "پشتوں"
PHONE = {"width": 390, "height": 844}
HITS = ".agk-search-page .agk-search-page__results a.agk-search__hit"
# True once the results page lists exactly `n` hits (a wait that fails the test on timeout).
HIT_COUNT = f"n => document.querySelectorAll({HITS!r}).length === n"
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules that the search page broke (two unnamed search landmarks, an <aside> in
# <main>), checked besides the WCAG ones.
AXE_RULES = ["landmark-unique", "landmark-complementary-is-top-level", "aria-required-parent"]


def filler_cases(root: Path) -> None:
    """Write FILLERS small valid English caselets that all mention MANY, in three states, and
    one caselet only in Urdu (the fixture's Urdu narrative is also in English)."""
    urdu = root / "up-urdu-embankment-note"
    urdu.mkdir(parents=True)
    (urdu / "case.yaml").write_text(
        "type: caselet\noriginal_language: ur\nstates: [UP]\nlevel: district\n"
        "sectors:\n  - sector: health\nsdgs: [11]\nyear: 2012\norganisation: ضلع انتظامیہ\nsample: true\n",
        encoding="utf-8",
    )
    (urdu / "ur.md").write_text(
        "---\ntitle: دریا کے پشتوں کی نگرانی\nsummary: ضلع نے دریا کے پشتوں کی روزانہ نگرانی کی۔\n---\n\n"
        "## پس منظر {#context}\n\nضلع کے عملے نے برسات میں پشتوں کی نگرانی کی۔\n\n"
        "## بحث کے سوالات {#questions}\n\n1. نگرانی کس کو کرنی چاہیے؟\n",
        encoding="utf-8",
    )
    for number in range(FILLERS):
        state = STATES[number % 3]
        folder = root / f"{state.lower()}-embankment-drill-{number:02d}"
        folder.mkdir(parents=True)
        (folder / "case.yaml").write_text(
            f"type: caselet\noriginal_language: en\nstates: [{state}]\nlevel: district\n"
            f"sectors:\n  - sector: health\nsdgs: [11]\nyear: {2010 + number % 5}\n"
            f"organisation: District disaster cell {number}\nsample: true\n",
            encoding="utf-8",
        )
        (folder / "en.md").write_text(
            f"---\ntitle: Embankment drill number {number}\n"
            f"summary: A district rehearsed an embankment evacuation, drill {number}.\n---\n\n"
            f"## Context {{#context}}\n\nThe embankment drill {number} tested sirens and boats.\n\n"
            "## Questions for discussion {#questions}\n\n1. Who should lead the drill?\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The valid fixture corpus plus the filler cases, built once with `agk build --strict`."""
    project = new_project(tmp_path_factory.mktemp("search") / "repo", FIXTURES / "valid" / "case_studies")
    filler_cases(project.root / "case_studies")
    return build_site(project)


@pytest.fixture(scope="module", params=["http", "file"])
def base(request: pytest.FixtureRequest, site_dir: Path) -> Iterator[str]:
    """The site's root URL, served over HTTP or opened from disk."""
    with site_root(site_dir, request.param) as url:
        yield url


@pytest.fixture
def phone(browser: Any) -> Iterator[PageWatch]:
    """A page the size of a phone screen (390 × 844 CSS pixels)."""
    watch = open_page(browser)
    watch.page.set_viewport_size(PHONE)
    yield watch
    watch.page.context.close()


def assert_clean(watch: PageWatch) -> None:
    assert watch.external_requests() == []
    assert watch.errors == []
    assert watch.dialogs == []


def open_results(page: Any, url: str) -> None:
    """Open a results page and wait until its search has finished."""
    page.goto(url)
    page.locator(".agk-search-page[data-agk-state=done]").wait_for(timeout=20_000)


def status(page: Any) -> str:
    return str(page.locator(".agk-search-page__status").inner_text())


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations, plus AXE_RULES, as "rule: targets" lines."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(AXE)
    found = []
    for only in ({"type": "tag", "values": AXE_TAGS}, {"type": "rule", "values": AXE_RULES}):
        # No preload: axe would fetch the stylesheets, which Chromium refuses on file:// pages.
        result = page.evaluate("only => axe.run(document, {runOnly: only, preload: false})", only)
        found += [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]
    return found


def overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the window (a horizontal scroll bar)."""
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def focus_ring(page: Any) -> dict[str, str]:
    """The focused element's class, outline style and width."""
    return dict(
        page.evaluate(
            """() => { const e = document.activeElement, s = getComputedStyle(e);
                 return {what: e.tagName + '.' + e.className + '#' + e.id + '=' + (e.value || ''),
                         style: s.outlineStyle, width: s.outlineWidth}; }"""
        )
    )


def test_phone_shows_results_first_and_filters_behind_a_button(phone: PageWatch, base: str) -> None:
    page = phone.page
    open_results(page, f"{base}/hi/search.html?q={MANY}")
    toggle = page.locator("button.agk-search-page__toggle")
    facets = page.locator("#agk-search-page-filters")
    first = page.locator(HITS).first
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.get_attribute("aria-controls") == "agk-search-page-filters"
    assert facets.is_hidden()
    # The first result is on the first screen, below the query box and the filter button only.
    top = first.bounding_box()["y"]
    assert top + 20 < PHONE["height"]
    assert toggle.bounding_box()["y"] < top
    assert toggle.inner_text() == "फ़िल्टर"
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert facets.is_visible()
    facets.locator("input[name=state][value=TN]").check()
    page.wait_for_function(HIT_COUNT, arg=IN_TAMIL_NADU, timeout=20_000)
    assert toggle.inner_text() == "फ़िल्टर (1 लागू)"
    toggle.click()
    assert facets.is_hidden()
    assert_clean(phone)


@pytest.mark.parametrize("lang", ["hi", "ur"])
@pytest.mark.parametrize("width", [320, 390, 768, 1280])
def test_no_horizontal_scroll(watch: PageWatch, base: str, lang: str, width: int) -> None:
    page = watch.page
    page.set_viewport_size({"width": width, "height": 800})
    open_results(page, f"{base}/{lang}/search.html?q={MANY}&state=UP")
    assert overflow(page) <= 0
    toggle = page.locator("button.agk-search-page__toggle")
    if toggle.is_visible():
        toggle.click()
    assert page.locator("#agk-search-page-filters input[type=radio]").first.is_visible()
    assert overflow(page) <= 0
    assert_clean(watch)


@pytest.mark.parametrize("lang", ["en", "hi", "ur"])
def test_axe_finds_nothing_on_the_search_page(browser: Any, base: str, lang: str) -> None:
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        watch = open_page(browser)
        page = watch.page
        page.set_viewport_size(viewport)
        open_results(page, f"{base}/{lang}/search.html?q={MANY}&state=TN")
        assert axe_violations(page) == []
        toggle = page.locator("button.agk-search-page__toggle")
        if toggle.is_visible():
            toggle.click()
        # The header's drop-down open too: a list box of options beside the page's plain list.
        page.locator(".md-header input.agk-search__input").fill(ONE)
        page.locator(".agk-search[data-agk-state=done]").wait_for(timeout=20_000)
        assert page.locator(".agk-search__panel").is_visible()
        assert axe_violations(page) == []
        assert_clean(watch)
        page.context.close()


def test_landmarks_and_lists_have_the_right_roles(watch: PageWatch, base: str) -> None:
    page = watch.page
    open_results(page, f"{base}/en/search.html?q={MANY}")
    names = page.locator("[role=search]").evaluate_all(
        "nodes => nodes.map(n => n.getAttribute('aria-label'))"
    )
    assert names == ["Search the case studies", "Refine this search"]
    # Page results are a plain list of links, not options outside a list box.
    assert page.locator(".agk-search-page [role=option]").count() == 0
    page.locator(".md-header input.agk-search__input").fill(MANY)
    page.locator(".agk-search[data-agk-state=done]").wait_for(timeout=20_000)
    options = page.locator("#agk-search-list > li[role=none] > a[role=option]")
    assert options.count() == 6
    page.locator(".md-header input.agk-search__input").press("ArrowDown")
    assert options.first.get_attribute("aria-selected") == "true"
    assert_clean(watch)


def test_every_control_shows_where_the_focus_is(watch: PageWatch, base: str) -> None:
    page = watch.page
    open_results(page, f"{base}/en/search.html?q={MANY}&state=UP")
    page.locator("#agk-search-page-input").focus()
    seen = set()
    # Tab from the query box through the submit button, the filters, the chip and the results.
    for _ in range(60):
        page.keyboard.press("Tab")
        ring = focus_ring(page)
        if not page.evaluate("!!document.activeElement.closest('.agk-search-page')"):
            break
        assert ring["style"] != "none" and float(ring["width"].rstrip("px")) >= 2, ring
        seen.add(ring["what"].split("=")[0].split("#")[0])
    kinds = " ".join(seen)
    for control in ("agk-search-page__submit", "agk-search-page__chip", "agk-search__hit", "INPUT."):
        assert control in kinds, seen
    # The header box and its options too.
    page.locator(".md-header input.agk-search__input").focus()
    ring = focus_ring(page)
    assert ring["style"] != "none", ring
    assert_clean(watch)


def test_skip_links_reach_results_and_filters(phone: PageWatch, base: str) -> None:
    page = phone.page
    open_results(page, f"{base}/en/search.html?q={MANY}")
    address = page.url
    page.locator("#agk-search-page-input").focus()
    page.keyboard.press("Shift+Tab")
    to_filters = page.locator(".agk-search-page__skip-link").nth(1)
    assert page.evaluate("document.activeElement.textContent") == "Skip to filters"
    assert to_filters.bounding_box()["width"] > 10
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to results"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "agk-search-page-results"
    # On a phone the filters open when the reader skips to them.
    page.locator("#agk-search-page-input").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "agk-search-page-filters"
    assert page.locator("button.agk-search-page__toggle").get_attribute("aria-expanded") == "true"
    assert page.locator("#agk-search-page-filters input[type=radio]").first.is_visible()
    assert page.url == address
    assert_clean(phone)


def test_slash_shortcut_is_announced_and_works(watch: PageWatch, base: str) -> None:
    page = watch.page
    page.goto(f"{base}/en/catalogue.html")
    header = page.locator(".md-header input.agk-search__input")
    assert header.get_attribute("aria-keyshortcuts") == "/"
    assert page.locator(".md-header kbd.agk-search__key").is_visible()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('agk-search__input')")
    assert page.locator(".md-header kbd.agk-search__key").is_hidden()
    # On the results page "/" goes to the page's own query box, and the hint says so.
    open_results(page, f"{base}/en/search.html?q={MANY}")
    box = page.locator("#agk-search-page-input")
    assert box.get_attribute("aria-keyshortcuts") == "/"
    assert header.get_attribute("aria-keyshortcuts") is None
    assert "Press / anywhere" in page.locator(".agk-search-page__hint").inner_text()
    page.locator(HITS).first.focus()
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "agk-search-page-input"
    assert_clean(watch)


def test_show_more_only_under_an_incomplete_list(watch: PageWatch, base: str) -> None:
    page = watch.page
    more = page.locator("button.agk-search-page__more")
    open_results(page, f"{base}/en/search.html?q={ONE}")
    assert page.locator(HITS).count() == 1
    assert more.is_hidden()
    open_results(page, f"{base}/en/search.html?q={MANY}")
    assert page.locator(HITS).count() == 20
    assert more.is_visible()
    more.click()
    page.wait_for_function(HIT_COUNT, arg=FILLERS, timeout=20_000)
    assert more.is_hidden()
    # The keyboard goes on at the first new result rather than at a button that went away.
    page.wait_for_function(f"() => document.activeElement === document.querySelectorAll({HITS!r})[20]")
    assert_clean(watch)


def test_filters_live_in_the_address_and_back_undoes_them(watch: PageWatch, base: str) -> None:
    page = watch.page
    open_results(page, f"{base}/en/search.html?q={MANY}&state=TN")
    tamil_nadu = IN_TAMIL_NADU
    page.wait_for_function(HIT_COUNT, arg=tamil_nadu, timeout=20_000)
    assert page.locator("#agk-search-page-filters input[name=state][value=TN]").is_checked()
    chip = page.locator("button.agk-search-page__chip--remove")
    assert chip.inner_text() == "×Tamil Nadu"
    assert chip.get_attribute("aria-label") == "Remove filter State or union territory: Tamil Nadu"
    # A second filter adds a history entry whose address can be shared.
    page.locator("#agk-search-page-filters input[name=year][value='2011']").check()
    page.wait_for_url(re.compile(r"\?q=embankment&state=TN&year=2011$"))
    narrowed = page.locator(HITS).count()
    assert 0 < narrowed < tamil_nadu
    shared = page.url
    page.go_back()
    page.wait_for_url(re.compile(r"\?q=embankment&state=TN$"))
    page.wait_for_function(HIT_COUNT, arg=tamil_nadu, timeout=20_000)
    assert not page.locator("#agk-search-page-filters input[name=year][value='2011']").is_checked()
    page.go_forward()
    page.wait_for_function(HIT_COUNT, arg=narrowed, timeout=20_000)
    # Opening the shared address gives the same filtered results.
    open_results(page, shared)
    page.wait_for_function(HIT_COUNT, arg=narrowed, timeout=20_000)
    # Removing a filter by its chip keeps the keyboard in the chip row.
    page.locator("button.agk-search-page__chip--remove").first.click()
    page.wait_for_url(re.compile(r"\?q=embankment&year=2011$"))
    assert page.evaluate("document.activeElement.classList.contains('agk-search-page__chip')")
    assert_clean(watch)


@pytest.mark.parametrize("lang", ["en", "hi", "ta", "ur"])
def test_results_count_is_singular_for_one(watch: PageWatch, base: str, lang: str) -> None:
    page = watch.page
    t = Strings(lang)
    open_results(page, f"{base}/{lang}/search.html?q={ONE}")
    assert status(page) == t("search_one_result")
    open_results(page, f"{base}/{lang}/search.html?q={MANY}")
    assert status(page) == t("search_results", n=FILLERS)
    open_results(page, f"{base}/{lang}/search.html?q=zzzqqq")
    assert status(page) == t("search_none", query="“zzzqqq”")
    assert page.locator(".agk-search-page__help").inner_text().strip() == t("search_tips")
    assert_clean(watch)


def test_hits_carry_their_own_language_and_direction(watch: PageWatch, base: str) -> None:
    page = watch.page
    # English narratives found from the Hindi site.
    open_results(page, f"{base}/hi/search.html?q={MANY}")
    page.wait_for_function(
        "() => !document.querySelector('.agk-search-page__results .agk-search__title:not([lang])')"
    )
    for part in (".agk-search__title", ".agk-search__snippet"):
        node = page.locator(f".agk-search-page__results {part}").first
        assert (node.get_attribute("lang"), node.get_attribute("dir")) == ("en", "auto")
    # An Urdu narrative found from the English site is right to left.
    open_results(page, f"{base}/en/search.html?q={URDU}")
    title = page.locator(".agk-search-page__results .agk-search__title[lang=ur]").first
    title.wait_for(timeout=20_000)
    assert title.get_attribute("dir") == "rtl"
    assert (
        page.locator(".agk-search-page__results .agk-search__snippet[lang=ur]").first.get_attribute("dir")
        == "rtl"
    )
    assert_clean(watch)


def test_forgiving_search_notices_render_from_a_result(watch: PageWatch, base: str) -> None:
    """AgkSearchUI.renderNotices, the function the page uses, on hand-made engine results."""
    page = watch.page
    open_results(page, f"{base}/en/search.html?q={MANY}")
    shown = page.evaluate(
        """() => {
        const calls = [];
        const actions = {filter: (k, v) => calls.push(['filter', k, v]), clear: () => calls.push(['clear']),
                         query: q => calls.push(['query', q])};
        const facets = {state: {values: ['UP', 'TN'], labels: ['Uttar Pradesh', 'Tamil Nadu']}};
        const box = document.createElement('div');
        box.appendChild(AgkSearchUI.renderNotices({total: 3, hits: [], partial: true, suggestion: 'embankment',
          recognised: [{key: 'state', value: 'UP', words: ['uttar', 'pradesh']}]}, facets, {}, actions));
        document.body.appendChild(box);
        const texts = [...box.children].map(n => n.textContent);
        box.querySelector('button').click();
        box.querySelector('a').click();
        const empty = document.createElement('div');
        empty.appendChild(AgkSearchUI.renderNotices({total: 0, hits: []}, facets, {state: 'TN'}, actions));
        empty.querySelector('button').click();
        const bare = document.createElement('div');
        bare.appendChild(AgkSearchUI.renderNotices({total: 2, hits: []}, facets, {}, actions));
        const missing = AgkSearchUI.renderMissing(['flod', 'relief']);
        return {texts, href: box.querySelector('a').getAttribute('href'), calls, empty: empty.textContent,
                bare: bare.childNodes.length, missing: missing.textContent,
                struck: [...missing.querySelectorAll('s')].map(s => s.textContent)};
        }"""
    )
    assert shown["texts"] == [
        "State or union territory: Uttar Pradesh — filter",
        "Did you mean: embankment",
        "Showing cases that match some of your words",
    ]
    assert shown["href"] == "?q=embankment"
    assert shown["calls"] == [["filter", "state", "UP"], ["query", "embankment"], ["clear"]]
    assert shown["empty"] == (
        "Check the spelling, or try fewer or more general words."
        "Filters are on: removing them may find more.Clear filters"
    )
    assert shown["bare"] == 0
    assert shown["missing"] == "Missing: flod, relief"
    assert shown["struck"] == ["flod", "relief"]
    assert_clean(watch)


def test_right_to_left_languages_in_search_js_match_the_taxonomy() -> None:
    script = (THEME_DIR / "assets" / "agk" / "search.js").read_text(encoding="utf-8")
    listed = re.search(r"var RTL_LANGUAGES = \[([^\]]*)\];", script)
    assert listed is not None
    expected = sorted(code for code in LANGUAGE_CODES if languages()[code].rtl)
    assert re.findall(r'"([a-z]+)"', listed.group(1)) == expected


@pytest.mark.parametrize("lang", available_languages())
def test_search_page_strings_exist_and_counts_read_right(lang: str) -> None:
    own = yaml.safe_load((STRINGS_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    for key in PAGE_STRINGS:
        assert str(own.get(key) or "").strip(), f"{lang}: {key} is not translated"
    t = Strings(lang)
    for key in ("search_filters_active",):
        assert "{n}" in t(key)
    assert "{facet}" in t("search_remove_filter") and "{value}" in t("search_remove_filter")
    assert "{query}" in t("search_did_you_mean")
    # One result is said without a number placeholder, more with one (no "1 case studies").
    assert "{n}" not in t("search_one_result") and "1" in t("search_one_result")
    assert "{n}" in t("search_results")
    if lang != "en":
        assert t("search_one_result") != Strings("en")("search_one_result")


def hit_ids(page: Any) -> list[str]:
    """The case ids of the listed hits, in order (from their links)."""
    hrefs = page.eval_on_selector_all(HITS, "links => links.map(a => a.getAttribute('href'))")
    return [re.sub(r".*cases/([^/]+)/.*", r"\1", href) for href in hrefs]


def test_forgiving_search_end_to_end(watch: PageWatch, base: str) -> None:
    """The engine's partial matches, named facet values, typos and romanisation reach the reader."""
    page = watch.page
    # A typo: results for the nearest word, and the correction offered.
    open_results(page, f"{base}/en/search.html?q=embakment")
    assert len(hit_ids(page)) > 0
    suggestion = page.locator(".agk-search-page a", has_text="embankment").first
    assert suggestion.get_attribute("href") == "?q=embankment"
    # A state named in the query: its cases first, and a chip that applies the filter.
    open_results(page, f"{base}/en/search.html?q=embankment%20Uttar%20Pradesh")
    assert all(case_id.startswith("up-") for case_id in hit_ids(page)[:3])
    page.get_by_role("button", name=re.compile("Uttar Pradesh — filter")).click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('state') === 'UP'")
    # No case has every word: partial matches, said so, each with what it misses.
    open_results(page, f"{base}/en/search.html?q=embankment%20zzqx")
    assert page.get_by_text("Showing cases that match some of your words").count() == 1
    assert page.locator(".agk-search-page__results", has_text="Missing: zzqx").count() == 1
    # Urdu typed in Roman letters finds the Urdu case (pushta: پشتہ, the stem of پشتوں).
    open_results(page, f"{base}/en/search.html?q=pushta")
    assert hit_ids(page) == ["up-urdu-embankment-note"]
    assert_clean(watch)
