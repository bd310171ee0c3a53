"""Validate stage: load the chosen case folders and run every rule, collecting all problems."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
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
from builder.progress import Progress
from builder.project import Project
from builder.source.loader import CaseSource, discover_case_folders, load_case
from builder.validate.case_view import CaseView, prepare
from builder.validate.checks import case_checks, collection, duplicates
from builder.validate.modelling import build_case
from builder.validate.result_cache import ResultCache, variant
from search_index.similarity.near_duplicates import Sketch
from search_index.similarity.related_cases import Profiler, TermProfile

CASE_CHECKS = case_checks()


# Words of a narrative's opening that go into its term profile (related cases).
PROFILE_WORDS = 500
# Below this many cases, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 200
# Cases per unit of work at least: progress is counted per unit.
CHUNK = 50


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
    parallel = workers > 1 and len(folders) >= PARALLEL_THRESHOLD
    # Each unit of work sent to a worker carries the taxonomies (0.4 MB pickled): a few per worker.
    size = max(CHUNK, -(-len(folders) // (workers * 4))) if parallel else CHUNK
    chunks = [folders[i : i + size] for i in range(0, len(folders), size)]
    done: list[list[CaseResult]] = [[] for _ in chunks]
    with Progress("validating", len(folders)) as progress:
        if not parallel:
            for index, chunk in enumerate(chunks):
                done[index] = _check_folders(project, taxonomy, chunk, models, permalink_titles)
                progress.advance(len(chunk))
            return [result for part in done for result in part]
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {
                pool.submit(_check_folders, project, taxonomy, chunk, models, permalink_titles): index
                for index, chunk in enumerate(chunks)
            }
            for future in as_completed(futures):
                done[futures[future]] = future.result()
                progress.advance(len(chunks[futures[future]]))
    return [result for part in done for result in part]


def _cached_check_all(
    project: Project,
    taxonomy: Taxonomy,
    folders: Sequence[tuple[Path, bool]],
    models: bool,
    permalink_titles: Mapping[str, str] | None,
    cache: ResultCache,
) -> list[CaseResult]:
    """`_check_all` for the folders whose result is not in the cache; the rest from the cache."""
    kinds = [variant(checked, models, permalink_titles) for _, checked in folders]
    found: list[CaseResult | None] = [
        cache.get(folder, kind) for (folder, _), kind in zip(folders, kinds, strict=True)
    ]
    missing = [index for index, result in enumerate(found) if not isinstance(result, CaseResult)]
    fresh = _check_all(project, taxonomy, [folders[i] for i in missing], models, permalink_titles)
    for index, result in zip(missing, fresh, strict=True):
        found[index] = result
    cache.put_all([(folders[i][0], kinds[i], result) for i, result in zip(missing, fresh, strict=True)])
    return [result for result in found if result is not None]


def validate(
    project: Project,
    paths: Sequence[Path] = (),
    *,
    models: bool = False,
    permalink_titles: Mapping[str, str] | None = None,
    braille: bool = False,
    cache: bool = True,
) -> Validation:
    """Validate the case folders named by `paths` (all when empty).

    With `models`, the returned Validation also holds the model of every case without errors,
    its bodies rendered with headings' anchors titled per language by `permalink_titles`. With
    `braille`, characters the Braille tables cannot write are reported too (needs liblouis).
    Each case's result is reused from the project's cache under `.agk/` when nothing that shapes
    it changed (`cache=False` ignores the cache: `agk build --clean`, `agk validate --no-cache`).
    """
    models = models or braille
    results_cache = ResultCache.open(project, cache)
    taxonomy, found = results_cache.remembered(
        "vocabularies", lambda: load_vocabularies(project.taxonomy_dir, project.display(project.taxonomy_dir))
    )
    selected, selection_problems = select_case_folders(project, paths)
    found += selection_problems
    # Every case is sketched (a new case is compared with all others); only selected ones checked.
    everything = sorted(set(discover_case_folders(project)) | set(selected), key=lambda folder: folder.name)
    chosen = set(selected)
    folders = [(folder, folder in chosen) for folder in everything]
    results = _cached_check_all(project, taxonomy, folders, models, permalink_titles, results_cache)
    checked = [r for r, folder in zip(results, everything, strict=True) if folder in chosen]
    found += [d for result in checked for d in result.diagnostics]
    all_ids = frozenset(folder.name for folder in everything)
    found += collection.check_collection([r.facts for r in checked], all_ids)
    chosen_ids = {r.facts.case_id for r in checked}
    # Near-duplicates compare every case with every other: reused while no case changed.
    found += results_cache.remembered(
        "near-duplicates",
        lambda: duplicates.check_duplicates(results, chosen_ids),
        results_cache.fingerprint(*sorted(chosen_ids)),
    )
    results_cache.close()
    cases = tuple(r.model for r in checked if r.model is not None)
    if braille:
        found += braille_problems(project.case_dir, project.display(project.case_dir), cases)
    profiles = tuple(r.profile for r in checked if r.profile is not None)
    rendered = {r.model.id: r.rendered for r in checked if r.model is not None and r.rendered is not None}
    return Validation(taxonomy, len(checked), cases, tuple(sorted(set(found))), profiles, rendered)
