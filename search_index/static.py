"""The browser index: the analysis and BM25F weights of `agk search`, in small script-loaded files.

Every file is JavaScript calling `__agkSearch(name, data)`, so the same folder works over HTTP
and from file:// (where Chromium blocks fetch). A query loads only what its words need:

    engine.js                 the query side (browser/engine.js) and the English stemmer, then
                              two data calls:
                              analysis (folding, scripts, stop words, suffix rules, compiled
                              from data/) and meta (field names, first term of every shard,
                              per-document columns): one request before the first shard
    snowball/*.js             the Snowball stemmers, loaded when a query word needs one
    t/<n>.js                  terms from shard boundary n: {term: [field, postings, …]}
    d/<doc>.js                a document's title, URL, summary and text (for snippets), zlib-
                              compressed and base64-encoded: a hit costs one ~7 kB file

Postings are varint strings (search_index/varint.py) of (document gap, term frequency); meta.js
holds each field's document lengths as whoosh stores them (one byte) and the byte-to-length
table, so the browser computes whoosh's BM25F scores exactly:
    idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * fl / avgfl)),  idf = log(N / (df + 1)) + 1,
fl the stored length, avgfl = total field length / N (1 when zero), summed with the boosts.
"""

from __future__ import annotations

import base64
import json
import shutil
import tempfile
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh.util.numeric import byte_to_length, length_to_byte

from search_index import varint
from search_index.analysis import Analyser, word_rules
from search_index.documents import PreparedDocument, SearchDocument, prepare_all
from search_index.language_data import LanguageRules, Stemmer, load_analysis_data
from search_index.query import (
    MIN_PREFIX_CHARS,
    PREFIX_EXPANSIONS,
    PREFIX_WEIGHT,
    STOP_WORD_SCORE,
    WEIGHTING,
)
from search_index.schema import LABELS_BOOST, LABELS_FIELD, PART_BOOSTS, field_language, text_field

FORMAT = 1
BROWSER_DIR = Path(__file__).resolve().parent / "browser"
# Shards close once their data passes this many characters (a very common term stays alone).
SHARD_CHARS = 12_000
# whoosh stores a field length in one byte; this table turns the byte back into a length.
LENGTH_TABLE = [int(byte_to_length(byte)) for byte in range(256)]
# engine.js is shipped with these stemmers inside it (English queries need no extra request).
ENGINE_PARTS = ("engine.js", "snowball/base-stemmer.js", "snowball/english-stemmer.js")


@dataclass(frozen=True)
class StaticReport:
    """What an export wrote."""

    documents: int
    terms: int
    shards: int
    files: int
    bytes: int


@dataclass
class _Postings:
    """Per term and field, (doc, tf) of every document; per field, lengths and their total."""

    rows: dict[str, dict[str, list[tuple[int, int]]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    lengths: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    totals: Counter[str] = field(default_factory=Counter)

    def add(self, docnum: int, fieldname: str, terms: list[str]) -> None:
        """Record one field of one document."""
        if not terms:
            return
        self.totals[fieldname] += len(terms)
        self.lengths[fieldname][docnum] = len(terms)
        for term, tf in sorted(Counter(terms).items()):
            self.rows[term][fieldname].append((docnum, tf))


def _ordered(documents: Iterable[SearchDocument]) -> list[PreparedDocument]:
    """Return prepared documents in (id, lang) order, the tie order of `agk search`."""
    prepared = prepare_all(documents)
    return sorted(prepared.values(), key=lambda item: (item.source.id, item.source.lang))


def _collect(ordered: list[PreparedDocument]) -> _Postings:
    """Analyse every document into per-field postings, exactly as the whoosh index does."""
    postings = _Postings()
    analysers: dict[str, Analyser] = {}
    labels = Analyser(None)
    for docnum, prepared in enumerate(ordered):
        document = prepared.source
        analyser = analysers.setdefault(document.lang, Analyser(document.lang))
        postings.add(docnum, text_field("title", document.lang), analyser.terms(document.title))
        postings.add(docnum, text_field("summary", document.lang), analyser.terms(document.summary))
        postings.add(docnum, text_field("body", document.lang), analyser.terms(document.text))
        postings.add(docnum, LABELS_FIELD, labels.terms("\n".join(document.labels)))
    return postings


def _gaps(pairs: Iterable[tuple[int, int]]) -> str:
    """Return (document, value) pairs as varints of (document gap, value)."""
    numbers: list[int] = []
    previous = 0
    for docnum, value in pairs:
        numbers += [docnum - previous, value]
        previous = docnum
    return varint.encode_all(numbers)


def _term_entries(postings: _Postings, fields: list[str]) -> dict[str, list[Any]]:
    """Return {term: [field index, postings, …]} in term order."""
    number = {name: index for index, name in enumerate(fields)}
    return {
        term: [
            item for name, rows in sorted(postings.rows[term].items()) for item in (number[name], _gaps(rows))
        ]
        for term in sorted(postings.rows)
    }


def _shards(entries: dict[str, list[Any]]) -> list[dict[str, list[Any]]]:
    """Cut the term-ordered entries into shards of about SHARD_CHARS characters."""
    shards: list[dict[str, list[Any]]] = []
    current: dict[str, list[Any]] = {}
    size = 0
    for term, entry in entries.items():
        current[term] = entry
        size += len(term) + sum(len(str(item)) for item in entry)
        if size >= SHARD_CHARS:
            shards.append(current)
            current, size = {}, 0
    if current or not shards:
        shards.append(current)
    return shards


def _facet_column(ordered: list[PreparedDocument], key: str) -> tuple[list[str], bool, str]:
    """Return a facet's sorted values, whether every document has exactly one, and the column:
    per document its value index (single) or a count then value indices."""
    values = sorted({value for item in ordered for value in item.facets.get(key, ())})
    index = {value: number for number, value in enumerate(values)}
    single = all(len(item.facets.get(key, ())) == 1 for item in ordered)
    numbers: list[int] = []
    for item in ordered:
        own = item.facets.get(key, ())
        numbers += [index[own[0]]] if single else [len(own), *(index[value] for value in own)]
    return values, single, varint.encode_all(numbers)


def _length_column(lengths: Mapping[int, int], documents: int) -> str:
    """Return the stored length byte of every document in one field (0 where it has none)."""
    return varint.encode_all(int(length_to_byte(lengths.get(doc, 0))) for doc in range(documents))


def _case_runs(ordered: list[PreparedDocument]) -> str:
    """Return the number of narratives of each case, in document order."""
    runs = Counter(item.source.id for item in ordered)
    return varint.encode_all(runs[case_id] for case_id in dict.fromkeys(item.source.id for item in ordered))


def _meta(
    ordered: list[PreparedDocument],
    postings: _Postings,
    fields: list[str],
    shards: list[dict[str, list[Any]]],
    facet_labels: Mapping[str, Mapping[str, str]],
) -> dict[str, Any]:
    """Return the contents of meta.js."""
    doc_langs = sorted({item.source.lang for item in ordered})
    facets: dict[str, Any] = {}
    for key in sorted({key for item in ordered for key in item.facets}):
        values, single, column = _facet_column(ordered, key)
        labels = facet_labels.get(key, {})
        facets[key] = {
            "docs": column,
            "labels": [labels.get(value, value) for value in values],
            "single": single,
            "values": values,
        }
    return {
        "format": FORMAT,
        "documents": len(ordered),
        "languages": sorted({field_language(item.source.lang) for item in ordered}),
        "fields": fields,
        "shards": [next(iter(shard), "") for shard in shards],
        "doc_langs": doc_langs,
        "doc_lang": varint.encode_all(doc_langs.index(item.source.lang) for item in ordered),
        "case_runs": _case_runs(ordered),
        "facets": facets,
        "lengths": {name: _length_column(postings.lengths[name], len(ordered)) for name in fields},
        "ranking": {
            "b": WEIGHTING.B,
            "boosts": {**dict(PART_BOOSTS), "labels": LABELS_BOOST},
            "k1": WEIGHTING.K1,
            "length_table": LENGTH_TABLE,
            "min_prefix": MIN_PREFIX_CHARS,
            "prefix_expansions": PREFIX_EXPANSIONS,
            "prefix_weight": PREFIX_WEIGHT,
            "stop_word_score": STOP_WORD_SCORE,
            "totals": dict(sorted(postings.totals.items())),
        },
    }


def _stemmer_data(stemmer: Stemmer) -> dict[str, Any]:
    """Return a stemmer specification as plain data for the browser."""
    if stemmer.method == "snowball":
        return {"method": "snowball", "algorithm": stemmer.algorithm, "repeat": stemmer.repeat}
    if stemmer.method == "suffix":
        stages = [
            {
                "after_strip_only": stage.after_strip_only,
                "rules": [[rule.suffix, list(rule.replacements), rule.min_stem] for rule in stage.rules],
            }
            for stage in stemmer.stages
        ]
        return {"method": "suffix", "stages": stages}
    return {"method": "none"}


def _language_data(rules: LanguageRules) -> dict[str, Any]:
    """Return one language's rules (stop words already folded, as the Python side uses them)."""
    folded = word_rules(rules.code)
    return {
        "script": rules.script,
        "stopwords": sorted(folded.stopwords),
        "word_final": [[rule.source, rule.target] for rule in rules.word_final],
        "stemmer": _stemmer_data(rules.stemmer),
    }


def analysis_payload() -> dict[str, Any]:
    """Return the analysis data compiled for the browser (the same values the Python side uses)."""
    data = load_analysis_data()
    return {
        "fingerprint": data.fingerprint,
        "scripts": [
            {
                "name": script.name,
                "ranges": [list(span) for span in script.ranges],
                "default": script.default_language,
            }
            for script in data.scripts
        ],
        "between_letters": [[rule.script, rule.source, rule.target] for rule in data.between_letters],
        "passes": [[[rule.source, rule.target] for rule in step] for step in data.passes],
        "digit_zeros": list(data.digit_zeros),
        "languages": {code: _language_data(rules) for code, rules in sorted(data.languages.items())},
    }


def _json(data: Any) -> str:
    """Return compact, deterministic JSON."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def script_file(name: str, data: Any) -> str:
    """Return the JavaScript of one data file."""
    return f"__agkSearch({json.dumps(name)},{_json(data)});\n"


def _compressed(data: Any) -> str:
    """Return JSON `data` zlib-compressed and base64-encoded (the browser inflates it)."""
    raw = _json(data).encode("utf-8")
    # Level 6: 2% larger than level 9 at 40% of the time (measured on synthetic Hindi text).
    return base64.b64encode(zlib.compress(raw, 6)).decode("ascii")


def _document_files(ordered: list[PreparedDocument]) -> dict[str, str]:
    """Return {relative path: JavaScript} of every document (text in NFC, as snippets expect)."""
    files: dict[str, str] = {}
    for docnum, prepared in enumerate(ordered):
        document = prepared.source
        card = {
            "id": document.id,
            "lang": document.lang,
            "summary": _nfc_text(document.summary),
            "text": _nfc_text(document.text),
            "title": _nfc_text(document.title),
            "url": document.url,
        }
        files[f"d/{docnum}.js"] = script_file(f"d{docnum}", {"z": _compressed(card)})
    return files


def _nfc_text(text: str) -> str:
    """Return `text` in NFC (snippets are computed on NFC text on both sides)."""
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class StaticIndex:
    """The files of a browser index ({relative path: JavaScript}) and what they hold."""

    files: Mapping[str, str]
    documents: int
    terms: int
    shards: int


def build_static(
    documents: Iterable[SearchDocument], facet_labels: Mapping[str, Mapping[str, str]] | None = None
) -> StaticIndex:
    """Return the data files of the browser index of `documents`."""
    ordered = _ordered(documents)
    postings = _collect(ordered)
    fields = sorted(postings.totals)
    shards = _shards(_term_entries(postings, fields))
    files = {
        "analysis.js": script_file("analysis", analysis_payload()),
        "meta.js": script_file("meta", _meta(ordered, postings, fields, shards, facet_labels or {})),
    }
    files.update({f"t/{number}.js": script_file(f"t{number}", shard) for number, shard in enumerate(shards)})
    files.update(_document_files(ordered))
    return StaticIndex(files=files, documents=len(ordered), terms=len(postings.rows), shards=len(shards))


def _bundled(folder: str, names: list[str]) -> set[str]:
    """copytree filter: the files that ENGINE_PARTS puts into engine.js."""
    relative = Path(folder).relative_to(BROWSER_DIR)
    return {name for name in names if (relative / name).as_posix() in ENGINE_PARTS}


def write_static_index(
    documents: Iterable[SearchDocument],
    out: Path,
    facet_labels: Mapping[str, Mapping[str, str]] | None = None,
) -> StaticReport:
    """Write the browser index of `documents` and the query code into `out`, replaced when complete."""
    index = build_static(documents, facet_labels)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        # The parts bundled into engine.js are not shipped a second time.
        shutil.copytree(BROWSER_DIR, staging, dirs_exist_ok=True, ignore=_bundled)
        engine = "\n".join((BROWSER_DIR / part).read_text(encoding="utf-8") for part in ENGINE_PARTS) + "\n"
        files = dict(index.files)
        files["engine.js"] = engine + files.pop("analysis.js") + files.pop("meta.js")
        for rel, text in files.items():
            target = staging / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    written = [path for path in out.rglob("*") if path.is_file()]
    return StaticReport(
        documents=index.documents,
        terms=index.terms,
        shards=index.shards,
        files=len(written),
        bytes=sum(path.stat().st_size for path in written),
    )
