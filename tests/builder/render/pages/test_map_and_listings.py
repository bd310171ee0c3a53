"""The map (state links, shading, legend), states in alphabetical order, counts in the singular,
the citation and its copy button."""

from __future__ import annotations

import re
from dataclasses import replace

from babel import Locale

from builder.render.pages.case_page import case_page
from builder.render.pages.citation import apa_html
from builder.render.pages.common import sort_key
from builder.render.pages.home import home_page
from builder.render.pages.listings import catalogue_page, facet_groups, group_page
from builder.render.pages.map import SHADES, legend, map_page, shade
from builder.render.strings import Strings, available_languages
from tests.builder.render.pages.conftest import SiteFor


def test_states_with_cases_are_links_named_by_state_and_count(site_for: SiteFor) -> None:
    site = site_for("en")
    page = map_page(site, facet_groups(site)["states"])
    # Links inside role="img" are hidden from assistive technology (axe: nested-interactive).
    assert 'role="img"' not in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 911" role="group"' in page
    links = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)">', page.split("</svg>")[0])
    assert sorted(links) == [
        ("states/tn.html", "Tamil Nadu: 1 case study"),
        ("states/up.html", "Uttar Pradesh: 1 case study"),
    ]


def test_one_case_is_shaded_unlike_none_and_the_legend_says_so(site_for: SiteFor) -> None:
    assert shade(0, 5) == SHADES[0]
    assert shade(1, 1) != SHADES[0] and shade(1, 5) != SHADES[0]
    assert len(set(SHADES)) == len(SHADES)
    text = legend(site_for("en"), 5)
    assert re.findall(r"</span>([^<]+)</li>", text) == [
        "0 case studies",
        "1–2 case studies",
        "3 case studies",
        "4 case studies",
        "5 case studies",
    ]
    assert "1 case study" in legend(site_for("en"), 1) and "0 case studies" in legend(site_for("en"), 0)


def test_counts_agree_with_the_number_in_every_language() -> None:
    assert Strings("en").count("count_cases", 1) == "1 case study"
    assert Strings("en").count("count_cases", 0) == "0 case studies"
    assert Strings("en").count("count_cases", 2) == "2 case studies"
    assert Strings("ta").count("count_cases", 1) == "1 நிகழ்வு ஆய்வு"
    assert Strings("ur").count("count_cases", 2) == "2 کیس اسٹڈیز"
    for lang in available_languages():
        one = Strings(lang).count("count_cases", 1)
        # Languages whose grammar has no singular (CLDR: kok, mai, mni, sa) use the plain form.
        singular = Locale.parse(lang).plural_form(1) == "one"
        assert "1" in one and one == Strings(lang)("count_cases_one" if singular else "count_cases", n=1), (
            lang
        )


def test_a_group_of_one_says_case_study(site_for: SiteFor) -> None:
    site = site_for("en")
    tamil_nadu = next(g for g in facet_groups(site)["states"] if g.key == "TN")
    assert "<p>1 case study</p>" in group_page(site, tamil_nadu)


def test_states_are_listed_by_their_name_in_the_page_language(site_for: SiteFor) -> None:
    hindi = [g.label for g in facet_groups(site_for("hi"))["states"]]
    assert hindi == ["उत्तर प्रदेश", "तमिलनाडु"]
    urdu = [g.label for g in facet_groups(site_for("ur"))["states"]]
    assert urdu == ["اتر پردیش", "تمل ناڈو"]
    english = [g.label for g in facet_groups(site_for("en"))["states"]]
    assert english == ["Tamil Nadu", "Uttar Pradesh"]
    # The catalogue's state filter too, with "national" after the states.
    select = catalogue_page(site_for("ur")).split('data-facet="state">')[1].split("</select>")[0]
    assert re.findall(r'<option value="(\w+)">', select) == ["UP", "TN", "national"]


def test_sort_key_follows_each_alphabet() -> None:
    def ordered(names: list[str], lang: str) -> list[str]:
        return sorted(names, key=lambda name: sort_key(name, lang))

    assert ordered(["गोवा", "असम", "केरल", "आंध्र प्रदेश"], "hi") == ["असम", "आंध्र प्रदेश", "केरल", "गोवा"]
    # Urdu letters Unicode encodes late (ک, گ, ٹ) sort in Urdu's order; a space sorts first.
    assert ordered(["گوا", "کیرالا", "بہار", "اتراکھنڈ", "اتر پردیش"], "ur") == [
        "اتر پردیش",
        "اتراکھنڈ",
        "بہار",
        "کیرالا",
        "گوا",
    ]
    assert ordered(["goa", "Assam", "bihar"], "en") == ["Assam", "bihar", "goa"]


def test_citation_is_escaped_and_has_a_copy_button_in_the_page_language(site_for: SiteFor) -> None:
    site = site_for("hi")
    case = site.cases_by_id["up-valid-lesson"]
    html = apa_html(case, '<script>alert("x")</script>', ' lang="hi" dir="ltr"', "https://a.example/?a=1&b=2")
    assert '<cite lang="hi" dir="ltr">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</cite>' in html
    assert html.startswith("<bdi>Fixture author</bdi> (2025). ")
    assert "https://a.example/?a=1&amp;b=2" in html
    page = case_page(site, case)
    button = re.search(r'<p class="agk-copy" hidden><button [^>]*>([^<]+)</button>', page)
    assert button and button.group(1) == Strings("hi")("copy_citation")
    assert f'data-copied="{Strings("hi")("copied")}"' in page
    assert '<span class="agk-copy__status" role="status"></span>' in page


def test_home_counts_agree_with_their_numbers(site_for: SiteFor) -> None:
    english, urdu = site_for("en"), site_for("ur")
    one = (english.cases_by_id["up-valid-lesson"],)  # written in en and hi
    assert '<p class="agk-counts">1 case study in 2 languages</p>' in home_page(replace(english, cases=one))
    assert '<p class="agk-counts">3 case studies in 4 languages</p>' in home_page(english)
    single = (english.cases_by_id["tn-valid-caselet"],)
    assert '<p class="agk-counts">2 زبانوں میں 1 کیس اسٹڈی</p>' in home_page(replace(urdu, cases=single))
