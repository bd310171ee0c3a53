"""Index building: incremental updates, locking, atomic rebuilds, format and analysis changes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from search_index.documents import SearchDocument
from search_index.errors import IndexLocked, InvalidDocument
from search_index.index.build import build_index
from search_index.index.format import INDEX_FORMAT, index_meta
from search_index.index.generations import META_FILE, current_generation, write_lock, write_meta
from search_index.index.writer import DocumentWriter
from search_index.query.searching import search


def _count_writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the key of every narrative the index writer analyses."""
    written: list[str] = []
    original = DocumentWriter.fields

    def spy(self: DocumentWriter, prepared: Any) -> dict[str, Any]:
        written.append(prepared.source.key)
        return original(self, prepared)

    monkeypatch.setattr(DocumentWriter, "fields", spy)
    return written


def test_first_build_is_a_full_build(corpus: list[SearchDocument], tmp_path: Path) -> None:
    report = build_index(corpus, tmp_path)
    assert report.full_rebuild
    assert report.added == report.documents == len(corpus)


def test_unchanged_input_writes_nothing(
    corpus: list[SearchDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(corpus, tmp_path)
    written = _count_writes(monkeypatch)
    report = build_index(corpus, tmp_path)
    assert (report.added, report.updated, report.removed) == (0, 0, 0)
    assert report.unchanged == len(corpus)
    assert not report.full_rebuild
    assert written == []


def test_one_edit_rewrites_only_that_narrative(
    corpus: list[SearchDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(corpus, tmp_path)
    generation = current_generation(tmp_path)
    edited = list(corpus)
    target = next(index for index, doc in enumerate(edited) if doc.id == "gj-single-window")
    edited[target] = replace(edited[target], text=edited[target].text + " Ombudsman appointed.")
    written = _count_writes(monkeypatch)
    report = build_index(edited, tmp_path)
    assert written == ["gj-single-window/en"]
    assert (report.added, report.updated, report.removed) == (0, 1, 0)
    assert report.unchanged == len(corpus) - 1
    assert current_generation(tmp_path) == generation
    assert [hit.id for hit in search(tmp_path, "ombudsman").hits] == ["gj-single-window"]
    assert search(tmp_path, "investors").total == 1


def test_removed_and_added_narratives(corpus: list[SearchDocument], tmp_path: Path) -> None:
    build_index(corpus, tmp_path)
    fewer = [doc for doc in corpus if doc.id != "br-bridge-repair"]
    report = build_index(fewer, tmp_path)
    assert (report.added, report.removed) == (0, 1)
    assert search(tmp_path, "पुल").total == 0
    report = build_index(corpus, tmp_path)
    assert (report.added, report.removed) == (1, 0)
    assert [hit.id for hit in search(tmp_path, "पुल").hits] == ["br-bridge-repair"]


def test_a_held_lock_raises_index_locked(corpus: list[SearchDocument], tmp_path: Path) -> None:
    build_index(corpus, tmp_path)
    with write_lock(tmp_path), pytest.raises(IndexLocked, match="another process"):
        build_index(corpus, tmp_path)
    # Once the other writer is done, building works again.
    assert build_index(corpus, tmp_path).unchanged == len(corpus)


def test_a_failed_rebuild_leaves_the_old_index_in_use(
    corpus: list[SearchDocument], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(corpus, tmp_path)
    before = search(tmp_path, "स्वास्थ्य").as_dict()
    generation = current_generation(tmp_path)
    original = DocumentWriter.fields
    calls: list[int] = []

    def failing(self: DocumentWriter, prepared: Any) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return original(self, prepared)

    monkeypatch.setattr(DocumentWriter, "fields", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        build_index(corpus[:8], tmp_path, full=True)
    assert current_generation(tmp_path) == generation
    assert search(tmp_path, "स्वास्थ्य").as_dict() == before
    leftovers = [path.name for path in tmp_path.iterdir() if path.name.startswith(".building")]
    assert leftovers == []


def test_changed_analysis_metadata_forces_a_full_rebuild(
    corpus: list[SearchDocument], tmp_path: Path
) -> None:
    build_index(corpus, tmp_path)
    generation = current_generation(tmp_path)
    assert generation is not None
    (generation / META_FILE).write_text(json.dumps({"analysis": "older"}), encoding="utf-8")
    report = build_index(corpus, tmp_path)
    assert report.full_rebuild
    assert current_generation(tmp_path) != generation


def test_invalid_documents_are_refused(corpus: list[SearchDocument], tmp_path: Path) -> None:
    with pytest.raises(InvalidDocument, match="two narratives"):
        build_index([corpus[0], corpus[0]], tmp_path)
    with pytest.raises(InvalidDocument, match="not a valid id"):
        build_index([replace(corpus[0], id="Bad Id")], tmp_path)
    with pytest.raises(InvalidDocument, match="facet key"):
        build_index([replace(corpus[0], facets={"Bad Key": ("x",)})], tmp_path)
    assert current_generation(tmp_path) is None


def test_an_index_of_another_format_is_rebuilt(corpus: list[SearchDocument], tmp_path: Path) -> None:
    build_index(corpus, tmp_path)
    generation = current_generation(tmp_path)
    assert generation is not None
    write_meta(generation, {**index_meta(), "format": INDEX_FORMAT - 1})
    report = build_index(corpus, tmp_path)
    assert report.full_rebuild
    assert current_generation(tmp_path) != generation
