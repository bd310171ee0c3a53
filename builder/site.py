"""Site stage: the only module that talks to MkDocs (and MkDocs' hooks file).

One generated MkDocs project per language (a docs tree plus an mkdocs.yml that INHERITs the
root one) is built in parallel processes into a staging folder, which replaces the previous
site only when every language built. MkDocs loads this same file as its `hooks:` module to
sanitise the HTML of case pages, the pages that carry contributor Markdown.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import multiprocessing
import os
import shutil
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nh3

from search_index.documents import SearchDocument
from search_index.static import write_static_index

THEME_DIR = Path(__file__).resolve().parent / "theme"
# Tags and attributes that Markdown, our extensions and our case-page markup produce.
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt",
    "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id", "lang", "dir", "title"},
    "a": {"href", "hreflang", "download"},
    "img": {"src", "alt", "width", "height", "loading"},
    "th": {"align", "style"},
    "td": {"align", "style"},
    "ol": {"start"},
}


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
    search_strings: Mapping[str, str] = dataclasses.field(default_factory=dict)


SEARCH_FILE = "search-documents.json"
# Material's lunr search is replaced by ours (search_index.static): none of its files ship.
LUNR_FILES = ("assets/javascripts/lunr", "assets/javascripts/workers")


@dataclass(frozen=True)
class LanguageResult:
    lang: str
    warnings: tuple[str, ...]
    error: str | None


def sanitise(html: str) -> str:
    """Allow-list sanitising that keeps the ids and classes the theme and anchors need."""
    return str(nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                         url_schemes={"http", "https", "mailto"}, link_rel=None))  # fmt: skip


def on_page_content(html: str, page: Any, **_: Any) -> str:
    """MkDocs hook: case pages hold contributor Markdown, so their HTML is sanitised."""
    return sanitise(html) if page.file.src_uri.startswith("cases/") else html


def published_url(root_config: Path) -> str:
    """`site_url` of the root mkdocs.yml (read with MkDocs' loader: it has !!python tags)."""
    from mkdocs.utils.yaml import yaml_load

    with root_config.open(encoding="utf-8") as stream:
        config = yaml_load(stream)
    return str(config.get("site_url") or "") if isinstance(config, dict) else ""


def _material_languages() -> set[str]:
    from material import templates

    folder = Path(templates.__file__).parent / "partials" / "languages"
    return {p.stem for p in folder.glob("*.html")}


def _write_theme(target: Path, lang: str, rtl: bool) -> None:
    """Our overrides, plus an English-worded partial for a language nobody translated yet."""
    shutil.copytree(THEME_DIR, target)
    partial = target / "partials" / "languages" / f"{lang}.html"
    if not partial.exists() and lang not in _material_languages():
        from material import templates

        english = (Path(templates.__file__).parent / "partials" / "languages" / "en.html").read_text(
            encoding="utf-8"
        )
        direction = "rtl" if rtl else "ltr"
        partial.write_text(
            english.replace('"language": "en"', f'"language": "{lang}"').replace(
                '"direction": "ltr"', f'"direction": "{direction}"'
            ),
            encoding="utf-8",
        )


def _config(job: LanguageBuild, site_dir: Path) -> str:
    config: dict[str, Any] = {
        "INHERIT": os.path.relpath(job.root_config, job.work_dir),
        "site_name": job.site_name,
        "docs_dir": "docs",
        "site_dir": os.path.relpath(site_dir, job.work_dir),
        "theme": {"language": job.lang, "custom_dir": "theme"},
        "hooks": [str(Path(__file__).resolve())],
        "nav": list(job.nav),
        # Listing and case pages are reached from the listings, never from the nav (DESIGN §6).
        "not_in_nav": "/cases/\n/sectors/\n/states/\n/sdgs/\n/tags/\n/contribute/\n/search.md\n",
        "extra": {
            "alternate": True,
            "agk": {
                "lang": job.lang,
                "languages": [{"lang": c, "name": n} for c, n in job.languages],
                "search": {"strings": dict(job.search_strings)},
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
        target.write_text(text, encoding="utf-8")
    for rel, source in sorted(job.media.items()):
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    _write_theme(job.work_dir / "theme", job.lang, rtl)
    search = {
        "documents": [dataclasses.asdict(document) for document in job.search_documents],
        "facet_labels": job.facet_labels,
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
    write_static_index(documents, site_dir / "search", search["facet_labels"])


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_language(lang: str, config_path: Path) -> LanguageResult:
    """Run one MkDocs build; its warnings are returned and failures reported, not raised."""
    from jinja2 import TemplateError
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    collector = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    try:
        config = load_config(config_file=str(config_path))
        build(config)
        _write_search(config_path, Path(config.site_dir))
    except (MkDocsException, OSError, TemplateError) as error:
        return LanguageResult(lang, tuple(collector.messages), f"{type(error).__name__}: {error}")
    finally:
        logger.removeHandler(collector)
    return LanguageResult(lang, tuple(collector.messages), None)


def build_sites(
    jobs: list[LanguageBuild],
    rtl: Mapping[str, bool],
    root_files: Mapping[str, str],
    out: Path,
    *,
    strict: bool,
    workers: int = 2,
) -> list[LanguageResult]:
    """Build every language into a staging folder, add `root_files`, swap it into `out`.

    Nothing in `out` changes when a language fails (or warns, under `strict`).
    """
    staging = out.parent / f".{out.name}.building"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    # Trees are written here and workers are fresh interpreters given only a path: a forked
    # worker would carry every rendered page of every language in its memory.
    configs = [write_tree(job, staging / job.lang, rtl[job.lang]) for job in jobs]
    languages = [job.lang for job in jobs]
    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=max(1, min(workers, len(configs))), mp_context=spawn) as pool:
        results = list(pool.map(build_language, languages, configs))
    if any(result.error or (strict and result.warnings) for result in results):
        shutil.rmtree(staging, ignore_errors=True)
        return results
    for rel, text in sorted(root_files.items()):
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    previous = out.parent / f".{out.name}.previous"
    if previous.exists():
        shutil.rmtree(previous)
    if out.exists():
        out.rename(previous)
    staging.rename(out)
    if previous.exists():
        shutil.rmtree(previous)
    return results
