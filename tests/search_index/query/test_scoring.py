"""One-pass scoring (search_index.query.scoring) and whole searches, against whoosh's own search.

`search` scores every match in one pass over the postings, reading some of them past whoosh's
public API and adding scores up in the order whoosh's matchers do. The reference is whoosh
itself: its own searcher, opened on the same index with its own file storage, running the plan's
whoosh query (`QueryPlan.whoosh_query`) with the same weighting. Every score must be whoosh's to
the last bit, and a whole search (total, facet counts, hits, their order and snippets) what
whoosh's scored matches and stored fields give. The reference asks whoosh for all matches,
because whoosh's bounded search can drop better hits (its block-quality pruning takes the
maximum of an Or's parts where they add up).
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq

from benchmarks.search.corpus import COMMON, CorpusShape, documents
from search_index.analysis.analyser import Analyser
from search_index.documents import SearchDocument
from search_index.fields import field_language
from search_index.index import whoosh_internals
from search_index.index.build import build_index
from search_index.index.generations import current_generation
from search_index.index.lexicon_file import lookup
from search_index.index.names_file import read_names
from search_index.index.reading import open_index
from search_index.query.facets import filter_terms
from search_index.query.planning import Planner, QueryPlan, present_languages
from search_index.query.results import SearchResults
from search_index.query.scoring import score_segments
from search_index.query.searching import search
from search_index.query.snippets import snippet
from search_index.query.suggestion import SUGGESTION_HITS, suggestion
from search_index.ranking import WEIGHTING
from tests.search_index.whoosh_reference import whoosh_searcher

# Words, pairs, triples and prefixes of the synthetic corpus, a stop word of Hindi that Marathi
# indexes (narratives of other languages match it through their stop-word alternative), and
# words no narrative has.
QUERIES = [
    *(words_[index] for words_ in COMMON.values() for index in (0, 5, 11)),
    *(" ".join(words_[index : index + 2]) for words_ in COMMON.values() for index in (1, 7)),
    *(" ".join(words_[index : index + 3]) for words_ in COMMON.values() for index in (2, 9)),
    *(words_[index][:3] for words_ in COMMON.values() for index in (3, 13)),
    "अपना योजना",
    "school अपना",
    "प्र",
    "zzqx",
    "the",
]
OPTIONS: list[dict[str, Any]] = [{}, {"lang": "hi"}, {"lang": "en", "filters": {"state": "UP"}}]

Required = tuple[tuple[str, str], ...]


@pytest.fixture(scope="module")
def synthetic_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return an index of synthetic narratives in two segments, one narrative in seven deleted."""
    docs = list(documents(CorpusShape(200, words=200)))
    directory = tmp_path_factory.mktemp("synthetic-index")
    build_index(docs, directory)
    edited = [
        replace(doc, text=f"{doc.text} edited") if index % 7 == 0 else doc for index, doc in enumerate(docs)
    ]
    build_index(edited, directory)
    return directory


@pytest.fixture(scope="module", params=["synthetic", "fixture"])
def index_dir(request: pytest.FixtureRequest, synthetic_index: Path, corpus_index: Path) -> Path:
    """Return the synthetic index, then the index of the fixture corpus."""
    return synthetic_index if request.param == "synthetic" else corpus_index


def _languages(reader: Any, lang: str | None) -> list[str]:
    """Return the field languages a search covers, as search() chooses them."""
    languages = present_languages(reader)
    return languages if lang is None else [code for code in languages if code == field_language(lang)]


def _planner(directory: Path, reader: Any, languages: list[str]) -> Planner:
    """Return the planner search() uses: with the index's facet names and lexicon."""
    generation = current_generation(directory)
    assert generation is not None
    return Planner(reader, languages, read_names(generation), functools.partial(lookup, generation))


def _plans(directory: Path, reader: Any, options: Mapping[str, Any]) -> Iterator[tuple[str, QueryPlan]]:
    """Yield the plan of every test query under `options` (queries without a plan are skipped)."""
    planner = _planner(directory, reader, _languages(reader, options.get("lang")))
    for text in QUERIES:
        plan = planner.plan(text)
        if plan is not None:
            yield text, plan


def _whoosh_filter(required: Required) -> Any:
    """Return the whoosh filter query of required (field, term) pairs."""
    return wq.And([wq.Term(fieldname, text) for fieldname, text in required]) if required else None


def _whoosh_hits(reference: Any, plan: QueryPlan, required: Required) -> Any:
    """Return whoosh's own scored matches of the plan among narratives with the required terms."""
    return reference.search(plan.whoosh_query(), filter=_whoosh_filter(required), limit=None)


def _one_pass(searcher: Any, plan: QueryPlan, required: Required) -> dict[int, float]:
    """Return the one-pass scores by global document number of the narratives matching every word."""
    return {
        segment.offset + docnum: score
        for segment in score_segments(searcher, plan, required)
        if segment.masks is None
        for docnum, score in segment.scores.items()
    }


def _compare_with_whoosh(directory: Path, options: Mapping[str, Any]) -> int:
    """Assert one-pass scores equal whoosh's for every test query; return how many queries matched."""
    compared = 0
    ix = open_index(directory)
    try:
        with ix.searcher(weighting=WEIGHTING) as searcher, whoosh_searcher(directory) as reference:
            required = filter_terms(searcher.reader(), options.get("lang"), options.get("filters", {}))
            assert required is not None
            for text, plan in _plans(directory, searcher.reader(), options):
                expected = {hit.docnum: hit.score for hit in _whoosh_hits(reference, plan, required)}
                found = _one_pass(searcher, plan, required)
                assert found == expected, text
                matching = plan.whoosh_query()
                if required:
                    matching = wq.And([matching, _whoosh_filter(required)])
                assert set(found) == set(reference.docs_for_query(matching)), text
                compared += bool(found)
    finally:
        ix.close()
    return compared


@pytest.mark.parametrize("options", OPTIONS)
def test_scores_are_whooshs_to_the_last_bit(index_dir: Path, options: dict[str, Any]) -> None:
    assert _compare_with_whoosh(index_dir, options) > 0


def test_scores_follow_whooshs_union_trees(synthetic_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Segments above 5,000 documents make whoosh add an Or's parts through a tree of unions
    # (another order of additions); force that tree on both sides at this size.
    monkeypatch.setattr(whoosh_internals, "ARRAY_UNION_MAX_DOCS", 0)
    monkeypatch.setattr(wq.Or, "matcher_type", wq.Or.DEFAULT_MATCHER)
    assert _compare_with_whoosh(synthetic_index, {}) > 0


def test_whooshs_public_calls_alone_give_the_same_scores(
    synthetic_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the bulk reads of posting blocks and length columns, every posting and length
    # is read through whoosh's public calls.
    monkeypatch.setattr(whoosh_internals, "_read_blocks", lambda *_: None)
    monkeypatch.setattr(whoosh_internals, "_length_bytes", lambda *_: None)
    assert _compare_with_whoosh(synthetic_index, {}) > 0


def _facet_counts(matches: list[Mapping[str, Any]]) -> dict[str, dict[str, int]]:
    """Count each facet value once per matching case, from whoosh's stored facets; most first."""
    per_case: dict[str, set[tuple[str, str]]] = {}
    for stored in matches:
        items = per_case.setdefault(stored["id"], set())
        items.update((key, value) for key, values in stored["facets"].items() for value in values)
    counts = Counter(item for items in per_case.values() for item in items)
    facets: dict[str, dict[str, int]] = {}
    for (key, value), count in sorted(counts.items(), key=lambda pair: (pair[0][0], -pair[1], pair[0][1])):
        facets.setdefault(key, {})[value] = count
    return facets


def _hit(stored: Mapping[str, Any], score: float, plan: QueryPlan) -> dict[str, Any]:
    """Return one expected hit: whoosh's stored fields, its score and a snippet of its texts."""
    lang = stored["lang"]
    terms = plan.terms.get(field_language(lang), frozenset())
    return {
        "facets": {key: list(values) for key, values in sorted(stored["facets"].items())},
        "id": stored["id"],
        "lang": lang,
        "missing": [],
        # The score ranked by (to 6 places), shown to 4.
        "score": round(round(score, 6), 4),
        "snippet": snippet((stored["body"], stored["summary"]), Analyser(lang), terms, plan.prefix),
        "title": stored["title"],
        "url": stored.get("url", ""),
    }


def _whoosh_results(
    directory: Path, text: str, options: Mapping[str, Any], limit: int = 10
) -> dict[str, Any]:
    """Return the results a search must give: whoosh's scored matches, described by its stored fields.

    Cases count once; a case shows its best narrative; hits go by score (to 6 places), then case
    id, then language.
    """
    lang = options.get("lang")
    with whoosh_searcher(directory) as reference:
        reader = reference.reader()
        languages = _languages(reader, lang)
        required = filter_terms(reader, lang, options.get("filters", {}))
        plan = _planner(directory, reader, languages).plan(text) if languages else None
        if plan is None or required is None:
            return SearchResults(query=text, total=0).as_dict()
        scored = [(hit.score, hit.fields()) for hit in _whoosh_hits(reference, plan, required)]
    named = {(item.key, item.value) for item in plan.recognised}

    def held(stored: Mapping[str, Any]) -> int:
        return sum(value in stored["facets"].get(key, ()) for key, value in named)

    # Named facet values first (hits.py), then score, case id and language.
    ranked = sorted(
        scored, key=lambda pair: (-held(pair[1]), -round(pair[0], 6), pair[1]["id"], pair[1]["lang"])
    )
    best: dict[str, tuple[float, Mapping[str, Any]]] = {}
    for score, stored in ranked:
        best.setdefault(stored["id"], (score, stored))
    shown = list(best.values())[:limit]
    texts = [
        (stored["lang"], stored[name])
        for _, stored in shown[:SUGGESTION_HITS]
        for name in ("title", "summary", "body")
    ]
    return {
        "facets": _facet_counts([stored for _, stored in scored]),
        "hits": [_hit(stored, score, plan) for score, stored in shown],
        "partial": False,
        "query": text,
        "recognised": [item.as_dict(plan.words) for item in plan.recognised],
        "suggestion": suggestion(plan.query_words, plan.corrections, texts),
        "total": len(best),
    }


def _in_order(facets: Mapping[str, Mapping[str, int]]) -> list[tuple[str, list[tuple[str, int]]]]:
    """Return facet counts as lists, so that comparing them compares their order too."""
    return [(key, list(counts.items())) for key, counts in facets.items()]


@pytest.mark.parametrize("options", OPTIONS)
def test_results_are_whooshs(index_dir: Path, options: dict[str, Any]) -> None:
    for text in QUERIES:
        found = search(index_dir, text, **options).as_dict()
        expected = _whoosh_results(index_dir, text, options)
        if found["partial"]:
            # No narrative has every word: whoosh's And finds none; partial matches are ours.
            assert expected["total"] == 0, text
            continue
        assert found == expected, text
        assert _in_order(found["facets"]) == _in_order(expected["facets"]), text


def test_a_long_page_is_whooshs(synthetic_index: Path) -> None:
    for text in ("जिला", "district", "प्र"):
        assert search(synthetic_index, text, limit=60).as_dict() == _whoosh_results(
            synthetic_index, text, {}, 60
        )


def test_ties_are_ordered_by_id_then_language(corpus: list[SearchDocument], tmp_path: Path) -> None:
    # Languages without rules share one set of fields, so equal texts score equally.
    same = replace(corpus[0], text="Wasserwirtschaft Flussgebiet")
    build_index(
        [
            replace(same, id="b-case", lang="zz"),
            replace(same, id="b-case", lang="zy"),
            replace(same, id="a-case", lang="zz"),
            replace(same, id="c-case", lang="zz"),
        ],
        tmp_path,
    )
    hits = search(tmp_path, "wasserwirtschaft", limit=2).hits
    assert [(hit.id, hit.lang) for hit in hits] == [("a-case", "zz"), ("b-case", "zy")]
    assert hits[0].score == hits[1].score
