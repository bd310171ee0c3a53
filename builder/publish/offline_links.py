"""Links of pages taken off the site (bundles, case zips) that lead out of what was taken.

A page in a zip may link to a language, a case or a listing that is not in the zip: such a
link goes to the published site instead, and says that it needs a connection (the text comes
from the page's language and is shown by agk.css after the link). Links to files that are in
the zip are left as they are.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Container
from urllib.parse import quote, unquote

_ATTRIBUTE = re.compile(r'(?P<attr>\b(?:href|src))="(?P<url>[^"]*)"')
_QUERY = re.compile(r"[?#]")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def target(page: str, url: str) -> str | None:
    """The file a relative `url` on `page` points to (both relative to the zip's root), or None
    for an absolute, fragment-only or empty address."""
    if not url or url.startswith(("#", "//", "/")) or _SCHEME.match(url):
        return None
    path, _ = _split(url)
    if not path:
        return None
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(path)))
    if path.endswith("/") or joined in (".", ""):
        joined = posixpath.join(joined, "index.html")
    return joined.removeprefix("./")


def _split(url: str) -> tuple[str, str]:
    """(path, query and fragment) of a relative address."""
    found = _QUERY.search(url)
    cut = found.start() if found else len(url)
    return url[:cut], url[cut:]


def offline_page(html: str, page: str, present: Container[str], site_url: str, note: str) -> str:
    """`html` of `page` with every link to a file not `present` pointing to the published site,
    marked with `note` (the "needs a connection" text in the page's language, escaped)."""

    def rewrite(match: re.Match[str]) -> str:
        url = match.group("url")
        found = target(page, url)
        if found is None or found in present or found.startswith("../"):
            return match.group(0)
        online = site_url.rstrip("/") + "/" + quote(found) + _split(url)[1]
        marks = f' data-agk-online="{note}"' if match.group("attr") == "href" else ""
        return f'{match.group("attr")}="{online}"{marks}'

    return _ATTRIBUTE.sub(rewrite, html)


def dead_links(html: str, page: str, present: Container[str]) -> list[str]:
    """The relative links of `page` to files not `present` (what offline_page would rewrite)."""
    found = (target(page, match.group("url")) for match in _ATTRIBUTE.finditer(html))
    return sorted({path for path in found if path is not None and path not in present})
