"""engine.js analyses text exactly as Python does, run in Node: no browser needed.

The exported engine.js (with its analysis.js and meta.js) runs unchanged in Node (node_engine).
Both sides fold and split whole texts, and every language analyser turns the short texts of
parity_inputs into the same token stream: every character whose casefold() differs from lower(),
every letter, mark and digit of the analysis scripts in NFC and NFD (nukta letters, ZWJ/ZWNJ
after viramas, the digits of every script), the words of the fixture corpus and the samples,
and the word lists of the other analysis tests.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from search_index.analysis.analyser import Analyser, known_languages
from search_index.analysis.language_data import load_analysis_data
from search_index.analysis.tokens import words
from search_index.browser.export import write_static_index
from search_index.documents import SearchDocument
from search_index.errors import UnknownFacet
from search_index.index.build import build_index
from search_index.query.facets import filter_terms
from search_index.query.searching import search
from tests.search_index.browser.node_engine import evaluate, node_binary
from tests.search_index.browser.parity_inputs import (
    assigned_characters,
    casefold_characters,
    casefold_words,
    narratives,
    short_texts,
)
from tests.search_index.whoosh_reference import whoosh_searcher

# None analyses each word by its script's default language; "zz" is a language nobody knows.
LANGUAGES = [None, *known_languages(), "zz"]

FOLD = """async (engine, texts) => texts.map((text) => {
    const folded = engine.analysis.fold(text);
    return [folded, engine.analysis.words(folded)];
})"""

TOKEN_STREAMS = """async (engine, input) => {
    const analysis = engine.analysis;
    await analysis.prepare(Object.keys(analysis.languages));
    const out = {};
    for (const lang of input.languages) {
        const analyser = new AgkSearch.Analyser(analysis, lang);
        out[lang === null ? "*" : lang] = input.texts.map(
            (text) => analyser.tokenTerms(text));
    }
    return out;
}"""


@pytest.fixture(scope="module")
def node() -> str:
    """Return the node binary (skip, or fail under CI, without one)."""
    return node_binary()


@pytest.fixture(scope="module")
def exported(corpus: list[SearchDocument], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder of the browser index of the fixture corpus."""
    folder = tmp_path_factory.mktemp("node-index") / "search"
    write_static_index(corpus, folder)
    return folder


def _mismatches(inputs: list[str], expected: list[Any], found: list[Any]) -> list[tuple[str, Any, Any]]:
    """Return (input, Python's answer, engine.js's answer) wherever the two differ."""
    return [(text, want, got) for text, want, got in zip(inputs, expected, found, strict=True) if want != got]


def _where(want: str, got: str) -> tuple[str, str]:
    """Return both folded texts around their first difference (texts can be long)."""
    at = next((index for index, pair in enumerate(zip(want, got, strict=False)) if pair[0] != pair[1]), 0)
    return want[max(0, at - 10) : at + 20], got[max(0, at - 10) : at + 20]


def test_folding_and_words_match_python(node: str, exported: Path, corpus: list[SearchDocument]) -> None:
    texts = [*narratives(corpus), *assigned_characters(), *casefold_words()]
    folder = Analyser(None)
    expected = [[folded, words(folded)] for folded in map(folder.fold, texts)]
    found = evaluate(node, exported, FOLD, texts)
    mismatches = _mismatches(texts, expected, found)
    assert not mismatches, (len(mismatches), [_where(want[0], got[0]) for _, want, got in mismatches[:5]])


@pytest.fixture(scope="module")
def inputs(corpus: list[SearchDocument]) -> list[str]:
    """Return the short texts every analyser is compared on."""
    return short_texts(corpus, load_analysis_data())


@pytest.fixture(scope="module")
def streams(node: str, exported: Path, inputs: list[str]) -> dict[str, list[Any]]:
    """Return {language or "*": engine.js's token streams of the inputs} (one Node run)."""
    found: dict[str, list[Any]] = evaluate(
        node, exported, TOKEN_STREAMS, {"texts": inputs, "languages": LANGUAGES}
    )
    return found


def test_the_inputs_cover_what_they_should(inputs: list[str]) -> None:
    assert set(casefold_characters()) <= set(inputs)
    joined = "\n".join(inputs)
    # Nukta letters precomposed and decomposed, the joiners, every script's digits.
    assert all(
        part in joined for part in ("\u095b", "\u091c\u093c", "\u0a36", "\u0a38\u0a3c", "\u200c", "\u200d")
    )
    assert all(chr(zero + 7) in joined for zero in load_analysis_data().digit_zeros)
    assert len(inputs) > 20_000


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang or "by-script")
def test_every_analyser_gives_the_terms_of_python(
    lang: str | None, inputs: list[str], streams: dict[str, list[Any]]
) -> None:
    analyser = Analyser(lang)
    expected = [[list(terms) for terms in analyser.token_terms(text)] for text in inputs]
    mismatches = _mismatches(inputs, expected, streams["*" if lang is None else lang])
    assert not mismatches, (len(mismatches), mismatches[:5])


FACET_VALUES = ["Straße", "µg unit", "ﬁnance", "ᏸ", "Ὀδός", "İstanbul"]
# Python compares filter values by casefold(): ß is ss, µ (micro) is μ (mu), ς is σ, ﬁ is fi.
FILTERS = [
    "STRASSE", "strasse", " straße ", "μG UNIT", "µg UNIT", "FINANCE", "Ᏸ", "ᏸ", "ὈΔΌΣ", "ὀδόσ",
    "i̇stanbul", "ISTANBUL", "nothing",
]  # fmt: skip


def _document(case_id: str, state: str) -> SearchDocument:
    """Return an English narrative about water in `state`."""
    return SearchDocument(
        id=case_id, lang="en", title="Water", summary="", text="water", facets={"state": (state,)}, labels=()
    )


@pytest.fixture(scope="module")
def facet_indexes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a folder with a whoosh index ("whoosh") and a browser index ("search") of documents
    whose state is one of FACET_VALUES."""
    folder = tmp_path_factory.mktemp("facets")
    documents = [_document(f"case-{number}", value) for number, value in enumerate(FACET_VALUES)]
    build_index(documents, folder / "whoosh")
    write_static_index(documents, folder / "search")
    return folder


def test_facet_values_compare_as_in_python(node: str, facet_indexes: Path) -> None:
    with whoosh_searcher(facet_indexes / "whoosh") as searcher:
        terms = [filter_terms(searcher.reader(), None, {"state": value}) for value in FILTERS]
    expected = [None if found is None else found[0][1] for found in terms]
    script = """async (engine, values) => values.map((value) => {
        const index = engine.facetValue("state", value);
        return index < 0 ? null : engine.meta.facets.state.values[index];
    })"""
    assert evaluate(node, facet_indexes / "search", script, FILTERS) == expected
    assert expected[:3] == ["Straße"] * 3
    assert expected.count(None) == 2  # ISTANBUL casefolds to istanbul, not i̇stanbul


def test_an_unknown_facet_is_refused_as_in_python(node: str, facet_indexes: Path) -> None:
    with pytest.raises(UnknownFacet) as refused:
        search(facet_indexes / "whoosh", "water", filters={"colour": "red"})
    script = """async (engine) => engine.search("water", {filters: {colour: "red"}}).then(
        () => "answered", (error) => error.message)"""
    assert evaluate(node, facet_indexes / "search", script) == str(refused.value)
