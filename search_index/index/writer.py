"""Turning prepared documents into the field values whoosh indexes and stores."""

from __future__ import annotations

import unicodedata
from typing import Any

from search_index.analysis.analyser import Analyser
from search_index.documents import PreparedDocument
from search_index.fields import LABELS_FIELD, facet_field, text_field
from search_index.index.facet_column import encode_facets


class DocumentWriter:
    """Turns prepared documents into whoosh field values, analysing each text once."""

    def __init__(self) -> None:
        self._analysers: dict[str, Analyser] = {}
        self._labels = Analyser(None)

    def _analyser(self, lang: str) -> Analyser:
        """Return the analyser of `lang`, shared by all narratives of that language."""
        if lang not in self._analysers:
            self._analysers[lang] = Analyser(lang)
        return self._analysers[lang]

    def fields(self, prepared: PreparedDocument) -> dict[str, Any]:
        """Return the keyword arguments of whoosh's add_document for one narrative."""
        document = prepared.source
        analyser = self._analyser(document.lang)
        values: dict[str, Any] = {
            "key": document.key,
            "id": document.id,
            "lang": document.lang,
            "url": document.url,
            # Stored in NFC so that snippets need not normalise at query time.
            "title": unicodedata.normalize("NFC", document.title),
            "summary": unicodedata.normalize("NFC", document.summary),
            "body": unicodedata.normalize("NFC", document.text),
            "facets": {key: list(values) for key, values in prepared.facets.items()},
            "content_hash": prepared.content_hash.encode("ascii"),
            "facet_values": encode_facets(prepared.facets),
            text_field("title", document.lang): tuple(analyser.terms(document.title)),
            text_field("summary", document.lang): tuple(analyser.terms(document.summary)),
            text_field("body", document.lang): tuple(analyser.terms(document.text)),
            LABELS_FIELD: tuple(self._labels.terms("\n".join(document.labels))),
        }
        for key, facet_values in prepared.facets.items():
            if facet_values:
                values[facet_field(key)] = list(facet_values)
        return values
