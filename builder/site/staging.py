"""Build every language into a folder private to the run and swap it into place on success.

One build at a time writes an output folder (a lock beside it); a run's staged site, MkDocs
work trees and the site it replaces live in a run folder of their own, so concurrent or killed
builds never share a path and a failed build leaves the previous site untouched.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from builder.site.mkdocs import LanguageBuild, LanguageResult, SiteError, write_tree
from builder.site.workers import run_mkdocs, sigterm_unwinds


class OutputBusy(SiteError):
    """Another build holds the lock of the output folder."""

    def __init__(self, out: Path) -> None:
        super().__init__(f"another agk build is writing {out}")
        self.out = out


def build_sites(
    jobs: list[LanguageBuild],
    rtl: Mapping[str, bool],
    root_files: Mapping[str, str],
    out: Path,
    *,
    strict: bool,
    workers: int = 2,
    finish: Callable[[Path], None] | None = None,
) -> list[LanguageResult]:
    """Build every language into a staging folder, add `root_files`, let `finish` add what is
    made from the built site, and swap it into `out`.

    Nothing in `out` changes when a language fails (or warns, under `strict`). Raises
    OutputBusy at once when another build is writing `out`, SiteError when files cannot be
    written. Each job's `work_dir` is replaced by a folder private to this run.
    """
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _output_lock(out), sigterm_unwinds():
            _remove_stale_runs(out)
            # Everything of one run (staged site, MkDocs work trees, the site it replaces) is in
            # a folder of its own: concurrent or killed builds never share a path.
            run = Path(tempfile.mkdtemp(prefix=_run_prefix(out), dir=out.parent))
            try:
                return _build_run(run, jobs, rtl, root_files, out, strict=strict, workers=workers, finish=finish)
            finally:
                shutil.rmtree(run, ignore_errors=True)
    except OSError as error:
        raise SiteError(_os_error(error)) from None


def _build_run(
    run: Path,
    jobs: list[LanguageBuild],
    rtl: Mapping[str, bool],
    root_files: Mapping[str, str],
    out: Path,
    *,
    strict: bool,
    workers: int,
    finish: Callable[[Path], None] | None,
) -> list[LanguageResult]:
    """Write the trees, run MkDocs on them, and swap the staged site into `out` if all built."""
    staging = run / "site"
    staging.mkdir()
    private = [dataclasses.replace(job, work_dir=run / "work" / job.lang) for job in jobs]
    # Trees are written here and workers are fresh interpreters given only a path: a forked
    # worker would carry every rendered page of every language in its memory.
    configs = [write_tree(job, staging / job.lang, rtl[job.lang]) for job in private]
    results = run_mkdocs([job.lang for job in jobs], configs, workers)
    if any(result.error or (strict and result.warnings) for result in results):
        return results
    for rel, text in sorted(root_files.items()):
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if finish is not None:
        finish(staging)
    _swap(staging, out, run / "previous")
    return results


@contextlib.contextmanager
def _output_lock(out: Path) -> Iterator[None]:
    """Hold the lock file next to `out` while building; OutputBusy at once if it is held."""
    path = out.parent / f".{out.name}.lock"
    descriptor = _locked(path, out)
    try:
        yield
    finally:
        # Removed while still held: a build that opened it meanwhile sees that it went stale.
        with contextlib.suppress(OSError):
            path.unlink()
        os.close(descriptor)


def _locked(path: Path, out: Path) -> int:
    """An open descriptor holding the lock of `path`, a file that `path` still names."""
    for _attempt in range(100):
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(descriptor):
            os.close(descriptor)
            raise OutputBusy(out)
        with contextlib.suppress(FileNotFoundError):
            if os.path.samestat(os.fstat(descriptor), path.stat()):
                return descriptor
        # Its holder removed the file as it finished: lock the file that now has the name.
        os.close(descriptor)
    raise OutputBusy(out)


def _try_lock(descriptor: int) -> bool:
    """A non-blocking exclusive flock; granted where flock does not exist."""
    try:
        import fcntl
    except ModuleNotFoundError:  # Windows: the private run folders still keep builds apart
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _run_prefix(out: Path) -> str:
    return f".{out.name}.building-"


def _remove_stale_runs(out: Path) -> None:
    """Remove run folders of killed builds (called with the lock held, so none is live)."""
    prefix = _run_prefix(out)
    for entry in out.parent.iterdir():
        suffix = entry.name.removeprefix(prefix)
        # mkdtemp's suffixes have no dot: `.site.building-x.building-abc` is another output's.
        if suffix != entry.name and "." not in suffix and entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)


def _swap(staging: Path, out: Path, previous: Path) -> None:
    """Put `staging` in place of `out`; if that fails part-way (Ctrl+C too), `out` is put back."""
    try:
        if out.exists() or out.is_symlink():
            out.rename(previous)
        staging.rename(out)
    except BaseException:
        if not out.exists() and previous.exists():
            previous.rename(out)
        raise


def _os_error(error: OSError) -> str:
    """`path: reason` of a failed file operation."""
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename is not None else reason
