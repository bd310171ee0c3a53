"""The full search-results page: an empty container that theme/assets/agk/search.js fills."""

from __future__ import annotations

from builder.render.pages.common import LanguageSite, front_matter, h


def search_page(site: LanguageSite) -> str:
    """The results page; without JavaScript it says that search needs it, in the site's language."""
    t = site.t
    return (
        front_matter(t("search"))
        + f"# {h(t('search'))}\n\n"
        + f'<div class="agk-search-page" data-agk-search-page><p>{h(t("search_hint"))}</p></div>\n'
    )
