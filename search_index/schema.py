"""The whoosh schema: one set of text fields per language, labels, facets and stored values."""

from __future__ import annotations

from whoosh import columns, fields

from search_index.analysis import WhooshAnalyzer, known_languages

# Relative weight of a match in each part of a narrative.
PART_BOOSTS = (("title", 3.0), ("summary", 2.0), ("body", 1.0))
LABELS_BOOST = 1.5
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


def build_schema() -> fields.Schema:
    """Return the schema of the index."""
    schema = fields.Schema(
        key=fields.ID(stored=True, unique=True, sortable=True),
        id=fields.ID(stored=True, sortable=True),
        lang=fields.ID(stored=True, sortable=True),
        url=fields.STORED(),
        title=fields.STORED(),
        summary=fields.STORED(),
        body=fields.STORED(),
        facets=fields.STORED(),
        content_hash=fields.COLUMN(columns.VarBytesColumn()),
        facet_values=fields.COLUMN(columns.VarBytesColumn()),
        key_terms=fields.COLUMN(columns.VarBytesColumn()),
    )
    schema.add(LABELS_FIELD, fields.TEXT(analyzer=WhooshAnalyzer(None), phrase=False))
    for lang in (*known_languages(), OTHER_LANGUAGE):
        # One analyser object per language, shared by its three fields (and pickled once).
        analyzer = WhooshAnalyzer(lang)
        for part, _ in PART_BOOSTS:
            schema.add(f"{part}_{lang}", fields.TEXT(analyzer=analyzer, phrase=False))
    schema.add(f"{FACET_PREFIX}*", fields.IDLIST(), glob=True)
    return schema
