"""The relevance table (relevance.json) against the fixture corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from search_index.query.searching import search
from tests.search_index.search_fixtures import load_json

TABLE = load_json("relevance.json")
CASES = [
    pytest.param(case, id=f"{language}:{case['query']}:{case.get('lang') or '*'}:{index}")
    for language, cases in sorted(TABLE["languages"].items())
    for index, case in enumerate(cases)
]


@pytest.mark.parametrize("case", CASES)
def test_relevance(corpus_index: Path, case: dict[str, Any]) -> None:
    results = search(corpus_index, case["query"], lang=case.get("lang"), filters=case.get("filters", {}))
    found = [hit.id for hit in results.hits]
    assert sorted(found) == sorted(case["matches"]), case["why"]
    assert results.total == len(case["matches"])
    assert results.partial == case.get("partial", False), case["why"]
    if "suggestion" in case:
        assert results.suggestion == case["suggestion"], case["why"]
    if "first" in case:
        assert found[0] == case["first"], case["why"]


def test_table_covers_the_required_languages() -> None:
    assert {"bn", "en", "hi", "mr", "ta", "te", "ur"} <= set(TABLE["languages"])


def test_table_names_only_corpus_cases() -> None:
    known = {raw["id"] for raw in load_json(TABLE["corpus"])["documents"]}
    named = {
        case_id
        for cases in TABLE["languages"].values()
        for case in cases
        for case_id in [*case["matches"], *([case["first"]] if "first" in case else [])]
    }
    assert named <= known
