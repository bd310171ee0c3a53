"""The lexicon of an index generation (lexicon.sqlite): typo and romanisation keys to index terms.

SQLite (standard library) because `agk search` looks up a handful of keys per query and must not
read the whole table to do so.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from search_index.fields import LABELS_FIELD, PARTS
from search_index.lexicon.table import lexicon_table

LEXICON_FILE = "lexicon.sqlite"
TERM_SEPARATOR = "\x1f"


def index_terms(reader: Any) -> dict[str, int]:
    """Return every term of the text and labels fields with its document frequency summed over them."""
    found: dict[str, int] = {}
    for fieldname in sorted(reader.indexed_field_names()):
        if fieldname == LABELS_FIELD or fieldname.split("_")[0] in PARTS:
            for raw in reader.lexicon(fieldname):
                term = raw.decode("utf-8")
                found[term] = found.get(term, 0) + reader.doc_frequency(fieldname, raw)
    return found


def write_lexicon(generation: Path, reader: Any) -> None:
    """Write the lexicon of the index that `reader` reads, replacing any earlier one whole."""
    table = lexicon_table(index_terms(reader))
    staging = generation / f".{LEXICON_FILE}.tmp"
    staging.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(staging)) as db:
        db.execute("CREATE TABLE lexicon (key TEXT PRIMARY KEY, terms TEXT NOT NULL) WITHOUT ROWID")
        db.executemany(
            "INSERT INTO lexicon VALUES (?, ?)",
            ((key, TERM_SEPARATOR.join(terms)) for key, terms in table.items()),
        )
        db.commit()
    staging.replace(generation / LEXICON_FILE)


def lookup(generation: Path, keys: Sequence[str]) -> dict[str, list[str]]:
    """Return the terms filed under each of `keys` that the lexicon has (none without a lexicon)."""
    path = generation / LEXICON_FILE
    if not keys or not path.is_file():
        return {}
    with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
        marks = ",".join("?" * len(keys))
        rows = db.execute(f"SELECT key, terms FROM lexicon WHERE key IN ({marks})", list(keys)).fetchall()
    return {key: terms.split(TERM_SEPARATOR) for key, terms in rows}
