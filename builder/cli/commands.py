"""What each `agk` subcommand does, in terms of the pipeline stages."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from builder.braille import liblouis
from builder.cli import scaffold, search_report
from builder.cli.changes import changed_paths
from builder.diagnostics.formats import render
from builder.errors import UsageError
from builder.project import Project
from builder.validate import json_schema
from builder.validate.validation import validate as run_validation


def validate(
    project: Project,
    paths: Sequence[Path],
    output_format: str,
    strict: bool,
    base: str | None,
    braille: bool = False,
    *,
    cache: bool = True,
) -> int:
    """`agk validate`: print every problem; exit 1 on errors (or warnings when strict)."""
    if braille:
        try:
            liblouis.version()
        except liblouis.LiblouisMissing as absent:
            raise UsageError(f"--braille needs liblouis: {absent}") from None
    missing = [str(p) for p in paths if not p.exists() and not p.is_symlink()]
    if missing:
        raise UsageError(f"no such file or folder: {', '.join(missing)}")
    if base is not None:
        folders, taxonomy_changed = changed_paths(project, base)
        if not folders and not taxonomy_changed:
            print(render((), 0, output_format))
            return 0
        paths = [] if taxonomy_changed else folders
    result = run_validation(project, paths, braille=braille, cache=cache)
    print(render(result.diagnostics, result.checked, output_format))
    return 1 if result.failed(strict) else 0


def schema(project: Project) -> int:
    """`agk schema`: print the JSON Schema of case.yaml."""
    document, problems = json_schema.case_schema(project)
    if problems:
        print(render(problems, 0, "text"), file=sys.stderr)
        return 1
    print(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True))
    return 0


def new(project: Project, args: argparse.Namespace) -> int:
    """`agk new`: scaffold a case folder from flags, asking for what is missing."""
    return scaffold.run(project, args)


def build(project: Project, out: Path, langs: str | None, strict: bool, *, clean: bool = False) -> int:
    """`agk build`: validate, then build the site."""
    from builder import build as build_stage
    from builder.publish.case_downloads import write_case_zips

    return build_stage.run(project, out, langs, strict, finish=write_case_zips, clean=clean)


def bundle(project: Project, args: argparse.Namespace) -> int:
    """`agk bundle`: write an offline bundle."""
    from builder.publish import bundle as bundles

    if not args.lang:
        raise UsageError("agk bundle needs --lang (e.g. --lang hi,en)")
    selection = bundles.Selection(state=args.state, sector=args.sector, sdg=args.sdg)
    return bundles.bundle(project, args.lang, selection, args.output, notes=args.teaching_notes)


def verify_bundle(args: argparse.Namespace) -> int:
    """`agk bundle --verify`: check a bundle against its manifest; needs no project."""
    from builder.publish import bundle as bundles

    if args.lang or args.state or args.sector or args.sdg is not None or args.output:
        raise UsageError("--verify takes only the zip file to check")
    return bundles.verify(args.verify)


def export(project: Project, args: argparse.Namespace) -> int:
    """`agk export`: the open-data catalogue of every valid case study, or one case as Word."""
    from builder.cli import documents
    from builder.render.open_data import export as export_records

    output_format, output = args.format, args.output
    if output_format == "docx":
        return documents.run_export_docx(project, args.case, args.lang, output)
    if args.case or args.lang:
        raise UsageError("CASE and --lang go with --format docx")
    result = run_validation(project, models=True)
    if result.failed(strict=False):
        print(render(result.diagnostics, result.checked, "text"), file=sys.stderr)
        return 1
    text = export_records(result.cases, output_format)
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
    return 0


def import_document(project: Project, args: argparse.Namespace) -> int:
    """`agk import`: a Word or OpenDocument file becomes a case folder (or write a template)."""
    from builder.cli import documents

    return documents.run_import(project, args)


def serve(project: Project, langs: str | None, port: int) -> int:
    """`agk serve`: build, serve on 127.0.0.1 and rebuild when sources change."""
    from builder.cli import preview

    return preview.run(project, langs, port)


def search(
    project: Project, query: str, filters: dict[str, str], lang: str | None, limit: int, as_json: bool
) -> int:
    """`agk search`: refresh the index if case studies changed or it is damaged, then print ranked hits."""
    from builder.cli import local_index
    from search_index.errors import SearchIndexError
    from search_index.query.searching import search as run_search

    try:
        results = local_index.answer(
            project, lambda directory: run_search(directory, query, lang=lang, filters=filters, limit=limit)
        )
    except SearchIndexError as error:
        raise UsageError(str(error)) from None
    if as_json:
        print(json.dumps(results.as_dict(), ensure_ascii=False, sort_keys=True, indent=2))
        return 0
    print(search_report.text(results.as_dict(), query, sys.stdout.isatty()))
    return 0


def stats(project: Project, output_format: str) -> int:
    """`agk stats`: counts and translation coverage and staleness per language."""
    from builder.model import translation_status

    result = run_validation(project, models=True)
    languages = sorted({lang for case in result.cases for lang in case.narratives})
    rows = translation_status.status(result.cases, languages)
    if output_format == "json":
        print(translation_status.as_json(rows, len(result.cases)))
    else:
        print(translation_status.text(rows, len(result.cases)))
    if result.failed(strict=False):
        print(
            f"agk: {result.checked - len(result.cases)} case studies with errors are not counted",
            file=sys.stderr,
        )
        return 1
    return 0
