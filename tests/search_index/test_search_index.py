"""Index tests: incremental updates, locking, atomic rebuilds, hostile queries, result shape."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index import index as index_module
from search_index.documents import SearchDocument
from search_index.errors import IndexLocked, IndexNotFound, InvalidDocument, UnknownFacet
from search_index.index import build_index
from search_index.query import search
from search_index.storage import META_FILE, current_generation, write_lock

HOSTILE_QUERIES = [
    "title:foo OR *",
    "(",
    ")",
    '"',
    "*",
    "?",
    "AND",
    "NOT health",
    "health^5",
    "title:[a TO z]",
    "{}",
    "\\",
    "[[",
    "\x00",
    "",
    "   ",
    "।॥",
    "'; DROP TABLE cases; --",
    "a" * 5000,
]


def _count_writes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the key of every narrative the index writer analyses."""
    written: list[str] = []
    original = index_module.DocumentWriter.fields

    def spy(self: index_module.DocumentWriter, prepared: Any) -> dict[str, Any]:
        written.append(prepared.source.key)
        return original(self, prepared)

    monkeypatch.setattr(index_module.DocumentWriter, "fields", spy)
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
    original = index_module.DocumentWriter.fields
    calls: list[int] = []

    def failing(self: index_module.DocumentWriter, prepared: Any) -> dict[str, Any]:
        calls.append(1)
        if len(calls) == 5:
            raise RuntimeError("disk full")
        return original(self, prepared)

    monkeypatch.setattr(index_module.DocumentWriter, "fields", failing)
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


def test_searching_without_an_index_raises_index_not_found(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFound, match="no search index"):
        search(tmp_path, "health")


def test_an_unknown_facet_is_refused(corpus_index: Path) -> None:
    with pytest.raises(UnknownFacet, match="colour"):
        search(corpus_index, "health", filters={"colour": "red"})


def test_a_known_facet_value_that_is_absent_matches_nothing(corpus_index: Path) -> None:
    assert search(corpus_index, "health", filters={"state": "KL"}).total == 0


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_never_raise(corpus_index: Path, query: str) -> None:
    results = search(corpus_index, query)
    json.dumps(results.as_dict())
    assert results.total >= len(results.hits)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_random_queries_never_raise(corpus_index: Path, query: str) -> None:
    results = search(corpus_index, query, lang="hi", limit=3)
    assert len(results.hits) <= 3


def test_query_syntax_is_plain_words(corpus_index: Path) -> None:
    # "title:training" is the two words "title" and "training"; no case has the first.
    assert search(corpus_index, "title:training").total == 0
    # OR is a (stop) word, not an operator: both other words are still required.
    assert [hit.id for hit in search(corpus_index, "health OR pregnancy").hits] == ["up-maternal-tracking"]


def test_results_are_json_ready_with_marked_snippets(corpus_index: Path) -> None:
    results = search(corpus_index, "गर्भवती महिलाओं")
    data = json.loads(json.dumps(results.as_dict(), ensure_ascii=False))
    assert data["total"] == 1
    hit = data["hits"][0]
    assert hit["id"] == "up-maternal-tracking"
    assert hit["lang"] == "hi"
    assert hit["url"] == "hi/cases/up-maternal-tracking/"
    assert "[[गर्भवती]]" in hit["snippet"]
    assert "[[महिलाओं]]" in hit["snippet"]
    assert hit["facets"]["state"] == ["UP"]
    assert data["facets"]["state"] == {"UP": 1}
    assert data["facets"]["sdg"] == {"3": 1, "5": 1}


def test_facet_counts_cover_all_matches_not_only_the_shown_hits(corpus_index: Path) -> None:
    results = search(corpus_index, "जिला", limit=1)
    assert len(results.hits) == 1
    assert results.total == 5
    assert sum(results.facets["level"].values()) == 5
    assert results.facets["state"] == {"JK": 1, "TN": 1, "UK": 1, "UP": 1, "WB": 1}


def test_lang_restricts_to_narratives_in_that_language(corpus_index: Path) -> None:
    hits = search(corpus_index, "district", lang="hi").hits
    assert hits
    assert {hit.lang for hit in hits} == {"hi"}


def test_same_query_gives_identical_results(
    corpus: list[SearchDocument], corpus_index: Path, tmp_path: Path
) -> None:
    build_index(list(reversed(corpus)), tmp_path)
    for query in ("जिला", "health", "प्रखंड", "officer"):
        assert search(corpus_index, query).as_dict() == search(tmp_path, query).as_dict()


def test_languages_without_rules_and_unknown_codes_are_searchable(
    corpus: list[SearchDocument], tmp_path: Path
) -> None:
    sanskrit = replace(corpus[0], id="sa-case", lang="sa", text="धर्मक्षेत्रे कुरुक्षेत्रे")
    unknown = replace(corpus[0], id="zz-case", lang="zz", text="Wasserwirtschaft धर्मक्षेत्रे")
    build_index([sanskrit, unknown], tmp_path)
    assert {hit.id for hit in search(tmp_path, "धर्मक्षेत्रे").hits} == {"sa-case", "zz-case"}
    assert [hit.id for hit in search(tmp_path, "धर्मक्षेत्रे", lang="zz").hits] == ["zz-case"]
    assert [hit.id for hit in search(tmp_path, "wasserwirt").hits] == ["zz-case"]
