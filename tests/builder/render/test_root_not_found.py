"""The site-wide 404 page: on to the reader's language, or the chooser."""

from __future__ import annotations

import json
import re

from builder.model.taxonomy import languages
from builder.render.root_files import not_found_page


def script_values(page: str) -> tuple[list[str], str]:
    match = re.search(r"var built = (\[[^\]]*\]), root = (\"[^\"]*\")", page)
    assert match is not None
    return json.loads(match.group(1)), json.loads(match.group(2))


def test_links_start_at_the_sites_root_path() -> None:
    known = languages()
    page = not_found_page([known["hi"], known["ur"]], "Amrit Gyan Kosh", "https://x.example/kosh/")
    assert script_values(page) == (["hi", "ur"], "/kosh/")
    assert 'href="/kosh/ur/index.html"' in page and 'dir="rtl"' in page
    assert "पृष्ठ नहीं मिला" in page and '<meta name="robots" content="noindex">' in page


def test_without_a_site_url_the_root_is_the_hosts() -> None:
    page = not_found_page([languages()["en"]], "Amrit Gyan Kosh", "")
    assert script_values(page) == (["en"], "/")
