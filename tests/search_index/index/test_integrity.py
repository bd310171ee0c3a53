"""The checksums of an index generation (index.integrity): what they find damaged, and read errors."""

from __future__ import annotations

import json
import pickle
import shutil
import sqlite3
import struct
from dataclasses import replace
from pathlib import Path

import pytest
from whoosh.index import EmptyIndexError

from search_index.documents import SearchDocument
from search_index.errors import IndexOutdated, UnknownFacet
from search_index.index.build import build_index
from search_index.index.generations import current_generation
from search_index.index.integrity import (
    CHECKSUMS_FILE,
    NO_CHECKSUMS,
    NO_INDEX,
    checksums,
    describe,
    generation_damage,
    index_damage,
    is_read_error,
    record_checksums,
)


@pytest.fixture(scope="module")
def built(corpus: list[SearchDocument], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an index of the fixture corpus, built once (tests copy it before damaging it)."""
    directory = tmp_path_factory.mktemp("integrity") / "index"
    build_index(corpus, directory)
    return directory


@pytest.fixture
def index(built: Path, tmp_path: Path) -> Path:
    """Return a fresh copy of the built index, free to damage."""
    return Path(shutil.copytree(built, tmp_path / "index"))


def generation_of(directory: Path) -> Path:
    found = current_generation(directory)
    assert found is not None
    return found


def largest(generation: Path) -> Path:
    return max(generation.iterdir(), key=lambda path: path.stat().st_size)


def test_a_fresh_index_is_intact_and_every_file_is_recorded(index: Path) -> None:
    generation = generation_of(index)
    assert index_damage(index) is None
    recorded = json.loads((generation / CHECKSUMS_FILE).read_text(encoding="utf-8"))["files"]
    on_disk = {path.name for path in generation.iterdir()} - {CHECKSUMS_FILE}
    assert set(recorded) == on_disk
    assert all(entry["size"] == (generation / name).stat().st_size for name, entry in recorded.items())


def test_a_truncated_file_is_found_by_its_size(index: Path) -> None:
    path = largest(generation_of(index))
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.truncate(size // 2)
    assert index_damage(index) == f"{path.name} has {size // 2} bytes, not {size}"


def test_a_byte_changed_in_the_middle_is_found_by_its_hash(index: Path) -> None:
    path = largest(generation_of(index))
    with path.open("r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        byte = handle.read(1)
        handle.seek(-1, 1)
        handle.write(bytes([byte[0] ^ 1]))
    assert index_damage(index) == f"{path.name} was altered"


def test_a_missing_file_is_found(index: Path) -> None:
    (toc,) = generation_of(index).glob("*.toc")
    toc.unlink()
    assert index_damage(index) == f"{toc.name} is missing"


def test_a_stray_file_is_found(index: Path) -> None:
    generation = generation_of(index)
    (toc,) = generation.glob("*.toc")
    shutil.copyfile(toc, generation / "_MAIN_9.toc")
    assert index_damage(index) == "_MAIN_9.toc is not one of its files"


def test_hidden_staging_files_are_neither_recorded_nor_stray(index: Path) -> None:
    generation = generation_of(index)
    (generation / ".names.json.tmp").write_text("{}")
    assert index_damage(index) is None
    assert ".names.json.tmp" not in checksums(generation)["files"]


def test_missing_or_unreadable_checksums(index: Path) -> None:
    generation = generation_of(index)
    (generation / CHECKSUMS_FILE).write_text('{"format": 1, "files": [')
    assert generation_damage(generation) == "its checksums are unreadable"
    (generation / CHECKSUMS_FILE).write_text('{"format": 999, "files": {}}')
    assert generation_damage(generation) == "its checksums are unreadable"
    (generation / CHECKSUMS_FILE).unlink()
    assert generation_damage(generation) == NO_CHECKSUMS
    record_checksums(generation)
    assert generation_damage(generation) is None


def test_no_index_in_use(tmp_path: Path) -> None:
    assert index_damage(tmp_path) == NO_INDEX


def test_an_update_in_place_records_the_checksums_anew(index: Path, corpus: list[SearchDocument]) -> None:
    before = generation_of(index)
    edited = [replace(corpus[0], text=corpus[0].text + " amended"), *corpus[1:]]
    report = build_index(edited, index)
    assert not report.full_rebuild and report.updated == 1
    assert generation_of(index) == before
    assert index_damage(index) is None


def test_read_errors_are_told_from_refusals_and_bugs() -> None:
    damaged = [
        EOFError(),
        struct.error("unpack requires a buffer of 4 bytes"),
        sqlite3.DatabaseError("file is not a database"),
        pickle.UnpicklingError("invalid load key"),
        OSError("I/O error"),
        EmptyIndexError("no index"),
        ValueError("bad offset"),
    ]
    assert all(is_read_error(error) for error in damaged)
    refusals = [IndexOutdated(Path("x")), UnknownFacet("colour", ("state",)), TypeError("a bug")]
    assert not any(is_read_error(error) for error in refusals)


def test_describe_is_one_short_line() -> None:
    assert describe(EOFError()) == "EOFError"
    assert describe(ValueError("first\nsecond")) == "ValueError: first"
    assert len(describe(ValueError("x" * 500))) == 160
