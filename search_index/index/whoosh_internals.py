"""Everything that relies on whoosh-reloaded's private API or internal behaviour, version-checked.

search_index reads a few things past whoosh's public API, for speed, and repeats the order in
which whoosh adds scores up, for scores equal to whoosh's to the last bit. All of it is here:

- posting lists read a block at a time (W3LeafMatcher's block state, beneath FilterMatcher);
- the one-byte field-length column read whole (the W3 codec's per-document column layout);
- whoosh's one-byte length quantisation (whoosh.util.numeric), which the browser index repeats;
- whoosh's bm25 function and the order in which its And and Or matchers add their parts up;
- index files read through memory maps (subclasses of whoosh's FileStorage and StructFile);
- whoosh's file lock (whoosh.util.filelock), the index's write lock.

Importing this module first checks that the installed whoosh-reloaded is the version all this
was verified against (PINNED_WHOOSH, as pinned in pyproject.toml) and raises UnsupportedWhoosh
if not.
"""

from __future__ import annotations

import mmap
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

from search_index.errors import UnsupportedWhoosh
from search_index.index.mapped_window import MapWindow

WHOOSH_DISTRIBUTION = "whoosh-reloaded"
PINNED_WHOOSH = "2.7.5"
# What rests on the pinned version: re-verify it (CI=true pytest tests/search_index) for another.
REVERIFY = (
    "posting-block and length-column reads, the matcher order of And and Or, bm25, one-byte "
    "lengths, memory-mapped files and the file lock; the tests in tests/search_index compare "
    "every score with whoosh's own to the last bit"
)


def installed_whoosh() -> str:
    """Return the installed version of whoosh-reloaded ('no version' when it is not installed)."""
    try:
        return metadata.version(WHOOSH_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "no version"


def check_whoosh_version() -> None:
    """Raise UnsupportedWhoosh unless the installed whoosh-reloaded is the pinned version."""
    installed = installed_whoosh()
    if installed != PINNED_WHOOSH:
        raise UnsupportedWhoosh(installed, PINNED_WHOOSH, __name__, REVERIFY)


# Checked before whoosh's private modules are imported: under another version they may not load.
check_whoosh_version()

from whoosh import query as wq  # noqa: E402
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher  # noqa: E402
from whoosh.columns import NumericColumn  # noqa: E402
from whoosh.filedb.filestore import FileStorage  # noqa: E402
from whoosh.filedb.structfile import StructFile  # noqa: E402
from whoosh.matching.wrappers import FilterMatcher  # noqa: E402
from whoosh.scoring import bm25  # noqa: E402
from whoosh.util import make_weighted_tree  # noqa: E402
from whoosh.util.filelock import FileLock  # noqa: E402
from whoosh.util.numeric import byte_to_length, length_to_byte  # noqa: E402

# The field length each stored length byte stands for (whoosh keeps lengths in one byte).
BYTE_LENGTHS: tuple[int, ...] = tuple(byte_to_length(byte) for byte in range(256))
# whoosh adds up an Or's alternatives in their order in one array in segments of at most this
# many documents, and through a tree of unions in larger ones (whoosh.query.compound.Or).
ARRAY_UNION_MAX_DOCS = 5000

Postings = tuple[list[int], list[float]]


def length_byte(length: int) -> int:
    """Return the byte whoosh stores for a field of `length` terms."""
    byte: int = length_to_byte(length)
    return byte


def bm25_weight(idf: float, tf: float, length: int, average: float, b: float, k1: float) -> float:
    """Return whoosh's BM25 weight of a term in a document (its own function: the same float steps)."""
    weight: float = bm25(idf, tf, length, average, b, k1)
    return weight


def _read_blocks(matcher: Any, ids: list[int], weights: list[float]) -> None:
    """Append a posting list's documents and weights a block at a time, to its end.

    whoosh has no public way to read postings in bulk; one at a time they cost four Python calls
    each. This reads the blocks whoosh's own W3LeafMatcher.id() and .weight() read from.
    """
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        ids.extend(matcher._ids)
        weights.extend(matcher._weights)
        matcher._next_block()


def read_postings(reader: Any, fieldname: str, btext: bytes) -> Postings:
    """Return the documents of a segment (not deleted) holding a term and the term's weight in each."""
    matcher = reader.postings(fieldname, btext)
    if isinstance(matcher, FilterMatcher):
        # Reading beneath the deletion filter halves the Python calls per posting.
        matcher = matcher.child
    ids: list[int] = []
    weights: list[float] = []
    if type(matcher) is W3LeafMatcher:
        _read_blocks(matcher, ids, weights)
    # Other matchers (short lists kept in the terms file), one posting at a time.
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    if reader.has_deletions():
        deleted = reader.deleted_docs_set
        kept = [index for index, docnum in enumerate(ids) if docnum not in deleted]
        ids = [ids[index] for index in kept]
        weights = [weights[index] for index in kept]
    return ids, weights


def _length_bytes(reader: Any, fieldname: str) -> bytes | None:
    """Return the byte whoosh stores for a field's length in each document, or None.

    doc_field_length() reads this one-byte-per-document column a byte at a time, through five
    Python calls each; this reads it whole. It relies on the W3 codec's layout and returns None
    for any other, which is then read the slow way.
    """
    cached_reader = getattr(getattr(reader, "_perdoc", None), "_cached_reader", None)
    if cached_reader is None:
        return None
    column = cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    if type(column) is not NumericColumn.Reader or column._fixedlen != 1:
        return None
    found: bytes = column._dbfile.get(column._basepos, column._count)
    # Documents past the column's end have the default byte, 0 (no such field).
    return found.ljust(reader.doc_count_all(), b"\0")


def field_lengths(reader: Any, fieldname: str) -> Callable[[int], int]:
    """Return a function giving a document's length of the field in a segment, as doc_field_length."""
    read = reader.doc_field_length
    stored = _length_bytes(reader, fieldname)
    if stored is not None:
        # Byte 0 (no such field: no posting has it) goes to whoosh, which answers None.
        return lambda docnum: BYTE_LENGTHS[stored[docnum]] or read(docnum, fieldname, 1)
    known: dict[int, int] = {}

    def length(docnum: int) -> int:
        """Return the length, read once per document."""
        found = known.get(docnum)
        if found is None:
            found = known[docnum] = read(docnum, fieldname, 1)
        return found

    return length


class Term(Protocol):
    """One alternative of a word: a term in a field, boosted, or a constant score."""

    @property
    def fieldname(self) -> str:
        """The field."""

    @property
    def text(self) -> str:
        """The term."""

    @property
    def boost(self) -> float:
        """The weight of the term's score (1.0: none)."""

    @property
    def constant(self) -> bool:
        """Whether every document with the term scores STOP_WORD_SCORE."""


class _Stand:
    """Stands in for a whoosh matcher while whoosh's tree builder pairs matchers up.

    whoosh orders the matchers of an And or Or by estimated size and breaks ties by comparing
    the matchers, which compare by class only (one class: equal; a class is less than its
    subclasses). The stand-ins repeat the classes that make a difference, so the tree, and
    with it the order of additions, is whoosh's.
    """

    def __init__(self, *parts: Any) -> None:
        # One index into the parts being combined, or two stand-ins combined.
        self.parts = parts

    def __eq__(self, other: object) -> bool:
        """Equal when of one class (as whoosh.matching.Matcher)."""
        return self.__class__ is type(other)

    def __hash__(self) -> int:
        """Hash by class, consistent with equality."""
        return hash(self.__class__)

    def __lt__(self, other: object) -> bool:
        """As whoosh.matching.Matcher."""
        return type(other) is self.__class__

    def __gt__(self, other: object) -> bool:
        """As whoosh.matching.Matcher (Python asks a subclass's __gt__ before a base's __lt__)."""
        return not (self.__lt__(other) or self.__eq__(other))


class _Plain(_Stand):
    """A matcher of a class unrelated to the others (posting list, list, empty, array union)."""


class _Boosted(_Stand):
    """whoosh's WrappingMatcher: a term with a boost other than 1."""


class _Filtered(_Boosted):
    """whoosh's FilterMatcher (a WrappingMatcher subclass): an unboosted term in a segment with deletions."""


class _Union(_Stand):
    """whoosh's UnionMatcher."""


class _Intersection(_Stand):
    """whoosh's IntersectionMatcher."""


def _union(node: _Stand, parts: Sequence[dict[int, float]]) -> dict[int, float]:
    """Return the scores of a union tree: a document's parts added up as the tree pairs them."""
    if len(node.parts) == 1:
        found: dict[int, float] = parts[node.parts[0]]
        return found
    left = _union(node.parts[0], parts)
    merged = dict(left)
    for docnum, score in _union(node.parts[1], parts).items():
        merged[docnum] = left[docnum] + score if docnum in left else score
    return merged


def _intersection(node: _Stand, parts: Sequence[dict[int, float]], docnum: int) -> float:
    """Return a document's score in an intersection tree (it is in every part)."""
    if len(node.parts) == 1:
        score: float = parts[node.parts[0]][docnum]
        return score
    return _intersection(node.parts[0], parts, docnum) + _intersection(node.parts[1], parts, docnum)


class MatcherOrder:
    """Adds up the scores of an And of Ors in one segment in the order whoosh's matchers do."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.deletions = reader.has_deletions()
        self.array_union = reader.doc_count_all() <= ARRAY_UNION_MAX_DOCS

    def _stand(self, term: Term, index: int) -> _Stand:
        """Return the stand-in for the matcher whoosh makes for alternative `index` in this segment."""
        if term.constant or (term.fieldname, term.text.encode("utf-8")) not in self.reader:
            return _Plain(index)
        if term.boost != 1.0:
            return _Boosted(index)
        return _Filtered(index) if self.deletions else _Plain(index)

    def _size(self, term: Term) -> int:
        """Return whoosh's size estimate of an alternative (its document frequency here)."""
        size: int = self.reader.doc_frequency(term.fieldname, term.text)
        return size

    def _union_tree(self, clause: Sequence[Term]) -> bool:
        """Return whether whoosh sums this clause through a tree of unions, not in order."""
        # Two alternatives also make a union, but a + b == b + a, as the in-order sum gives.
        return len(clause) < wq.Or.TOO_MANY_CLAUSES and len(clause) > 2 and not self.array_union

    def or_sum(self, clause: Sequence[Term], parts: Sequence[dict[int, float]]) -> dict[int, float]:
        """Return each document's score of a clause: its alternatives' `parts` added up as whoosh does."""
        if self._union_tree(clause):
            pairs = [(self._size(term), self._stand(term, index)) for index, term in enumerate(clause)]
            return _union(make_weighted_tree(_Union, pairs), parts)
        # whoosh's ArrayUnionMatcher adds each document's scores in the order of the alternatives.
        total = dict(parts[0])
        for part in parts[1:]:
            for docnum, score in part.items():
                total[docnum] = total[docnum] + score if docnum in total else score
        return total

    def _clause_stand(self, clause: Sequence[Term], index: int) -> _Stand:
        """Return the stand-in for the matcher whoosh makes for clause `index` in this segment."""
        if len(clause) == 1:
            return self._stand(clause[0], index)
        return _Union(index) if self._union_tree(clause) or len(clause) == 2 else _Plain(index)

    def _clause_size(self, clause: Sequence[Term]) -> int:
        """Return whoosh's size estimate of a clause (an Or)."""
        return min(sum(self._size(term) for term in clause), int(self.reader.doc_count()))

    def and_sum(
        self, clauses: Sequence[Sequence[Term]], parts: Sequence[dict[int, float]], matched: set[int]
    ) -> dict[int, float]:
        """Return each `matched` document's score: its clauses' `parts` added up as whoosh does."""
        if len(parts) == 1:
            return parts[0]
        if len(parts) == 2:
            first, second = parts
            return {docnum: first[docnum] + second[docnum] for docnum in matched}
        pairs = [
            (0 - self._clause_size(clause), self._clause_stand(clause, index))
            for index, clause in enumerate(clauses)
        ]
        tree = make_weighted_tree(_Intersection, pairs)
        return {docnum: _intersection(tree, parts, docnum) for docnum in matched}


class _MappedFile(StructFile):  # type: ignore[misc]
    """A whoosh file over part of a memory map: reads slice the map; nothing is copied up front."""

    def __init__(
        self, mapped: mmap.mmap, start: int, length: int, name: str, *, owner: bool, **kwargs: Any
    ) -> None:
        super().__init__(MapWindow(mapped, start, length), name=name, **kwargs)
        self._mapped = mapped
        self._start = start
        self._owner = owner

    def get(self, position: int, length: int) -> bytes:
        """Return `length` bytes from `position` (without moving: columns and tables read so)."""
        begin = self._start + position
        return self._mapped[begin : begin + length]

    def subset(self, position: int, length: int, name: str | None = None) -> _MappedFile:
        """Return a file over part of this one (a file inside a compound segment file)."""
        return _MappedFile(self._mapped, self._start + position, length, name or self._name, owner=False)

    def close(self) -> None:
        """Close the file, and the map when this file opened it."""
        super().close()
        if self._owner:
            self._mapped.close()


class _MappedStorage(FileStorage):  # type: ignore[misc]
    """The files of an index generation, read through memory maps (see _MappedFile)."""

    def __init__(self, path: str) -> None:
        # supports_mmap=False keeps whoosh's compound files from mapping (and copying) themselves.
        super().__init__(path, supports_mmap=False, readonly=True)

    def open_file(self, name: str, **kwargs: Any) -> Any:
        """Return the file mapped read-only (an empty file cannot be mapped: it is opened)."""
        with (Path(self.folder) / name).open("rb") as handle:
            try:
                mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
            except ValueError:
                return super().open_file(name, **kwargs)
        return _MappedFile(mapped, 0, len(mapped), name, owner=True, **kwargs)


def open_mapped(generation: Path) -> Any:
    """Open the index in a generation folder for reading, its files through memory maps.

    whoosh's own mmap mode wraps each file inside a segment in a BytesIO, which copies it: 5-20 ms
    per search at 5,000 narratives (postings, terms, stored fields).
    """
    return _MappedStorage(str(generation)).open_index()


def file_lock(path: Path) -> Any:
    """Return whoosh's lock on the file `path` (acquire(blocking=False) and release())."""
    return FileLock(str(path))
