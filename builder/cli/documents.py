"""`agk import` and `agk export --format docx`: Word and OpenDocument files in and out."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from builder.diagnostics.codes import CATALOGUE
from builder.diagnostics.diagnostic import Diagnostic, Severity
from builder.diagnostics.formats import text_line
from builder.errors import UsageError
from builder.model.aliases import load_vocabularies
from builder.model.taxonomy import Taxonomy
from builder.office.case_folder import write_case
from builder.office.case_from_document import ImportOptions, case_from_document
from builder.office.case_to_document import case_document, read_case, template
from builder.office.document import Finding
from builder.office.docx_writer import write_docx
from builder.office.package import UnreadableDocument
from builder.office.reading import read_document
from builder.project import Project
from builder.validate.validation import validate


def load_taxonomy_with_names(project: Project) -> Taxonomy:
    """The taxonomies and every name of their values; a broken taxonomy is a usage error here."""
    taxonomy, problems = load_vocabularies(project.taxonomy_dir, project.display(project.taxonomy_dir))
    if problems:
        raise UsageError(f"the taxonomies are invalid; run agk validate ({problems[0].message})")
    return taxonomy


def finding_line(source: str, finding: Finding) -> str:
    """`FILE.docx: paragraph N: level CODE message (hint)`."""
    where = f"{source}: paragraph {finding.number}: " if finding.number else f"{source}: "
    hint = f" ({finding.hint})" if finding.hint else ""
    return f"{where}{CATALOGUE[finding.code].severity} {finding.code} {finding.message}{hint}"


def _languages(taxonomy: Taxonomy, lang: str | None) -> str | None:
    if lang is not None and lang not in taxonomy.languages:
        raise UsageError(f"unknown language '{lang}'; use a code such as hi or en")
    return lang


def run_import(project: Project, args: argparse.Namespace) -> int:
    """Read the document, write the case folder, validate it; exit 0, 1 (problems) or 2."""
    taxonomy = load_taxonomy_with_names(project)
    lang = _languages(taxonomy, args.lang)
    if args.case_type is not None and args.case_type not in taxonomy.case_types:
        raise UsageError(f"unknown case type '{args.case_type}'; use one of {', '.join(taxonomy.case_types)}")
    if args.template is not None:
        return _write_template(taxonomy, args)
    if args.file is None:
        raise UsageError("agk import needs a .docx or .odt FILE (or --template LANG)")
    path: Path = args.file
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    source = path.name
    try:
        document = read_document(path.read_bytes())
    except UnreadableDocument as error:
        print(finding_line(source, Finding(0, "AGK601", error.message, error.hint)))
        print(f"{source}: nothing was written")
        return 1
    options = ImportOptions(args.case_id, lang, args.case_type, path.stem)
    case = case_from_document(document, taxonomy, options)
    for finding in case.findings:
        print(finding_line(source, finding))
    if case.case_id is None:
        raise UsageError("the document gives no folder name: add --id, e.g. --id up-school-meals")
    case_dir = args.output or project.case_dir
    folder, lines = write_case(case_dir, case, source, replace=args.replace)
    print(
        f"Wrote {project.display(folder)}/ (case.yaml, {case.lang}.md" + (", media/)" if case.media else ")")
    )
    skip_lines = _reported_lines(lines, case.reported)

    def reported(d: Diagnostic) -> bool:
        """Whether the import already reported the problem validation found."""
        if d.path.endswith("/case.yaml"):
            return d.line in skip_lines or (d.code == "AGK104" and "metadata" in case.reported)
        if d.code == "AGK107" and d.message.startswith("title:"):
            return "title" in case.reported
        return d.code == "AGK302" and any(f"heading '{h}'" in d.message for h in case.unsectioned)

    severities = [CATALOGUE[f.code].severity for f in case.findings]
    severities += [d.severity for d in _validate(project, folder, reported)]
    errors = severities.count(Severity.ERROR)
    print(
        f"{errors} error(s), {len(severities) - errors} warning(s) in {source} and {project.display(folder)}/"
    )
    return 1 if errors else 0


def _reported_lines(lines: dict[str, int], reported: frozenset[str]) -> set[int]:
    """The case.yaml lines of keys whose values the import already reported."""
    starts = [*sorted(lines.values()), 10**9]
    found: set[int] = set()
    for key in reported:
        if key in lines:
            start = lines[key]
            found |= set(range(start, starts[starts.index(start) + 1]))
    return found


def _validate(project: Project, folder: Path, reported: Callable[[Diagnostic], bool]) -> list[Diagnostic]:
    """Validate the new folder (when in the project); print and return what the import did not report."""
    if not folder.resolve().is_relative_to(project.case_dir.resolve()):
        print(
            f"Not validated: {folder} is outside {project.display(project.case_dir)}; run agk validate there"
        )
        return []
    shown = [d for d in validate(project, [folder]).diagnostics if not reported(d)]
    for diagnostic in shown:
        print(text_line(diagnostic))
    return shown


def _write_template(taxonomy: Taxonomy, args: argparse.Namespace) -> int:
    lang = _languages(taxonomy, args.template)
    assert lang is not None
    case_type = args.case_type or "lesson-drawing"
    output: Path = args.output or Path(f"agk-{case_type}.{lang}.docx")
    if output.is_dir():
        output = output / f"agk-{case_type}.{lang}.docx"
    output.write_bytes(
        write_docx(template(taxonomy, lang, case_type), lang=lang, rtl=taxonomy.languages[lang].rtl)
    )
    print(f"Wrote {output}: the {case_type} template in {taxonomy.languages[lang].english_name}")
    return 0


def run_export_docx(project: Project, case_id: str | None, lang: str | None, output: Path | None) -> int:
    """Write one case as a Word file in the template's shape."""
    if not case_id:
        raise UsageError(
            "agk export --format docx needs a CASE id, e.g. agk export --format docx up-school-meals"
        )
    folder = project.case_dir / case_id
    if not (folder / "case.yaml").is_file():
        raise UsageError(f"no case study '{case_id}' in {project.display(project.case_dir)}")
    taxonomy = load_taxonomy_with_names(project)
    lang = _languages(taxonomy, lang)
    try:
        case = read_case(folder, lang)
    except (OSError, UnicodeDecodeError):
        raise UsageError(
            f"{case_id} has no readable narrative in '{lang or 'its original language'}'"
        ) from None
    target = output or Path(f"{case_id}.{case.lang}.docx")
    data = write_docx(case_document(taxonomy, case), lang=case.lang, rtl=taxonomy.languages[case.lang].rtl)
    target.write_bytes(data)
    print(f"Wrote {target}; edit it in Word, then: agk import {target.name} --id {case_id} --replace")
    return 0
