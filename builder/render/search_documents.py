"""Turn case studies into the plain search documents that search_index/ indexes."""

from __future__ import annotations

from collections.abc import Callable

from builder.markdown.plain_text import plain_text
from builder.model.case import CaseStudy, facet_values
from builder.model.taxonomy import Taxonomy
from builder.render.pages.common import LanguageSite, narrative_lang
from search_index.documents import SearchDocument


def _labels(case: CaseStudy, taxonomy: Taxonomy) -> tuple[str, ...]:
    """Taxonomy labels of the case in every language, so a query in any script finds it."""
    keys = [f"sectors.{s.sector}" for s in case.sectors]
    keys += [f"sub_sectors.{s.sector}.{s.sub_sector}" for s in case.sectors if s.sub_sector]
    keys += [f"levels.{case.level}", f"case_types.{case.type}"]
    found = {taxonomy.label(key, lang) for key in keys for lang in taxonomy.labels}
    found |= {taxonomy.state_name(code, lang) for code in case.states for lang in taxonomy.labels}
    return tuple(sorted(found))


def _document(case: CaseStudy, lang: str, taxonomy: Taxonomy, site_lang: str) -> SearchDocument:
    """The search document of the case's `lang` narrative, linking to its page in `site_lang`."""
    narrative = case.narratives[lang]
    return SearchDocument(
        id=case.id,
        lang=lang,
        title=narrative.title,
        summary=narrative.summary,
        text=plain_text(narrative.body),
        facets=facet_values(case),
        labels=_labels(case, taxonomy),
        url=f"{site_lang}/cases/{case.id}/index.html",
    )


def documents_of(case: CaseStudy, taxonomy: Taxonomy) -> list[SearchDocument]:
    """One search document per narrative of the case."""
    return [_document(case, lang, taxonomy, lang) for lang in sorted(case.narratives)]


def site_documents(site: LanguageSite) -> list[SearchDocument]:
    """The browser-search documents of one language site: every case in the language its page
    shows it in (the site's, a fallback language, or the original), linking to that page."""
    return [_document(case, narrative_lang(case, site.lang), site.taxonomy, site.lang) for case in site.cases]


def facet_labels(site: LanguageSite, documents: list[SearchDocument]) -> dict[str, dict[str, str]]:
    """Display names of the facet values found in `documents`, in the site's language."""
    namers: dict[str, Callable[[str], str]] = {
        "sector": lambda value: site.label(f"sectors.{value}"),
        "state": lambda value: site.t("national") if value == "national" else site.state_name(value),
        "level": lambda value: site.label(f"levels.{value}"),
        "type": lambda value: site.label(f"case_types.{value}"),
        "language": site.language_name,
        "sdg": lambda value: f"SDG {value}",
        "note": lambda value: site.t("has_teaching_note"),
    }
    labels: dict[str, dict[str, str]] = {}
    for document in documents:
        for key, values in document.facets.items():
            namer = namers.get(key)
            if namer is not None:
                labels.setdefault(key, {}).update({value: namer(value) for value in values})
    return labels
