"""Search for Amrit Gyan Kosh: analysers for Indian scripts, the whoosh index, related cases.

Builder-facing entry points (each module has one concern):
- search_index.index.build_index(documents, directory) -> IndexReport
- search_index.query.search(directory, query, lang=..., filters=..., limit=...) -> SearchResults
- search_index.related.related_cases(directory, case_id, limit=...) -> tuple[str, ...]
- search_index.similarity.near_duplicates(documents, threshold=...) -> list[NearDuplicate]
- search_index.analysis.analyse(text, lang) -> list[str]
"""

from __future__ import annotations
