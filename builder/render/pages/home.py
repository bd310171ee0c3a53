"""The home page of a language site: counts, latest and featured cases, ways to browse."""

from __future__ import annotations

from builder.render.pages.common import LanguageSite, front_matter, h
from builder.render.pages.listings import case_list

LATEST = 6
FEATURED = 3


def home_page(site: LanguageSite) -> str:
    """Counts, latest cases, featured cases (those with a teaching note) and browse links."""
    t = site.t
    in_language = [c for c in site.cases if site.lang in c.narratives]
    languages = {lang for c in site.cases for lang in c.languages}
    latest = sorted(
        site.cases,
        key=lambda c: (c.published.isoformat() if c.published else "", c.year, c.id),
        reverse=True,
    )[:LATEST]
    featured = sorted((c for c in in_language if c.teaching_notes), key=lambda c: c.id)[:FEATURED]
    browse = " · ".join(
        f'<a href="{target}">{h(t(key))}</a>'
        for key, target in (
            ("catalogue", "catalogue.html"),
            ("sectors", "sectors/index.html"),
            ("states", "states/index.html"),
            ("sdgs", "sdgs/index.html"),
            ("tags", "tags/index.html"),
            ("map", "map.html"),
        )
    )
    # Each number agrees with its noun ("1 case study in 2 languages"): an offline bundle of one
    # state may hold a single case.
    counts = t(
        "case_count_in",
        cases=t.count("count_cases", len(site.cases)),
        languages=t.count("in_languages", len(languages)),
    )
    parts = [
        front_matter(t("site_name")),
        f"# {h(t('site_name'))}\n\n",
        f'<p class="agk-lead">{h(t("tagline"))}</p>\n\n',
        f'<p class="agk-counts">{h(counts)}</p>\n\n',
        f'<nav class="agk-browse" aria-label="{h(t("browse_by"))}">{browse}</nav>\n\n',
    ]
    if featured:
        parts += [
            f"## {h(t('featured'))} {{#featured}}\n\n",
            case_list(site, featured, "index.md"),
            "\n",
        ]
    parts += [f"## {h(t('latest'))} {{#latest}}\n\n", case_list(site, latest, "index.md")]
    return "".join(parts)
