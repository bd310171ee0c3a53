"""Building and incrementally updating the whoosh index of all narratives."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

from search_index.documents import PreparedDocument, SearchDocument, prepare_all
from search_index.errors import IndexLocked
from search_index.facet_names import NameTable, name_table
from search_index.index.format import index_meta
from search_index.index.generations import (
    current_generation,
    discard,
    new_build_folder,
    publish,
    read_meta,
    write_lock,
    write_meta,
)
from search_index.index.integrity import record_checksums
from search_index.index.lexicon_file import LEXICON_FILE, write_lexicon
from search_index.index.names_file import write_names
from search_index.index.schema import build_schema
from search_index.index.writer import DocumentWriter

WRITER_MEMORY_MB = 256


@dataclass(frozen=True)
class IndexReport:
    """What a build did: narratives added, updated, removed and left alone."""

    added: int
    updated: int
    removed: int
    unchanged: int
    full_rebuild: bool
    documents: int

    @property
    def changed(self) -> int:
        """Return the number of narratives written or deleted."""
        return self.added + self.updated + self.removed


def _existing_hashes(ix: Any) -> dict[str, str]:
    """Return {key: content hash} of the live narratives in the index."""
    with ix.reader() as reader:
        keys = reader.column_reader("key")
        hashes = reader.column_reader("content_hash")
        return {keys[docnum]: hashes[docnum].decode("ascii") for docnum in reader.all_doc_ids()}


def _writer(ix: Any, directory: Path, **options: Any) -> Any:
    """Open a whoosh writer, reporting a held lock as IndexLocked."""
    try:
        return ix.writer(**options)
    except whoosh_index.LockError as error:
        raise IndexLocked(directory) from error


def _rebuild(directory: Path, documents: Mapping[str, PreparedDocument], names: NameTable) -> IndexReport:
    """Build a fresh index in a new folder and swap it in; the old index stays on failure."""
    built = new_build_folder(directory)
    try:
        ix = whoosh_index.create_in(str(built), build_schema())
        writer = _writer(ix, directory, limitmb=WRITER_MEMORY_MB)
        try:
            converter = DocumentWriter()
            for prepared in documents.values():
                writer.add_document(**converter.fields(prepared))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        with ix.reader() as reader:
            write_lexicon(built, reader)
        ix.close()
        write_meta(built, index_meta())
        write_names(built, names)
        # Recorded before publishing, so that the index in use always has its checksums.
        record_checksums(built)
        publish(directory, built)
    except BaseException:
        discard(built)
        raise
    return IndexReport(
        added=len(documents),
        updated=0,
        removed=0,
        unchanged=0,
        full_rebuild=True,
        documents=len(documents),
    )


def _rewrite_lexicon(generation: Path) -> None:
    """Write the lexicon of the index in `generation` anew from its terms."""
    ix = whoosh_index.open_dir(str(generation))
    try:
        with ix.reader() as reader:
            write_lexicon(generation, reader)
    finally:
        ix.close()


def _open_compatible(generation: Path) -> Any | None:
    """Open the index in `generation` if it can be updated in place, else return None."""
    if read_meta(generation) != index_meta():
        return None
    try:
        return whoosh_index.open_dir(str(generation))
    except Exception:
        return None


def _update(ix: Any, directory: Path, documents: Mapping[str, PreparedDocument]) -> IndexReport:
    """Rewrite only the narratives whose content hash changed, were added or were removed."""
    existing = _existing_hashes(ix)
    removed = sorted(set(existing) - set(documents))
    added = [key for key in documents if key not in existing]
    updated = [
        key
        for key, prepared in documents.items()
        if key in existing and existing[key] != prepared.content_hash
    ]
    if removed or added or updated:
        writer = _writer(ix, directory)
        try:
            for key in (*removed, *updated):
                writer.delete_by_term("key", key)
            converter = DocumentWriter()
            for key in sorted((*added, *updated)):
                writer.add_document(**converter.fields(documents[key]))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
    return IndexReport(
        added=len(added),
        updated=len(updated),
        removed=len(removed),
        unchanged=len(documents) - len(added) - len(updated),
        full_rebuild=False,
        documents=len(documents),
    )


def build_index(
    documents: Iterable[SearchDocument],
    directory: Path,
    *,
    full: bool = False,
    names: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
) -> IndexReport:
    """Bring the index in `directory` up to date with `documents`.

    Only narratives whose content changed are rewritten. A first build, a change of the
    analysis data or `full=True` builds a new index beside the old one and swaps it in.
    `names` gives, per facet and value, the names a query may use for it (facet_names).
    Raises IndexLocked if another process is writing, InvalidDocument for bad input.
    """
    prepared = prepare_all(documents)
    table = name_table(names or {})
    directory = Path(directory)
    with write_lock(directory):
        generation = None if full else current_generation(directory)
        ix = None if generation is None else _open_compatible(generation)
        if ix is None or generation is None:
            return _rebuild(directory, prepared, table)
        try:
            report = _update(ix, directory, prepared)
        finally:
            ix.close()
        if report.changed or not (generation / LEXICON_FILE).is_file():
            _rewrite_lexicon(generation)
        write_names(generation, table)
        record_checksums(generation)
        return report
