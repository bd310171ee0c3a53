"""The full search-results page: an empty container that theme/assets/agk/search.js fills."""

from __future__ import annotations

import json

from builder.render.pages.common import LanguageSite, front_matter, h

# UI strings only the results page uses (the header box's come from the site configuration).
PAGE_STRINGS = (
    "search_refine", "search_skip_results", "search_skip_filters", "search_filters_button",
    "search_filters_active", "search_shortcut", "search_remove_filter", "search_recognised",
    "search_partial", "search_missing", "search_did_you_mean", "search_tips", "search_tips_filters",
    "clear_filters",
)  # fmt: skip


def page_strings_json(site: LanguageSite) -> str:
    """The page's strings as JSON that is safe inside a <script> element."""
    text = json.dumps({key: site.t(key) for key in PAGE_STRINGS}, ensure_ascii=False, sort_keys=True)
    # "<" never occurs in JSON outside strings, where \u003c means the same: no "</script>" ends it.
    return text.replace("<", "\\u003c")


def search_page(site: LanguageSite) -> str:
    """The results page; without JavaScript it shows the search hint, in the site's language."""
    t = site.t
    # Only <script> elements are read as data by search.js: contributor text cannot make one.
    data = page_strings_json(site)
    strings = f'<script type="application/json" id="agk-search-page-strings">{data}</script>'
    return (
        front_matter(t("search"))
        + f"# {h(t('search'))}\n\n"
        + f"{strings}\n\n"
        + f'<div class="agk-search-page" data-agk-search-page><p>{h(t("search_hint"))}</p></div>\n'
    )
