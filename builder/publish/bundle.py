"""`agk bundle`: a subset of the site in one zip that works when opened from disk.

select cases → build their language sites (build.build_site, browser search included) →
add fonts for their scripts → safe, reproducible zip with MANIFEST.json (builder.publish.archive).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from builder.build import build_date, build_site, parse_languages, validate_for_build
from builder.errors import UsageError
from builder.model.case import CaseStudy
from builder.model.taxonomy import Taxonomy
from builder.project import Project
from builder.publish import archive, fonts
from builder.publish.case_downloads import opening_page
from builder.publish.offline_links import offline_page
from builder.render.pages.common import h
from builder.render.strings import Strings
from builder.site.mkdocs import BuildOptions, published_url

# Bundles carry no sitemap (it lists published addresses, useless from disk) nor hosting files.
LEFT_OUT = ("sitemap.xml", "sitemap.xml.gz", ".nojekyll")
# Source maps of the theme's scripts and styles: 1 MB per language that readers never use.
LEFT_OUT_SUFFIXES = (".map",)


@dataclass(frozen=True)
class Selection:
    """Which cases go into a bundle."""

    state: str | None = None
    sector: str | None = None
    sdg: int | None = None

    def matches(self, case: CaseStudy) -> bool:
        """True when the case belongs; national cases belong to every state's bundle."""
        if self.state and case.states and self.state.upper() not in case.states:
            return False
        if self.sector and self.sector not in {s.sector for s in case.sectors}:
            return False
        return not (self.sdg is not None and self.sdg not in case.sdgs)

    def describe(self) -> dict[str, object]:
        """The selection as manifest fields."""
        return {"state": self.state, "sector": self.sector, "sdg": self.sdg}


def _check_selection(selection: Selection, taxonomy: Taxonomy) -> None:
    """Refuse a state, sector or SDG that does not exist (a typo would give an empty bundle)."""
    if selection.state and selection.state.upper() not in taxonomy.states:
        raise UsageError(f"unknown state code {selection.state!r} (e.g. UP, TN, KL)")
    if selection.sector and selection.sector not in taxonomy.sectors:
        raise UsageError(f"unknown sector {selection.sector!r}")
    if selection.sdg is not None and not 1 <= selection.sdg <= 17:
        raise UsageError("--sdg must be between 1 and 17")


def _progress(message: str) -> None:
    print(f"agk: {message}", file=sys.stderr, flush=True)


def _git(project: Project, *args: str) -> str | None:
    """The output of a git command in the project, or None outside a git checkout."""
    try:
        found = subprocess.run(
            ["git", "-C", str(project.root), *args], capture_output=True, text=True, check=False
        )
    except OSError:
        return None
    return found.stdout.strip() if found.returncode == 0 else None


def _commit_epoch(project: Project) -> str | None:
    """The commit time of HEAD (seconds), the reproducible-builds default for dates."""
    value = _git(project, "log", "-1", "--format=%ct")
    return value if value and value.isdigit() else None


def _scripts(cases: list[CaseStudy], langs: list[str]) -> tuple[str, ...]:
    """Scripts of the UI languages and of every narrative a page may show (originals included)."""
    shown = set(langs)
    for case in cases:
        for lang in langs:
            shown.add(lang if lang in case.narratives else case.original_language)
    return fonts.scripts_for_languages(sorted(shown))


def _site_files(site_dir: Path) -> dict[str, Path]:
    """Every file of the built site by its path in the bundle."""
    return {
        path.relative_to(site_dir).as_posix(): path
        for path in sorted(site_dir.rglob("*"))
        if path.is_file() and path.name not in LEFT_OUT and not path.name.endswith(LEFT_OUT_SUFFIXES)
    }


def _offline(files: dict[str, Path | bytes], langs: list[str], site_url: str) -> dict[str, Path | bytes]:
    """Pages whose links out of the bundle go to the published site, saying they need a
    connection; a bundle of one language opens straight into it."""
    present = set(files)
    notes = {lang: h(Strings(lang)("needs_connection")) for lang in langs}
    for name, source in list(files.items()):
        if name.endswith(".html") and isinstance(source, Path):
            html = source.read_text(encoding="utf-8")
            fixed = offline_page(
                html, name, present, site_url, notes.get(name.split("/", 1)[0], notes[langs[0]])
            )
            files[name] = fixed.encode("utf-8") if fixed != html else source
    if len(langs) == 1:
        files["index.html"] = opening_page(f"{langs[0]}/index.html", langs[0])
    return files


def size_report(files: Mapping[str, Path | bytes], langs: list[str]) -> dict[str, int]:
    """Bytes per part of the bundle: each language's pages, media, search index, and fonts."""
    sizes: dict[str, int] = {}
    for name, source in files.items():
        size = len(source) if isinstance(source, bytes) else source.stat().st_size
        first, _, rest = name.partition("/")
        if first == fonts.BUNDLE_FOLDER:
            part = "fonts"
        elif first in langs and rest.startswith("search/"):
            part = f"{first} search index"
        elif first in langs and rest.startswith("cases/") and not rest.endswith(".html"):
            part = f"{first} media"
        elif first in langs:
            part = f"{first} pages"
        else:
            part = "root"
        sizes[part] = sizes.get(part, 0) + size
    return dict(sorted(sizes.items()))


def _print_sizes(sizes: Mapping[str, int], archive_size: int) -> None:
    for part, size in sizes.items():
        print(f"  {part:<24} {size / 1024:>10.1f} kB", file=sys.stderr)
    print(f"  {'zip file':<24} {archive_size / 1024:>10.1f} kB", file=sys.stderr)


def bundle(
    project: Project, langs_text: str, selection: Selection, output: Path | None, *, notes: bool = False
) -> int:
    """Build the bundle of the selected cases in the given languages; exit code as `agk build`.

    Teaching notes (with their answers) go in only when `notes` is set: a bundle is often
    copied to participants' machines.
    """
    if os.environ.get("SOURCE_DATE_EPOCH") is None and (epoch := _commit_epoch(project)):
        # Dates in pages and feeds come from the commit, so the same commit gives the same zip.
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    validation = validate_for_build(project, strict=False)
    if validation is None:
        return 1
    every = sorted(validation.cases, key=lambda c: c.id)
    langs = parse_languages(every, langs_text, validation.taxonomy)
    _check_selection(selection, validation.taxonomy)
    chosen = [case for case in every if selection.matches(case)]
    if not chosen:
        raise UsageError("no case study matches this selection")
    name = "-".join(["amrit-gyan-kosh", *langs, *(str(v) for v in selection.describe().values() if v)])
    target = output or project.root / f"{name}.zip"
    _progress(f"bundling {len(chosen)} case studies in {', '.join(langs)}")
    with tempfile.TemporaryDirectory(prefix="agk-bundle-") as work:
        site_dir = Path(work) / "site"
        options = BuildOptions(teaching_notes="trainers" if notes else "omit", case_downloads=False)
        code = build_site(
            project, validation, langs, site_dir, strict=False, selected=frozenset(c.id for c in chosen),
            options=options,
        )  # fmt: skip
        if code:
            return code
        scripts = _scripts(chosen, langs)
        for script in fonts.missing_fonts(scripts):
            print(
                f"warning: no font is vendored for the {script} script; readers need one installed",
                file=sys.stderr,
            )
        # Every script, not only the bundle's: pages also show other languages' names (the
        # switcher, cards) and originals of untranslated cases; a page loads only what it shows.
        site_url = published_url(project.mkdocs_yml)  # build_site has read it already
        files = _offline(fonts.one_copy(_site_files(site_dir), langs, tuple(fonts.FONTS)), langs, site_url)
        manifest = {
            "build_date": build_date().isoformat(),
            "cases": [case.id for case in chosen],
            "national_cases": [case.id for case in chosen if not case.states],
            "languages": langs,
            "selection": selection.describe(),
            "source_commit": _git(project, "rev-parse", "HEAD") or "unknown",
            "generator": "agk bundle",
        }
        _progress(f"writing {len(files)} files to {project.display(target)}")
        try:
            report = archive.write_archive(files, target, manifest, progress=_archive_progress(len(files)))
        except archive.UnsafeEntryError as error:
            _report_refused(error, langs)
            return 1
        _print_sizes(size_report(files, langs), report.archive_size)
    print(
        f"agk: bundle written to {project.display(target)} "
        f"({len(chosen)} case studies, sha256 {report.sha256})"
    )
    return 0


def _origin(name: str, langs: list[str]) -> str:
    """The case and file a bundle entry comes from, in words."""
    parts = name.split("/", 3)
    if len(parts) == 4 and parts[0] in langs and parts[1] == "cases":
        return f"case {parts[2]}, file {parts[3]!r}"
    return f"file {name!r}"


def _report_refused(error: archive.UnsafeEntryError, langs: list[str]) -> None:
    """Say which files the zip rules refuse and why; nothing was written."""
    # Validation refuses such names first; this catches whatever slips past it (exit 1, not 3).
    # A case file is in every language's site: report it once.
    refused = sorted({(_origin(item.name, langs), item.reason) for item in error.problems})
    for origin, reason in refused:
        print(f"error: {origin}: {reason}", file=sys.stderr)
    count = len({origin for origin, _ in refused})
    print(f"agk: no bundle written: {count} file name(s) cannot go into a zip; rename them", file=sys.stderr)


def _archive_progress(total: int) -> archive.Progress:
    """Report progress every tenth of the files."""
    step = max(1, total // 10)

    def report(done: int, all_files: int) -> None:
        if done % step == 0 or done == all_files:
            _progress(f"  zipped {done}/{all_files} files")

    return report


def verify(path: Path) -> int:
    """`agk bundle --verify`: check a bundle's entries against its MANIFEST.json."""
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    problems = archive.verify_archive(path)
    for problem in problems:
        print(f"{path}: {problem}")
    if problems:
        print(f"agk: {path} failed verification ({len(problems)} problem(s))", file=sys.stderr)
        return 1
    print(f"agk: {path} is intact: every file matches MANIFEST.json")
    return 0
