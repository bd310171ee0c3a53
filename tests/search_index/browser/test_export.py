"""The browser index (search_index.browser.export): weights equal to whoosh's, files, layout, and
the tables compiled for engine.js."""

from __future__ import annotations

import base64
import dataclasses
import json
import math
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from whoosh import query as wq
from whoosh.scoring import bm25

from search_index.analysis.language_data import Stemmer, load_analysis_data
from search_index.browser import varint
from search_index.browser.export import ASSETS_DIR, build_static, write_static_index
from search_index.browser.snowball_scripts import snowball_scripts
from search_index.documents import FACET_KEYS, SearchDocument
from search_index.fields import LABELS_FIELD, OTHER_LANGUAGE, PARTS, field_language
from tests.search_index.whoosh_reference import whoosh_searcher


def payload(text: str) -> Any:
    """Return the data of one generated script file."""
    assert text.startswith("__agkSearch(") and text.endswith(");\n")
    _name, _, data = text[len("__agkSearch(") : -3].partition(",")
    return json.loads(data)


def _field_lengths(meta: Mapping[str, Any], fieldname: str) -> list[int]:
    """Return the stored length byte of every document in one field, from meta's doc_lengths."""
    values = varint.decode_all(meta["doc_lengths"])
    names = [meta["doc_langs"][number] for number in varint.decode_all(meta["doc_lang"])]
    per_doc = len(meta["parts"]) + 1
    found = []
    for doc, lang in enumerate(names):
        own = [f"{part}_{field_language(lang)}" for part in meta["parts"]] + [meta["labels_field"]]
        found.append(values[doc * per_doc + own.index(fieldname)] if fieldname in own else 0)
    return found


def _weights(files: Mapping[str, str], fieldname: str, term: str) -> dict[int, float]:
    """Return {docnum: BM25F weight} of one term in one field, from the shards and meta.js."""
    meta = payload(files["meta.js"])
    field_index = meta["fields"].index(fieldname)
    ranking = meta["ranking"]
    table = ranking["length_table"]
    documents = meta["documents"]
    lengths = [table[byte] for byte in _field_lengths(meta, fieldname)]
    average = ranking["totals"][fieldname] / documents or 1.0
    for name, text in files.items():
        shard = payload(text) if name.startswith("t/") else {}
        entry = shard.get(term, [])
        for index in range(0, len(entry), 2):
            if entry[index] == field_index:
                numbers = varint.decode_all(entry[index + 1])
                # whoosh's idf over all documents, the formula engine.js implements.
                term_idf = math.log(documents / (len(numbers) // 2 + 1)) + 1
                found, doc = {}, 0
                for at in range(0, len(numbers), 2):
                    doc += numbers[at]
                    found[doc] = bm25(
                        term_idf, numbers[at + 1], lengths[doc], average, ranking["b"], ranking["k1"]
                    )
                return found
    return {}


def test_weights_equal_whoosh_scores(corpus: list[SearchDocument], corpus_index: Path) -> None:
    files = dict(build_static(corpus).files)
    order = sorted(corpus, key=lambda d: (d.id, d.lang))
    docnum_of = {f"{d.id}/{d.lang}": n for n, d in enumerate(order)}
    compared = 0
    with whoosh_searcher(corpus_index) as searcher:
        reader = searcher.reader()
        keys = reader.column_reader("key")
        for fieldname in ("title_hi", "summary_hi", "body_hi", "body_en", "body_ta", "labels"):
            for raw in list(reader.lexicon(fieldname))[:25]:
                term = raw.decode("utf-8")
                expected = {
                    docnum_of[keys[hit.docnum]]: hit.score
                    for hit in searcher.search(wq.Term(fieldname, term), limit=None)
                }
                found = _weights(files, fieldname, term)
                assert found.keys() == expected.keys(), (fieldname, term)
                for doc, score in expected.items():
                    assert found[doc] == pytest.approx(score, rel=1e-12), (fieldname, term)
                compared += 1
    assert compared >= 100


def _document(case_id: str, lang: str, text: str, **facets: tuple[str, ...]) -> SearchDocument:
    return SearchDocument(
        id=case_id, lang=lang, title=f"Title {case_id}", summary="A summary.", text=text,
        facets=facets or {"state": ("UP",)}, labels=("Health",), url=f"{lang}/cases/{case_id}/index.html",
    )  # fmt: skip


def card(files: Mapping[str, str], docnum: int) -> Any:
    """Return the decompressed document file of `docnum`."""
    return json.loads(zlib.decompress(base64.b64decode(payload(files[f"d/{docnum}.js"])["z"])))


def test_documents_carry_their_text_compressed() -> None:
    text = "पानी की योजना। " * 400
    files = build_static([_document("b-case", "hi", text), _document("a-case", "en", "short text")]).files
    assert card(files, 0) == {
        "id": "a-case", "lang": "en", "summary": "A summary.", "text": "short text",
        "title": "Title a-case", "url": "en/cases/a-case/index.html",
    }  # fmt: skip
    assert card(files, 1)["text"] == text
    assert len(files["d/1.js"]) < len(text.encode("utf-8")) / 3
    assert "d/2.js" not in files


def test_meta_columns_describe_every_document() -> None:
    documents = [
        _document("a", "en", "water", state=("UP",), sdg=("6", "3")),
        _document("a", "hi", "पानी", state=("UP",), sdg=("6", "3")),
        _document("b", "ta", "நீர்", state=("TN",), sdg=()),
    ]
    meta = payload(build_static(documents, {"state": {"UP": "Uttar Pradesh"}}).files["meta.js"])
    assert meta["documents"] == 3
    assert meta["languages"] == ["en", "hi", "ta"]
    assert varint.decode_all(meta["case_runs"]) == [2, 1]
    assert [meta["doc_langs"][i] for i in varint.decode_all(meta["doc_lang"])] == ["en", "hi", "ta"]
    state = meta["facets"]["state"]
    assert state["values"] == ["TN", "UP"] and state["labels"] == ["TN", "Uttar Pradesh"]
    assert state["single"] and varint.decode_all(state["docs"]) == [1, 1, 0]
    sdg = meta["facets"]["sdg"]
    assert not sdg["single"]
    # Documents share sets of values: two sets here, one of them empty.
    assert sdg["sets"] == [[], [0, 1]]
    per_doc = [[sdg["values"][v] for v in sdg["sets"][n]] for n in varint.decode_all(sdg["docs"])]
    assert per_doc == [["3", "6"], ["3", "6"], []]
    # Four length bytes per document: its own title, summary, body and labels.
    assert len(varint.decode_all(meta["doc_lengths"])) == 3 * 4


def test_hostile_text_stays_data(tmp_path: Path) -> None:
    hostile = '</script><script>alert(1)</script> "); alert(2); (" \u2028'
    document = SearchDocument(
        id="x", lang="en", title=hostile, summary=hostile, text=hostile, facets={}, labels=(), url=""
    )
    files = build_static([document]).files
    for text in files.values():
        # Every file is exactly one call whose argument parses as JSON.
        assert text.count("\n") == 1
        payload(text)
    assert card(files, 0)["title"] == hostile


def test_output_is_deterministic_and_replaced_whole(corpus: list[SearchDocument], tmp_path: Path) -> None:
    first = build_static(corpus).files
    assert build_static(list(reversed(corpus))).files == first
    out = tmp_path / "search"
    write_static_index(corpus, out)
    (out / "stale.js").write_text("old", encoding="utf-8")
    report = write_static_index(corpus[:3], out)
    assert not (out / "stale.js").exists()
    assert (out / "snowball" / "LICENSE").is_file() and not (out / "meta.js").exists()
    engine = (out / "engine.js").read_text(encoding="utf-8")
    assert engine.endswith(
        build_static(corpus[:3]).files["analysis.js"] + build_static(corpus[:3]).files["meta.js"]
    )
    assert report.documents == 3 and report.files == len([p for p in out.rglob("*") if p.is_file()])
    assert [p.name for p in tmp_path.iterdir()] == ["search"]


def test_analysis_names_the_script_and_class_of_every_snowball_stemmer(tmp_path: Path) -> None:
    analysis = payload(build_static([_document("a", "en", "water")]).files["analysis.js"])
    snowball = analysis["snowball"]
    used = {
        rules["stemmer"]["algorithm"]
        for rules in analysis["languages"].values()
        if rules["stemmer"]["method"] == "snowball"
    }
    assert set(snowball) == used and {"english", "nepali", "tamil"} <= used
    write_static_index([_document("a", "en", "water")], tmp_path / "search")
    for algorithm, entry in snowball.items():
        script = (ASSETS_DIR / entry["file"]).read_text(encoding="utf-8")
        # The vendored script defines the class Python's snowballstemmer names.
        assert f"var {entry['class']}=function" in script, algorithm
        shipped = tmp_path / "search" / entry["file"]
        assert shipped.is_file() or algorithm == "english"  # English rides in engine.js


def test_a_snowball_algorithm_without_a_browser_stemmer_fails_the_export() -> None:
    data = load_analysis_data()
    danish = dataclasses.replace(data.languages["en"], stemmer=Stemmer(method="snowball", algorithm="danish"))
    with pytest.raises(FileNotFoundError, match="danish"):
        snowball_scripts(dataclasses.replace(data, languages={**data.languages, "en": danish}))


def test_meta_names_the_facets_and_how_fields_are_named() -> None:
    meta = payload(
        build_static([_document("a", "en", "water", state=("UP",), colour=("red",))]).files["meta.js"]
    )
    assert meta["facet_keys"] == sorted({*FACET_KEYS, "colour"})
    assert meta["parts"] == list(PARTS) and meta["labels_field"] == LABELS_FIELD
    assert meta["other_language"] == OTHER_LANGUAGE
    assert {f"{part}_en" for part in meta["parts"]} | {meta["labels_field"]} == set(meta["fields"])
    assert set(meta["ranking"]["boosts"]) == {*meta["parts"], meta["labels_field"]}
