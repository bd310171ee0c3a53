"""Checksums of an index generation's files, and finding what in a generation is damaged.

Each generation records the size and SHA-256 of every file in it (agk-checksums.json) when it is
written. Checking them all costs 25-30 ms at 1,000 cases (28 MB), little beside what a search
costs, and catches a truncated, altered, missing or stray file before whoosh reads it.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sqlite3
import struct
import zlib
from pathlib import Path
from typing import Any

from search_index.errors import SearchIndexError
from search_index.index.generations import current_generation

CHECKSUMS_FILE = "agk-checksums.json"
# Bump when what the checksums cover or how they are written changes.
CHECKSUMS_FORMAT = 1
NO_INDEX = "no index is in use"
NO_CHECKSUMS = "it has no checksums"

# What reading a damaged index raises, besides whoosh's own exceptions: short reads, garbled
# offsets and lengths, undecodable pickles, zlib streams, JSON and SQLite files.
READ_ERRORS: tuple[type[Exception], ...] = (
    OSError,
    EOFError,
    ValueError,
    LookupError,
    ArithmeticError,
    struct.error,
    zlib.error,
    pickle.UnpicklingError,
    sqlite3.Error,
)


def _checked_files(generation: Path) -> list[Path]:
    """Return the files the checksums cover: all but the checksums and hidden staging files."""
    return sorted(
        path
        for path in generation.iterdir()
        if path.is_file() and path.name != CHECKSUMS_FILE and not path.name.startswith(".")
    )


def _sha256(path: Path) -> str:
    """Return the SHA-256 of a file's bytes."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def checksums(generation: Path) -> dict[str, Any]:
    """Return the checksums record of the files now in a generation."""
    files = {
        path.name: {"size": path.stat().st_size, "sha256": _sha256(path)}
        for path in _checked_files(generation)
    }
    return {"format": CHECKSUMS_FORMAT, "files": files}


def record_checksums(generation: Path) -> None:
    """Write the checksums of a generation's files, replacing any earlier ones whole."""
    text = json.dumps(checksums(generation), sort_keys=True, indent=1) + "\n"
    staging = generation / f".{CHECKSUMS_FILE}.tmp"
    staging.write_text(text, encoding="utf-8")
    staging.replace(generation / CHECKSUMS_FILE)


def _recorded(generation: Path) -> dict[str, dict[str, Any]] | None:
    """Return the recorded {file name: size and sha256}, or None when missing or malformed."""
    try:
        record = json.loads((generation / CHECKSUMS_FILE).read_text(encoding="utf-8"))
        files = record["files"] if record["format"] == CHECKSUMS_FORMAT else None
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not isinstance(files, dict) or not all(isinstance(entry, dict) for entry in files.values()):
        return None
    return files


def _size_damage(path: Path, expected: dict[str, Any]) -> str | None:
    """Return what is wrong with one file's presence or size, or None when it has its recorded size."""
    if not path.is_file():
        return f"{path.name} is missing"
    size = path.stat().st_size
    return (
        None if size == expected.get("size") else f"{path.name} has {size} bytes, not {expected.get('size')}"
    )


def _damage(generation: Path) -> str | None:
    """Return the first difference between a generation's files and its checksums."""
    if not (generation / CHECKSUMS_FILE).exists():
        return NO_CHECKSUMS
    recorded = _recorded(generation)
    if recorded is None:
        return "its checksums are unreadable"
    # Sizes first: a truncated or missing file is found without hashing anything.
    for name, expected in sorted(recorded.items()):
        problem = _size_damage(generation / name, expected)
        if problem is not None:
            return problem
    stray = sorted({path.name for path in _checked_files(generation)} - set(recorded))
    if stray:
        # whoosh reads the newest table of contents it finds, recorded or not.
        return f"{stray[0]} is not one of its files"
    for name, expected in sorted(recorded.items()):
        if _sha256(generation / name) != expected.get("sha256"):
            return f"{name} was altered"
    return None


def generation_damage(generation: Path) -> str | None:
    """Return what is wrong with a generation's files, or None when all match their checksums."""
    try:
        return _damage(generation)
    except OSError as error:
        return describe(error)


def index_damage(directory: Path) -> str | None:
    """Return what is wrong with the index in use in `directory`, or None when it is intact."""
    generation = current_generation(directory)
    return NO_INDEX if generation is None else generation_damage(generation)


def is_read_error(error: BaseException) -> bool:
    """Return whether `error` is what reading a damaged index raises (not one of search_index's refusals)."""
    if isinstance(error, SearchIndexError):
        return False
    # whoosh's own exceptions (a bad table of contents, file format, storage) are told by module.
    from_whoosh = any(kind.__module__.split(".")[0] == "whoosh" for kind in type(error).__mro__)
    return from_whoosh or isinstance(error, READ_ERRORS)


def describe(error: BaseException) -> str:
    """Return an error as one short line: its type and the first line of its message."""
    message = str(error).strip().splitlines()
    text = f"{type(error).__name__}: {message[0]}" if message else type(error).__name__
    return text if len(text) <= 160 else text[:157] + "..."
