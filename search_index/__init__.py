"""Search for Amrit Gyan Kosh: Indic-aware analysis, the whoosh index, `agk search`, the browser index.

The pipeline, one package per stage: analysis (text to index terms), index (the whoosh index),
query (`agk search`), browser (the static browser index and its engine), similarity (related
cases and near-duplicates, without an index). ranking holds what `agk search` and the browser
engine rank with; fields the field names both indexes share; documents what builder hands in.

The entry points builder uses:
- search_index.documents.SearchDocument
- search_index.errors.SearchIndexError
- search_index.index.build.build_index(documents, directory) -> IndexReport
- search_index.query.searching.search(directory, query, lang=..., filters=..., limit=...) -> SearchResults
- search_index.browser.export.write_static_index(documents, out, facet_labels) -> StaticReport
- search_index.similarity.related_cases: Profiler, TermProfile, related_by_profiles(profiles, limit=...)
- search_index.similarity.near_duplicates: WordCodes, sketch, Sketch, pairs_from_sketches(sketches, ...)
- search_index.analysis.analyser.Analyser (for near-duplicate sketches)
- search_index.analysis.language_data.load_analysis_data (the scripts table for fonts)
"""

from __future__ import annotations
