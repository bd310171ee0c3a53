"""The site-wide 404 page: on to the reader's language, or the chooser."""

from __future__ import annotations

import json
import re

from builder.model.taxonomy import LANGUAGE_CODES, languages
from builder.render.root_files import not_found_page, redirect_targets


def script_values(page: str) -> tuple[dict[str, str], str]:
    match = re.search(r"var targets = (\{[^}]*\}), root = (\"[^\"]*\")", page)
    assert match is not None
    return json.loads(match.group(1)), json.loads(match.group(2))


def test_links_start_at_the_sites_root_path() -> None:
    known = languages()
    page = not_found_page([known["hi"], known["ur"]], "Amrit Gyan Kosh", "https://x.example/kosh/")
    targets, root = script_values(page)
    assert root == "/kosh/"
    assert targets == redirect_targets(["hi", "ur"])
    assert 'href="/kosh/ur/index.html"' in page and 'dir="rtl"' in page
    assert "पृष्ठ नहीं मिला" in page and '<meta name="robots" content="noindex">' in page


def test_without_a_site_url_the_root_is_the_hosts() -> None:
    page = not_found_page([languages()["en"]], "Amrit Gyan Kosh", "")
    targets, root = script_values(page)
    assert root == "/"
    # English is the last resort of every language: each of the 23 folders leads to it.
    assert targets == dict.fromkeys(LANGUAGE_CODES, "en")


def test_a_language_not_built_leads_to_the_first_built_one_its_readers_read() -> None:
    known = languages()
    page = not_found_page([known["hi"], known["ur"]], "Amrit Gyan Kosh", "")
    targets, _ = script_values(page)
    # Built languages keep their own 404 page; Maithili, Konkani (Marathi not built) and Dogri
    # readers get Hindi, Kashmiri and Sindhi readers Urdu.
    assert targets["hi"] == "hi" and targets["ur"] == "ur"
    assert targets["mai"] == targets["kok"] == targets["doi"] == "hi"
    assert targets["ks"] == targets["sd"] == "ur"
    # Tamil falls back to English only, which this site lacks: no target, the list stays.
    assert "ta" not in targets and "en" not in targets
    # The script sends a built folder to its 404 page and an unbuilt one to the same address
    # in its target language.
    assert 'location.replace(root + folder + "/404.html")' in page
    assert "location.replace(root + targets[folder] + same)" in page


def test_every_language_is_listed_with_both_names_and_a_filter() -> None:
    known = languages()
    page = not_found_page([known[code] for code in LANGUAGE_CODES], "Amrit Gyan Kosh", "")
    assert page.count("<li data-agk-names=") == len(LANGUAGE_CODES)
    assert (
        '<a href="/mai/index.html" lang="mai" hreflang="mai" dir="ltr">मैथिली</a> <small>Maithili</small>'
        in page
    )
    assert 'data-agk-names="कोंकणी Konkani kok"' in page
    assert '<input id="agk-filter" type="search"' in page and 'id="agk-filter-field" hidden' in page
