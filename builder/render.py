"""Render stage: turn the model into the Markdown pages of one language site.

Pure functions from model to text, so the generated pages can be golden-tested without
MkDocs. Every value from contributors is escaped before it reaches Markdown.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence

from builder.model import CaseStudy
from builder.taxonomy import Taxonomy

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>~-])")


def inline(text: str) -> str:
    """Escape contributor text for use inside a Markdown paragraph or heading."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))


def _front_matter(title: str) -> str:
    # MkDocs treats page titles as HTML (Material writes them unescaped into <title>), so
    # escape them; JSON strings are valid YAML scalars.
    return f"---\ntitle: {json.dumps(html.escape(title, quote=False), ensure_ascii=False)}\n---\n"


def case_page(case: CaseStudy, lang: str, taxonomy: Taxonomy) -> str:
    """The Markdown page of a case in one language."""
    narrative = case.narratives[lang]
    sectors = ", ".join(inline(taxonomy.label(f"sectors.{s.sector}", lang)) for s in case.sectors)
    states = ", ".join(inline(taxonomy.states[s]) for s in case.states) or inline(
        taxonomy.label("levels.national", lang)
    )
    lines = [
        _front_matter(narrative.title),
        f"# {inline(narrative.title)}",
        "",
        *(
            ['!!! note "Sample"', "    Demonstration content, not an official record.", ""]
            if case.sample
            else []
        ),
        f"*{inline(narrative.summary)}*",
        "",
        f"- **Sector:** {sectors}",
        f"- **State:** {states}",
        f"- **Year:** {case.year}",
        "",
        narrative.body.strip(),
        "",
    ]
    return "\n".join(lines)


def home_page(cases: Sequence[CaseStudy], lang: str, site_name: str) -> str:
    """The home page of one language site: every case available in that language."""
    lines = [_front_matter(site_name), f"# {inline(site_name)}", ""]
    for case in cases:
        narrative = case.narratives[lang]
        lines += [
            f"## [{inline(narrative.title)}](cases/{case.id}/index.md)",
            "",
            inline(narrative.summary),
            "",
        ]
    return "\n".join(lines)


def language_pages(cases: Sequence[CaseStudy], lang: str, taxonomy: Taxonomy) -> dict[str, str]:
    """Every generated page of the `lang` site, keyed by path relative to docs_dir."""
    present = [case for case in cases if lang in case.narratives]
    pages = {"index.md": home_page(present, lang, "Amrit Gyan Kosh")}
    for case in present:
        pages[f"cases/{case.id}/index.md"] = case_page(case, lang, taxonomy)
    return pages
