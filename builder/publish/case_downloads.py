""" "Download for offline reading": a zip of one case page, in each language it is written in.

Made from the built site by the pieces `agk bundle` uses (the reproducible archive, one copy
of the fonts, links out of the zip sent to the published site): the case page with its media
and Braille file, the theme's styles and scripts, the font of the page's script, and an
`index.html` that opens the case. The teaching note stays on the site (the zip is for anyone).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from pathlib import Path

from builder.model.case import CaseStudy
from builder.publish import archive, fonts
from builder.publish.offline_links import offline_page
from builder.render.pages.common import case_md, case_zip, h, html_path
from builder.render.strings import Strings

# Files of the site a case zip leaves out: source maps, the teaching note and its Braille file,
# other zips, and Material's script (a third of a zip; the page reads and prints without it,
# and the zip has no search for it to drive).
_LEFT_OUT = (".map", ".zip", "teaching-note.html")
_LEFT_OUT_FOLDER = "/assets/javascripts/"
_MATERIAL_SCRIPT = re.compile(r'<script src="[^"]*/assets/javascripts/[^"]*"></script>')


def write_case_zips(site: Path, cases: tuple[CaseStudy, ...], site_url: str) -> None:
    """What `agk build` runs on the finished site: a zip beside every case page written in the
    page's language."""
    for lang in sorted(p.name for p in site.iterdir() if (p / "cases").is_dir()):
        for case in cases:
            if lang in case.narratives:
                write_case_zip(site, lang, case, site_url)


def write_case_zip(site: Path, lang: str, case: CaseStudy, site_url: str) -> Path:
    """Write the zip of `case`'s page in `lang` beside the page; returns its path."""
    page = f"{lang}/{html_path(case_md(case.id))}"
    files: dict[str, Path | bytes] = {
        name: path
        for name, path in _files(site, [f"{lang}/cases/{case.id}", f"{lang}/assets"])
        if not name.endswith(_LEFT_OUT) and ".teaching-note." not in name and _LEFT_OUT_FOLDER not in name
    }
    scripts = fonts.scripts_for_languages([lang])
    files = fonts.one_copy(files, [lang], scripts)
    note = h(Strings(lang)("needs_connection"))
    html = _MATERIAL_SCRIPT.sub("", (site / page).read_text(encoding="utf-8"))
    files[page] = offline_page(html, page, set(files), site_url, note).encode("utf-8")
    files["index.html"] = opening_page(page, lang)
    target = site / lang / case_zip(case.id, lang)
    manifest = {"cases": [case.id], "languages": [lang], "generator": "agk build (case download)"}
    archive.write_archive(files, target, manifest)
    return target


def _files(site: Path, folders: Iterable[str]) -> list[tuple[str, Path]]:
    found = []
    for folder in folders:
        root = site / folder
        found += [(p.relative_to(site).as_posix(), p) for p in sorted(root.rglob("*")) if p.is_file()]
    return found


def opening_page(target: str, lang: str) -> bytes:
    """A root index.html that opens `target` at once (from disk too), with a link as fallback."""
    link = h(posixpath.normpath(target))
    return (
        f'<!doctype html>\n<html lang="{h(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="refresh" content="0; url={link}">\n<title>Amrit Gyan Kosh</title>\n</head>\n'
        f'<body>\n<p><a href="{link}">{h(Strings(lang)("site_name"))}</a></p>\n</body>\n</html>\n'
    ).encode()
