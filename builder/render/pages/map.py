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
# The map's source and licence, named as published; the sentence around them is a UI string.
MAP_SOURCE = "adarvmaps 0.1.42 © 2025 ADARV"
MAP_LICENCE = "MIT"
# Index 0 (grey) is for states without cases; then light to dark blue. The lightest blue has a
# contrast of 3.3:1 with the grey, so that a state with one case never looks like one with none.
SHADES = ("#eeeeee", "#6f7dc6", "#4a5ab8", "#283593", "#141b5e")
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


def legend(site: LanguageSite, most: int) -> str:
    """The shades and the numbers of cases each stands for ("0", "1", "2–3", "4 or more")."""
    ranges: dict[int, list[int]] = {0: [0]}
    for count in range(1, most + 1):
        ranges.setdefault(SHADES.index(shade(count, most)), []).append(count)
    items = []
    for index, counts in sorted(ranges.items()):
        low, high = counts[0], counts[-1]
        text = site.t.count("count_cases", low) if low == high else site.t("count_cases", n=f"{low}–{high}")
        swatch = f'<span class="agk-map__swatch" style="background:{SHADES[index]}"></span>'
        items.append(f"<li>{swatch}{h(text)}</li>")
    return (
        f'<p class="agk-map__legend-title" id="agk-map-legend">{h(site.t("map_legend"))}</p>'
        f'<ul class="agk-map__legend" aria-labelledby="agk-map-legend">{"".join(items)}</ul>'
    )


def india_svg(site: LanguageSite, groups: Sequence[Group], from_md: str) -> str:
    """The map as inline SVG: each state with cases a link named by the state and its count."""
    counts = {g.key: len(g.cases) for g in groups}
    most = max(counts.values(), default=0)
    targets = {g.key: g.md_path for g in groups}
    parts = []
    for code, path in _shapes():
        if not code:
            parts.append(f'<path d="{h(path)}" fill="{SHADES[0]}"/>')
            continue
        count = counts.get(code, 0)
        label = h(f"{site.state_name(code)}: {site.t.count('count_cases', count)}")
        shape = f'<path d="{h(path)}" fill="{shade(count, most)}"><title>{label}</title></path>'
        if code in targets:
            # A link, focusable from the keyboard, named by its state and count; the <title>
            # inside stays for the mouse tooltip.
            link = f'<a href="{h(href(from_md, targets[code]))}" aria-label="{label}">{shape}</a>'
            parts.append(link)
        else:
            parts.append(shape)
    # A group, not role="img": an image may not contain links (axe: nested-interactive).
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 911" role="group" '
        f'aria-label="{h(site.t("map"))}" focusable="false">' + "".join(parts) + "</svg>"
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
    most = max((len(g.cases) for g in states), default=0)
    figure = (
        f'<figure class="agk-map">{india_svg(site, states, "map.md")}'
        f"<figcaption>{legend(site, most)}"
        f'<p class="agk-map__credit">{h(site.t("map_credit", source=MAP_SOURCE, licence=MAP_LICENCE))}</p>'
        "</figcaption></figure>"
    )
    return (
        front_matter(title)
        + f"# {h(title)}\n\n{figure}\n\n"
        + f'<ul class="agk-index">{items}</ul>\n{extra}\n'
    )
