"""One-pass scoring (search_index.query) against whoosh's own matchers and the former two-pass search.

`search` scores every match in one pass over the postings. These tests hold it to what whoosh
computes for the same query (`QueryPlan.whoosh_query`), to the last bit, and to the results of
the former implementation, which asked whoosh twice: once for all matching documents (total,
facets) and once for the scored hits. The former asked for a bounded number of hits; here the
reference asks whoosh for all of them, because whoosh's bounded search can drop better hits
(its block-quality pruning takes the maximum of an Or's parts where they add up).
"""

from __future__ import annotations

import io
import os
import unicodedata
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import query as wq

from benchmarks.search.corpus import COMMON, CorpusShape, documents
from search_index import query as query_module
from search_index.analysis import Analyser
from search_index.documents import SearchDocument
from search_index.index import FACET_SEPARATOR, build_index
from search_index.mapped_storage import _Window, open_mapped
from search_index.query import (
    WEIGHTING,
    QueryPlan,
    SearchResults,
    _filter_terms,
    _matches,
    _Planner,
    _present_languages,
    search,
)
from search_index.schema import field_language
from search_index.snippets import matching_words, snippet
from search_index.tokens import words

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


def _plans(searcher: Any, options: Mapping[str, Any]) -> Iterator[tuple[str, QueryPlan]]:
    """Yield the plan of every test query under `options` (queries without a plan are skipped)."""
    reader = searcher.reader()
    languages = _present_languages(reader)
    if options.get("lang"):
        languages = [code for code in languages if code == field_language(options["lang"])]
    for text in QUERIES:
        plan = _Planner(reader, languages).plan(text)
        if plan is not None:
            yield text, plan


def _whoosh_filter(required: tuple[tuple[str, str], ...]) -> Any:
    """Return the whoosh filter query of required (field, term) pairs."""
    return wq.And([wq.Term(fieldname, text) for fieldname, text in required]) if required else None


def _one_pass(searcher: Any, plan: QueryPlan, required: tuple[tuple[str, str], ...]) -> dict[int, float]:
    """Return the one-pass scores by global document number."""
    return {
        segment.offset + docnum: score
        for segment in _matches(searcher, plan, required)
        for docnum, score in segment.scores.items()
    }


def _compare_with_whoosh(directory: Path, options: Mapping[str, Any]) -> int:
    """Assert one-pass scores equal whoosh's for every test query; return how many queries matched."""
    compared = 0
    ix = open_mapped(directory)
    with ix.searcher(weighting=WEIGHTING) as searcher:
        required = _filter_terms(searcher.reader(), options.get("lang"), options.get("filters", {}))
        assert required is not None
        for text, plan in _plans(searcher, options):
            whoosh_query = plan.whoosh_query()
            expected = {
                hit.docnum: hit.score
                for hit in searcher.search(whoosh_query, filter=_whoosh_filter(required), limit=None)
            }
            found = _one_pass(searcher, plan, required)
            assert found == expected, text
            matching = whoosh_query if not required else wq.And([whoosh_query, _whoosh_filter(required)])
            assert set(found) == set(searcher.docs_for_query(matching)), text
            compared += bool(found)
    ix.close()
    return compared


@pytest.mark.parametrize("options", OPTIONS)
def test_scores_are_whooshs_to_the_last_bit(index_dir: Path, options: dict[str, Any]) -> None:
    assert _compare_with_whoosh(index_dir, options) > 0


def test_scores_follow_whooshs_union_trees(synthetic_index: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Segments above 5,000 documents make whoosh add an Or's parts through a tree of unions
    # (another order of additions); force that tree on both sides at this size.
    monkeypatch.setattr(query_module, "ARRAY_UNION_MAX_DOCS", 0)
    monkeypatch.setattr(wq.Or, "matcher_type", wq.Or.DEFAULT_MATCHER)
    assert _compare_with_whoosh(synthetic_index, {}) > 0


def test_whooshs_public_calls_alone_give_the_same_scores(
    synthetic_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the bulk reads of posting blocks and length columns, every posting and length
    # is read through whoosh's public calls.
    monkeypatch.setattr(query_module, "_read_blocks", lambda *_: None)
    monkeypatch.setattr(query_module, "_length_bytes", lambda *_: None)
    assert _compare_with_whoosh(synthetic_index, {}) > 0


def _former_facets(searcher: Any, docnums: list[int]) -> tuple[int, dict[str, dict[str, int]]]:
    """Count cases and facet values as the former implementation did."""
    ids = searcher.reader().column_reader("id")
    values = searcher.reader().column_reader("facet_values")
    per_case: dict[str, set[str]] = {}
    for docnum in docnums:
        items = per_case.setdefault(ids[docnum], set())
        blob = values[docnum]
        if blob:
            items.update(blob.decode("utf-8").split(FACET_SEPARATOR))
    counts = Counter(item for items in per_case.values() for item in items)
    facets: dict[str, dict[str, int]] = {}
    for item, count in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        key, _, value = item.partition("=")
        facets.setdefault(key, {})[value] = count
    return len(per_case), dict(sorted(facets.items()))


def _two_pass(directory: Path, text: str, options: Mapping[str, Any], limit: int = 10) -> dict[str, Any]:
    """Return the results of the former two-pass implementation (all hits scored, see above)."""
    lang = options.get("lang")
    ix = open_mapped(directory)
    with ix.searcher(weighting=WEIGHTING) as searcher:
        reader = searcher.reader()
        languages = _present_languages(reader)
        if lang is not None:
            languages = [code for code in languages if code == field_language(lang)]
        required = _filter_terms(reader, lang, options.get("filters", {}))
        plan = _Planner(reader, languages).plan(text) if languages else None
        if plan is None or required is None:
            ix.close()
            return SearchResults(query=text, total=0).as_dict()
        whoosh_filter = _whoosh_filter(required)
        matching = plan.whoosh_query() if not required else wq.And([plan.whoosh_query(), whoosh_filter])
        total, facets = _former_facets(searcher, sorted(set(searcher.docs_for_query(matching))))
        ids = reader.column_reader("id")
        langs = reader.column_reader("lang")
        ranked = [
            (round(hit.score, 6), ids[hit.docnum], langs[hit.docnum], hit.docnum)
            for hit in searcher.search(plan.whoosh_query(), filter=whoosh_filter, limit=None)
        ]
        ranked.sort(key=lambda item: (-item[0], item[1], item[2]))
        best: dict[str, tuple[float, str, str, int]] = {}
        for item in ranked:
            best.setdefault(item[1], item)
        hits = []
        for score, case_id, narrative_lang, docnum in list(best.values())[:limit]:
            stored = searcher.stored_fields(docnum)
            terms = plan.terms.get(field_language(narrative_lang), frozenset())
            analyser = Analyser(narrative_lang)
            hits.append(
                {
                    "facets": {key: list(values) for key, values in sorted(stored["facets"].items())},
                    "id": case_id,
                    "lang": narrative_lang,
                    "score": round(score, 4),
                    "snippet": snippet((stored["body"], stored["summary"]), analyser, terms, plan.prefix),
                    "title": stored["title"],
                    "url": stored.get("url", ""),
                }
            )
    ix.close()
    return {"facets": facets, "hits": hits, "query": text, "total": total}


@pytest.mark.parametrize("options", OPTIONS)
def test_results_equal_the_former_two_pass_search(index_dir: Path, options: dict[str, Any]) -> None:
    for text in QUERIES:
        assert search(index_dir, text, **options).as_dict() == _two_pass(index_dir, text, options), text


def test_a_long_page_equals_the_former_two_pass_search(synthetic_index: Path) -> None:
    for text in ("जिला", "district", "प्र"):
        assert search(synthetic_index, text, limit=60).as_dict() == _two_pass(synthetic_index, text, {}, 60)


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


def _former_matching_words(text: str, analyser: Analyser, terms: frozenset[str], prefix: str) -> list[int]:
    """The former matching_words: the text folded as a whole unless folding could join words."""
    if any(joiner in text for joiner in (":", "\u00ad")):
        folded = [analyser.fold_nfc(word) for word in words(text)]
    else:
        folded = words(analyser.fold_nfc(text))
    starts = {term[:2] for term in terms}
    return [
        index
        for index, word in enumerate(folded)
        if (word[:2] in starts and any(term in terms for term in analyser.word_terms(word)))
        or (prefix and word.startswith(prefix))
    ]


def test_matched_words_are_the_former_ones(corpus: list[SearchDocument]) -> None:
    extra = ["दु:ख और सु:ख योजना", "Ad\u00admin\u00adistration of SCHOOLS: schooling", "ﬁnance Straße STRASSE"]
    for document in corpus:
        analyser = Analyser(document.lang)
        texts = [unicodedata.normalize("NFC", text) for text in (document.text, document.summary, *extra)]
        vocabulary = sorted(set(analyser.folded_words(document.title)))
        for word in [*vocabulary, "दु:ख", "administration", "strasse"]:
            terms = frozenset(analyser.word_terms(word))
            for prefix in ("", word[:3]):
                for text in texts:
                    expected = _former_matching_words(text, analyser, terms, prefix)
                    assert matching_words(text, analyser, terms, prefix) == expected, (word, text[:40])


@given(
    data=st.binary(max_size=64),
    steps=st.lists(
        st.tuples(
            st.sampled_from(["read", "readline", "seek", "tell"]), st.integers(-3, 70), st.integers(0, 2)
        ),
        max_size=12,
    ),
)
def test_a_mapped_window_reads_as_a_file(data: bytes, steps: list[tuple[str, int, int]]) -> None:
    # bytes slice and find as a memory map does; the window covers `data` only.
    window = _Window(b"head" + data + b"tail", 4, len(data))  # type: ignore[arg-type]
    reference = io.BytesIO(data)
    for step, number, whence in steps:
        if step == "read":
            assert window.read(number) == reference.read(number)
        elif step == "readline":
            assert window.readline(number) == reference.readline(number)
        elif step == "seek":
            base = {os.SEEK_SET: 0, os.SEEK_CUR: reference.tell(), os.SEEK_END: len(data)}[whence]
            if base + number >= 0:
                assert window.seek(number, whence) == reference.seek(number, whence)
        assert window.tell() == reference.tell()
