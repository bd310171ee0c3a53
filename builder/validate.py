"""Validate stage: load the chosen case folders and run every rule, collecting all problems."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from builder.catalogue import problem
from builder.checks import (
    collection,
    consistency,
    layout,
    markup,
    media,
    narrative,
    privacy,
    vocabulary,
)
from builder.checks.case_view import CaseView, prepare
from builder.diagnostics import Diagnostic, Severity
from builder.loader import CaseSource, discover_case_folders, load_case
from builder.project import Project
from builder.taxonomy import Taxonomy, load_taxonomy

CASE_CHECKS: tuple[Callable[[CaseView], Iterable[Diagnostic]], ...] = (
    layout.check,
    vocabulary.check,
    consistency.check,
    narrative.check,
    markup.check,
    media.check,
    privacy.check,
)


@dataclass(frozen=True)
class Validation:
    """The outcome of validating: every case view and every diagnostic, sorted."""

    taxonomy: Taxonomy
    views: tuple[CaseView, ...]
    diagnostics: tuple[Diagnostic, ...]

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def failed(self, strict: bool) -> bool:
        """Errors fail; warnings fail too under --strict."""
        return self.count(Severity.ERROR) > 0 or (strict and self.count(Severity.WARNING) > 0)


def check_case(source: CaseSource, taxonomy: Taxonomy) -> tuple[CaseView, list[Diagnostic]]:
    """Run every per-case rule on one loaded case."""
    view, found = prepare(source, taxonomy)
    found = [*source.problems, *found]
    for rule in CASE_CHECKS:
        found.extend(rule(view))
    return view, found


def select_case_folders(
    project: Project, paths: Sequence[Path]
) -> tuple[list[Path], list[Diagnostic]]:
    """Map the paths given on the command line to case folders (all cases when none given)."""
    if not paths:
        return discover_case_folders(project), []
    case_dir = project.case_dir.absolute()
    folders: set[Path] = set()
    problems: list[Diagnostic] = []
    for path in paths:
        absolute = path.absolute()
        if absolute == case_dir:
            folders.update(discover_case_folders(project))
            continue
        try:
            first = absolute.relative_to(case_dir).parts[0]
        except ValueError:
            problems.append(
                problem("AGK009", project.display(absolute), 1, 1, "not inside case_studies/")
            )
            continue
        if not first.startswith(("_", ".")):
            folders.add(case_dir / first)
    return sorted(folders), problems


def validate(project: Project, paths: Sequence[Path] = ()) -> Validation:
    """Validate the case folders named by `paths` (all when empty)."""
    taxonomy, found = load_taxonomy(project.taxonomy_dir, project.display(project.taxonomy_dir))
    folders, selection_problems = select_case_folders(project, paths)
    found += selection_problems
    views: list[CaseView] = []
    for folder in folders:
        view, problems = check_case(load_case(folder, project), taxonomy)
        views.append(view)
        found += problems
    all_ids = frozenset(folder.name for folder in discover_case_folders(project))
    found += collection.check_collection(views, all_ids)
    return Validation(taxonomy, tuple(views), tuple(sorted(set(found))))
