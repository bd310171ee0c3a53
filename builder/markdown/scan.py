"""Scan Markdown source for headings, links, attribute lists and raw HTML, with positions.

This is a fast lexical pass, not a renderer: validating 5,000 cases must take seconds, and a
full Markdown render costs milliseconds per page. Code blocks and code spans are blanked out
first (their content is shown literally, so it is harmless) keeping every offset unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from builder.source.yaml_source import offset_position

_FENCE = re.compile(
    r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}(?P=fence)[ \t]*$|\Z)", re.M | re.S
)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(?:(?!\n[ \t]*\n).)+?(?<!`)\1(?!`)", re.S)
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$", re.M)
_SETEXT = re.compile(r"^(?! {0,3}(?:[-*+>#|]|\d+[.)]))[ \t]*\S[^\n]*\n {0,3}(=+|-+)[ \t]*$", re.M)
_HEADING_ATTRS = re.compile(r"[ \t]*\{:?[ \t]*([^{}]*)\}[ \t]*$")
# Every `{…}` that Python-Markdown's attr_list could read as an attribute list, in any position
# (after a heading inside a list or quote too).
_ATTR_LIST = re.compile(r"\{:?[ ]*([^{}\n ][^{}\n]*?)[ ]*\}")
_INLINE_LINK = re.compile(r"(!?)\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\([ \t]*(<[^>\n]*>|[^\s)]*)")
# A reference definition; `[^1]: text` is a footnote's, whose text is no link.
_REFERENCE = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*(<[^>\n]*>|\S+)", re.M)
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*)>")
_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|!--|![A-Za-z\[]|\?[A-Za-z])")


@dataclass(frozen=True)
class Heading:
    """A heading with its level, text, explicit id (if any) and position."""

    level: int
    text: str
    id: str | None
    line: int
    col: int


@dataclass(frozen=True)
class Found:
    """A piece of source text found at a position."""

    text: str
    line: int
    col: int


@dataclass(frozen=True)
class Link:
    """A link or image target."""

    url: str
    image: bool
    line: int
    col: int


@dataclass(frozen=True)
class MarkdownScan:
    """What the checks need to know about one Markdown body."""

    headings: tuple[Heading, ...]
    links: tuple[Link, ...]
    attribute_lists: tuple[Found, ...]
    html: tuple[Found, ...]


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


def mask_code(body: str) -> str:
    """Replace fenced code blocks and code spans by spaces, keeping offsets and newlines."""
    # Cheap substring tests skip regexes that cannot match: most pages have no code at all.
    if "```" in body or "~~~" in body:
        body = _FENCE.sub(_blank, body)
    return _CODE_SPAN.sub(_blank, body) if "`" in body else body


class _Locator:
    """Turns offsets in a body into file line and column numbers."""

    def __init__(self, text: str, first_line: int) -> None:
        self.text = text
        self.first_line = first_line

    def at(self, offset: int) -> tuple[int, int]:
        position = offset_position(self.text, offset, self.first_line)
        return position.line, position.col


def _heading(level: int, raw: str, line: int, col: int) -> Heading:
    raw = re.sub(r"[ \t]+#+[ \t]*$", "", raw)
    attrs = _HEADING_ATTRS.search(raw)
    heading_id = None
    if attrs:
        raw = raw[: attrs.start()]
        ids = [token[1:] for token in attrs.group(1).split() if token.startswith("#")]
        heading_id = ids[-1] if ids else None
    return Heading(level, raw.strip(), heading_id, line, col)


def _finds(pattern: re.Pattern[str], text: str, marker: str, where: _Locator) -> tuple[Found, ...]:
    if marker not in text:
        return ()
    return tuple(
        Found(m.group(1) if pattern.groups else m.group(), *where.at(m.start()))
        for m in pattern.finditer(text)
    )


def _links(masked: str, where: _Locator) -> list[Link]:
    links: list[Link] = []
    if "](" in masked:
        links += [
            Link(m.group(2).strip("<>"), m.group(1) == "!", *where.at(m.start(2)))
            for m in _INLINE_LINK.finditer(masked)
        ]
    if "]:" in masked:
        links += [
            Link(m.group(1).strip("<>"), False, *where.at(m.start(1))) for m in _REFERENCE.finditer(masked)
        ]
    if "<" in masked:
        links += [Link(m.group(1), False, *where.at(m.start(1))) for m in _AUTOLINK.finditer(masked)]
    return sorted(links, key=lambda k: (k.line, k.col))


def scan_markdown(body: str, first_line: int = 1) -> MarkdownScan:
    """Scan a Markdown body whose first line is line `first_line` of its file."""
    masked = mask_code(body)
    where = _Locator(masked, first_line)
    headings = [
        _heading(len(m.group(1)), m.group(2) or "", *where.at(m.start())) for m in _ATX.finditer(masked)
    ]
    if "\n=" in masked or "\n-" in masked or "\n " in masked:
        for m in _SETEXT.finditer(masked):
            first, _, underline = m.group().partition("\n")
            level = 1 if underline.strip().startswith("=") else 2
            headings.append(_heading(level, first, *where.at(m.start())))
    return MarkdownScan(
        headings=tuple(sorted(headings, key=lambda h: (h.line, h.col))),
        links=tuple(_links(masked, where)),
        attribute_lists=_finds(_ATTR_LIST, masked, "{", where),
        html=_finds(_HTML, masked, "<", where),
    )
