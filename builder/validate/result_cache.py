"""A persistent cache of each case's validation result under `.agk/`, keyed by content.

A cached result is used only when everything that shapes it is unchanged: the case folder's files
(their sizes and modification times, else their SHA-256, as git's index does), agk's own code and
data, the taxonomies, the checkout's location, and what was asked (checked or only sketched, with
models, the anchors' titles). A cache that cannot be read, or that another agk wrote, is
discarded and rebuilt, never trusted; a cache that cannot be written is simply not used.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import sqlite3
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar, cast

from builder.project import Project

CACHE_FILE = Path(".agk") / "cache" / "validation.sqlite"
# Bumped when the layout of the cache file itself changes.
_FORMAT = "1"
_PACKAGES = ("builder", "search_index")
_T = TypeVar("_T")
_RACY_NS = 3_000_000_000
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS results (folder TEXT, variant TEXT, stat TEXT NOT NULL,"
    " hashes TEXT NOT NULL, result BLOB NOT NULL, PRIMARY KEY (folder, variant))",
    "CREATE TABLE IF NOT EXISTS blobs (key TEXT PRIMARY KEY, value BLOB NOT NULL)",
)


@cache
def code_fingerprint() -> str:
    """A hash of agk's own code and data files: a new agk never reuses an older one's results."""
    digest = hashlib.sha256(f"{_FORMAT}\0{sys.version}".encode())
    root = Path(__file__).resolve().parents[2]
    for package in _PACKAGES:
        for path in sorted((root / package).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def _stat_entries(folder: str, prefix: str = "") -> list[tuple[str, int, int]]:
    """(relative path, size, mtime) of every file below `folder`, without following links."""
    entries: list[tuple[str, int, int]] = []
    with os.scandir(folder) as found:
        for entry in found:
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                entries += _stat_entries(entry.path, name + "/")
            else:
                info = entry.stat(follow_symlinks=False)
                entries.append((name, info.st_size, info.st_mtime_ns))
    return entries


def folder_stat(folder: Path, *, storing: bool = False) -> str:
    """Every file of a case folder with its size and modification time (cheap: no reading).

    When storing, a folder with a file modified in the last seconds gets no stat at all: another
    write within the clock's granularity would keep size and time (git's "racy clean"), so such
    a folder is compared by content next time.
    """
    try:
        entries = sorted(_stat_entries(str(folder)))
    except OSError:
        return ""
    if storing and any(mtime >= time.time_ns() - _RACY_NS for _, _, mtime in entries):
        return "racy"
    return json.dumps(entries)


def folder_hashes(folder: Path) -> str:
    """Every file of a case folder with the SHA-256 of its bytes."""
    entries = []
    for path in _files(folder):
        try:
            data = str(path.readlink()).encode() if path.is_symlink() else path.read_bytes()
        except OSError:
            continue
        entries.append((path.relative_to(folder).as_posix(), hashlib.sha256(data).hexdigest()))
    return json.dumps(entries)


def _taxonomy_fingerprint(project: Project) -> str:
    digest = hashlib.sha256()
    for path in _files(project.taxonomy_dir):
        digest.update(path.relative_to(project.taxonomy_dir).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def variant(checked: bool, models: bool, permalink_titles: Mapping[str, str] | None) -> str:
    """What was asked of a case, as part of its key."""
    return json.dumps([checked, models, sorted((permalink_titles or {}).items())])


@dataclass
class ResultCache:
    """Cached results of one project for this agk and these taxonomies (a no-op when disabled)."""

    connection: sqlite3.Connection | None
    # The content (file hashes) of every folder whose result was read or stored, by folder name.
    contents: dict[str, str] = field(default_factory=dict)
    rows: dict[tuple[str, str], list[Any]] | None = None

    @classmethod
    def open(cls, project: Project, enabled: bool = True) -> ResultCache:
        """The project's cache; a damaged or foreign one is replaced by an empty one."""
        if not enabled:
            return cls(None)
        key = hashlib.sha256(
            f"{code_fingerprint()}\0{_taxonomy_fingerprint(project)}\0{project.root.absolute()}".encode()
        ).hexdigest()
        path = project.root / CACHE_FILE
        try:
            return cls(_connect(path, key))
        except sqlite3.OperationalError as busy:
            if "locked" in str(busy):  # another agk is writing it: do without this time
                return cls(None)
            return cls._replaced(path, key)
        except (sqlite3.Error, OSError):
            return cls._replaced(path, key)

    @classmethod
    def _replaced(cls, path: Path, key: str) -> ResultCache:
        """A new, empty cache file in place of one that cannot be read."""
        with suppress(OSError):
            path.unlink()
        try:
            return cls(_connect(path, key))
        except (sqlite3.Error, OSError):
            return cls(None)

    def get(self, folder: Path, kind: str) -> Any | None:
        """The cached result of a folder, if its files are the ones it was computed from."""
        if self.connection is None:
            return None
        try:
            if self.rows is None:
                # One query for all: 5,000 single-row queries cost more than reading them.
                found = self.connection.execute("SELECT folder, variant, stat, hashes, result FROM results")
                self.rows = {(name, variant): rest for name, variant, *rest in found}
            row = self.rows.get((folder.name, kind))
            if row is None:
                return None
            stat, hashes, blob = row
            if stat != folder_stat(folder):
                if hashes != folder_hashes(folder):
                    return None
                self._touch(folder, kind)
            result = pickle.loads(blob)
            self.contents[f"{folder.name}\0{kind}"] = hashes
            return result
        except (
            sqlite3.Error,
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            TypeError,
            ValueError,
        ):
            return None

    def remembered(self, name: str, compute: Callable[[], _T], inputs: str = "") -> _T:
        """A value computed once for this agk, these taxonomies and these `inputs` (a fingerprint)."""
        if self.connection is not None:
            with suppress(
                sqlite3.Error, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError
            ):
                row = self.connection.execute("SELECT value FROM blobs WHERE key = ?", (name,)).fetchone()
                if row is not None:
                    stored_inputs, value = pickle.loads(row[0])
                    if stored_inputs == inputs:
                        return cast(_T, value)
        value = compute()
        if self.connection is not None:
            with suppress(sqlite3.Error), self.connection:
                self.connection.execute(
                    "INSERT OR REPLACE INTO blobs VALUES (?, ?)", (name, pickle.dumps((inputs, value)))
                )
        return value

    def fingerprint(self, *extra: str) -> str:
        """The content of every folder read or stored in this run, with `extra`: what cross-case
        results (near-duplicates) depend on."""
        digest = hashlib.sha256("\0".join(extra).encode())
        for key in sorted(self.contents):
            digest.update(f"{key}\0{self.contents[key]}\n".encode())
        return digest.hexdigest()

    def _touch(self, folder: Path, kind: str) -> None:
        """Same bytes, new times (a checkout or a save without changes): remember the new times."""
        assert self.connection is not None
        self.connection.execute(
            "UPDATE results SET stat = ? WHERE folder = ? AND variant = ?",
            (folder_stat(folder, storing=True), folder.name, kind),
        )

    def put_all(self, entries: Sequence[tuple[Path, str, object]]) -> None:
        """Store fresh results in one transaction; a cache that cannot be written is given up."""
        if self.connection is None:
            return
        rows = [
            (
                folder.name,
                kind,
                folder_stat(folder, storing=True),
                folder_hashes(folder),
                pickle.dumps(result),
            )
            for folder, kind, result in entries
        ]
        self.contents |= {f"{name}\0{kind}": hashes for name, kind, _, hashes, _ in rows}
        try:
            with self.connection:
                self.connection.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error:
            self.close()

    def close(self) -> None:
        """Commit what was touched and let go of the file."""
        if self.connection is not None:
            with suppress(sqlite3.Error):
                self.connection.commit()
                self.connection.close()
            self.connection = None


def _connect(path: Path, key: str) -> sqlite3.Connection:
    """Open (or create) the cache file; one for another agk, taxonomies or checkout starts empty."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, timeout=2)
    try:
        for statement in _SCHEMA:
            connection.execute(statement)
        if connection.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise sqlite3.DatabaseError("damaged cache")
        stored = connection.execute("SELECT value FROM meta WHERE key = 'key'").fetchone()
        if stored != (key,):
            with connection:
                connection.execute("DELETE FROM results")
                connection.execute("DELETE FROM blobs")
                connection.execute("INSERT OR REPLACE INTO meta VALUES ('key', ?)", (key,))
    except sqlite3.Error:
        connection.close()
        raise
    return connection
