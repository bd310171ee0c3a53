"""Text shown to readers: tag limits, and no bidi controls or invisible characters.

Tags become pages in every language, so their number and form are limited (AGK208, AGK209).
Titles, summaries, tags, ids and case folder names may not hold characters that make text
display differently from how it is stored (AGK508); `h()` drops the same characters on output.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import regex

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.markdown.rules import RESERVED_TAGS, drop_refused, refused_in, visible
from builder.source.yaml_source import YamlDocument
from builder.validate.case_schema import MAX_TAG_LENGTH, MAX_TAGS
from builder.validate.case_view import CaseView

_LETTER_OR_DIGIT = regex.compile(r"[\p{L}\p{N}]")
_HINT = "delete it: it changes how the text is displayed without being visible itself"


def _name(char: str) -> str:
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X} {name}".rstrip()


def tag_problems(tag: str) -> list[str]:
    """Why `tag` cannot be a tag (empty: it can)."""
    if not tag:
        return ["is empty"]
    reasons = []
    if len(tag) > MAX_TAG_LENGTH:
        reasons.append(f"is {len(tag)} characters long; at most {MAX_TAG_LENGTH} are allowed")
    if tag.lower() != tag:
        reasons.append("has capital letters")
    if not _LETTER_OR_DIGIT.search(tag):
        reasons.append("has no letter or digit")
    if tag in RESERVED_TAGS:
        reasons.append("is reserved for the list of all tags")
    return reasons


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Check the tags of case.yaml and every shown text for refused characters."""
    yield from _tags(view)
    yield from _folder_name(view)
    if view.source.meta is not None:
        yield from _document(view.source.meta, view.source.meta_display)
    for md in view.source.markdown_sources():
        if md.front is not None:
            yield from _document(md.front, md.display)


def _tags(view: CaseView) -> Iterator[Diagnostic]:
    tags = view.raw.get("tags")
    if not isinstance(tags, list):
        return  # the schema rules report a value that is not a list
    display = view.source.meta_display
    if len(tags) > MAX_TAGS:
        at = view.at("tags", MAX_TAGS)
        message = f"{len(tags)} tags; a case has at most {MAX_TAGS}"
        hint = "keep the tags that best describe the case"
        yield problem("AGK208", display, at.line, at.col, message, hint)
    for index, tag in enumerate(tags):
        if not isinstance(tag, str):
            continue
        # Refused characters are AGK508's to report; judge the tag as readers would see it.
        reasons = tag_problems(drop_refused(tag))
        if reasons:
            at = view.at("tags", index)
            hint = f"write '{_quoted(tag.lower())}'" if "has capital letters" in reasons else ""
            message = f"tag '{_quoted(tag)}' {'; '.join(reasons)}"
            yield problem("AGK209", display, at.line, at.col, message, hint)


def _folder_name(view: CaseView) -> Iterator[Diagnostic]:
    found = refused_in(view.source.id)
    if found:
        message = f"the case folder name contains {_names(found)}"
        yield problem("AGK508", view.source.display, 1, 1, message, "rename the folder without it")


def _document(document: YamlDocument, display: str) -> Iterator[Diagnostic]:
    """Every text value of a YAML document: all of them are shown, or are ids and file names."""
    for path, text in _texts(document.value, ()):
        found = refused_in(text)
        if found:
            at = document.value_at(path)
            field = ".".join(str(part) for part in path)
            message = f"{field} contains {_names(found)}"
            yield problem("AGK508", display, at.line, at.col, message, _HINT)


def _quoted(tag: str) -> str:
    """A tag fit for a message: refused characters shown by code, a very long tag shortened."""
    shown = visible(tag)
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _names(chars: list[str]) -> str:
    return ", ".join(_name(char) for char in chars)


def _texts(value: object, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """(path, text) of every string value, depth first; the YAML reader bounds the depth."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, (*path, index))
