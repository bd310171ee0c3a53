"""Searching (search_index.query.searching): errors, hostile queries, result shape, facets, languages."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search_index.documents import SearchDocument
from search_index.errors import IndexNotFound, UnknownFacet
from search_index.index.build import build_index
from search_index.query.searching import search
from search_index.ranking import MAX_QUERY_WORDS
from tests.search_index.search_fixtures import corpus_names

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
    # "title:training" is the two words "title" and "training"; no case has the first, so the
    # cases with "training" come as partial matches, each missing "title".
    results = search(corpus_index, "title:training")
    assert results.partial
    assert [hit.id for hit in results.hits] == ["dl-school-road-safety"]
    assert [hit.missing for hit in results.hits] == [("title",)]
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
    build_index(list(reversed(corpus)), tmp_path, names=corpus_names())
    for query in ("जिला", "health", "प्रखंड", "officer", "helth", "UP", "garbhvati"):
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


def test_only_the_first_words_of_a_long_query_count(corpus_index: Path) -> None:
    # A pasted paragraph: words past MAX_QUERY_WORDS are not searched for.
    filler = " ".join(f"zzq{number}" for number in range(MAX_QUERY_WORDS))
    assert search(corpus_index, f"{filler} pregnancy").total == 0
    assert search(corpus_index, f"pregnancy {filler}").partial
