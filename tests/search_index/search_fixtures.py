"""Helpers for the search_index tests: reading the JSON data files next to this module."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from search_index.documents import SearchDocument

HERE = Path(__file__).parent


def load_json(name: str) -> Any:
    """Return the parsed JSON data file `name` next to this module."""
    return json.loads((HERE / name).read_text(encoding="utf-8"))


def as_document(raw: dict[str, Any]) -> SearchDocument:
    """Turn one corpus.json entry into a SearchDocument."""
    return SearchDocument(
        id=raw["id"],
        lang=raw["lang"],
        title=raw["title"],
        summary=raw["summary"],
        text=raw["text"],
        facets={key: tuple(values) for key, values in raw["facets"].items()},
        labels=tuple(raw["labels"]),
        url=raw.get("url", ""),
    )


def corpus_documents() -> list[SearchDocument]:
    """Return the fixture corpus."""
    return [as_document(raw) for raw in load_json("corpus.json")["documents"]]


def corpus_names() -> dict[str, dict[str, list[str]]]:
    """Return the names of the fixture corpus's facet values (build_index's `names`)."""
    names: dict[str, dict[str, list[str]]] = load_json("names.json")["names"]
    return names
