"""`agk build`: the pipeline from case folders to the site, top to bottom.

validate (+ model) → render every language → MkDocs per language (parallel) → root files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from builder.braille import liblouis
from builder.diagnostics.formats import render as render_report
from builder.errors import UsageError
from builder.model.case import CaseStudy
from builder.model.taxonomy import Taxonomy
from builder.office.site_templates import site_templates
from builder.project import Project
from builder.render import site_pages
from builder.render.braille_files import BrailleFiles, site_braille
from builder.render.pages.common import LanguageSite, case_md
from builder.render.root_files import root_files
from builder.render.search_documents import facet_labels, site_documents
from builder.render.strings import Strings, available_languages
from builder.site import mkdocs, staging
from builder.validate.validation import Validation, validate
from search_index.similarity.related_cases import TermProfile, related_by_profiles

RELATED = 5
# Adds files to a built site (its folder, the cases in it, the published address) before the
# site is put in place.
Finish = Callable[[Path, tuple[CaseStudy, ...], str], None]
# UI strings the search box and results page need (facet legends included).
SEARCH_STRINGS = ("search", "search_placeholder", "search_label", "search_results", "search_one_result",
                  "search_none", "search_all_results", "search_more", "search_loading", "search_failed",
                  "search_hint", "search_filters", "search_any", "sector", "state", "level", "type", "year",
                  "sdg", "languages", "teaching_note")  # fmt: skip
# The reader's menu. Contributor pages (contribute/, reference/ with the error codes) are
# reached from the Contribute page.
NAV = ("index.md", "catalogue.md", "sectors/index.md", "states/index.md", "sdgs/index.md",
       "tags/index.md", "map.md", "translations.md", "about.md", "contribute.md",
       "accessibility.md")  # fmt: skip
# UI strings of the header, the footer and the 404 page (builder/site/theme/).
UI_STRINGS = ("choose_language", "licence_line", "owner_line", "contact", "last_updated", "accessibility",
              "about", "contribute", "not_found", "not_found_text", "home", "search_placeholder",
              "permalink", "find_language", "current_language", "material_skip", "material_header",
              "material_footer", "material_nav", "material_toc", "material_top", "material_next",
              "material_previous", "material_copy", "material_copied",
              "material_select_language")  # fmt: skip


def _progress(message: str) -> None:
    print(f"agk: {message}", file=sys.stderr, flush=True)


def parse_languages(cases: list[CaseStudy], requested: str | None, taxonomy: Taxonomy) -> list[str]:
    present = sorted({lang for case in cases for lang in case.narratives})
    if requested is None:
        return present
    wanted = [code.strip() for code in requested.split(",") if code.strip()]
    unknown = [code for code in wanted if code not in taxonomy.languages]
    if unknown:
        raise UsageError(f"unknown language(s): {', '.join(unknown)}")
    return wanted


def related_cases(
    cases: tuple[CaseStudy, ...], profiles: tuple[TermProfile, ...]
) -> dict[str, tuple[str, ...]]:
    """Editors' `related` first, then the most similar texts, five in all."""
    similar = related_by_profiles(profiles, limit=RELATED)
    return {
        case.id: tuple(dict.fromkeys((*case.related, *similar.get(case.id, ()))))[:RELATED] for case in cases
    }


def build_date() -> dt.date:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.datetime.now(tz=dt.UTC).date()


def source_date(root: Path) -> dt.date:
    """The date of the sources: SOURCE_DATE_EPOCH, else the last commit, else today."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return build_date()
    try:
        # The commit date, not today's: two builds of one checkout write the same pages.
        stamp = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:  # no git on this machine
        stamp = ""
    return dt.datetime.fromtimestamp(int(stamp), tz=dt.UTC).date() if stamp.isdigit() else build_date()


def case_dates(cases: tuple[CaseStudy, ...]) -> dict[str, str]:
    """The page path and own date (updated, else published) of every case that has one, ISO."""
    dated = ((case.id, case.updated or case.published) for case in cases)
    return {case_md(case_id): when.isoformat() for case_id, when in dated if when}


def language_job(
    project: Project,
    language_site: LanguageSite,
    languages: tuple[tuple[str, str], ...],
    owner: mkdocs.SiteOwner | None = None,
    sources: dt.date | None = None,
    files: Mapping[str, bytes] | None = None,
) -> mkdocs.LanguageBuild:
    """Render one language: generated pages, hand-written docs, media of every case."""
    pages = {
        **site_pages.docs_pages(project.docs_dir, language_site),
        **site_pages.language_pages(language_site),
    }
    media = {
        f"cases/{case.id}/{rel}": project.case_dir / case.id / rel
        for case in language_site.cases
        for rel in case.media
    }
    nav = tuple(path for path in NAV if path in pages)
    documents = site_documents(language_site)
    return mkdocs.LanguageBuild(
        language_site.lang, project.mkdocs_yml, Path(language_site.lang),  # build_sites picks the folder
        pages, media, nav, languages, language_site.site_url, language_site.t("site_name"),
        search_documents=tuple(documents),
        facet_labels=facet_labels(language_site, documents),
        facet_names=language_site.taxonomy.names,
        search_strings={key: language_site.t(key) for key in SEARCH_STRINGS},
        ui_strings={key: language_site.t(key) for key in UI_STRINGS},
        owner=owner or mkdocs.SiteOwner(), source_date=(sources or build_date()).isoformat(),
        page_dates=case_dates(language_site.cases), files=dict(files or {}),
    )  # fmt: skip


def run(
    project: Project,
    out: Path,
    requested_langs: str | None,
    strict: bool,
    finish: Finish | None = None,
    *,
    clean: bool = False,
) -> int:
    """Validate, model, render and build every language; the old site stays on failure.

    `clean` ignores the results cached under `.agk/` (and rewrites them).
    """
    validation = validate_for_build(project, strict, cache=not clean)
    if validation is None:
        return 1
    cases = tuple(sorted(validation.cases, key=lambda c: c.id))
    langs = parse_languages(list(cases), requested_langs, validation.taxonomy)
    return build_site(project, validation, langs, out, strict=strict, finish=finish)


def permalink_titles() -> dict[str, str]:
    """The title of heading anchors in each language: narratives get theirs, like the site around them."""
    return {lang: Strings(lang)("permalink") for lang in available_languages()}


def validate_for_build(project: Project, strict: bool, cache: bool = True) -> Validation | None:
    """Validate and model every case, reporting problems; None when the build must stop."""
    _progress("validating")
    validation = validate(project, models=True, permalink_titles=permalink_titles(), cache=cache)
    if validation.diagnostics:
        print(render_report(validation.diagnostics, validation.checked, "text"), file=sys.stderr)
    if validation.failed(strict):
        _progress("build stopped; the previous site is unchanged")
        return None
    return validation


def language_jobs(
    project: Project,
    validation: Validation,
    langs: list[str],
    site_url: str,
    selected: frozenset[str] | None = None,
    options: mkdocs.BuildOptions | None = None,
) -> tuple[tuple[CaseStudy, ...], list[mkdocs.LanguageBuild]]:
    """The `selected` cases (all when None) and the rendered MkDocs job of every language."""
    taxonomy = validation.taxonomy
    every = tuple(sorted(validation.cases, key=lambda c: c.id))
    options = options or mkdocs.BuildOptions()
    if options.teaching_notes == "omit":
        every = tuple(dataclasses.replace(case, teaching_notes={}) for case in every)
    cases = every if selected is None else tuple(c for c in every if c.id in selected)
    outside = {c.id: c for c in every if selected is not None and c.id not in selected}
    related = related_cases(every, validation.profiles)
    names = tuple((lang, taxonomy.languages[lang].native_name) for lang in langs)
    owner = mkdocs.site_owner(project.mkdocs_yml)
    sources = source_date(project.root)
    jobs = []
    braille = braille_available()
    untranslatable = 0
    for number, lang in enumerate(langs, start=1):
        _progress(f"rendering {lang} ({taxonomy.languages[lang].english_name}), {number}/{len(langs)}")
        language_site = LanguageSite(
            lang, taxonomy, cases, tuple(langs), site_url, related, outside, validation.rendered,
            case_downloads=options.case_downloads,
        )  # fmt: skip
        made = site_braille(language_site) if braille else BrailleFiles({}, {})
        untranslatable += sum(len(found) for found in made.untranslatable.values())
        language_site = dataclasses.replace(language_site, braille=frozenset(made.files))
        files = {**made.files, **site_templates(taxonomy, lang)}
        jobs.append(language_job(project, language_site, names, owner, sources, files))
    if untranslatable:
        _progress(
            f"braille: {untranslatable} characters have no Braille in their language's table; "
            "`agk validate --braille` lists them with their case and line"
        )
    return cases, jobs


def braille_available() -> bool:
    """True when liblouis is installed; otherwise says once that Braille files are left out."""
    try:
        liblouis.version()
    except liblouis.LiblouisMissing as missing:
        _progress(f"{missing}: building without Braille-ready files")
        return False
    return True


def build_site(
    project: Project,
    validation: Validation,
    langs: list[str],
    out: Path,
    *,
    strict: bool,
    selected: frozenset[str] | None = None,
    options: mkdocs.BuildOptions | None = None,
    finish: Finish | None = None,
) -> int:
    """Render and build the language sites of the `selected` cases (all when None) into `out`.

    Related cases are found among all cases; those left out link to the published site.
    `options` replace those of the root mkdocs.yml; `finish` adds files to the finished site
    (the case zips of publish/) before it replaces the old one.
    """
    taxonomy = validation.taxonomy
    try:
        site_url = mkdocs.published_url(project.mkdocs_yml)
        mkdocs.site_owner(project.mkdocs_yml)  # a malformed extra.owner stops here, not later
        options = options or mkdocs.build_options(project.mkdocs_yml)
    except mkdocs.SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    if finish is None:
        options = dataclasses.replace(options, case_downloads=False)
    cases, jobs = language_jobs(project, validation, langs, site_url, selected, options)
    pages = {job.lang: tuple(job.pages) for job in jobs}
    files = root_files(cases, langs, taxonomy, site_url, pages, build_date())
    _progress(f"building {len(jobs)} language site(s) with MkDocs")
    out = out if out.is_absolute() else project.root / out
    rtl = {lang: taxonomy.languages[lang].rtl for lang in langs}
    try:
        after = (lambda site: finish(site, cases, site_url)) if finish else None
        results = staging.build_sites(jobs, rtl, files, out, strict=strict, finish=after)
    except staging.OutputBusy:
        where = project.display(out)
        print(f"agk: another agk build is writing {where}/; try again when it has finished", file=sys.stderr)
        return 1
    except mkdocs.SiteError as error:
        print(f"error: {error}", file=sys.stderr)
        _progress("build failed; the previous site is unchanged")
        return 1
    failed = False
    for result in results:
        for warning in result.warnings:
            print(f"warning: mkdocs ({result.lang}): {warning}", file=sys.stderr)
        if result.error:
            print(f"error: mkdocs ({result.lang}): {result.error}", file=sys.stderr)
            failed = True
    if failed or (strict and any(r.warnings for r in results)):
        _progress("build failed; the previous site is unchanged")
        return 1
    counts = f"{len(cases)} case studies, {len(langs)} languages"
    print(
        f"agk: site written to {project.display(out)}/ ({counts})",
        file=sys.stderr if selected else sys.stdout,
    )
    return 0
