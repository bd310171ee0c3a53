"""The browser index's postings: per term and field, (document gap, term frequency) varints,
cut into term-ordered shards."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from search_index.analysis.analyser import Analyser
from search_index.browser import varint
from search_index.documents import PreparedDocument
from search_index.fields import LABELS_FIELD, text_field

# Shards close once their data passes this many characters (a very common term stays alone).
SHARD_CHARS = 8_000


@dataclass
class Postings:
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


def collect(ordered: list[PreparedDocument]) -> Postings:
    """Analyse every document into per-field postings, exactly as the whoosh index does."""
    postings = Postings()
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


def term_entries(postings: Postings, fields: list[str]) -> dict[str, list[Any]]:
    """Return {term: [field index, postings, …]} in term order."""
    number = {name: index for index, name in enumerate(fields)}
    return {
        term: [
            item for name, rows in sorted(postings.rows[term].items()) for item in (number[name], _gaps(rows))
        ]
        for term in sorted(postings.rows)
    }


def shards(entries: dict[str, list[Any]], size_chars: int = SHARD_CHARS) -> list[dict[str, list[Any]]]:
    """Cut the term-ordered entries into shards of about `size_chars` characters."""
    found: list[dict[str, list[Any]]] = []
    current: dict[str, list[Any]] = {}
    size = 0
    for term, entry in entries.items():
        current[term] = entry
        size += len(term) + sum(len(str(item)) for item in entry)
        if size >= size_chars:
            found.append(current)
            current, size = {}, 0
    if current or not found:
        found.append(current)
    return found


def boundaries(cut: list[dict[str, list[Any]]]) -> list[str]:
    """Return, per shard, the shortest string after the previous shard's last term and not after
    its own first one: what a binary search needs to find a term's shard, in fewer bytes."""
    found: list[str] = []
    previous = ""
    for shard in cut:
        first = next(iter(shard), "")
        cut_at = next((n for n in range(1, len(first) + 1) if first[:n] > previous), len(first))
        found.append(first[:cut_at] if found else "")
        previous = next(reversed(shard), previous)
    return found
