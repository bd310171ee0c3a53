"""The map page: an inline SVG of India whose states link to their pages, shaded by count.

The boundaries are the vendored builder/assets/vendor/india-map/ (see its README for source,
licence and caveats). Everything is drawn at build time: no tiles, no script, no network.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from builder.render.pages.common import LanguageSite, front_matter, h, href
from builder.render.pages.listings import Group

MAP_DIR = Path(__file__).resolve().parents[2] / "assets" / "vendor" / "india-map"
ATTRIBUTION = "State boundaries: adarvmaps 0.1.42 © 2025 ADARV, MIT Licence; simplified for Amrit Gyan Kosh."
# Light to dark; index 0 is for states without cases.
SHADES = ("#e8eaf0", "#c5cae9", "#9fa8da", "#5c6bc0", "#283593")
SVG = "{http://www.w3.org/2000/svg}"


@cache
def _shapes() -> tuple[tuple[str, str], ...]:
    """(state code, path data) of every state shape, plus disputed patches with code ''."""
    regions = json.loads((MAP_DIR / "regions.json").read_text(encoding="utf-8"))
    root = ET.parse(MAP_DIR / "india-states.svg").getroot()
    return tuple((regions.get(p.get("id", ""), ""), p.get("d", "")) for p in root.iter(f"{SVG}path"))


def shade(count: int, most: int) -> str:
    """The fill colour for a state with `count` cases when the busiest state has `most`."""
    if count == 0 or most == 0:
        return SHADES[0]
    return SHADES[1 + min(3, (count - 1) * 4 // most)]


def india_svg(site: LanguageSite, groups: Sequence[Group], from_md: str) -> str:
    """The map as inline SVG: each state a link with a tooltip naming it and its count."""
    counts = {g.key: len(g.cases) for g in groups}
    most = max(counts.values(), default=0)
    parts = []
    for code, path in _shapes():
        if not code:
            parts.append(f'<path d="{h(path)}" fill="{SHADES[0]}"/>')
            continue
        count = counts.get(code, 0)
        label = f"{site.state_name(code)}: {site.t('count_cases', n=count)}"
        shape = f'<path d="{h(path)}" fill="{shade(count, most)}"><title>{h(label)}</title></path>'
        target = next((g.md_path for g in groups if g.key == code), None)
        parts.append(f'<a href="{h(href(from_md, target))}">{shape}</a>' if target else shape)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 911" role="img" '
        f'aria-label="{h(site.t("map"))}">' + "".join(parts) + "</svg>"
    )


def map_page(site: LanguageSite, states: Sequence[Group]) -> str:
    """The map, then the same counts as a list (small union territories are hard to click)."""
    title = site.t("map")
    national = sum(1 for case in site.cases if not case.states)
    items = "".join(
        f'<li><a href="{h(href("map.md", g.md_path))}">{h(g.label)}</a> '
        f'<span class="agk-count">{len(g.cases)}</span></li>'
        for g in states
    )
    extra = f"<p>{h(site.label('levels.national'))}: {national}</p>" if national else ""
    figure = (
        f'<figure class="agk-map">{india_svg(site, states, "map.md")}'
        f"<figcaption>{h(ATTRIBUTION)}</figcaption></figure>"
    )
    return (
        front_matter(title)
        + f"# {h(title)}\n\n{figure}\n\n"
        + f'<ul class="agk-index">{items}</ul>\n{extra}\n'
    )
