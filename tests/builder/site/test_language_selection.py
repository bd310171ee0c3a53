"""Choosing among 23 languages: where the chooser and the 404 page send a reader, the header's
language panel and the root chooser on a 360 px phone, in Chromium."""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from builder.model.taxonomy import LANGUAGE_CODES, languages, reading_order
from builder.render.root_files import chooser_page, redirect_targets
from builder.render.strings import Strings
from builder.site.mkdocs import LanguageBuild, write_tree
from tests.browser import PageWatch, open_page, site_root
from tests.conftest import FIXTURES, new_project

PHONE = {"width": 360, "height": 740}
LESSON = "cases/up-valid-lesson/index.html"
EVERY = ",".join(LANGUAGE_CODES)


# Where readers go -------------------------------------------------------------------------


def test_each_language_goes_to_the_first_built_language_of_its_reading_order() -> None:
    targets = redirect_targets(["en", "hi", "mr", "ur"])
    assert set(targets) == set(LANGUAGE_CODES)
    assert targets["mai"] == targets["doi"] == targets["brx"] == "hi"
    assert targets["kok"] == "mr"  # Marathi before Hindi for Konkani readers
    assert targets["ks"] == targets["sd"] == "ur"
    assert targets["ta"] == targets["mni"] == "en"
    assert all(targets[code] == code for code in ("en", "hi", "mr", "ur"))
    for code, target in targets.items():
        order = reading_order(code)
        assert target in order and not any(
            lang in ("en", "hi", "mr", "ur") for lang in order[: order.index(target)]
        )


def test_konkani_reaches_hindi_without_marathi_and_nothing_without_any_fallback() -> None:
    assert redirect_targets(["en", "hi"])["kok"] == "hi"
    assert redirect_targets(["ta"]) == {"ta": "ta"}
    assert redirect_targets([]) == {}


def test_chooser_carries_the_targets_of_all_23_languages() -> None:
    known = languages()
    page = chooser_page([known["en"], known["hi"]], "Amrit Gyan Kosh")
    match = re.search(r"var targets = (\{[^}]*\});", page)
    assert match is not None
    assert json.loads(match.group(1)) == redirect_targets(["en", "hi"])
    assert len(json.loads(match.group(1))) == 23
    assert 'location.hash === "#choose"' in page
    assert '<a href="hi/index.html" lang="hi" hreflang="hi" dir="ltr">हिन्दी</a> <small>Hindi</small>' in page


def test_language_menu_gets_english_names_and_its_strings(tmp_path: Path) -> None:
    names = tuple((code, languages()[code].native_name) for code in ("en", "hi", "ur"))
    job = LanguageBuild(
        "hi", tmp_path / "mkdocs.yml", tmp_path / "hi", {"index.md": "# Home\n"}, {}, ("index.md",), names,
        "", "X", ui_strings={"choose_language": "CL", "find_language": "FL", "current_language": "CU"},
    )  # fmt: skip
    config = write_tree(job, tmp_path / "site", rtl=False)
    agk = json.loads(config.read_text(encoding="utf-8").split("\n", 1)[1])["extra"]["agk"]
    assert agk["languages"] == [
        {"lang": "en", "name": "English", "english": "English", "dir": "ltr"},
        {"lang": "hi", "name": "हिन्दी", "english": "Hindi", "dir": "ltr"},
        {"lang": "ur", "name": "اردو", "english": "Urdu", "dir": "rtl"},
    ]
    assert agk["strings"] == {"choose_language": "CL", "find_language": "FL", "current_language": "CU"}


# Built sites --------------------------------------------------------------------------------


def _build(root: Path, langs: str) -> Path:
    """The valid fixture corpus built with `agk build --strict --lang <langs>`."""
    project = new_project(root / "repo", FIXTURES / "valid" / "case_studies")
    completed = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--strict", "--lang", langs],
        cwd=project.root, capture_output=True, text=True, check=False,
        env={"SOURCE_DATE_EPOCH": "1700000000", "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert completed.returncode == 0, completed.stderr
    return project.root / "site"


def _serve(site: Path) -> Iterator[str]:
    """The site served over HTTP by a host that answers missing addresses with 404.html."""
    with site_root(site, "host") as url:
        yield url


@pytest.fixture(scope="module")
def every(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site in all 23 languages."""
    yield from _serve(_build(tmp_path_factory.mktemp("every"), EVERY))


@pytest.fixture(scope="module")
def two(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site in English and Hindi only."""
    yield from _serve(_build(tmp_path_factory.mktemp("two"), "en,hi"))


@pytest.fixture
def phone(browser: Any) -> Iterator[PageWatch]:
    """A 360 × 740 page."""
    watch = open_page(browser)
    watch.page.set_viewport_size(PHONE)
    # Which address failed, not only that one did (the console says no more).
    watch.page.on(
        "response", lambda r: watch.errors.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    yield watch
    watch.page.context.close()


def assert_clean(watch: PageWatch) -> None:
    assert watch.external_requests() == []
    assert watch.errors == []


def shown(page: Any, items: str) -> list[str]:
    """The codes of the list entries `items` that are shown."""
    links = page.locator(f"{items}:not([hidden]) a")
    return [links.nth(i).get_attribute("hreflang") for i in range(links.count())]


def in_view(page: Any, link: Any) -> None:
    """`link` scrolled into view is wholly inside the phone's window and not covered."""
    link.scroll_into_view_if_needed()
    box = link.bounding_box()
    assert box is not None, link.get_attribute("hreflang")
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], link.get_attribute("hreflang")
    # (Half a pixel of leeway: scrolled into view, an entry may end on a fractional pixel.)
    assert box["y"] >= -0.5 and box["y"] + box["height"] <= PHONE["height"] + 0.5, link.get_attribute(
        "hreflang"
    )
    on_top = "el => { const r = el.getBoundingClientRect(); return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)) }"
    assert link.evaluate(on_top), link.get_attribute("hreflang")


# The root chooser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "lands"), [("mai", "mai"), ("mai-IN", "mai"), ("kok-IN", "kok"), ("ks", "ks")]
)
@pytest.mark.browser
@pytest.mark.slow
def test_chooser_sends_a_reader_to_their_language(browser: Any, every: str, locale: str, lands: str) -> None:
    watch = open_page(browser, locale=locale)
    watch.page.goto(f"{every}/index.html")
    watch.page.wait_for_url(f"**/{lands}/index.html")
    assert_clean(watch)
    watch.page.context.close()


@pytest.mark.parametrize(("locale", "lands"), [("mai", "hi"), ("kok", "hi"), ("ta-IN", "en"), ("hi", "hi")])
@pytest.mark.browser
@pytest.mark.slow
def test_chooser_sends_a_reader_of_a_language_not_built_to_one_they_read(
    browser: Any, two: str, locale: str, lands: str
) -> None:
    watch = open_page(browser, locale=locale)
    watch.page.goto(f"{two}/index.html")
    watch.page.wait_for_url(f"**/{lands}/index.html")
    assert_clean(watch)
    watch.page.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_choose_in_the_address_keeps_the_reader_on_the_chooser(browser: Any, two: str) -> None:
    watch = open_page(browser, locale="mai")
    watch.page.goto(f"{two}/index.html#choose")
    watch.page.wait_for_timeout(300)
    assert watch.page.url.endswith("/index.html#choose")
    assert shown(watch.page, "li") == ["en", "hi"]
    watch.page.context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_chooser_filter_narrows_the_list_on_a_phone(phone: PageWatch, every: str) -> None:
    page = phone.page
    page.goto(f"{every}/index.html#choose")
    box = page.locator("#agk-filter")
    # Labelled in English, and in Hindi once translated.
    label = page.locator("label[for=agk-filter]").inner_text()
    assert box.is_visible() and label.startswith(Strings("en")("find_language"))
    assert Strings("hi")("find_language") in label
    assert shown(page, "li") == list(LANGUAGE_CODES)
    box.press_sequentially("Konk")
    assert shown(page, "li") == ["kok"]
    box.fill("")
    box.press_sequentially("कोंक")
    assert shown(page, "li") == ["kok"]
    # English and native names, codes, any case; Odia typed with the precomposed ଡ଼ (U+0B5C),
    # which NFC writes as ଡ + nukta, as the name is stored.
    for typed, expected in (
        ("MAITHILI", ["mai"]),
        ("ur", ["ur"]),  # a word's start: not Manipuri
        ("hindi", ["hi"]),  # not Sindhi
        ("संस्कृत भा", ["sa"]),
        ("اردو", ["ur"]),
        ("\u0b13\u0b5c", ["or"]),
    ):
        box.fill(typed)
        assert shown(page, "li") == expected, typed
    box.fill("zzz")
    assert shown(page, "li") == []
    box.fill("")
    assert len(shown(page, "li")) == 23
    # With one language left, Enter goes there.
    box.fill("kashmiri")
    box.press("Enter")
    page.wait_for_url("**/ks/index.html")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_clean(phone)


@pytest.mark.browser
@pytest.mark.slow
def test_every_chooser_entry_is_reachable_on_a_phone(phone: PageWatch, every: str) -> None:
    page = phone.page
    page.goto(f"{every}/index.html#choose")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    links = page.locator("li a")
    assert links.count() == 23
    for i in range(links.count()):
        in_view(page, links.nth(i))
        # A card at least 44 px high, its English name below the language's own.
        card = page.locator("li").nth(i)
        assert card.bounding_box()["height"] >= 44
    assert page.locator("li").nth(10).locator("small").inner_text() == "Maithili"
    # The whole card is the link: a tap on the English name follows it.
    english = page.locator("li").nth(10).locator("small").bounding_box()
    assert english is not None
    page.mouse.click(english["x"] + english["width"] / 2, english["y"] + english["height"] / 2)
    page.wait_for_url("**/mai/index.html")


@pytest.mark.browser
@pytest.mark.slow
def test_chooser_without_script_lists_every_language(browser: Any, every: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE, locale="mai")
    page = context.new_page()
    page.goto(f"{every}/index.html")
    assert page.url.endswith("/index.html")
    assert not page.locator("#agk-filter").is_visible()
    assert page.locator("li a").count() == 23 and page.locator("li a").first.is_visible()
    context.close()


# The site-wide 404 page ---------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_missing_language_folder_leads_to_the_same_page_in_a_language_read(browser: Any, two: str) -> None:
    watch = open_page(browser, locale="fr-FR")
    page = watch.page
    # The case exists in Hindi: the reader gets it, not a not-found page.
    page.goto(f"{two}/mai/{LESSON}?q=x", wait_until="commit")
    page.wait_for_url(f"**/hi/{LESSON}?q=x")
    page.goto(f"{two}/kok/nothing/here.html", wait_until="commit")
    page.wait_for_url("**/hi/404.html")
    # Kashmiri: Urdu first, not built here, then English.
    page.goto(f"{two}/ks/{LESSON}", wait_until="commit")
    page.wait_for_url(f"**/en/{LESSON}")
    # A built language keeps its own 404 page; a folder that is no language, the browser's.
    page.goto(f"{two}/hi/nothing.html", wait_until="commit")
    page.wait_for_url("**/hi/404.html")
    watch.page.context.close()
    maithili = open_page(browser, locale="mai-IN")
    maithili.page.goto(f"{two}/xx/nothing", wait_until="commit")
    maithili.page.wait_for_url("**/hi/404.html")
    maithili.page.context.close()


# The header's language panel ----------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_panel_filters_marks_the_current_language_and_closes_on_escape(phone: PageWatch, every: str) -> None:
    page = phone.page
    page.goto(f"{every}/hi/{LESSON}")
    button = page.locator("summary.agk-languages__button")
    box = page.locator("input.agk-languages__filter")
    assert not box.is_visible()
    button.click()
    # Open, the filter box has the focus: typing narrows the list at once.
    assert page.evaluate("document.activeElement.matches('input.agk-languages__filter')")
    assert box.get_attribute("placeholder") == Strings("hi")("find_language")
    page.keyboard.type("Konk")
    assert shown(page, ".agk-languages__item") == ["kok"]
    box.fill("कोंक")
    assert shown(page, ".agk-languages__item") == ["kok"]
    box.fill("")
    assert len(shown(page, ".agk-languages__item")) == 23
    current = page.locator(".agk-languages__list a[aria-current=page]")
    assert current.count() == 1 and current.get_attribute("hreflang") == "hi"
    # Marked in words for screen readers, and by a tick and bold type, not colour alone.
    assert Strings("hi")("current_language") in current.locator(".agk-visually-hidden").inner_text()
    assert "✓" in current.evaluate("el => getComputedStyle(el, '::before').content")
    other = page.locator(".agk-languages__list a[hreflang=ta]")
    weight = "el => getComputedStyle(el).fontWeight"
    assert current.evaluate(weight) != other.evaluate(weight)
    assert other.locator(".agk-visually-hidden").count() == 0
    native = other.locator(".agk-languages__native")
    assert (native.get_attribute("lang"), native.get_attribute("dir")) == ("ta", "ltr")
    assert other.locator(".agk-languages__english").inner_text() == "Tamil"
    urdu = page.locator(".agk-languages__list a[hreflang=ur] .agk-languages__native")
    assert (urdu.get_attribute("lang"), urdu.get_attribute("dir")) == ("ur", "rtl")
    box.fill("tam")
    page.keyboard.press("Escape")
    assert not box.is_visible()
    assert page.evaluate("document.activeElement.matches('summary.agk-languages__button')")
    # Opened again, the list is whole: the last filter is gone.
    button.click()
    assert box.input_value() == "" and len(shown(page, ".agk-languages__item")) == 23
    assert_clean(phone)


@pytest.mark.browser
@pytest.mark.slow
def test_every_panel_entry_is_reachable_on_a_phone(phone: PageWatch, every: str) -> None:
    page = phone.page
    page.goto(f"{every}/ur/index.html")
    page.locator("summary.agk-languages__button").click()
    panel = page.locator(".agk-languages__panel").bounding_box()
    assert panel is not None
    assert panel["x"] >= 0 and panel["x"] + panel["width"] <= PHONE["width"]
    assert panel["y"] + panel["height"] <= PHONE["height"]
    links = page.locator(".agk-languages__list a")
    assert links.count() == 23
    for i in range(links.count()):
        in_view(page, links.nth(i))
    # The list scrolled inside the panel; the filter box stayed in view above it.
    assert page.locator("input.agk-languages__filter").is_visible()
    box = page.locator("input.agk-languages__filter").bounding_box()
    assert box is not None and box["y"] >= 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_clean(phone)


@pytest.mark.browser
@pytest.mark.slow
def test_keys_move_through_the_panel(phone: PageWatch, every: str) -> None:
    page = phone.page
    page.goto(f"{every}/en/index.html")
    button = page.locator("summary.agk-languages__button")
    button.focus()
    page.keyboard.press("Enter")
    focused = "document.activeElement.getAttribute('hreflang') || document.activeElement.className"
    assert "agk-languages__filter" in page.evaluate(focused)
    page.keyboard.type("m")  # Maithili, Malayalam, Manipuri, Marathi
    codes = shown(page, ".agk-languages__item")
    assert codes == ["mai", "ml", "mni", "mr"]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == codes[0]
    page.keyboard.press("ArrowDown")
    assert page.evaluate(focused) == codes[1]
    page.keyboard.press("Tab")
    assert page.evaluate(focused) == codes[2]
    page.keyboard.press("End")
    assert page.evaluate(focused) == codes[-1]
    page.keyboard.press("Home")
    assert page.evaluate(focused) == codes[0]
    page.keyboard.press("ArrowUp")
    assert "agk-languages__filter" in page.evaluate(focused)
    # Enter with one language left follows it.
    page.keyboard.press("Control+A")
    page.keyboard.type("Maithili")
    page.keyboard.press("Enter")
    page.wait_for_url("**/mai/index.html")
    assert_clean(phone)


@pytest.mark.browser
@pytest.mark.slow
def test_panel_without_script_lists_every_language(browser: Any, every: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{every}/ur/index.html")
    page.locator("summary.agk-languages__button").click()
    assert not page.locator("input.agk-languages__filter").is_visible()
    links = page.locator(".agk-languages__list a")
    assert links.count() == 23
    for i in range(links.count()):
        in_view(page, links.nth(i))
    links.nth(6).click()
    page.wait_for_url("**/hi/index.html")
    context.close()
