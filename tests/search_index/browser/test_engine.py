"""The browser engine (browser/assets/engine.js) in Chromium gives the answers of `agk search`.

The static index of the fixture corpus is loaded from file:// (script-loaded shards) and every
row of the relevance table is asked of both sides; the analysis is compared word by word here
too (test_analysis_in_node compares it on many more inputs, without a browser).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.search.corpus import CorpusShape
from benchmarks.search.corpus import documents as corpus_documents_of
from benchmarks.search.run import queries as benchmark_queries
from search_index.analysis.analyser import Analyser, known_languages
from search_index.browser.export import write_static_index
from search_index.documents import SearchDocument
from search_index.index.build import build_index
from search_index.query.searching import search
from tests.browser import PageWatch, open_page
from tests.search_index.browser.parity_inputs import corpus_words
from tests.search_index.search_fixtures import corpus_names, load_json

TABLE = load_json("relevance.json")
ROWS = [
    pytest.param(row, id=f"{language}:{row['query']}:{row.get('lang') or '*'}:{index}")
    for language, rows in sorted(TABLE["languages"].items())
    for index, row in enumerate(rows)
]


@pytest.fixture(scope="module")
def index_page(corpus: list[SearchDocument], tmp_path_factory: pytest.TempPathFactory) -> str:
    """Return the file:// URL of a page next to the static index of the fixture corpus."""
    folder = tmp_path_factory.mktemp("browser-index")
    write_static_index(corpus, folder / "search", names=corpus_names())
    page = folder / "index.html"
    page.write_text(
        '<!doctype html><meta charset="utf-8"><title>engine</title><script src="search/engine.js"></script>',
        encoding="utf-8",
    )
    return page.as_uri()


@pytest.fixture(scope="module")
def engine_page(browser: Any, index_page: str) -> Iterator[PageWatch]:
    """One page with the engine opened (shared by the tests of this module)."""
    watch = open_page(browser)
    watch.page.goto(index_page)
    watch.page.evaluate("() => AgkSearch.open('search/').then(() => true)")
    yield watch
    watch.page.context.close()


def browser_search(page: Any, query: str, lang: str | None, filters: dict[str, str]) -> dict[str, Any]:
    """Run one query in the page; return ids, total and facets as the CLI reports them."""
    script = """async ([query, lang, filters]) => {
        const engine = await AgkSearch.open('search/');
        const result = await engine.search(query, {lang: lang, filters: filters, limit: 10});
        const ids = [];
        for (const hit of result.hits) ids.push((await engine.document(hit.doc)).id);
        return {ids, total: result.total, facets: result.facets, scores: result.hits.map(h => h.score),
                partial: result.partial, recognised: result.recognised, missing: result.hits.map(h => h.missing),
                suggestion: result.suggestion};
    }"""
    found: dict[str, Any] = page.evaluate(script, [query, lang, filters])
    return found


@pytest.mark.parametrize("row", ROWS)
def test_browser_answers_like_the_cli(
    engine_page: PageWatch, corpus_index: Path, row: dict[str, Any]
) -> None:
    filters = row.get("filters", {})
    cli = search(corpus_index, row["query"], lang=row.get("lang"), filters=filters)
    found = browser_search(engine_page.page, row["query"], row.get("lang"), filters)
    assert found["ids"] == [hit.id for hit in cli.hits], row["why"]
    assert found["total"] == cli.total
    assert found["facets"] == {key: dict(counts) for key, counts in cli.facets.items()}
    assert found["scores"] == pytest.approx([hit.score for hit in cli.hits], abs=1e-4)
    assert found["partial"] == cli.partial
    assert found["recognised"] == [dict(item) for item in cli.recognised]
    assert found["missing"] == [list(hit.missing) for hit in cli.hits]
    assert found["suggestion"] == cli.suggestion
    assert sorted(found["ids"]) == sorted(row["matches"]), row["why"]
    assert not engine_page.errors


def test_analysis_matches_python_word_for_word(engine_page: PageWatch, corpus: list[SearchDocument]) -> None:
    words = corpus_words(corpus)
    languages = [None, *known_languages(), "sa"]
    expected = {lang or "*": [Analyser(lang).terms(word) for word in words] for lang in languages}
    script = """async ([words, languages]) => {
        const engine = await AgkSearch.open('search/');
        const analysis = engine.analysis;
        await analysis.prepare(Object.keys(analysis.languages));
        const out = {};
        for (const lang of languages) {
            const analyser = new AgkSearch.Analyser(analysis, lang);
            out[lang || "*"] = words.map(w => analyser.terms(w));
        }
        return out;
    }"""
    found = engine_page.page.evaluate(script, [words, languages])
    for lang, wanted in expected.items():
        mismatches = [
            (word, want, got)
            for word, want, got in zip(words, wanted, found[lang], strict=True)
            if want != got
        ]
        assert not mismatches, (lang, mismatches[:10])
    assert len(words) > 10_000


def test_snippet_marks_the_matching_words(engine_page: PageWatch) -> None:
    script = """async () => {
        const engine = await AgkSearch.open('search/');
        const result = await engine.search('योजनाएं', {limit: 3});
        const hit = result.hits[0];
        const card = await engine.document(hit.doc);
        const pieces = engine.snippet([card.text, card.summary], card.lang,
                                      result.terms[card.lang] || {}, result.prefix);
        return pieces.filter(p => p[1]).map(p => p[0]);
    }"""
    marked = engine_page.page.evaluate(script)
    assert marked and all(word.startswith("योजना") for word in marked)


def test_a_query_loads_only_the_shards_it_needs(browser: Any, index_page: str) -> None:
    watch = open_page(browser)
    try:
        watch.page.goto(index_page)
        watch.page.evaluate("() => AgkSearch.open('search/').then(e => e.search('पानी', {}))")
        loaded = [url.rsplit("/search/", 1)[1] for url in watch.requests if "/search/" in url]
        shards = [name for name in loaded if name.startswith("t/")]
        # meta and analysis ride in engine.js: one request before the shards.
        assert "engine.js" in loaded and not {"meta.js", "analysis.js"} & set(loaded)
        assert 1 <= len(shards) <= 3, loaded
        # Hindi needs no Snowball stemmer and English's rides in engine.js; Tamil's loads on demand.
        watch.page.evaluate("() => AgkSearch.open('search/').then(e => e.search('water', {}))")
        assert not [url for url in watch.requests if "/snowball/" in url]
        watch.page.evaluate("() => AgkSearch.open('search/').then(e => e.search('அலுவலர்', {}))")
        assert [url.rsplit("/", 1)[1] for url in watch.requests if "/snowball/" in url] == [
            "tamil-stemmer.js"
        ]
        assert not watch.errors and not watch.external_requests()
    finally:
        watch.page.context.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A 300-narrative synthetic corpus in seven languages: whoosh index and browser index page."""
    documents = list(corpus_documents_of(CorpusShape(300)))
    folder = tmp_path_factory.mktemp("synthetic")
    build_index(documents, folder / "whoosh")
    write_static_index(documents, folder / "search")
    page = folder / "index.html"
    page.write_text('<!doctype html><meta charset="utf-8"><script src="search/engine.js"></script>', "utf-8")
    return folder / "whoosh", page.as_uri()


# Benchmark queries (words, pairs, prefixes, a language, a state), plus short prefixes that expand
# to more than PREFIX_EXPANSIONS terms and a query mixing a Marathi stop word with Hindi text.
SYNTHETIC_QUERIES = [*benchmark_queries()[:60], ("प्र", {}), ("ad", {}), ("आणि योजना", {})]


def test_browser_answers_like_the_cli_on_a_larger_corpus(browser: Any, synthetic: tuple[Path, str]) -> None:
    index, url = synthetic
    watch = open_page(browser)
    try:
        watch.page.goto(url)
        for query, options in SYNTHETIC_QUERIES:
            lang, filters = options.get("lang"), options.get("filters", {})
            cli = search(index, query, lang=lang, filters=filters)
            found = browser_search(watch.page, query, lang, filters)
            assert found["ids"] == [hit.id for hit in cli.hits], query
            assert found["total"] == cli.total, query
            assert found["facets"] == {key: dict(counts) for key, counts in cli.facets.items()}, query
            assert found["scores"] == pytest.approx([hit.score for hit in cli.hits], abs=2e-4), query
        assert not watch.errors
    finally:
        watch.page.context.close()
