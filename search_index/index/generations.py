"""Index generations on disk: the CURRENT pointer, atomic swaps, metadata and the write lock."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from search_index.errors import IndexLocked
from search_index.index.whoosh_internals import file_lock

POINTER = "CURRENT"
LOCK_FILE = "write.lock"
META_FILE = "agk-search.json"
GENERATION_PREFIX = "gen-"
TEMP_PREFIX = ".building-"


def current_generation(directory: Path) -> Path | None:
    """Return the folder of the index in use, or None when there is none."""
    try:
        name = (directory / POINTER).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    path = directory / name
    if not name.startswith(GENERATION_PREFIX) or not path.is_dir():
        return None
    return path


def new_build_folder(directory: Path) -> Path:
    """Create an empty folder next to the generations to build a new index in."""
    directory.mkdir(parents=True, exist_ok=True)
    built = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=directory))
    # mkdtemp makes a private folder; the published index should be as readable as its parent.
    built.chmod(0o755)
    return built


def _generation_number(path: Path) -> int:
    """Return the number of a generation folder, -1 for anything else."""
    suffix = path.name.removeprefix(GENERATION_PREFIX)
    return int(suffix) if path.name.startswith(GENERATION_PREFIX) and suffix.isdigit() else -1


def _generations(directory: Path) -> list[Path]:
    """Return the generation folders, oldest first."""
    found = [path for path in directory.iterdir() if _generation_number(path) >= 0]
    return sorted(found, key=_generation_number)


def publish(directory: Path, built: Path) -> Path:
    """Make the finished index in `built` the current one with one atomic rename of the pointer."""
    generations = _generations(directory)
    number = _generation_number(generations[-1]) + 1 if generations else 1
    target = directory / f"{GENERATION_PREFIX}{number:06d}"
    built.rename(target)
    pointer_tmp = directory / f"{POINTER}.tmp"
    with pointer_tmp.open("w", encoding="utf-8") as handle:
        handle.write(target.name + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    # rename(2) replaces the pointer atomically: readers see the old or the new index.
    pointer_tmp.replace(directory / POINTER)
    # The generation just replaced stays one round so that a reader that opened it a moment
    # ago can finish; anything older goes.
    for old in generations[:-1]:
        shutil.rmtree(old, ignore_errors=True)
    return target


def discard(built: Path) -> None:
    """Remove a build folder that will not be published."""
    shutil.rmtree(built, ignore_errors=True)


def read_meta(generation: Path) -> dict[str, Any]:
    """Return the metadata written with a generation (empty when missing or unreadable)."""
    try:
        meta = json.loads((generation / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def write_meta(generation: Path, meta: dict[str, Any]) -> None:
    """Write the metadata of a generation."""
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    (generation / META_FILE).write_text(text, encoding="utf-8")


@contextmanager
def write_lock(directory: Path) -> Iterator[None]:
    """Hold the index's write lock, or raise IndexLocked at once if another writer has it."""
    directory.mkdir(parents=True, exist_ok=True)
    lock = file_lock(directory / LOCK_FILE)
    if not lock.acquire(blocking=False):
        raise IndexLocked(directory)
    try:
        yield
    finally:
        lock.release()
