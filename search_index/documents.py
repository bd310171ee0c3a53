"""The plain search document builder hands to search_index, and its validation and hashing."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from search_index.errors import InvalidDocument

# The facet keys builder sends today; any key matching _FACET_KEY is accepted.
FACET_KEYS = ("language", "level", "note", "sdg", "sector", "state", "type", "year")
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_LANG = re.compile(r"[a-z]{2,3}")
_FACET_KEY = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class SearchDocument:
    """One narrative of one case study, as plain text with its facet values."""

    id: str
    lang: str
    title: str
    summary: str
    text: str
    facets: Mapping[str, tuple[str, ...]]
    labels: tuple[str, ...]
    url: str = ""

    @property
    def key(self) -> str:
        """Return the unique key of this narrative: case id and language."""
        return f"{self.id}/{self.lang}"


@dataclass(frozen=True)
class PreparedDocument:
    """A validated document with its facet values cleaned and its content hash."""

    source: SearchDocument
    facets: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    content_hash: str = ""


def clean_value(value: str) -> str:
    """Return a facet value in NFC with surrounding space removed."""
    return unicodedata.normalize("NFC", str(value)).strip()


def clean_facets(facets: Mapping[str, Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Return facets with keys checked and values cleaned, de-duplicated and sorted."""
    cleaned: dict[str, tuple[str, ...]] = {}
    for key in sorted(facets):
        if not _FACET_KEY.fullmatch(key):
            raise InvalidDocument(f"facet key {key!r} must match [a-z][a-z0-9_]*")
        values = sorted({clean_value(value) for value in facets[key]} - {""})
        cleaned[key] = tuple(values)
    return cleaned


def content_hash(document: SearchDocument, facets: Mapping[str, tuple[str, ...]]) -> str:
    """Return a hash of everything of `document` that ends up in the index."""
    payload = {
        "facets": {key: list(values) for key, values in facets.items()},
        "id": document.id,
        "labels": list(document.labels),
        "lang": document.lang,
        "summary": document.summary,
        "text": document.text,
        "title": document.title,
        "url": document.url,
    }
    encoded = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def prepare(document: SearchDocument) -> PreparedDocument:
    """Validate one document and compute its cleaned facets and content hash."""
    if not _ID.fullmatch(document.id):
        raise InvalidDocument(f"case id {document.id!r} is not a valid id")
    if not _LANG.fullmatch(document.lang):
        raise InvalidDocument(f"{document.id}: language code {document.lang!r} is not valid")
    facets = clean_facets(document.facets)
    return PreparedDocument(document, facets, content_hash(document, facets))


def prepare_all(documents: Iterable[SearchDocument]) -> dict[str, PreparedDocument]:
    """Validate all documents, keyed (and sorted) by key; a repeated key is an error."""
    prepared: dict[str, PreparedDocument] = {}
    for document in documents:
        item = prepare(document)
        if document.key in prepared:
            raise InvalidDocument(f"{document.id}: two narratives in language {document.lang!r}")
        prepared[document.key] = item
    return {key: prepared[key] for key in sorted(prepared)}
