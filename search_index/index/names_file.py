"""The facet names table of an index generation (names.json), beside whoosh's files."""

from __future__ import annotations

import json
from pathlib import Path

from search_index.facet_names import NameTable

NAMES_FILE = "names.json"


def write_names(generation: Path, table: NameTable) -> None:
    """Write the names table of a generation, replacing any earlier one whole."""
    text = json.dumps(table, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    staging = generation / f".{NAMES_FILE}.tmp"
    staging.write_text(text, encoding="utf-8")
    staging.replace(generation / NAMES_FILE)


def read_names(generation: Path) -> NameTable:
    """Return the names table of a generation (empty when it has none or it is unreadable)."""
    try:
        table = json.loads((generation / NAMES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return table if isinstance(table, dict) else {}
