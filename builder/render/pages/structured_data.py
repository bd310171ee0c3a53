"""schema.org JSON-LD for a case page, safe to place inside a <script> element."""

from __future__ import annotations

import json

from builder.model.case import CaseStudy
from builder.render.pages.citation import PUBLISHER

LICENCE_URLS = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


def licence_url(spdx: str) -> str:
    """The canonical URL of a Creative Commons licence from its SPDX id."""
    if spdx in LICENCE_URLS:
        return LICENCE_URLS[spdx]
    parts = spdx.lower().removeprefix("cc-").rsplit("-", 1)
    return f"https://creativecommons.org/licenses/{parts[0]}/{parts[1]}/"


def script_safe_json(value: object) -> str:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_ld(case: CaseStudy, lang: str, url: str, about: list[str], places: list[str]) -> str:
    """The JSON-LD of a case in one language."""
    narrative = case.narratives.get(lang) or case.narratives[case.original_language]
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "genre": "Case study",
        "headline": narrative.title,
        "description": narrative.summary,
        "inLanguage": narrative.lang,
        "author": [{"@type": "Person", "name": a.name} for a in case.authors]
        or [{"@type": "Organization", "name": PUBLISHER}],
        "publisher": {"@type": "Organization", "name": PUBLISHER},
        "license": licence_url(case.license),
        "about": about,
        "spatialCoverage": places,
        "keywords": list(case.tags),
        "temporalCoverage": f"{case.year}/{case.year_end or '..'}",
        "isAccessibleForFree": True,
    }
    if url:
        data["url"] = url
    if case.published:
        data["datePublished"] = case.published.isoformat()
    if case.updated:
        data["dateModified"] = case.updated.isoformat()
    if narrative.translated_from:
        data["translationOfWork"] = {"@type": "Article", "inLanguage": narrative.translated_from}
    return script_safe_json(data)
