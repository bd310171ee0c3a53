"""Validate stage: load the chosen case folders and run every rule, collecting all problems."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from builder.braille.check import braille_problems
from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic, Severity, has_errors
from builder.markdown.html import MarkdownRenderer, RenderedCase, render_case
from builder.markdown.plain_text import plain_text
from builder.model.aliases import load_vocabularies
from builder.model.case import CaseStudy
from builder.model.taxonomy import Taxonomy
from builder.project import Project
from builder.source.loader import CaseSource, discover_case_folders, load_case
from builder.validate.case_view import CaseView, prepare
from builder.validate.checks import case_checks, collection, duplicates
from builder.validate.modelling import build_case
from search_index.similarity.near_duplicates import Sketch
from search_index.similarity.related_cases import Profiler, TermProfile

CASE_CHECKS = case_checks()


# Words of a narrative's opening that go into its term profile (related cases).
PROFILE_WORDS = 500
# Below this many cases, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200


@dataclass(frozen=True)
class CaseResult:
    """The outcome for one case: problems, cross-case facts, text sketches, maybe its model.

    Only small values cross back from worker processes: sketches, not narratives.
    """

    diagnostics: tuple[Diagnostic, ...]
    facts: collection.CollectionFacts
    sketches: tuple[Sketch, ...]
    model: CaseStudy | None
    profile: TermProfile | None
    rendered: RenderedCase | None = None


@dataclass(frozen=True)
class Validation:
    """The outcome of validating: the models of valid cases and every diagnostic, sorted."""

    taxonomy: Taxonomy
    checked: int
    cases: tuple[CaseStudy, ...]
    diagnostics: tuple[Diagnostic, ...]
    # Term profiles of the modelled cases, for related-case suggestions.
    profiles: tuple[TermProfile, ...] = ()
    # Rendered narratives and teaching notes of the modelled cases, by case id.
    rendered: Mapping[str, RenderedCase] = field(default_factory=dict)

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
    return view, _one_per_problem(found)


def _one_per_problem(found: list[Diagnostic]) -> list[Diagnostic]:
    """Drop the schema's form error (AGK107) of a value the vocabulary rules report (AGK2xx).

    An id field's pattern and its vocabulary check see the same wrong value ('Lesson drawing');
    the vocabulary diagnostic says more (the id to write), so it is the one kept.
    """
    vocabulary = {(d.path, d.line, d.col) for d in found if d.code.startswith("AGK2")}
    return [d for d in found if not (d.code == "AGK107" and (d.path, d.line, d.col) in vocabulary)]


def select_case_folders(project: Project, paths: Sequence[Path]) -> tuple[list[Path], list[Diagnostic]]:
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
            problems.append(problem("AGK009", project.display(absolute), 1, 1, "not inside case_studies/"))
            continue
        if not first.startswith(("_", ".")):
            folders.add(case_dir / first)
    return sorted(folders), problems


def _check_folders(
    project: Project,
    taxonomy: Taxonomy,
    folders: Sequence[tuple[Path, bool]],
    models: bool,
    permalink_titles: Mapping[str, str] | None = None,
) -> list[CaseResult]:
    """Load and sketch a batch of case folders; check (and model) those marked for checking."""
    results = []
    sketcher = duplicates.Sketcher()
    profiler = Profiler()
    renderer = MarkdownRenderer()
    for folder, checked in folders:
        source = load_case(folder, project)
        view, found = check_case(source, taxonomy) if checked else (prepare(source, taxonomy)[0], [])
        valid = models and checked and view.meta is not None and not has_errors(found)
        rendered = None
        if valid:
            # Rendering is part of checking a case for a build: a body that fails is a diagnostic.
            rendered, failed = render_case(
                source.narratives.values(), source.teaching_notes.values(), renderer, permalink_titles
            )
            found += failed
        model = build_case(view, taxonomy.default_licence) if valid and not has_errors(found) else None
        profile = _profile(profiler, model) if model is not None else None
        facts = collection.facts_of(view)
        results.append(CaseResult(tuple(found), facts, sketcher(view), model, profile, rendered))
    return results


def _profile(profiler: Profiler, case: CaseStudy) -> TermProfile:
    """The term profile of the case's English narrative, else of its original."""
    narrative = case.narratives.get("en") or case.narratives[case.original_language]
    # The opening says what a case is about; analysing whole narratives doubled validation time.
    opening = " ".join(plain_text(narrative.body[: PROFILE_WORDS * 12]).split()[:PROFILE_WORDS])
    text = "\n".join((narrative.title, narrative.summary, opening))
    return profiler(case.id, narrative.lang, text)


def _check_all(
    project: Project,
    taxonomy: Taxonomy,
    folders: Sequence[tuple[Path, bool]],
    models: bool,
    permalink_titles: Mapping[str, str] | None = None,
) -> list[CaseResult]:
    """Check every folder, split over the machine's cores when the collection is large."""
    workers = min(os.cpu_count() or 1, 4)
    if workers == 1 or len(folders) < PARALLEL_THRESHOLD:
        return _check_folders(project, taxonomy, folders, models, permalink_titles)
    size = -(-len(folders) // workers)
    batches = [folders[i : i + size] for i in range(0, len(folders), size)]
    count = len(batches)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        parts = pool.map(
            _check_folders, [project] * count, [taxonomy] * count, batches, [models] * count,
            [permalink_titles] * count,
        )  # fmt: skip
        return [result for part in parts for result in part]


def validate(
    project: Project,
    paths: Sequence[Path] = (),
    *,
    models: bool = False,
    permalink_titles: Mapping[str, str] | None = None,
    braille: bool = False,
) -> Validation:
    """Validate the case folders named by `paths` (all when empty).

    With `models`, the returned Validation also holds the model of every case without errors,
    its bodies rendered with headings' anchors titled per language by `permalink_titles`. With
    `braille`, characters the Braille tables cannot write are reported too (needs liblouis).
    """
    models = models or braille
    taxonomy, found = load_vocabularies(project.taxonomy_dir, project.display(project.taxonomy_dir))
    selected, selection_problems = select_case_folders(project, paths)
    found += selection_problems
    # Every case is sketched (a new case is compared with all others); only selected ones checked.
    everything = sorted(set(discover_case_folders(project)) | set(selected))
    chosen = set(selected)
    folders = [(folder, folder in chosen) for folder in everything]
    results = _check_all(project, taxonomy, folders, models, permalink_titles)
    checked = [r for r, folder in zip(results, everything, strict=True) if folder in chosen]
    found += [d for result in checked for d in result.diagnostics]
    all_ids = frozenset(folder.name for folder in everything)
    found += collection.check_collection([r.facts for r in checked], all_ids)
    found += duplicates.check_duplicates(results, {r.facts.case_id for r in checked})
    cases = tuple(r.model for r in checked if r.model is not None)
    if braille:
        found += braille_problems(project.case_dir, project.display(project.case_dir), cases)
    profiles = tuple(r.profile for r in checked if r.profile is not None)
    rendered = {r.model.id: r.rendered for r in checked if r.model is not None and r.rendered is not None}
    return Validation(taxonomy, len(checked), cases, tuple(sorted(set(found))), profiles, rendered)
