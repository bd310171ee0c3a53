"""Markup safety rules: no raw HTML, no script links, no unsafe attributes, ids or nesting."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from markdown.extensions.attr_list import get_attrs_and_remainder

from builder.diagnostics.codes import problem
from builder.diagnostics.diagnostic import Diagnostic
from builder.markdown.limits import nesting_problems
from builder.markdown.rules import ID_PATTERN, allowed_class, allowed_id
from builder.markdown.scan import Found
from builder.source.loader import MarkdownSource
from builder.source.yaml_source import offset_position
from builder.validate.case_view import CaseView

SAFE_SCHEMES = ("https", "http", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers ignore ASCII control characters and whitespace inside a scheme ("java\tscript:").
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]+")
_ATTR_KEY = re.compile(r"([A-Za-z_:][-\w:.]*)=")


def link_scheme(url: str) -> str | None:
    """The scheme a browser would see for `url` (entities decoded), lowercased, or None."""
    decoded = _IGNORED_IN_SCHEME.sub("", html.unescape(url))
    match = _SCHEME.match(decoded)
    return match.group(1).lower() if match else None


def _names(md: MarkdownSource, found: Found, heading_lines: set[int]) -> Iterator[Diagnostic]:
    """Ids and classes in one attribute list."""
    # Split as the renderer's attr_list splits it, so the check sees the ids it would set.
    for key, value in get_attrs_and_remainder(found.text)[0]:
        if key not in ("id", ".") or value is None:
            continue  # other attributes are AGK306 and AGK512
        kind, name = ("id", value) if key == "id" else ("class", value)
        # Heading ids that break the id pattern are AGK304's; reserved ones are refused here.
        if kind == "id" and found.line in heading_lines and not ID_PATTERN.match(name):
            continue
        if not (allowed_id(name) if kind == "id" else allowed_class(name)):
            yield problem(
                "AGK308",
                md.display,
                found.line,
                found.col,
                f"{kind} '{name[:40]}' is not allowed",
                "use lowercase ascii words joined by hyphens, not a name the site uses",
            )


def _nesting(md: MarkdownSource) -> Iterator[Diagnostic]:
    for found in nesting_problems(md.body):
        at = offset_position(md.body, found.offset, md.body_line)
        yield problem("AGK309", md.display, at.line, at.col, found.message, "flatten the structure")


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Check every Markdown file of the case for HTML, link schemes, attributes and nesting."""
    for md in view.source.markdown_sources():
        scan = view.scans[md.display]
        yield from _nesting(md)
        heading_lines = {heading.line for heading in scan.headings}
        for found in scan.html:
            hint = "write &lt; for a literal '<', or put code in backticks"
            yield problem(
                "AGK510",
                md.display,
                found.line,
                found.col,
                f"raw HTML '{found.text}' is not allowed",
                hint,
            )
        for link in scan.links:
            scheme = link_scheme(link.url)
            if scheme is not None and scheme not in SAFE_SCHEMES:
                yield problem(
                    "AGK511",
                    md.display,
                    link.line,
                    link.col,
                    f"'{scheme}:' links are not allowed",
                    "use https links or files in media/",
                )
        for found in scan.attribute_lists:
            yield from _names(md, found, heading_lines)
            for key in _ATTR_KEY.findall(found.text):
                if key.lower().startswith("on"):
                    yield problem(
                        "AGK512",
                        md.display,
                        found.line,
                        found.col,
                        f"event-handler attribute '{key}' is refused",
                    )
                else:
                    yield problem(
                        "AGK306",
                        md.display,
                        found.line,
                        found.col,
                        f"attribute '{key}' is not allowed",
                        "only #id and .class may be set",
                    )
