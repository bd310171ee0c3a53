"""Turn case studies into the plain search documents that search_index/ indexes."""

from __future__ import annotations

import re

from builder.model import CaseStudy, facet_values
from builder.taxonomy import Taxonomy
from search_index.documents import SearchDocument

_MARKUP = (
    (re.compile(r"^\s{0,3}#{1,6}\s+|\s*\{[:#.][^}]*\}\s*$", re.M), " "),  # heading marks, ids
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep their text
    (re.compile(r"^\s*\|?[-:| ]+\|[-:| ]*$", re.M), " "),  # table rules
    (re.compile(r"[*_`|>]+"), " "),  # emphasis, code, table and quote marks
)


def plain_text(markdown: str) -> str:
    """The words of a Markdown body without its markup."""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown


def _labels(case: CaseStudy, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Taxonomy labels of the case in every language, so a query in any script finds it."""
    keys = [f"sectors.{s.sector}" for s in case.sectors]
    keys += [f"sub_sectors.{s.sector}.{s.sub_sector}" for s in case.sectors if s.sub_sector]
    keys += [f"levels.{case.level}", f"case_types.{case.type}"]
    found = {taxonomy.label(key, lang) for key in keys for lang in taxonomy.labels}
    found |= {taxonomy.state_name(code, lang) for code in case.states for lang in taxonomy.labels}
    return tuple(sorted(found))


def documents_of(case: CaseStudy, taxonomy: Taxonomy) -> list[SearchDocument]:
    """One search document per narrative of the case."""
    facets = facet_values(case)
    labels = _labels(case, taxonomy)
    return [
        SearchDocument(
            id=case.id,
            lang=lang,
            title=narrative.title,
            summary=narrative.summary,
            text=plain_text(narrative.body),
            facets=facets,
            labels=labels,
            url=f"{lang}/cases/{case.id}/index.html",
        )
        for lang, narrative in sorted(case.narratives.items())
    ]
