"""Render stage: every generated page of one language site, as Markdown text by path.

Pure functions from the model to text, so generated pages are golden-tested without MkDocs.
Every contributor value is escaped before it reaches a page (builder.render.pages.common.h).
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from builder.render.pages.case_page import case_page
from builder.render.pages.common import LanguageSite, case_md, fallback_notice, lang_attrs, note_md
from builder.render.pages.home import home_page
from builder.render.pages.listings import catalogue_page, facet_groups, group_page, index_page
from builder.render.pages.map import map_page
from builder.render.pages.search import search_page
from builder.render.pages.teaching_note import teaching_note_page
from builder.render.pages.translations import translations_page
from builder.source.front_matter import split_front_matter


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
        if case.teaching_notes:
            pages[note_md(case.id)] = teaching_note_page(site, case)
    # One spelling per letter: search and anchors compare code points.
    return {path: unicodedata.normalize("NFC", text) for path, text in pages.items()}


def docs_pages(docs_dir: Path, site: LanguageSite) -> dict[str, str]:
    """Hand-written pages of the site's language (docs/<lang>/); a page it lacks comes from the
    first of its fallback languages that has it (English last), saying so."""
    pages: dict[str, str] = {}
    for source_lang in reversed(site.t.reading_order()):
        root = docs_dir / source_lang
        for path in sorted(root.rglob("*.md")) if root.is_dir() else ():
            text = path.read_text(encoding="utf-8")
            pages[path.relative_to(root).as_posix()] = fallback_page(site, source_lang, text)
    if "index.md" in pages:
        pages["about.md"] = pages.pop("index.md")
    return pages


def fallback_page(site: LanguageSite, lang: str, text: str) -> str:
    """A hand-written page of `lang` shown on `site`: as it is, or marked and with a notice."""
    if lang == site.lang:
        return text
    split = split_front_matter(text)
    front = f"---\n{split.front}---\n\n" if split.front is not None else ""
    # The body keeps its own language and direction; md_in_html renders the Markdown inside.
    return (
        front
        + fallback_notice(site, lang)
        + "\n\n"
        + f'<div markdown="1"{lang_attrs(site, lang)}>\n\n{split.body.strip()}\n\n</div>\n'
    )
