"""Field names shared by the whoosh index, the query side and the browser index."""

from __future__ import annotations

from search_index.analysis.analyser import known_languages

# The parts of a narrative, each indexed in a text field per language.
PARTS = ("title", "summary", "body")
LABELS_FIELD = "labels"
# Field suffix for narratives in a language the analysers do not know (folding only).
OTHER_LANGUAGE = "xx"
FACET_PREFIX = "f_"


def field_language(lang: str) -> str:
    """Return the language suffix of the text fields that hold a narrative in `lang`."""
    return lang if lang in known_languages() else OTHER_LANGUAGE


def text_field(part: str, lang: str) -> str:
    """Return the name of the text field for `part` (title, summary, body) of a `lang` narrative."""
    return f"{part}_{field_language(lang)}"


def facet_field(key: str) -> str:
    """Return the name of the field that indexes facet `key`."""
    return f"{FACET_PREFIX}{key}"
