"""The whoosh index of all narratives: its schema, building and updating it, reading it.

schema            the whoosh schema (text fields per language, labels, facets, stored values)
whoosh_analyzer   Analyser as whoosh calls it while indexing a field
facet_column      the facet_values column's encoding
writer            a prepared document's whoosh field values
build             build_index: a full rebuild or an in-place update of changed narratives
generations       generations on disk: the CURRENT pointer, atomic swaps, metadata, write lock
format            the format version and analysis fingerprint a generation records
mapped_window     a read-only file over part of a memory map
reading           open_index: the current generation, format-checked, memory-mapped
integrity         each generation's checksums, and which read errors mean a damaged index
whoosh_internals  everything relying on whoosh's private API, checked against the pinned version
"""
