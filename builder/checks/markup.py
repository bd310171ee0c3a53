"""Markup safety rules: no raw HTML, no script links, no unsafe attributes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from builder.catalogue import problem
from builder.checks.case_view import CaseView
from builder.diagnostics import Diagnostic

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


def check(view: CaseView) -> Iterator[Diagnostic]:
    """Check every Markdown file of the case for HTML, link schemes and attributes."""
    for md in view.source.markdown_sources():
        scan = view.scans[md.display]
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
