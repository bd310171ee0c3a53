"""Shared vocabulary of the page renderers: the language site, links, escaping, labels."""

from __future__ import annotations

import html
import json
import posixpath
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import regex

from builder.i18n import Strings
from builder.model import CaseStudy
from builder.taxonomy import Taxonomy

_NOT_SLUG = regex.compile(r"[^\p{L}\p{M}\p{N}]+")


@dataclass(frozen=True)
class LanguageSite:
    """Everything the pages of one language site are made from."""

    lang: str
    taxonomy: Taxonomy
    cases: tuple[CaseStudy, ...]
    languages: tuple[str, ...]
    site_url: str
    # Related case ids per case (from search); cases fall back to their own `related`.
    related: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Cases left out of this site (an offline bundle's subset): linked on the published site.
    outside: Mapping[str, CaseStudy] = field(default_factory=dict)

    @cached_property
    def cases_by_id(self) -> dict[str, CaseStudy]:
        """Every case by id, built once per site (case pages look up related cases)."""
        return {case.id: case for case in self.cases}

    @property
    def t(self) -> Strings:
        return Strings(self.lang)

    @property
    def rtl(self) -> bool:
        return self.taxonomy.languages[self.lang].rtl

    def label(self, key: str) -> str:
        return self.taxonomy.label(key, self.lang)

    def state_name(self, code: str) -> str:
        return self.taxonomy.state_name(code, self.lang)

    def language_name(self, code: str) -> str:
        return self.taxonomy.languages[code].native_name


def h(text: object) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return html.escape(str(text), quote=True)


def nfc(text: str) -> str:
    """Unicode NFC: search and anchors must see one spelling of every letter."""
    return unicodedata.normalize("NFC", text)


def slug(text: str) -> str:
    """A file-name slug that keeps Indic letters and their combining marks."""
    return _NOT_SLUG.sub("-", nfc(text).lower()).strip("-") or "tag"


def front_matter(title: str, **meta: object) -> str:
    """YAML front matter; the title is HTML-escaped because MkDocs treats titles as HTML."""
    lines = ["---", f"title: {json.dumps(html.escape(title, quote=False), ensure_ascii=False)}"]
    lines += [
        f"{key}: {json.dumps(value, ensure_ascii=False, sort_keys=True)}" for key, value in meta.items()
    ]
    return "\n".join([*lines, "---", ""]) + "\n"


def html_path(md_path: str) -> str:
    """The output path MkDocs gives a Markdown page (use_directory_urls: false)."""
    return md_path.removesuffix(".md") + ".html"


def href(from_md: str, to_md: str, *, from_lang: str = "", to_lang: str = "") -> str:
    """Relative link between two pages, possibly across language sites (works from disk)."""
    source = (
        posixpath.join(from_lang, posixpath.dirname(from_md)) if from_lang else posixpath.dirname(from_md)
    )
    target = posixpath.join(to_lang, html_path(to_md)) if to_lang else html_path(to_md)
    return posixpath.relpath(target, source or ".")


def published_case_url(site: LanguageSite, case_id: str) -> str:
    """The address of a case page on the published site."""
    return f"{site.site_url.rstrip('/')}/{site.lang}/cases/{case_id}/index.html"


def case_md(case_id: str) -> str:
    return f"cases/{case_id}/index.md"


def title_of(case: CaseStudy, lang: str) -> str:
    """The case title in `lang`, else in its original language."""
    narrative = case.narratives.get(lang) or case.narratives[case.original_language]
    return narrative.title


def summary_of(case: CaseStudy, lang: str) -> tuple[str, str]:
    """(summary, language it is in): `lang` when available, else the original."""
    narrative = case.narratives.get(lang) or case.narratives[case.original_language]
    return narrative.summary, narrative.lang
