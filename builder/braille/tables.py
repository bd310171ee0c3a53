"""Which liblouis table writes each language in Braille.

Indian languages use Bharati Braille, one code for every Indian script: liblouis has a grade 1
table for each of them (`<code>-in-g1.utb`, Tamil's own `ta-ta-g1.ctb`, Urdu's `ur-pk-g1.utb`).
Devanagari languages without a table of their own (Bodo, Dogri, Maithili) are written with the
Hindi one: Bharati Braille gives a Devanagari letter the same cell whatever the language.
Konkani uses the Marathi table (with ळ): liblouis' own `kok.ctb` has no digits or punctuation.
English uses Unified English Braille grade 1 (uncontracted): it back-translates exactly and
needs no contractions from readers who learnt Bharati Braille first.

Languages in scripts liblouis has no table for get no Braille file: Santali in Ol Chiki,
Manipuri in Meetei Mayek, Kashmiri and Sindhi in Perso-Arabic (liblouis' `ks-in-g1` and
`si-in-g1` are for their Devanagari forms).
"""

from __future__ import annotations

from pathlib import Path

# Our addition to the Bharati tables of liblouis 3.24 that have no danda (data/danda.cti).
DANDA = Path(__file__).resolve().parent / "data" / "danda.cti"
WITH_DANDA = frozenset({"as", "bn", "gu", "kn", "ml", "or", "ta", "te"})
TABLES = {
    "as": "as-in-g1.utb",
    "bn": "be-in-g1.utb",
    "brx": "hi-in-g1.utb",
    "doi": "hi-in-g1.utb",
    "en": "en-ueb-g1.ctb",
    "gu": "gu-in-g1.utb",
    "hi": "hi-in-g1.utb",
    "kn": "ka-in-g1.utb",
    "kok": "mr-in-g1.utb",
    "mai": "hi-in-g1.utb",
    "ml": "ml-in-g1.utb",
    "mr": "mr-in-g1.utb",
    "ne": "np-in-g1.utb",
    "or": "or-in-g1.utb",
    "pa": "pu-in-g1.utb",
    "sa": "sa-in-g1.utb",
    "ta": "ta-ta-g1.ctb",
    "te": "te-in-g1.utb",
    "ur": "ur-pk-g1.utb",
}


def table_for(lang: str) -> str | None:
    """The liblouis table list of `lang`, or None when liblouis has none for the script we use."""
    table = TABLES.get(lang)
    if table is None:
        return None
    return f"{table},{DANDA}" if lang in WITH_DANDA else table
