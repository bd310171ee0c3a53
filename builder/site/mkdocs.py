"""One language site as a generated MkDocs project, and its MkDocs build.

A docs tree plus an mkdocs.yml that INHERITs the root one, our theme overrides and the search
documents; `build_language` runs MkDocs on it (in a worker process, see builder.site.workers).
Pages arrive rendered and sanitised by our own stages: nothing here or in the theme makes
contributor content safe except escaping in templates.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from builder.model import taxonomy
from builder.site import fonts
from search_index.browser.export import write_static_index
from search_index.documents import SearchDocument

THEME_DIR = Path(__file__).resolve().parent / "theme"
# GIGW: every page links to its Hindi and English versions in the header.
VERSION_LANGUAGES = ("hi", "en")
# Babel locale of a language's dates where the plain code reads wrong ("December 2, 2026").
# Indian English dates ("1 March 2025"); other languages use their own CLDR locale (Language.locale).
DATE_LOCALES = {"en": "en_IN"}
TEACHING_NOTES = ("trainers", "omit")


@dataclass(frozen=True)
class SiteOwner:
    """Who owns and runs the site (GIGW), from `extra.owner` of the root mkdocs.yml."""

    # The owner's name by language; English stands in for a language without one.
    names: Mapping[str, str] = dataclasses.field(default_factory=dict)
    email: str = ""
    phone: str = ""

    def name(self, lang: str) -> str:
        """The owner's name in `lang`, else in English, else any."""
        return self.names.get(lang) or self.names.get("en") or next(iter(self.names.values()), "")


@dataclass(frozen=True)
class LanguageBuild:
    """Everything one language build needs: plain data, so it can cross process borders."""

    lang: str
    root_config: Path
    work_dir: Path
    pages: Mapping[str, str]
    media: Mapping[str, Path]
    nav: tuple[str, ...]
    languages: tuple[tuple[str, str], ...]
    site_url: str
    site_name: str
    # Browser search: the documents of this site, facet value names, UI strings.
    search_documents: tuple[SearchDocument, ...] = ()
    facet_labels: Mapping[str, Mapping[str, str]] = dataclasses.field(default_factory=dict)
    facet_names: Mapping[str, Mapping[str, Sequence[str]]] = dataclasses.field(default_factory=dict)
    search_strings: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # Header and footer: UI strings, the site's owner, the date of the sources (ISO) and the
    # own date of pages that have one (case pages), by page path.
    ui_strings: Mapping[str, str] = dataclasses.field(default_factory=dict)
    owner: SiteOwner = SiteOwner()
    source_date: str = "1970-01-01"
    page_dates: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # Files made by our stages, copied as they are (Braille-ready files), by page path.
    files: Mapping[str, bytes] = dataclasses.field(default_factory=dict)


SEARCH_FILE = "search-documents.json"
# Material's lunr search is replaced by ours (search_index.browser): none of its files ship.
LUNR_FILES = ("assets/javascripts/lunr", "assets/javascripts/workers")


@dataclass(frozen=True)
class LanguageResult:
    lang: str
    warnings: tuple[str, ...]
    error: str | None


def _root_settings(root_config: Path) -> dict[str, Any]:
    """The root mkdocs.yml as data (read with MkDocs' loader: it has !!python tags)."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with root_config.open(encoding="utf-8") as stream:
            config = yaml_load(stream)
    except Exception as error:  # MkDocs raises its own and YAML's errors for an unreadable file
        raise SiteError(f"{root_config.name}: {error}") from None
    return config if isinstance(config, dict) else {}


def published_url(root_config: Path) -> str:
    """`site_url` of the root mkdocs.yml."""
    return str(_root_settings(root_config).get("site_url") or "")


def site_owner(root_config: Path) -> SiteOwner:
    """`extra.owner` of the root mkdocs.yml: `name` (one text or one per language), `email`, `phone`."""
    extra = _root_settings(root_config).get("extra")
    owner = extra.get("owner") if isinstance(extra, dict) else None
    if owner is None:
        return SiteOwner()
    if not isinstance(owner, dict):
        raise SiteError(f"{root_config.name}: extra.owner must be a mapping (name, email, phone)")
    name = owner.get("name") or ""
    names = {str(k): str(v) for k, v in name.items()} if isinstance(name, dict) else {"en": str(name)}
    return SiteOwner(names, str(owner.get("email") or ""), str(owner.get("phone") or ""))


@dataclass(frozen=True)
class BuildOptions:
    """What the root mkdocs.yml's `extra` says to build besides the pages."""

    # "trainers": teaching notes on pages of their own, for trainers; "omit": none at all.
    teaching_notes: str = "trainers"
    # A zip of each case page, in each language it is written in, for offline reading.
    case_downloads: bool = True


def build_options(root_config: Path) -> BuildOptions:
    """`extra.teaching_notes` and `extra.case_downloads` of the root mkdocs.yml."""
    extra = _root_settings(root_config).get("extra")
    extra = extra if isinstance(extra, dict) else {}
    notes = extra.get("teaching_notes", "trainers")
    if notes not in TEACHING_NOTES:
        raise SiteError(
            f"{root_config.name}: extra.teaching_notes must be one of {', '.join(TEACHING_NOTES)}"
        )
    downloads = extra.get("case_downloads", True)
    if not isinstance(downloads, bool):
        raise SiteError(f"{root_config.name}: extra.case_downloads must be true or false")
    return BuildOptions(notes, downloads)


@cache
def shown_date(iso: str, lang: str) -> str:
    """An ISO date as readers of `lang` write it ("2 दिसंबर 2026")."""
    from babel.dates import format_date

    known = taxonomy.languages().get(lang)
    locale = DATE_LOCALES.get(lang) or (known.locale if known else lang)
    return format_date(dt.date.fromisoformat(iso), "long", locale=locale)


def _footer(job: LanguageBuild) -> dict[str, Any]:
    """What partials/footer.html and 404.html show, as plain values in the page's language."""
    s = job.ui_strings
    owner = job.owner.name(job.lang)
    links = [("accessibility.md", s.get("accessibility", "")), ("about.md", s.get("about", "")),
             ("contribute.md", s.get("contribute", ""))]  # fmt: skip
    return {
        "updated_label": s.get("last_updated", ""),
        "updated": [job.source_date, shown_date(job.source_date, job.lang)],
        "owner": s.get("owner_line", "{owner}").format(owner=owner) if owner else "",
        "contact_label": s.get("contact", ""),
        "email": job.owner.email,
        "phone": job.owner.phone,
        "licence": s.get("licence_line", ""),
        "links": [{"path": _html(path), "title": title} for path, title in links if path in job.pages],
        "not_found": s.get("not_found", ""),
        "not_found_text": s.get("not_found_text", ""),
        "home": s.get("home", ""),
        "search": s.get("search_placeholder", ""),
    }


def _html(md_path: str) -> str:
    """The address MkDocs gives a page (use_directory_urls: false)."""
    return md_path.removesuffix(".md") + ".html"


def _with_date(text: str, iso: str, lang: str) -> str:
    """The page with its last-updated date in its front matter (read by partials/footer.html)."""
    line = f"agk_updated: {json.dumps([iso, shown_date(iso, lang)], ensure_ascii=False)}\n"
    if text.startswith("---\n"):
        return "---\n" + line + text[4:]
    return "---\n" + line + "---\n\n" + text


def _material_languages() -> set[str]:
    from material import templates

    folder = Path(templates.__file__).parent / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")}


# Material's interface words that our pages show, and the UI string of ours that says each.
MATERIAL_WORDS = {
    "action.skip": "material_skip", "header": "material_header", "footer": "material_footer",
    "nav": "material_nav", "toc": "material_toc", "top": "material_top",
    "footer.next": "material_next", "footer.previous": "material_previous",
    "clipboard.copy": "material_copy", "clipboard.copied": "material_copied",
    "select.language": "material_select_language",
}  # fmt: skip


def _write_theme(target: Path, job: LanguageBuild, rtl: bool) -> None:
    """Our overrides, the fonts, and Material's partial for a language Material has not translated:
    its English one with our translations of the words our pages show."""
    shutil.copytree(THEME_DIR, target)
    fonts.write_site_fonts(target / fonts.SITE_FOLDER)  # main.html links their stylesheet
    partial = target / "partials" / "languages" / f"{job.lang}.html"
    if partial.exists() or job.lang in _material_languages():
        return
    from material import templates

    text = (Path(templates.__file__).parent / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    words = {"language": job.lang, "direction": "rtl" if rtl else "ltr"}
    words |= {key: job.ui_strings[ours] for key, ours in MATERIAL_WORDS.items() if job.ui_strings.get(ours)}
    for key, word in words.items():
        text = re.sub(rf'^(  "{re.escape(key)}": )".*?"(,?)$', _entry(word), text, flags=re.M)
    partial.write_text(text, encoding="utf-8")


def _entry(word: str) -> Callable[[re.Match[str]], str]:
    """The replacement of a line of Material's language partial: its value is `word` (JSON)."""
    return lambda match: match.group(1) + json.dumps(word, ensure_ascii=False) + match.group(2)


def _directions(languages: tuple[tuple[str, str], ...]) -> list[tuple[str, str, str, str]]:
    """(code, native name, English name, direction) of each language."""
    # The English name too: the language menu is filtered by either name (partials/alternate.html).
    known = taxonomy.languages()
    return [
        (code, name, known[code].english_name, "rtl" if known[code].rtl else "ltr") if code in known
        else (code, name, code, "ltr")
        for code, name in languages
    ]  # fmt: skip


# UI strings of the language menu (partials/alternate.html).
MENU_STRINGS = ("choose_language", "find_language", "current_language")


def _config(job: LanguageBuild, site_dir: Path) -> str:
    languages = [{"lang": c, "name": n, "english": e, "dir": d} for c, n, e, d in _directions(job.languages)]
    config: dict[str, Any] = {
        "INHERIT": os.path.relpath(job.root_config, job.work_dir),
        "site_name": job.site_name,
        "docs_dir": "docs",
        "site_dir": os.path.relpath(site_dir, job.work_dir),
        "theme": {"language": job.lang, "custom_dir": "theme"},
        "nav": list(job.nav),
        # Listing and case pages are reached from the listings, never from the nav: every page
        # embeds the nav, so one that listed every case would grow the site quadratically.
        "not_in_nav": "/cases/\n/sectors/\n/states/\n/sdgs/\n/tags/\n/contribute/\n/reference/\n/search.md\n",
        "extra": {
            "alternate": True,
            "agk": {
                "lang": job.lang,
                "languages": languages,
                "versions": [alt for code in VERSION_LANGUAGES for alt in languages if alt["lang"] == code],
                "search": {"strings": dict(job.search_strings)},
                "strings": {key: job.ui_strings.get(key, "") for key in MENU_STRINGS},
                "permalink_title": job.ui_strings.get("permalink", ""),
                "footer": _footer(job),
            },
        },
    }
    if job.site_url:
        config["site_url"] = f"{job.site_url.rstrip('/')}/{job.lang}/"
    # JSON is YAML; generated, so nobody edits it.
    return (
        "# Generated by agk build from the root mkdocs.yml; do not edit.\n"
        + json.dumps(config, indent=2, ensure_ascii=False)
        + "\n"
    )


def write_tree(job: LanguageBuild, site_dir: Path, rtl: bool) -> Path:
    """Write the generated docs tree, theme and mkdocs.yml of one language."""
    if job.work_dir.exists():
        shutil.rmtree(job.work_dir)
    docs = job.work_dir / "docs"
    for rel, text in sorted(job.pages.items()):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        dated = _with_date(text, job.page_dates.get(rel, job.source_date), job.lang)
        target.write_text(dated, encoding="utf-8")
    for rel, source in sorted(job.media.items()):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for rel, data in sorted(job.files.items()):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    _write_theme(job.work_dir / "theme", job, rtl)
    search = {
        "documents": [dataclasses.asdict(document) for document in job.search_documents],
        "facet_labels": job.facet_labels,
        "facet_names": job.facet_names,
    }
    (job.work_dir / SEARCH_FILE).write_text(json.dumps(search, ensure_ascii=False), encoding="utf-8")
    config = job.work_dir / "mkdocs.yml"
    config.write_text(_config(job, site_dir), encoding="utf-8")
    return config


def _write_search(config_path: Path, site_dir: Path) -> None:
    """Replace Material's lunr files with our browser index of the site's documents."""
    for rel in LUNR_FILES:
        shutil.rmtree(site_dir / rel, ignore_errors=True)
    search = json.loads((config_path.parent / SEARCH_FILE).read_text(encoding="utf-8"))
    documents = [
        SearchDocument(
            **{
                **raw,
                "facets": {k: tuple(v) for k, v in raw["facets"].items()},
                "labels": tuple(raw["labels"]),
            }
        )
        for raw in search["documents"]
    ]
    write_static_index(documents, site_dir / "search", search["facet_labels"], search["facet_names"])


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_language(lang: str, config_path: Path) -> LanguageResult:
    """Run one MkDocs build; its warnings are returned and failures reported, not raised."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(config_path))
        # Heading anchors of Markdown pages are titled in the site's language (our renderer
        # does the same for narratives): the toc extension takes one title per build.
        title = config.extra.get("agk", {}).get("permalink_title")
        if title:
            config.mdx_configs.setdefault("toc", {})["permalink_title"] = title
        build(config)
        _write_search(config_path, Path(config.site_dir))
    except Exception as error:
        # Whatever MkDocs, Markdown or a hook raise on some page fails this language, not agk.
        return LanguageResult(lang, tuple(collector.messages), f"{type(error).__name__}: {error}")
    finally:
        logger.removeHandler(collector)
    return LanguageResult(lang, tuple(collector.messages), None)


class SiteError(Exception):
    """The site could not be written (a file-system problem); the previous site is unchanged."""
