"""The words of a Markdown body without its markup: for search and related-case profiles."""

from __future__ import annotations

import re

_MARKUP = (
    (re.compile(r"^\s{0,3}#{1,6}\s+|\s*\{[:#.][^}]*\}\s*$", re.M), " "),  # heading marks, ids
    (re.compile(r"\[\^[^\]\s]+\]:?"), " "),  # footnote references and definitions
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images: keep their text
    (re.compile(r"^\s*\|?[-:| ]+\|[-:| ]*$", re.M), " "),  # table rules
    (re.compile(r"[*_`|>]+"), " "),  # emphasis, code, table and quote marks
)


def plain_text(markdown: str) -> str:
    """The words of a Markdown body without its markup."""
    for pattern, replacement in _MARKUP:
        markdown = pattern.sub(replacement, markdown)
    return markdown
