"""The Braille-ready files of one language site: every narrative and teaching note in its language.

Files sit beside the case page, so that a bundle of the case carries them:
`cases/<id>/<id>.<lang>.brf` and `cases/<id>/<id>.teaching-note.<lang>.brf`.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.braille.documents import Untranslatable, braille_text
from builder.braille.tables import table_for
from builder.model.case import CaseStudy
from builder.render.pages.common import LanguageSite, narrative_brf, note_brf


@dataclass(frozen=True)
class BrailleFiles:
    """BRF files by site path, and the characters their table lacks, by case source file."""

    files: dict[str, bytes]
    untranslatable: dict[str, tuple[Untranslatable, ...]]


def site_braille(site: LanguageSite, *, notes: bool = True) -> BrailleFiles:
    """The BRF files of `site` (none when liblouis has no table for its language).

    Raises builder.braille.liblouis.LiblouisMissing when liblouis is not installed.
    """
    table = table_for(site.lang)
    files: dict[str, bytes] = {}
    problems: dict[str, tuple[Untranslatable, ...]] = {}
    if table is None:
        return BrailleFiles(files, problems)
    for case in site.cases:
        for path, source, title, body in _documents(case, site.lang, notes):
            made = braille_text(table, [title, site.t("site_name"), _address(site, path)], body)
            files[path] = made.brf.encode("ascii")
            if made.untranslatable:
                problems[source] = made.untranslatable
    return BrailleFiles(files, problems)


def _documents(case: CaseStudy, lang: str, notes: bool) -> list[tuple[str, str, str, str]]:
    """(site path, source file, title, body) of the case's texts written in `lang`."""
    found = []
    narrative = case.narratives.get(lang)
    if narrative is not None:
        found.append((narrative_brf(case.id, lang), f"{case.id}/{lang}.md", narrative.title, narrative.body))
    note = case.teaching_notes.get(lang) if notes else None
    if note is not None:
        found.append((note_brf(case.id, lang), f"{case.id}/teaching-note.{lang}.md", note.title, note.body))
    return found


def _address(site: LanguageSite, path: str) -> str:
    """Where the file's case page is published (the title page says where the text comes from)."""
    folder = path.rsplit("/", 1)[0]
    return f"{site.site_url.rstrip('/')}/{site.lang}/{folder}/" if site.site_url else ""
