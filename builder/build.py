"""`agk build`: the pipeline from case folders to the site, top to bottom."""

from __future__ import annotations

import sys
from pathlib import Path

from builder import render, site
from builder.errors import UsageError
from builder.model import CaseStudy
from builder.project import Project
from builder.report import render as render_report
from builder.validate import validate


def _languages(cases: list[CaseStudy], requested: str | None, known: set[str]) -> list[str]:
    present = sorted({lang for case in cases for lang in case.narratives})
    if requested is None:
        return present
    wanted = [code.strip() for code in requested.split(",") if code.strip()]
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise UsageError(f"unknown language(s): {', '.join(unknown)}")
    return wanted


def run(project: Project, out: Path, requested_langs: str | None, strict: bool) -> int:
    """Validate, model, render and build every language; the old site stays on failure."""
    validation = validate(project, models=True)
    if validation.diagnostics:
        print(render_report(validation.diagnostics, validation.checked, "text"), file=sys.stderr)
    if validation.failed(strict):
        print("agk: build stopped; the previous site is unchanged", file=sys.stderr)
        return 1
    taxonomy = validation.taxonomy
    cases = list(validation.cases)
    langs = _languages(cases, requested_langs, set(taxonomy.languages))
    out = out if out.is_absolute() else project.root / out
    work = project.root / "build"
    jobs = []
    for lang in langs:
        print(f"agk: rendering {lang}", file=sys.stderr)
        media = {
            f"cases/{case.id}/{rel}": case_dir / rel
            for case in cases
            if lang in case.narratives
            for case_dir in [project.case_dir / case.id]
            for rel in case.media
        }
        pages = render.language_pages(cases, lang, taxonomy)
        jobs.append(site.LanguageBuild(lang, project.mkdocs_yml, work / lang, pages, media))
    names = {lang: taxonomy.languages[lang].native_name for lang in langs}
    print(f"agk: building {len(jobs)} language site(s) with MkDocs", file=sys.stderr)
    results = site.build_sites(jobs, names, out, strict=strict)
    failed = False
    for result in results:
        for warning in result.warnings:
            print(f"agk: mkdocs ({result.lang}): warning: {warning}", file=sys.stderr)
        if result.error:
            print(f"agk: mkdocs ({result.lang}): {result.error}", file=sys.stderr)
            failed = True
    if failed or (strict and any(r.warnings for r in results)):
        print("agk: build failed; the previous site is unchanged", file=sys.stderr)
        return 1
    counts = f"{len(cases)} case studies, {len(langs)} languages"
    print(f"agk: site written to {project.display(out)}/ ({counts})")
    return 0
