"""Render stage: every generated page of one language site, as Markdown text by path.

Pure functions from the model to text, so generated pages are golden-tested without MkDocs.
Every contributor value is escaped before it reaches a page (builder.render.pages.common.h).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from builder.render.pages.case_page import case_page
from builder.render.pages.common import LanguageSite, case_md
from builder.render.pages.home import home_page
from builder.render.pages.listings import catalogue_page, facet_groups, group_page, index_page
from builder.render.pages.map import map_page
from builder.render.pages.search import search_page
from builder.render.pages.translations import translations_page


def language_pages(site: LanguageSite) -> dict[str, str]:
    """Every generated page of the site, keyed by path relative to docs_dir."""
    pages = {"index.md": home_page(site), "catalogue.md": catalogue_page(site)}
    groups = facet_groups(site)
    for folder, members in groups.items():
        # The facet folders are named like their UI strings: sectors, states, sdgs, tags.
        pages[f"{folder}/index.md"] = index_page(site, folder, site.t(folder), members)
        for group in members:
            pages[group.md_path] = group_page(site, group)
    pages["map.md"] = map_page(site, groups["states"])
    pages["translations.md"] = translations_page(site)
    pages["search.md"] = search_page(site)
    for case in site.cases:
        pages[case_md(case.id)] = case_page(site, case)
    # One spelling per letter: search and anchors compare code points.
    return {path: unicodedata.normalize("NFC", text) for path, text in pages.items()}


def docs_pages(docs_dir: Path, lang: str) -> dict[str, str]:
    """Hand-written pages of `lang` (docs/<lang>/), with docs/en/ filling the gaps."""
    pages: dict[str, str] = {}
    for source_lang in ("en", lang):
        root = docs_dir / source_lang
        for path in sorted(root.rglob("*.md")) if root.is_dir() else ():
            pages[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    if "index.md" in pages:
        pages["about.md"] = pages.pop("index.md")
    return pages
