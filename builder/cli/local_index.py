"""The local search index under .agk/: refreshed when case-study files changed, rebuilt when damaged."""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from builder.project import Project
from builder.render.search_documents import documents_of
from builder.validate.validation import Validation, validate
from search_index.index.build import IndexReport, build_index
from search_index.index.format import index_meta
from search_index.index.integrity import (
    CHECKSUMS_FORMAT,
    NO_CHECKSUMS,
    NO_INDEX,
    describe,
    index_damage,
    is_read_error,
)

Answer = TypeVar("Answer")


def index_dir(project: Project) -> Path:
    return project.root / ".agk" / "search-index"


def sources_fingerprint(project: Project) -> str:
    """A hash of every case-study file's path, size and modification time (cheap to compute), and
    of the index layout this agk writes (so that a new agk rebuilds an index of an older one)."""
    digest = hashlib.sha256(json.dumps(index_meta(), sort_keys=True).encode())
    # An index of an agk that recorded no checksums is rebuilt quietly, not reported damaged.
    digest.update(f"checksums {CHECKSUMS_FORMAT}\n".encode())
    for path in sorted(project.case_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def tell_damage(reason: str) -> None:
    """Say on stderr that the index is being rebuilt because it was damaged."""
    print(f"agk: the local search index was damaged ({reason}); rebuilding it", file=sys.stderr)


def tell(validation: Validation | None, report: IndexReport | None) -> None:
    """Say on stderr which case studies were left out of the index and that it was updated."""
    if validation is not None and validation.failed(strict=False):
        skipped = validation.checked - len(validation.cases)
        print(
            f"agk: {skipped} case studies with errors are not searchable (see agk validate)", file=sys.stderr
        )
    if report is not None:
        print(f"agk: search index updated ({report.documents} narratives)", file=sys.stderr)


def _stamp(directory: Path) -> str | None:
    """Return the sources fingerprint the index was last built from, if any."""
    try:
        return (directory / "SOURCES").read_text()
    except OSError:
        return None


def _build(project: Project, directory: Path, fingerprint: str, full: bool) -> tuple[Validation, IndexReport]:
    """Validate the case studies and bring the index up to date (rebuilt whole when `full`)."""
    validation = validate(project, models=True)
    documents = [doc for case in validation.cases for doc in documents_of(case, validation.taxonomy)]
    names = validation.taxonomy.names
    try:
        report = build_index(documents, directory, full=full, names=names)
    except Exception as error:
        # An in-place update reads the index; if that fails, the index is damaged.
        if full or not is_read_error(error):
            raise
        tell_damage(describe(error))
        report = build_index(documents, directory, full=True, names=names)
    (directory / "SOURCES").write_text(fingerprint)
    return validation, report


def refresh(project: Project) -> tuple[Path, Validation | None, IndexReport | None]:
    """Make the index current and intact; validation and report are None when nothing had changed."""
    directory = index_dir(project)
    # Taken before validating: a file edited meanwhile makes the next search refresh again.
    fingerprint = sources_fingerprint(project)
    fresh = _stamp(directory) == fingerprint
    damage = index_damage(directory)
    if fresh and damage is None:
        return directory, None, None
    # Without a stamp to trust, a missing index or checksums is a first build, not damage.
    if damage is not None and (fresh or damage not in (NO_INDEX, NO_CHECKSUMS)):
        tell_damage(damage)
    validation, report = _build(project, directory, fingerprint, full=damage is not None)
    return directory, validation, report


def answer(project: Project, ask: Callable[[Path], Answer]) -> Answer:
    """Return `ask(index directory)` on the refreshed index; if reading it fails, rebuild it and ask again."""
    directory, validation, report = refresh(project)
    tell(validation, report)
    try:
        return ask(directory)
    except Exception as error:
        # An index rebuilt whole a moment ago is not damaged: the failure is not the index's.
        if not is_read_error(error) or (report is not None and report.full_rebuild):
            raise
        tell_damage(describe(error))
    validation, report = _build(project, directory, sources_fingerprint(project), full=True)
    tell(validation, report)
    return ask(directory)
