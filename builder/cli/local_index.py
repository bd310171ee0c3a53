"""The local search index under .agk/: refreshed only when case-study files changed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from builder.project import Project
from builder.render.search_documents import documents_of
from builder.validate.validation import Validation, validate
from search_index.index.build import IndexReport, build_index
from search_index.index.format import index_meta


def index_dir(project: Project) -> Path:
    return project.root / ".agk" / "search-index"


def sources_fingerprint(project: Project) -> str:
    """A hash of every case-study file's path, size and modification time (cheap to compute), and
    of the index layout this agk writes (so that a new agk rebuilds an index of an older one)."""
    digest = hashlib.sha256(json.dumps(index_meta(), sort_keys=True).encode())
    for path in sorted(project.case_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def refresh(project: Project) -> tuple[Path, Validation | None, IndexReport | None]:
    """Make the index current; validation and report are None when nothing had changed."""
    directory = index_dir(project)
    stamp = directory / "SOURCES"
    fingerprint = sources_fingerprint(project)
    if stamp.is_file() and stamp.read_text() == fingerprint:
        return directory, None, None
    validation = validate(project, models=True)
    documents = [doc for case in validation.cases for doc in documents_of(case, validation.taxonomy)]
    report = build_index(documents, directory, names=validation.taxonomy.names)
    stamp.write_text(fingerprint)
    return directory, validation, report
