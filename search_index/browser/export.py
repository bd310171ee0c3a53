"""The browser index: the analysis and BM25F weights of `agk search`, in small script-loaded files.

Every file is JavaScript calling `__agkSearch(name, data)` (script_files), so the same folder
works over HTTP and from file://. A query loads only what its words need:

    engine.js                 the query side (assets/engine.js) and the English stemmer, then
                              two data calls:
                              analysis (folding, scripts, stop words, suffix rules, compiled
                              from data/, and the casefold and Snowball tables Python's own
                              libraries give: analysis_payload) and meta (field names, first
                              term of every shard, per-document columns, facet names, ranking:
                              meta): one request before the first shard
    snowball/*.js             the Snowball stemmers, loaded when a query word needs one
    names/<hex>.js            the facet names (facet_names) starting with the letter of that code
                              point: a query loads those of its words' first letters
    t/<n>.js                  terms from shard boundary n: {term: [field, postings, …]} (postings)
    k/<n>.js                  lexicon keys from shard boundary n: {key: [term, …]} (lexicon/), read
                              for Roman-letter words and for words found nowhere (typos)
    d/<doc>.js                a document's title, URL, summary and text (for snippets), zlib-
                              compressed and base64-encoded: a hit costs one ~7 kB file
"""

from __future__ import annotations

import shutil
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from search_index.browser.analysis_payload import analysis_payload
from search_index.browser.meta import meta
from search_index.browser.postings import boundaries, collect, shards, term_entries
from search_index.browser.script_files import compressed, script_file
from search_index.documents import PreparedDocument, SearchDocument, prepare_all
from search_index.facet_names import NameTable, name_table
from search_index.lexicon.table import lexicon_table

ASSETS_DIR = Path(__file__).resolve().parent / "assets"
# Lexicon key shards are smaller than term shards: a word read as romanised or misspelt looks
# up a few keys scattered over the key space, and only their entries are needed.
KEY_SHARD_CHARS = 2_500
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


@dataclass(frozen=True)
class StaticIndex:
    """The files of a browser index ({relative path: JavaScript}) and what they hold."""

    files: Mapping[str, str]
    documents: int
    terms: int
    shards: int


def _ordered(documents: Iterable[SearchDocument]) -> list[PreparedDocument]:
    """Return prepared documents in (id, lang) order, the tie order of `agk search`."""
    prepared = prepare_all(documents)
    return sorted(prepared.values(), key=lambda item: (item.source.id, item.source.lang))


def _nfc_text(text: str) -> str:
    """Return `text` in NFC (snippets are computed on NFC text on both sides)."""
    return unicodedata.normalize("NFC", text)


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
        files[f"d/{docnum}.js"] = script_file(f"d{docnum}", {"z": compressed(card)})
    return files


def _name_files(table: NameTable) -> dict[str, str]:
    """Return {relative path: JavaScript} of the names table cut by the first letter of each name
    (a query loads the files of its words' first letters: a few hundred bytes each)."""
    parts: dict[str, NameTable] = {}
    for form, entries in table.items():
        parts.setdefault(f"{ord(form[0]):x}", {})[form] = entries
    return {f"names/{first}.js": script_file(f"names-{first}", part) for first, part in sorted(parts.items())}


def build_static(
    documents: Iterable[SearchDocument],
    facet_labels: Mapping[str, Mapping[str, str]] | None = None,
    names: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
) -> StaticIndex:
    """Return the data files of the browser index of `documents` (names: see facet_names)."""
    ordered = _ordered(documents)
    postings = collect(ordered)
    fields = sorted(postings.totals)
    cut = shards(term_entries(postings, fields))
    name_files = _name_files(name_table(names or {}))
    frequencies = {term: sum(map(len, rows.values())) for term, rows in postings.rows.items()}
    key_cut = shards(dict(lexicon_table(frequencies)), KEY_SHARD_CHARS)
    described = meta(ordered, postings, fields, cut, facet_labels or {})
    # The first letters that have a names file: the engine asks for no file that is not there.
    described["name_letters"] = sorted(path.split("/")[1].removesuffix(".js") for path in name_files)
    described["key_shards"] = boundaries(key_cut)
    files = {
        "analysis.js": script_file("analysis", analysis_payload()),
        "meta.js": script_file("meta", described),
        **name_files,
    }
    files.update({f"t/{number}.js": script_file(f"t{number}", shard) for number, shard in enumerate(cut)})
    files.update({f"k/{number}.js": script_file(f"k{number}", shard) for number, shard in enumerate(key_cut)})
    files.update(_document_files(ordered))
    return StaticIndex(files=files, documents=len(ordered), terms=len(postings.rows), shards=len(cut))


def _without_comments(code: str) -> str:
    """Return our JavaScript without comment lines and indentation (a third of engine.js's bytes).

    Only whole comment lines go (`//` lines and `/* … */` blocks that start a line), so code and
    literals are untouched; the vendored Snowball files keep their licence notices (not passed here).
    """
    kept: list[str] = []
    in_block = False
    for line in code.splitlines():
        text = line.strip()
        if in_block:
            in_block = "*/" not in text
            continue
        if text.startswith("/*"):
            in_block = "*/" not in text
            continue
        if text and not text.startswith("//"):
            kept.append(text)
    return "\n".join(kept)


def _shipped(part: str) -> str:
    """Return one part of engine.js as shipped: ours without comment lines, vendored ones as they are."""
    code = (ASSETS_DIR / part).read_text(encoding="utf-8")
    return _without_comments(code) if part == "engine.js" else code


def _bundled(folder: str, names: list[str]) -> set[str]:
    """copytree filter: the files that ENGINE_PARTS puts into engine.js."""
    relative = Path(folder).relative_to(ASSETS_DIR)
    return {name for name in names if (relative / name).as_posix() in ENGINE_PARTS}


def write_static_index(
    documents: Iterable[SearchDocument],
    out: Path,
    facet_labels: Mapping[str, Mapping[str, str]] | None = None,
    names: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
) -> StaticReport:
    """Write the browser index of `documents` and the query code into `out`, replaced when complete."""
    index = build_static(documents, facet_labels, names)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        # The parts bundled into engine.js are not shipped a second time.
        shutil.copytree(ASSETS_DIR, staging, dirs_exist_ok=True, ignore=_bundled)
        engine = "\n".join(_shipped(part) for part in ENGINE_PARTS) + "\n"
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
