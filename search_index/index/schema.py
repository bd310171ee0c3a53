"""The whoosh schema: one set of text fields per language, labels, facets and stored values."""

from __future__ import annotations

from whoosh import columns, fields

from search_index.analysis.analyser import known_languages
from search_index.fields import FACET_PREFIX, LABELS_FIELD, OTHER_LANGUAGE, PARTS
from search_index.index.whoosh_analyzer import WhooshAnalyzer


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
    )
    schema.add(LABELS_FIELD, fields.TEXT(analyzer=WhooshAnalyzer(None), phrase=False))
    for lang in (*known_languages(), OTHER_LANGUAGE):
        # One analyser object per language, shared by its three fields (and pickled once).
        analyzer = WhooshAnalyzer(lang)
        for part in PARTS:
            schema.add(f"{part}_{lang}", fields.TEXT(analyzer=analyzer, phrase=False))
    schema.add(f"{FACET_PREFIX}*", fields.IDLIST(), glob=True)
    return schema
