"""Shared vocabulary of the page renderers: the language site, links, escaping, labels."""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import quote

import regex

from builder.markdown.html import RenderedCase
from builder.markdown.rules import RESERVED_TAGS, drop_refused
from builder.model.case import CaseStudy, LocalText
from builder.model.taxonomy import Taxonomy, languages, reading_order
from builder.render.strings import Strings

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
    # Narratives and teaching notes rendered to inert HTML by the render stage, by case id.
    rendered: Mapping[str, RenderedCase] = field(default_factory=dict)
    # Paths of the Braille-ready files made for this site (render/braille_files).
    braille: frozenset[str] = frozenset()
    # Whether each case page written in this language has a zip of itself beside it.
    case_downloads: bool = False

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
    """Escape any value for HTML text or a double-quoted attribute, dropping bidi controls."""
    # Validation refuses these characters (AGK508); dropping them here as well keeps anything
    # that slips past it from reversing or hiding the text around it.
    return html.escape(drop_refused(str(text)), quote=True)


def nfc(text: str) -> str:
    """Unicode NFC: search and anchors must see one spelling of every letter."""
    return unicodedata.normalize("NFC", text)


def slug(text: str) -> str:
    """A file-name slug that keeps Indic letters and their combining marks."""
    return _NOT_SLUG.sub("-", nfc(text).lower()).strip("-") or "tag"


def front_matter(title: str, **meta: object) -> str:
    """YAML front matter; the title is HTML-escaped because MkDocs treats titles as HTML."""
    shown = html.escape(drop_refused(title), quote=False)
    lines = ["---", f"title: {json.dumps(shown, ensure_ascii=False)}"]
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


def file_href(from_md: str, path: str) -> str:
    """Relative link from a page to a file of the same site (a download)."""
    return posixpath.relpath(path, posixpath.dirname(from_md) or ".")


def published_case_url(site: LanguageSite, case_id: str) -> str:
    """The address of a case page on the published site."""
    return f"{site.site_url.rstrip('/')}/{site.lang}/cases/{case_id}/index.html"


def case_md(case_id: str) -> str:
    return f"cases/{case_id}/index.md"


def lang_attrs(site: LanguageSite, lang: str) -> str:
    """` lang=".." dir=".."` for text in `lang` on a page of `site`; nothing when it is the page's."""
    # Text in another language needs both: `lang` for screen readers, fonts and hyphenation,
    # `dir` so that English shown on an Urdu page is laid out left to right (".as a sample").
    if lang == site.lang:
        return ""
    return f' lang="{h(lang)}" dir="{text_dir(site, lang)}"'


def text_dir(site: LanguageSite, lang: str) -> str:
    """The writing direction of `lang`: "rtl" or "ltr"."""
    language = site.taxonomy.languages.get(lang)
    return "rtl" if language is not None and language.rtl else "ltr"


def in_language(site: LanguageSite, lang: str, text: str) -> str:
    """`text` escaped, in a span marked with `lang` when that is not the page's language."""
    marks = lang_attrs(site, lang)
    return f"<span{marks}>{h(text)}</span>" if marks else h(text)


def local_text(site: LanguageSite, text: LocalText, original: str) -> tuple[str, str]:
    """(text, its language) of a multilingual value: the site's language, else `original`."""
    for lang in (site.lang, original):
        if text.values.get(lang):
            return text.values[lang], lang
    lang, value = next(iter(text.values.items()))
    return value, lang


def isolated(text: str) -> str:
    """Contributor text of unknown language, isolated so that its direction is its own."""
    return f"<bdi>{h(text)}</bdi>"


def narrative_lang(case: CaseStudy, lang: str) -> str:
    """The language a case is shown in on a `lang` page: `lang`, else the first of its fallback
    languages the case is written in, else the case's original language."""
    language = languages().get(lang)
    for candidate in (lang, *(language.fallbacks if language else ())):
        if candidate in case.narratives:
            return candidate
    return case.original_language


# Urdu's alphabetical order, which Unicode's order of Arabic letters does not follow (the letters
# Urdu adds, such as ٹ ڈ ڑ ک گ ہ ی ے, are encoded after the Arabic ones).
_URDU_ORDER = {letter: index for index, letter in enumerate("آاأبپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوؤہۂھءیئے")}


def sort_key(text: str, lang: str) -> tuple[tuple[int, ...], str]:
    """A deterministic alphabetical key for a label in `lang` (no collation library needed)."""
    # Unicode encodes each Indic script's letters in their traditional order (vowels, then
    # consonants by place of articulation; vowel signs in the order of the vowels), so the
    # code points of the NFC, case-folded text sort like a dictionary does, near enough for a
    # list of names. Urdu needs its own table; the text itself breaks ties.
    folded = nfc(text).casefold()
    if lang == "ur":
        # Spaces first, as in every other language ("اتر پردیش" before "اتراکھنڈ").
        return tuple(-1 if c == " " else _URDU_ORDER.get(c, 100 + ord(c)) for c in folded), folded
    return tuple(ord(c) for c in folded), folded


def note_language(case: CaseStudy, lang: str) -> str | None:
    """The language of the teaching note shown on a `lang` page: `lang`, else a fallback
    language of it, else the note's original (the one not translated), else None: no note."""
    notes = case.teaching_notes
    for candidate in reading_order(lang):
        if candidate in notes:
            return candidate
    originals = [code for code, note in sorted(notes.items()) if not note.translated_from]
    return next(iter(originals or sorted(notes)), None)


def fallback_notice(site: LanguageSite, shown: str, extra_html: str = "") -> str:
    """The notice of a page shown in `shown`, a language its readers read, instead of the site's."""
    language, fallback = site.language_name(site.lang), site.language_name(shown)
    message = h(site.t("fallback_notice", language=language, fallback=fallback))
    more = f" {extra_html}" if extra_html else ""
    return f'<div class="admonition note agk-fallback"><p>{message}{more}</p></div>'


def note_md(case_id: str) -> str:
    """The path of a case's teaching-note page (for trainers)."""
    return f"cases/{case_id}/teaching-note.md"


def narrative_brf(case_id: str, lang: str) -> str:
    """The path of the Braille-ready file of a case's `lang` narrative."""
    return f"cases/{case_id}/{case_id}.{lang}.brf"


def note_brf(case_id: str, lang: str) -> str:
    """The path of the Braille-ready file of a case's `lang` teaching note."""
    return f"cases/{case_id}/{case_id}.teaching-note.{lang}.brf"


def case_zip(case_id: str, lang: str) -> str:
    """The path of the zip of a case page for offline reading (publish/case_downloads)."""
    return f"cases/{case_id}/{case_id}.{lang}.zip"


def title_of(case: CaseStudy, lang: str) -> str:
    """The case title in the language it is shown in on a `lang` page (narrative_lang)."""
    return case.narratives[narrative_lang(case, lang)].title


def summary_of(case: CaseStudy, lang: str) -> tuple[str, str]:
    """(summary, language it is in) as shown on a `lang` page (narrative_lang)."""
    narrative = case.narratives[narrative_lang(case, lang)]
    return narrative.summary, narrative.lang


def media_url(path: str) -> str:
    """A case-folder path as a relative web address: each segment percent-encoded, `/` kept."""
    # A file name may hold `#`, `?`, `%`, spaces or Indic letters; unquoted, a browser reads
    # the first three as a fragment, a query or an escape, and the file is not found.
    return "/".join(quote(segment, safe="") for segment in path.split("/"))


def tag_slug(tag: str) -> str:
    """The file name of a tag's page under tags/: one per tag, the same in every build."""
    name = slug(tag)
    # Most tags are words joined by single spaces, and their slug reads back as the tag: they
    # keep their address. Every other spelling ("a-b", "...", "index", capitals) gets a hash of
    # the exact tag after "--", which no plain slug contains, so no two tags share a page and
    # none replaces tags/index.md.
    if name.replace("-", " ") == tag and name not in RESERVED_TAGS:
        return name
    digest = hashlib.sha256(tag.encode("utf-8", "surrogatepass")).hexdigest()
    return f"{name}--{digest[:8]}"
