"""Text not in the page's language carries its `lang` and `dir`; contributor text of unknown
language is isolated; the page's own language is not marked again."""

from __future__ import annotations

import re

from builder.render.pages.case_page import case_page
from builder.render.pages.common import in_language, lang_attrs, local_text
from builder.render.pages.listings import catalogue_page
from builder.render.pages.translations import translations_page
from tests.builder.render.pages.conftest import SiteFor

LESSON = "up-valid-lesson"  # written in en and hi
CASELET = "tn-valid-caselet"  # written in ta and en


def element(page: str, pattern: str) -> str:
    """The first start tag matching `pattern` (a regex over the tag's text)."""
    found = re.search(pattern, page)
    assert found, pattern
    return found.group(0)


def test_lang_attrs_give_language_and_direction(site_for: SiteFor) -> None:
    urdu, hindi = site_for("ur"), site_for("hi")
    assert lang_attrs(urdu, "en") == ' lang="en" dir="ltr"'
    assert lang_attrs(hindi, "ur") == ' lang="ur" dir="rtl"'
    assert lang_attrs(urdu, "ur") == ""
    assert in_language(hindi, "hi", "<b>") == "&lt;b&gt;"
    assert in_language(hindi, "en", "<b>") == '<span lang="en" dir="ltr">&lt;b&gt;</span>'


def test_local_text_says_which_language_it_fell_back_to(site_for: SiteFor) -> None:
    case = site_for("ur").cases_by_id[LESSON]
    assert local_text(site_for("ur"), case.organisation, case.original_language) == (
        "District health society",
        "en",
    )
    assert local_text(site_for("hi"), case.organisation, case.original_language)[1] == "hi"


def test_english_fallback_on_an_urdu_page_is_marked_left_to_right(site_for: SiteFor) -> None:
    site = site_for("ur")
    page = case_page(site, site.cases_by_id[LESSON])
    ltr_english = ' lang="en" dir="ltr"'
    assert ltr_english in element(page, r"<h1[^>]*>")
    assert ltr_english in element(page, r'<p class="agk-lead"[^>]*>')
    assert f"<span{ltr_english}>District health society</span>" in page
    assert ltr_english in element(page, r'<p class="agk-metric__name"[^>]*>')
    assert f"<span{ltr_english}>District records (illustrative)</span>" in page
    assert ltr_english in element(page, r"<img [^>]*>")
    assert ltr_english in element(page, r'<a href="media/brief.pdf"[^>]*>')
    assert ltr_english in element(page, r'<p class="agk-cite"[^>]*>')
    assert ltr_english in element(page, r'<pre class="agk-bibtex"[^>]*>')
    # A related case shown in Tamil on an Urdu page: Tamil, left to right.
    assert ' lang="ta" dir="ltr"' in element(page, r'<a href="\.\./tn-valid-caselet/index\.html"[^>]*>')
    # Language names are marked in their own language, even the page's.
    assert ' lang="hi" dir="ltr" hreflang="hi"' in page


def test_page_language_is_not_marked_again(site_for: SiteFor) -> None:
    site = site_for("hi")
    page = case_page(site, site.cases_by_id[LESSON])
    assert element(page, r"<h1[^>]*>") == "<h1>"
    assert element(page, r'<p class="agk-lead"[^>]*>') == '<p class="agk-lead">'
    assert "<dd>ज़िला स्वास्थ्य समिति</dd>" in page
    # The reference follows an English style: English, with the Hindi title marked.
    assert (
        element(page, r'<p class="agk-cite"[^>]*>')
        == '<p class="agk-cite" id="agk-cite" lang="en" dir="ltr">'
    )
    assert '<cite lang="hi" dir="ltr">' in page


def test_contributor_text_of_unknown_language_is_isolated(site_for: SiteFor) -> None:
    site = site_for("ur")
    page = case_page(site, site.cases_by_id[LESSON])
    assert '<a href="../../tags/maternal-health.html" dir="auto">maternal health</a>' in page
    assert "<dd><bdi>Fixture author</bdi></dd>" in page
    assert "<b>52</b> <bdi>percent</bdi>" in page
    assert "<dd><bdi>2025CBC/AGK/001</bdi></dd>" in page


def test_cards_mark_titles_summaries_and_language_names(site_for: SiteFor) -> None:
    hindi = catalogue_page(site_for("hi"))
    card = element(hindi, r'<li class="agk-card"[^>]*data-language="en ta"[^>]*>.*?</li>')
    assert '<a class="agk-card__title" href="cases/tn-valid-caselet/index.html" lang="ta" dir="ltr">' in card
    assert '<p class="agk-card__summary" lang="ta" dir="ltr">' in card
    assert '<span lang="en" dir="ltr">English</span>' in card
    decision = element(hindi, r'<li class="agk-card"[^>]*data-language="hi ur"[^>]*>.*?</li>')
    assert '<span lang="ur" dir="rtl">اردو</span>' in decision
    assert "· हिन्दी" in decision
    assert ' lang="hi"' not in decision
    urdu = catalogue_page(site_for("ur"))
    lesson = element(urdu, r'<li class="agk-card"[^>]*data-language="en hi"[^>]*>.*?</li>')
    assert '<p class="agk-card__summary" lang="en" dir="ltr">' in lesson
    # Language filter options name each language in itself.
    assert '<option value="ta" lang="ta" dir="ltr">தமிழ்</option>' in urdu


def test_translation_status_marks_language_names(site_for: SiteFor) -> None:
    page = translations_page(site_for("ur"))
    assert '<td lang="en" dir="ltr">English</td>' in page
    assert '<td lang="ur">اردو</td>' in page
