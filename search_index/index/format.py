"""What an index generation records about how it was built, and the check that it still fits."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from search_index.analysis.analyser import known_languages
from search_index.analysis.language_data import load_analysis_data
from search_index.errors import IndexOutdated
from search_index.index.generations import read_meta
from search_index.lexicon.romanisation import DATA_FILE

# Bump when the layout of the index changes; a different value forces a full rebuild, and
# searching an index of another layout is refused until it is rebuilt.
# 2: no key_terms column; the schema pickles search_index.index.whoosh_analyzer.WhooshAnalyzer.
# 3: hyphenated pairs indexed run together too; names.json and lexicon.sqlite beside whoosh's files.
INDEX_FORMAT = 3


def index_meta() -> dict[str, Any]:
    """Return the metadata an index must carry to be updated in place."""
    return {
        "analysis": load_analysis_data().fingerprint,
        "romanisation": hashlib.sha256(DATA_FILE.read_bytes()).hexdigest(),
        "format": INDEX_FORMAT,
        "languages": list(known_languages()),
    }


def check_format(directory: Path, generation: Path) -> None:
    """Raise IndexOutdated unless the generation was written in this version's layout."""
    if read_meta(generation).get("format") != INDEX_FORMAT:
        raise IndexOutdated(directory)
