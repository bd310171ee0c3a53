"""Heading anchors that keep Indic vowel signs, viramas and nuktas (used by the toc extension).

Python-Markdown's default slugify turns Indic headings into `_1`, `_2`, and pymdownx's strips
combining marks (`मिशन कर्मयोगी` → `मशन-करमयग`). Explicit `{#id}`s are preferred; this is for
the headings that have none.
"""

from __future__ import annotations

import unicodedata

import regex

_SEPARATORS = regex.compile(r"[^\p{L}\p{M}\p{N}_]+")


def slugify(value: str, separator: str) -> str:
    """Lowercase, NFC, letters with their marks and digits kept, the rest become `separator`."""
    text = unicodedata.normalize("NFC", value).lower()
    return str(_SEPARATORS.sub(separator, text)).strip(separator)
