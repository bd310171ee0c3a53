"""The map page: case counts by state and union territory."""

from __future__ import annotations

from collections.abc import Sequence

from builder.pages.common import LanguageSite, front_matter, h, href
from builder.pages.listings import Group


def map_page(site: LanguageSite, states: Sequence[Group]) -> str:
    """Counts by state as a list of links (the drawn map comes with the vendored SVG)."""
    title = site.t("map")
    national = sum(1 for case in site.cases if not case.states)
    items = "".join(
        f'<li><a href="{h(href("map.md", g.md_path))}">{h(g.label)}</a> '
        f'<span class="agk-count">{len(g.cases)}</span></li>'
        for g in states
    )
    extra = f"<p>{h(site.label('levels.national'))}: {national}</p>" if national else ""
    return front_matter(title) + f'# {h(title)}\n\n<ul class="agk-index">{items}</ul>\n{extra}\n'
