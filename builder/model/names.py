"""Recognise a taxonomy value by any of its names, as people vary them when they write one."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

import regex

_NOT_NAME = regex.compile(r"[^\p{L}\p{M}\p{N}]+")


def fold_name(text: str) -> str:
    """A name as people vary it: case, spaces, hyphens, dots and Unicode forms do not count."""
    return _NOT_NAME.sub("", unicodedata.normalize("NFC", text).casefold())


def named(names: Mapping[str, Sequence[str]], value: str) -> str | None:
    """The one id whose code, label or alias in any language is `value`, as people vary it."""
    wanted = fold_name(value)
    if not wanted:
        return None
    found = {key for key, known in names.items() for name in (key, *known) if fold_name(name) == wanted}
    return found.pop() if len(found) == 1 else None
